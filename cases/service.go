package cases

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"

	"petitiond/calendar"
	"petitiond/clock"
)

// ClassifyInput is what the classifier reads.
type ClassifyInput struct {
	Text    string
	Kind    Kind
	Answers map[string]string
}

// ClassifyFunc classifies a text. It is a plain function value so that the
// domain does not depend on how the classifier is built.
type ClassifyFunc func(ClassifyInput) (Classification, error)

// Config builds a Service.
type Config struct {
	Store    Store
	Clock    clock.Clock
	Calendar *calendar.Calendar
	Rules    *Rules
	Location *time.Location
	// TrackingPrefix is the deployment's letter prefix (configs).
	TrackingPrefix string
	Classify       ClassifyFunc
	// Wake is called after a commit that wrote outbox rows, so an in-process
	// relay delivers them at once instead of at its next poll.
	Wake func()
	// TrackingBlock is how many sequence numbers one reservation takes; a
	// larger block means fewer writes to the day's counter row (a hot spot
	// under load) and larger gaps after a restart. Gaps are harmless.
	TrackingBlock int
	Logger        *slog.Logger
}

// Service is the domain's entry point: every transport and job changes cases
// through it, and every change commits with its timeline event and outbox rows.
type Service struct {
	store    Store
	clock    clock.Clock
	cal      *calendar.Calendar
	rules    *Rules
	loc      *time.Location
	prefix   string
	classify ClassifyFunc
	wake     func()
	log      *slog.Logger

	seqMu    sync.Mutex
	seqDay   string
	seqNext  int64
	seqEnd   int64
	seqBlock int
}

