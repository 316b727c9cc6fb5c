package jobs

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"
	"github.com/redis/go-redis/v9"
	"golang.org/x/crypto/bcrypt"
)

// MonitorPath is where asynqmon is mounted.
const MonitorPath = "/admin/queues"

// AdminCredential is the one operator login of the queue monitor: a
// username and either a bcrypt hash or a plain password (from the
// environment).
type AdminCredential struct {
	User         string
	PasswordHash string // bcrypt ($2a$/$2b$…)
	Password     string
}

// Configured reports whether a password is set; without one the monitor
// is not mounted at all.
func (a AdminCredential) Configured() bool {
	return a.User != "" && (a.PasswordHash != "" || a.Password != "")
}

// BasicAuth checks HTTP basic credentials in constant time. A bcrypt check
// costs tens of milliseconds and the monitor polls several endpoints a
// second, so the digest of the last accepted header is remembered.
func BasicAuth(a AdminCredential) fiber.Handler {
	userSum := sha256.Sum256([]byte(a.User))
	passSum := sha256.Sum256([]byte(a.Password))
	var mu sync.Mutex
	var accepted [32]byte
	deny := func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderWWWAuthenticate, `Basic realm="petitiond queues", charset="UTF-8"`)
		return fiber.NewError(fiber.StatusUnauthorized, "请先登录")
	}
	return func(c *fiber.Ctx) error {
		header := c.Get(fiber.HeaderAuthorization)
		digest := sha256.Sum256([]byte(header))
		mu.Lock()
		known := subtle.ConstantTimeCompare(digest[:], accepted[:]) == 1
		mu.Unlock()
		if known {
			return c.Next()
		}
		enc, ok := strings.CutPrefix(header, "Basic ")
		if !ok {
			return deny(c)
		}
		raw, err := base64.StdEncoding.DecodeString(enc)
		if err != nil {
			return deny(c)
		}
		user, pass, _ := strings.Cut(string(raw), ":")
		u := sha256.Sum256([]byte(user))
		good := subtle.ConstantTimeCompare(u[:], userSum[:]) == 1
		if a.PasswordHash != "" {
			good = bcrypt.CompareHashAndPassword([]byte(a.PasswordHash), []byte(pass)) == nil && good
		} else {
			p := sha256.Sum256([]byte(pass))
			good = a.Password != "" && subtle.ConstantTimeCompare(p[:], passSum[:]) == 1 && good
		}
		if !good {
			return deny(c)
		}
		mu.Lock()
		accepted = digest
		mu.Unlock()
		return c.Next()
	}
}

// sharedRedis hands asynqmon the process's Redis client instead of a new
// connection (embedded mode has no URL to dial).
type sharedRedis struct{ c redis.UniversalClient }

func (s sharedRedis) MakeRedisClient() any { return s.c }

// MountMonitor mounts asynqmon read-only at MonitorPath behind the admin
// credential. The monitor's own read-only mode refuses changes through its
// API; the guard here refuses every method but GET and HEAD before that.
func MountMonitor(app *fiber.App, rdb redis.UniversalClient, cred AdminCredential) error {
	if !cred.Configured() {
		return errors.New("queue monitor: no admin credential configured")
	}
	mon := asynqmon.New(asynqmon.Options{RootPath: MonitorPath, RedisConnOpt: asynq.RedisConnOpt(sharedRedis{rdb}), ReadOnly: true})
	readOnly := func(c *fiber.Ctx) error {
		if c.Method() != http.MethodGet && c.Method() != http.MethodHead {
			return fiber.ErrMethodNotAllowed
		}
		return c.Next()
	}
	app.Use(MonitorPath, BasicAuth(cred), readOnly, adaptor.HTTPHandler(mon))
	return nil
}
