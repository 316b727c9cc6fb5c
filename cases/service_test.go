package cases_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"petitiond/calendar"
	"petitiond/cases"
	"petitiond/clock"
	"petitiond/configs"
	"petitiond/store"
	"petitiond/store/storetest"
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// keywordClassify stands in for the classifier: the domain must store
// whatever it is told.
func keywordClassify(in cases.ClassifyInput) (cases.Classification, error) {
	c := cases.Classification{Channel: cases.ChannelPetition, Department: "urban", Confidence: 0.9, Reasons: []string{"test"}}
	switch {
	case strings.Contains(in.Text, "复议"), strings.Contains(in.Text, "罚款"):
		c.Channel, c.Department = cases.ChannelReconsideration, "market"
	case strings.Contains(in.Text, "法院"):
		c.Channel, c.Department = cases.ChannelLitigation, "judicial"
	case strings.Contains(in.Text, "赔偿"):
		c.Channel, c.Department = cases.ChannelMediation, "housing"
	}
	if strings.Contains(in.Text, "不想活") {
		c.Urgent, c.UrgentCues = true, []string{"不想活"}
	}
	return c, nil
}

type harness struct {
	svc   *cases.Service
	st    *store.Store
	clock *clock.Manual
	wakes int
	mu    sync.Mutex
}

