package cases_test

import (
	"context"
	"math"
	"testing"

	"petitiond/cases"
	"petitiond/store/storetest"
)

// Every transport hands the domain what people typed; a NUL or invalid
// UTF-8 must come back as a validation error on the field, on either
// backend, not as a failed PostgreSQL transaction (or, on SQLite, as bytes
// kept that the other backend could never hold).
func TestUnstorableTextIsAValidationError(t *testing.T) {
	st := storetest.Open(t)
	h := newHarness(t, st, at("2026-11-02 10:00"))
	ctx := context.Background()
	submits := map[string]func(r *cases.SubmitRequest){
		"text":            func(r *cases.SubmitRequest) { r.Text = "路灯\x00坏了" },
		"name":            func(r *cases.SubmitRequest) { r.Submitter.Name = "王\xff" },
		"address":         func(r *cases.SubmitRequest) { r.Submitter.Address = "人民路\x001号" },
		"location":        func(r *cases.SubmitRequest) { r.Location = &cases.Location{Lat: 31, Lng: 121, Address: "a\x00"} },
		"idempotency_key": func(r *cases.SubmitRequest) { r.IdempotencyKey = "k\xfe" },
		"company_name": func(r *cases.SubmitRequest) {
			r.Kind, r.Company = cases.KindBusiness, cases.Company{Name: "某\x00公司", CreditCode: "91350100M000100Y43"}
		},
		"attachments": func(r *cases.SubmitRequest) {
			r.Attachments = []cases.Attachment{{Kind: "image", Ref: "u\x00"}}
		},
	}
	for field, mutate := range submits {
		r := request("路灯坏了")
		mutate(&r)
		_, _, err := h.svc.Submit(ctx, r)
		if v, ok := cases.IsValidation(err); !ok || v.Field != field {
			t.Errorf("submit with bad %s: err = %v", field, err)
		}
	}
	// NaN compares false with every bound: a range check alone kept it.
	for _, l := range []cases.Location{{Lat: math.NaN(), Lng: 121}, {Lat: 31, Lng: math.Inf(1)}} {
		r := request("路灯坏了")
		r.Location = &l
		if v, ok := cases.IsValidation(func() error { _, _, err := h.svc.Submit(ctx, r); return err }()); !ok || v.Field != "location" {
			t.Errorf("location %+v accepted", l)
		}
	}
	if n := count(t, st, `SELECT COUNT(*) FROM cases`); n != 0 {
		t.Fatalf("%d cases stored", n)
	}

	c, _, err := h.svc.Submit(ctx, request("路灯坏了"))
	if err != nil {
		t.Fatal(err)
	}
	staff := cases.Staff("li", "urban")
	for name, call := range map[string]func() error{
		"text":   func() error { _, err := h.svc.AddSupplement(ctx, c.ID, cases.Citizen, "补充\x00", nil); return err },
		"reason": func() error { _, err := h.svc.Withdraw(ctx, c.ID, cases.Citizen, "不要\xff了"); return err },
		"comment": func() error {
			_, err := h.svc.FollowUp(ctx, c.ID, cases.Citizen, cases.RatingSatisfied, "好\x00", "api")
			return err
		},
		"result": func() error { _, err := h.svc.Close(ctx, c.ID, staff, "办结\x00"); return err },
	} {
		if v, ok := cases.IsValidation(call()); !ok || v.Field != name {
			t.Errorf("%s with NUL: not a validation error on it", name)
		}
	}
	if n := count(t, st, `SELECT COUNT(*) FROM timeline`); n != 1 {
		t.Errorf("%d events stored, want the submission only", n)
	}
	if err := cases.NewConsents(st, h.svc).Grant(ctx, "o-citizen-1", []string{"tpl\x00"}); err == nil {
		t.Errorf("a template id with NUL was granted")
	}
}
