package cases_test

import (
	"context"
	"errors"
	"testing"

	"petitiond/cases"
	"petitiond/store"
	"petitiond/store/storetest"
)

// closed walks a fresh case to closure at 2026-11-02 (a Monday).
func closed(t *testing.T, h *harness) *cases.Case {
	t.Helper()
	ctx := context.Background()
	c, _, err := h.svc.Submit(ctx, request("路灯坏了一个月没人修"))
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() (*cases.Case, error){
		func() (*cases.Case, error) { return h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "") },
		func() (*cases.Case, error) { return h.svc.Accept(ctx, c.ID, handler) },
		func() (*cases.Case, error) { return h.svc.Reply(ctx, c.ID, handler, "已修复") },
		func() (*cases.Case, error) { return h.svc.Close(ctx, c.ID, handler, "已修复") },
	} {
		if c, err = step(); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// No answer to the survey: a call task after 2 working days; three calls
// that reach nobody, on successive working days at different times of day,
// end it as 无法联系.
func TestFollowUpEndsInCallTask(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		calls := cases.NewCallTasks(st, h.svc)
		c := closed(t, h)
		survey := wantAt(t, pending(t, st, c.ID), cases.TimerSurvey, "2026-11-05 10:00:00")
		h.clock.Set(at("2026-11-05 10:00"))
		fire(t, h, survey)
		fire(t, h, survey)
		if n := count(t, st, `SELECT COUNT(*) FROM outbox WHERE case_id = $1 AND topic = $2`, c.ID, cases.TopicFollowUp); n != 1 {
			t.Errorf("survey queued %d times", n)
		}
		noAnswer := wantAt(t, pending(t, st, c.ID), cases.TimerNoAnswer, "2026-11-09 10:00:00")
		h.clock.Set(at("2026-11-09 10:00"))
		fire(t, h, noAnswer)
		fire(t, h, noAnswer)
		tasks, err := calls.List(ctx, cases.CallTaskQuery{CaseID: c.ID})
		if err != nil || len(tasks) != 1 {
			t.Fatalf("call tasks: %d %v", len(tasks), err)
		}
		task := tasks[0]
		if task.Kind != cases.CallFollowUp || task.Phone != "13812341234" || task.Status != cases.CallOpen {
			t.Fatalf("task %+v", task)
		}
		if len(pending(t, st, c.ID)) != 0 {
			t.Errorf("timers left: %v", pending(t, st, c.ID))
		}
		// A task without a survey channel is not created twice.
		if again, err := calls.CreateFollowUp(ctx, c.ID, "无法发送回访消息"); err != nil || again.ID != task.ID {
			t.Errorf("second follow-up task: %v %v", again, err)
		}

		if _, err := calls.PhoneFor(ctx, task.ID, "wang"); !errors.Is(err, cases.ErrNotAssigned) {
			t.Errorf("phone revealed to an unassigned caller: %v", err)
		}
		if _, err := calls.Assign(ctx, task.ID, "wang"); err != nil {
			t.Fatal(err)
		}
		if p, err := calls.PhoneFor(ctx, task.ID, "wang"); err != nil || p != "13812341234" {
			t.Errorf("assigned caller: %q %v", p, err)
		}
		if _, err := calls.RecordAttempt(ctx, task.ID, "zhao", cases.OutcomeUnreachable, ""); !errors.Is(err, cases.ErrNotAssigned) {
			t.Errorf("another caller recorded an attempt: %v", err)
		}
		wantDue := []string{"2026-11-10 14:30", "2026-11-11 16:30"}
		for i := 0; i < 3; i++ {
			got, err := calls.RecordAttempt(ctx, task.ID, "wang", cases.OutcomeUnreachable, "")
			if err != nil {
				t.Fatal(err)
			}
			if i < 2 {
				if got.Status != cases.CallOpen || got.DueAt.In(shanghai).Format("2006-01-02 15:04") != wantDue[i] {
					t.Errorf("after attempt %d: %s due %s", i+1, got.Status, got.DueAt.In(shanghai))
				}
				h.clock.Set(got.DueAt)
				continue
			}
			if got.Status != cases.CallDone || got.Outcome != cases.OutcomeUnreachable || got.Attempts != 3 {
				t.Errorf("after the last attempt: %+v", got)
			}
		}
		if n := count(t, st, `SELECT COUNT(*) FROM outbox WHERE case_id = $1 AND topic = $2`, c.ID, cases.TopicCallRequest); n != 3 {
			t.Errorf("call requests %d, want 3 (one per attempt)", n)
		}
		if _, err := calls.RecordAttempt(ctx, task.ID, "wang", cases.RatingSatisfied, ""); !errors.Is(err, cases.ErrTaskClosed) {
			t.Errorf("finished task changed: %v", err)
		}
		got, _ := h.svc.Get(ctx, c.ID)
		if got.Status != cases.StatusClosed || got.Evaluation != nil {
			t.Errorf("unreachable changed the case: %s %+v", got.Status, got.Evaluation)
		}
	})
}

