package jobs

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"petitiond/cases/casestest"
	"petitiond/store"
	"petitiond/store/storetest"
)

// queued answers every enqueue as a task already in Redis: the steady
// state, where the reconciler's cost is its scan of the database.
type queued struct{}

func (queued) EnqueueContext(context.Context, *asynq.Task, ...asynq.Option) (*asynq.TaskInfo, error) {
	return nil, asynq.ErrTaskIDConflict
}

// seed adds cases [from, to] to PostgreSQL in one statement each, with the
// timers a real case has: a fired warning and a pending overdue timer
// spread over the next 60 days; due of them also get a timer already due.
func seed(b *testing.B, st *store.Store, now time.Time, from, to, due int) {
	b.Helper()
	start := time.Now()
	for _, q := range []string{
		`INSERT INTO cases (id, tracking_no, kind, text, source, channel, department, unit, status, created_at, updated_at, received_at, next_due_at)
		 SELECT 'b' || g, 'BN' || g, 'complaint', '路灯不亮', 'bot', 'petition', 'urban', 'urban', 'accepted', $1::timestamptz, $1::timestamptz, $1::timestamptz, $1::timestamptz + interval '30 days'
		 FROM generate_series($2::bigint, $3::bigint) g`,
		`INSERT INTO timers (case_id, kind, due_at, fired_at)
		 SELECT 'b' || g, 'warning:acceptance', $1::timestamptz - interval '1 day', $1::timestamptz - interval '1 day' FROM generate_series($2::bigint, $3::bigint) g`,
		`INSERT INTO timers (case_id, kind, due_at)
		 SELECT 'b' || g, 'overdue:handling', $1::timestamptz + interval '1 hour' + (g % 86400) * interval '1 minute' FROM generate_series($2::bigint, $3::bigint) g`,
	} {
		if _, err := st.DB().Exec(q, now.UTC(), from, to); err != nil {
			b.Fatal(err)
		}
	}
	if due > 0 {
		if _, err := st.DB().Exec(`INSERT INTO timers (case_id, kind, due_at)
			SELECT 'b' || g, 'overdue:acceptance', $1::timestamptz - (g % 3600) * interval '1 second' FROM generate_series($2::bigint, $3::bigint) g`,
			now.UTC(), from, from+due-1); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := st.DB().Exec(`ANALYZE cases; ANALYZE timers`); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded cases %d–%d (%d due) in %s", from, to, due, time.Since(start).Round(time.Millisecond))
}

// BenchmarkReconcilerDueScan measures one reconciler run (the due scan,
// paged through the partial index of pending timers) as the table grows
// tenfold with the same due timers, and then with ten times the due ones:
// the cost follows the due timers, not the cases.
//
//	PETITIOND_TEST_DATABASE_URL=postgres://… go test -run '^$' -bench ReconcilerDueScan -benchtime 200x ./jobs/
func BenchmarkReconcilerDueScan(b *testing.B) {
	st := storetest.OpenPostgres(b)
	now := casestest.At("2026-11-02 10:00")
	svc, _ := casestest.NewService(b, st, now, casestest.Options{})
	r := NewReconciler(svc, func() Enqueuer { return queued{} }, 5*time.Minute, nil)
	run := func(name string, want int) {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s, err := r.Run(context.Background())
				if err != nil || s.Due != want {
					b.Fatalf("due %d, want %d: %v", s.Due, want, err)
				}
			}
		})
	}
	seed(b, st, now, 1, 100_000, 1000)
	run("cases=100k/due=1k", 1000)
	seed(b, st, now, 100_001, 1_000_000, 0)
	run("cases=1M/due=1k", 1000)
	seed(b, st, now, 1_000_001, 1_000_000+9000, 9000)
	run("cases=1M/due=10k", 10_000)

	var plan []string
	rows, err := st.DB().Query(`EXPLAIN SELECT t.id FROM timers t JOIN cases c ON c.id = t.case_id
		WHERE t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.due_at < $1 AND (t.due_at, t.id) > ($2, $3)
		ORDER BY t.due_at, t.id LIMIT 500`, now.Add(5*time.Minute).UTC(), time.Time{}, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		rows.Scan(&line)
		plan = append(plan, line)
	}
	if !strings.Contains(strings.Join(plan, "\n"), "timers_due") {
		b.Errorf("the due scan does not use timers_due:\n%s", strings.Join(plan, "\n"))
	}
	b.Log(fmt.Sprintf("plan:\n%s", strings.Join(plan, "\n")))
}
