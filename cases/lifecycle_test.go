package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/store"
	"petitiond/store/storetest"
)

var handler = cases.Staff("zhang", "urban")

func TestLifecycleThroughService(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, err := h.svc.Submit(ctx, request("路灯坏了一个月没人修"))
		if err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			name string
			do   func() (*cases.Case, error)
			want cases.Status
		}{
			{"dispatch", func() (*cases.Case, error) { return h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "") }, cases.StatusDispatched},
			{"accept", func() (*cases.Case, error) { return h.svc.Accept(ctx, c.ID, handler) }, cases.StatusAccepted},
			{"reply", func() (*cases.Case, error) {
				return h.svc.Reply(ctx, c.ID, handler, "已安排维修，三日内修复")
			}, cases.StatusReplied},
			{"close", func() (*cases.Case, error) { return h.svc.Close(ctx, c.ID, handler, "已修复") }, cases.StatusClosed},
			{"follow up", func() (*cases.Case, error) {
				return h.svc.FollowUp(ctx, c.ID, cases.Citizen, cases.RatingSatisfied, "", "miniprogram")
			}, cases.StatusFollowedUp},
		}
		for i, s := range steps {
			h.clock.Advance(time.Hour)
			got, err := s.do()
			if err != nil || got.Status != s.want || got.Version != i+2 {
				t.Fatalf("%s: status %v version %v err %v", s.name, got, got, err)
			}
		}
		ev, err := h.svc.Timeline(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantActions := []string{"submit", "dispatch", "accept", "reply", "close", "follow_up"}
		if len(ev) != len(wantActions) {
			t.Fatalf("timeline has %d events", len(ev))
		}
		for i, e := range ev {
			if e.Action != wantActions[i] {
				t.Errorf("event %d = %s, want %s", i, e.Action, wantActions[i])
			}
		}
		if ev[2].Actor != handler || ev[3].Note != "已安排维修，三日内修复" || ev[3].From != cases.StatusAccepted || ev[3].To != cases.StatusReplied {
			t.Errorf("reply event %+v", ev[3])
		}
		got, _ := h.svc.Get(ctx, c.ID)
		if got.NextDueAt != nil || got.Deadlines[0].MetAt == nil || got.Deadlines[1].MetAt == nil {
			t.Errorf("a finished case has open deadlines: %+v", got.Deadlines)
		}
		if n := count(t, st, `SELECT COUNT(*) FROM timers WHERE case_id = $1 AND cancelled_at IS NULL AND fired_at IS NULL`, c.ID); n != 0 {
			t.Errorf("finished case still has %d pending timers", n)
		}
		if n := count(t, st, `SELECT COUNT(*) FROM outbox WHERE case_id = $1 AND topic = 'notify:citizen'`, c.ID); n != 3 {
			t.Errorf("notifications queued = %d, want 3 (accepted, replied, closed)", n)
		}
	})
}

func TestInvalidTransitionChangesNothing(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, _ := h.svc.Submit(ctx, request("占道经营"))
		before := count(t, st, `SELECT COUNT(*) FROM timeline WHERE case_id = $1`, c.ID)
		_, err := h.svc.Reply(ctx, c.ID, handler, "答复")
		if !errors.Is(err, cases.ErrInvalidTransition) {
			t.Fatalf("reply to a submitted case: %v", err)
		}
		got, _ := h.svc.Get(ctx, c.ID)
		if got.Status != cases.StatusSubmitted || got.Version != 1 || !got.UpdatedAt.Equal(c.UpdatedAt) {
			t.Errorf("case changed: %+v", got)
		}
		if after := count(t, st, `SELECT COUNT(*) FROM timeline WHERE case_id = $1`, c.ID); after != before {
			t.Errorf("timeline grew from %d to %d", before, after)
		}
		if _, err := h.svc.Accept(ctx, "no-such-case", handler); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("unknown case: %v", err)
		}
	})
}

