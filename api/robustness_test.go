package api

import (
	"context"
	"encoding/base64"
	"testing"

	"petitiond/cases"
)

// Bytes no store can keep as text — a NUL (JSON "\u0000"), invalid UTF-8 —
// in any field, header or cursor are the person's mistake: a 4xx naming
// what is wrong, never a 500 from PostgreSQL, and nothing stored (SQLite
// would have kept them). The same inputs are refused on both backends.
func TestUnstorableBytesAreRefused(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-bytes", "")
	no := h.do(t, "POST", "/api/v1/cases", tok, complaint("路灯坏了")).str("tracking_no")
	cursor := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	business := `{"kind":"business","text":"审批拖延","credit_code":"91350100M000100Y43","barrier_category":"approval","company_name":"某\u0000公司"}`
	tests := []struct {
		name, method, path string
		body               any
		headers            []string
		status             int
		code, field        string
	}{
		{"NUL in text", "POST", "/api/v1/cases", `{"kind":"complaint","text":"路灯\u0000坏了"}`, nil, 422, "validation_failed", "text"},
		{"NUL in company name", "POST", "/api/v1/cases", business, nil, 422, "validation_failed", "company_name"},
		{"NUL in address", "POST", "/api/v1/cases", `{"kind":"complaint","text":"x","location":{"lat":31,"lng":121,"address":"人民路\u00001号"}}`, nil, 422, "validation_failed", "location.address"},
		{"NUL in attachment id", "POST", "/api/v1/cases", `{"kind":"complaint","text":"x","attachments":["a\u0000b"]}`, nil, 422, "validation_failed", "attachments"},
		{"invalid UTF-8 in text", "POST", "/api/v1/cases", "{\"kind\":\"complaint\",\"text\":\"路灯\xff\xfe坏了\"}", nil, 400, "bad_request", ""},
		{"invalid UTF-8 Idempotency-Key", "POST", "/api/v1/cases", complaint("x"), []string{"Idempotency-Key", "k\xff\xfe"}, 400, "bad_request", "Idempotency-Key"},
		{"NUL in cursor", "GET", "/api/v1/cases?cursor=" + cursor("1,a\x00b"), nil, nil, 400, "bad_request", "cursor"},
		{"invalid UTF-8 in cursor", "GET", "/api/v1/cases?cursor=" + cursor("1,a\xffb"), nil, nil, 400, "bad_request", "cursor"},
		{"NUL in supplement", "POST", "/api/v1/cases/" + no + "/supplements", `{"text":"补充\u0000"}`, nil, 422, "validation_failed", "text"},
		{"NUL in withdraw reason", "POST", "/api/v1/cases/" + no + "/withdraw", `{"reason":"不\u0000要了"}`, nil, 422, "validation_failed", "reason"},
		{"NUL in template id", "POST", "/api/v1/subscriptions", `{"template_ids":["tpl\u0000"]}`, nil, 422, "validation_failed", "template_ids"},
		{"NUL in results key", "POST", "/api/v1/subscriptions", `{"results":{"tpl\u0000":"accept"}}`, nil, 422, "validation_failed", "results"},
		{"invalid UTF-8 template id", "POST", "/api/v1/subscriptions", "{\"template_ids\":[\"tpl\xff\"]}", nil, 400, "bad_request", ""},
	}
	for _, tt := range tests {
		r := h.do(t, tt.method, tt.path, tok, tt.body, tt.headers...)
		code, field := r.errCode()
		if r.status != tt.status || code != tt.code || field != tt.field || r.errMessage() == "" {
			t.Errorf("%s: %d %s, want %d %s field %q", tt.name, r.status, r.body, tt.status, tt.code, tt.field)
		}
	}
	ctx := context.Background()
	c, err := h.svc.GetByTrackingNo(ctx, no)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != cases.StatusSubmitted {
		t.Errorf("case %s after refused requests", c.Status)
	}
	list := h.do(t, "GET", "/api/v1/cases", tok, nil)
	if n := len(list.json["cases"].([]any)); n != 1 {
		t.Errorf("%d cases stored, want only the first: %s", n, list.body)
	}
	if r := h.do(t, "GET", "/api/v1/subscriptions", tok, nil); len(r.json["remaining"].(map[string]any)) != 0 {
		t.Errorf("consents stored: %s", r.body)
	}
	events, err := h.svc.Timeline(ctx, c.ID)
	if err != nil || len(events) != 1 {
		t.Errorf("timeline %d events (%v), want only the submission", len(events), err)
	}
}
