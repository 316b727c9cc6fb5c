package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Session is who a citizen's bearer token stands for.
type Session struct {
	OpenID  string `json:"openid"`
	UnionID string `json:"unionid,omitempty"`
	App     string `json:"app"` // cases.IdentityMP
}

// Sessions keeps citizen logins in Redis. The token is 32 random bytes
// (base64url) that only the client holds; Redis holds its SHA-256, so a
// dump of Redis yields no usable token. Every use extends the TTL.
type Sessions struct {
	rdb redis.UniversalClient
	ttl time.Duration
}

// NewSessions returns the session store.
func NewSessions(rdb redis.UniversalClient, ttl time.Duration) *Sessions {
	return &Sessions{rdb: rdb, ttl: ttl}
}

// errSessionStore: Redis did not answer; the person is not logged out,
// the service is unavailable.
var errSessionStore = errors.New("session store unavailable")

// errNoSession: the token is unknown, expired or revoked.
var errNoSession = errors.New("no such session")

const sessionPrefix = "petitiond:session:"

func sessionKey(token string) string {
	h := sha256.Sum256([]byte(token))
	return sessionPrefix + hex.EncodeToString(h[:])
}

// Create starts a session and returns its token and expiry.
func (s *Sessions) Create(ctx context.Context, sess Session) (string, time.Time, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, fmt.Errorf("session token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	v, _ := json.Marshal(sess)
	if err := s.rdb.Set(ctx, sessionKey(token), v, s.ttl).Err(); err != nil {
		return "", time.Time{}, fmt.Errorf("%w: %v", errSessionStore, err)
	}
	return token, time.Now().Add(s.ttl), nil
}

// Lookup returns the session of token and slides its expiry.
func (s *Sessions) Lookup(ctx context.Context, token string) (*Session, error) {
	if len(token) != 43 || strings.ContainsAny(token, "+/=") {
		return nil, errNoSession
	}
	v, err := s.rdb.GetEx(ctx, sessionKey(token), s.ttl).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, errNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errSessionStore, err)
	}
	var sess Session
	if err := json.Unmarshal(v, &sess); err != nil || sess.OpenID == "" {
		return nil, errNoSession
	}
	return &sess, nil
}

// Revoke ends the session of token (logout).
func (s *Sessions) Revoke(ctx context.Context, token string) error {
	if err := s.rdb.Del(ctx, sessionKey(token)).Err(); err != nil {
		return fmt.Errorf("%w: %v", errSessionStore, err)
	}
	return nil
}
