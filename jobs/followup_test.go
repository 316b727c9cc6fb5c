package jobs

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store"
	"petitiond/store/storetest"
)

var clerk = cases.Staff("zhang", "urban")

// close walks a case to closure through the dispatcher.
func (e *env) close(text, openid string) *cases.Case {
	e.t.Helper()
	c := e.submit(text, openid)
	e.runOutbox(TypeDispatch)
	ctx := e.ctx()
	for _, step := range []func() (*cases.Case, error){
		func() (*cases.Case, error) { return e.svc.Accept(ctx, c.ID, clerk) },
		func() (*cases.Case, error) { return e.svc.Reply(ctx, c.ID, clerk, "已修复") },
		func() (*cases.Case, error) { return e.svc.Close(ctx, c.ID, clerk, "已修复") },
	} {
		var err error
		if c, err = step(); err != nil {
			e.t.Fatal(err)
		}
	}
	return c
}

func (e *env) callTasks(caseID string) []*cases.CallTask {
	e.t.Helper()
	tasks, err := e.calls.List(e.ctx(), cases.CallTaskQuery{CaseID: caseID})
	if err != nil {
		e.t.Fatal(err)
	}
	return tasks
}

// No consent and no open window: the survey cannot be sent, so the call
// centre gets the task at once; the task delivered twice makes one task.
func TestSurveyWithoutChannelBecomesCallTask(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, casestest.At("2026-11-02 10:00"))
		c := e.close("路灯不亮", "o-quiet")
		e.fire(e.pendingTimer(c.ID, cases.TimerSurvey))
		for i := 0; i < 2; i++ {
			for _, m := range e.outbox(TypeFollowUp, c.ID) {
				if err := e.process(TypeFollowUp, []byte(m.Payload)); err != nil {
					t.Fatal(err)
				}
			}
		}
		tasks := e.callTasks(c.ID)
		if len(tasks) != 1 || tasks[0].Kind != cases.CallFollowUp || tasks[0].Phone != "13812341234" || !strings.Contains(tasks[0].Reason, "满意") {
			t.Fatalf("call tasks %+v", tasks)
		}
		if len(e.wx.Sent()) != 0 {
			t.Errorf("sent %+v", e.wx.Sent())
		}
		if r := e.notified(c.ID); len(r) != 1 || r[0].Event != cases.StepSurvey || r[0].Via != "" {
			t.Errorf("record %+v", r)
		}
	})
}

// The survey reaches the person (48-hour window); no answer in 2 working
// days → call task; 不满意 on the phone reopens the case, which the
// dispatcher sends back to its unit.
func TestSurveyNoAnswerCallThenUnsatisfied(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, casestest.At("2026-11-02 10:00"))
		ctx := e.ctx()
		e.ids.Link(ctx, "o-talker", "", cases.IdentityOA)
		c := e.close("路灯不亮", "o-talker")
		survey := e.pendingTimer(c.ID, cases.TimerSurvey)
		e.clock.Set(survey.DueAt.Add(-24 * time.Hour)) // wrote to the account the day before
		e.consents.Touch(ctx, "o-talker")
		e.fire(survey)
		e.runOutbox(TypeFollowUp)
		if m := e.wx.CustomMessages("o-talker"); len(m) != 1 || !strings.Contains(m[0].Content, "满意") {
			t.Fatalf("survey %+v", m)
		}
		if n := len(e.callTasks(c.ID)); n != 0 {
			t.Fatalf("%d call tasks before the 2 working days", n)
		}
		e.fire(e.pendingTimer(c.ID, cases.TimerNoAnswer))
		tasks := e.callTasks(c.ID)
		if len(tasks) != 1 {
			t.Fatalf("%d call tasks", len(tasks))
		}
		if _, err := e.calls.RecordAttempt(ctx, tasks[0].ID, "wang", cases.RatingUnsatisfied, "灯又不亮了"); err != nil {
			t.Fatal(err)
		}
		e.runOutbox(TypeDispatch)
		got, _ := e.svc.Get(ctx, c.ID)
		if got.Status != cases.StatusDispatched || got.Unit != "urban" {
			t.Fatalf("reopened case is %s at %q", got.Status, got.Unit)
		}
		if n := e.count(`SELECT COUNT(*) FROM timeline WHERE case_id = $1 AND action = $2`, c.ID, cases.EventOversight); n != 1 {
			t.Errorf("%d 督办 records", n)
		}
		s, _ := e.svc.Satisfaction(ctx, cases.SatisfactionQuery{})
		if s.Answered != 1 || s.Unsatisfied != 1 {
			t.Errorf("satisfaction %+v", s)
		}
	})
}

