package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// GrantConsents adds one consent per template.
func (s *Store) GrantConsents(ctx context.Context, openid string, templateIDs []string, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range templateIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO notify_consents (openid, template_id, remaining, updated_at) VALUES ($1, $2, 1, $3)
				ON CONFLICT (openid, template_id) DO UPDATE SET remaining = notify_consents.remaining + 1, updated_at = excluded.updated_at`,
				openid, id, at.UTC()); err != nil {
				return fmt.Errorf("grant consent: %w", err)
			}
		}
		return nil
	})
}

// SpendConsent decrements a consent if one is left, atomically.
func (s *Store) SpendConsent(ctx context.Context, openid, templateID string, at time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE notify_consents SET remaining = remaining - 1, updated_at = $1
		WHERE openid = $2 AND template_id = $3 AND remaining > 0`, at.UTC(), openid, templateID)
	if err != nil {
		return false, fmt.Errorf("spend consent: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ConsentsLeft returns remaining consents per template.
func (s *Store) ConsentsLeft(ctx context.Context, openid string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT template_id, remaining FROM notify_consents WHERE openid = $1 AND remaining > 0`, openid)
	if err != nil {
		return nil, fmt.Errorf("consents: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// TouchIdentity records the time of the person's last message.
func (s *Store) TouchIdentity(ctx context.Context, openid string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO wechat_identities (openid, app, unionid, created_at, updated_at, last_seen_at)
		VALUES ($1, 'oa', '', $2, $2, $2) ON CONFLICT (openid) DO UPDATE SET last_seen_at = excluded.last_seen_at`, openid, at.UTC())
	if err != nil {
		return fmt.Errorf("touch identity: %w", err)
	}
	return nil
}

// LastSeen returns when the person last wrote to the Official Account.
func (s *Store) LastSeen(ctx context.Context, openid string) (*time.Time, error) {
	var t sql.NullTime
	err := s.db.QueryRowContext(ctx, `SELECT last_seen_at FROM wechat_identities WHERE openid = $1`, openid).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("last seen: %w", err)
	}
	return timePtr(t), nil
}

// inTx runs fn in a transaction of the store's own (not a domain one).
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
