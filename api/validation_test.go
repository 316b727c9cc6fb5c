package api

import (
	"strings"
	"testing"
)

// Every field of a submission has its own error, naming the field.
func TestSubmitValidation(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-val", "")
	other := h.login(t, "mp-other", "")
	theirs := h.upload(t, other, "a.png", "image/png", pngBytes(t)).str("id")
	var ten []string
	for range 10 {
		ten = append(ten, h.upload(t, tok, "a.png", "image/png", pngBytes(t)).str("id"))
	}
	business := func(mod map[string]any) map[string]any {
		b := map[string]any{"kind": "business", "text": "审批拖延", "company_name": "某公司", "credit_code": "91350100M000100Y43", "barrier_category": "approval"}
		for k, v := range mod {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	with := func(k string, v any) map[string]any {
		b := complaint("路面坑洼")
		b[k] = v
		return b
	}
	tests := []struct {
		name   string
		body   any
		status int
		code   string
		field  string
	}{
		{"kind missing", map[string]any{"text": "x"}, 422, "validation_failed", "kind"},
		{"kind unknown", with("kind", "praise"), 422, "validation_failed", "kind"},
		{"kind wrong type", with("kind", 3), 422, "validation_failed", "kind"},
		{"text missing", map[string]any{"kind": "complaint"}, 422, "validation_failed", "text"},
		{"text blank", with("text", "   "), 422, "validation_failed", "text"},
		{"text too long", with("text", strings.Repeat("长", 20001)), 422, "validation_failed", "text"},
		{"text wrong type", with("text", []string{"a"}), 422, "validation_failed", "text"},
		{"location without lng", with("location", map[string]any{"lat": 31.2}), 422, "validation_failed", "location"},
		{"location out of range", with("location", map[string]any{"lat": 91, "lng": 121}), 422, "validation_failed", "location"},
		{"location address too long", with("location", map[string]any{"lat": 31, "lng": 121, "address": strings.Repeat("路", 201)}), 422, "validation_failed", "location"},
		{"location wrong type", with("location", "人民路"), 422, "validation_failed", "location"},
		{"attachments too many", with("attachments", ten), 422, "validation_failed", "attachments"},
		{"attachment unknown", with("attachments", []string{"nope"}), 422, "validation_failed", "attachments"},
		{"attachment of another person", with("attachments", []string{theirs}), 422, "validation_failed", "attachments"},
		{"attachments wrong type", with("attachments", "id"), 422, "validation_failed", "attachments"},
		{"confidential wrong type", with("confidential", "yes"), 422, "validation_failed", "confidential"},
		{"company name missing", business(map[string]any{"company_name": nil}), 422, "validation_failed", "company_name"},
		{"company name too long", business(map[string]any{"company_name": strings.Repeat("企", 101)}), 422, "validation_failed", "company_name"},
		{"credit code missing", business(map[string]any{"credit_code": nil}), 422, "validation_failed", "credit_code"},
		{"credit code check character", business(map[string]any{"credit_code": "91350100M000100Y44"}), 422, "validation_failed", "credit_code"},
		{"barrier category missing", business(map[string]any{"barrier_category": nil}), 422, "validation_failed", "barrier_category"},
		{"barrier category unknown", business(map[string]any{"barrier_category": "心情不好"}), 422, "validation_failed", "barrier_category"},
		{"answers unknown question", with("answers", map[string]string{"mood": "bad"}), 422, "validation_failed", "answers"},
		{"answers bad value", with("answers", map[string]string{"court_involved": "maybe"}), 422, "validation_failed", "answers"},
		{"unknown field", with("nmae", "张三"), 400, "unknown_field", "nmae"},
		{"not JSON", "{kind: complaint", 400, "bad_request", ""},
		{"JSON array", "[]", 400, "bad_request", ""},
		{"empty body", "", 400, "bad_request", ""},
		{"trailing data", `{"kind":"complaint","text":"x"} {}`, 400, "bad_request", ""},
	}
	for _, tt := range tests {
		r := h.do(t, "POST", "/api/v1/cases", tok, tt.body)
		code, field := r.errCode()
		if r.status != tt.status || code != tt.code || field != tt.field || r.errMessage() == "" {
			t.Errorf("%s: %d %s, want %d %s field %q", tt.name, r.status, r.body, tt.status, tt.code, tt.field)
		}
	}
	r := h.do(t, "POST", "/api/v1/cases", tok, complaint("x"), "Idempotency-Key", strings.Repeat("k", 129))
	if _, field := r.errCode(); r.status != 400 || field != "Idempotency-Key" {
		t.Errorf("long Idempotency-Key: %d %s", r.status, r.body)
	}
	r = h.do(t, "POST", "/api/v1/cases", tok, `{"kind":"complaint","text":"x"}`, "Content-Type", "text/plain")
	if r.status != 415 {
		t.Errorf("text/plain body: %d %s", r.status, r.body)
	}
	// Nothing of the above was stored.
	if r := h.do(t, "GET", "/api/v1/cases", tok, nil); len(r.json["cases"].([]any)) != 0 {
		t.Errorf("invalid submissions stored: %s", r.body)
	}
}
