package staff

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"petitiond/cases"
)

// Desk is the staff's way to cases: every read and every action of the web
// pages and of the staff API goes through it, so the policy is applied in
// one place. A case outside the principal's scope is cases.ErrNotFound.
type Desk struct {
	svc   *cases.Service
	store Store
	calls *cases.CallTasks
	audit *Audit
	units Units
}

// NewDesk returns the staff desk.
func NewDesk(svc *cases.Service, st Store, calls *cases.CallTasks, audit *Audit, units Units) *Desk {
	return &Desk{svc: svc, store: st, calls: calls, audit: audit, units: units}
}

// Units returns the handling units.
func (d *Desk) Units() Units { return d.units }

// Service returns the case service (clock, calendar, rules for display).
func (d *Desk) Service() *cases.Service { return d.svc }

// load returns a case the principal may see.
func (d *Desk) load(ctx context.Context, p Principal, id string) (*cases.Case, error) {
	if !p.Can(PermViewCases) {
		return nil, ErrForbidden
	}
	c, err := d.svc.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !p.Visible(c) {
		return nil, fmt.Errorf("case %s for %s: %w", id, p.Username, cases.ErrNotFound)
	}
	return c, nil
}

// Case returns a case and its timeline as the principal may see them.
func (d *Desk) Case(ctx context.Context, p Principal, id string) (CaseView, []cases.Event, error) {
	c, err := d.load(ctx, p, id)
	if err != nil {
		return CaseView{}, nil, err
	}
	events, err := d.svc.Timeline(ctx, id)
	if err != nil {
		return CaseView{}, nil, err
	}
	return View(p, c), events, nil
}

