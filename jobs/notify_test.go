package jobs

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store/storetest"
)

const (
	pathCustom      = "/cgi-bin/message/custom/send"
	pathOASubscribe = "/cgi-bin/message/subscribe/bizsend"
	pathMPSubscribe = "/cgi-bin/message/subscribe/send"
)

// withTemplateIDs gives every citizen event template ids, as a deployment
// with registered templates has.
func withTemplateIDs(cfg *Config) {
	for ev, t := range cfg.Templates.citizen {
		t.OATemplateID, t.MPTemplateID = "tpl-oa-"+ev, "tpl-mp-"+ev
	}
}

func (e *env) notified(caseID string) []notified {
	e.t.Helper()
	ev, err := e.svc.Timeline(e.ctx(), caseID)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []notified
	for _, x := range ev {
		if x.Action == cases.EventNotified {
			var r notified
			json.Unmarshal(x.Data, &r)
			out = append(out, r)
		}
	}
	return out
}

// A subscribe message when a consent exists (one message per consent, on
// whichever of the person's apps holds it), else a customer-service text
// within the 48-hour window, else nothing; a task run twice sends once.
func TestCitizenNotificationChannels(t *testing.T) {
	e := newEnv(t, storetest.Open(t), casestest.At("2026-11-02 10:00"), withTemplateIDs)
	ctx := e.ctx()
	e.ids.Link(ctx, "o-oa", "u-1", cases.IdentityOA)
	e.ids.Link(ctx, "o-mp", "u-1", cases.IdentityMP)
	c := e.submit("路灯不亮", "o-oa")
	if err := e.consents.Grant(ctx, "o-mp", []string{"tpl-mp-accepted"}); err != nil {
		t.Fatal(err)
	}

	accepted := map[string]string{"case_id": c.ID, "event": "accepted"}
	for i := 0; i < 2; i++ {
		if err := e.process(TypeNotify, accepted); err != nil {
			t.Fatal(err)
		}
	}
	sub := e.wx.SubscribeMessages("o-mp")
	if len(sub) != 1 || sub[0].TemplateID != "tpl-mp-accepted" || sub[0].Data["character_string1"] != c.TrackingNo || !strings.Contains(sub[0].Page, c.ID) {
		t.Fatalf("mini-program subscribe messages: %+v", sub)
	}
	if left, _ := e.consents.Left(ctx, "o-mp"); left["tpl-mp-accepted"] != 0 {
		t.Errorf("consent not spent: %v", left)
	}

	// No consent left; the person wrote to the account an hour ago.
	e.consents.Touch(ctx, "o-oa")
	e.clock.Advance(time.Hour)
	if err := e.process(TypeNotify, map[string]string{"case_id": c.ID, "event": "replied"}); err != nil {
		t.Fatal(err)
	}
	if cs := e.wx.CustomMessages("o-oa"); len(cs) != 1 || !strings.Contains(cs[0].Content, c.TrackingNo) {
		t.Fatalf("customer-service messages: %+v", cs)
	}

	// Two days later the window is closed: nothing is sent, and the
	// timeline says so.
	e.clock.Advance(48 * time.Hour)
	if err := e.process(TypeNotify, map[string]string{"case_id": c.ID, "event": "closed"}); err != nil {
		t.Fatal(err)
	}
	if n := len(e.wx.Sent()); n != 2 {
		t.Errorf("%d messages sent, want 2", n)
	}
	got := e.notified(c.ID)
	if len(got) != 3 || got[0].Via != ViaSubscribe || got[1].Via != ViaCustom || got[2].Via != "" {
		t.Errorf("timeline records %+v", got)
	}
}

// A refused subscription (43101) is permanent: the next channel is tried.
// A busy WeChat (-1) is retried by the queue without spending a second
// consent or sending twice.
func TestCitizenNotificationErrors(t *testing.T) {
	e := newEnv(t, storetest.Open(t), casestest.At("2026-11-02 10:00"), withTemplateIDs)
	ctx := e.ctx()
	e.ids.Link(ctx, "o-oa", "", cases.IdentityOA)
	c := e.submit("路灯不亮", "o-oa")
	e.consents.Grant(ctx, "o-oa", []string{"tpl-oa-accepted", "tpl-oa-replied", "tpl-oa-replied"})
	e.consents.Touch(ctx, "o-oa")

	e.wx.FailFor(pathOASubscribe, "o-oa", 43101)
	if err := e.process(TypeNotify, map[string]string{"case_id": c.ID, "event": "accepted"}); err != nil {
		t.Fatalf("a permanent error was retried: %v", err)
	}
	if cs := e.wx.CustomMessages("o-oa"); len(cs) != 1 {
		t.Errorf("no fallback to the customer-service message: %+v", cs)
	}
	if r := e.notified(c.ID); len(r) != 1 || r[0].Via != ViaCustom || len(r[0].Failed) != 1 || r[0].Failed[0] != 43101 {
		t.Errorf("record %+v", r)
	}
	e.wx.ClearFailures()

	e.wx.FailNext(pathOASubscribe, -1, 1)
	replied := map[string]string{"case_id": c.ID, "event": "replied"}
	if err := e.process(TypeNotify, replied); err == nil {
		t.Fatal("a busy WeChat was not retried")
	}
	if err := e.process(TypeNotify, replied); err != nil {
		t.Fatal(err)
	}
	if sub := e.wx.SubscribeMessages("o-oa"); len(sub) != 1 {
		t.Errorf("%d subscribe messages after the retry", len(sub))
	}
	if left, _ := e.consents.Left(ctx, "o-oa"); left["tpl-oa-replied"] != 1 {
		t.Errorf("the retry spent another consent: %v", left)
	}
}

