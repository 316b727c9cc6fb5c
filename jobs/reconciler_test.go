package jobs

import (
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store"
	"petitiond/store/storetest"
)

// firings counts fired timers and the 督办/warning records they wrote.
type firings struct{ fired, warnings, oversight int }

func (e *env) firings() firings {
	return firings{
		fired:     e.count(`SELECT COUNT(*) FROM timers WHERE fired_at IS NOT NULL`),
		warnings:  e.count(`SELECT COUNT(*) FROM timeline WHERE action = $1`, cases.EventWarning),
		oversight: e.count(`SELECT COUNT(*) FROM timeline WHERE action = $1`, cases.EventOversight),
	}
}

// After Redis loses everything, every deadline still fires exactly once:
// cases are created and routed, their timers queued, Redis is flushed; at
// each due time the reconciler is run (after another flush), the queue is
// drained by a real Asynq server, and the firings are counted. Reconciling
// and draining again, or delivering every task a second time, adds none.
func TestRedisFlushEveryDeadlineFiresOnce(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, casestest.At("2026-09-30 10:00"))
		var ids []string
		for _, text := range []string{"对市场监管局的罚款决定不服申请复议", "对环保罚款不服，申请复议", "路灯不亮", "路面塌陷"} {
			ids = append(ids, e.submit(text, "o-flush").ID)
		}
		e.runOutbox(TypeDispatch)
		if _, err := e.relay.DeliverOnce(e.ctx()); err != nil {
			t.Fatal(err)
		}
		scheduled, _ := e.insp.ListScheduledTasks(cases.QueueDefault)
		pending, _ := e.insp.ListPendingTasks(cases.QueueDefault)
		if len(scheduled)+len(pending) == 0 {
			t.Fatal("nothing was queued before the flush")
		}

		r := e.h.Reconciler()
		phases := []struct {
			at        string
			fired     int // timers due by then
			warnings  int
			oversight int
		}{
			// Two reconsideration acceptance warnings on the 调休 Saturday.
			{"2026-10-10 09:00", 2, 2, 0},
			// The two petitions' acceptance warnings (due 10-15).
			{"2026-10-13 09:00", 4, 4, 0},
			// The reconsiderations are overdue (due 10-13): 督办.
			{"2026-10-14 00:00", 6, 4, 2},
			// Petitions overdue (due 10-15); first reminders of the others.
			{"2026-10-16 09:00", 10, 4, 6},
		}
		for _, ph := range phases {
			e.clock.Set(casestest.At(ph.at))
			if err := e.rdb.FlushDB(e.ctx()).Err(); err != nil {
				t.Fatal(err)
			}
			rs, err := r.Run(e.ctx())
			if err != nil {
				t.Fatal(err)
			}
			if rs.Enqueued != rs.Due {
				t.Errorf("%s: %d due, %d queued after the flush", ph.at, rs.Due, rs.Enqueued)
			}
			e.drain()
			again, _ := r.Run(e.ctx())
			e.drain()
			got := e.firings()
			want := firings{ph.fired, ph.warnings, ph.oversight}
			if got != want {
				t.Log(e.describeTimers())
				t.Fatalf("%s: firings %+v, want %+v (reconciler: %+v, then %+v)", ph.at, got, want, rs, again)
			}
		}

		// Every fired timer delivered once more, as a queue might: nothing.
		before := e.firings()
		rows, err := st.DB().Query(`SELECT id, case_id, kind, due_at FROM timers WHERE fired_at IS NOT NULL`)
		if err != nil {
			t.Fatal(err)
		}
		var fired []cases.Timer
		for rows.Next() {
			var tm cases.Timer
			rows.Scan(&tm.ID, &tm.CaseID, &tm.Kind, &tm.DueAt)
			fired = append(fired, tm)
		}
		rows.Close()
		for _, tm := range fired {
			if err := e.process(TypeTimer, tm.Payload()); err != nil {
				t.Fatal(err)
			}
		}
		if got := e.firings(); got != before {
			t.Errorf("duplicate deliveries changed %+v into %+v", before, got)
		}
		if len(ids) != 4 {
			t.Fatal(ids)
		}
	})
}

// A case whose dispatch task Redis lost is routed by the reconciler.
func TestReconcilerRequeuesLostDispatch(t *testing.T) {
	e := newEnv(t, storetest.Open(t), casestest.At("2026-11-02 10:00"))
	c := e.submit("路灯不亮", "o-lost")
	if _, err := e.relay.DeliverOnce(e.ctx()); err != nil {
		t.Fatal(err)
	}
	e.rdb.FlushDB(e.ctx())
	st, err := e.h.Reconciler().Run(e.ctx())
	if err != nil || st.Dispatches != 0 {
		t.Fatalf("a fresh case was re-dispatched: %+v %v", st, err)
	}
	e.clock.Advance(3 * time.Minute)
	if st, err = e.h.Reconciler().Run(e.ctx()); err != nil || st.Dispatches != 1 {
		t.Fatalf("lost dispatch not re-queued: %+v %v", st, err)
	}
	if st, _ = e.h.Reconciler().Run(e.ctx()); st.Dispatches != 0 {
		t.Errorf("re-queued twice: %+v", st)
	}
	e.drain()
	got, _ := e.svc.Get(e.ctx(), c.ID)
	if got.Status != cases.StatusDispatched || got.Unit != "urban" {
		t.Errorf("case %s at %q", got.Status, got.Unit)
	}
}

// Two schedulers (two instances) tick in the same minute; their ticks
// enqueue one reconciler run under the minute's task id.
func TestSchedulersOfTwoInstancesReconcileOnce(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t), casestest.At("2026-11-02 10:00"))
	var scheds []*asynq.Scheduler
	for i := 0; i < 2; i++ {
		s, err := NewScheduler(e.rdb, "@every 1s", nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Start(); err != nil {
			t.Fatal(err)
		}
		scheds = append(scheds, s)
	}
	time.Sleep(2200 * time.Millisecond) // two ticks of each
	for _, s := range scheds {
		s.Shutdown()
	}
	ticks, err := e.insp.ListPendingTasks(cases.QueueCritical)
	if err != nil || len(ticks) < 4 {
		t.Fatalf("%d ticks from 2 schedulers in 2 s: %v", len(ticks), err)
	}
	for _, ti := range ticks {
		if err := e.process(ti.Type, ti.Payload); err != nil {
			t.Fatal(err)
		}
		e.insp.DeleteTask(cases.QueueCritical, ti.ID)
	}
	runs, _ := e.insp.ListPendingTasks(cases.QueueCritical)
	if len(runs) == 0 || len(runs) > 2 { // 2 only when the ticks straddled the half-minute
		t.Fatalf("%d reconciler runs from %d ticks", len(runs), len(ticks))
	}
	for _, ti := range runs {
		if ti.Type != TypeReconcile || ti.ID != ReconcileTaskID(time.Now()) && ti.ID != ReconcileTaskID(time.Now().Add(-time.Minute)) {
			t.Errorf("task %s %s", ti.Type, ti.ID)
		}
	}
	if id := ReconcileTaskID(time.Date(2026, 11, 2, 9, 59, 45, 0, time.UTC)); id != ReconcileTaskID(time.Date(2026, 11, 2, 10, 0, 14, 0, time.UTC)) {
		t.Errorf("clocks 29 s apart land in different minutes: %s", id)
	}
}
