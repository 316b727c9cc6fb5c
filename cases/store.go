package cases

import (
	"context"
	"encoding/json"
	"time"
)

// Store is what the domain needs from storage. The store package implements
// it for PostgreSQL and SQLite; the same test suite runs against both.
type Store interface {
	// WithTx runs fn in one transaction: everything fn writes commits
	// together or not at all. Writers wait for each other instead of failing.
	WithTx(ctx context.Context, fn func(Tx) error) error

	// CreateCase stores a new case with its first timeline event, its outbox
	// rows and its timers, all or nothing. With a key it first claims the
	// key; when the key is already claimed nothing is written and the claim
	// is returned (after a concurrent claimer commits).
	CreateCase(ctx context.Context, n NewCase) (existing *IdempotencyKey, err error)

	CaseByID(ctx context.Context, id string) (*Case, error)
	CaseByTrackingNo(ctx context.Context, trackingNo string) (*Case, error)
	// CasesBySubmitter lists a person's cases newest first.
	CasesBySubmitter(ctx context.Context, q SubmitterQuery) ([]*Case, error)
	// CasesByUnit lists a handling unit's cases by next due date.
	CasesByUnit(ctx context.Context, q UnitQuery) ([]*Case, error)
	Timeline(ctx context.Context, caseID string) ([]Event, error)

	// TimersDueBefore returns unfired, uncancelled timers due before t,
	// through an index: cost grows with the due timers, not with all cases.
	TimersDueBefore(ctx context.Context, t time.Time, limit int) ([]Timer, error)

	// ReserveTrackingSeq reserves n consecutive sequence numbers of a day
	// (yymmdd) in its own short transaction and returns the first.
	ReserveTrackingSeq(ctx context.Context, day string, n int) (int64, error)

	// PendingOutbox returns unsent outbox rows, oldest first.
	PendingOutbox(ctx context.Context, limit int) ([]OutboxMessage, error)
	// MarkOutboxSent records that the rows reached the queue.
	MarkOutboxSent(ctx context.Context, ids []int64, at time.Time) error
	// MarkOutboxFailed records a failed delivery attempt.
	MarkOutboxFailed(ctx context.Context, id int64, reason string) error
	// UnfinishedOutbox returns rows sent within [since, before] (and due by
	// before) whose task has not finished, by id after afterID; rows with
	// their own TaskID are not included.
	UnfinishedOutbox(ctx context.Context, since, before time.Time, afterID int64, limit int) ([]OutboxMessage, error)
	// MarkOutboxDone records that a row's task finished for good.
	MarkOutboxDone(ctx context.Context, id int64, at time.Time, reason string) error
	// ExpireOutbox finishes, with reason, unfinished rows sent before
	// sentBefore and returns how many.
	ExpireOutbox(ctx context.Context, sentBefore, at time.Time, reason string) (int64, error)

	OversightStore
}

// Tx is the transactional part of Store.
type Tx interface {
	// ClaimIdempotencyKey records key → caseID for scope unless the key is
	// already taken; then it returns the existing case id and fingerprint
	// (waiting for a concurrent claimer to commit first).
	ClaimIdempotencyKey(ctx context.Context, k IdempotencyKey) (existing *IdempotencyKey, err error)
	InsertCase(ctx context.Context, c *Case) error
	// CaseForUpdate reads a case and locks it until the transaction ends.
	CaseForUpdate(ctx context.Context, id string) (*Case, error)
	// UpdateCase writes c if its version is still c.Version-1 (the caller
	// increments it), else returns ErrConflict.
	UpdateCase(ctx context.Context, c *Case) error
	AppendEvent(ctx context.Context, e *Event) error
	// AddOutbox writes the rows in one statement.
	AddOutbox(ctx context.Context, ms ...OutboxMessage) error
	// Timers returns the case's unfired, uncancelled timers.
	Timers(ctx context.Context, caseID string) ([]Timer, error)
	// InsertTimer inserts the timers in one statement and sets their IDs.
	InsertTimer(ctx context.Context, ts ...*Timer) error
	CancelTimers(ctx context.Context, ids []int64, at time.Time) error
	// MarkTimerFired sets fired_at unless already set; fired reports whether
	// this call was the one that fired it.
	MarkTimerFired(ctx context.Context, id int64, at time.Time) (fired bool, err error)

	OversightTx
}

