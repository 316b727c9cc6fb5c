package staff

import (
	"context"
	"errors"
	"strings"
	"time"

	"petitiond/cases"
)

// CallOutcomes lists what a caller may record on a task of a kind: the
// citizen's rating, or that nobody could be reached (retried at the next
// call slot until the last attempt); a callback ends when reached.
func CallOutcomes(kind string) []string {
	if kind == cases.CallCallback {
		return []string{cases.OutcomeReached, cases.OutcomeUnreachable}
	}
	return []string{cases.RatingSatisfied, cases.RatingBasicSatisfied, cases.RatingUnsatisfied, cases.OutcomeUnreachable}
}

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
	v := CallView{CallTask: *t, PhoneMasked: MaskPhone(t.Phone)}
	v.Phone = ""
	var c *cases.Case
	if t.CaseID != "" {
		var err error
		if c, err = d.svc.Get(ctx, t.CaseID); err != nil && !errors.Is(err, cases.ErrNotFound) {
			return v, err
		}
	}
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

// RevealCallPhone takes the task for the caller (if nobody has it) and
// returns the number to dial, after writing the audit record.
func (d *Desk) RevealCallPhone(ctx context.Context, p Principal, id, ip string) (string, error) {
	if !p.Can(PermCalls) {
		return "", ErrForbidden
	}
	t, err := d.calls.Get(ctx, id)
	if err != nil {
		return "", err
	}
	if t.Status == cases.CallOpen && t.AssignedTo == "" {
		if t, err = d.calls.Assign(ctx, id, p.Username); err != nil {
			return "", err
		}
	}
	if t.AssignedTo != p.Username {
		return "", cases.ErrNotAssigned
	}
	phone, err := d.calls.PhoneFor(ctx, id, p.Username)
	if err != nil {
		return "", err
	}
	if err := d.audit.Record(ctx, p, AuditReveal, t.CaseID, FieldPhone, "call task "+t.ID, ip); err != nil {
		return "", err
	}
	return phone, nil
}

// RecordCall records one call with the call centre's rules
// (cases.CallTasks.RecordAttempt): a rating is the case's follow-up answer
// (不满意 reopens it under supervision), 无法联系 is retried at the next
// call slot until the last attempt.
func (d *Desk) RecordCall(ctx context.Context, p Principal, id, outcome, comment string) (*cases.CallTask, error) {
	if !p.Can(PermCalls) {
		return nil, ErrForbidden
	}
	return d.calls.RecordAttempt(ctx, id, p.Username, outcome, strings.TrimSpace(comment))
}
