package cases

import (
	"context"
	"fmt"
	"time"
)

// findTimer resolves a queued task's timer: by id when the payload has one,
// else (a new case's timers are queued before their ids exist) by kind and
// due time, preferring the pending row over cancelled or fired ones.
func findTimer(history []Timer, p TimerPayload) *Timer {
	var found *Timer
	for i := range history {
		t := &history[i]
		switch {
		case p.TimerID != 0:
			if t.ID == p.TimerID {
				return t
			}
		case t.Kind == p.Kind && t.DueAt.Equal(p.DueAt):
			if found == nil || (t.Pending() && !found.Pending()) || (t.FiredAt != nil && found.CancelledAt != nil) {
				found = t
			}
		}
	}
	return found
}

// EarlyError is returned by FireTimer for a timer whose time has not come
// (a task run ahead of time, or clocks apart): try again after Wait.
type EarlyError struct{ Wait time.Duration }

func (e *EarlyError) Error() string { return fmt.Sprintf("timer not due for another %s", e.Wait) }

// FireResult says what FireTimer did.
type FireResult struct {
	Fired bool
	// Skipped says why nothing happened: "fired" (already), "cancelled",
	// "not_current" (the case moved on; the timer is cancelled now).
	Skipped string
	Timer   Timer
}

// FireTimer fires one timer exactly once: in one transaction it marks the
// timer fired and applies its effect (a 督办 record, staff notices, the
// survey, a call task) and derives the timers that follow (the next
// reminder, the no-answer step). A timer that already fired, was cancelled
// or no longer applies does nothing, so a task delivered twice, or queued
// again by the reconciler, changes nothing.
func (s *Service) FireTimer(ctx context.Context, p TimerPayload) (FireResult, error) {
	var res FireResult
	caseID, timerID := p.CaseID, p.TimerID
	err := s.store.WithTx(ctx, func(tx Tx) error {
		c, err := tx.CaseForUpdate(ctx, caseID)
		if err != nil {
			return err
		}
		history, err := tx.TimerHistory(ctx, caseID)
		if err != nil {
			return fmt.Errorf("timers: %w", err)
		}
		t := findTimer(history, p)
		if t == nil {
			return fmt.Errorf("timer %d (%s at %s): %w", timerID, p.Kind, p.DueAt.UTC().Format(time.RFC3339), ErrNotFound)
		}
		timerID = t.ID
		res.Timer = *t
		now := s.now()
		switch {
		case t.FiredAt != nil:
			res.Skipped = "fired"
			return nil
		case t.CancelledAt != nil:
			res.Skipped = "cancelled"
			return nil
		case now.Before(t.DueAt):
			return &EarlyError{Wait: t.DueAt.Sub(now)}
		}
		current := false
		for _, w := range s.wantTimers(c, now, history) {
			current = current || w.key() == t.key()
		}
		if !current {
			res.Skipped = "not_current"
			return tx.CancelTimers(ctx, []int64{t.ID}, now)
		}
		ok, err := tx.MarkTimerFired(ctx, t.ID, now)
		if err != nil || !ok {
			res.Skipped = "fired"
			return err
		}
		if err := s.timerEffect(ctx, tx, c, *t, history, now); err != nil {
			return err
		}
		res.Fired = true
		return s.syncTimers(ctx, tx, c, now)
	})
	if err != nil {
		return res, fmt.Errorf("fire timer %d of case %s: %w", timerID, caseID, err)
	}
	if res.Fired {
		s.wake()
		s.log.Info("timer fired", "case", caseID, "timer", timerID, "kind", res.Timer.Kind)
	}
	return res, nil
}

// PendingTimers serves the reconciler (OversightStore.PendingTimers).
func (s *Service) PendingTimers(ctx context.Context, before time.Time, after TimerCursor, limit int) ([]DueTimer, error) {
	return s.store.PendingTimers(ctx, before, after, limit)
}

// CasesAwaitingDispatch serves the reconciler: cases still waiting for the
// dispatcher since before (their task was lost with Redis).
func (s *Service) CasesAwaitingDispatch(ctx context.Context, before time.Time, limit int) ([]CaseRef, error) {
	return s.store.CasesAwaitingDispatch(ctx, before, limit)
}
