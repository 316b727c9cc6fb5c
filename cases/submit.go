package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// SubmitRequest is everything intake knows about a new case.
type SubmitRequest struct {
	Kind         Kind
	Text         string
	Source       Source
	Submitter    Submitter
	Company      Company
	Location     *Location
	Attachments  []Attachment
	Confidential bool
	Anonymous    bool
	Procedure    Procedure
	// Answers are structured answers to the classifier's questions.
	Answers map[string]string
	// Classification, when set, is the result the person already saw and
	// confirmed (the bot's summary); Submit then stores it as it is.
	Classification *Classification
	// IdempotencyKey is the client's retry key (WeChat MsgId,
	// Idempotency-Key header), scoped to the submitter.
	IdempotencyKey string
}

// scope is the idempotency scope: a key belongs to one submitter on one
// channel of intake.
func (r *SubmitRequest) scope() string {
	return string(r.Source) + ":" + r.Submitter.OpenID
}

// fingerprint identifies the request's content, so that a reused key with a
// different request is told apart from a retry.
func (r *SubmitRequest) fingerprint() string {
	b, _ := json.Marshal(struct {
		Kind         Kind
		Text         string
		Company      Company
		Location     *Location
		Attachments  []Attachment
		Confidential bool
		Anonymous    bool
		Name, Phone  string
		IDNumber     string
		Address      string
	}{r.Kind, r.Text, r.Company, r.Location, r.Attachments, r.Confidential, r.Anonymous,
		r.Submitter.Name, r.Submitter.Phone, r.Submitter.IDNumber, r.Submitter.Address})
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Submit validates, classifies, computes the first deadlines and stores the
// case with its first timeline event, its outbox rows and its timers in one
// transaction. With an idempotency key, a retry returns the case the first
// call created (created == false); the same key with a different request is
// ErrIdempotencyConflict.
func (s *Service) Submit(ctx context.Context, req SubmitRequest) (c *Case, created bool, err error) {
	if err := validateSubmission(&req); err != nil {
		return nil, false, err
	}
	req.IdempotencyKey = strings.TrimSpace(req.IdempotencyKey)
	var cls Classification
	if req.Classification != nil {
		cls = *req.Classification
	} else {
		cls, err = s.classify(ClassifyInput{Text: req.Text, Kind: req.Kind, Answers: req.Answers})
		if err != nil {
			return nil, false, fmt.Errorf("classify: %w", err)
		}
	}
	if !validChannel(cls.Channel) {
		return nil, false, fmt.Errorf("classify: unknown channel %q", cls.Channel)
	}
	now := s.now()
	no, err := s.nextTrackingNo(ctx, now)
	if err != nil {
		return nil, false, err
	}
	c = &Case{
		ID: newID(), TrackingNo: no, Kind: req.Kind, Text: req.Text, Source: req.Source,
		Classification: cls, Department: cls.Department, Urgent: cls.Urgent,
		Procedure: req.Procedure, Status: StatusSubmitted,
		Submitter: req.Submitter, Company: req.Company, Location: req.Location,
		Attachments: req.Attachments, Confidential: req.Confidential, Anonymous: req.Anonymous,
		CreatedAt: now, UpdatedAt: now, ReceivedAt: now, Version: 1,
	}
	c.Deadlines = s.rules.Deadlines(s.cal, s.loc, RuleSet(c.Kind, cls.Channel, c.Procedure), now)
	c.NextDueAt = nextDue(c.Deadlines)

	data, _ := json.Marshal(map[string]any{"channel": cls.Channel, "department": cls.Department, "urgent": cls.Urgent, "source": c.Source})
	queue := QueueDefault
	if c.Urgent {
		queue = QueueCritical
	}
	n := NewCase{
		Case:   c,
		Event:  Event{CaseID: c.ID, At: now, Actor: actorFor(req.Source), Action: string(ActionSubmit), To: StatusSubmitted, Data: data},
		Outbox: append([]OutboxMessage{caseMessage(TopicDispatch, c, queue, now)}, mediaFetches(c.ID, c.Attachments, now)...),
	}
	// A new case has no timer history. A timer due soon is queued by kind
	// and due time (the store assigns ids in the same statement).
	seen := map[string]bool{}
	for _, t := range s.wantTimers(c, now, nil) {
		if seen[t.key()] {
			continue
		}
		seen[t.key()] = true
		n.Timers = append(n.Timers, t)
		if m, ok := timerMessage(c, t, now); ok {
			n.Outbox = append(n.Outbox, m)
		}
	}
	if req.IdempotencyKey != "" {
		n.Key = &IdempotencyKey{Scope: req.scope(), Key: req.IdempotencyKey, Fingerprint: req.fingerprint(), CaseID: c.ID, CreatedAt: now}
	}
	var existingID string
	prev, err := s.store.CreateCase(ctx, n)
	if err == nil && prev != nil {
		if prev.Fingerprint != n.Key.Fingerprint {
			err = ErrIdempotencyConflict
		}
		existingID = prev.CaseID
	}
	if err != nil {
		return nil, false, fmt.Errorf("submit case: %w", err)
	}
	if existingID != "" {
		prev, err := s.store.CaseByID(ctx, existingID)
		if err != nil {
			return nil, false, fmt.Errorf("submit case: load idempotent result %s: %w", existingID, err)
		}
		return prev, false, nil
	}
	s.wake()
	s.log.Info("case submitted", "case", c.ID, "tracking_no", c.TrackingNo, "channel", cls.Channel, "urgent", c.Urgent, "source", c.Source)
	return c, true, nil
}

func actorFor(src Source) Actor {
	if src == SourceAPI {
		return Actor{Type: ActorSystem, ID: "api"}
	}
	return Citizen
}

func validChannel(ch Channel) bool {
	for _, c := range Channels {
		if c == ch {
			return true
		}
	}
	return false
}

// caseMessage is an outbox row about one case.
func caseMessage(topic string, c *Case, queue string, now time.Time) OutboxMessage {
	payload, _ := json.Marshal(map[string]string{"case_id": c.ID})
	return OutboxMessage{Topic: topic, CaseID: c.ID, Payload: payload, Queue: queue, CreatedAt: now}
}

// TimerPayload is the queued task's body for a timer.
type TimerPayload struct {
	TimerID int64     `json:"timer_id"`
	CaseID  string    `json:"case_id"`
	Kind    string    `json:"kind"`
	DueAt   time.Time `json:"due_at"`
}

// IsValidation reports whether err is a ValidationError and returns it.
func IsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}
