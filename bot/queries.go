package bot

import (
	"context"
	"errors"
	"strings"

	"petitiond/cases"
)

// Limits of what one reply lists.
const (
	maxTimelineItems = 3
	maxMineItems     = 10
)

// maxEchoRunes bounds a typed number read back in a reply; tracking
// numbers have 14 characters.
const maxEchoRunes = 24

// ownCase finds a case by the number the person typed, only if it is
// theirs. Someone else's case gets exactly the answer of a missing one:
// the bot confirms nothing about other people's matters. The reply is set
// when there is nothing to show.
func (b *Bot) ownCase(ctx context.Context, openid, no string) (*cases.Case, string, error) {
	c, err := b.svc.GetByTrackingNo(ctx, no)
	// What was typed is read back, but only so much of it: a reply over
	// WeChat's 2048 bytes is never delivered, and the person hears nothing.
	typed := oneLine(no, maxEchoRunes)
	switch {
	case errors.Is(err, cases.ErrTrackingChecksum):
		return nil, render(b.texts.QueryChecksum, "no", oneLine(cases.NormalizeTrackingNo(no), maxEchoRunes)), nil
	case errors.Is(err, cases.ErrTrackingFormat), errors.Is(err, cases.ErrTrackingPrefix):
		return nil, render(b.texts.QueryFormat, "no", typed), nil
	case errors.Is(err, cases.ErrNotFound):
		return nil, render(b.texts.QueryNotFound, "no", oneLine(cases.NormalizeTrackingNo(no), maxEchoRunes)), nil
	case err != nil:
		return nil, "", err
	}
	owns, err := b.cfg.Identities.Owns(ctx, openid, c)
	if err != nil {
		return nil, "", err
	}
	if !owns {
		return nil, render(b.texts.QueryNotFound, "no", c.TrackingNo), nil
	}
	return c, "", nil
}

// query answers 查询 <number>: status, department, deadlines and the
// latest steps of the person's own case.
func (b *Bot) query(ctx context.Context, in Inbound, s *Session, no string) (string, error) {
	c, reply, err := b.ownCase(ctx, in.From, no)
	if err != nil || c == nil {
		return b.withReminder(s, reply), err
	}
	events, err := b.svc.Timeline(ctx, c.ID)
	if err != nil {
		return "", err
	}
	var deadlines strings.Builder
	for _, d := range c.Deadlines {
		met := ""
		if !d.Open() {
			met = b.texts.QueryDeadlineMet
		}
		deadlines.WriteString(render(b.texts.QueryDeadline, "kind", b.deadlineKind(d.Kind), "date", civilDate(d.Due), "met", met))
	}
	var items []string
	for i := len(events) - 1; i >= 0 && len(items) < maxTimelineItems; i-- {
		e := events[i]
		label := b.texts.Actions[e.Action]
		if label == "" {
			continue // internal events (notes, notifications) are not shown
		}
		note := ""
		if e.Action == string(cases.ActionReply) && e.Note != "" {
			note = "：" + oneLine(e.Note, 80)
		}
		at := e.At.In(b.svc.Location())
		items = append(items, render(b.texts.QueryTimelineItem, "date", at.Format("1月2日"), "action", label, "note", note))
	}
	unit := ""
	if c.Unit != "" {
		unit = render(b.texts.QueryUnit, "unit", b.departmentName(c.Unit))
	}
	reply = render(b.texts.QueryResult, "no", c.TrackingNo, "status", c.Status.Label(), "department", b.departmentName(c.Department),
		"unit", unit, "deadlines", deadlines.String(), "timeline", strings.Join(items, "\n"))
	return b.withReminder(s, reply), nil
}

// mine lists the person's open cases (我的), through all their linked
// WeChat identities.
func (b *Bot) mine(ctx context.Context, openid string) (string, error) {
	q, err := b.cfg.Identities.SubmitterQuery(ctx, openid)
	if err != nil {
		return "", err
	}
	q.OpenOnly, q.Limit = true, maxMineItems
	list, err := b.svc.ListBySubmitter(ctx, q)
	if err != nil {
		return "", err
	}
	if len(list) == 0 {
		return b.texts.MineEmpty, nil
	}
	items := make([]string, len(list))
	for i, c := range list {
		items[i] = render(b.texts.MineItem, "no", c.TrackingNo, "status", c.Status.Label(),
			"date", c.CreatedAt.In(b.svc.Location()).Format("1月2日"), "text", snippet(c))
	}
	return render(b.texts.Mine, "items", strings.Join(items, "\n")), nil
}

// snippet is the beginning of a case's text, one line.
func snippet(c *cases.Case) string { return oneLine(c.Text, 15) }

// askWithdraw answers 撤回 <number> with a confirmation question.
func (b *Bot) askWithdraw(ctx context.Context, in Inbound, s *Session, no string) (string, error) {
	c, reply, err := b.ownCase(ctx, in.From, no)
	if err != nil || c == nil {
		return b.withReminder(s, reply), err
	}
	if !withdrawable(c.Status) {
		return b.withReminder(s, render(b.texts.WithdrawNotAllowed, "no", c.TrackingNo, "status", c.Status.Label())), nil
	}
	s.Pending = &Pending{Kind: pendingWithdraw, CaseID: c.ID, TrackingNo: c.TrackingNo}
	return render(b.texts.WithdrawAsk, "no", c.TrackingNo, "text", snippet(c)), nil
}

func withdrawable(st cases.Status) bool {
	for _, a := range cases.Allowed(st) {
		if a == cases.ActionWithdraw {
			return true
		}
	}
	return false
}

func (b *Bot) withdraw(ctx context.Context, s *Session, p *Pending) (string, error) {
	c, err := b.svc.Withdraw(ctx, p.CaseID, cases.Citizen, b.texts.WithdrawReason)
	if errors.Is(err, cases.ErrInvalidTransition) {
		current, gerr := b.svc.Get(ctx, p.CaseID)
		if gerr != nil {
			return "", gerr
		}
		return b.withReminder(s, render(b.texts.WithdrawNotAllowed, "no", p.TrackingNo, "status", current.Status.Label())), nil
	}
	if err != nil {
		return "", err
	}
	if s.UrgentCase == c.ID {
		*s = Session{}
	}
	return b.withReminder(s, render(b.texts.WithdrawDone, "no", c.TrackingNo)), nil
}
