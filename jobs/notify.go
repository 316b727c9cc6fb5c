package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"petitiond/cases"
	"petitiond/wechat"
)

// WeChat is what the jobs send through; *wechat.Client implements it.
type WeChat interface {
	SendCustomText(ctx context.Context, openID, text string) error
	SendSubscribe(ctx context.Context, m wechat.SubscribeMessage) error
	SendMiniProgramSubscribe(ctx context.Context, m wechat.SubscribeMessage) error
	SendTemplate(ctx context.Context, m wechat.TemplateMessage) (int64, error)
}

// Channels a citizen was reached by.
const (
	ViaSubscribe = "subscribe"
	ViaCustom    = "custom"
)

// Notifier sends messages to citizens and staff and records on the case's
// timeline what it did (never what it said: messages may quote the case).
// A delivery is identified by its task; a task that runs again after a
// recorded delivery sends nothing.
type Notifier struct {
	svc      *cases.Service
	ids      *cases.Identities
	consents *cases.Consents
	units    *cases.Units
	tpl      *Templates
	wx       WeChat // nil: no WeChat app configured
	hooks    *Webhooks
	marks    marks
	log      *slog.Logger
}

// marks remember, across retries of one delivery, what was already done
// (a consent spent, a recipient reached), so that a retry after a partial
// failure neither spends a second consent nor messages anyone twice.
type marks struct{ rdb redis.UniversalClient }

const markTTL = 72 * time.Hour

func (m marks) get(ctx context.Context, key string) string {
	v, _ := m.rdb.Get(ctx, "petitiond:jobs:mark:"+key).Result()
	return v
}

func (m marks) set(ctx context.Context, key, value string) {
	_ = m.rdb.Set(ctx, "petitiond:jobs:mark:"+key, value, markTTL).Err()
}

// notified is the timeline record of one delivery.
type notified struct {
	Task     string   `json:"task"`
	Audience string   `json:"audience"` // citizen, staff
	Event    string   `json:"event"`
	Via      string   `json:"via,omitempty"`
	Units    []string `json:"units,omitempty"`
	Sent     int      `json:"sent"`
	Failed   []int    `json:"failed,omitempty"` // WeChat errcodes, or 0 for other refusals
}

// recorded returns the record of a delivery already made.
func (n *Notifier) recorded(ctx context.Context, caseID, key string) (*notified, error) {
	events, err := n.svc.Timeline(ctx, caseID)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		if e.Action != cases.EventNotified || len(e.Data) == 0 {
			continue
		}
		var r notified
		if json.Unmarshal(e.Data, &r) == nil && r.Task == key {
			return &r, nil
		}
	}
	return nil, nil
}

func (n *Notifier) record(ctx context.Context, caseID, note string, r notified) error {
	_, err := n.svc.RecordEvent(ctx, caseID, cases.System, cases.EventNotified, note, r)
	return err
}

// permanent: sending the same message again will not succeed.
func permanent(err error) bool {
	return wechat.IsPermanent(err) || errors.Is(err, wechat.ErrNotConfigured) || isPermanentHTTP(err)
}

type target struct{ openid, app string }

// targets are the person's openids, the case's own first: one person may
// have consented in the mini-program for a case filed through the bot.
func (n *Notifier) targets(ctx context.Context, c *cases.Case) []target {
	guess := cases.IdentityOA
	if c.Source == cases.SourceMiniProgram {
		guess = cases.IdentityMP
	}
	first := target{c.Submitter.OpenID, guess}
	id, err := n.ids.Get(ctx, c.Submitter.OpenID)
	if err != nil {
		return []target{first}
	}
	first.app = id.App
	out := []target{first}
	for _, o := range id.Linked {
		if o == first.openid {
			continue
		}
		if other, err := n.ids.Get(ctx, o); err == nil {
			out = append(out, target{o, other.App})
		}
	}
	return out
}

// Citizen sends one message about event to the person behind c, by the
// first channel that may be used: a subscribe message spending a consent,
// else a customer-service text within the 48-hour window, else nothing.
// It returns the channel used ("" for none). Retryable WeChat errors are
// returned for the queue to retry; permanent ones move on to the next
// channel.
func (n *Notifier) Citizen(ctx context.Context, c *cases.Case, event, key string) (string, error) {
	if r, err := n.recorded(ctx, c.ID, key); err != nil || r != nil {
		if r != nil {
			return r.Via, nil
		}
		return "", err
	}
	tpl := n.tpl.citizen[event]
	if tpl == nil {
		return "", fmt.Errorf("no citizen template for event %q", event)
	}
	v := view(c, n.units, n.svc.Now(), n.svc.Location())
	v.Event = event
	r := notified{Task: key, Audience: "citizen", Event: event}
	if c.Submitter.OpenID != "" && n.wx != nil {
		targets := n.targets(ctx, c)
		if err := n.subscribe(ctx, targets, tpl, v, key, &r); err != nil {
			return "", err
		}
		if r.Via == "" {
			if err := n.custom(ctx, targets, tpl, v, &r); err != nil {
				return "", err
			}
		}
	}
	note := map[string]string{ViaSubscribe: "已通过订阅消息通知申请人", ViaCustom: "已通过客服消息通知申请人", "": "未能通知申请人（无订阅授权且不在会话窗口内）"}[r.Via]
	if r.Via != "" {
		r.Sent = 1
	}
	if err := n.record(ctx, c.ID, note, r); err != nil {
		return "", err
	}
	n.log.Info("citizen notified", "case", c.ID, "event", event, "via", r.Via)
	return r.Via, nil
}

func (n *Notifier) subscribe(ctx context.Context, targets []target, tpl *CitizenTemplate, v View, key string, r *notified) error {
	for _, t := range targets {
		tid := tpl.OATemplateID
		if t.app == cases.IdentityMP {
			tid = tpl.MPTemplateID
		}
		if tid == "" {
			continue
		}
		spentKey, spent := "consent:"+key, t.openid+"|"+tid
		if n.marks.get(ctx, spentKey) != spent {
			ok, err := n.consents.Spend(ctx, t.openid, tid)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			n.marks.set(ctx, spentKey, spent)
		}
		data, err := renderMap(tpl.data, v)
		if err != nil {
			return err
		}
		page, _ := render(n.tpl.page, v)
		m := wechat.SubscribeMessage{OpenID: t.openid, TemplateID: tid, Data: data}
		if t.app == cases.IdentityMP {
			m.Page = page
			err = n.wx.SendMiniProgramSubscribe(ctx, m)
		} else {
			err = n.wx.SendSubscribe(ctx, m)
		}
		if err == nil {
			r.Via = ViaSubscribe
			return nil
		}
		if !permanent(err) {
			return err
		}
		r.Failed = append(r.Failed, wechat.ErrorCode(err))
	}
	return nil
}

func (n *Notifier) custom(ctx context.Context, targets []target, tpl *CitizenTemplate, v View, r *notified) error {
	for _, t := range targets {
		if t.app != cases.IdentityOA {
			continue
		}
		in, err := n.consents.InWindow(ctx, t.openid)
		if err != nil {
			return err
		}
		if !in {
			continue
		}
		text, err := render(tpl.text, v)
		if err != nil {
			return err
		}
		err = n.wx.SendCustomText(ctx, t.openid, text)
		if err == nil {
			r.Via = ViaCustom
			return nil
		}
		if !permanent(err) {
			return err
		}
		r.Failed = append(r.Failed, wechat.ErrorCode(err))
	}
	return nil
}