// staffUnits gives the urban unit people and a webhook on srv.
func staffUnits(srv *httptest.Server) envOption {
	return func(cfg *Config) {
		u := cfg.Units.Units["urban"]
		u.DutyOfficer, u.Head = cases.Contact{Name: "值班", OpenID: "o-duty"}, cases.Contact{Name: "局长", OpenID: "o-head"}
		u.Notify = cases.Notify{OpenIDs: []string{"o-staff", "o-duty"}, Webhook: &cases.Webhook{URL: srv.URL + "/hook", SecretEnv: "URBAN_SECRET"}}
		cfg.Units.Units["oversight"].Notify.OpenIDs = []string{"o-oversight"}
		cfg.Webhooks.Client = srv.Client()
		cfg.Webhooks.Secret = func(name string) string {
			if name == "URBAN_SECRET" {
				return "whsec-urban-0123456789"
			}
			return ""
		}
	}
}

type hookRecorder struct {
	mu     sync.Mutex
	bodies []string
	fail   []int // statuses to answer first
}

func (h *hookRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if !SignatureValid("whsec-urban-0123456789", r.Header.Get(HeaderTimestamp), body, r.Header.Get(HeaderSignature)) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if len(h.fail) > 0 {
		w.WriteHeader(h.fail[0])
		h.fail = h.fail[1:]
		return
	}
	h.bodies = append(h.bodies, string(body))
}

func (h *hookRecorder) received() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.bodies...)
}

// An urgent case reaches the unit's duty staff and its duty officer at once
// (WeChat) and its system (signed webhook, no personal data); a delivery
// retried after a failing webhook messages nobody twice.
func TestStaffNoticesReachUnit(t *testing.T) {
	hooks := &hookRecorder{fail: []int{http.StatusBadGateway}}
	srv := httptest.NewTLSServer(hooks)
	defer srv.Close()
	srv.Client().Transport.(*http.Transport).TLSClientConfig.MinVersion = tls.VersionTLS12
	e := newEnv(t, storetest.Open(t), casestest.At("2026-11-02 10:00"), staffUnits(srv))
	c := e.submit("家里煤气泄漏，我不想活了", "o-citizen")
	e.runOutbox(TypeDispatch)
	notices := e.outbox(TypeNotifyStaff, c.ID)
	if len(notices) != 1 || notices[0].Queue != cases.QueueCritical {
		t.Fatalf("staff notices %+v", notices)
	}
	if err := e.process(TypeNotifyStaff, []byte(notices[0].Payload)); err == nil {
		t.Fatal("a failing webhook did not fail the task")
	}
	for i := 0; i < 2; i++ {
		if err := e.process(TypeNotifyStaff, []byte(notices[0].Payload)); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []string{"o-staff", "o-duty"} {
		if m := e.wx.CustomMessages(o); len(m) != 1 || !strings.Contains(m[0].Content, "紧急") {
			t.Errorf("%s got %+v", o, m)
		}
	}
	got := hooks.received()
	if len(got) != 1 {
		t.Fatalf("webhook got %d posts", len(got))
	}
	var body webhookEvent
	json.Unmarshal([]byte(got[0]), &body)
	if body.Event != cases.NoticeUrgent || body.CaseID != c.ID || !body.Urgent || strings.Contains(got[0], "13812341234") || strings.Contains(got[0], "煤气") {
		t.Errorf("webhook body %s", got[0])
	}
	if r := e.notified(c.ID); len(r) != 1 || r[0].Sent != 3 || r[0].Audience != "staff" {
		t.Errorf("records %+v", r)
	}

	// Not accepted within the hour: oversight's staff, the unit head and
	// the duty officer hear of it.
	e.fire(e.pendingTimer(c.ID, cases.TimerUrgentAccept))
	for _, m := range e.outbox(TypeNotifyStaff, c.ID) {
		if m.ID == notices[0].ID {
			continue
		}
		if err := e.process(TypeNotifyStaff, []byte(m.Payload)); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []string{"o-oversight", "o-head", "o-duty"} {
		if len(e.wx.CustomMessages(o)) == 0 {
			t.Errorf("%s not told of the unaccepted urgent case", o)
		}
	}

	// A webhook that refuses (4xx) is not retried; the refusal is recorded.
	hooks.fail = []int{http.StatusBadRequest}
	d := e.submit("路灯不亮", "o-citizen")
	e.runOutbox(TypeDispatch)
	for _, m := range e.outbox(TypeNotifyStaff, d.ID) {
		if err := e.process(TypeNotifyStaff, []byte(m.Payload)); err != nil {
			t.Fatalf("a refused webhook was retried: %v", err)
		}
	}
	if r := e.notified(d.ID); len(r) != 1 || len(r[0].Failed) != 1 || r[0].Sent != 2 {
		t.Errorf("records %+v", r)
	}
}

func TestTemplatesRejectBadFiles(t *testing.T) {
	good := string(must(fsDefault("notify.yaml")))
	for name, edit := range map[string]func(string) string{
		"missing citizen text": func(s string) string {
			return strings.Replace(s, "text: \"您反映的事项（受理编号{{.TrackingNo}}）已有答复", "text2: \"", 1)
		},
		"unknown field":      func(s string) string { return strings.Replace(s, "{{.TrackingNo}}", "{{.Phone}}", 1) },
		"bad template":       func(s string) string { return strings.Replace(s, "{{.TrackingNo}}", "{{.TrackingNo", 1) },
		"missing staff text": func(s string) string { return strings.Replace(s, "    reminder: ", "    reminder_old: ", 1) },
	} {
		if _, err := ParseTemplates([]byte(edit(good))); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if v := fitValue("thing3", strings.Repeat("长", 30)); len([]rune(v)) != 20 {
		t.Errorf("thing value not cut: %d", len([]rune(v)))
	}
}
