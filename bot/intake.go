package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"petitiond/cases"
	"petitiond/classifier"
)

// minAdditionRunes is the shortest text added to the description after it
// was given.
const minAdditionRunes = 4

// step feeds text to the intake step the draft is at.
func (b *Bot) step(ctx context.Context, in Inbound, s *Session, raw, norm string, voice *cases.Attachment) (string, error) {
	if voice != nil && s.Step != stepUrgentMore {
		b.attach(s, *voice)
	}
	switch s.Step {
	case stepDescribe:
		if b.cmd.confirm[norm] && s.voiceOnly() {
			return b.submitVoiceOnly(ctx, in, s)
		}
		a, urgent, err := b.describe(ctx, in, s, raw)
		if urgent != "" || err != nil {
			return urgent, err
		}
		if utf8.RuneCountInString(s.Text) < minDescriptionRunes {
			return b.footer(b.texts.NeedMoreText), nil
		}
		return b.described(s, a, ""), nil
	case stepClarify:
		return b.clarified(ctx, in, s, raw, norm)
	case stepMedia:
		if b.cmd.done[norm] || b.cmd.confirm[norm] {
			return b.afterMedia(s)
		}
		if utf8.RuneCountInString(norm) < minAdditionRunes {
			// "2", "嗯": not worth adding to the description.
			return b.notAnAnswer(ctx, in, s, raw, b.ask(s))
		}
		if _, urgent, err := b.describe(ctx, in, s, raw); urgent != "" || err != nil {
			return urgent, err
		}
		return b.footer(b.texts.TextAdded), nil
	case stepCompanyName:
		name := strings.TrimSpace(raw)
		if name == "" || utf8.RuneCountInString(name) > cases.MaxCompanyRunes {
			return b.ask(s), nil
		}
		s.Company.Name = name
		s.Step = stepCreditCode
		return b.ask(s), nil
	case stepCreditCode:
		code := cases.NormalizeCreditCode(raw)
		if problem := b.creditCodeProblem(code); problem != "" {
			return b.notAnAnswer(ctx, in, s, raw, b.footer(problem))
		}
		s.Company.CreditCode = code
		s.Step = stepConfidential
		return b.ask(s), nil
	case stepConfidential:
		i := choice(raw, []string{"需要保密", "不需要"})
		switch {
		case b.cmd.confirm[norm]:
			// 确认 is the submit word: here it would silently choose
			// confidentiality for the person, so ask plainly again.
			i = -1
		case b.cmd.yes[norm]:
			i = 0
		case b.cmd.no[norm] || norm == "不用":
			i = 1
		}
		if i < 0 {
			return b.notAnAnswer(ctx, in, s, raw, b.ask(s))
		}
		yes := i == 0
		s.Confidential = &yes
		return b.toConfirm(s)
	case stepConfirm:
		if b.cmd.confirm[norm] {
			return b.submit(ctx, in, s)
		}
		return b.notAnAnswer(ctx, in, s, raw, b.texts.ConfirmAgain)
	case stepUrgentMore:
		return b.urgentMore(ctx, in, s, raw, norm, voice)
	}
	// An unknown step (a session from an older version): start afresh.
	*s = Session{}
	return b.idleText(ctx, in, s, raw, norm, voice)
}

// describe adds text to the description and assesses the draft; an urgent
// draft is stored at once and urgent is the reply.
func (b *Bot) describe(ctx context.Context, in Inbound, s *Session, raw string) (a Assessment, urgent string, err error) {
	b.addText(s, raw)
	if a, err = b.assess(s); err != nil {
		return a, "", err
	}
	if a.Classification.Urgent {
		return a, b.storeUrgent(ctx, in, s, a), nil
	}
	return a, "", nil
}

// notAnAnswer is the reply to text that does not answer the step's
// question. Such text may still be urgent ("我现在就在楼顶上"): then the
// draft is stored at once with it.
func (b *Bot) notAnAnswer(ctx context.Context, in Inbound, s *Session, raw, reply string) (string, error) {
	if utf8.RuneCountInString(raw) < 4 {
		return reply, nil
	}
	probe := *s
	b.addText(&probe, raw)
	a, err := b.assess(&probe)
	if err != nil || !a.Classification.Urgent {
		return reply, err
	}
	*s = probe
	return b.storeUrgent(ctx, in, s, a), nil
}

// described moves on after the description (or an answer) was assessed:
// a clarifying question if the classifier has one, else photos and place.
func (b *Bot) described(s *Session, a Assessment, prefix string) string {
	if q := a.Question; q != nil && len(q.Options) > 0 && s.Asked < maxClarifications {
		s.Step, s.Question = stepClarify, q
		s.Asked++
		return joinLines(prefix, b.ask(s))
	}
	s.Step, s.Question = stepMedia, nil
	return joinLines(prefix, b.ask(s))
}

func (b *Bot) clarified(ctx context.Context, in Inbound, s *Session, raw, norm string) (string, error) {
	q := s.Question
	if q == nil {
		s.Step = stepMedia
		return b.ask(s), nil
	}
	i := choice(norm, optionLabels(q))
	if i < 0 {
		for j, o := range q.Options {
			if (o.Value == classifier.AnswerYes && b.cmd.yes[norm]) || (o.Value == classifier.AnswerNo && b.cmd.no[norm]) {
				i = j
			}
		}
	}
	if i < 0 {
		return b.notAnAnswer(ctx, in, s, raw, joinLines(render(b.texts.ClarifyAgain, "n", strconv.Itoa(len(q.Options))), b.ask(s)))
	}
	if s.Answers == nil {
		s.Answers = map[string]string{}
	}
	s.Answers[q.Key] = q.Options[i].Value
	a, err := b.assess(s)
	if err != nil {
		return "", err
	}
	return b.described(s, a, ""), nil
}