// NewCase is everything a submission writes.
type NewCase struct {
	Case   *Case
	Key    *IdempotencyKey // nil: no idempotency key
	Event  Event
	Outbox []OutboxMessage
	Timers []Timer
}

// IdempotencyKey ties a client's retry key, scoped to its submitter, to the
// case it created and a fingerprint of the request.
type IdempotencyKey struct {
	Scope       string
	Key         string
	Fingerprint string
	CaseID      string
	CreatedAt   time.Time
}

// SubmitterQuery selects a person's cases by any of their WeChat ids; the
// mini-program and the Official Account give one person two openids, linked
// by the unionid.
type SubmitterQuery struct {
	OpenIDs  []string
	UnionID  string
	OpenOnly bool
	// Before is the cursor: only cases created strictly before (CreatedAt, ID).
	BeforeTime time.Time
	BeforeID   string
	Limit      int
}

// UnitQuery selects a handling unit's cases.
type UnitQuery struct {
	Unit     string // empty: every unit (oversight)
	Statuses []Status
	Limit    int
	Offset   int
}

// ActorType says who acted.
type ActorType string

// Actor types.
const (
	ActorCitizen ActorType = "citizen"
	ActorStaff   ActorType = "staff"
	ActorSystem  ActorType = "system"
)

// Actor is who did something to a case. Citizens are recorded without an id:
// the case already names its submitter, and timelines are shown to handlers.
type Actor struct {
	Type ActorType `json:"type"`
	ID   string    `json:"id,omitempty"`
	Unit string    `json:"unit,omitempty"`
}

// Citizen, System are common actors.
var (
	Citizen = Actor{Type: ActorCitizen}
	System  = Actor{Type: ActorSystem, ID: "petitiond"}
)

// Staff returns a staff actor.
func Staff(username, unit string) Actor { return Actor{Type: ActorStaff, ID: username, Unit: unit} }

// Event is one entry of a case's append-only timeline.
type Event struct {
	ID     int64
	CaseID string
	At     time.Time
	Actor  Actor
	Action string // an Action, or a non-transition event such as "supplement"
	From   Status
	To     Status
	Note   string
	Data   json.RawMessage
}

// Non-transition timeline events.
const (
	EventSupplement = "supplement"
	EventOversight  = "oversight" // 督办
	EventNotified   = "notified"
	EventNote       = "note"
)

// OutboxMessage is background work written in the same transaction as the
// change that needs it; the relay delivers it to the queue.
type OutboxMessage struct {
	ID        int64
	Topic     string // the task type, e.g. TopicDispatch
	CaseID    string
	Payload   json.RawMessage
	Queue     string    // critical, default, low
	ProcessAt time.Time // zero: now
	// TaskID deduplicates delivery; empty means "outbox:<id>".
	TaskID    string
	CreatedAt time.Time
	Attempts  int
}

// Outbox topics (task types the jobs package handles).
const (
	TopicDispatch = "case:dispatch"
	TopicTimer    = "case:timer"
	TopicNotify   = "notify:citizen"
)

// Queues, highest priority first.
const (
	QueueCritical = "critical"
	QueueDefault  = "default"
	QueueLow      = "low"
)

// Timer is a point in time at which something must happen to a case
// (a warning, an overdue escalation). The row is the truth; the queued task
// is only its messenger.
type Timer struct {
	ID          int64
	CaseID      string
	Kind        string // e.g. "warning:acceptance", "overdue:handling"
	DueAt       time.Time
	FiredAt     *time.Time
	CancelledAt *time.Time
}

// TaskID derives the queue task id from (case, kind, due_at), so the same
// timer is never queued twice while it waits.
func (t Timer) TaskID() string {
	return "timer:" + t.CaseID + ":" + t.Kind + ":" + t.DueAt.UTC().Format("20060102T150405Z")
}