// NewService checks the configuration and returns a Service.
func NewService(cfg Config) (*Service, error) {
	switch {
	case cfg.Store == nil:
		return nil, errors.New("cases: Store is required")
	case cfg.Calendar == nil:
		return nil, errors.New("cases: Calendar is required")
	case cfg.Rules == nil:
		return nil, errors.New("cases: Rules are required")
	case cfg.Classify == nil:
		return nil, errors.New("cases: Classify is required")
	case cfg.TrackingPrefix == "":
		return nil, errors.New("cases: TrackingPrefix is required")
	}
	s := &Service{
		store: cfg.Store, clock: cfg.Clock, cal: cfg.Calendar, rules: cfg.Rules,
		loc: cfg.Location, prefix: cfg.TrackingPrefix, classify: cfg.Classify,
		wake: cfg.Wake, log: cfg.Logger, seqBlock: cfg.TrackingBlock,
	}
	if s.clock == nil {
		s.clock = clock.System{}
	}
	if s.loc == nil {
		s.loc = time.FixedZone("CST", 8*3600)
	}
	if s.wake == nil {
		s.wake = func() {}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.seqBlock <= 0 {
		s.seqBlock = 20
	}
	return s, nil
}

// Now returns the service clock's time.
func (s *Service) Now() time.Time { return s.now() }

// now truncates to microseconds, the precision both databases keep, so a
// case reads back exactly as it was written.
func (s *Service) now() time.Time { return s.clock.Now().Truncate(time.Microsecond) }

// Location returns the deployment's time zone.
func (s *Service) Location() *time.Location { return s.loc }

// Calendar returns the working-day calendar.
func (s *Service) Calendar() *calendar.Calendar { return s.cal }

// Rules returns the deadline rules.
func (s *Service) Rules() *Rules { return s.rules }

// TrackingPrefix returns the deployment's tracking-number prefix.
func (s *Service) TrackingPrefix() string { return s.prefix }

// newID returns a time-ordered unique id (UUIDv7).
func newID() string {
	id, err := uuid.NewV7()
	if err != nil {
		// NewV7 only fails when the system's randomness does; retry with v4.
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		return uuid.Must(uuid.FromBytes(b)).String()
	}
	return id.String()
}

// nextTrackingNo hands out tracking numbers from reserved blocks.
func (s *Service) nextTrackingNo(ctx context.Context, now time.Time) (string, error) {
	local := now.In(s.loc)
	day := local.Format("060102")
	s.seqMu.Lock()
	defer s.seqMu.Unlock()
	if s.seqDay != day || s.seqNext >= s.seqEnd {
		first, err := s.store.ReserveTrackingSeq(ctx, day, s.seqBlock)
		if err != nil {
			return "", fmt.Errorf("reserve tracking number: %w", err)
		}
		s.seqDay, s.seqNext, s.seqEnd = day, first, first+int64(s.seqBlock)
	}
	n := s.seqNext
	s.seqNext++
	return FormatTrackingNo(s.prefix, local, n), nil
}

// Get returns a case by id.
func (s *Service) Get(ctx context.Context, id string) (*Case, error) {
	return s.store.CaseByID(ctx, id)
}

// GetByTrackingNo returns a case by its tracking number, checking the
// number's prefix and check digit first (ErrTracking*).
func (s *Service) GetByTrackingNo(ctx context.Context, no string) (*Case, error) {
	n, err := ParseTrackingNo(no, s.prefix)
	if err != nil {
		return nil, err
	}
	return s.store.CaseByTrackingNo(ctx, n)
}

// ListBySubmitter lists a person's cases, newest first.
func (s *Service) ListBySubmitter(ctx context.Context, q SubmitterQuery) ([]*Case, error) {
	if len(q.OpenIDs) == 0 && q.UnionID == "" {
		return nil, invalid("openid", "missing submitter")
	}
	if q.Limit <= 0 || q.Limit > 100 {
		q.Limit = 20
	}
	return s.store.CasesBySubmitter(ctx, q)
}

// ListByUnit lists a unit's cases by next due date.
func (s *Service) ListByUnit(ctx context.Context, q UnitQuery) ([]*Case, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	return s.store.CasesByUnit(ctx, q)
}

// Timeline returns a case's events in order.
func (s *Service) Timeline(ctx context.Context, caseID string) ([]Event, error) {
	return s.store.Timeline(ctx, caseID)
}

// PendingOutbox and MarkOutboxSent serve the outbox relay.
func (s *Service) PendingOutbox(ctx context.Context, limit int) ([]OutboxMessage, error) {
	return s.store.PendingOutbox(ctx, limit)
}

// MarkOutboxSent records delivered outbox rows.
func (s *Service) MarkOutboxSent(ctx context.Context, ids []int64) error {
	return s.store.MarkOutboxSent(ctx, ids, s.now())
}

// MarkOutboxFailed records a failed delivery.
func (s *Service) MarkOutboxFailed(ctx context.Context, id int64, reason string) error {
	return s.store.MarkOutboxFailed(ctx, id, reason)
}

// UnfinishedOutbox lists sent rows whose task has not finished, for the
// reconciler to offer again (see Store.UnfinishedOutbox).
func (s *Service) UnfinishedOutbox(ctx context.Context, since, before time.Time, afterID int64, limit int) ([]OutboxMessage, error) {
	return s.store.UnfinishedOutbox(ctx, since, before, afterID, limit)
}

// MarkOutboxDone records that a row's task succeeded or gave up for good.
func (s *Service) MarkOutboxDone(ctx context.Context, id int64, reason string) error {
	return s.store.MarkOutboxDone(ctx, id, s.now(), reason)
}

// ExpireOutbox gives up on rows sent before sentBefore and not finished.
func (s *Service) ExpireOutbox(ctx context.Context, sentBefore time.Time, reason string) (int64, error) {
	return s.store.ExpireOutbox(ctx, sentBefore, s.now(), reason)
}

// TimersDueBefore lists timers that should have fired by t.
func (s *Service) TimersDueBefore(ctx context.Context, t time.Time, limit int) ([]Timer, error) {
	return s.store.TimersDueBefore(ctx, t, limit)
}