// 不满意 on the phone: the task ends with it, the case reopens with a 督办
// record and goes back to its unit.
func TestUnsatisfiedCallReopensWithOversight(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		calls := cases.NewCallTasks(st, h.svc)
		c := closed(t, h)
		task, err := calls.CreateFollowUp(ctx, c.ID, "无法发送回访消息")
		if err != nil || task == nil {
			t.Fatal(err)
		}
		done, err := calls.RecordAttempt(ctx, task.ID, "wang", cases.RatingUnsatisfied, "路灯又坏了")
		if err != nil || done.Status != cases.CallDone || done.Outcome != cases.RatingUnsatisfied {
			t.Fatalf("task after answer: %+v %v", done, err)
		}
		got, _ := h.svc.Get(ctx, c.ID)
		if got.Status != cases.StatusReopened || got.Unit != "urban" {
			t.Fatalf("case after 不满意: %s %s", got.Status, got.Unit)
		}
		ev := events(t, h, c.ID, cases.EventOversight)
		if len(ev) != 1 {
			t.Fatalf("督办 records %+v", ev)
		}
		ns := staffNotices(t, st, c.ID)
		if last := ns[len(ns)-1]; last.Event != cases.NoticeUnsatisfied || last.To[1] != (cases.Recipient{Unit: "urban", Role: cases.RoleHead}) {
			t.Errorf("unsatisfied notice %+v", last)
		}
		units := loadUnits(t)
		routed, moved, err := h.svc.Route(ctx, c.ID, units)
		if err != nil || !moved || routed.Status != cases.StatusDispatched || routed.Unit != "urban" {
			t.Fatalf("reopened case routed to %v (%v): %v", routed, moved, err)
		}
		if _, moved, _ := h.svc.Route(ctx, c.ID, units); moved {
			t.Error("a second dispatch task moved the case again")
		}
		s, err := h.svc.Satisfaction(ctx, cases.SatisfactionQuery{Unit: "urban"})
		if err != nil || s.Answered != 1 || s.Unsatisfied != 1 || s.Rate != 0 {
			t.Errorf("satisfaction %+v %v", s, err)
		}
	})
}

// Any answer, however it arrives, cancels the open call task and the
// pending follow-up timers.
func TestAnswerCancelsCallTaskAndTimers(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		calls := cases.NewCallTasks(st, h.svc)
		c := closed(t, h)
		task, _ := calls.CreateFollowUp(ctx, c.ID, "无法发送回访消息")
		if _, err := h.svc.FollowUp(ctx, c.ID, cases.Citizen, cases.RatingBasicSatisfied, "", cases.ViaBot); err != nil {
			t.Fatal(err)
		}
		got, _ := calls.Get(ctx, task.ID)
		if got.Status != cases.CallCancelled {
			t.Errorf("call task %s after the bot answer", got.Status)
		}
		if p := pending(t, st, c.ID); len(p) != 0 {
			t.Errorf("timers left %v", p)
		}
		if _, err := calls.RecordAttempt(ctx, task.ID, "wang", cases.RatingSatisfied, ""); !errors.Is(err, cases.ErrTaskClosed) {
			t.Errorf("answer on a cancelled task: %v", err)
		}
		d := closed(t, h)
		h.svc.FollowUp(ctx, d.ID, cases.Citizen, cases.RatingSatisfied, "", cases.ViaMiniProgram)
		s, _ := h.svc.Satisfaction(ctx, cases.SatisfactionQuery{From: at("2026-11-01 00:00"), To: at("2026-11-03 00:00")})
		if s.Answered != 2 || s.Satisfied != 1 || s.BasicSatisfied != 1 || s.Rate != 1 {
			t.Errorf("satisfaction %+v", s)
		}
		if s, _ := h.svc.Satisfaction(ctx, cases.SatisfactionQuery{From: at("2026-11-03 00:00")}); s.Answered != 0 {
			t.Errorf("answers outside the period counted: %+v", s)
		}
	})
}
