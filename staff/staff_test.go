package staff_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/staff"
	"petitiond/store"
	"petitiond/store/storetest"
)

func TestMasks(t *testing.T) {
	tests := []struct {
		fn       func(string) string
		in, want string
	}{
		{staff.MaskPhone, "13812341234", "138****1234"},
		{staff.MaskPhone, "010-12345678", "010*****5678"},
		{staff.MaskPhone, "123", "**3"},
		{staff.MaskPhone, "", ""},
		{staff.MaskIDNumber, "11010519491231002X", "1101**********002X"},
		{staff.MaskName, "张三", "张*"},
		{staff.MaskName, "欧阳娜娜", "欧阳**"},
		{staff.MaskName, "李", "*"},
		{staff.MaskAddress, "北京市朝阳区某某路1号", "北京市朝阳区****"},
		{staff.MaskAddress, "某村", "某****"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPasswordHashing(t *testing.T) {
	h, err := staff.HashPassword("correct-horse-42")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q %v", h, err)
	}
	h2, _ := staff.HashPassword("correct-horse-42")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for pw, want := range map[string]bool{"correct-horse-42": true, "correct-horse-43": false, "": false} {
		if ok, err := staff.CheckPassword(h, pw); ok != want || err != nil {
			t.Errorf("check %q: %v %v", pw, ok, err)
		}
	}
	if _, err := staff.CheckPassword("$2a$10$bcrypt", "x"); err == nil {
		t.Error("a foreign hash was accepted")
	}
}

func TestPolicy(t *testing.T) {
	market := &cases.Case{Unit: "market", Department: "market", Classification: cases.Classification{Channel: cases.ChannelPetition}, Status: cases.StatusDispatched}
	respondent := &cases.Case{Unit: "market", Department: "market", Classification: cases.Classification{Channel: cases.ChannelReconsideration}, Status: cases.StatusDispatched}
	office := &cases.Case{Unit: "reconsideration_office", Department: "market", Classification: cases.Classification{Channel: cases.ChannelReconsideration}, Status: cases.StatusDispatched}
	tests := []struct {
		p       staff.Principal
		c       *cases.Case
		visible bool
		accept  bool
	}{
		{staff.Principal{Role: staff.RoleHandler, Unit: "market"}, market, true, true},
		{staff.Principal{Role: staff.RoleDeptAdmin, Unit: "market"}, market, true, true},
		{staff.Principal{Role: staff.RoleHandler, Unit: "urban"}, market, false, false},
		{staff.Principal{Role: staff.RoleHandler, Unit: "market"}, respondent, false, false},
		{staff.Principal{Role: staff.RoleHandler, Unit: "market"}, office, false, false},
		{staff.Principal{Role: staff.RoleHandler, Unit: "reconsideration_office"}, office, true, true},
		{staff.Principal{Role: staff.RoleHandler}, market, false, false},
		{staff.Principal{Role: staff.RoleOversight}, respondent, true, false},
		{staff.Principal{Role: staff.RoleAdmin}, market, true, false},
		{staff.Principal{Role: staff.RoleCaller, Unit: "call_centre"}, market, false, false},
		{staff.Principal{Role: "visitor"}, market, false, false},
	}
	for _, tt := range tests {
		if got := tt.p.Visible(tt.c); got != tt.visible {
			t.Errorf("%s/%s sees %s case of %s: %v", tt.p.Role, tt.p.Unit, tt.c.Channel(), tt.c.Unit, got)
		}
		if got := tt.p.CanAct(tt.c, cases.ActionAccept); got != tt.accept {
			t.Errorf("%s/%s accepts: %v", tt.p.Role, tt.p.Unit, got)
		}
	}
	// Confidential: the unit never sees the reporter; oversight may.
	secret := *market
	secret.Confidential = true
	secret.Submitter = cases.Submitter{Name: "张三", Phone: "13812341234"}
	v := staff.View(staff.Principal{Role: staff.RoleHandler, Unit: "market"}, &secret)
	if !v.Identity.Hidden || v.Identity.Phone != staff.Confidential || v.CanReveal || v.Submitter.Phone != "" {
		t.Errorf("handler view of a confidential case: %+v", v.Identity)
	}
	v = staff.View(staff.Principal{Role: staff.RoleOversight}, &secret)
	if v.Identity.Hidden || v.Identity.Phone != "138****1234" || !v.CanReveal || v.Submitter.Phone != "" {
		t.Errorf("oversight view: %+v", v.Identity)
	}
	if secret.Submitter.Phone != "13812341234" {
		t.Error("View changed the case")
	}
}

// failingAudit is a store whose audit log is down.
type failingAudit struct{ *store.Store }

func (failingAudit) AppendAudit(context.Context, *staff.AuditEntry) error {
	return errors.New("disk full")
}

func TestNoRevealWithoutAnAuditRecord(t *testing.T) {
	st := storetest.OpenSQLite(t)
	svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
	broken := failingAudit{st}
	audit := staff.NewAudit(broken, svc.Now)
	desk := staff.NewDesk(svc, broken, cases.NewCallTasks(st, svc), audit, staff.UnitsFrom(casestest.Units(t)))
	ctx := context.Background()
	c, _, err := svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: "路灯", Source: cases.SourceBot, Submitter: cases.Submitter{OpenID: "o", Phone: "13812341234"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Dispatch(ctx, c.ID, "urban", cases.System, ""); err != nil {
		t.Fatal(err)
	}
	v, err := desk.Reveal(ctx, staff.Principal{Username: "li", Role: staff.RoleHandler, Unit: "urban"}, c.ID, staff.FieldPhone, "")
	if err == nil || v != "" {
		t.Fatalf("revealed %q without an audit record (err %v)", v, err)
	}
}

func TestCallsGoThroughTheCallCentresRules(t *testing.T) {
	st := storetest.OpenSQLite(t)
	svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
	calls := cases.NewCallTasks(st, svc)
	desk := staff.NewDesk(svc, st, calls, staff.NewAudit(st, svc.Now), staff.UnitsFrom(casestest.Units(t)))
	ctx := context.Background()
	task, _ := calls.Create(ctx, cases.CallTask{Kind: cases.CallCallback, Phone: "13812341234"})
	caller := staff.Principal{Username: "c1", Role: staff.RoleCaller}
	handler := staff.Principal{Username: "h", Role: staff.RoleHandler, Unit: "urban"}
	if _, err := desk.RecordCall(ctx, handler, task.ID, cases.OutcomeReached, ""); !errors.Is(err, staff.ErrForbidden) {
		t.Errorf("a handler recorded a call: %v", err)
	}
	if _, err := desk.RevealCallPhone(ctx, handler, task.ID, ""); !errors.Is(err, staff.ErrForbidden) {
		t.Errorf("a handler revealed a caller's number: %v", err)
	}
	if phone, err := desk.RevealCallPhone(ctx, caller, task.ID, ""); err != nil || phone != "13812341234" {
		t.Fatalf("reveal: %q %v", phone, err)
	}
	if _, err := desk.RevealCallPhone(ctx, staff.Principal{Username: "c2", Role: staff.RoleCaller}, task.ID, ""); !errors.Is(err, cases.ErrNotAssigned) {
		t.Errorf("a second caller took the task: %v", err)
	}
	got, err := desk.RecordCall(ctx, caller, task.ID, cases.OutcomeUnreachable, "无人接听")
	if err != nil || got.Status != cases.CallOpen || got.Attempts != 1 {
		t.Fatalf("unreachable: %+v %v", got, err)
	}
	if got, err = desk.RecordCall(ctx, caller, task.ID, cases.OutcomeReached, ""); err != nil || got.Status != cases.CallDone {
		t.Fatalf("reached: %+v %v", got, err)
	}
}

func TestAccountRules(t *testing.T) {
	st := storetest.OpenSQLite(t)
	svc, _ := casestest.NewService(t, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
	accts := staff.NewAccounts(st, staff.NewAudit(st, svc.Now), staff.UnitsFrom(casestest.Units(t)), svc.Now)
	ctx := context.Background()
	bad := []staff.NewAccount{
		{Username: "x", Role: staff.RoleAdmin, Password: "long-enough-1"},
		{Username: "ok.name", Role: "boss", Password: "long-enough-1"},
		{Username: "ok.name", Role: staff.RoleHandler, Password: "long-enough-1"},
		{Username: "ok.name", Role: staff.RoleHandler, Unit: "nowhere", Password: "long-enough-1"},
		{Username: "ok.name", Role: staff.RoleCaller, Password: "short"},
	}
	for _, n := range bad {
		if _, err := accts.Add(ctx, staff.System, n, ""); err == nil {
			t.Errorf("accepted %+v", n)
		} else if _, ok := cases.IsValidation(err); !ok {
			t.Errorf("%+v: %v is not a validation error", n, err)
		}
	}
	if _, err := accts.Add(ctx, staff.Principal{Username: "h", Role: staff.RoleHandler, Unit: "urban"}, staff.NewAccount{Username: "x2", Role: staff.RoleAdmin, Password: "long-enough-1"}, ""); !errors.Is(err, staff.ErrForbidden) {
		t.Errorf("a handler created an account: %v", err)
	}
	if _, err := accts.Add(ctx, staff.System, staff.NewAccount{Username: " Li ", Role: staff.RoleHandler, Unit: "urban", Password: "long-enough-1"}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := accts.Authenticate(ctx, "LI", "long-enough-1"); err != nil {
		t.Errorf("usernames are case-insensitive: %v", err)
	}
	for _, pw := range []string{"wrong-password", strings.Repeat("x", 200)} {
		if _, err := accts.Authenticate(ctx, "li", pw); !errors.Is(err, staff.ErrBadCredentials) {
			t.Errorf("password %q: %v", pw[:5], err)
		}
	}
	if _, err := accts.Authenticate(ctx, "nobody", "long-enough-1"); !errors.Is(err, staff.ErrBadCredentials) {
		t.Errorf("unknown user: %v", err)
	}
	if err := accts.SetDisabled(ctx, staff.Principal{Username: "root", Role: staff.RoleAdmin}, "root", true, ""); err == nil {
		t.Error("an admin disabled themself")
	}
	// A dept_admin manages only its own unit's tokens.
	da := staff.Principal{Username: "da", Role: staff.RoleDeptAdmin, Unit: "urban"}
	if _, _, err := accts.IssueToken(ctx, da, "market", "x", ""); !errors.Is(err, staff.ErrForbidden) {
		t.Errorf("dept_admin issued another unit's token: %v", err)
	}
	tok, secret, err := accts.IssueToken(ctx, da, "urban", "x", "")
	if err != nil {
		t.Fatal(err)
	}
	if p, err := accts.VerifyToken(ctx, secret); err != nil || p.Unit != "urban" || p.Role != staff.RoleHandler || !p.Token {
		t.Errorf("verify: %+v %v", p, err)
	}
	if err := accts.RevokeToken(ctx, staff.Principal{Username: "d2", Role: staff.RoleDeptAdmin, Unit: "market"}, tok.ID, ""); !errors.Is(err, staff.ErrForbidden) {
		t.Errorf("another unit revoked the token: %v", err)
	}
}
