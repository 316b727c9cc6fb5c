package bot

import (
	"context"
	"strings"
	"unicode/utf8"

	"petitiond/cases"
)

// minDescriptionRunes is the shortest text taken as a description; shorter
// free text gets help (or a request for more words during intake).
const minDescriptionRunes = 8

// handle is one message of the conversation: it reads and changes s and
// returns the reply ("" for none). An error means nothing was committed and
// the message may be handled again.
func (b *Bot) handle(ctx context.Context, in Inbound, s *Session) (string, error) {
	switch in.Type {
	case typeEvent:
		return b.onEvent(ctx, in, s)
	case typeText:
		return b.onText(ctx, in, s, in.Content, nil)
	case typeVoice:
		return b.onVoice(ctx, in, s)
	case typeImage:
		return b.onImage(ctx, in, s)
	case typeLocation:
		return b.onLocation(ctx, in, s)
	}
	return b.withReminder(s, b.texts.Unsupported), nil
}

func (b *Bot) onEvent(ctx context.Context, in Inbound, s *Session) (string, error) {
	switch in.Event {
	case eventSubscribe:
		if err := b.cfg.Identities.Link(ctx, in.From, "", cases.IdentityOA); err != nil {
			return "", err
		}
		return b.texts.Welcome, nil
	case eventUnsubscribe:
		*s = Session{}
		return "", nil
	case eventClick:
		switch b.texts.Menu[in.EventKey] {
		case "complaint":
			return b.start(s, cases.KindComplaint, ""), nil
		case "petition":
			return b.start(s, cases.KindPetition, ""), nil
		case "business":
			return b.start(s, cases.KindBusiness, ""), nil
		case "status":
			return b.status(ctx, in, s)
		}
	}
	// Other events (menu views, scans, template receipts) need no answer.
	return "", nil
}

// onText handles typed text, and recognized speech the person confirmed
// (voice is then the voice message to keep with the draft).
func (b *Bot) onText(ctx context.Context, in Inbound, s *Session, raw string, voice *cases.Attachment) (string, error) {
	raw = strings.TrimSpace(raw)
	norm := normalize(raw)
	var prefix string
	if p := s.Pending; p != nil {
		s.Pending = nil
		reply, handled, err := b.answerPending(ctx, in, s, p, raw, norm)
		if handled || err != nil {
			return reply, err
		}
		prefix = reply
	}
	reply, err := b.onCommandOrStep(ctx, in, s, raw, norm, voice)
	if prefix != "" && reply != "" {
		reply = prefix + "\n" + reply
	}
	return reply, err
}

func (b *Bot) onCommandOrStep(ctx context.Context, in Inbound, s *Session, raw, norm string, voice *cases.Attachment) (string, error) {
	switch {
	case b.cmd.cancel[norm]:
		return b.cancel(s), nil
	case b.cmd.human[norm]:
		return b.human(ctx, in, s)
	case b.cmd.mine[norm]:
		reply, err := b.mine(ctx, in.From)
		return b.withReminder(s, reply), err
	case b.cmd.status[norm]:
		return b.status(ctx, in, s)
	case b.cmd.help[norm] || norm == "":
		return b.withReminder(s, b.texts.Help), nil
	}
	if no, ok := withPrefix(norm, b.cmd.queryPrefix); ok {
		return b.query(ctx, in, s, no)
	}
	if no, ok := withPrefix(norm, b.cmd.withdrawPrefix); ok {
		return b.askWithdraw(ctx, in, s, no)
	}
	for _, p := range b.cmd.withdrawPrefix {
		if norm == p {
			return b.withReminder(s, b.texts.WithdrawHow), nil
		}
	}
	if rating, comment, ok := b.cmd.parseRating(raw); ok {
		reply, handled, err := b.followUp(ctx, in, s, rating, comment)
		if handled || err != nil {
			return reply, err
		}
	}
	if !s.drafting() {
		if cases.LooksLikeTrackingNo(norm) {
			return b.query(ctx, in, s, norm)
		}
		return b.idleText(ctx, in, s, raw, norm, voice)
	}
	return b.step(ctx, in, s, raw, norm, voice)
}

// idleText is free text from a person with no draft: a kind word starts an
// intake; a description starts one as a complaint; anything urgent is
// stored at once; anything else gets help.
func (b *Bot) idleText(ctx context.Context, in Inbound, s *Session, raw, norm string, voice *cases.Attachment) (string, error) {
	switch {
	case b.cmd.complaint[norm]:
		return b.start(s, cases.KindComplaint, ""), nil
	case b.cmd.petition[norm]:
		return b.start(s, cases.KindPetition, ""), nil
	case b.cmd.business[norm]:
		return b.start(s, cases.KindBusiness, ""), nil
	case b.cmd.confirm[norm] || b.cmd.done[norm]:
		return b.texts.DraftExpired, nil
	}
	*s = Session{Step: stepDescribe, Kind: cases.KindComplaint}
	if voice != nil {
		s.Attachments = append(s.Attachments, *voice)
	}
	a, urgent, err := b.describe(ctx, in, s, raw)
	if urgent != "" || err != nil {
		return urgent, err
	}
	if utf8.RuneCountInString(raw) < minDescriptionRunes {
		*s = Session{}
		return b.texts.Help, nil
	}
	return b.described(s, a, render(b.texts.StartedFromText, "kind", b.texts.Kinds[string(s.Kind)])), nil
}

// start begins an intake of kind, dropping any earlier draft.
func (b *Bot) start(s *Session, kind cases.Kind, prefix string) string {
	*s = Session{Step: stepDescribe, Kind: kind}
	return joinLines(prefix, b.ask(s))
}

func (b *Bot) cancel(s *Session) string {
	switch {
	case s.UrgentCase != "":
		no := s.UrgentNo
		*s = Session{}
		return render(b.texts.CancelledAfterUrgent, "no", no)
	case s.drafting():
		*s = Session{}
		return b.texts.Cancelled
	}
	return b.texts.NothingToCancel
}

// status is the 查询进度 menu: the person's open cases and how to ask.
func (b *Bot) status(ctx context.Context, in Inbound, s *Session) (string, error) {
	reply, err := b.mine(ctx, in.From)
	if err != nil {
		return "", err
	}
	return b.withReminder(s, joinLines(reply, b.texts.QueryHow)), nil
}

// withReminder adds to an aside (a query, help) what the draft under way
// is waiting for, so the person can carry on.
func (b *Bot) withReminder(s *Session, text string) string {
	if !s.drafting() {
		return text
	}
	return joinLines(text, render(b.texts.DraftPending, "prompt", b.prompt(s)))
}

// addText appends to the description, within the domain's limit.
func (b *Bot) addText(s *Session, raw string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return
	}
	if s.Text != "" {
		raw = s.Text + "\n" + raw
	}
	if r := []rune(raw); len(r) > cases.MaxTextRunes {
		raw = string(r[:cases.MaxTextRunes])
	}
	s.Text = raw
}

func (b *Bot) assess(s *Session) (Assessment, error) {
	return b.cfg.Assess(AssessInput{Text: s.Text, Kind: s.Kind, Answers: s.Answers})
}

func joinLines(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}
