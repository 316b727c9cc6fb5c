// Package store keeps cases in SQL: PostgreSQL (through pgx) in production,
// SQLite (modernc.org/sqlite, pure Go) embedded. One set of queries serves
// both; the differences (locking, types) are confined to the dialect and the
// two migration directories.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"petitiond/cases"
	"petitiond/pii"
)

type dialect int

const (
	postgres dialect = iota
	sqlite
)

func (d dialect) String() string {
	if d == postgres {
		return "postgres"
	}
	return "sqlite"
}

// Store is the concrete storage for every package that persists data.
type Store struct {
	db      *sql.DB
	dialect dialect
	sealer  *pii.Sealer
	// Path is the SQLite file, empty for PostgreSQL.
	path string
	// createSQL caches CreateCase's statement text per createShape.
	createSQL sync.Map
}

// Options configure Open.
type Options struct {
	// DatabaseURL is postgres://… ; empty means SQLite in DataDir.
	DatabaseURL string
	DataDir     string
	Sealer      *pii.Sealer
	// MaxOpenConns bounds the PostgreSQL pool (default 20).
	MaxOpenConns int
}

// Open connects (creating the SQLite file if needed). It does not migrate.
func Open(ctx context.Context, o Options) (*Store, error) {
	if o.Sealer == nil {
		return nil, errors.New("store: a pii.Sealer is required")
	}
	s := &Store{sealer: o.Sealer}
	var err error
	if o.DatabaseURL == "" {
		s.dialect = sqlite
		if err := os.MkdirAll(o.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("store: create data dir: %w", err)
		}
		s.path = filepath.Join(o.DataDir, "petitiond.db")
		s.db, err = sql.Open("sqlite", sqliteDSN(s.path))
		if err != nil {
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		// One writer at a time is SQLite's nature; a small pool keeps readers
		// concurrent without piling up busy writers.
		s.db.SetMaxOpenConns(8)
	} else {
		s.dialect = postgres
		s.db, err = sql.Open("pgx", o.DatabaseURL)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		n := o.MaxOpenConns
		if n <= 0 {
			n = 20
		}
		s.db.SetMaxOpenConns(n)
		s.db.SetMaxIdleConns(n)
		s.db.SetConnMaxIdleTime(5 * time.Minute)
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("store: connect %s: %w", s.dialect, err)
	}
	return s, nil
}

// sqliteDSN: WAL so readers never block the writer; a busy timeout and
// BEGIN IMMEDIATE so concurrent writers wait instead of failing; FULL sync
// because nothing a person submitted may be lost; integer microsecond times
// so that comparisons and ordering are numeric.
func sqliteDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(15000)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_integer_format", "unix_micro")
	q.Set("_inttotime", "1")
	return "file:" + path + "?" + q.Encode()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks the database is reachable (readiness).
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Backend names the database in use, for start-up logs and /readyz.
func (s *Store) Backend() string { return s.dialect.String() }

// Path returns the SQLite file, or "" for PostgreSQL.
func (s *Store) Path() string { return s.path }

// DB exposes the pool to the store's own tests and benchmarks.
func (s *Store) DB() *sql.DB { return s.db }

// forUpdate is the row-lock clause: SQLite has none and needs none, its
// write transactions being serialised by BEGIN IMMEDIATE.
func (s *Store) forUpdate() string {
	if s.dialect == postgres {
		return " FOR UPDATE"
	}
	return ""
}

// placeholders returns "$from, $from+1, …" for n arguments.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", from+i)
	}
	return b.String()
}

// utc normalises times read back from either driver.
func utc(t time.Time) time.Time { return t.UTC() }

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

func timePtr(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time.UTC()
	return &t
}

var (
	_ cases.Store         = (*Store)(nil)
	_ cases.IdentityStore = (*Store)(nil)
	_ cases.ConsentStore  = (*Store)(nil)
	_ cases.CallTaskStore = (*Store)(nil)
)
