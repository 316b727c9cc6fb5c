package store

import (
	"context"
	"fmt"
	"time"

	"petitiond/cases"
)

// TimerHistory returns every timer of the case, fired and cancelled ones
// included (cases.OversightTx).
func (t *caseTx) TimerHistory(ctx context.Context, caseID string) ([]cases.Timer, error) {
	return t.s.timers(ctx, t.tx, `WHERE case_id = $1 ORDER BY due_at, id`, caseID)
}

// CaseCallTasks returns the case's call tasks, oldest first.
func (t *caseTx) CaseCallTasks(ctx context.Context, caseID string) ([]*cases.CallTask, error) {
	return t.s.callTasks(ctx, t.tx, `WHERE case_id = $1 ORDER BY created_at, id`, caseID)
}

func (t *caseTx) InsertCallTask(ctx context.Context, task *cases.CallTask) error {
	return t.s.insertCallTask(ctx, t.tx, task)
}

func (t *caseTx) UpdateCallTask(ctx context.Context, task *cases.CallTask) error {
	return t.s.updateCallTask(ctx, t.tx, task)
}

func (t *caseTx) InsertFollowUpAnswer(ctx context.Context, a cases.FollowUpAnswer) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO followup_answers (case_id, unit, rating, via, at) VALUES ($1, $2, $3, $4, $5)`,
		a.CaseID, a.Unit, a.Rating, a.Via, a.At.UTC())
	if err != nil {
		return fmt.Errorf("insert follow-up answer: %w", err)
	}
	return nil
}

// PendingTimers pages through pending timers due before t in (due_at, id)
// order. The partial index timers_due (due_at, id) holds only pending
// timers, so each page reads its own rows and nothing else.
func (s *Store) PendingTimers(ctx context.Context, before time.Time, after cases.TimerCursor, limit int) ([]cases.DueTimer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.id, t.case_id, t.kind, t.due_at, c.urgent
		FROM timers t JOIN cases c ON c.id = t.case_id
		WHERE t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.due_at < $1 AND (t.due_at, t.id) > ($2, $3)
		ORDER BY t.due_at, t.id LIMIT $4`, before.UTC(), after.DueAt.UTC(), after.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("pending timers: %w", err)
	}
	defer rows.Close()
	var out []cases.DueTimer
	for rows.Next() {
		var d cases.DueTimer
		if err := rows.Scan(&d.ID, &d.CaseID, &d.Kind, &d.DueAt, &d.Urgent); err != nil {
			return nil, fmt.Errorf("pending timers: %w", err)
		}
		d.DueAt = utc(d.DueAt)
		out = append(out, d)
	}
	return out, rows.Err()
}

// CasesAwaitingDispatch returns cases still waiting for the dispatcher,
// through the partial index cases_awaiting_dispatch.
func (s *Store) CasesAwaitingDispatch(ctx context.Context, before time.Time, limit int) ([]cases.CaseRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, urgent, version FROM cases
		WHERE status IN ('submitted', 'reopened') AND updated_at < $1 ORDER BY updated_at LIMIT $2`, before.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("cases awaiting dispatch: %w", err)
	}
	defer rows.Close()
	var out []cases.CaseRef
	for rows.Next() {
		var r cases.CaseRef
		if err := rows.Scan(&r.ID, &r.Urgent, &r.Version); err != nil {
			return nil, fmt.Errorf("cases awaiting dispatch: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SatisfactionCounts counts follow-up answers per rating.
func (s *Store) SatisfactionCounts(ctx context.Context, q cases.SatisfactionQuery) (map[string]int, error) {
	from, to := q.From, q.To
	if from.IsZero() {
		from = time.Unix(0, 0)
	}
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	query := `SELECT rating, COUNT(*) FROM followup_answers WHERE at >= $1 AND at < $2`
	args := []any{from.UTC(), to.UTC()}
	if q.Unit != "" {
		query += ` AND unit = $3`
		args = append(args, q.Unit)
	}
	rows, err := s.db.QueryContext(ctx, query+` GROUP BY rating`, args...)
	if err != nil {
		return nil, fmt.Errorf("satisfaction counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var rating string
		var n int
		if err := rows.Scan(&rating, &n); err != nil {
			return nil, fmt.Errorf("satisfaction counts: %w", err)
		}
		out[rating] = n
	}
	return out, rows.Err()
}
