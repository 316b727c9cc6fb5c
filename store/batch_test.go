package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store"
	"petitiond/store/storetest"
)

// A submission writes its timers and their outbox rows in one statement
// each; every queued timer task names the id of its own timer row.
func TestSubmitBatchesTimersAndOutbox(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
		c, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: "路灯坏了", Source: cases.SourceMiniProgram,
			Submitter: cases.Submitter{OpenID: "mp-1"}})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := st.DB().QueryContext(ctx, `SELECT id, kind FROM timers WHERE case_id = $1`, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		timers := map[int64]string{}
		for rows.Next() {
			var id int64
			var kind string
			rows.Scan(&id, &kind)
			timers[id] = kind
		}
		rows.Close()
		out, _ := svc.PendingOutbox(ctx, 100)
		var dispatch, timerTasks int
		for _, m := range out {
			switch m.Topic {
			case cases.TopicDispatch:
				dispatch++
			case cases.TopicTimer:
				timerTasks++
				var p cases.TimerPayload
				json.Unmarshal(m.Payload, &p)
				if timers[p.TimerID] != p.Kind || m.TaskID == "" {
					t.Errorf("timer task %+v does not match its row (%q)", p, timers[p.TimerID])
				}
			}
		}
		if len(timers) < 2 || timerTasks != len(timers) || dispatch != 1 {
			t.Errorf("%d timers, %d timer tasks, %d dispatches", len(timers), timerTasks, dispatch)
		}
		if len(out) > 0 && out[0].Topic != cases.TopicDispatch {
			t.Errorf("first outbox row %s, want the dispatch", out[0].Topic)
		}
	})
}
