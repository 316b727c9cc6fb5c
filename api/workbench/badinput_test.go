package workbench

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"petitiond/staff"
)

// The staff API reads its bodies as strictly as the citizen API (one
// decoder): unknown fields, wrong types and other content types are named
// errors, not ignored or a bare "bad request".
func TestStaffAPIBodiesAreStrict(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, tok, _ := e.accounts.IssueToken(ctx, staff.System, "market", "erp", "")
	c := e.submit("超市卖过期食品", "market")
	path := "/api/v1/staff/cases/" + c.ID
	if status, out := apiDo(t, e, tok, "POST", path+"/accept", ""); status != 200 {
		t.Fatalf("accept: %d %v", status, out)
	}
	tests := []struct {
		name, path, ct, body string
		status               int
		code, field          string
	}{
		{"days not a number", "/extension", "application/json", `{"days":"abc","reason":"需检测"}`, 422, "validation_failed", "days"},
		{"days a fraction", "/extension", "application/json", `{"days":3.5,"reason":"需检测"}`, 422, "validation_failed", "days"},
		{"days overflowing", "/extension", "application/json", `{"days":1e30,"reason":"需检测"}`, 422, "validation_failed", "days"},
		{"days zero", "/extension", "application/json", `{"days":0,"reason":"需检测"}`, 422, "validation_failed", "days"},
		{"days negative", "/extension", "application/json", `{"days":-5,"reason":"需检测"}`, 422, "validation_failed", "days"},
		{"days beyond the law", "/extension", "application/json", `{"days":99999999999,"reason":"需检测"}`, 422, "validation_failed", "days"},
		{"misspelt field", "/extension", "application/json", `{"dayz":10,"reason":"需检测"}`, 400, "unknown_field", "dayz"},
		{"a form, not JSON", "/extension", "application/x-www-form-urlencoded", `days=10&reason=x`, 415, "unsupported_media_type", ""},
		{"NUL in the reason", "/extension", "application/json", `{"days":10,"reason":"需\u0000检测"}`, 422, "validation_failed", "reason"},
		{"reveal field a number", "/reveal", "application/json", `{"field":5}`, 422, "validation_failed", "field"},
		{"reveal without a body", "/reveal", "", ``, 400, "bad_request", ""},
	}
	for _, tt := range tests {
		resp, body := e.client().send("POST", path+tt.path, tt.ct, tt.body, "Authorization", "Bearer "+tok)
		code, field := errorOf(t, body)
		if resp.StatusCode != tt.status || code != tt.code || field != tt.field {
			t.Errorf("%s: %d %s, want %d %s field %q", tt.name, resp.StatusCode, body, tt.status, tt.code, tt.field)
		}
	}
	if got, _ := e.svc.Get(ctx, c.ID); got.Extension != nil {
		t.Errorf("a refused request stored an extension: %+v", got.Extension)
	}
}

// Query strings reach SQL: a NUL or invalid UTF-8 in a search, or a page
// number too large for its offset, is the caller's mistake — a 4xx or an
// empty page, never a 500 from the store.
func TestListQueriesNeverFail(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, tok, _ := e.accounts.IssueToken(ctx, staff.System, "market", "erp", "")
	e.submit("超市卖过期食品", "market")
	e.account("li", staff.RoleHandler, "market")
	e.account("root", staff.RoleAdmin, "")
	li, root := e.client().mustLogin("li"), e.client().mustLogin("root")
	for _, q := range []string{"q=%00", "q=%FF", "q=%E5%B8"} {
		status, out := apiDo(t, e, tok, "GET", "/api/v1/staff/cases?"+q, "")
		if status != 422 || out["error"].(map[string]any)["field"] != "q" {
			t.Errorf("staff API ?%s: %d %v", q, status, out)
		}
		for _, p := range []string{"/workbench/cases?", "/workbench/cases.csv?"} {
			if status, _, body := li.get(p + q); status != 422 || !strings.Contains(body, "无法识别的字符") {
				t.Errorf("%s%s: %d", p, q, status)
			}
		}
		if status, _, _ := root.get("/workbench/audit?actor=" + strings.TrimPrefix(q, "q=")); status != 422 {
			t.Errorf("audit actor %s: %d", q, status)
		}
	}
	for _, p := range []string{"/workbench/cases?page=99999999999999999999", "/workbench/cases?page=-3"} {
		if status, _, _ := li.get(p); status != http.StatusOK {
			t.Errorf("%s: %d", p, status)
		}
	}
	if status, _, _ := root.get("/workbench/audit?page=99999999999999999999"); status != http.StatusOK {
		t.Errorf("audit far page: %d", status)
	}
}

