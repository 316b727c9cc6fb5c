package jobs

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store"
	"petitiond/store/storetest"
	"petitiond/testenv"
)

// A case created while Redis is unreachable is enqueued exactly once after
// Redis returns: on SQLite and on PostgreSQL.
func TestOutboxSurvivesRedisOutage(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		redisURL := testenv.RedisURL(t, testenv.DBJobs)
		u, _ := url.Parse(redisURL)
		proxy := testenv.NewProxy(t, u.Host)
		opt, _ := redis.ParseURL(redisURL)
		opt.Addr = proxy.Addr()
		opt.MaxRetries = -1
		opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout = 300*time.Millisecond, 300*time.Millisecond, 300*time.Millisecond
		viaProxy := redis.NewClient(opt)
		defer viaProxy.Close()
		client := asynq.NewClientFromRedisClient(viaProxy)

		svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
		relay := NewRelay(svc, client, time.Second, nil)

		proxy.Down()
		c, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: "路灯不亮", Source: cases.SourceBot,
			Submitter: cases.Submitter{OpenID: "o1"}})
		if err != nil {
			t.Fatalf("intake must not depend on Redis: %v", err)
		}
		if _, err := relay.DeliverOnce(ctx); err == nil {
			t.Fatal("delivery succeeded with Redis down")
		}
		if _, err := relay.DeliverOnce(ctx); err == nil {
			t.Fatal("delivery succeeded with Redis down")
		}
		pending, _ := svc.PendingOutbox(ctx, 100)
		if len(pending) == 0 {
			t.Fatal("outbox rows lost during the outage")
		}
		want := len(pending)

		proxy.Up()
		n, err := relay.DeliverOnce(ctx)
		if err != nil || n != want {
			t.Fatalf("after recovery delivered %d (want %d): %v", n, want, err)
		}
		// A second relay pass, and a replay of rows as if marking them sent
		// had failed, add nothing.
		if n, err := relay.DeliverOnce(ctx); err != nil || n != 0 {
			t.Fatalf("second pass delivered %d: %v", n, err)
		}
		for _, m := range pending {
			if err := relay.enqueue(ctx, m); err != nil {
				t.Fatalf("replayed row %d: %v", m.ID, err)
			}
		}

		insp := asynq.NewInspectorFromRedisClient(redis.NewClient(mustParse(t, redisURL)))
		total := 0
		dispatch := 0
		for _, q := range []string{cases.QueueCritical, cases.QueueDefault, cases.QueueLow} {
			pendingTasks, _ := insp.ListPendingTasks(q)
			scheduled, _ := insp.ListScheduledTasks(q)
			for _, ti := range append(pendingTasks, scheduled...) {
				total++
				if ti.Type == cases.TopicDispatch && ti.ID == TaskID(pending[0]) {
					dispatch++
				}
			}
		}
		if total != want || dispatch != 1 {
			t.Errorf("queue holds %d tasks (%d dispatch for case %s), want %d and 1", total, dispatch, c.ID, want)
		}
	})
}

func mustParse(t *testing.T, u string) *redis.Options {
	t.Helper()
	o, err := redis.ParseURL(u)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// fakeQueue records tasks; it fails while down.
type fakeQueue struct {
	down  bool
	tasks map[string]*asynq.Task
}

func (f *fakeQueue) EnqueueContext(ctx context.Context, task *asynq.Task, opts ...asynq.Option) (*asynq.TaskInfo, error) {
	if f.down {
		return nil, errors.New("connection refused")
	}
	id := ""
	for _, o := range opts {
		if o.Type() == asynq.TaskIDOpt {
			id = o.Value().(string)
		}
	}
	if _, dup := f.tasks[id]; dup {
		return nil, asynq.ErrTaskIDConflict
	}
	f.tasks[id] = task
	return &asynq.TaskInfo{ID: id}, nil
}

func TestRelayRunWakesOnSubmit(t *testing.T) {
	st := storetest.OpenSQLite(t)
	q := &fakeQueue{tasks: map[string]*asynq.Task{}}
	var relay *Relay
	svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{Wake: func() { relay.Wake() }})
	relay = NewRelay(svc, q, time.Hour, nil) // the poll never fires: only Wake can deliver
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { relay.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	if _, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: "井盖缺失", Source: cases.SourceBot,
		Submitter: cases.Submitter{OpenID: "o1"}}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		pending, _ := svc.PendingOutbox(ctx, 10)
		if len(pending) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("relay did not deliver after being woken")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
