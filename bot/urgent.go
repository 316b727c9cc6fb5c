package bot

import (
	"context"
	"errors"
	"strings"

	"petitiond/cases"
)

// storeUrgent stores an urgent draft at once, before any further question:
// a draft in Redis may be lost, an urgent matter may not. The case is
// marked urgent (critical dispatch), a callback task asks a human to call,
// and the person is given the emergency numbers that fit. Whatever they
// send next is added to the case.
func (b *Bot) storeUrgent(ctx context.Context, in Inbound, s *Session, a Assessment) string {
	numbers := b.emergencyNumbers(a.Classification.UrgentCues)
	cls := a.Classification
	cls.Urgent = true
	req := b.request(ctx, in, s)
	if req.Text == "" {
		req.Text = b.texts.VoiceOnlyText
	}
	req.Classification = &cls
	c, _, err := b.svc.Submit(ctx, req)
	if err != nil {
		// The draft stays; the numbers are given all the same.
		b.log.Error("bot: store urgent case", "err", err)
		return render(b.texts.UrgentFailed, "numbers", numbers)
	}
	phone := ""
	if id, err := b.cfg.Identities.Get(ctx, in.From); err == nil {
		phone = id.Phone
	}
	if _, err := b.cfg.Calls.RequestCallback(ctx, in.From, phone, b.texts.UrgentCallbackReason, c.ID); err != nil {
		b.log.Error("bot: callback for urgent case", "case", c.ID, "tracking_no", c.TrackingNo, "err", err)
	}
	*s = Session{Step: stepUrgentMore, Kind: req.Kind, UrgentCase: c.ID, UrgentNo: c.TrackingNo}
	return joinLines(render(b.texts.Urgent, "no", c.TrackingNo, "numbers", numbers), b.texts.UrgentContinue)
}

// emergencyNumbers picks the numbers for the urgent cues (each cue is
// "<category>：<words>") by the city's rules, in rule order.
func (b *Bot) emergencyNumbers(cues []string) string {
	seen := map[string]bool{}
	var picked []string
	for _, cue := range cues {
		label, words, found := strings.Cut(cue, "：")
		if !found {
			label, words = "", cue
		}
		for _, r := range b.texts.EmergencyRules {
			if r.Label != "" && !strings.Contains(label, r.Label) {
				continue
			}
			if len(r.Words) > 0 && !containsAny(words, r.Words) {
				continue
			}
			for _, n := range r.Numbers {
				if !seen[n] {
					seen[n] = true
					picked = append(picked, n)
				}
			}
			break
		}
	}
	if len(picked) == 0 {
		picked = b.texts.EmergencyFallback
	}
	out := make([]string, len(picked))
	for i, n := range picked {
		out[i] = render(b.texts.EmergencyNumber, "number", n, "name", b.texts.EmergencyNumbers[n])
	}
	return strings.Join(out, "、")
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// urgentMore adds what the person sends after an urgent case was stored.
func (b *Bot) urgentMore(ctx context.Context, in Inbound, s *Session, raw, norm string, voice *cases.Attachment) (string, error) {
	if voice == nil && (b.cmd.done[norm] || b.cmd.confirm[norm]) {
		no := s.UrgentNo
		*s = Session{}
		return render(b.texts.UrgentDone, "no", no), nil
	}
	var atts []cases.Attachment
	if voice != nil {
		atts = append(atts, *voice)
	}
	return b.supplement(ctx, s, raw, atts)
}

// supplement adds text or attachments to the urgent case of the draft.
func (b *Bot) supplement(ctx context.Context, s *Session, text string, atts []cases.Attachment) (string, error) {
	c, err := b.svc.AddSupplement(ctx, s.UrgentCase, cases.Citizen, text, atts)
	switch {
	case errors.Is(err, cases.ErrInvalidTransition):
		// Staff closed or the person withdrew it meanwhile.
		*s = Session{}
		return b.texts.Help, nil
	case err != nil:
		if v, ok := cases.IsValidation(err); ok {
			return render(b.texts.SubmitInvalid, "reason", v.Message), nil
		}
		return "", err
	}
	return render(b.texts.UrgentAdded, "no", c.TrackingNo), nil
}
