package api

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"
)

// Limiter counts requests per key in fixed windows in Redis, so every API
// instance shares the same counts. When Redis does not answer it lets the
// request through: intake matters more than the limit.
type Limiter struct {
	rdb     redis.UniversalClient
	log     *slog.Logger
	proxies []*net.IPNet
}

// NewLimiter returns a limiter; trustedProxies are IPs or CIDRs whose
// X-Forwarded-For is believed.
func NewLimiter(rdb redis.UniversalClient, trustedProxies []string, log *slog.Logger) (*Limiter, error) {
	l := &Limiter{rdb: rdb, log: log}
	for _, p := range trustedProxies {
		if !strings.Contains(p, "/") {
			if strings.Contains(p, ":") {
				p += "/128"
			} else {
				p += "/32"
			}
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %w", p, err)
		}
		l.proxies = append(l.proxies, n)
	}
	return l, nil
}

// The window starts at the first request of a key; the key expires with it.
var windowScript = redis.NewScript(`
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`)

// Allow counts one request for key; when over limit it returns the time
// until the window ends.
func (l *Limiter) Allow(ctx context.Context, key string, limit int, window time.Duration) (ok bool, retryAfter time.Duration) {
	return l.AllowAll(ctx, Limit{Key: key, Max: limit, Window: window})
}

// Limit is one counter to check: at most Max requests per Window for Key.
type Limit struct {
	Key    string
	Max    int
	Window time.Duration
}

// AllowAll counts one request against every limit in one round trip to
// Redis (a request is checked per address, per person and per action: on
// the hot path these were three round trips). It refuses when any limit is
// exceeded, with the longest wait among them.
func (l *Limiter) AllowAll(ctx context.Context, limits ...Limit) (ok bool, retryAfter time.Duration) {
	cmds, err := l.count(ctx, limits, true)
	if err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") {
		cmds, err = l.count(ctx, limits, false) // the script cache was flushed: load it
	}
	if err != nil {
		l.log.Warn("rate limit unavailable, request allowed", "err", err)
		return true, 0
	}
	ok = true
	for i, cmd := range cmds {
		res, err := cmd.Int64Slice()
		if err != nil || len(res) != 2 {
			l.log.Warn("rate limit unavailable, request allowed", "err", err)
			return true, 0
		}
		if res[0] > int64(limits[i].Max) {
			ok = false
			retryAfter = max(retryAfter, time.Duration(res[1])*time.Millisecond)
		}
	}
	return ok, retryAfter
}

func (l *Limiter) count(ctx context.Context, limits []Limit, bySHA bool) ([]*redis.Cmd, error) {
	pipe := l.rdb.Pipeline()
	cmds := make([]*redis.Cmd, len(limits))
	for i, lim := range limits {
		keys, arg := []string{"petitiond:rate:" + lim.Key}, lim.Window.Milliseconds()
		if bySHA {
			cmds[i] = windowScript.EvalSha(ctx, pipe, keys, arg)
		} else {
			cmds[i] = windowScript.Eval(ctx, pipe, keys, arg)
		}
	}
	_, err := pipe.Exec(ctx)
	return cmds, err
}

// Middleware limits requests per key(c); an empty key is not limited.
func (l *Limiter) Middleware(scope string, limit int, window time.Duration, key func(c *fiber.Ctx) string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		k := key(c)
		if k == "" {
			return c.Next()
		}
		if ok, wait := l.Allow(c.UserContext(), scope+":"+k, limit, window); !ok {
			return rateLimited(wait)
		}
		return c.Next()
	}
}

func rateLimited(wait time.Duration) *Error {
	secs := int((wait + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	e := NewError(fiber.StatusTooManyRequests, "rate_limited", "请求过于频繁，请稍后再试")
	e.RetryAfter = secs
	return e
}

// ClientIP is the address of the client: the peer, or, when the peer is a
// trusted proxy, the nearest untrusted address in X-Forwarded-For.
func (l *Limiter) ClientIP(c *fiber.Ctx) string {
	peer := c.Context().RemoteIP()
	if !l.trusted(peer) {
		return peer.String()
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip := net.ParseIP(strings.TrimSpace(hops[i]))
		if ip == nil {
			break
		}
		if !l.trusted(ip) {
			return ip.String()
		}
	}
	return peer.String()
}

func (l *Limiter) trusted(ip net.IP) bool {
	for _, n := range l.proxies {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}
