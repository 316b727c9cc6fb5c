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

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		applied, err := st.Migrate(context.Background())
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, err %v", applied, err)
		}
	})
}

func TestIdentitiesLinkByUnionID(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
		ids := cases.NewIdentities(st, svc)
		// A case filed in the bot before the unionid is known…
		c, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: "路灯", Source: cases.SourceBot, Submitter: cases.Submitter{OpenID: "oa-1"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := ids.Link(ctx, "oa-1", "", cases.IdentityOA); err != nil {
			t.Fatal(err)
		}
		if err := ids.Link(ctx, "mp-1", "u-1", cases.IdentityMP); err != nil {
			t.Fatal(err)
		}
		if err := ids.Link(ctx, "oa-1", "u-1", cases.IdentityOA); err != nil {
			t.Fatal(err)
		}
		if err := ids.Link(ctx, "oa-1", "", cases.IdentityOA); err != nil { // an empty unionid never unlinks
			t.Fatal(err)
		}
		q, err := ids.SubmitterQuery(ctx, "mp-1")
		if err != nil || q.UnionID != "u-1" || len(q.OpenIDs) != 2 {
			t.Fatalf("query %+v, %v", q, err)
		}
		// …shows in the mini-program's list.
		list, err := svc.ListBySubmitter(ctx, q)
		if err != nil || len(list) != 1 || list[0].ID != c.ID {
			t.Fatalf("list via mini-program: %d cases, %v", len(list), err)
		}
		if own, _ := ids.Owns(ctx, "mp-1", c); !own {
			t.Error("linked person does not own the case")
		}
		if own, _ := ids.Owns(ctx, "stranger", c); own {
			t.Error("a stranger owns the case")
		}
		if err := ids.SetPhone(ctx, "mp-1", "13900001111"); err != nil {
			t.Fatal(err)
		}
		got, _ := ids.Get(ctx, "mp-1")
		if got.Phone != "13900001111" {
			t.Errorf("phone %q", got.Phone)
		}
		var raw string
		st.DB().QueryRow(`SELECT phone_enc FROM wechat_identities WHERE openid = 'mp-1'`).Scan(&raw)
		if strings.Contains(raw, "13900001111") || raw == "" {
			t.Errorf("phone stored as %q", raw)
		}
	})
}

// The due-timer scan must go through the partial index on pending timers,
// so that its cost follows the due timers and not the whole table.
func TestDueTimerScanUsesIndex(t *testing.T) {
	st := storetest.OpenPostgres(t)
	ctx := context.Background()
	svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
	for i := 0; i < 20; i++ {
		if _, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: "事项", Source: cases.SourceBot, Submitter: cases.Submitter{OpenID: "o"}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.DB().Exec(`ANALYZE timers`); err != nil {
		t.Fatal(err)
	}
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.ExecContext(ctx, `SET enable_seqscan = off`) // tiny tables would otherwise be scanned whole
	rows, err := conn.QueryContext(ctx, `EXPLAIN SELECT id FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at < $1 ORDER BY due_at LIMIT 100`, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var line string
		rows.Scan(&line)
		plan.WriteString(line + "\n")
	}
	if !strings.Contains(plan.String(), "timers_due") {
		t.Errorf("plan does not use timers_due:\n%s", plan.String())
	}
}

func TestTrackingBlocksDoNotCollide(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		seen := map[int64]bool{}
		for i := 0; i < 5; i++ {
			first, err := st.ReserveTrackingSeq(ctx, "261102", 10)
			if err != nil {
				t.Fatal(err)
			}
			for n := first; n < first+10; n++ {
				if seen[n] {
					t.Fatalf("sequence %d handed out twice", n)
				}
				seen[n] = true
			}
		}
		if first, _ := st.ReserveTrackingSeq(ctx, "261103", 10); first != 1 {
			t.Errorf("a new day starts at %d, want 1", first)
		}
	})
}