func (b *Bot) afterMedia(s *Session) (string, error) {
	if s.Kind == cases.KindBusiness {
		s.Step = stepCompanyName
		if s.Company.Name != "" {
			s.Step = stepCreditCode
		}
		return b.ask(s), nil
	}
	s.Step = stepConfidential
	return b.ask(s), nil
}

// toConfirm assesses the finished draft once more and shows the summary;
// the classification shown is the one that will be stored.
func (b *Bot) toConfirm(s *Session) (string, error) {
	a, err := b.assess(s)
	if err != nil {
		return "", err
	}
	cls := a.Classification
	s.Result = &cls
	s.Step = stepConfirm
	return b.summary(s, a), nil
}

// creditCodeProblem says in plain words what is wrong with a unified social
// credit code, or "" when it is valid.
func (b *Bot) creditCodeProblem(code string) string {
	switch {
	case cases.ValidCreditCode(code):
		return ""
	case utf8.RuneCountInString(code) != 18:
		return render(b.texts.CreditCodeLength, "n", strconv.Itoa(utf8.RuneCountInString(code)))
	case !alphanumeric(code) || strings.ContainsAny(code, "IOSVZ"):
		return b.texts.CreditCodeChars
	}
	return render(b.texts.CreditCodeCheck, "code", code)
}

// ask is the prompt of the current step with the intake footer.
func (b *Bot) ask(s *Session) string {
	if s.Step == stepConfirm || s.Step == stepUrgentMore {
		return b.prompt(s)
	}
	return b.footer(b.prompt(s))
}

func (b *Bot) footer(text string) string { return text + "\n" + b.texts.IntakeFooter }

// prompt is what the current step asks.
func (b *Bot) prompt(s *Session) string {
	switch s.Step {
	case stepDescribe:
		if s.voiceOnly() {
			return b.texts.VoiceUnrecognized
		}
		return b.texts.AskDescription[string(s.Kind)]
	case stepClarify:
		if q := s.Question; q != nil {
			var opts []string
			for i, o := range q.Options {
				opts = append(opts, fmt.Sprintf("%d. %s", i+1, o.Label))
			}
			return render(b.texts.Clarify, "question", q.Text, "options", strings.Join(opts, "\n"))
		}
	case stepCompanyName:
		return b.texts.AskCompanyName
	case stepCreditCode:
		return b.texts.AskCreditCode
	case stepConfidential:
		return b.texts.AskConfidential
	case stepConfirm:
		return b.texts.ConfirmAgain
	case stepUrgentMore:
		return b.texts.UrgentContinue
	}
	return b.texts.AskMedia
}

// attach keeps a photo or voice with the draft; false when the draft has
// as many as a case may carry.
func (b *Bot) attach(s *Session, a cases.Attachment) bool {
	if len(s.Attachments) >= cases.MaxAttachments || (a.Kind == "image" && s.count("image") >= cases.MaxImages) {
		return false
	}
	s.Attachments = append(s.Attachments, a)
	return true
}

func (b *Bot) onImage(ctx context.Context, in Inbound, s *Session) (string, error) {
	att := cases.Attachment{Kind: "image", Ref: in.MediaID, Origin: cases.OriginWeChat}
	if !cases.ValidAttachmentRef(in.MediaID) {
		return b.withReminder(s, b.texts.Unsupported), nil
	}
	switch s.Step {
	case stepUrgentMore:
		return b.supplement(ctx, s, "", []cases.Attachment{att})
	case "":
		*s = Session{Step: stepDescribe, Kind: cases.KindComplaint}
		b.attach(s, att)
		return b.footer(b.texts.MediaNeedText), nil
	}
	if !b.attach(s, att) {
		return b.footer(b.texts.TooManyImages), nil
	}
	ack := render(b.texts.ImageReceived, "n", strconv.Itoa(s.count("image")))
	switch s.Step {
	case stepDescribe:
		return b.footer(b.texts.MediaNeedText), nil
	case stepMedia:
		return b.footer(ack), nil
	}
	return joinLines(ack, b.ask(s)), nil
}

func (b *Bot) onLocation(ctx context.Context, in Inbound, s *Session) (string, error) {
	// Kept in the draft, a point off the Earth would refuse every 确认
	// (and an urgent case) until the person cancelled.
	if !cases.ValidCoordinates(in.Lat, in.Lng) {
		return b.withReminder(s, b.texts.LocationInvalid), nil
	}
	loc := &cases.Location{Lat: in.Lat, Lng: in.Lng, Address: truncateRunes(in.Label, cases.MaxAddressRunes)}
	label := ""
	if loc.Address != "" {
		label = "：" + loc.Address
	}
	switch s.Step {
	case "":
		return b.texts.NotOursLocation, nil
	case stepUrgentMore:
		return b.supplement(ctx, s, fmt.Sprintf("事发位置%s（%.6f, %.6f）", label, loc.Lat, loc.Lng), nil)
	}
	s.Location = loc
	ack := render(b.texts.LocationReceived, "label", label)
	if s.Step == stepMedia {
		return b.footer(ack), nil
	}
	return joinLines(ack, b.ask(s)), nil
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
