package cases

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Identity is one WeChat openid of a person, linked to their other openids
// by WeChat's unionid when WeChat provides it.
type Identity struct {
	OpenID  string
	App     string // IdentityOA, IdentityMP
	UnionID string
	Phone   string   // personal data, sealed at rest
	Linked  []string // every openid of the same person, this one first
}

// Apps an openid belongs to.
const (
	IdentityOA = "oa" // Official Account (the bot)
	IdentityMP = "mp" // mini-program
)

// IdentityStore is the part of storage that keeps WeChat identities. The
// store package implements it next to Store.
type IdentityStore interface {
	LinkIdentity(ctx context.Context, id Identity, at time.Time) error
	SetIdentityPhone(ctx context.Context, openid, phone string, at time.Time) error
	Identity(ctx context.Context, openid string) (*Identity, error)
}

// Identities manages WeChat identities.
type Identities struct {
	store IdentityStore
	svc   *Service
}

// NewIdentities returns the identity service over st.
func NewIdentities(st IdentityStore, svc *Service) *Identities {
	return &Identities{store: st, svc: svc}
}

// Link records openid (and its unionid, when known) for app.
func (i *Identities) Link(ctx context.Context, openid, unionid, app string) error {
	if openid == "" {
		return invalid("openid", "missing openid")
	}
	if app != IdentityOA && app != IdentityMP {
		return invalid("app", "unknown app")
	}
	return i.store.LinkIdentity(ctx, Identity{OpenID: openid, App: app, UnionID: unionid}, i.svc.now())
}

// SetPhone stores the person's phone number.
func (i *Identities) SetPhone(ctx context.Context, openid, phone string) error {
	if !ValidPhone(phone) {
		return invalid("phone", "手机号格式有误")
	}
	return i.store.SetIdentityPhone(ctx, openid, phone, i.svc.now())
}

// Get returns the identity of openid.
func (i *Identities) Get(ctx context.Context, openid string) (*Identity, error) {
	return i.store.Identity(ctx, openid)
}

// SubmitterQuery returns the query that finds every case of the person
// behind openid, through whichever app they filed it.
func (i *Identities) SubmitterQuery(ctx context.Context, openid string) (SubmitterQuery, error) {
	q := SubmitterQuery{OpenIDs: []string{openid}}
	id, err := i.store.Identity(ctx, openid)
	if errors.Is(err, ErrNotFound) {
		return q, nil
	}
	if err != nil {
		return q, fmt.Errorf("identity of submitter: %w", err)
	}
	q.OpenIDs, q.UnionID = id.Linked, id.UnionID
	return q, nil
}

// Owns reports whether the person behind openid filed c (through any of
// their linked openids). Transports answer 404 when not, to confirm nothing.
func (i *Identities) Owns(ctx context.Context, openid string, c *Case) (bool, error) {
	q, err := i.SubmitterQuery(ctx, openid)
	if err != nil {
		return false, err
	}
	for _, o := range q.OpenIDs {
		if o == c.Submitter.OpenID {
			return true, nil
		}
	}
	return q.UnionID != "" && q.UnionID == c.Submitter.UnionID, nil
}
