package uploads

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
)

// Local keeps blobs in a directory, two levels of hash prefix deep so that
// no directory grows to millions of entries.
type Local struct {
	dir string
}

// NewLocal returns a Local store under dir, creating it.
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("uploads: create %s: %w", dir, err)
	}
	return &Local{dir: dir}, nil
}

var hexKey = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (l *Local) path(key string) (string, error) {
	if !hexKey.MatchString(key) {
		return "", fmt.Errorf("uploads: bad blob key %q", key)
	}
	return filepath.Join(l.dir, key[:2], key[2:4], key), nil
}

// Put writes data under key durably: a temporary file, fsync, rename, fsync
// of the directory. An existing blob of the same key is the same bytes.
func (l *Local) Put(_ context.Context, key string, data []byte) error {
	p, err := l.path(key)
	if err != nil {
		return err
	}
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Open returns the blob's bytes.
func (l *Local) Open(_ context.Context, key string) (io.ReadCloser, error) {
	p, err := l.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("blob %s: %w", key, ErrNotFound)
	}
	return f, err
}
