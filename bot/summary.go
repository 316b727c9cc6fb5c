package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"petitiond/calendar"
	"petitiond/cases"
)

// maxReplyBytes keeps a passive text reply within what WeChat delivers
// (2048 bytes of UTF-8).
const maxReplyBytes = 2000

// summary shows the finished draft with the channel, the department and
// the guidance, shortened to fit one reply: the explanation goes first,
// then time limits from the last.
func (b *Bot) summary(s *Session, a Assessment) string {
	t := b.texts
	var extras []string
	if n := s.count("image"); n > 0 {
		extras = append(extras, render(t.SummaryPhotos, "n", strconv.Itoa(n)))
	}
	if s.Location != nil {
		label := s.Location.Address
		if label == "" {
			label = fmt.Sprintf("%.5f, %.5f", s.Location.Lat, s.Location.Lng)
		}
		extras = append(extras, render(t.SummaryLocation, "label", label))
	}
	if n := s.count("voice"); n > 0 {
		extras = append(extras, render(t.SummaryVoice, "n", strconv.Itoa(n)))
	}
	if s.Kind == cases.KindBusiness {
		extras = append(extras, render(t.SummaryCompany, "name", s.Company.Name, "code", s.Company.CreditCode))
	}
	if s.Confidential != nil {
		answer := t.ConfidentialNo
		if *s.Confidential {
			answer = t.ConfidentialYes
		}
		extras = append(extras, render(t.SummaryConfidential, "answer", answer))
	}
	extra := ""
	if len(extras) > 0 {
		extra = "\n" + strings.Join(extras, "\n")
	}
	channel := t.Channels[string(a.Classification.Channel)]
	if channel == "" {
		channel = string(a.Classification.Channel)
	}
	var explanation string
	var limits []string
	if g := a.Guidance; g != nil {
		channel = g.Title
		if g.Explanation != "" {
			explanation = render(t.GuidanceExplanation, "text", firstSentence(g.Explanation))
		}
		for _, l := range g.TimeLimits {
			limits = append(limits, render(t.GuidanceLimit, "text", l.Description, "law", l.Law, "article", l.Article))
		}
	}
	build := func(explanation string, limits []string) string {
		var g []string
		if explanation != "" {
			g = append(g, explanation)
		}
		if len(limits) > 0 {
			g = append(g, t.GuidanceLimits)
			g = append(g, limits...)
		}
		out := render(t.Summary, "kind", t.Kinds[string(s.Kind)], "text", oneLine(s.Text, 60),
			"channel", channel, "department", b.departmentName(a.Classification.Department),
			"extras", extra, "guidance", strings.Join(g, "\n"))
		return strings.ReplaceAll(out, "\n\n", "\n") // an empty {guidance} line
	}
	out := build(explanation, limits)
	if len(out) > maxReplyBytes {
		explanation = ""
		out = build(explanation, limits)
	}
	for len(out) > maxReplyBytes && len(limits) > 0 {
		limits = limits[:len(limits)-1]
		out = build(explanation, limits)
	}
	return out
}

// firstSentence keeps an explanation to its first sentence.
func firstSentence(s string) string {
	if i := strings.Index(s, "。"); i > 0 {
		return s[:i+len("。")]
	}
	return s
}

// oneLine is the beginning of a text on one line, with "…" when cut.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	return truncateRunes(s, n) + ellipsis(s, n)
}

func ellipsis(s string, n int) string {
	if len([]rune(s)) > n {
		return "…"
	}
	return ""
}

// submit stores the confirmed draft. The confirming message's MsgId is the
// idempotency key, so a retry of "确认" never makes a second case.
func (b *Bot) submit(ctx context.Context, in Inbound, s *Session) (string, error) {
	req := b.request(ctx, in, s)
	req.Classification = s.Result
	c, _, err := b.svc.Submit(ctx, req)
	if err != nil {
		return b.submitError(err), nil
	}
	*s = Session{}
	return b.submitted(c), nil
}

// submitVoiceOnly stores a draft that is only a voice message the person
// cannot put into words: staff listen to it and classify it.
func (b *Bot) submitVoiceOnly(ctx context.Context, in Inbound, s *Session) (string, error) {
	req := b.request(ctx, in, s)
	req.Text = b.texts.VoiceOnlyText
	req.Classification = &cases.Classification{Channel: cases.ChannelPetition, Department: b.texts.VoiceOnlyDepartment,
		Reasons: []string{"仅有语音，未识别文字：待工作人员收听后分类"}}
	c, _, err := b.svc.Submit(ctx, req)
	if err != nil {
		return b.submitError(err), nil
	}
	*s = Session{}
	return render(b.texts.VoiceSubmitted, "no", c.TrackingNo), nil
}

// request is the draft as a submission. A business report without a valid
// company (an urgent or voice-only one stored early) goes in as a
// complaint rather than not at all.
func (b *Bot) request(ctx context.Context, in Inbound, s *Session) cases.SubmitRequest {
	sub := cases.Submitter{OpenID: in.From}
	if id, err := b.cfg.Identities.Get(ctx, in.From); err == nil {
		sub.UnionID = id.UnionID
	}
	kind := s.Kind
	if kind == "" {
		kind = cases.KindComplaint
	}
	var company cases.Company
	if kind == cases.KindBusiness {
		company = s.Company
		if company.Name == "" || !cases.ValidCreditCode(company.CreditCode) {
			kind, company = cases.KindComplaint, cases.Company{}
		}
	}
	return cases.SubmitRequest{
		Kind: kind, Text: s.Text, Source: cases.SourceBot, Submitter: sub, Company: company,
		Location: s.Location, Attachments: s.Attachments, Confidential: s.Confidential != nil && *s.Confidential,
		Answers: s.Answers, IdempotencyKey: in.idempotencyKey(),
	}
}

// submitError is the polite reply to a failed submission; the draft stays.
func (b *Bot) submitError(err error) string {
	if v, ok := cases.IsValidation(err); ok {
		return render(b.texts.SubmitInvalid, "reason", v.Message)
	}
	b.log.Error("bot: submit case", "err", err)
	return b.texts.SubmitFailed
}

func (b *Bot) submitted(c *cases.Case) string {
	var ds []string
	for _, d := range c.Deadlines {
		if d.Open() {
			ds = append(ds, render(b.texts.SubmittedDeadline, "kind", b.deadlineKind(d.Kind), "date", civilDate(d.Due)))
		}
	}
	return render(b.texts.Submitted, "no", c.TrackingNo, "deadlines", strings.Join(ds, ""))
}

func (b *Bot) deadlineKind(k string) string {
	if l := b.texts.DeadlineKinds[k]; l != "" {
		return l
	}
	return k
}

// civilDate is a date as people write it: 2026年11月9日.
func civilDate(d calendar.Date) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}