func TestExtensionMovesDueDateAndTimers(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, _ := h.svc.Submit(ctx, request("路面塌陷"))
		h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "")
		h.svc.Accept(ctx, c.ID, handler)
		due := func(id string) string {
			got, _ := h.svc.Get(ctx, id)
			for _, d := range got.Deadlines {
				if d.Kind == "handling" {
					return d.Due.String()
				}
			}
			return ""
		}
		if d := due(c.ID); d != "2027-01-04" { // 60 days → Friday 2027-01-01 (元旦) → Monday 01-04
			t.Fatalf("handling due %s", d)
		}
		if _, err := h.svc.RequestExtension(ctx, c.ID, handler, "handling", 31, "需要现场勘查"); err == nil {
			t.Fatal("extension beyond the legal 30 days accepted")
		}
		if _, err := h.svc.RequestExtension(ctx, c.ID, handler, "handling", 30, "需要现场勘查"); err != nil {
			t.Fatal(err)
		}
		// Refused: nothing moves.
		oversight := cases.Staff("du", "oversight")
		if _, err := h.svc.DecideExtension(ctx, c.ID, oversight, false, "理由不充分"); err != nil {
			t.Fatal(err)
		}
		if d := due(c.ID); d != "2027-01-04" {
			t.Errorf("refused extension moved the due date to %s", d)
		}
		h.svc.RequestExtension(ctx, c.ID, handler, "handling", 30, "补充勘查")
		got, err := h.svc.DecideExtension(ctx, c.ID, oversight, true, "同意")
		if err != nil || got.Status != cases.StatusAccepted {
			t.Fatal(err)
		}
		if d := due(c.ID); d != "2027-01-31" { // 90 days from 2026-11-02: a 调休 working Sunday
			t.Errorf("granted extension: due %s, want 2027-01-31", d)
		}
		pending := count(t, st, `SELECT COUNT(*) FROM timers WHERE case_id = $1 AND kind = 'overdue:handling' AND fired_at IS NULL AND cancelled_at IS NULL`, c.ID)
		cancelled := count(t, st, `SELECT COUNT(*) FROM timers WHERE case_id = $1 AND kind = 'overdue:handling' AND cancelled_at IS NOT NULL`, c.ID)
		if pending != 1 || cancelled != 1 {
			t.Errorf("overdue timers: %d pending, %d cancelled; want 1 and 1", pending, cancelled)
		}
		if _, err := h.svc.RequestExtension(ctx, c.ID, handler, "handling", 1, "再延"); err == nil {
			t.Error("a second extension past the legal maximum accepted")
		}
	})
}

func TestReturnAndRedispatchRestartsPeriods(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, _ := h.svc.Submit(ctx, request("楼下饭店油烟扰民"))
		h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "")
		if _, err := h.svc.Return(ctx, c.ID, handler, ""); err == nil {
			t.Fatal("return without a reason accepted")
		}
		h.clock.Set(at("2026-11-05 15:00"))
		if _, err := h.svc.Return(ctx, c.ID, handler, "油烟属生态环境部门职责"); err != nil {
			t.Fatal(err)
		}
		got, err := h.svc.Dispatch(ctx, c.ID, "environment", cases.Staff("du", "oversight"), "改派")
		if err != nil {
			t.Fatal(err)
		}
		if got.Unit != "environment" || got.Deadlines[0].Start.String() != "2026-11-05" || got.Deadlines[0].Due.String() != "2026-11-20" {
			t.Errorf("after reroute: unit %s deadlines %+v", got.Unit, got.Deadlines[0])
		}
	})
}

func TestUnsatisfiedFollowUpReopens(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, _ := h.svc.Submit(ctx, request("噪音"))
		h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "")
		h.svc.Accept(ctx, c.ID, handler)
		h.svc.Reply(ctx, c.ID, handler, "已处理")
		if _, err := h.svc.FollowUp(ctx, c.ID, cases.Citizen, "还行", "", "bot"); err == nil {
			t.Fatal("invalid rating accepted")
		}
		got, err := h.svc.FollowUp(ctx, c.ID, cases.Citizen, cases.RatingUnsatisfied, "根本没处理", "bot")
		if err != nil || got.Status != cases.StatusReopened || got.Evaluation != nil {
			t.Fatalf("unsatisfied: %v %+v", err, got)
		}
		if n := count(t, st, `SELECT COUNT(*) FROM outbox WHERE case_id = $1 AND topic = 'case:dispatch'`, c.ID); n != 2 {
			t.Errorf("dispatch rows %d, want 2 (submit, reopen)", n)
		}
		h.svc.Accept(ctx, c.ID, handler)
		h.svc.Reply(ctx, c.ID, handler, "已重新处理")
		if _, err := h.svc.FollowUp(ctx, c.ID, cases.Citizen, cases.RatingBasicSatisfied, "", "bot"); err != nil {
			t.Fatal(err)
		}
		if _, err := h.svc.FollowUp(ctx, c.ID, cases.Citizen, cases.RatingSatisfied, "", "bot"); !errors.Is(err, cases.ErrInvalidTransition) && !errors.Is(err, cases.ErrAlreadyEvaluated) {
			t.Errorf("second evaluation: %v", err)
		}
	})
}

