// Package uploads keeps the photos citizens attach to their cases: it checks
// what a file really is from its bytes, strips the metadata a phone writes
// into it (GPS position, device ids, timestamps), stores the clean bytes by
// content hash in a Blobs store and records who uploaded what.
package uploads

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
)

// MaxBytes is the largest image a person may upload.
const MaxBytes = 10 << 20

// Errors the API maps to HTTP.
var (
	// ErrUnsupportedType: the bytes are not a JPEG, PNG or WebP image,
	// whatever the file name or Content-Type said.
	ErrUnsupportedType = errors.New("uploads: not a JPEG, PNG or WebP image")
	// ErrTooLarge: over MaxBytes.
	ErrTooLarge = errors.New("uploads: file too large")
	// ErrCorrupt: the header says image, the structure says otherwise.
	ErrCorrupt = errors.New("uploads: damaged image")
	// ErrEmpty: no bytes at all.
	ErrEmpty = errors.New("uploads: empty file")
	// ErrNotFound: no such upload, or not the caller's.
	ErrNotFound = errors.New("uploads: not found")
)

// Upload is the record of one stored image. The bytes live in Blobs under
// SHA256; the same photo uploaded twice is stored once.
type Upload struct {
	ID        string
	Owner     string // the uploader's openid
	SHA256    string // of the stored (cleaned) bytes
	MIME      string
	Size      int64
	CreatedAt time.Time
}

// Records is the part of storage that keeps upload records; the store
// package implements it.
type Records interface {
	InsertUpload(ctx context.Context, u Upload) error
	// UploadByOwnerHash returns the owner's earlier upload of the same bytes.
	UploadByOwnerHash(ctx context.Context, owner, sha string) (*Upload, error)
	// Uploads returns the records with these ids; missing ids are absent.
	Uploads(ctx context.Context, ids []string) ([]Upload, error)
}

// Blobs stores bytes by key: a local directory now, S3-compatible storage
// later. Put must be durable when it returns.
type Blobs interface {
	Put(ctx context.Context, key string, data []byte) error
	Open(ctx context.Context, key string) (io.ReadCloser, error)
}

// Service saves and finds uploads.
type Service struct {
	blobs   Blobs
	records Records
	now     func() time.Time
}

// NewService returns the upload service; now is the clock (time.Now when nil).
func NewService(blobs Blobs, records Records, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{blobs: blobs, records: records, now: now}
}

// Save checks, cleans and stores one image for owner. The record is written
// only after the bytes are durable, so a record never points at nothing.
func (s *Service) Save(ctx context.Context, owner string, data []byte) (*Upload, error) {
	if owner == "" {
		return nil, errors.New("uploads: owner required")
	}
	if len(data) == 0 {
		return nil, ErrEmpty
	}
	if len(data) > MaxBytes {
		return nil, ErrTooLarge
	}
	mime := Sniff(data)
	if mime == "" {
		return nil, ErrUnsupportedType
	}
	clean, err := Strip(mime, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(clean)
	hash := hex.EncodeToString(sum[:])
	if prev, err := s.records.UploadByOwnerHash(ctx, owner, hash); err == nil {
		return prev, nil
	} else if !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("save upload: %w", err)
	}
	if err := s.blobs.Put(ctx, hash, clean); err != nil {
		return nil, fmt.Errorf("save upload: store bytes: %w", err)
	}
	u := Upload{ID: uuid.Must(uuid.NewV7()).String(), Owner: owner, SHA256: hash, MIME: mime, Size: int64(len(clean)),
		CreatedAt: s.now().UTC().Truncate(time.Microsecond)}
	if err := s.records.InsertUpload(ctx, u); err != nil {
		return nil, fmt.Errorf("save upload: record: %w", err)
	}
	return &u, nil
}

// Owned returns the uploads with ids if every one exists and belongs to one
// of owners; otherwise the first offending id and ErrNotFound.
func (s *Service) Owned(ctx context.Context, owners []string, ids []string) ([]Upload, string, error) {
	if len(ids) == 0 {
		return nil, "", nil
	}
	// Ids are ours (UUIDs): anything else cannot exist and is not sent to
	// the store, where a NUL or invalid UTF-8 would fail the query.
	for _, id := range ids {
		if u, err := uuid.Parse(id); err != nil || u.String() != id {
			return nil, id, ErrNotFound
		}
	}
	found, err := s.records.Uploads(ctx, ids)
	if err != nil {
		return nil, "", fmt.Errorf("uploads %v: %w", ids, err)
	}
	byID := make(map[string]Upload, len(found))
	for _, u := range found {
		byID[u.ID] = u
	}
	out := make([]Upload, 0, len(ids))
	for _, id := range ids {
		u, ok := byID[id]
		if !ok || !contains(owners, u.Owner) {
			return nil, id, ErrNotFound
		}
		out = append(out, u)
	}
	return out, "", nil
}

// Open returns the stored bytes of an upload owned by one of owners.
func (s *Service) Open(ctx context.Context, owners []string, id string) (*Upload, []byte, error) {
	us, _, err := s.Owned(ctx, owners, []string{id})
	if err != nil {
		return nil, nil, err
	}
	r, err := s.blobs.Open(ctx, us[0].SHA256)
	if err != nil {
		return nil, nil, fmt.Errorf("open upload %s: %w", id, err)
	}
	defer r.Close()
	var b bytes.Buffer
	if _, err := io.Copy(&b, io.LimitReader(r, MaxBytes+1)); err != nil {
		return nil, nil, fmt.Errorf("read upload %s: %w", id, err)
	}
	return &us[0], b.Bytes(), nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