// Approved, the extension moves the due date and its timers, and the stale
// queued task is deleted; refused, nothing moves.
func TestExtensionMovesTimersAndDropsStaleTask(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, casestest.At("2026-11-02 10:00"))
		ctx := e.ctx()
		c := e.submit("路面塌陷", "o-ext")
		e.runOutbox(TypeDispatch)
		e.svc.Accept(ctx, c.ID, clerk)
		if _, err := e.relay.DeliverOnce(ctx); err != nil {
			t.Fatal(err)
		}
		old := e.pendingTimer(c.ID, "overdue:handling")
		if _, err := e.insp.GetTaskInfo(cases.QueueDefault, old.TaskID()); !errors.Is(err, asynq.ErrTaskNotFound) && !errors.Is(err, asynq.ErrQueueNotFound) {
			t.Fatalf("a timer two months away is in Redis already: %v", err)
		}
		// Minutes before it is due, the reconciler queues it.
		e.clock.Set(old.DueAt.Add(-3 * time.Minute))
		if _, err := e.h.Reconciler().Run(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := e.insp.GetTaskInfo(cases.QueueDefault, old.TaskID()); err != nil {
			t.Fatalf("timer task not queued: %v", err)
		}
		oversight := cases.Staff("du", cases.UnitOversight)

		e.svc.RequestExtension(ctx, c.ID, clerk, "handling", 10, "需要第三方检测")
		e.svc.DecideExtension(ctx, c.ID, oversight, false, "理由不足")
		if e.pendingTimer(c.ID, "overdue:handling").ID != old.ID || len(e.outbox(TypeTimerCancel, c.ID)) != 0 {
			t.Fatalf("a refused extension moved the timers: %s; cancels %d", e.describeTimers(), len(e.outbox(TypeTimerCancel, c.ID)))
		}

		e.svc.RequestExtension(ctx, c.ID, clerk, "handling", 10, "需要第三方检测")
		if _, err := e.svc.DecideExtension(ctx, c.ID, oversight, true, "同意"); err != nil {
			t.Fatal(err)
		}
		moved := e.pendingTimer(c.ID, "overdue:handling")
		got, _ := e.svc.Get(ctx, c.ID)
		if d := got.Deadlines[1]; d.Extended != 10 || d.Due.String() != "2027-01-11" || !moved.DueAt.Equal(d.DueAt.Add(time.Second)) {
			t.Errorf("handling due %s (+%d), overdue timer at %s", d.Due, d.Extended, moved.DueAt)
		}
		if n := e.runOutbox(TypeTimerCancel); n != 1 {
			t.Fatalf("%d courtesy deletes", n)
		}
		if _, err := e.insp.GetTaskInfo(cases.QueueDefault, old.TaskID()); !errors.Is(err, asynq.ErrTaskNotFound) {
			t.Errorf("stale task still queued: %v", err)
		}
		// The stale task, had it run anyway, does nothing.
		e.clock.Set(old.DueAt)
		if err := e.process(TypeTimer, old.Payload()); err != nil {
			t.Fatal(err)
		}
		if n := e.count(`SELECT COUNT(*) FROM timeline WHERE case_id = $1 AND action = $2`, c.ID, cases.EventOversight); n != 0 {
			t.Errorf("the moved deadline escalated at its old date (%d)", n)
		}
	})
}