// Search lists cases within the principal's scope.
func (d *Desk) Search(ctx context.Context, p Principal, f cases.CaseFilter) ([]CaseView, int, error) {
	if !p.Can(PermViewCases) {
		return nil, 0, ErrForbidden
	}
	if err := f.Check(); err != nil {
		return nil, 0, err
	}
	f.Scope = p.Scope()
	if f.Limit <= 0 || f.Limit > 10000 {
		f.Limit = 50
	}
	list, total, err := d.store.SearchCases(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	out := make([]CaseView, len(list))
	for i, c := range list {
		out[i] = View(p, c)
	}
	return out, total, nil
}

// Attachment returns the n-th attachment of a case the principal may see,
// with the case (whose submitter owns uploaded files).
func (d *Desk) Attachment(ctx context.Context, p Principal, id string, n int) (*cases.Case, cases.Attachment, error) {
	c, err := d.load(ctx, p, id)
	if err != nil {
		return nil, cases.Attachment{}, err
	}
	if n < 0 || n >= len(c.Attachments) {
		return nil, cases.Attachment{}, fmt.Errorf("attachment %d of case %s: %w", n, id, cases.ErrNotFound)
	}
	return c, c.Attachments[n], nil
}

// Export is Search for a CSV download, recorded in the audit log.
func (d *Desk) Export(ctx context.Context, p Principal, f cases.CaseFilter, describe, ip string) ([]CaseView, error) {
	list, _, err := d.Search(ctx, p, f)
	if err != nil {
		return nil, err
	}
	if err := d.audit.Record(ctx, p, AuditExport, "", "", fmt.Sprintf("%d cases; %s", len(list), describe), ip); err != nil {
		return nil, err
	}
	return list, nil
}

// Reveal returns one personal-data field of a case after writing its audit
// record. Nothing is shown if the record cannot be written.
func (d *Desk) Reveal(ctx context.Context, p Principal, id, field, ip string) (string, error) {
	if !p.Can(PermReveal) {
		return "", ErrForbidden
	}
	c, err := d.load(ctx, p, id)
	if err != nil {
		return "", err
	}
	if !p.SeesIdentity(c) {
		return "", ErrForbidden
	}
	v, ok := rawField(c.Submitter, field)
	if !ok {
		return "", invalid("field", "未知字段")
	}
	if err := d.audit.Record(ctx, p, AuditReveal, c.ID, field, c.TrackingNo, ip); err != nil {
		return "", err
	}
	return v, nil
}

// ActionRequest is one staff action on a case.
type ActionRequest struct {
	Action cases.Action
	// Note is the reason (return, extension, reopen), the reply text, the
	// closing result, or the note of a dispatch or extension decision.
	Note string
	// Deadline and Days: an extension request (Deadline empty: the open
	// deadline that can still be extended).
	Deadline string
	Days     int
	// Unit: where a dispatch sends the case.
	Unit string
}

// Act performs a staff action on a case.
func (d *Desk) Act(ctx context.Context, p Principal, id string, r ActionRequest) (*cases.Case, error) {
	perm := ActionPermission(r.Action)
	if perm == "" {
		return nil, invalid("action", "未知操作")
	}
	if !p.Can(perm) {
		return nil, ErrForbidden
	}
	c, err := d.load(ctx, p, id)
	if err != nil {
		return nil, err
	}
	actor := p.Actor()
	switch r.Action {
	case cases.ActionAccept:
		return d.svc.Accept(ctx, id, actor)
	case cases.ActionReturn:
		return d.svc.Return(ctx, id, actor, r.Note)
	case cases.ActionRequestExtension:
		if r.Deadline == "" {
			r.Deadline = ExtendableDeadline(c)
		}
		return d.svc.RequestExtension(ctx, id, actor, r.Deadline, r.Days, r.Note)
	case cases.ActionReply:
		return d.svc.Reply(ctx, id, actor, r.Note)
	case cases.ActionClose:
		return d.svc.Close(ctx, id, actor, r.Note)
	case cases.ActionDispatch:
		if err := d.checkDispatch(r.Unit); err != nil {
			return nil, err
		}
		return d.svc.Dispatch(ctx, id, r.Unit, actor, strings.TrimSpace(r.Note))
	case cases.ActionGrantExtension, cases.ActionRefuseExtension:
		return d.svc.DecideExtension(ctx, id, actor, r.Action == cases.ActionGrantExtension, strings.TrimSpace(r.Note))
	case cases.ActionReopen:
		return d.svc.Reopen(ctx, id, actor, r.Note)
	}
	return nil, invalid("action", "未知操作")
}

// checkDispatch refuses a unit that does not exist (the domain refuses the
// respondent of a reconsideration).
func (d *Desk) checkDispatch(unit string) error {
	if !d.units.Has(unit) {
		return invalid("unit", "请选择承办单位")
	}
	return nil
}

// Oversee records a 督办 (supervision) note on an open case.
func (d *Desk) Oversee(ctx context.Context, p Principal, id, note string) (*cases.Case, error) {
	if !p.Can(PermOversee) {
		return nil, ErrForbidden
	}
	c, err := d.load(ctx, p, id)
	if err != nil {
		return nil, err
	}
	note = strings.TrimSpace(note)
	if note == "" {
		return nil, invalid("note", "请填写督办意见")
	}
	if len([]rune(note)) > cases.MaxNoteRunes {
		return nil, invalid("note", "内容过长")
	}
	if c.Status.Terminal() {
		return nil, fmt.Errorf("oversee case %s: %w", id, &cases.TransitionError{From: c.Status, Action: cases.EventOversight})
	}
	return d.svc.RecordEvent(ctx, id, p.Actor(), cases.EventOversight, note, map[string]string{"unit": c.Unit})
}

// ExtendableDeadline returns the first open deadline that can still be
// extended, or "".
func ExtendableDeadline(c *cases.Case) string {
	for _, dl := range c.Deadlines {
		if dl.Open() && dl.MaxExtend-dl.Extended > 0 {
			return dl.Kind
		}
	}
	return ""
}

// IsForbidden reports a role refusal.
func IsForbidden(err error) bool { return errors.Is(err, ErrForbidden) }
