package workbench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// loginLimiter counts failed sign-ins per username and per client address
// in Redis (shared by every api process) and locks either for a while when
// it fails too often.
type loginLimiter struct {
	rdb             redis.UniversalClient
	maxUser, maxIP  int
	window, lockout time.Duration
	now             func() time.Time
}

func limiterKey(kind, who string) string {
	h := sha256.Sum256([]byte(who)) // bounded, and no usernames in key listings
	return "wb:login:" + kind + ":" + hex.EncodeToString(h[:12])
}

// lockedUntil returns when the username's or address's lock ends, or the
// zero time when neither is locked.
func (l *loginLimiter) lockedUntil(ctx context.Context, user, ip string) (time.Time, error) {
	var until time.Time
	for _, k := range []string{limiterKey("lock:u", user), limiterKey("lock:ip", ip)} {
		v, err := l.rdb.Get(ctx, k).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return time.Time{}, fmt.Errorf("login limiter: %w", err)
		}
		ms, _ := strconv.ParseInt(v, 10, 64)
		if t := time.UnixMilli(ms); t.After(l.now()) && t.After(until) {
			until = t
		}
	}
	return until, nil
}

// fail records a failure and reports whether it locked the username or the
// address.
func (l *loginLimiter) fail(ctx context.Context, user, ip string) (bool, error) {
	locked := false
	for _, c := range []struct {
		kind, who string
		max       int
	}{{"u", user, l.maxUser}, {"ip", ip, l.maxIP}} {
		key := limiterKey("fail:"+c.kind, c.who)
		n, err := l.rdb.Incr(ctx, key).Result()
		if err != nil {
			return false, fmt.Errorf("login limiter: %w", err)
		}
		if n == 1 {
			l.rdb.Expire(ctx, key, l.window)
		}
		if n >= int64(c.max) {
			until := l.now().Add(l.lockout)
			if err := l.rdb.Set(ctx, limiterKey("lock:"+c.kind, c.who), until.UnixMilli(), l.lockout).Err(); err != nil {
				return false, fmt.Errorf("login limiter: %w", err)
			}
			l.rdb.Del(ctx, key)
			locked = true
		}
	}
	return locked, nil
}

// succeed forgets the username's failures.
func (l *loginLimiter) succeed(ctx context.Context, user string) {
	l.rdb.Del(ctx, limiterKey("fail:u", user))
}
