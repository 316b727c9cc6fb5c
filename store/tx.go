package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"petitiond/cases"
)

// WithTx runs fn in one transaction (cases.Store).
func (s *Store) WithTx(ctx context.Context, fn func(cases.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(&caseTx{s: s, tx: tx}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// caseTx implements cases.Tx over one *sql.Tx.
type caseTx struct {
	s  *Store
	tx *sql.Tx
}

func (t *caseTx) ClaimIdempotencyKey(ctx context.Context, k cases.IdempotencyKey) (*cases.IdempotencyKey, error) {
	// In PostgreSQL a concurrent claimer of the same key blocks here until
	// the first commits (then DO NOTHING) or rolls back (then we insert).
	res, err := t.tx.ExecContext(ctx, `INSERT INTO idempotency_keys (scope, key, fingerprint, case_id, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING`, k.Scope, k.Key, k.Fingerprint, k.CaseID, k.CreatedAt.UTC())
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil, nil
	}
	return readClaim(ctx, t.tx, k)
}

// readClaim returns the committed claim of k's scope and key.
func readClaim(ctx context.Context, q querier, k cases.IdempotencyKey) (*cases.IdempotencyKey, error) {
	prev := cases.IdempotencyKey{Scope: k.Scope, Key: k.Key}
	err := q.QueryRowContext(ctx, `SELECT fingerprint, case_id, created_at FROM idempotency_keys WHERE scope = $1 AND key = $2`,
		k.Scope, k.Key).Scan(&prev.Fingerprint, &prev.CaseID, &prev.CreatedAt)
	if err != nil {
		return nil, fmt.Errorf("read claimed key: %w", err)
	}
	prev.CreatedAt = utc(prev.CreatedAt)
	return &prev, nil
}

func (t *caseTx) InsertCase(ctx context.Context, c *cases.Case) error {
	return t.s.insertCase(ctx, t.tx, c)
}

func (t *caseTx) CaseForUpdate(ctx context.Context, id string) (*cases.Case, error) {
	c, err := t.s.scanCase(t.tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = $1`+t.s.forUpdate(), id))
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", id, err)
	}
	return c, nil
}

func (t *caseTx) UpdateCase(ctx context.Context, c *cases.Case) error {
	if err := t.s.updateCase(ctx, t.tx, c); err != nil {
		if errors.Is(err, cases.ErrConflict) {
			return err
		}
		return fmt.Errorf("update case %s: %w", c.ID, err)
	}
	return nil
}

func (t *caseTx) AppendEvent(ctx context.Context, e *cases.Event) error {
	return t.s.appendEvent(ctx, t.tx, e)
}

func (t *caseTx) AddOutbox(ctx context.Context, ms ...cases.OutboxMessage) error {
	return t.s.addOutbox(ctx, t.tx, ms...)
}

func (t *caseTx) Timers(ctx context.Context, caseID string) ([]cases.Timer, error) {
	return t.s.timers(ctx, t.tx, `WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY due_at, id`, caseID)
}

// InsertTimer inserts every timer in one statement. RETURNING does not
// promise the order of VALUES, so ids are matched back by (case, kind, due).
func (t *caseTx) InsertTimer(ctx context.Context, ts ...*cases.Timer) error {
	if len(ts) == 0 {
		return nil
	}
	rows := make([]string, len(ts))
	args := make([]any, 0, 3*len(ts))
	for i, tm := range ts {
		rows[i] = "(" + placeholders(3*i+1, 3) + ")"
		args = append(args, tm.CaseID, tm.Kind, tm.DueAt.UTC())
	}
	res, err := t.tx.QueryContext(ctx, `INSERT INTO timers (case_id, kind, due_at) VALUES `+strings.Join(rows, ", ")+` RETURNING id, case_id, kind, due_at`, args...)
	if err != nil {
		return err
	}
	defer res.Close()
	for res.Next() {
		var (
			id           int64
			caseID, kind string
			due          time.Time
		)
		if err := res.Scan(&id, &caseID, &kind, &due); err != nil {
			return err
		}
		for _, tm := range ts {
			if tm.ID == 0 && tm.CaseID == caseID && tm.Kind == kind && tm.DueAt.Equal(due) {
				tm.ID = id
				break
			}
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	for _, tm := range ts {
		if tm.ID == 0 {
			return fmt.Errorf("timer %s of %s: no id returned", tm.Kind, tm.CaseID)
		}
	}
	return nil
}

func (t *caseTx) CancelTimers(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{at.UTC()}
	for _, id := range ids {
		args = append(args, id)
	}
	_, err := t.tx.ExecContext(ctx, `UPDATE timers SET cancelled_at = $1 WHERE cancelled_at IS NULL AND fired_at IS NULL AND id IN (`+placeholders(2, len(ids))+`)`, args...)
	return err
}

func (t *caseTx) MarkTimerFired(ctx context.Context, id int64, at time.Time) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE timers SET fired_at = $1 WHERE id = $2 AND fired_at IS NULL AND cancelled_at IS NULL`, at.UTC(), id)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