func newHarness(t *testing.T, st *store.Store, now time.Time) *harness {
	t.Helper()
	cal, err := calendar.Load(configs.Holidays())
	if err != nil {
		t.Fatal(err)
	}
	b, err := fsRead("deadlines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := cases.ParseRules(b)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{st: st, clock: clock.NewManual(now)}
	h.svc, err = cases.NewService(cases.Config{
		Store: st, Clock: h.clock, Calendar: cal, Rules: rules, Location: shanghai,
		TrackingPrefix: "NY", Classify: keywordClassify,
		Wake: func() { h.mu.Lock(); h.wakes++; h.mu.Unlock() },
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func request(text string) cases.SubmitRequest {
	return cases.SubmitRequest{
		Kind: cases.KindComplaint, Text: text, Source: cases.SourceMiniProgram,
		Submitter: cases.Submitter{OpenID: "o-citizen-1", Name: "王小二", Phone: "13812341234", IDNumber: "11010519491231002X", Address: "沅川市人民路1号"},
	}
}

func count(t *testing.T, st *store.Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestSubmitStoresCaseTimelineOutboxAndTimers(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st, at("2026-09-30 10:00"))
		ctx := context.Background()
		c, created, err := h.svc.Submit(ctx, request("我对市场监管局的罚款决定不服，申请复议"))
		if err != nil || !created {
			t.Fatalf("Submit: %v created=%v", err, created)
		}
		if !strings.HasPrefix(c.TrackingNo, "NY260930") || c.Status != cases.StatusSubmitted || c.Channel() != cases.ChannelReconsideration {
			t.Fatalf("case = %+v", c)
		}
		if _, err := cases.ParseTrackingNo(c.TrackingNo, "NY"); err != nil {
			t.Fatalf("issued tracking number fails its own check: %v", err)
		}
		got, err := h.svc.GetByTrackingNo(ctx, c.TrackingNo)
		if err != nil {
			t.Fatal(err)
		}
		if got.Submitter.Phone != "13812341234" || got.Submitter.Name != "王小二" || got.Submitter.IDNumber != "11010519491231002X" {
			t.Errorf("personal data did not round-trip: %+v", got.Submitter)
		}
		if len(got.Deadlines) != 2 || got.Deadlines[0].Due.String() != "2026-10-13" || !got.Deadlines[0].Working {
			t.Fatalf("reconsideration acceptance due %+v, want 2026-10-13 (5 working days across National Day)", got.Deadlines)
		}
		if got.Deadlines[1].Due.String() != "2026-11-30" { // 60 days → Sunday 11-29 → Monday
			t.Errorf("decision due %s, want 2026-11-30", got.Deadlines[1].Due)
		}
		if want := at("2026-10-13 23:59").Add(59 * time.Second); !got.NextDueAt.Equal(want) {
			t.Errorf("next due %v, want %v", got.NextDueAt, want)
		}
		// Personal data is sealed at rest.
		if n := count(t, st, `SELECT COUNT(*) FROM cases WHERE phone_enc LIKE '%1381234%' OR name_enc LIKE '%王%'`); n != 0 {
			t.Error("personal data stored in the clear")
		}
		if n := count(t, st, `SELECT COUNT(*) FROM timeline WHERE case_id = $1 AND action = 'submit'`, c.ID); n != 1 {
			t.Errorf("submit events = %d", n)
		}
		if n := count(t, st, `SELECT COUNT(*) FROM outbox WHERE case_id = $1 AND topic = 'case:dispatch'`, c.ID); n != 1 {
			t.Errorf("dispatch outbox rows = %d", n)
		}
		// warning + overdue for each of the two deadlines
		if n := count(t, st, `SELECT COUNT(*) FROM timers WHERE case_id = $1`, c.ID); n != 4 {
			t.Errorf("timers = %d, want 4", n)
		}
		// Every timer is days away: the reconciler queues each minutes before
		// it is due, so Redis carries only the near future.
		if n := count(t, st, `SELECT COUNT(*) FROM outbox WHERE case_id = $1 AND topic = 'case:timer'`, c.ID); n != 0 {
			t.Errorf("timer outbox rows = %d, want 0", n)
		}
		due, err := h.svc.TimersDueBefore(ctx, at("2026-10-12 00:00"), 10)
		if err != nil || len(due) != 1 || due[0].Kind != "warning:acceptance" || !due[0].DueAt.Equal(at("2026-10-10 09:00")) {
			t.Errorf("timers due before 10-12: %+v %v (want the warning at 09:00 on the 调休 Saturday 10-10)", due, err)
		}
		if h.wakes != 1 {
			t.Errorf("relay woken %d times", h.wakes)
		}
	})
}

func TestSubmitValidation(t *testing.T) {
	st := storetest.OpenSQLite(t)
	h := newHarness(t, st, at("2026-11-02 10:00"))
	bad := map[string]func(r *cases.SubmitRequest){
		"text":      func(r *cases.SubmitRequest) { r.Text = "   " },
		"kind":      func(r *cases.SubmitRequest) { r.Kind = "other" },
		"phone":     func(r *cases.SubmitRequest) { r.Submitter.Phone = "12345" },
		"id_number": func(r *cases.SubmitRequest) { r.Submitter.IDNumber = "110105194912310021" },
		"credit_code": func(r *cases.SubmitRequest) {
			r.Kind = cases.KindBusiness
			r.Company.Name = "某公司"
			r.Company.CreditCode = "91350100M000100Y44"
		},
		"company_name": func(r *cases.SubmitRequest) { r.Kind = cases.KindBusiness; r.Company.CreditCode = "91350100M000100Y43" },
		"location":     func(r *cases.SubmitRequest) { r.Location = &cases.Location{Lat: 123, Lng: 0} },
		"attachments": func(r *cases.SubmitRequest) {
			for i := 0; i < 10; i++ {
				r.Attachments = append(r.Attachments, cases.Attachment{Kind: "image", Ref: fmt.Sprint("u", i)})
			}
		},
		"openid": func(r *cases.SubmitRequest) { r.Submitter.OpenID = "" },
	}
	for field, mutate := range bad {
		r := request("路灯坏了")
		mutate(&r)
		_, _, err := h.svc.Submit(context.Background(), r)
		v, ok := cases.IsValidation(err)
		if !ok || v.Field != field {
			t.Errorf("%s: err = %v, want a validation error on %s", field, err, field)
		}
	}
	if n := count(t, st, `SELECT COUNT(*) FROM cases`); n != 0 {
		t.Errorf("invalid submissions stored %d cases", n)
	}
	r := request("营商环境：审批拖延")
	r.Kind, r.Company = cases.KindBusiness, cases.Company{Name: "某科技有限公司", CreditCode: "91350100m000100y43"}
	c, _, err := h.svc.Submit(context.Background(), r)
	if err != nil || c.Company.CreditCode != "91350100M000100Y43" {
		t.Fatalf("valid business report: %v %+v", err, c)
	}
	if c.Deadlines[0].Kind != "acceptance" || c.Deadlines[0].Due.String() != "2026-11-03" {
		t.Errorf("business acceptance due %+v, want next working day", c.Deadlines[0])
	}
}

func TestIdempotentSubmit(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st, at("2026-11-02 10:00"))
		ctx := context.Background()
		r := request("小区门口垃圾成堆没人清理")
		r.IdempotencyKey = "msg-1001"
		first, created, err := h.svc.Submit(ctx, r)
		if err != nil || !created {
			t.Fatal(err)
		}
		again, created, err := h.svc.Submit(ctx, r)
		if err != nil || created || again.ID != first.ID || again.TrackingNo != first.TrackingNo {
			t.Fatalf("retry: %v created=%v id=%s want %s", err, created, again.ID, first.ID)
		}
		other := r
		other.Text = "另一件事"
		if _, _, err := h.svc.Submit(ctx, other); !errors.Is(err, cases.ErrIdempotencyConflict) {
			t.Fatalf("same key, different request: %v", err)
		}
		// The key is scoped to its submitter: someone else may use it.
		stranger := r
		stranger.Submitter.OpenID = "o-someone-else"
		if _, created, err := h.svc.Submit(ctx, stranger); err != nil || !created {
			t.Fatalf("another submitter with the same key: %v created=%v", err, created)
		}

		// Concurrent duplicates: exactly one case.
		r.IdempotencyKey = "msg-2002"
		const n = 16
		var wg sync.WaitGroup
		ids := make([]string, n)
		errs := make([]error, n)
		createdCount := 0
		var mu sync.Mutex
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				c, cr, err := h.svc.Submit(ctx, r)
				errs[i] = err
				if err == nil {
					ids[i] = c.ID
					mu.Lock()
					if cr {
						createdCount++
					}
					mu.Unlock()
				}
			}(i)
		}
		wg.Wait()
		for i := 0; i < n; i++ {
			if errs[i] != nil {
				t.Fatalf("goroutine %d: %v", i, errs[i])
			}
			if ids[i] != ids[0] {
				t.Fatalf("goroutine %d got case %s, goroutine 0 got %s", i, ids[i], ids[0])
			}
		}
		if createdCount != 1 {
			t.Errorf("%d goroutines report a new case", createdCount)
		}
		// msg-1001 once, the stranger's msg-1001, and msg-2002 once.
		if got := count(t, st, `SELECT COUNT(*) FROM cases WHERE text = $1`, r.Text); got != 3 {
			t.Errorf("cases with the text = %d, want 3", got)
		}
		if got := count(t, st, `SELECT COUNT(*) FROM idempotency_keys WHERE key = 'msg-2002'`); got != 1 {
			t.Errorf("idempotency rows = %d", got)
		}
	})
}

