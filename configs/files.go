package configs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// overlay serves a file from the operator's directory when it exists there,
// else the embedded default.
type overlay struct {
	dir      string
	fallback fs.FS
}

// Files returns the configuration files: dir's copy of a file wins over the
// embedded default. An empty dir means the defaults alone, so the binary
// answers the same from any working directory.
func Files(dir string) fs.FS {
	if dir == "" {
		return embedded
	}
	return overlay{dir: dir, fallback: embedded}
}

func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.Open(filepath.Join(o.dir, filepath.FromSlash(name)))
	if err == nil {
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.fallback.Open(name)
}

// HolidayDirs returns the holiday sources in override order: the shipped
// years, then the operator's directory (which may add or replace years).
func HolidayDirs(dir string) []fs.FS {
	out := []fs.FS{Holidays()}
	if dir == "" {
		return out
	}
	p := filepath.Join(dir, "holidays")
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		out = append(out, os.DirFS(p))
	}
	return out
}
