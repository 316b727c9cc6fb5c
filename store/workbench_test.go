package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/reports"
	"petitiond/staff"
	"petitiond/store"
	"petitiond/store/storetest"
)

func TestStaffAccountsAndTokens(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
		a := &staff.Account{Username: "li", Name: "李四", Role: staff.RoleHandler, Unit: "market", PasswordHash: "h", MustChangePassword: true, CreatedAt: now, UpdatedAt: now}
		if err := st.InsertAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := st.InsertAccount(ctx, a); !errors.Is(err, staff.ErrAccountExists) {
			t.Fatalf("duplicate: %v", err)
		}
		got, err := st.Account(ctx, "li")
		if err != nil || got.Name != "李四" || got.Role != staff.RoleHandler || !got.MustChangePassword || got.Disabled || !got.CreatedAt.Equal(now) {
			t.Fatalf("account %+v, %v", got, err)
		}
		got.Disabled, got.MustChangePassword = true, false
		if err := st.UpdateAccount(ctx, got); err != nil {
			t.Fatal(err)
		}
		if got, _ = st.Account(ctx, "li"); !got.Disabled || got.MustChangePassword {
			t.Fatalf("after update %+v", got)
		}
		if _, err := st.Account(ctx, "nobody"); !errors.Is(err, staff.ErrNoAccount) {
			t.Fatalf("missing account: %v", err)
		}

		tok := &staff.Token{Unit: "market", Name: "业务系统", Hash: staff.HashToken("pdt_x"), CreatedBy: "admin", CreatedAt: now}
		if err := st.InsertToken(ctx, tok); err != nil || tok.ID == 0 {
			t.Fatalf("insert token: %v", err)
		}
		if got, err := st.TokenByHash(ctx, staff.HashToken("pdt_x")); err != nil || got.Unit != "market" {
			t.Fatalf("token by hash: %+v %v", got, err)
		}
		if err := st.RevokeToken(ctx, tok.ID, now); err != nil {
			t.Fatal(err)
		}
		if _, err := st.TokenByHash(ctx, staff.HashToken("pdt_x")); !errors.Is(err, staff.ErrNoToken) {
			t.Fatalf("revoked token still valid: %v", err)
		}
		if list, _ := st.Tokens(ctx, "market"); len(list) != 1 || list[0].RevokedAt == nil {
			t.Fatalf("tokens %+v", list)
		}
	})
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := &staff.AuditEntry{At: time.Now().UTC(), Actor: "li", ActorRole: staff.RoleHandler, Action: staff.AuditReveal, CaseID: "c1", Field: "phone"}
		if err := st.AppendAudit(ctx, e); err != nil || e.ID == 0 {
			t.Fatalf("append: %v", err)
		}
		for _, q := range []string{`UPDATE audit_log SET actor = 'x'`, `DELETE FROM audit_log`} {
			if _, err := st.DB().ExecContext(ctx, q); err == nil {
				t.Errorf("%s succeeded", q)
			}
		}
		if st.Backend() == "postgres" {
			if _, err := st.DB().ExecContext(ctx, `TRUNCATE audit_log`); err == nil {
				t.Error("TRUNCATE succeeded")
			}
		}
		list, total, err := st.AuditLog(ctx, staff.AuditQuery{CaseID: "c1", Limit: 10})
		if err != nil || total != 1 || len(list) != 1 || list[0].Field != "phone" || list[0].ActorRole != staff.RoleHandler {
			t.Fatalf("audit log %+v %d %v", list, total, err)
		}
	})
}

