package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"petitiond/staff"
)

var _ staff.Store = (*Store)(nil)

const accountColumns = `username, display_name, role, unit, password_hash, must_change_password, disabled, created_at, updated_at`

func scanAccount(r rowScanner) (*staff.Account, error) {
	var a staff.Account
	var role string
	err := r.Scan(&a.Username, &a.Name, &role, &a.Unit, &a.PasswordHash, &a.MustChangePassword, &a.Disabled, &a.CreatedAt, &a.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, staff.ErrNoAccount
	}
	if err != nil {
		return nil, fmt.Errorf("account: %w", err)
	}
	a.Role = staff.Role(role)
	a.CreatedAt, a.UpdatedAt = utc(a.CreatedAt), utc(a.UpdatedAt)
	return &a, nil
}

// InsertAccount stores a new account (staff.ErrAccountExists when taken).
func (s *Store) InsertAccount(ctx context.Context, a *staff.Account) error {
	res, err := s.db.ExecContext(ctx, `INSERT INTO staff_accounts (`+accountColumns+`) VALUES (`+placeholders(1, 9)+`)
		ON CONFLICT (username) DO NOTHING`,
		a.Username, a.Name, string(a.Role), a.Unit, a.PasswordHash, a.MustChangePassword, a.Disabled, a.CreatedAt.UTC(), a.UpdatedAt.UTC())
	if err != nil {
		return fmt.Errorf("insert account: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return staff.ErrAccountExists
	}
	return nil
}

// Account returns one account.
func (s *Store) Account(ctx context.Context, username string) (*staff.Account, error) {
	return scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM staff_accounts WHERE username = $1`, username))
}

// UpdateAccount writes an account's changeable fields.
func (s *Store) UpdateAccount(ctx context.Context, a *staff.Account) error {
	res, err := s.db.ExecContext(ctx, `UPDATE staff_accounts SET display_name = $1, role = $2, unit = $3, password_hash = $4,
		must_change_password = $5, disabled = $6, updated_at = $7 WHERE username = $8`,
		a.Name, string(a.Role), a.Unit, a.PasswordHash, a.MustChangePassword, a.Disabled, a.UpdatedAt.UTC(), a.Username)
	if err != nil {
		return fmt.Errorf("update account %s: %w", a.Username, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return staff.ErrNoAccount
	}
	return nil
}

// Accounts lists every account by unit and username.
func (s *Store) Accounts(ctx context.Context) ([]*staff.Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+accountColumns+` FROM staff_accounts ORDER BY role, unit, username`)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	defer rows.Close()
	var out []*staff.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

const tokenColumns = `id, unit, name, token_hash, created_by, created_at, revoked_at`

func scanToken(r rowScanner) (*staff.Token, error) {
	var t staff.Token
	var revoked sql.NullTime
	err := r.Scan(&t.ID, &t.Unit, &t.Name, &t.Hash, &t.CreatedBy, &t.CreatedAt, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, staff.ErrNoToken
	}
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	t.CreatedAt, t.RevokedAt = utc(t.CreatedAt), timePtr(revoked)
	return &t, nil
}

// InsertToken stores a token's hash and sets its id.
func (s *Store) InsertToken(ctx context.Context, t *staff.Token) error {
	return s.db.QueryRowContext(ctx, `INSERT INTO staff_tokens (unit, name, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		t.Unit, t.Name, t.Hash, t.CreatedBy, t.CreatedAt.UTC()).Scan(&t.ID)
}

// TokenByHash returns an unrevoked token.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*staff.Token, error) {
	return scanToken(s.db.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM staff_tokens WHERE token_hash = $1 AND revoked_at IS NULL`, hash))
}

// Token returns a token by id, revoked or not.
func (s *Store) Token(ctx context.Context, id int64) (*staff.Token, error) {
	return scanToken(s.db.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM staff_tokens WHERE id = $1`, id))
}

// Tokens lists a unit's tokens, or all when unit is empty.
func (s *Store) Tokens(ctx context.Context, unit string) ([]*staff.Token, error) {
	q, args := `SELECT `+tokenColumns+` FROM staff_tokens`, []any{}
	if unit != "" {
		q, args = q+` WHERE unit = $1`, append(args, unit)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY unit, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	defer rows.Close()
	var out []*staff.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken marks a token revoked (once).
func (s *Store) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE staff_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, at.UTC(), id)
	return err
}
