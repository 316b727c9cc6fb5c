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
	res, err := windowScript.Run(ctx, l.rdb, []string{"petitiond:rate:" + key}, window.Milliseconds()).Int64Slice()
	if err != nil || len(res) != 2 {
		l.log.Warn("rate limit unavailable, request allowed", "err", err)
		return true, 0
	}
	if res[0] <= int64(limit) {
		return true, 0
	}
	return false, time.Duration(res[1]) * time.Millisecond
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
