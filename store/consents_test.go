package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store"
	"petitiond/store/storetest"
)

func TestConsentsAreSpentOneByOne(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, clk := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
		c := cases.NewConsents(st, svc)
		if err := c.Grant(ctx, "o1", []string{"tpl-accepted", "tpl-accepted", "tpl-closed"}); err != nil {
			t.Fatal(err)
		}
		left, _ := c.Left(ctx, "o1")
		if left["tpl-accepted"] != 2 || left["tpl-closed"] != 1 {
			t.Fatalf("left %v", left)
		}
		for i, want := range []bool{true, true, false} {
			ok, err := c.Spend(ctx, "o1", "tpl-accepted")
			if err != nil || ok != want {
				t.Fatalf("spend %d = %v, %v; want %v", i, ok, err, want)
			}
		}
		if in, _ := c.InWindow(ctx, "o1"); in {
			t.Error("in the 48-hour window without ever writing")
		}
		c.Touch(ctx, "o1")
		if in, _ := c.InWindow(ctx, "o1"); !in {
			t.Error("not in the window right after writing")
		}
		clk.Advance(48*time.Hour + time.Minute)
		if in, _ := c.InWindow(ctx, "o1"); in {
			t.Error("still in the window after 48 hours")
		}
		if err := c.Grant(ctx, "o1", nil); err == nil {
			t.Error("empty grant accepted")
		}
	})
}

func TestCallTasks(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
		ct := cases.NewCallTasks(st, svc)
		task, err := ct.RequestCallback(ctx, "o1", "13812341234", "想找人工咨询", "")
		if err != nil {
			t.Fatal(err)
		}
		var raw string
		st.DB().QueryRow(`SELECT phone_enc FROM call_tasks WHERE id = $1`, task.ID).Scan(&raw)
		if strings.Contains(raw, "1381234") {
			t.Error("phone stored in the clear")
		}
		open, _ := ct.List(ctx, cases.CallTaskQuery{Status: cases.CallOpen})
		if len(open) != 1 || open[0].Phone != "13812341234" {
			t.Fatalf("open tasks %+v", open)
		}
		done, err := ct.Update(ctx, task.ID, func(t *cases.CallTask) error { t.Status, t.Outcome = cases.CallDone, "已回电"; return nil })
		if err != nil || done.Version != 2 {
			t.Fatal(err)
		}
		if _, err := ct.Update(ctx, task.ID, func(t *cases.CallTask) error { return nil }); err != cases.ErrTaskClosed {
			t.Errorf("update of a finished task: %v", err)
		}
		if _, err := ct.Create(ctx, cases.CallTask{Kind: "other"}); err == nil {
			t.Error("unknown kind accepted")
		}
	})
}
