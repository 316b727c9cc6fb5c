package cases_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/store"
	"petitiond/store/storetest"
)

// pending returns the case's pending timers by kind.
func pending(t *testing.T, st *store.Store, caseID string) map[string]cases.Timer {
	t.Helper()
	rows, err := st.DB().Query(`SELECT id, kind, due_at FROM timers WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL`, caseID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]cases.Timer{}
	for rows.Next() {
		var tm cases.Timer
		if err := rows.Scan(&tm.ID, &tm.Kind, &tm.DueAt); err != nil {
			t.Fatal(err)
		}
		tm.CaseID = caseID
		if _, dup := out[tm.Kind]; dup {
			t.Fatalf("two pending %s timers", tm.Kind)
		}
		out[tm.Kind] = tm
	}
	return out
}

// wantAt checks a pending timer's time in Shanghai.
func wantAt(t *testing.T, timers map[string]cases.Timer, kind, at string) cases.Timer {
	t.Helper()
	tm, ok := timers[kind]
	if !ok {
		t.Fatalf("no pending %s timer (have %v)", kind, timers)
	}
	if got := tm.DueAt.In(shanghai).Format("2006-01-02 15:04:05"); got != at {
		t.Fatalf("%s at %s, want %s", kind, got, at)
	}
	return tm
}

type notice struct {
	cases.StaffNotice
	Queue string
}

func staffNotices(t *testing.T, st *store.Store, caseID string) []notice {
	t.Helper()
	rows, err := st.DB().Query(`SELECT payload, queue FROM outbox WHERE case_id = $1 AND topic = $2 ORDER BY id`, caseID, cases.TopicNotifyStaff)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []notice
	for rows.Next() {
		var p, q string
		if err := rows.Scan(&p, &q); err != nil {
			t.Fatal(err)
		}
		var n notice
		if err := json.Unmarshal([]byte(p), &n.StaffNotice); err != nil {
			t.Fatal(err)
		}
		n.Queue = q
		out = append(out, n)
	}
	return out
}

