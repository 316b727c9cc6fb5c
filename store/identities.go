package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"petitiond/cases"
)

const fieldIdentityPhone = "identity.phone"

// LinkIdentity records an openid and, when WeChat gave one, its unionid. A
// known unionid is never overwritten with an empty one.
func (s *Store) LinkIdentity(ctx context.Context, id cases.Identity, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO wechat_identities (openid, app, unionid, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4)
		ON CONFLICT (openid) DO UPDATE SET
			unionid = CASE WHEN excluded.unionid <> '' THEN excluded.unionid ELSE wechat_identities.unionid END,
			updated_at = excluded.updated_at`, id.OpenID, id.App, id.UnionID, at.UTC())
	if err != nil {
		return fmt.Errorf("link identity: %w", err)
	}
	if id.UnionID != "" {
		// Cases filed before the link was known gain it now, so both
		// channels list them.
		if _, err := s.db.ExecContext(ctx, `UPDATE cases SET unionid = $1 WHERE openid = $2 AND unionid = ''`, id.UnionID, id.OpenID); err != nil {
			return fmt.Errorf("link identity cases: %w", err)
		}
	}
	return nil
}

// SetIdentityPhone stores the person's phone number (sealed).
func (s *Store) SetIdentityPhone(ctx context.Context, openid, phone string, at time.Time) error {
	enc, err := s.sealer.Seal(fieldIdentityPhone, phone)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE wechat_identities SET phone_enc = $1, phone_hash = $2, updated_at = $3 WHERE openid = $4`,
		enc, s.sealer.Hash("phone", phone), at.UTC(), openid)
	if err != nil {
		return fmt.Errorf("set identity phone: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("identity %w", cases.ErrNotFound)
	}
	return nil
}

// Identity returns what is known of an openid, with every openid linked to
// it through its unionid (itself included).
func (s *Store) Identity(ctx context.Context, openid string) (*cases.Identity, error) {
	var (
		id       cases.Identity
		phoneEnc string
	)
	err := s.db.QueryRowContext(ctx, `SELECT openid, app, unionid, phone_enc FROM wechat_identities WHERE openid = $1`, openid).
		Scan(&id.OpenID, &id.App, &id.UnionID, &phoneEnc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("identity: %w", cases.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	if id.Phone, err = s.sealer.Open(fieldIdentityPhone, phoneEnc); err != nil {
		return nil, fmt.Errorf("identity phone: %w", err)
	}
	id.Linked = []string{id.OpenID}
	if id.UnionID == "" {
		return &id, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT openid FROM wechat_identities WHERE unionid = $1 AND openid <> $2 ORDER BY openid`, id.UnionID, id.OpenID)
	if err != nil {
		return nil, fmt.Errorf("linked identities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, err
		}
		id.Linked = append(id.Linked, o)
	}
	return &id, rows.Err()
}
