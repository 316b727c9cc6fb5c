package pii

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ParseKeys reads PETITIOND_DATA_KEY: one or more base64 keys of 32 bytes,
// separated by commas, the sealing key first.
func ParseKeys(s string) ([][]byte, error) {
	var keys [][]byte
	for i, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, err := decodeKey(part)
		if err != nil {
			return nil, fmt.Errorf("data key %d: %w", i+1, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("data key: empty")
	}
	return keys, nil
}

func decodeKey(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil {
			if len(k) != KeySize {
				return nil, fmt.Errorf("decodes to %d bytes, want %d (generate one with: head -c 32 /dev/urandom | base64)", len(k), KeySize)
			}
			return k, nil
		}
	}
	return nil, errors.New("not base64 (generate one with: head -c 32 /dev/urandom | base64)")
}

// LoadOrCreateKeyFile returns the key stored at path, creating a random one
// with 0600 permissions when the file does not exist (embedded mode: a fresh
// machine must start with no set-up, and the key must never be world-readable).
func LoadOrCreateKeyFile(path string) (keys [][]byte, created bool, err error) {
	b, err := os.ReadFile(path)
	if err == nil {
		keys, err := ParseKeys(strings.TrimSpace(string(b)))
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		return keys, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("read data key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, fmt.Errorf("create data dir: %w", err)
	}
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, false, fmt.Errorf("generate data key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) { // another process won the race: use its key
			return LoadOrCreateKeyFile(path)
		}
		return nil, false, fmt.Errorf("create data key: %w", err)
	}
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(k) + "\n"); err != nil {
		f.Close()
		return nil, false, fmt.Errorf("write data key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, false, fmt.Errorf("write data key: %w", err)
	}
	return [][]byte{k}, true, nil
}
