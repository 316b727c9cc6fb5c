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
	rows, err := s.db.QueryContext(ctx, `SELECT `+outboxColumns+`
		FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("pending outbox: %w", err)
	}
	return scanOutbox(rows, "pending outbox")
}

// UnfinishedOutbox returns rows sent within [since, before], past their
// process time by before, whose task has not finished, after the id
// cursor, in id order. It reads the partial index outbox_unfinished, so
// its cost follows the unfinished rows, not the table. Rows with their own
// task id (timers) are not in it: the reconciler rebuilds those.
func (s *Store) UnfinishedOutbox(ctx context.Context, since, before time.Time, afterID int64, limit int) ([]cases.OutboxMessage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+outboxColumns+`
		FROM outbox WHERE sent_at IS NOT NULL AND done_at IS NULL AND task_id = ''
		AND id > $1 AND sent_at >= $2 AND sent_at <= $3 AND (process_at IS NULL OR process_at <= $3)
		ORDER BY id LIMIT $4`, afterID, since.UTC(), before.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("unfinished outbox: %w", err)
	}
	return scanOutbox(rows, "unfinished outbox")
}

// MarkOutboxDone records that a row's task finished (succeeded, or gave up
// for good); a reason, when given, is kept as the row's last error.
func (s *Store) MarkOutboxDone(ctx context.Context, id int64, at time.Time, reason string) error {
	q, args := `UPDATE outbox SET done_at = $1 WHERE id = $2 AND done_at IS NULL`, []any{at.UTC(), id}
	if reason != "" {
		q, args = `UPDATE outbox SET done_at = $1, last_error = $3 WHERE id = $2 AND done_at IS NULL`, append(args, truncate(reason))
	}
	if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("mark outbox done: %w", err)
	}
	return nil
}

// ExpireOutbox gives up on rows sent before the given time and still not
// finished: re-offering them is no longer useful, and finishing them keeps
// the partial index small. It returns how many it gave up on.
func (s *Store) ExpireOutbox(ctx context.Context, sentBefore, at time.Time, reason string) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET done_at = $1, last_error = $2
		WHERE sent_at IS NOT NULL AND done_at IS NULL AND task_id = '' AND sent_at < $3`, at.UTC(), truncate(reason), sentBefore.UTC())
	if err != nil {
		return 0, fmt.Errorf("expire outbox: %w", err)
	}
	return res.RowsAffected()
}

const outboxColumns = `id, topic, case_id, payload, queue, process_at, task_id, created_at, attempts`

func scanOutbox(rows *sql.Rows, what string) ([]cases.OutboxMessage, error) {
	defer rows.Close()
	var out []cases.OutboxMessage
	for rows.Next() {
		var (
			m         cases.OutboxMessage
			payload   string
			processAt sql.NullTime
		)
		if err := rows.Scan(&m.ID, &m.Topic, &m.CaseID, &payload, &m.Queue, &processAt, &m.TaskID, &m.CreatedAt, &m.Attempts); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
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

func truncate(reason string) string {
	if len(reason) > 500 {
		return reason[:500]
	}
	return reason
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
	_, err := s.db.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2`, truncate(reason), id)
	if err != nil {
		return fmt.Errorf("mark outbox failed: %w", err)
	}
	return nil
}
