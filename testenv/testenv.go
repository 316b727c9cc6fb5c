// Package testenv hands tests the real services CI starts (PostgreSQL, Redis)
// and falls back to embedded ones on a laptop without them.
//
// Isolation rules, so that packages can run in parallel:
//   - PostgreSQL: every call to Postgres gets a fresh schema, dropped at cleanup.
//   - Redis: every package owns one database number (see the constants below);
//     a test may flush its own database and no one else's.
//
// CI exports PETITIOND_TEST_DATABASE_URL and PETITIOND_TEST_REDIS_URL (.ci/run).
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
)

// Redis database numbers, one per package that talks to Redis.
const (
	DBStore     = 1
	DBJobs      = 2
	DBBot       = 3
	DBAPI       = 4
	DBWorkbench = 5
	DBMain      = 6
	DBWeChat    = 7
	DBCases     = 8
	DBReadiness = 9
	DBSpare     = 10
)

// Env names read by the helpers below.
const (
	EnvDatabaseURL = "PETITIOND_TEST_DATABASE_URL"
	EnvRedisURL    = "PETITIOND_TEST_REDIS_URL"
)

// HavePostgres reports whether a real PostgreSQL is configured for tests.
func HavePostgres() bool { return os.Getenv(EnvDatabaseURL) != "" }

// HaveRedis reports whether a real Redis is configured for tests.
func HaveRedis() bool { return os.Getenv(EnvRedisURL) != "" }

// Postgres returns a connection URL whose search_path is a fresh schema, or
// skips the test when no PostgreSQL is configured. The schema is dropped when
// the test ends.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvDatabaseURL)
	if base == "" {
		t.Skip(EnvDatabaseURL + " not set: PostgreSQL tests skipped (.ci/run sets it)")
	}
	schema := "t_" + randomHex(6)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("testenv: connect postgres: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("testenv: create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			return
		}
		defer c.Close(ctx)
		_, _ = c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testenv: parse %s: %v", EnvDatabaseURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// RedisURL returns a redis:// URL for the given database number: the real
// Redis when configured, else a fresh in-process miniredis. The database is
// flushed before the test starts.
func RedisURL(t testing.TB, db int) string {
	t.Helper()
	base := os.Getenv(EnvRedisURL)
	if base == "" {
		m := miniredis.NewMiniRedis()
		m.ClockTTL(true) // TTLs expire by themselves, as in a real Redis
		if err := m.StartAddr("127.0.0.1:0"); err != nil {
			t.Fatalf("testenv: start miniredis: %v", err)
		}
		t.Cleanup(m.Close)
		return "redis://" + m.Addr() + "/" + strconv.Itoa(db)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testenv: parse %s: %v", EnvRedisURL, err)
	}
	u.Path = "/" + strconv.Itoa(db)
	s := u.String()
	opt, err := redis.ParseURL(s)
	if err != nil {
		t.Fatalf("testenv: parse redis url: %v", err)
	}
	c := redis.NewClient(opt)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.FlushDB(ctx).Err(); err != nil {
		t.Fatalf("testenv: flush redis db %d: %v", db, err)
	}
	return s
}

// Redis returns a go-redis client for RedisURL(t, db), closed at cleanup.
func Redis(t testing.TB, db int) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(RedisURL(t, db))
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	c := redis.NewClient(opt)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("testenv: random: %v", err))
	}
	return hex.EncodeToString(b)
}
