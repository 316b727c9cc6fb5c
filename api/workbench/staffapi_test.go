package workbench

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"petitiond/api"
	"petitiond/cases"
	"petitiond/staff"
)

func apiDo(t *testing.T, e *env, token, method, path, body string) (int, map[string]any) {
	t.Helper()
	resp, b := e.client().json(token, method, path, body)
	var out map[string]any
	if err := json.Unmarshal([]byte(b), &out); err != nil {
		t.Fatalf("%s %s: not JSON (%d): %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode, out
}

func TestStaffAPIForADepartmentsSystem(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, market, _ := e.accounts.IssueToken(ctx, staff.System, "market", "erp", "")
	_, env, _ := e.accounts.IssueToken(ctx, staff.System, "environment", "env-system", "")
	c := e.submit("超市卖过期食品", "market")
	e.submit("工地噪音", "environment")
	secret := e.submit("举报执法人员", "market", func(r *cases.SubmitRequest) { r.Confidential = true })

	status, out := apiDo(t, e, market, "GET", "/api/v1/staff/cases", "")
	list, _ := out["cases"].([]any)
	if status != 200 || out["total"] != float64(2) || len(list) != 2 {
		t.Fatalf("list %d %v", status, out)
	}
	first := list[0].(map[string]any)
	sub := first["submitter"].(map[string]any)
	if first["unit"] != "market" || first["due_state"] != "normal" || !strings.Contains(sub["phone"].(string), "****") && sub["phone"] != staff.Confidential {
		t.Errorf("list item %v", first)
	}
	if status, out := apiDo(t, e, market, "GET", "/api/v1/staff/cases?state=overdue", ""); status != 200 || out["total"] != float64(0) {
		t.Errorf("overdue filter: %d %v", status, out)
	}
	if status, out := apiDo(t, e, market, "GET", "/api/v1/staff/cases?limit=0", ""); status != 422 || out["error"].(map[string]any)["field"] != "limit" {
		t.Errorf("bad limit: %d %v", status, out)
	}

	status, out = apiDo(t, e, market, "GET", "/api/v1/staff/cases/"+c.ID, "")
	if status != 200 || out["case"].(map[string]any)["tracking_no"] != c.TrackingNo || len(out["timeline"].([]any)) != 2 {
		t.Fatalf("get %d %v", status, out)
	}
	if acts := out["case"].(map[string]any)["allowed_actions"].([]any); len(acts) != 2 { // accept, return
		t.Errorf("allowed actions %v", acts)
	}
	if status, _ := apiDo(t, e, env, "GET", "/api/v1/staff/cases/"+c.ID, ""); status != http.StatusNotFound {
		t.Errorf("another unit's token opens the case: %d", status)
	}
	if status, _ := apiDo(t, e, env, "POST", "/api/v1/staff/cases/"+c.ID+"/accept", ""); status != http.StatusNotFound {
		t.Errorf("another unit's token acts on the case: %d", status)
	}

	steps := []struct {
		path, body string
		status     int
		want       cases.Status
	}{
		{"/reply", `{"text":"x"}`, http.StatusConflict, cases.StatusDispatched}, // not accepted yet
		{"/accept", ``, 200, cases.StatusAccepted},
		{"/extension", `{"days":10}`, 422, cases.StatusAccepted}, // no reason
		{"/extension", `{"days":10,"reason":"需现场检测"}`, 200, cases.StatusExtensionRequested},
		{"/reply", `{"text":"   "}`, 422, cases.StatusExtensionRequested},
		{"/reply", `not json`, 400, cases.StatusExtensionRequested},
		{"/reply", `{"text":"已责令下架并处罚。"}`, 200, cases.StatusReplied},
		{"/close", `{"result":"办结"}`, 200, cases.StatusClosed},
	}
	for _, s := range steps {
		status, out := apiDo(t, e, market, "POST", "/api/v1/staff/cases/"+c.ID+s.path, s.body)
		got, _ := e.svc.Get(ctx, c.ID)
		if status != s.status || got.Status != s.want {
			t.Fatalf("%s %s: %d %v, case %s", s.path, s.body, status, out, got.Status)
		}
		if status == 200 && out["case"].(map[string]any)["status"] != string(s.want) {
			t.Errorf("%s answers %v", s.path, out["case"])
		}
	}
	events, _ := e.svc.Timeline(ctx, c.ID)
	if a := events[len(events)-1].Actor; a.ID != "api:erp" || a.Unit != "market" {
		t.Errorf("timeline actor %+v", a)
	}

	if status, out := apiDo(t, e, market, "POST", "/api/v1/staff/cases/"+secret.ID+"/reveal", `{"field":"phone"}`); status != http.StatusForbidden {
		t.Errorf("reveal on a confidential case: %d %v", status, out)
	}
	for _, bad := range []string{"", "pdt_nope", "Basic abc"} {
		status, out := apiDo(t, e, bad, "GET", "/api/v1/staff/cases", "")
		if status != http.StatusUnauthorized || out["error"] == nil {
			t.Errorf("token %q: %d %v", bad, status, out)
		}
	}
}

func TestOpenAPIDocumentsEveryStaffRoute(t *testing.T) {
	e := newEnv(t)
	doc := api.NewOpenAPI("petitiond API", "1")
	e.h.Document(doc)
	if problems := api.CheckRoutes(e.app, doc, APIPrefix); len(problems) > 0 {
		t.Errorf("staff API and its document disagree:\n%s", strings.Join(problems, "\n"))
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"staffToken"`, `"/api/v1/staff/cases/{id}/reply"`, `"StaffCase"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("document lacks %s", want)
		}
	}
}

func TestGuidanceFromTheClassifiersFile(t *testing.T) {
	guidance := GuidanceFrom(guidanceSet(t))
	for _, ch := range cases.Channels {
		g := guidance(ch)
		if g == nil || g.Title == "" || len(g.Items) == 0 {
			t.Errorf("%s: %+v", ch, g)
		}
	}
	if g := guidance("nonsense"); g != nil {
		t.Errorf("unknown channel: %+v", g)
	}
}