func TestSupplementOnlyWhileOpen(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, _ := h.svc.Submit(ctx, request("违建"))
		got, err := h.svc.AddSupplement(ctx, c.ID, cases.Citizen, "补充照片", []cases.Attachment{{Kind: "image", Ref: "up-1"}})
		if err != nil || len(got.Attachments) != 1 {
			t.Fatal(err)
		}
		h.svc.Withdraw(ctx, c.ID, cases.Citizen, "已自行解决")
		if _, err := h.svc.AddSupplement(ctx, c.ID, cases.Citizen, "再补充", nil); !errors.Is(err, cases.ErrInvalidTransition) {
			t.Errorf("supplement to a withdrawn case: %v", err)
		}
	})
}

func TestListsAndCursor(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		var ids []string
		for i := 0; i < 5; i++ {
			h.clock.Advance(time.Minute)
			r := request("事项")
			if i == 4 {
				r.Text = "我对罚款不服申请复议" // 5 working days: due first
			}
			c, _, err := h.svc.Submit(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
			h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "")
		}
		page1, err := h.svc.ListBySubmitter(ctx, cases.SubmitterQuery{OpenIDs: []string{"o-citizen-1"}, Limit: 2})
		if err != nil || len(page1) != 2 || page1[0].ID != ids[4] || page1[1].ID != ids[3] {
			t.Fatalf("page 1: %v", err)
		}
		last := page1[1]
		page2, _ := h.svc.ListBySubmitter(ctx, cases.SubmitterQuery{OpenIDs: []string{"o-citizen-1"}, Limit: 10, BeforeTime: last.CreatedAt, BeforeID: last.ID})
		if len(page2) != 3 || page2[0].ID != ids[2] {
			t.Fatalf("page 2 has %d cases", len(page2))
		}
		unit, _ := h.svc.ListByUnit(ctx, cases.UnitQuery{Unit: "urban", Statuses: []cases.Status{cases.StatusDispatched}})
		if len(unit) != 5 || unit[0].ID != ids[4] {
			t.Errorf("unit inbox not ordered by next due date")
		}
	})
}

// 信访工作条例 第三十四条 counts the handling period 自受理之日起: until the
// unit accepts, it is counted from receipt; on acceptance, again from that day.
func TestHandlingPeriodRunsFromAcceptance(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, _ := h.svc.Submit(ctx, request("路灯不亮"))
		if d := c.Deadlines[1]; d.Kind != "handling" || d.Due.String() != "2027-01-04" || !d.FromAcceptance {
			t.Fatalf("before acceptance: %+v", d)
		}
		h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "")
		h.clock.Set(at("2026-11-09 15:00"))
		got, err := h.svc.Accept(ctx, c.ID, handler)
		if err != nil {
			t.Fatal(err)
		}
		if d := got.Deadlines[1]; d.Start.String() != "2026-11-09" || d.Due.String() != "2027-01-08" {
			t.Errorf("after acceptance on 11-09: handling %s → %s, want 2026-11-09 → 2027-01-08", d.Start, d.Due)
		}
		if got.Deadlines[0].MetAt == nil {
			t.Error("acceptance deadline not met by acceptance")
		}
		if n := count(t, st, `SELECT COUNT(*) FROM timers WHERE case_id = $1 AND kind = 'overdue:handling' AND fired_at IS NULL AND cancelled_at IS NULL`, c.ID); n != 1 {
			t.Errorf("%d pending handling overdue timers", n)
		}
	})
}