// A refused form keeps the case as it was and tells why.
func TestFormsWithBadValues(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	c := e.submit("工地夜间施工", "market")
	e.account("li", staff.RoleHandler, "market")
	e.account("ov", staff.RoleOversight, "")
	li, ov := e.client().mustLogin("li"), e.client().mustLogin("ov")
	path := "/workbench/cases/" + c.ID
	if status, _, _ := li.post(path + "/accept"); status != http.StatusSeeOther {
		t.Fatalf("accept: %d", status)
	}
	before, _ := e.svc.Timeline(ctx, c.ID)
	forms := []struct {
		who  *client
		path string
		kv   []string
		want string // the message the page must show
	}{
		{li, "/extension", []string{"days", "abc", "note", "需检测"}, "延期天数须为整数"},
		{li, "/extension", []string{"days", "0", "note", "需检测"}, "延期天数须为正数"},
		{li, "/extension", []string{"days", "-3", "note", "需检测"}, "延期天数须为正数"},
		{li, "/extension", []string{"days", "99999999999999999999", "note", "需检测"}, "超过法定最长延期"},
		{li, "/extension", []string{"days", "10", "note", "需\x00检测"}, "无法识别的字符"},
		{li, "/reply", []string{"note", "已\x00处理"}, "无法识别的字符"},
		{li, "/reply", []string{"note", "已\xff处理"}, "无法识别的字符"},
		{li, "/close", []string{"note", "办结"}, "当前状态不允许此操作"}, // not replied: no close form to show it
		{li, "/accept", nil, "当前状态不允许此操作"},                   // accepted already
		{ov, "/oversee", []string{"note", "督办\x00"}, "无法识别的字符"},
	}
	for _, f := range forms {
		status, _, body := f.who.post(path+f.path, f.kv...)
		if status < 400 || status >= 500 || !strings.Contains(body, f.want) {
			t.Errorf("%s %q: %d, want a 4xx saying %s", f.path, f.kv, status, f.want)
		}
	}
	after, _ := e.svc.Timeline(ctx, c.ID)
	if len(after) != len(before) {
		t.Errorf("refused forms wrote %d events", len(after)-len(before))
	}
}

// errorOf reads error.code and error.field of a JSON error body.
func errorOf(t *testing.T, body string) (string, string) {
	t.Helper()
	var out struct {
		Error struct{ Code, Field string }
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Errorf("not JSON: %s", body)
	}
	return out.Error.Code, out.Error.Field
}

// Accounts and tokens named in a path that do not exist are "not found",
// not a 500 (an unknown username) or a 401 as if the admin's own
// credentials were bad (an unknown token id); odd bytes in names are a
// form error; a NUL typed at sign-in is a wrong password, audited.
func TestAdminFormsWithUnknownOrOddValues(t *testing.T) {
	e := newEnv(t)
	e.account("root", staff.RoleAdmin, "")
	if status, _, body := e.client().login("ro\x00ot", testPassword); status != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码不正确") {
		t.Errorf("sign-in with a NUL: %d", status)
	}
	if rows := e.auditRows(staff.AuditLoginFailed); len(rows) != 1 || rows[0].Actor != "ro\uFFFDot" {
		t.Errorf("failed sign-in audited as %+v", rows)
	}
	root := e.client().mustLogin("root")
	if status, _, body := root.post("/workbench/accounts/nobody/password"); status != http.StatusNotFound || !strings.Contains(body, "未找到该账号") {
		t.Errorf("reset an unknown account: %d", status)
	}
	if status, loc, _ := root.post("/workbench/accounts/nobody/disable"); status != http.StatusSeeOther {
		t.Errorf("disable an unknown account: %d", status)
	} else if _, _, body := root.get(loc); !strings.Contains(body, "未找到该账号") {
		t.Errorf("disable an unknown account: no message")
	}
	if status, _, body := root.post("/workbench/tokens/999/revoke"); status != http.StatusNotFound || !strings.Contains(body, "未找到该接口令牌") {
		t.Errorf("revoke an unknown token: %d", status)
	}
	if status, _, body := root.post("/workbench/accounts", "username", "wang", "name", "王\x00五", "role", "handler", "unit", "market"); status != 422 || !strings.Contains(body, "无法识别的字符") {
		t.Errorf("account name with a NUL: %d", status)
	}
	if status, _, _ := root.post("/workbench/tokens", "unit", "market", "name", "erp\x00"); status != 422 {
		t.Errorf("token name with a NUL: %d", status)
	}
}
