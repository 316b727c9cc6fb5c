package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store"
	"petitiond/store/storetest"
)

// InsertTimer and AddOutbox take many rows in one statement; each timer
// gets the id of its own row back.
func TestTimersAndOutboxInOneStatement(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
		c, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: "路灯坏了", Source: cases.SourceMiniProgram,
			Submitter: cases.Submitter{OpenID: "mp-1"}})
		if err != nil {
			t.Fatal(err)
		}
		due := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
		ts := []*cases.Timer{
			{CaseID: c.ID, Kind: "test:b", DueAt: due},
			{CaseID: c.ID, Kind: "test:a", DueAt: due},
			{CaseID: c.ID, Kind: "test:a", DueAt: due.Add(time.Hour)},
		}
		before, _ := svc.PendingOutbox(ctx, 100)
		err = st.WithTx(ctx, func(tx cases.Tx) error {
			if err := tx.InsertTimer(ctx, ts...); err != nil {
				return err
			}
			var ms []cases.OutboxMessage
			for _, tm := range ts {
				p, _ := json.Marshal(cases.TimerPayload{TimerID: tm.ID, CaseID: c.ID, Kind: tm.Kind, DueAt: tm.DueAt})
				ms = append(ms, cases.OutboxMessage{Topic: cases.TopicTimer, CaseID: c.ID, Payload: p, Queue: cases.QueueDefault,
					ProcessAt: tm.DueAt, TaskID: tm.TaskID(), CreatedAt: due})
			}
			return tx.AddOutbox(ctx, ms...)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tm := range ts {
			var kind string
			var at time.Time
			if err := st.DB().QueryRowContext(ctx, `SELECT kind, due_at FROM timers WHERE id = $1`, tm.ID).Scan(&kind, &at); err != nil ||
				kind != tm.Kind || !at.Equal(tm.DueAt) {
				t.Errorf("timer %+v: row %s %v %v", tm, kind, at, err)
			}
		}
		after, _ := svc.PendingOutbox(ctx, 100)
		if len(after) != len(before)+3 {
			t.Fatalf("outbox grew by %d rows, want 3", len(after)-len(before))
		}
		for i, m := range after[len(before):] {
			var p cases.TimerPayload
			json.Unmarshal(m.Payload, &p)
			if p.TimerID != ts[i].ID || m.TaskID != ts[i].TaskID() || !m.ProcessAt.Equal(ts[i].DueAt) {
				t.Errorf("outbox row %d: %+v", i, m)
			}
		}
	})
}
