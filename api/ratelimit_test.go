package api

import (
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"

	"petitiond/testenv"
)

func TestClientIPBehindTrustedProxies(t *testing.T) {
	l, err := NewLimiter(nil, []string{"0.0.0.0", "10.0.0.0/8"}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	app := fiber.New()
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString(l.ClientIP(c)) })
	for _, tt := range []struct{ xff, want string }{
		{"", "0.0.0.0"},                          // app.Test's peer, trusted, no header
		{"203.0.113.7", "203.0.113.7"},           // the client behind one proxy
		{"203.0.113.7, 10.1.2.3", "203.0.113.7"}, // and a second, internal proxy
		{"1.1.1.1, 203.0.113.7", "203.0.113.7"},  // a forged first hop is not believed
		{"garbage, 10.1.2.3", "0.0.0.0"},         // unreadable: the peer
	} {
		req := httptest.NewRequest("GET", "/", nil)
		if tt.xff != "" {
			req.Header.Set("X-Forwarded-For", tt.xff)
		}
		resp, _ := app.Test(req)
		b := make([]byte, 64)
		n, _ := resp.Body.Read(b)
		if got := string(b[:n]); got != tt.want {
			t.Errorf("X-Forwarded-For %q: %s, want %s", tt.xff, got, tt.want)
		}
	}
	if _, err := NewLimiter(nil, []string{"not-an-ip"}, nil); err == nil {
		t.Error("a bad proxy address was accepted")
	}
	// Without trusted proxies the header is ignored.
	plain, _ := NewLimiter(nil, nil, nil)
	app2 := fiber.New()
	app2.Get("/", func(c *fiber.Ctx) error { return c.SendString(plain.ClientIP(c)) })
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.7")
	resp, _ := app2.Test(req)
	b := make([]byte, 64)
	n, _ := resp.Body.Read(b)
	if string(b[:n]) == "203.0.113.7" {
		t.Error("X-Forwarded-For believed from an untrusted peer")
	}
}

// Redis down: the limits let requests through, sessions cannot be checked
// (503, not 401: the person is not logged out), and nothing is lost.
func TestRedisDown(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-oz", "")
	opt := h.rdb.(*redis.Client).Options()
	proxy := testenv.NewProxy(t, opt.Addr)
	o := *opt
	o.Addr, o.MaxRetries, o.DialTimeout, o.ReadTimeout = proxy.Addr(), -1, 200*time.Millisecond, 200*time.Millisecond
	rdb := redis.NewClient(&o)
	defer rdb.Close()
	l, _ := NewLimiter(rdb, nil, slog.New(slog.DiscardHandler))
	s := NewSessions(rdb, time.Hour)
	proxy.Down()
	if ok, _ := l.Allow(t.Context(), "k", 1, time.Minute); !ok {
		t.Error("limiter refused while Redis is down")
	}
	if _, err := s.Lookup(t.Context(), tok); mapError(err).Status != 503 {
		t.Errorf("session lookup with Redis down: %v → %d", err, mapError(err).Status)
	}
	proxy.Up()
	if _, _, err := s.Create(t.Context(), Session{OpenID: "x", App: "mp"}); err != nil {
		t.Errorf("after Redis is back: %v", err)
	}
}
