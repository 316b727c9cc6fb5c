package workbench

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Sessions live in Redis under a hash of their id: the cookie holds a random
// id and nothing else, and a dump of Redis holds no usable cookie.
const sessionPrefix = "wb:session:"

// session is one signed-in member of staff.
type session struct {
	Username string    `json:"u"`
	CSRF     string    `json:"c"`
	Created  time.Time `json:"t"`
	Seen     time.Time `json:"s"`
	Flash    *flash    `json:"f,omitempty"`
}

// flash is a one-time message shown on the next page.
type flash struct {
	Error bool   `json:"e,omitempty"`
	Text  string `json:"m"`
}

type sessions struct {
	rdb       redis.UniversalClient
	idle, max time.Duration
	now       func() time.Time
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("workbench: random: %v", err)) // the system's randomness is gone
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func sessionKey(id string) string {
	h := sha256.Sum256([]byte(id))
	return sessionPrefix + hex.EncodeToString(h[:])
}

// create starts a session for username and returns its id.
func (s *sessions) create(ctx context.Context, username string) (string, *session, error) {
	now := s.now()
	id := randomToken()
	sess := &session{Username: username, CSRF: randomToken(), Created: now, Seen: now}
	return id, sess, s.save(ctx, id, sess)
}

// load returns the live session of id, or nil when there is none or it has
// expired (idle too long, or older than the maximum), in which case it is
// deleted.
func (s *sessions) load(ctx context.Context, id string) (*session, error) {
	if id == "" || len(id) > 100 {
		return nil, nil
	}
	b, err := s.rdb.Get(ctx, sessionKey(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	var sess session
	if err := json.Unmarshal(b, &sess); err != nil {
		return nil, nil // unreadable: treat as signed out
	}
	now := s.now()
	if now.Sub(sess.Seen) > s.idle || now.Sub(sess.Created) > s.max {
		s.destroy(ctx, id)
		return nil, nil
	}
	return &sess, nil
}

// save writes the session; Redis drops it after the idle time (the clock
// check in load is what tests move).
func (s *sessions) save(ctx context.Context, id string, sess *session) error {
	b, _ := json.Marshal(sess)
	ttl := min(s.idle, s.max-s.now().Sub(sess.Created))
	if ttl <= 0 {
		ttl = time.Second
	}
	if err := s.rdb.Set(ctx, sessionKey(id), b, ttl).Err(); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return nil
}

func (s *sessions) destroy(ctx context.Context, id string) {
	_ = s.rdb.Del(ctx, sessionKey(id)).Err()
}

// sameToken compares secrets in constant time.
func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
