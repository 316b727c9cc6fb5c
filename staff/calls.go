package staff

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"petitiond/cases"
)

// Call outcomes a caller records.
const (
	CallReached     = "reached"
	CallNoAnswer    = "no_answer"
	CallBusy        = "busy"
	CallWrongNumber = "wrong_number"
	CallRefused     = "refused"
)

// CallOutcomes lists the outcomes in display order.
var CallOutcomes = []string{CallReached, CallNoAnswer, CallBusy, CallWrongNumber, CallRefused}

// CallOutcomeLabel names an outcome in Chinese.
func CallOutcomeLabel(o string) string {
	switch o {
	case CallReached:
		return "已接通"
	case CallNoAnswer:
		return "无人接听"
	case CallBusy:
		return "占线/关机"
	case CallWrongNumber:
		return "号码错误"
	case CallRefused:
		return "拒绝回访"
	}
	return o
}

// Retry policy of unanswered calls: again after CallRetryAfter, at most
// MaxCallAttempts calls in all.
const (
	MaxCallAttempts = 3
	CallRetryAfter  = 2 * time.Hour
)

// ErrTaskTaken: another caller is working the task.
var ErrTaskTaken = errors.New("call task assigned to another caller")

// CallCase is the least of a case a caller needs for the script.
type CallCase struct {
	TrackingNo string
	Kind       cases.Kind
	Status     cases.Status
	CreatedAt  time.Time
	Unit       string
	Name       string // masked: for the greeting
	Summary    string // the first words of the matter
	Result     string // the unit's last reply or closing result
}

// CallView is a call task as a caller sees it: the phone masked until
// revealed (audited).
type CallView struct {
	cases.CallTask
	PhoneMasked string
	Case        *CallCase
}

func (d *Desk) callView(ctx context.Context, t *cases.CallTask, withCase bool) (CallView, error) {
	v := CallView{CallTask: *t}
	v.Phone = ""
	phone := t.Phone
	var c *cases.Case
	if t.CaseID != "" {
		var err error
		if c, err = d.svc.Get(ctx, t.CaseID); err != nil && !errors.Is(err, cases.ErrNotFound) {
			return v, err
		}
		if phone == "" && c != nil {
			phone = c.Submitter.Phone
		}
	}
	v.PhoneMasked = MaskPhone(phone)
	if withCase && c != nil {
		cc := &CallCase{TrackingNo: c.TrackingNo, Kind: c.Kind, Status: c.Status, CreatedAt: c.CreatedAt,
			Unit: d.units.Name(c.Unit), Name: MaskName(c.Submitter.Name), Summary: summary(c.Text, 40)}
		events, err := d.svc.Timeline(ctx, c.ID)
		if err != nil {
			return v, err
		}
		for _, e := range events {
			if e.Action == string(cases.ActionReply) || e.Action == string(cases.ActionClose) {
				cc.Result = e.Note
			}
		}
		v.Case = cc
	}
	return v, nil
}

func summary(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

// Calls lists call tasks for the call centre.
func (d *Desk) Calls(ctx context.Context, p Principal, q cases.CallTaskQuery) ([]CallView, error) {
	if !p.Can(PermCalls) {
		return nil, ErrForbidden
	}
	list, err := d.calls.List(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]CallView, 0, len(list))
	for _, t := range list {
		v, err := d.callView(ctx, t, false)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Call returns one task with the case facts of the script.
func (d *Desk) Call(ctx context.Context, p Principal, id string) (CallView, error) {
	if !p.Can(PermCalls) {
		return CallView{}, ErrForbidden
	}
	t, err := d.calls.Get(ctx, id)
	if err != nil {
		return CallView{}, err
	}
	return d.callView(ctx, t, true)
}

// RevealCallPhone assigns an open task to the caller (if nobody has it) and
// returns the number to dial, after writing the audit record.
func (d *Desk) RevealCallPhone(ctx context.Context, p Principal, id, ip string) (string, error) {
	if !p.Can(PermCalls) {
		return "", ErrForbidden
	}
	t, err := d.calls.Get(ctx, id)
	if err != nil {
		return "", err
	}
	if t.AssignedTo != "" && t.AssignedTo != p.Username {
		return "", ErrTaskTaken
	}
	if t.AssignedTo == "" && t.Status == cases.CallOpen {
		if t, err = d.calls.Update(ctx, id, func(t *cases.CallTask) error {
			if t.AssignedTo != "" && t.AssignedTo != p.Username {
				return ErrTaskTaken
			}
			t.AssignedTo = p.Username
			return nil
		}); err != nil {
			return "", err
		}
	}
	phone := t.Phone
	if phone == "" && t.CaseID != "" {
		c, err := d.svc.Get(ctx, t.CaseID)
		if err != nil {
			return "", err
		}
		phone = c.Submitter.Phone
	}
	if err := d.audit.Record(ctx, p, AuditReveal, t.CaseID, FieldPhone, "call task "+t.ID, ip); err != nil {
		return "", err
	}
	return phone, nil
}

// CallResult is what a caller records after a call.
type CallResult struct {
	Outcome string
	// Rating is the citizen's answer on a reached follow-up call.
	Rating  string
	Comment string
}

// RecordCall records one call attempt. A reached follow-up records the
// citizen's rating on the case (不满意 reopens it); an unanswered call is
// retried later until MaxCallAttempts.
func (d *Desk) RecordCall(ctx context.Context, p Principal, id string, r CallResult) (*cases.CallTask, error) {
	if !p.Can(PermCalls) {
		return nil, ErrForbidden
	}
	known := false
	for _, o := range CallOutcomes {
		known = known || o == r.Outcome
	}
	if !known {
		return nil, invalid("outcome", "请选择通话结果")
	}
	r.Comment = strings.TrimSpace(r.Comment)
	if len([]rune(r.Comment)) > cases.MaxNoteRunes {
		return nil, invalid("comment", "内容过长")
	}
	t, err := d.calls.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if t.AssignedTo != "" && t.AssignedTo != p.Username {
		return nil, ErrTaskTaken
	}
	if t.Status != cases.CallOpen {
		return nil, cases.ErrTaskClosed
	}
	note := CallOutcomeLabel(r.Outcome)
	if r.Outcome == CallReached && t.Kind == cases.CallFollowUp && t.CaseID != "" {
		if !cases.ValidRating(r.Rating) {
			return nil, invalid("rating", "请选择回访评价：满意、基本满意或不满意")
		}
		_, err := d.svc.FollowUp(ctx, t.CaseID, p.Actor(), r.Rating, r.Comment, "call")
		switch {
		case err == nil:
			note += "，评价：" + r.Rating
		case errors.Is(err, cases.ErrAlreadyEvaluated), errors.Is(err, cases.ErrInvalidTransition):
			// Answered another way meanwhile, or the case moved on: the call
			// is still done, and the note says why nothing was recorded.
			note += "，未记录评价（事项已评价或状态已变更）"
		default:
			return nil, err
		}
	}
	if r.Comment != "" {
		note += "；" + r.Comment
	}
	now := d.svc.Now()
	return d.calls.Update(ctx, id, func(t *cases.CallTask) error {
		t.Attempts++
		t.AssignedTo = p.Username
		t.Outcome = note
		switch {
		case r.Outcome == CallReached || r.Outcome == CallWrongNumber || r.Outcome == CallRefused:
			t.Status = cases.CallDone
		case t.Attempts >= MaxCallAttempts:
			t.Status = cases.CallDone
			t.Outcome = fmt.Sprintf("%d次未接通：%s", t.Attempts, note)
		default:
			t.DueAt = now.Add(CallRetryAfter)
		}
		return nil
	})
}
