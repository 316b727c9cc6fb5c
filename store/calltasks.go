package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"petitiond/cases"
)

const fieldCallPhone = "call.phone"

const callTaskColumns = `id, kind, case_id, openid, phone_enc, reason, status, attempts, outcome, assigned_to, due_at, created_at, updated_at, version`

func (s *Store) scanCallTask(r rowScanner) (*cases.CallTask, error) {
	var t cases.CallTask
	var phoneEnc string
	err := r.Scan(&t.ID, &t.Kind, &t.CaseID, &t.OpenID, &phoneEnc, &t.Reason, &t.Status, &t.Attempts, &t.Outcome, &t.AssignedTo,
		&t.DueAt, &t.CreatedAt, &t.UpdatedAt, &t.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("call task: %w", cases.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("call task: %w", err)
	}
	t.DueAt, t.CreatedAt, t.UpdatedAt = utc(t.DueAt), utc(t.CreatedAt), utc(t.UpdatedAt)
	if t.Phone, err = s.sealer.Open(fieldCallPhone, phoneEnc); err != nil {
		return nil, fmt.Errorf("call task %s phone: %w", t.ID, err)
	}
	return &t, nil
}

// InsertCallTask stores a new task.
func (s *Store) InsertCallTask(ctx context.Context, t *cases.CallTask) error {
	return s.insertCallTask(ctx, s.db, t)
}

func (s *Store) insertCallTask(ctx context.Context, q querier, t *cases.CallTask) error {
	phone, err := s.sealer.Seal(fieldCallPhone, t.Phone)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO call_tasks (`+callTaskColumns+`) VALUES (`+placeholders(1, 14)+`)`,
		t.ID, t.Kind, t.CaseID, t.OpenID, phone, t.Reason, t.Status, t.Attempts, t.Outcome, t.AssignedTo,
		t.DueAt.UTC(), t.CreatedAt.UTC(), t.UpdatedAt.UTC(), t.Version)
	if err != nil {
		return fmt.Errorf("insert call task: %w", err)
	}
	return nil
}

// CallTask returns one task.
func (s *Store) CallTask(ctx context.Context, id string) (*cases.CallTask, error) {
	return s.scanCallTask(s.db.QueryRowContext(ctx, `SELECT `+callTaskColumns+` FROM call_tasks WHERE id = $1`, id))
}

// UpdateCallTask writes a task if nobody changed it meanwhile.
func (s *Store) UpdateCallTask(ctx context.Context, t *cases.CallTask) error {
	return s.updateCallTask(ctx, s.db, t)
}

func (s *Store) updateCallTask(ctx context.Context, q querier, t *cases.CallTask) error {
	phone, err := s.sealer.Seal(fieldCallPhone, t.Phone)
	if err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE call_tasks SET phone_enc = $1, reason = $2, status = $3, attempts = $4, outcome = $5,
		assigned_to = $6, due_at = $7, updated_at = $8, version = $9 WHERE id = $10 AND version = $11`,
		phone, t.Reason, t.Status, t.Attempts, t.Outcome, t.AssignedTo, t.DueAt.UTC(), t.UpdatedAt.UTC(), t.Version, t.ID, t.Version-1)
	if err != nil {
		return fmt.Errorf("update call task: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return cases.ErrConflict
	}
	return nil
}

// CallTasks lists tasks soonest due first.
func (s *Store) CallTasks(ctx context.Context, q cases.CallTaskQuery) ([]*cases.CallTask, error) {
	where := []string{"1 = 1"}
	var args []any
	for _, f := range []struct{ col, v string }{{"status", q.Status}, {"kind", q.Kind}, {"case_id", q.CaseID}, {"assigned_to", q.AssignedTo}} {
		if f.v != "" {
			args = append(args, f.v)
			where = append(where, fmt.Sprintf("%s = $%d", f.col, len(args)))
		}
	}
	args = append(args, q.Limit)
	return s.callTasks(ctx, s.db, `WHERE `+strings.Join(where, " AND ")+fmt.Sprintf(` ORDER BY due_at, id LIMIT $%d`, len(args)), args...)
}

func (s *Store) callTasks(ctx context.Context, q querier, where string, args ...any) ([]*cases.CallTask, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+callTaskColumns+` FROM call_tasks `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("call tasks: %w", err)
	}
	defer rows.Close()
	var out []*cases.CallTask
	for rows.Next() {
		t, err := s.scanCallTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
