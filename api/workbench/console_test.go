package workbench

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/staff"
)

func TestOversightReroutesDecidesAndSupervises(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.account("ov", staff.RoleOversight, "")
	e.account("li", staff.RoleHandler, "urban")
	returned := e.submit("医院乱收费", "urban")
	ext := e.submit("违建拆除", "urban")
	li := e.client().mustLogin("li")
	li.post("/workbench/cases/"+returned.ID+"/return", "note", "属于卫健委职责")
	li.post("/workbench/cases/" + ext.ID + "/accept")
	li.post("/workbench/cases/"+ext.ID+"/extension", "days", "15", "note", "需协调多部门")

	ov := e.client().mustLogin("ov")
	status, _, body := ov.get("/workbench/oversight")
	if status != 200 || !strings.Contains(body, returned.TrackingNo) || !strings.Contains(body, ext.TrackingNo) || !strings.Contains(body, "需协调多部门") {
		t.Fatalf("console %d", status)
	}
	if status, loc, _ := ov.post("/workbench/cases/"+returned.ID+"/dispatch", "unit", "health", "back", "/workbench/oversight"); status != http.StatusSeeOther || loc != "/workbench/oversight" {
		t.Fatalf("reroute: %d %s", status, loc)
	}
	if got, _ := e.svc.Get(ctx, returned.ID); got.Unit != "health" || got.Status != cases.StatusDispatched {
		t.Errorf("rerouted case %s %s", got.Unit, got.Status)
	}
	before, _ := e.svc.Get(ctx, ext.ID)
	if status, _, _ := ov.post("/workbench/cases/"+ext.ID+"/extension/grant", "note", "同意", "back", "/workbench/oversight"); status != http.StatusSeeOther {
		t.Fatalf("grant: %d", status)
	}
	after, _ := e.svc.Get(ctx, ext.ID)
	if after.Status != cases.StatusAccepted || after.Extension.Decision != "granted" || !after.NextDueAt.After(*before.NextDueAt) && after.Deadlines[1].Extended != 15 {
		t.Errorf("after grant: %s %+v", after.Status, after.Extension)
	}
	// A bad back link is ignored: the form returns to the case.
	if status, loc, _ := ov.post("/workbench/cases/"+ext.ID+"/oversee", "note", "请加快办理", "back", "https://evil.example/"); status != http.StatusSeeOther || loc != "/workbench/cases/"+ext.ID {
		t.Fatalf("oversee: %d %s", status, loc)
	}
	if _, _, body := ov.get("/workbench/cases?escalated=1"); !strings.Contains(body, ext.TrackingNo) {
		t.Error("the supervised case is not in the escalated list")
	}
	// Handlers see the 督办 in the timeline.
	if _, _, body := li.get("/workbench/cases/" + ext.ID); !strings.Contains(body, "请加快办理") || !strings.Contains(body, "督办") {
		t.Error("the handler does not see the supervision note")
	}
	// Reopen a closed case.
	li.post("/workbench/cases/"+ext.ID+"/reply", "note", "已拆除")
	if status, _, _ := ov.post("/workbench/cases/"+ext.ID+"/reopen", "note", "群众反映未拆除"); status != http.StatusSeeOther {
		t.Fatalf("reopen: %d", status)
	}
	if got, _ := e.svc.Get(ctx, ext.ID); got.Status != cases.StatusReopened {
		t.Errorf("reopened: %s", got.Status)
	}
}

func TestInboxStatesAndFilters(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "urban")
	old := e.submit("路灯坏了", "urban") // petition: acceptance due in 15 days
	e.clk.Advance(13 * 24 * time.Hour)
	fresh := e.submit("井盖丢失", "urban", func(r *cases.SubmitRequest) { r.Text = "井盖丢失 不想活了" })
	li := e.client().mustLogin("li")
	_, _, body := li.get("/workbench/cases")
	if i, j := strings.Index(body, old.TrackingNo), strings.Index(body, fresh.TrackingNo); i < 0 || j < 0 || i > j {
		t.Fatalf("the inbox is not ordered by due date")
	}
	check := func(query string, in, out *cases.Case) {
		t.Helper()
		_, _, body := li.get("/workbench/cases?" + query)
		if in != nil && !strings.Contains(body, in.TrackingNo) {
			t.Errorf("%s: %s missing", query, in.TrackingNo)
		}
		if out != nil && strings.Contains(body, out.TrackingNo) {
			t.Errorf("%s: %s listed", query, out.TrackingNo)
		}
	}
	check("state=warning", old, fresh)
	check("state=normal", fresh, old)
	check("urgent=1", fresh, old)
	check("q=井盖", fresh, old)
	check("q="+old.TrackingNo, old, fresh)
	e.clk.Advance(3 * 24 * time.Hour)
	li.mustLogin("li") // three idle days end any session
	check("state=overdue", old, fresh)
	_, _, body = li.get("/workbench/cases")
	if !strings.Contains(body, `class="badge overdue"`) {
		t.Error("no overdue badge")
	}
}

