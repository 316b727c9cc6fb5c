package cases

import (
	"context"
	"time"
)

// ConsentStore keeps subscribe-message consents and the 48-hour window of
// customer-service messages.
type ConsentStore interface {
	GrantConsents(ctx context.Context, openid string, templateIDs []string, at time.Time) error
	// SpendConsent uses one consent atomically; false when none is left.
	SpendConsent(ctx context.Context, openid, templateID string, at time.Time) (bool, error)
	ConsentsLeft(ctx context.Context, openid string) (map[string]int, error)
	TouchIdentity(ctx context.Context, openid string, at time.Time) error
	LastSeen(ctx context.Context, openid string) (*time.Time, error)
}

// CustomerServiceWindow is how long after a person's last message WeChat
// lets the account send them customer-service messages.
const CustomerServiceWindow = 48 * time.Hour

// Consents tracks what the person allowed us to send them. WeChat's one-time
// subscriptions allow one message per consent: we never send without one.
type Consents struct {
	store ConsentStore
	svc   *Service
}

// NewConsents returns the consent service.
func NewConsents(st ConsentStore, svc *Service) *Consents { return &Consents{store: st, svc: svc} }

// Grant records that openid accepted one message of each template.
func (c *Consents) Grant(ctx context.Context, openid string, templateIDs []string) error {
	if openid == "" {
		return invalid("openid", "missing openid")
	}
	if len(templateIDs) == 0 || len(templateIDs) > 20 {
		return invalid("template_ids", "请选择要订阅的消息")
	}
	for _, id := range templateIDs {
		if id == "" || len(id) > 128 || !Storable(id) {
			return invalid("template_ids", "消息模板编号无效")
		}
	}
	return c.store.GrantConsents(ctx, openid, templateIDs, c.svc.now())
}

// Spend uses one consent for templateID; false means none is left and the
// message must not be sent.
func (c *Consents) Spend(ctx context.Context, openid, templateID string) (bool, error) {
	return c.store.SpendConsent(ctx, openid, templateID, c.svc.now())
}

// Left returns the remaining consents per template.
func (c *Consents) Left(ctx context.Context, openid string) (map[string]int, error) {
	return c.store.ConsentsLeft(ctx, openid)
}

// Touch records that the person just wrote to the Official Account.
func (c *Consents) Touch(ctx context.Context, openid string) error {
	return c.store.TouchIdentity(ctx, openid, c.svc.now())
}

// InWindow reports whether a customer-service message may be sent now.
func (c *Consents) InWindow(ctx context.Context, openid string) (bool, error) {
	t, err := c.store.LastSeen(ctx, openid)
	if err != nil || t == nil {
		return false, err
	}
	return c.svc.now().Sub(*t) < CustomerServiceWindow, nil
}