// failOutboxWrites makes the database itself refuse outbox rows (a trigger),
// so the test proves the storage is atomic whatever path the store takes.
func failOutboxWrites(t *testing.T, st *store.Store) (restore func()) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`}
	drop := []string{`DROP TRIGGER outbox_fails`}
	if st.Backend() == "postgres" {
		stmts = []string{
			`CREATE FUNCTION outbox_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END; $$`,
			`CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_fails()`,
		}
		drop = []string{`DROP TRIGGER outbox_fails ON outbox`}
	}
	for _, q := range stmts {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		for _, q := range drop {
			if _, err := st.DB().Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestSubmitIsAtomic(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st, at("2026-11-02 10:00"))
		restore := failOutboxWrites(t, st)
		r := request("噪音扰民")
		r.IdempotencyKey = "k1"
		if _, _, err := h.svc.Submit(context.Background(), r); err == nil {
			t.Fatal("Submit succeeded although the outbox write failed")
		}
		for _, table := range []string{"cases", "timeline", "outbox", "timers", "idempotency_keys"} {
			if n := count(t, st, `SELECT COUNT(*) FROM `+table); n != 0 {
				t.Errorf("%s has %d rows after a failed submit", table, n)
			}
		}
		restore()
		// The key was not burnt: the retry succeeds.
		if _, created, err := h.svc.Submit(context.Background(), r); err != nil || !created {
			t.Fatalf("retry after failure: %v", err)
		}
	})
}

func TestTimelineIsAppendOnly(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st, at("2026-11-02 10:00"))
		c, _, err := h.svc.Submit(context.Background(), request("路灯不亮"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB().Exec(`UPDATE timeline SET note = 'x' WHERE case_id = $1`, c.ID); err == nil {
			t.Error("timeline row updated")
		}
		if _, err := st.DB().Exec(`DELETE FROM timeline WHERE case_id = $1`, c.ID); err == nil {
			t.Error("timeline row deleted")
		}
	})
}
