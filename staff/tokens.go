package staff

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"petitiond/cases"
)

// Token is a unit's API token for its own systems. Only a SHA-256 of the
// secret is stored; the secret is shown once, when it is issued.
type Token struct {
	ID        int64
	Unit      string
	Name      string
	Hash      string
	CreatedBy string
	CreatedAt time.Time
	RevokedAt *time.Time
}

// Principal is who a token acts as: a handler of its unit, named after the
// token so the timeline says which system acted.
func (t *Token) Principal() Principal {
	return Principal{Username: "api:" + t.Name, Name: t.Name, Role: RoleHandler, Unit: t.Unit, Token: true}
}

// tokenPrefix makes a leaked token recognisable to secret scanners.
const tokenPrefix = "pdt_"

// HashToken is the stored form of a token secret.
func HashToken(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// IssueToken creates a token for unit and returns its secret, once.
func (s *Accounts) IssueToken(ctx context.Context, p Principal, unit, name, ip string) (*Token, string, error) {
	if err := s.tokenAdmin(p, unit); err != nil {
		return nil, "", err
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 64 || !cases.Storable(name) {
		return nil, "", invalid("name", "请填写令牌名称（不超过64字）")
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, "", fmt.Errorf("token secret: %w", err)
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	t := &Token{Unit: unit, Name: name, Hash: HashToken(secret), CreatedBy: p.Username, CreatedAt: s.now().UTC()}
	if err := s.store.InsertToken(ctx, t); err != nil {
		return nil, "", fmt.Errorf("issue token: %w", err)
	}
	if err := s.audit.Record(ctx, p, AuditTokenAdd, "", "", fmt.Sprintf("#%d %s (%s)", t.ID, name, unit), ip); err != nil {
		return nil, "", err
	}
	return t, secret, nil
}

// tokenAdmin checks p may manage unit's tokens: admins any unit, a unit's
// dept_admin its own.
func (s *Accounts) tokenAdmin(p Principal, unit string) error {
	if !p.Can(PermTokens) {
		return ErrForbidden
	}
	if !s.units.Has(unit) {
		return invalid("unit", "未知单位")
	}
	if p.Role != RoleAdmin && p.Unit != unit {
		return ErrForbidden
	}
	return nil
}

// Tokens lists the tokens p may manage.
func (s *Accounts) Tokens(ctx context.Context, p Principal) ([]*Token, error) {
	if !p.Can(PermTokens) {
		return nil, ErrForbidden
	}
	unit := p.Unit
	if p.Role == RoleAdmin {
		unit = ""
	}
	return s.store.Tokens(ctx, unit)
}

// RevokeToken ends a token at once.
func (s *Accounts) RevokeToken(ctx context.Context, p Principal, id int64, ip string) error {
	t, err := s.store.Token(ctx, id)
	if errors.Is(err, ErrNoToken) {
		// Not the caller's credentials (401): a row the admin asked for.
		return fmt.Errorf("token %d: %w", id, ErrTokenNotFound)
	}
	if err != nil {
		return err
	}
	if err := s.tokenAdmin(p, t.Unit); err != nil {
		return err
	}
	if err := s.store.RevokeToken(ctx, id, s.now().UTC()); err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	return s.audit.Record(ctx, p, AuditTokenRevoke, "", "", "#"+strconv.FormatInt(id, 10)+" "+t.Name, ip)
}

// VerifyToken returns the principal of a presented secret.
func (s *Accounts) VerifyToken(ctx context.Context, secret string) (Principal, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 100 {
		return Principal{}, ErrNoToken
	}
	t, err := s.store.TokenByHash(ctx, HashToken(secret))
	if err != nil {
		return Principal{}, err
	}
	return t.Principal(), nil
}
