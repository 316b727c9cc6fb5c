package jobs

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/crypto/bcrypt"

	"petitiond/api"
	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store/storetest"
)

const providerSecret = "provider-secret-0123456789"

type provider struct {
	mu       sync.Mutex
	requests []callRequestBody
	status   int
}

func (p *provider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	defer p.mu.Unlock()
	if !SignatureValid(providerSecret, r.Header.Get(HeaderTimestamp), body, r.Header.Get(HeaderSignature)) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if p.status != 0 {
		w.WriteHeader(p.status)
		return
	}
	var req callRequestBody
	json.Unmarshal(body, &req)
	p.requests = append(p.requests, req)
}

func newApp() *fiber.App {
	return api.NewApp(api.AppConfig{Logger: slog.New(slog.DiscardHandler)})
}

type callbackClient struct {
	t   *testing.T
	app *fiber.App
	now func() time.Time
}

// post sends body signed at ts with secret; it returns the status and the
// decoded answer.
func (c callbackClient) post(body any, ts time.Time, secret string) (int, map[string]any) {
	c.t.Helper()
	b, ok := body.([]byte)
	if !ok {
		b, _ = json.Marshal(body)
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	return c.send(b, stamp, Sign(secret, stamp, b))
}

func (c callbackClient) send(b []byte, stamp, sig string) (int, map[string]any) {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodPost, CallbackPath, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderTimestamp, stamp)
	req.Header.Set(HeaderSignature, sig)
	resp, err := c.app.Test(req, -1)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// newProviderEnv is an environment whose outbound-call provider is a TLS
// test server recording what it was asked.
func newProviderEnv(t *testing.T) (*env, *provider) {
	t.Helper()
	prov := &provider{}
	srv := httptest.NewTLSServer(prov)
	t.Cleanup(srv.Close)
	e := newEnv(t, storetest.Open(t), casestest.At("2026-11-02 10:00"), func(cfg *Config) {
		cfg.CallProvider = &CallProvider{URL: srv.URL, Secret: providerSecret, CallbackURL: "https://petitiond.example/api/v1/callbacks/followup"}
		cfg.Webhooks.Client = srv.Client()
	})
	return e, prov
}

// The provider is asked to call (signed, with the number and the script);
// its results come back signed: an unreachable attempt schedules the next,
// a replay is refused, a re-signed retry of a recorded attempt changes
// nothing, and an answer ends the task and the follow-up.
func TestCallProviderRoundTrip(t *testing.T) {
	e, prov := newProviderEnv(t)
	c := e.close("路灯不亮", "o-callee")
	task, err := e.calls.CreateFollowUp(e.ctx(), c.ID, "无法发送回访消息")
	if err != nil {
		t.Fatal(err)
	}
	e.runOutbox(TypeCallRequest)
	e.runOutbox(TypeCallRequest) // nothing new: one request per attempt
	if len(prov.requests) != 1 || prov.requests[0].Phone != "13812341234" || prov.requests[0].TaskID != task.ID || prov.requests[0].Script == "" {
		t.Fatalf("provider got %+v", prov.requests)
	}
	if got, _ := e.calls.Get(e.ctx(), task.ID); got.AssignedTo != ProviderCaller {
		t.Errorf("task assigned to %q", got.AssignedTo)
	}

	app := newApp()
	app.Post(CallbackPath, FollowUpCallback(CallbackConfig{Secret: providerSecret, Calls: e.calls, Redis: e.rdb, Now: e.svc.Now}))
	cb := callbackClient{t: t, app: app}
	now := e.svc.Now()
	unreachable := CallbackRequest{TaskID: task.ID, Attempt: 0, Outcome: cases.OutcomeUnreachable}
	b, _ := json.Marshal(unreachable)
	stamp := strconv.FormatInt(now.Unix(), 10)
	sig := Sign(providerSecret, stamp, b)
	status, out := cb.send(b, stamp, sig)
	if status != 200 || out["status"] != "open" || out["attempts"] != 1.0 || out["next_attempt_at"] == nil {
		t.Fatalf("unreachable: %d %v", status, out)
	}
	if status, out = cb.send(b, stamp, sig); status != http.StatusConflict {
		t.Errorf("replay: %d %v", status, out)
	}
	if status, out = cb.post(unreachable, now.Add(time.Second), providerSecret); status != 200 || out["attempts"] != 1.0 {
		t.Errorf("re-signed retry of a recorded attempt: %d %v", status, out)
	}
	for name, tc := range map[string]struct {
		body   any
		ts     time.Time
		secret string
		want   int
	}{
		"stale":           {unreachable, now.Add(-10 * time.Minute), providerSecret, 401},
		"bad signature":   {unreachable, now, "not-the-secret", 401},
		"bad json":        {[]byte("{"), now, providerSecret, 400},
		"unknown task":    {CallbackRequest{TaskID: "nope", Outcome: cases.RatingSatisfied}, now, providerSecret, 404},
		"unknown outcome": {CallbackRequest{TaskID: task.ID, Attempt: 1, Outcome: "还行"}, now, providerSecret, 422},
	} {
		if status, out := cb.post(tc.body, tc.ts, tc.secret); status != tc.want || out["error"] == nil {
			t.Errorf("%s: %d %v, want %d with the error shape", name, status, out, tc.want)
		}
	}
	if reqs := e.outbox(TypeCallRequest, c.ID); len(reqs) != 1 || reqs[0].ProcessAt.IsZero() {
		t.Errorf("next attempt not requested: %+v", reqs)
	}

	status, out = cb.post(CallbackRequest{TaskID: task.ID, Attempt: 1, Outcome: cases.RatingSatisfied, Comment: "修好了"}, now, providerSecret)
	if status != 200 || out["status"] != "done" || out["outcome"] != cases.RatingSatisfied {
		t.Fatalf("answer: %d %v", status, out)
	}
	if got, _ := e.svc.Get(e.ctx(), c.ID); got.Status != cases.StatusFollowedUp || got.Evaluation.Via != cases.ViaCall {
		t.Errorf("case after the call: %s %+v", got.Status, got.Evaluation)
	}
	if status, _ = cb.post(CallbackRequest{TaskID: task.ID, Attempt: 2, Outcome: cases.OutcomeUnreachable}, now, providerSecret); status != http.StatusConflict {
		t.Errorf("result for a finished task: %d", status)
	}
}

// A provider that refuses a request hands the task back to the call centre.
func TestCallProviderRefusalReturnsTask(t *testing.T) {
	prov := &provider{status: http.StatusUnprocessableEntity}
	srv := httptest.NewTLSServer(prov)
	defer srv.Close()
	e := newEnv(t, storetest.OpenSQLite(t), casestest.At("2026-11-02 10:00"), func(cfg *Config) {
		cfg.CallProvider = &CallProvider{URL: srv.URL, Secret: providerSecret}
		cfg.Webhooks.Client = srv.Client()
	})
	c := e.close("路灯不亮", "o-callee")
	task, _ := e.calls.CreateFollowUp(e.ctx(), c.ID, "无法发送回访消息")
	for _, m := range e.outbox(TypeCallRequest, c.ID) {
		if err := e.process(TypeCallRequest, []byte(m.Payload)); err == nil {
			t.Error("a refused request did not end the task")
		}
	}
	if got, _ := e.calls.Get(e.ctx(), task.ID); got.AssignedTo != "" || got.Status != cases.CallOpen {
		t.Errorf("task %+v", got)
	}
}

func TestQueueMonitorReadOnlyBehindLogin(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t), casestest.At("2026-11-02 10:00"))
	e.queue.Enqueue(newTask(TypeDispatch, `{"case_id":"x"}`))
	hash, _ := bcrypt.GenerateFromPassword([]byte("hashed-pw"), bcrypt.MinCost)
	if err := MountMonitor(newApp(), e.rdb, AdminCredential{User: "admin"}); err == nil {
		t.Error("mounted without a password")
	}
	for _, cred := range []AdminCredential{{User: "admin", Password: "plain-pw"}, {User: "admin", PasswordHash: string(hash)}} {
		app := newApp()
		if err := MountMonitor(app, e.rdb, cred); err != nil {
			t.Fatal(err)
		}
		pw := cred.Password
		if pw == "" {
			pw = "hashed-pw"
		}
		for _, tc := range []struct {
			method, path, user, pass string
			want                     int
		}{
			{"GET", MonitorPath, "", "", 401},
			{"GET", MonitorPath + "/api/queues", "admin", "wrong", 401},
			{"GET", MonitorPath + "/api/queues", "root", pw, 401},
			{"GET", MonitorPath, "admin", pw, 200},
			{"GET", MonitorPath + "/api/queues", "admin", pw, 200},
			{"DELETE", MonitorPath + "/api/queues/default", "admin", pw, 405},
			{"POST", MonitorPath + "/api/queues/default:pause", "admin", pw, 405},
		} {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			if tc.user != "" {
				req.SetBasicAuth(tc.user, tc.pass)
			}
			resp, err := app.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.want {
				t.Errorf("%s %s as %s: %d, want %d", tc.method, tc.path, tc.user, resp.StatusCode, tc.want)
			}
			if tc.want == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without a challenge")
			}
		}
	}
	if q, _ := e.insp.Queues(); len(q) != 1 {
		t.Errorf("queues after the refused delete: %v", q)
	}
}
