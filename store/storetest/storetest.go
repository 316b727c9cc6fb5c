// Package storetest opens migrated stores for other packages' tests: the real
// PostgreSQL when CI configured one (a fresh schema per call), else SQLite in
// a temporary directory.
package storetest

import (
	"bytes"
	"context"
	"testing"

	"petitiond/pii"
	"petitiond/store"
	"petitiond/testenv"
)

// Sealer returns a sealer with a fixed test key.
func Sealer(t testing.TB) *pii.Sealer {
	t.Helper()
	s, err := pii.NewSealer(pii.AESGCM, bytes.Repeat([]byte{7}, pii.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Open returns a migrated store: PostgreSQL when configured, else SQLite.
func Open(t testing.TB) *store.Store {
	t.Helper()
	if testenv.HavePostgres() {
		return OpenPostgres(t)
	}
	return OpenSQLite(t)
}

// OpenSQLite returns a migrated SQLite store in a temporary directory.
func OpenSQLite(t testing.TB) *store.Store {
	t.Helper()
	return open(t, store.Options{DataDir: t.TempDir(), Sealer: Sealer(t)})
}

// OpenPostgres returns a migrated PostgreSQL store in a fresh schema, or
// skips when no PostgreSQL is configured.
func OpenPostgres(t testing.TB) *store.Store {
	t.Helper()
	return open(t, store.Options{DatabaseURL: testenv.Postgres(t), Sealer: Sealer(t)})
}

// Backends runs fn once per available backend, as subtests.
func Backends(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, OpenSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, OpenPostgres(t)) })
}

func open(t testing.TB, o store.Options) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}
