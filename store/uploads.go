package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"petitiond/uploads"
)

var _ uploads.Records = (*Store)(nil)

// InsertUpload records an upload whose bytes are already stored.
func (s *Store) InsertUpload(ctx context.Context, u uploads.Upload) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO uploads (id, owner_openid, sha256, mime, size, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		u.ID, u.Owner, u.SHA256, u.MIME, u.Size, u.CreatedAt.UTC())
	if err != nil {
		return fmt.Errorf("insert upload: %w", err)
	}
	return nil
}

const uploadColumns = `id, owner_openid, sha256, mime, size, created_at`

func scanUpload(r rowScanner) (uploads.Upload, error) {
	var u uploads.Upload
	err := r.Scan(&u.ID, &u.Owner, &u.SHA256, &u.MIME, &u.Size, &u.CreatedAt)
	u.CreatedAt = utc(u.CreatedAt)
	return u, err
}

// UploadByOwnerHash returns the owner's earliest upload of these bytes.
func (s *Store) UploadByOwnerHash(ctx context.Context, owner, sha string) (*uploads.Upload, error) {
	u, err := scanUpload(s.db.QueryRowContext(ctx, `SELECT `+uploadColumns+` FROM uploads
		WHERE owner_openid = $1 AND sha256 = $2 ORDER BY created_at, id LIMIT 1`, owner, sha))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, uploads.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("upload by hash: %w", err)
	}
	return &u, nil
}

// Uploads returns the uploads with these ids (missing ones are absent).
func (s *Store) Uploads(ctx context.Context, ids []string) ([]uploads.Upload, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+uploadColumns+` FROM uploads WHERE id IN (`+placeholders(1, len(ids))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("uploads: %w", err)
	}
	defer rows.Close()
	var out []uploads.Upload
	for rows.Next() {
		u, err := scanUpload(rows)
		if err != nil {
			return nil, fmt.Errorf("uploads: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
