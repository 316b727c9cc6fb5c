package jobs

import (
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store"
	"petitiond/store/storetest"
)

// acceptedCase files a case from an official-account user who has a
// consent for the "accepted" message, routes it and accepts it: its
// notify:citizen row is then waiting for the relay.
func (e *env) acceptedCase(openid string) *cases.Case {
	e.t.Helper()
	ctx := e.ctx()
	e.ids.Link(ctx, openid, "", cases.IdentityOA)
	if err := e.consents.Grant(ctx, openid, []string{"tpl-oa-accepted"}); err != nil {
		e.t.Fatal(err)
	}
	c := e.submit("路灯不亮", openid)
	e.runOutbox(TypeDispatch)
	c, err := e.svc.Accept(ctx, c.ID, clerk)
	if err != nil {
		e.t.Fatal(err)
	}
	if len(e.outbox(TypeNotify, c.ID)) != 1 {
		e.t.Fatal("no notify:citizen row for the accepted case")
	}
	return c
}

// unfinished counts sent outbox rows of a topic whose task has not
// finished.
func (e *env) unfinished(topic string) int {
	return e.count(`SELECT COUNT(*) FROM outbox WHERE topic = $1 AND sent_at IS NOT NULL AND done_at IS NULL`, topic)
}

// A case is accepted, the relay hands the citizen's notification to the
// queue, and Redis is flushed before it runs. The reconciler, once the
// grace has passed, offers the row again: the citizen is told exactly once,
// and later runs (after more flushes) offer nothing.
func TestRedisFlushCitizenNotifiedOnce(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, casestest.At("2026-11-02 10:00"), withTemplateIDs)
		c := e.acceptedCase("o-lost-note")
		if _, err := e.relay.DeliverOnce(e.ctx()); err != nil {
			t.Fatal(err)
		}
		if err := e.rdb.FlushDB(e.ctx()).Err(); err != nil {
			t.Fatal(err)
		}
		r := e.h.Reconciler()

		// Within the grace the row may still be on its way: left alone.
		e.clock.Advance(time.Minute)
		if rs, err := r.Run(e.ctx()); err != nil || rs.Redelivered != 0 {
			t.Fatalf("within the grace: %+v, %v", rs, err)
		}
		e.clock.Advance(outboxGrace)
		rs, err := r.Run(e.ctx())
		if err != nil {
			t.Fatal(err)
		}
		if rs.Redelivered == 0 || rs.Redelivered != rs.Unfinished {
			t.Fatalf("lost rows not offered again: %+v", rs)
		}
		e.drain()
		if got := e.wx.SubscribeMessages("o-lost-note"); len(got) != 1 || got[0].TemplateID != "tpl-oa-accepted" {
			t.Fatalf("citizen messages after the flush: %+v", got)
		}
		if n := e.unfinished(TypeNotify); n != 0 {
			t.Errorf("%d notify rows still unfinished after their task ran", n)
		}

		// Another flush, another minute: nothing is offered, nothing sent.
		for range 2 {
			e.rdb.FlushDB(e.ctx())
			e.clock.Advance(time.Minute)
			again, err := r.Run(e.ctx())
			if err != nil {
				t.Fatal(err)
			}
			if again.Unfinished != 0 {
				t.Errorf("finished rows offered again: %+v", again)
			}
			e.drain()
		}
		if got := e.wx.SubscribeMessages("o-lost-note"); len(got) != 1 {
			t.Errorf("%d messages to the citizen, want 1", len(got))
		}
		if r := e.notified(c.ID); len(r) != 1 {
			t.Errorf("timeline records %d notifications, want 1", len(r))
		}
	})
}

// A task that ran normally is finished in the database and never offered
// again, even after Redis forgot it; a row the queue did not lose (still
// queued) is refused by the queue when offered.
func TestFinishedOutboxTaskNotOfferedAgain(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, casestest.At("2026-11-02 10:00"), withTemplateIDs)
		e.acceptedCase("o-done")
		if _, err := e.relay.DeliverOnce(e.ctx()); err != nil {
			t.Fatal(err)
		}
		e.drain()
		if n := e.unfinished(TypeNotify); n != 0 {
			t.Fatalf("%d notify rows unfinished after a normal run", n)
		}
		e.rdb.FlushDB(e.ctx())
		e.clock.Advance(10 * time.Minute)
		rs, err := e.h.Reconciler().Run(e.ctx())
		if err != nil {
			t.Fatal(err)
		}
		if rs.Unfinished != 0 || rs.Redelivered != 0 {
			t.Errorf("finished rows offered again: %+v", rs)
		}
		e.drain()
		if got := e.wx.SubscribeMessages("o-done"); len(got) != 1 {
			t.Errorf("%d messages to the citizen, want 1", len(got))
		}

		// A second case's task still queued (not yet run): offering it
		// again adds nothing.
		e.acceptedCase("o-queued")
		if _, err := e.relay.DeliverOnce(e.ctx()); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(10 * time.Minute)
		rs, err = e.h.Reconciler().Run(e.ctx())
		if err != nil {
			t.Fatal(err)
		}
		if rs.Unfinished == 0 || rs.Redelivered != 0 {
			t.Errorf("queued rows: %+v, want offered and refused", rs)
		}
		e.drain()
		if got := e.wx.SubscribeMessages("o-queued"); len(got) != 1 {
			t.Errorf("%d messages to the second citizen, want 1", len(got))
		}
	})
}

// Rows not finished within the window are given up on, and say why.
func TestUnfinishedOutboxExpires(t *testing.T) {
	e := newEnv(t, storetest.Open(t), casestest.At("2026-11-02 10:00"), withTemplateIDs)
	e.acceptedCase("o-old")
	if _, err := e.relay.DeliverOnce(e.ctx()); err != nil {
		t.Fatal(err)
	}
	e.rdb.FlushDB(e.ctx())
	e.clock.Advance(outboxWindow + time.Hour)
	rs, err := e.h.Reconciler().Run(e.ctx())
	if err != nil {
		t.Fatal(err)
	}
	if rs.Unfinished != 0 || e.unfinished(TypeNotify) != 0 {
		t.Errorf("expired rows offered: %+v", rs)
	}
	if n := e.count(`SELECT COUNT(*) FROM outbox WHERE topic = $1 AND last_error LIKE 'not finished within%'`, TypeNotify); n != 1 {
		t.Errorf("%d expired notify rows say why, want 1", n)
	}
}

// A call request offered again after a Redis flush (its delivery mark gone
// with it) does not ask the provider a second time: the timeline says it
// was asked.
func TestCallRequestOnceAfterRedisFlush(t *testing.T) {
	e, prov := newProviderEnv(t)
	c := e.close("路灯不亮", "o-callee")
	if _, err := e.calls.CreateFollowUp(e.ctx(), c.ID, "无法发送回访消息"); err != nil {
		t.Fatal(err)
	}
	rows := e.outbox(TypeCallRequest, c.ID)
	if len(rows) != 1 {
		t.Fatalf("%d call requests", len(rows))
	}
	for range 2 {
		if err := e.process(TypeCallRequest, []byte(rows[0].Payload)); err != nil {
			t.Fatal(err)
		}
		e.rdb.FlushDB(e.ctx())
	}
	if len(prov.requests) != 1 {
		t.Errorf("provider asked %d times, want 1", len(prov.requests))
	}
}
