package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/clock"
	"petitiond/configs"
	"petitiond/store"
	"petitiond/testenv"
	"petitiond/wechat"
	"petitiond/wechat/wechattest"
)

// env is one worker's world in a test: the domain on a real store, the
// real Redis (or miniredis), Asynq's client and inspector, and a fake
// WeChat. Its clock is the domain's; Asynq's own is never waited on.
type env struct {
	t        *testing.T
	st       *store.Store
	svc      *cases.Service
	clock    *clock.Manual
	ids      *cases.Identities
	consents *cases.Consents
	calls    *cases.CallTasks
	units    *cases.Units
	rdb      *redis.Client
	queue    *asynq.Client
	insp     *asynq.Inspector
	relay    *Relay
	h        *Handlers
	wx       *wechattest.Server
	srv      *asynq.Server // started by the first drain
}

type envOption func(*Config)

// newEnv builds the world at now; units.yaml and notify.yaml may be edited
// by the options through the parsed values.
func newEnv(t *testing.T, st *store.Store, now time.Time, opts ...envOption) *env {
	t.Helper()
	e := &env{t: t, st: st}
	e.svc, e.clock = casestest.NewService(t, st, now, casestest.Options{})
	e.ids, e.consents, e.calls = cases.NewIdentities(st, e.svc), cases.NewConsents(st, e.svc), cases.NewCallTasks(st, e.svc)
	e.rdb = testenv.Redis(t, testenv.DBJobs)
	e.queue = asynq.NewClientFromRedisClient(e.rdb)
	e.insp = asynq.NewInspectorFromRedisClient(e.rdb)
	e.relay = NewRelay(e.svc, e.queue, time.Hour, nil)
	e.wx = wechattest.NewServer()
	t.Cleanup(e.wx.Close)
	wx, err := wechat.New(wechat.Config{AppID: "wxoa-jobs", AppSecret: "s", MiniProgramAppID: "wxmp-jobs", MiniProgramSecret: "s", APIBase: e.wx.URL}, e.rdb)
	if err != nil {
		t.Fatal(err)
	}
	e.units = parseDefault(t, "units.yaml", cases.ParseUnits)
	cfg := Config{Service: e.svc, Identities: e.ids, Consents: e.consents, Calls: e.calls, Units: e.units,
		Templates: parseDefault(t, "notify.yaml", ParseTemplates), WeChat: wx, Inspector: e.insp, Redis: e.rdb,
		Webhooks: &Webhooks{Client: http.DefaultClient, Secret: func(string) string { return "" }, Now: e.svc.Now},
		Logger:   slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	for _, o := range opts {
		o(&cfg)
	}
	if e.h, err = NewHandlers(cfg); err != nil {
		t.Fatal(err)
	}
	return e
}

func fsDefault(name string) ([]byte, error) { return fs.ReadFile(configs.Defaults(), name) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func parseDefault[T any](t *testing.T, name string, parse func([]byte) (T, error)) T {
	t.Helper()
	b, err := fs.ReadFile(configs.Defaults(), name)
	if err != nil {
		t.Fatal(err)
	}
	v, err := parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (e *env) ctx() context.Context { return context.Background() }

// submit files a case from the bot as openid.
func (e *env) submit(text, openid string) *cases.Case {
	e.t.Helper()
	c, _, err := e.svc.Submit(e.ctx(), cases.SubmitRequest{Kind: cases.KindComplaint, Text: text, Source: cases.SourceBot,
		Submitter: cases.Submitter{OpenID: openid, Phone: "13812341234"}})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// process runs a task through the handlers, as a worker would.
func (e *env) process(typ string, payload any) error {
	b, ok := payload.([]byte)
	if !ok {
		b, _ = json.Marshal(payload)
	}
	return e.h.Mux().ProcessTask(e.ctx(), asynq.NewTask(typ, b))
}

// outbox returns the unsent outbox rows of a topic for a case (all cases
// when caseID is empty), without marking them.
func (e *env) outbox(topic, caseID string) []cases.OutboxMessage {
	e.t.Helper()
	rows, err := e.svc.PendingOutbox(e.ctx(), 10000)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []cases.OutboxMessage
	for _, m := range rows {
		if m.Topic == topic && (caseID == "" || m.CaseID == caseID) {
			out = append(out, m)
		}
	}
	return out
}

// runOutbox processes the pending outbox rows of topics directly (no
// queue) and marks them sent; it returns how many it ran.
func (e *env) runOutbox(topics ...string) int {
	e.t.Helper()
	n := 0
	for _, topic := range topics {
		for _, m := range e.outbox(topic, "") {
			if err := e.process(m.Topic, []byte(m.Payload)); err != nil {
				e.t.Fatalf("%s for case %s: %v", m.Topic, m.CaseID, err)
			}
			if err := e.svc.MarkOutboxSent(e.ctx(), []int64{m.ID}); err != nil {
				e.t.Fatal(err)
			}
			n++
		}
	}
	return n
}

func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.st.DB().QueryRow(query, args...).Scan(&n); err != nil {
		e.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// pendingTimer returns the case's pending timer of kind.
func (e *env) pendingTimer(caseID, kind string) cases.Timer {
	e.t.Helper()
	tm := cases.Timer{CaseID: caseID, Kind: kind}
	err := e.st.DB().QueryRow(`SELECT id, due_at FROM timers WHERE case_id = $1 AND kind = $2 AND fired_at IS NULL AND cancelled_at IS NULL`,
		caseID, kind).Scan(&tm.ID, &tm.DueAt)
	if err != nil {
		e.t.Fatalf("pending %s timer of %s: %v", kind, caseID, err)
	}
	tm.DueAt = tm.DueAt.UTC()
	return tm
}

// fire runs a timer's task at its due time.
func (e *env) fire(tm cases.Timer) {
	e.t.Helper()
	if e.clock.Now().Before(tm.DueAt) {
		e.clock.Set(tm.DueAt)
	}
	if err := e.process(TypeTimer, tm.Payload()); err != nil {
		e.t.Fatalf("timer %s: %v", tm.Kind, err)
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) { w.t.Log(string(b)); return len(b), nil }

// drain lets a real Asynq server work until no task is pending or active. It
// forces scheduled tasks first (Inspector), so nothing waits on Asynq's
// clock; the domain's clock decides what is due.
func (e *env) drain() {
	e.t.Helper()
	queues, err := e.insp.Queues()
	if err != nil {
		e.t.Fatal(err)
	}
	for _, q := range queues {
		if _, err := e.insp.RunAllScheduledTasks(q); err != nil {
			e.t.Fatal(err)
		}
	}
	if e.srv == nil {
		e.srv = NewServer(e.rdb, ServerConfig{Concurrency: 4, ShutdownTimeout: 2 * time.Second, DelayedTaskCheckInterval: 50 * time.Millisecond, TaskCheckInterval: 10 * time.Millisecond,
			Logger: slog.New(slog.NewTextHandler(testWriter{e.t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
		if err := e.srv.Start(e.h.Mux()); err != nil {
			e.t.Fatal(err)
		}
		e.t.Cleanup(e.srv.Shutdown)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		busy := 0
		for _, q := range []string{cases.QueueCritical, cases.QueueDefault, cases.QueueLow} {
			pending, _ := e.insp.ListPendingTasks(q)
			active, _ := e.insp.ListActiveTasks(q)
			busy += len(pending) + len(active)
		}
		if busy == 0 {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("queues did not drain: %d tasks left", busy)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// describeTimers lists every timer, for a failing test's log.
func (e *env) describeTimers() string {
	rows, err := e.st.DB().Query(`SELECT case_id, kind, due_at, fired_at IS NOT NULL, cancelled_at IS NOT NULL FROM timers ORDER BY case_id, due_at`)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var c, k string
		var d time.Time
		var fired, cancelled bool
		if err := rows.Scan(&c, &k, &d, &fired, &cancelled); err != nil {
			return err.Error()
		}
		fmt.Fprintf(&b, "\n%s %-22s %s fired=%v cancelled=%v", c[len(c)-4:], k, d.In(casestest.Shanghai).Format("01-02 15:04"), fired, cancelled)
	}
	return b.String()
}

func newTask(typ, payload string) *asynq.Task { return asynq.NewTask(typ, []byte(payload)) }
