package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"petitiond/cases"
	"petitiond/wechat"
)

// webhookEvent is the JSON a unit's system receives. It names the case,
// never the person.
type webhookEvent struct {
	Event      string `json:"event"`
	Text       string `json:"text"`
	CaseID     string `json:"case_id"`
	TrackingNo string `json:"tracking_no"`
	Unit       string `json:"unit"`
	UnitName   string `json:"unit_name"`
	Status     string `json:"status"`
	Channel    string `json:"channel"`
	Urgent     bool   `json:"urgent"`
	Deadline   string `json:"deadline,omitempty"`
	Due        string `json:"due,omitempty"`
	Count      int    `json:"count,omitempty"`
	Decision   string `json:"decision,omitempty"`
	At         string `json:"at"`
}

type hook struct {
	unit string
	*cases.Webhook
}

// resolve turns roles into openids and webhooks, each once.
func (n *Notifier) resolve(to []cases.Recipient) (openids []string, hooks []hook, units []string) {
	seen := map[string]bool{}
	add := func(o string) {
		if o != "" && !seen[o] {
			seen[o] = true
			openids = append(openids, o)
		}
	}
	for _, r := range to {
		u := n.units.Unit(r.Unit)
		if u == nil {
			continue
		}
		if !seen["unit:"+r.Unit] {
			seen["unit:"+r.Unit] = true
			units = append(units, r.Unit)
		}
		switch r.Role {
		case cases.RoleDuty:
			add(u.DutyOfficer.OpenID)
		case cases.RoleHead:
			add(u.Head.OpenID)
		default:
			for _, o := range u.Notify.OpenIDs {
				add(o)
			}
			if w := u.Notify.Webhook; w != nil && !seen["hook:"+r.Unit] {
				seen["hook:"+r.Unit] = true
				hooks = append(hooks, hook{r.Unit, w})
			}
		}
	}
	return openids, hooks, units
}

// Staff tells the notice's recipients, each once per delivery.
func (n *Notifier) Staff(ctx context.Context, c *cases.Case, nt cases.StaffNotice, key string) error {
	if r, err := n.recorded(ctx, c.ID, key); err != nil || r != nil {
		return err
	}
	openids, hooks, units := n.resolve(nt.To)
	if len(openids) == 0 && len(hooks) == 0 {
		n.log.Debug("staff notice: nobody to tell", "case", c.ID, "event", nt.Event)
		return nil
	}
	now := n.svc.Now()
	v := view(c, n.units, now, n.svc.Location())
	v.Event, v.Deadline, v.Count, v.Decision = nt.Event, nt.Deadline, nt.Count, nt.Decision
	if nt.Due != "" {
		v.Due = nt.Due
	}
	text, err := render(n.tpl.staff.texts[nt.Event], v)
	if err != nil {
		return err
	}
	v.Text = text
	r := notified{Task: key, Audience: "staff", Event: nt.Event, Units: units}
	for _, o := range openids {
		if err := n.once(ctx, key+":"+o, &r, func() error { return n.sendStaff(ctx, o, v, key) }); err != nil {
			return err
		}
	}
	for _, h := range hooks {
		body, _ := json.Marshal(webhookEvent{Event: nt.Event, Text: text, CaseID: c.ID, TrackingNo: c.TrackingNo, Unit: h.unit,
			UnitName: n.units.Name(h.unit), Status: string(c.Status), Channel: string(c.Channel()), Urgent: c.Urgent,
			Deadline: nt.Deadline, Due: v.Due, Count: nt.Count, Decision: nt.Decision, At: now.UTC().Format(time.RFC3339)})
		err := n.once(ctx, key+":hook:"+h.unit, &r, func() error {
			_, err := n.hooks.Post(ctx, h.URL, n.hooks.Secret(h.SecretEnv), key+":"+h.unit, body)
			return err
		})
		if err != nil {
			return err
		}
	}
	note := fmt.Sprintf("已通知%s（%d人/系统）", strings.Join(unitNames(n.units, units), "、"), r.Sent)
	if len(r.Failed) > 0 {
		note += fmt.Sprintf("，%d处未送达", len(r.Failed))
	}
	if err := n.record(ctx, c.ID, note, r); err != nil {
		return err
	}
	n.log.Info("staff notified", "case", c.ID, "event", nt.Event, "sent", r.Sent, "failed", len(r.Failed))
	return nil
}

// once sends to one recipient unless an earlier attempt of this delivery
// already did; a permanent failure is counted, a retryable one returned.
func (n *Notifier) once(ctx context.Context, key string, r *notified, send func() error) error {
	if n.marks.get(ctx, "sent:"+key) != "" {
		r.Sent++
		return nil
	}
	err := send()
	switch {
	case err == nil:
		n.marks.set(ctx, "sent:"+key, "1")
		r.Sent++
	case permanent(err):
		r.Failed = append(r.Failed, wechat.ErrorCode(err))
	default:
		return err
	}
	return nil
}

// sendStaff: a template message when one is configured (staff follow the
// account), else a customer-service text.
func (n *Notifier) sendStaff(ctx context.Context, openid string, v View, key string) error {
	if n.wx == nil {
		return &permanentError{errors.New("no WeChat app configured")}
	}
	st := n.tpl.staff
	if st.templateID == "" {
		return n.wx.SendCustomText(ctx, openid, v.Text)
	}
	data, err := renderMap(st.data, v)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(key + ":" + openid))
	_, err = n.wx.SendTemplate(ctx, wechat.TemplateMessage{OpenID: openid, TemplateID: st.templateID, URL: st.url, Data: data,
		ClientMsgID: hex.EncodeToString(sum[:16])})
	return err
}

func unitNames(units *cases.Units, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = units.Name(c)
	}
	return out
}
