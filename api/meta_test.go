package api

import (
	"encoding/json"
	"testing"

	"github.com/gofiber/fiber/v2"
)

func TestMetaAndClassify(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	r := h.do(t, "GET", "/api/v1/meta", "", nil)
	if r.status != 200 {
		t.Fatalf("meta: %d", r.status)
	}
	for key, n := range map[string]int{"kinds": 3, "channels": 4, "departments": 15, "barrier_categories": 10, "ratings": 3} {
		if got, _ := r.json[key].([]any); len(got) != n {
			t.Errorf("meta %s: %d entries, want %d", key, len(got), n)
		}
	}
	ch := r.json["channels"].([]any)[0].(map[string]any)
	if ch["code"] == "" || ch["name"] == "" || ch["description"] == "" {
		t.Errorf("channel entry %v", ch)
	}

	tok := h.login(t, "mp-mia", "")
	before, _ := h.svc.PendingOutbox(t.Context(), 10)
	r = h.do(t, "POST", "/api/v1/classify", tok, map[string]any{"kind": "complaint", "text": "市场监管局对我罚款五千元，我不服，想申请复议"})
	if r.status != 200 || r.str("channel") != "reconsideration" || r.str("channel_name") == "" || r.json["guidance"] == nil || r.str("department_name") == "" {
		t.Fatalf("classify: %d %s", r.status, r.body)
	}
	after, _ := h.svc.PendingOutbox(t.Context(), 10)
	if len(after) != len(before) {
		t.Error("classify stored something")
	}
	if r := h.do(t, "GET", "/api/v1/cases", tok, nil); len(r.json["cases"].([]any)) != 0 {
		t.Error("classify created a case")
	}
	// An answer settles the question.
	r = h.do(t, "POST", "/api/v1/classify", tok, map[string]any{"text": "法院判了我也不服", "answers": map[string]string{"court_involved": "yes"}})
	if r.status != 200 || r.str("channel") != "litigation" {
		t.Errorf("classify with an answer: %d %s", r.status, r.body)
	}
	for _, bad := range []map[string]any{{"text": ""}, {"text": "x", "kind": "other"}, {"text": "x", "answers": map[string]string{"wants": "revenge"}}} {
		if r := h.do(t, "POST", "/api/v1/classify", tok, bad); r.status != 422 {
			t.Errorf("classify %v: %d %s", bad, r.status, r.body)
		}
	}
	if r := h.do(t, "POST", "/api/v1/classify", "", map[string]any{"text": "x"}); r.status != 401 {
		t.Errorf("classify without a token: %d", r.status)
	}
}

func TestSubscriptions(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-ned", "")
	r := h.do(t, "POST", "/api/v1/subscriptions", tok, map[string]any{
		"results": map[string]string{"tpl-status": "accept", "tpl-reply": "reject", "errMsg": "requestSubscribeMessage:ok"},
	})
	if r.status != 200 || r.json["remaining"].(map[string]any)["tpl-status"] != float64(1) || r.json["remaining"].(map[string]any)["tpl-reply"] != nil {
		t.Fatalf("subscribe: %d %s", r.status, r.body)
	}
	h.do(t, "POST", "/api/v1/subscriptions", tok, map[string]any{"template_ids": []string{"tpl-status"}})
	r = h.do(t, "GET", "/api/v1/subscriptions", tok, nil)
	if r.json["remaining"].(map[string]any)["tpl-status"] != float64(2) {
		t.Errorf("consents counted: %s", r.body)
	}
	if r := h.do(t, "POST", "/api/v1/subscriptions", tok, map[string]any{"template_ids": []string{}}); r.status != 422 {
		t.Errorf("nothing to subscribe: %d %s", r.status, r.body)
	}
}

func TestOpenAPIDocumentMatchesRoutes(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	if problems := CheckRoutes(h.app, h.doc, Prefix); len(problems) > 0 {
		t.Errorf("OpenAPI and routes disagree:\n%v", problems)
	}
	r := h.do(t, "GET", "/api/v1/openapi.json", "", nil)
	var doc struct {
		OpenAPI    string                               `json:"openapi"`
		Paths      map[string]map[string]map[string]any `json:"paths"`
		Components struct {
			Schemas         map[string]any `json:"schemas"`
			SecuritySchemes map[string]any `json:"securitySchemes"`
		} `json:"components"`
	}
	if r.status != 200 || json.Unmarshal(r.body, &doc) != nil || doc.OpenAPI != "3.0.3" {
		t.Fatalf("document: %d %.200s", r.status, r.body)
	}
	for _, s := range []string{SecurityCitizen, SecurityStaff, SecurityCallback} {
		if doc.Components.SecuritySchemes[s] == nil {
			t.Errorf("security scheme %s not declared", s)
		}
	}
	if doc.Paths["/api/v1/cases/{tracking_no}"]["get"]["security"] == nil || doc.Paths["/api/v1/auth/login"]["post"]["security"] != nil {
		t.Error("security requirements wrong")
	}
	// Every $ref resolves.
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && k == "$ref" {
					refs = append(refs, s)
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	var raw any
	json.Unmarshal(r.body, &raw)
	walk(raw)
	for _, ref := range refs {
		if name := ref[len("#/components/schemas/"):]; doc.Components.Schemas[name] == nil {
			t.Errorf("dangling $ref %s", ref)
		}
	}

	// A route without documentation, and documentation without a route, are caught.
	h.app.Get("/api/v1/undocumented", func(c *fiber.Ctx) error { return nil })
	h.doc.AddPath("DELETE", "/api/v1/cases/:tracking_no", Operation{Summary: "not routed"})
	problems := CheckRoutes(h.app, h.doc, Prefix)
	if len(problems) != 2 {
		t.Errorf("problems %v", problems)
	}
}
