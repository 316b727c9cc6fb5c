package cases

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// CallTask is work for call-centre staff: a follow-up call (回访) after a
// case is closed, or a callback a citizen asked for (人工).
type CallTask struct {
	ID         string
	Kind       string // CallFollowUp, CallCallback
	CaseID     string // empty for a callback not about one case
	OpenID     string
	Phone      string // personal data: sealed at rest, revealed only to the assigned caller
	Reason     string
	Status     string // CallOpen, CallDone, CallCancelled
	Attempts   int
	Outcome    string
	AssignedTo string
	DueAt      time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
}

// Call-task kinds and statuses.
const (
	CallFollowUp  = "followup"
	CallCallback  = "callback"
	CallOpen      = "open"
	CallDone      = "done"
	CallCancelled = "cancelled"
)

// CallTaskQuery selects call tasks.
type CallTaskQuery struct {
	Status     string // empty: any
	Kind       string // empty: any
	CaseID     string
	AssignedTo string
	Limit      int
}

// CallTaskStore keeps call tasks.
type CallTaskStore interface {
	InsertCallTask(ctx context.Context, t *CallTask) error
	CallTask(ctx context.Context, id string) (*CallTask, error)
	// UpdateCallTask writes t if its version is still t.Version-1.
	UpdateCallTask(ctx context.Context, t *CallTask) error
	CallTasks(ctx context.Context, q CallTaskQuery) ([]*CallTask, error)
}

// CallTasks manages call-centre work.
type CallTasks struct {
	store CallTaskStore
	svc   *Service
}

// NewCallTasks returns the call-task service.
func NewCallTasks(st CallTaskStore, svc *Service) *CallTasks { return &CallTasks{store: st, svc: svc} }

// Create stores a new open task due at dueAt (now when zero).
func (c *CallTasks) Create(ctx context.Context, t CallTask) (*CallTask, error) {
	if t.Kind != CallFollowUp && t.Kind != CallCallback {
		return nil, invalid("kind", "unknown call task kind")
	}
	if t.Phone != "" && !ValidPhone(t.Phone) {
		return nil, invalid("phone", "请填写正确的手机号或固定电话")
	}
	if utf8.RuneCountInString(t.Reason) > MaxNoteRunes {
		return nil, invalid("reason", "内容过长")
	}
	now := c.svc.now()
	t.ID, t.Status, t.CreatedAt, t.UpdatedAt, t.Version = newID(), CallOpen, now, now, 1
	if t.DueAt.IsZero() {
		t.DueAt = now
	}
	if err := c.store.InsertCallTask(ctx, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// RequestCallback is a citizen asking for a human (人工).
func (c *CallTasks) RequestCallback(ctx context.Context, openid, phone, reason, caseID string) (*CallTask, error) {
	return c.Create(ctx, CallTask{Kind: CallCallback, OpenID: openid, Phone: phone, Reason: strings.TrimSpace(reason), CaseID: caseID})
}

// Get returns a task.
func (c *CallTasks) Get(ctx context.Context, id string) (*CallTask, error) {
	return c.store.CallTask(ctx, id)
}

// List returns tasks, soonest due first.
func (c *CallTasks) List(ctx context.Context, q CallTaskQuery) ([]*CallTask, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 100
	}
	return c.store.CallTasks(ctx, q)
}

// ErrTaskClosed is returned when a finished task is changed again.
var ErrTaskClosed = errors.New("call task already finished")

// Update changes an open task through fn and writes it.
func (c *CallTasks) Update(ctx context.Context, id string, fn func(t *CallTask) error) (*CallTask, error) {
	t, err := c.store.CallTask(ctx, id)
	if err != nil {
		return nil, err
	}
	if t.Status != CallOpen {
		return nil, ErrTaskClosed
	}
	if err := fn(t); err != nil {
		return nil, err
	}
	t.UpdatedAt = c.svc.now()
	t.Version++
	if err := c.store.UpdateCallTask(ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}
