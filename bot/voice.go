package bot

import (
	"context"
	"strings"

	"petitiond/cases"
)

// maxNoteRunes bounds the recognition kept as a voice attachment's note.
const maxNoteRunes = 1000

// onVoice handles a voice message. Older people often speak rather than
// type; WeChat's recognition (when the account enables it) errs, so what
// was understood is read back before it is used, and the voice itself is
// kept for staff to listen to. An urgent recognition is stored at once:
// the read-back would be a further question.
func (b *Bot) onVoice(ctx context.Context, in Inbound, s *Session) (string, error) {
	if !cases.ValidAttachmentRef(in.MediaID) {
		return b.withReminder(s, b.texts.Unsupported), nil
	}
	rec := truncateRunes(strings.TrimSpace(in.Recognition), maxNoteRunes)
	att := cases.Attachment{Kind: "voice", Ref: in.MediaID, Note: rec, Origin: cases.OriginWeChat}
	if s.Step == stepUrgentMore {
		return b.supplement(ctx, s, rec, []cases.Attachment{att})
	}
	if rec == "" {
		return b.unrecognized(s, att), nil
	}
	if s.Step == "" || s.Step == stepDescribe || s.Step == stepMedia {
		probe := *s
		if probe.Step == "" {
			probe = Session{Step: stepDescribe, Kind: cases.KindComplaint}
		}
		b.addText(&probe, rec)
		a, err := b.assess(&probe)
		if err != nil {
			return "", err
		}
		if a.Classification.Urgent {
			*s = probe
			b.attach(s, att)
			return b.storeUrgent(ctx, in, s, a), nil
		}
	}
	prev := s.Pending
	if prev != nil && prev.Kind == pendingVoice {
		prev = prev.Prev // a new voice replaces an unconfirmed one
	}
	s.Pending = &Pending{Kind: pendingVoice, Text: rec, MediaID: in.MediaID, Prev: prev}
	return render(b.texts.VoiceReadBack, "text", rec), nil
}

// unrecognized keeps a voice WeChat could not put into words with the
// draft and asks for a few typed words, or offers to submit the voice as
// it is.
func (b *Bot) unrecognized(s *Session, att cases.Attachment) string {
	if !s.drafting() {
		*s = Session{Step: stepDescribe, Kind: cases.KindComplaint}
	}
	if !b.attach(s, att) {
		return b.footer(b.texts.TooManyImages)
	}
	switch s.Step {
	case stepDescribe:
		if s.Text != "" {
			return b.footer(b.texts.NeedMoreText)
		}
		return b.footer(b.texts.VoiceUnrecognized)
	case stepMedia:
		return b.footer(b.texts.TextAdded)
	}
	return joinLines(b.texts.VoiceUnclear, b.ask(s))
}

// answerPending treats the message as the answer to the question the bot
// asked last. handled is false when it is not an answer: the message is
// then handled as usual (after reply, if any).
func (b *Bot) answerPending(ctx context.Context, in Inbound, s *Session, p *Pending, raw, norm string) (reply string, handled bool, err error) {
	switch p.Kind {
	case pendingVoice:
		s.Pending = p.Prev
		switch {
		case b.cmd.yes[norm]:
			att := cases.Attachment{Kind: "voice", Ref: p.MediaID, Note: p.Text, Origin: cases.OriginWeChat}
			reply, err := b.onText(ctx, in, s, p.Text, &att)
			return reply, true, err
		case b.cmd.no[norm]:
			return b.texts.VoiceRetry, true, nil
		}
	case pendingWithdraw:
		switch {
		case b.cmd.yes[norm]:
			reply, err := b.withdraw(ctx, s, p)
			return reply, true, err
		case b.cmd.no[norm]:
			return b.withReminder(s, b.texts.WithdrawKept), true, nil
		}
		return b.texts.WithdrawKept, false, nil
	case pendingReason:
		if b.isCommand(norm) {
			return "", false, nil
		}
		reply, err := b.recordFollowUp(ctx, s, p.CaseID, p.TrackingNo, cases.RatingUnsatisfied, raw)
		return reply, true, err
	case pendingPhone:
		if cases.ValidPhone(norm) {
			reply, err := b.savePhone(ctx, s, p.TaskID, norm)
			return reply, true, err
		}
	}
	return "", false, nil
}

// isCommand reports whether norm is one of the words that act at any time.
func (b *Bot) isCommand(norm string) bool {
	if b.cmd.cancel[norm] || b.cmd.human[norm] || b.cmd.mine[norm] || b.cmd.status[norm] || b.cmd.help[norm] {
		return true
	}
	_, q := withPrefix(norm, b.cmd.queryPrefix)
	_, w := withPrefix(norm, b.cmd.withdrawPrefix)
	return q || w
}
