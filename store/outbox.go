package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"petitiond/cases"
)

// addOutbox writes the rows in one statement.
func (s *Store) addOutbox(ctx context.Context, q querier, ms ...cases.OutboxMessage) error {
	if len(ms) == 0 {
		return nil
	}
	rows := make([]string, len(ms))
	args := make([]any, 0, 7*len(ms))
	for i, m := range ms {
		var processAt any
		if !m.ProcessAt.IsZero() {
			processAt = m.ProcessAt.UTC()
		}
		rows[i] = "(" + placeholders(7*i+1, 7) + ")"
		args = append(args, m.Topic, m.CaseID, string(m.Payload), m.Queue, processAt, m.TaskID, m.CreatedAt.UTC())
	}
	_, err := q.ExecContext(ctx, `INSERT INTO outbox (topic, case_id, payload, queue, process_at, task_id, created_at) VALUES `+strings.Join(rows, ", "), args...)
	return err
}

// PendingOutbox returns unsent rows, oldest first.
func (s *Store) PendingOutbox(ctx context.Context, limit int) ([]cases.OutboxMessage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, topic, case_id, payload, queue, process_at, task_id, created_at, attempts
		FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("pending outbox: %w", err)
	}
	defer rows.Close()
	var out []cases.OutboxMessage
	for rows.Next() {
		var (
			m         cases.OutboxMessage
			payload   string
			processAt sql.NullTime
		)
		if err := rows.Scan(&m.ID, &m.Topic, &m.CaseID, &payload, &m.Queue, &processAt, &m.TaskID, &m.CreatedAt, &m.Attempts); err != nil {
			return nil, fmt.Errorf("pending outbox: %w", err)
		}
		m.Payload = []byte(payload)
		if processAt.Valid {
			m.ProcessAt = processAt.Time.UTC()
		}
		m.CreatedAt = utc(m.CreatedAt)
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkOutboxSent records delivered rows.
func (s *Store) MarkOutboxSent(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{at.UTC()}
	for _, id := range ids {
		args = append(args, id)
	}
	_, err := s.db.ExecContext(ctx, `UPDATE outbox SET sent_at = $1, attempts = attempts + 1 WHERE sent_at IS NULL AND id IN (`+placeholders(2, len(ids))+`)`, args...)
	if err != nil {
		return fmt.Errorf("mark outbox sent: %w", err)
	}
	return nil
}

// MarkOutboxFailed counts a failed attempt and keeps its reason.
func (s *Store) MarkOutboxFailed(ctx context.Context, id int64, reason string) error {
	if len(reason) > 500 {
		reason = reason[:500]
	}
	_, err := s.db.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2`, reason, id)
	if err != nil {
		return fmt.Errorf("mark outbox failed: %w", err)
	}
	return nil
}
