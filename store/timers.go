package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"petitiond/cases"
)

func (s *Store) timers(ctx context.Context, q querier, where string, args ...any) ([]cases.Timer, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, case_id, kind, due_at, fired_at, cancelled_at FROM timers `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("timers: %w", err)
	}
	defer rows.Close()
	var out []cases.Timer
	for rows.Next() {
		var (
			t                cases.Timer
			fired, cancelled sql.NullTime
		)
		if err := rows.Scan(&t.ID, &t.CaseID, &t.Kind, &t.DueAt, &fired, &cancelled); err != nil {
			return nil, fmt.Errorf("timers: %w", err)
		}
		t.DueAt = utc(t.DueAt)
		t.FiredAt, t.CancelledAt = timePtr(fired), timePtr(cancelled)
		out = append(out, t)
	}
	return out, rows.Err()
}

// TimersDueBefore returns pending timers due before t, soonest first. The
// partial index timers_due holds only pending timers, so the scan touches
// the due ones and nothing else.
func (s *Store) TimersDueBefore(ctx context.Context, t time.Time, limit int) ([]cases.Timer, error) {
	return s.timers(ctx, s.db, `WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at < $1 ORDER BY due_at LIMIT $2`, t.UTC(), limit)
}