func TestCallerFollowsUp(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.account("caller", staff.RoleCaller, "call_centre")
	e.account("caller2", staff.RoleCaller, "call_centre")
	c := e.submit("路灯坏了", "urban")
	e.finish(c.ID, "urban")
	task, err := e.calls.CreateFollowUp(ctx, c.ID, "回访问卷未答复")
	if err != nil || task == nil {
		t.Fatalf("follow-up task: %+v %v", task, err)
	}

	cl := e.client().mustLogin("caller")
	status, _, body := cl.get("/workbench/calls")
	if status != 200 || !strings.Contains(body, "138****1234") {
		t.Fatalf("call list %d", status)
	}
	_, _, body = cl.get("/workbench/calls/" + task.ID)
	for _, want := range []string{c.TrackingNo, "已修复，办结", "满意、基本满意，还是不满意", "张**", "无法联系"} {
		if !strings.Contains(body, want) {
			t.Errorf("call page lacks %q", want)
		}
	}
	if strings.Contains(body, "13812341234") {
		t.Error("the number is shown before it is revealed")
	}
	if status, _, body := cl.post("/workbench/calls/" + task.ID + "/reveal"); status != 200 || !strings.Contains(body, "13812341234") {
		t.Fatalf("reveal: %d", status)
	}
	// Another caller cannot take it over.
	cl2 := e.client().mustLogin("caller2")
	if status, _, _ := cl2.post("/workbench/calls/" + task.ID + "/reveal"); status != http.StatusConflict {
		t.Errorf("second caller reveal: %d", status)
	}
	if status, _, body := cl.post("/workbench/calls/"+task.ID+"/outcome", "outcome", cases.OutcomeUnreachable, "comment", "无人接听"); status != http.StatusSeeOther {
		t.Fatalf("unreachable: %d %s", status, body)
	}
	got, _ := e.calls.Get(ctx, task.ID)
	if got.Status != cases.CallOpen || got.Attempts != 1 || !got.DueAt.After(e.svc.Now()) {
		t.Errorf("after an unanswered call: %+v", got)
	}
	if status, _, body := cl.post("/workbench/calls/"+task.ID+"/outcome", "outcome", "回头再说"); status != http.StatusUnprocessableEntity || !strings.Contains(body, "请选择") {
		t.Errorf("unknown outcome: %d", status)
	}
	if status, _, _ := cl.post("/workbench/calls/"+task.ID+"/outcome", "outcome", cases.RatingBasicSatisfied, "comment", "希望以后快一点"); status != http.StatusSeeOther {
		t.Fatalf("rating: %d", status)
	}
	got, _ = e.calls.Get(ctx, task.ID)
	cs, _ := e.svc.Get(ctx, c.ID)
	if got.Status != cases.CallDone || got.Attempts != 2 || cs.Status != cases.StatusFollowedUp || cs.Evaluation.Rating != cases.RatingBasicSatisfied {
		t.Errorf("after the call: task %+v case %s %+v", got, cs.Status, cs.Evaluation)
	}
	if status, _, _ := cl.post("/workbench/calls/"+task.ID+"/outcome", "outcome", cases.RatingSatisfied); status != http.StatusConflict {
		t.Errorf("a finished task recorded again: %d", status)
	}
}

func TestDashboardForOversightAndForAUnit(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.account("ov", staff.RoleOversight, "")
	e.account("da", staff.RoleDeptAdmin, "urban")
	a := e.submit("路灯坏了", "urban")
	e.submit("超市卖过期食品", "market")
	e.finish(a.ID, "urban")
	e.svc.FollowUp(ctx, a.ID, cases.Citizen, cases.RatingSatisfied, "", "bot")
	late := e.submit("垃圾未清运", "urban")
	e.clk.Advance(20 * 24 * time.Hour)

	ov := e.client().mustLogin("ov")
	status, _, body := ov.get("/workbench/dashboard")
	for _, want := range []string{"<svg", "市场监督管理局", "城市管理局", "满意率", `id="satisfaction">100%`, late.TrackingNo, "近30日"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if status != 200 {
		t.Fatalf("dashboard %d", status)
	}
	da := e.client().mustLogin("da")
	_, _, body = da.get("/workbench/dashboard?unit=market")
	if strings.Contains(body, "市场监督管理局") {
		t.Error("a unit's dashboard shows another unit")
	}
	if _, _, csv := ov.get("/workbench/cases.csv?state=overdue"); !strings.Contains(csv, late.TrackingNo) {
		t.Error("the overdue export lacks the overdue case")
	}
}

func TestAdminIssuesTokensAndAccounts(t *testing.T) {
	e := newEnv(t)
	e.account("root", staff.RoleAdmin, "")
	e.account("da", staff.RoleDeptAdmin, "urban")
	root := e.client().mustLogin("root")
	status, _, body := root.post("/workbench/accounts", "username", "Wang", "name", "王五", "role", "handler", "unit", "")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "请选择所属单位") || !strings.Contains(body, `value="Wang"`) {
		t.Fatalf("handler without a unit: %d", status)
	}
	_, _, body = root.post("/workbench/accounts", "username", "Wang", "name", "王五", "role", "handler", "unit", "urban")
	m := passwordShown.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no initial password shown")
	}
	if status, loc, _ := e.client().login("wang", m[1]); status != http.StatusSeeOther || loc != "/workbench/password" {
		t.Errorf("new account's first sign-in: %d %s", status, loc)
	}

	da := e.client().mustLogin("da")
	_, _, body = da.post("/workbench/tokens", "unit", "market", "name", "城管业务系统") // a dept_admin's token is for its own unit
	if !strings.Contains(body, "pdt_") {
		t.Fatalf("no token shown:\n%s", body)
	}
	list, _ := e.accounts.Tokens(context.Background(), staff.System)
	if len(list) != 1 || list[0].Unit != "urban" {
		t.Fatalf("tokens %+v", list)
	}
	if _, _, body := root.get("/workbench/tokens"); !strings.Contains(body, "城管业务系统") || strings.Contains(body, "pdt_") {
		t.Error("the token list shows a secret or lacks the token")
	}
	if _, _, body := root.get("/workbench/audit?action=token_add"); !strings.Contains(body, "签发接口令牌") {
		t.Error("token issue not audited")
	}
}