func events(t *testing.T, h *harness, caseID, action string) []cases.Event {
	t.Helper()
	ev, err := h.svc.Timeline(context.Background(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	var out []cases.Event
	for _, e := range ev {
		if e.Action == action {
			out = append(out, e)
		}
	}
	return out
}

func fire(t *testing.T, h *harness, tm cases.Timer) cases.FireResult {
	t.Helper()
	res, err := h.svc.FireTimer(context.Background(), cases.TimerPayload{CaseID: tm.CaseID, TimerID: tm.ID})
	if err != nil {
		t.Fatalf("fire %s: %v", tm.Kind, err)
	}
	return res
}

// A reconsideration filed on 2026-09-30 is due for acceptance on 2026-10-13
// (5 working days across the National Day break and the 调休 Saturday
// 10-10): the warning comes at 09:00 on that Saturday, the overdue
// escalation right after the due date, then reminders every 3 working days.
func TestReconsiderationWarningOverdueAndReminders(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-09-30 10:00"))
		c, _, err := h.svc.Submit(ctx, request("我对市场监管局的罚款决定不服，申请复议"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.svc.Dispatch(ctx, c.ID, "market", cases.System, ""); err == nil {
			t.Fatal("the respondent was allowed to handle the challenge to its own act")
		}
		if _, err := h.svc.Dispatch(ctx, c.ID, cases.UnitReconsiderationOffice, cases.System, ""); err != nil {
			t.Fatal(err)
		}
		timers := pending(t, st, c.ID)
		warning := wantAt(t, timers, "warning:acceptance", "2026-10-10 09:00:00")
		overdue := wantAt(t, timers, "overdue:acceptance", "2026-10-14 00:00:00")

		h.clock.Set(at("2026-10-10 08:59"))
		if _, err := h.svc.FireTimer(ctx, cases.TimerPayload{CaseID: c.ID, TimerID: warning.ID}); !errors.As(err, new(*cases.EarlyError)) {
			t.Fatalf("a warning fired before its time: %v", err)
		}
		h.clock.Set(at("2026-10-10 09:00"))
		if res := fire(t, h, warning); !res.Fired {
			t.Fatalf("warning: %+v", res)
		}
		if res := fire(t, h, warning); res.Fired || res.Skipped != "fired" {
			t.Fatalf("warning fired twice: %+v", res)
		}
		if n := len(events(t, h, c.ID, cases.EventWarning)); n != 1 {
			t.Errorf("%d warning events", n)
		}

		h.clock.Set(at("2026-10-14 00:00"))
		if res := fire(t, h, overdue); !res.Fired {
			t.Fatalf("overdue: %+v", res)
		}
		fire(t, h, overdue)
		if ev := events(t, h, c.ID, cases.EventOversight); len(ev) != 1 || ev[0].Note != "逾期督办：受理审查已于2026-10-13到期" {
			t.Fatalf("督办 records: %+v", ev)
		}
		reminder := wantAt(t, pending(t, st, c.ID), "reminder:acceptance", "2026-10-16 09:00:00")
		h.clock.Set(at("2026-10-16 09:00"))
		fire(t, h, reminder)
		fire(t, h, reminder)
		next := wantAt(t, pending(t, st, c.ID), "reminder:acceptance", "2026-10-21 09:00:00")
		if ev := events(t, h, c.ID, cases.EventOversight); len(ev) != 2 || ev[1].Note != "逾期催办（第1次）：受理审查已于2026-10-13到期" {
			t.Fatalf("督办 records after the reminder: %+v", ev)
		}

		ns := staffNotices(t, st, c.ID)
		var kinds []string
		for _, n := range ns {
			kinds = append(kinds, n.Event)
		}
		want := []string{"dispatched", "warning", "overdue", "reminder"}
		if len(kinds) != len(want) {
			t.Fatalf("staff notices %v, want %v", kinds, want)
		}
		for i := range want {
			if kinds[i] != want[i] {
				t.Fatalf("staff notices %v, want %v", kinds, want)
			}
		}
		if to := ns[2].To; len(to) != 2 || to[0] != (cases.Recipient{Unit: "oversight", Role: "unit"}) || to[1] != (cases.Recipient{Unit: "reconsideration_office", Role: "head"}) {
			t.Errorf("overdue escalation goes to %+v", to)
		}
		if ns[3].Count != 1 {
			t.Errorf("reminder count %d", ns[3].Count)
		}

		// Accepting meets the deadline: the next reminder is cancelled and
		// its queued task dropped.
		h.clock.Set(at("2026-10-19 10:00"))
		if _, err := h.svc.Accept(ctx, c.ID, cases.Staff("li", cases.UnitReconsiderationOffice)); err != nil {
			t.Fatal(err)
		}
		if _, ok := pending(t, st, c.ID)["reminder:acceptance"]; ok {
			t.Error("reminder still pending after acceptance")
		}
		if res := fire(t, h, next); res.Fired || res.Skipped != "cancelled" {
			t.Errorf("cancelled reminder: %+v", res)
		}
		if n := count(t, st, `SELECT COUNT(*) FROM outbox WHERE case_id = $1 AND topic = $2 AND payload LIKE $3`, c.ID, cases.TopicTimerCancel, "%"+next.TaskID()+"%"); n != 1 {
			t.Errorf("no courtesy delete for the stale reminder task (%d)", n)
		}
	})
}

// A petition filed during the Spring Festival counts its 15 calendar days
// from the day it arrived; a business report's 1-working-day acceptance
// lands on the first working day after the break, and a warning that would
// fall before the report arrived is skipped.
func TestDeadlinesFiledDuringSpringFestival(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	h := newHarness(t, st, at("2026-02-17 20:00"))
	c, _, err := h.svc.Submit(ctx, request("小区路灯坏了"))
	if err != nil {
		t.Fatal(err)
	}
	timers := pending(t, st, c.ID)
	wantAt(t, timers, "warning:acceptance", "2026-03-02 09:00:00")
	wantAt(t, timers, "overdue:acceptance", "2026-03-05 00:00:00")
	wantAt(t, timers, "warning:handling", "2026-04-16 09:00:00") // 60 days → Sat 04-18 → Mon 04-20
	wantAt(t, timers, "overdue:handling", "2026-04-21 00:00:00")

	r := request("审批窗口一直拖着不办营业执照变更")
	r.Kind, r.Company = cases.KindBusiness, cases.Company{Name: "沅川某科技有限公司", CreditCode: "91350100M000100Y43"}
	b, _, err := h.svc.Submit(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	timers = pending(t, st, b.ID)
	wantAt(t, timers, "overdue:acceptance", "2026-02-25 00:00:00")
	if _, ok := timers["warning:acceptance"]; ok {
		t.Error("a warning before the report arrived was scheduled")
	}
	// Nobody routed it (the dispatcher was down): the overdue escalation
	// goes to oversight, the only unit answering for it.
	h.clock.Set(at("2026-02-25 00:00"))
	fire(t, h, timers["overdue:acceptance"])
	ns := staffNotices(t, st, b.ID)
	if len(ns) != 1 || len(ns[0].To) != 1 || ns[0].To[0].Unit != cases.UnitOversight {
		t.Errorf("escalation of an unrouted case: %+v", ns)
	}
}

func TestUrgentCaseNotAcceptedWithinAnHourEscalates(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, _ := h.svc.Submit(ctx, request("楼上天天吵，我真的不想活了"))
		h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "")
		ns := staffNotices(t, st, c.ID)
		if len(ns) != 1 || ns[0].Event != cases.NoticeUrgent || ns[0].Queue != cases.QueueCritical || len(ns[0].To) != 2 || ns[0].To[1].Role != cases.RoleDuty {
			t.Fatalf("urgent dispatch notice: %+v", ns)
		}
		tm := wantAt(t, pending(t, st, c.ID), cases.TimerUrgentAccept, "2026-11-02 11:00:00")
		h.clock.Set(at("2026-11-02 11:00"))
		fire(t, h, tm)
		if ev := events(t, h, c.ID, cases.EventOversight); len(ev) != 1 {
			t.Fatalf("督办 records: %+v", ev)
		}
		ns = staffNotices(t, st, c.ID)
		if last := ns[len(ns)-1]; last.Event != cases.NoticeUnaccepted || last.Queue != cases.QueueCritical {
			t.Errorf("escalation notice %+v", last)
		}

		// Accepted in time: nothing escalates.
		d, _, _ := h.svc.Submit(ctx, request("煤气泄漏了，我不想活"))
		h.svc.Dispatch(ctx, d.ID, "urban", cases.System, "")
		tm = pending(t, st, d.ID)[cases.TimerUrgentAccept]
		h.clock.Advance(30 * time.Minute)
		h.svc.Accept(ctx, d.ID, handler)
		h.clock.Advance(time.Hour)
		if res := fire(t, h, tm); res.Fired {
			t.Error("an accepted urgent case escalated")
		}
	})
}

func TestReturnGoesToOversight(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	h := newHarness(t, st, at("2026-11-02 10:00"))
	c, _, _ := h.svc.Submit(ctx, request("楼下饭店油烟扰民"))
	h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "")
	got, err := h.svc.Return(ctx, c.ID, handler, "油烟属生态环境部门职责")
	if err != nil || got.Unit != cases.UnitOversight {
		t.Fatalf("returned case with unit %q: %v", got.Unit, err)
	}
	ns := staffNotices(t, st, c.ID)
	if last := ns[len(ns)-1]; last.Event != cases.NoticeReturned || last.To[0].Unit != cases.UnitOversight {
		t.Errorf("oversight not told: %+v", last)
	}
}