func TestSearchCasesScopeAndFilters(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, clk := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
		submit := func(text, unit string) *cases.Case {
			c, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: text, Source: cases.SourceBot, Submitter: cases.Submitter{OpenID: "o"}})
			if err != nil {
				t.Fatal(err)
			}
			if unit != "" {
				if c, err = svc.Dispatch(ctx, c.ID, unit, cases.System, ""); err != nil {
					t.Fatal(err)
				}
			}
			return c
		}
		lamp := submit("路灯不亮 100%", "urban")
		// A reconsideration (respondent market) misrouted to market: the domain
		// refuses such a dispatch, so the row is written around it.
		fine := submit("对罚款不服，申请复议", "")
		if _, err := st.DB().ExecContext(ctx, `UPDATE cases SET unit = 'market' WHERE id = $1`, fine.ID); err != nil {
			t.Fatal(err)
		}
		other := submit("噪音扰民", "environment")
		clk.Advance(time.Hour)

		scoped := func(f cases.CaseFilter) []string {
			t.Helper()
			list, total, err := st.SearchCases(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if f.Limit >= total && total != len(list) {
				t.Fatalf("total %d, page %d", total, len(list))
			}
			var ids []string
			for _, c := range list {
				ids = append(ids, c.ID)
			}
			return ids
		}
		if ids := scoped(cases.CaseFilter{Scope: cases.Scope{Unit: "market", NotRespondent: "market"}, Limit: 10}); len(ids) != 0 {
			t.Errorf("the respondent sees the reconsideration case: %v", ids)
		}
		if ids := scoped(cases.CaseFilter{Limit: 10}); len(ids) != 3 {
			t.Errorf("all units: %v", ids)
		}
		if ids := scoped(cases.CaseFilter{Scope: cases.Scope{Nothing: true}, Limit: 10}); len(ids) != 0 {
			t.Errorf("nothing scope: %v", ids)
		}
		if ids := scoped(cases.CaseFilter{Text: "100%", Limit: 10}); len(ids) != 1 || ids[0] != lamp.ID {
			t.Errorf("text search: %v", ids)
		}
		if ids := scoped(cases.CaseFilter{Text: "%", Limit: 10}); len(ids) != 1 {
			t.Errorf("a %% matches literally: %v", ids)
		}
		if ids := scoped(cases.CaseFilter{Text: other.TrackingNo, Limit: 10}); len(ids) != 1 || ids[0] != other.ID {
			t.Errorf("tracking number search: %v", ids)
		}
		if ids := scoped(cases.CaseFilter{Channel: cases.ChannelReconsideration, Limit: 10}); len(ids) != 1 || ids[0] != fine.ID {
			t.Errorf("channel filter: %v", ids)
		}
		now := svc.Now()
		if ids := scoped(cases.CaseFilter{Open: true, DueBefore: &now, Limit: 10}); len(ids) != 0 {
			t.Errorf("overdue right after submission: %v", ids)
		}
		if _, err := svc.RecordEvent(ctx, other.ID, cases.Staff("ov", "oversight"), cases.EventOversight, "督办", nil); err != nil {
			t.Fatal(err)
		}
		if ids := scoped(cases.CaseFilter{Escalated: true, Limit: 10}); len(ids) != 1 || ids[0] != other.ID {
			t.Errorf("escalated: %v", ids)
		}
		if ids := scoped(cases.CaseFilter{Limit: 1, Offset: 1}); len(ids) != 1 {
			t.Errorf("paging: %v", ids)
		}
	})
}

func TestReportQueries(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		start := casestest.At("2026-11-02 10:00")
		svc, clk := casestest.NewService(t, st, start, casestest.Options{})
		actor := cases.Staff("li", "urban")
		var ids []string
		for _, text := range []string{"路灯不亮", "井盖丢失", "垃圾未清运"} {
			c, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: text, Source: cases.SourceBot, Submitter: cases.Submitter{OpenID: "o"}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Dispatch(ctx, c.ID, "urban", cases.System, ""); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		for i, rating := range []string{cases.RatingSatisfied, cases.RatingUnsatisfied} {
			id := ids[i]
			for _, step := range []func() error{
				func() error { _, err := svc.Accept(ctx, id, actor); return err },
				func() error { _, err := svc.Reply(ctx, id, actor, "已修复"); return err },
				func() error { _, err := svc.Close(ctx, id, actor, "办结"); return err },
				func() error { _, err := svc.FollowUp(ctx, id, cases.Citizen, rating, "", "call"); return err },
			} {
				if err := step(); err != nil {
					t.Fatal(err)
				}
			}
		}
		clk.Advance(24 * time.Hour)
		r := reports.New(st, svc)
		d, err := r.Dashboard(ctx, cases.Scope{Unit: "urban"}, svc.Now(), 30)
		if err != nil {
			t.Fatal(err)
		}
		if d.Total != 3 || d.Satisfaction != (reports.Rate{Num: 1, Den: 2}) {
			t.Errorf("total %d satisfaction %+v", d.Total, d.Satisfaction)
		}
		// Every deadline settled so far was met the same day.
		if d.OnTime.Den == 0 || d.OnTime.Num != d.OnTime.Den {
			t.Errorf("on time %+v", d.OnTime)
		}
		last := d.Days[len(d.Days)-2] // the day of the submissions
		if last.Submitted != 3 || last.Closed != 2 {
			t.Errorf("series day %+v", last)
		}
		other, err := r.Dashboard(ctx, cases.Scope{Unit: "market"}, svc.Now(), 30)
		if err != nil || other.Total != 0 || other.Satisfaction.Den != 0 {
			t.Errorf("another unit's dashboard: %+v %v", other, err)
		}
	})
}
