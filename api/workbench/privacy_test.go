package workbench

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/staff"
)

// Every way personal data can be revealed leaves an audit record naming
// who, when, which field and which case.
func TestEveryRevealIsAudited(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.account("li", staff.RoleHandler, "market")
	e.account("ov", staff.RoleOversight, "")
	e.account("caller", staff.RoleCaller, "call_centre")
	c := e.submit("超市卖过期食品", "market")
	task, err := e.calls.Create(ctx, cases.CallTask{Kind: cases.CallFollowUp, CaseID: c.ID, Phone: c.Submitter.Phone})
	if err != nil {
		t.Fatal(err)
	}
	_, secret, _ := e.accounts.IssueToken(ctx, staff.System, "market", "erp", "")

	type want struct {
		actor, field string
		value        string
	}
	var wants []want

	li := e.client().mustLogin("li")
	for _, f := range []struct{ field, value string }{{"phone", "13812341234"}, {"name", "张三丰"}, {"id_number", "11010519491231002X"}, {"address", "北京市朝阳区某某路1号"}} {
		status, _, body := li.post("/workbench/cases/"+c.ID+"/reveal", "field", f.field)
		if status != 200 || !strings.Contains(body, f.value) || !strings.Contains(body, "记入审计日志") {
			t.Fatalf("reveal %s: %d", f.field, status)
		}
		wants = append(wants, want{"li", f.field, f.value})
	}
	e.clk.Advance(time.Minute)
	ov := e.client().mustLogin("ov")
	if status, _, _ := ov.post("/workbench/cases/"+c.ID+"/reveal", "field", "phone"); status != 200 {
		t.Fatalf("oversight reveal: %d", status)
	}
	wants = append(wants, want{"ov", "phone", ""})

	caller := e.client().mustLogin("caller")
	status, _, body := caller.get("/workbench/calls/" + task.ID)
	if status != 200 || strings.Contains(body, "13812341234") || !strings.Contains(body, "138****1234") {
		t.Fatalf("call page %d shows the number before the reveal", status)
	}
	status, _, body = caller.post("/workbench/calls/" + task.ID + "/reveal")
	if status != 200 || !strings.Contains(body, "13812341234") {
		t.Fatalf("call reveal: %d", status)
	}
	wants = append(wants, want{"caller", "phone", ""})
	if got, _ := e.calls.Get(ctx, task.ID); got.AssignedTo != "caller" {
		t.Errorf("the reveal did not assign the task: %+v", got)
	}

	resp, raw := e.client().json(secret, "POST", "/api/v1/staff/cases/"+c.ID+"/reveal", `{"field":"phone"}`)
	var out struct{ Value string }
	json.Unmarshal([]byte(raw), &out)
	if resp.StatusCode != 200 || out.Value != "13812341234" {
		t.Fatalf("API reveal: %d %+v", resp.StatusCode, out)
	}
	wants = append(wants, want{"api:erp", "phone", ""})

	rows := e.auditRows(staff.AuditReveal)
	if len(rows) != len(wants) {
		t.Fatalf("%d reveal records, want %d: %+v", len(rows), len(wants), rows)
	}
	for i, w := range wants {
		r := rows[len(rows)-1-i] // newest first
		if r.Actor != w.actor || r.Field != w.field || r.CaseID != c.ID || r.At.IsZero() || r.IP == "" {
			t.Errorf("record %d: %+v, want %s/%s on %s", i, r, w.actor, w.field, c.ID)
		}
	}
	// The admin reads them on the audit page.
	e.account("root", staff.RoleAdmin, "")
	root := e.client().mustLogin("root")
	_, _, body = root.get("/workbench/audit?action=reveal&case=" + c.TrackingNo)
	if !strings.Contains(body, c.TrackingNo) || strings.Count(body, "查看个人信息") < len(wants) {
		t.Errorf("audit page does not list the reveals")
	}
}

func TestConfidentialCasesHideTheReporterFromTheUnit(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "market")
	e.account("ov", staff.RoleOversight, "")
	c := e.submit("举报市场所工作人员收受好处", "market", func(r *cases.SubmitRequest) { r.Confidential = true })
	li := e.client().mustLogin("li")
	status, _, body := li.get("/workbench/cases/" + c.ID)
	if status != 200 || !strings.Contains(body, "保密") {
		t.Fatalf("case page %d", status)
	}
	for _, leak := range []string{"张", "138****1234", "13812341234", "reveal-phone", "1101"} {
		if strings.Contains(body, leak) {
			t.Errorf("a handler sees %q of a confidential reporter", leak)
		}
	}
	if status, _, _ := li.post("/workbench/cases/"+c.ID+"/reveal", "field", "phone"); status != http.StatusForbidden {
		t.Errorf("handler reveal on a confidential case: %d", status)
	}
	_, _, csv := li.get("/workbench/cases.csv?status=all")
	if strings.Contains(csv, "138") || !strings.Contains(csv, "保密") {
		t.Errorf("the export leaks the confidential reporter:\n%s", csv)
	}
	ov := e.client().mustLogin("ov")
	if _, _, body := ov.get("/workbench/cases/" + c.ID); !strings.Contains(body, "138****1234") {
		t.Error("oversight does not see the masked phone")
	}
	if status, _, body := ov.post("/workbench/cases/"+c.ID+"/reveal", "field", "phone"); status != 200 || !strings.Contains(body, "13812341234") {
		t.Errorf("oversight reveal: %d", status)
	}
	if n := len(e.auditRows(staff.AuditReveal)); n != 1 {
		t.Errorf("%d reveal records, want 1 (the refused one leaves none)", n)
	}
}

func TestReconsiderationIsNeverShownToTheRespondent(t *testing.T) {
	e := newEnv(t)
	e.account("market", staff.RoleHandler, "market")
	e.account("office", staff.RoleHandler, "reconsideration_office")
	// Misrouted to the respondent itself (the domain refuses such a dispatch
	// now; a row from before, or written around it, must still stay hidden).
	c := e.submit("对市场监管局的罚款不服，申请复议", "")
	if c.Channel() != cases.ChannelReconsideration || c.Department != "market" {
		t.Fatalf("fixture: %s %s", c.Channel(), c.Department)
	}
	if _, err := e.st.DB().Exec(`UPDATE cases SET unit = 'market', status = 'dispatched' WHERE id = $1`, c.ID); err != nil {
		t.Fatal(err)
	}
	m := e.client().mustLogin("market")
	if status, _, _ := m.get("/workbench/cases/" + c.ID); status != http.StatusNotFound {
		t.Errorf("respondent opens the case: %d", status)
	}
	if _, _, body := m.get("/workbench/cases?status=all"); strings.Contains(body, c.TrackingNo) {
		t.Error("respondent's inbox lists the case")
	}
	// Oversight cannot route it to the respondent either.
	e.account("ov", staff.RoleOversight, "")
	ov := e.client().mustLogin("ov")
	o := e.client().mustLogin("office")
	if _, err := e.svc.Return(context.Background(), c.ID, cases.System, "误派"); err != nil {
		t.Fatal(err)
	}
	if _, _, body := ov.get("/workbench/oversight"); !strings.Contains(body, c.TrackingNo) {
		t.Error("the returned case is not waiting for oversight")
	}
	if status, _, body := ov.post("/workbench/cases/"+c.ID+"/dispatch", "unit", "market"); status != http.StatusUnprocessableEntity || !strings.Contains(body, "被申请人") {
		t.Errorf("dispatch to the respondent: %d", status)
	}
	if status, _, _ := ov.post("/workbench/cases/"+c.ID+"/dispatch", "unit", "reconsideration_office"); status != http.StatusSeeOther {
		t.Fatalf("dispatch to the office: %d", status)
	}
	if status, _, _ := o.get("/workbench/cases/" + c.ID); status != 200 {
		t.Errorf("the reconsideration office cannot open it: %d", status)
	}
}

func TestExportIsMaskedAuditedAndOpensInExcel(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "urban")
	e.submit("=HYPERLINK(\"http://evil\") 路灯坏了", "urban")
	li := e.client().mustLogin("li")
	status, _, body := li.get("/workbench/cases.csv")
	if status != 200 || !strings.HasPrefix(body, "\xEF\xBB\xBF受理编号,") {
		t.Fatalf("csv %d: %q", status, body[:min(len(body), 40)])
	}
	if strings.Contains(body, "13812341234") || !strings.Contains(body, "138****1234") {
		t.Error("the export is not masked")
	}
	if strings.Contains(body, ",=HYPERLINK") || !strings.Contains(body, "'=HYPERLINK") {
		t.Error("a formula was exported as a formula")
	}
	if rows := e.auditRows(staff.AuditExport); len(rows) != 1 || rows[0].Actor != "li" {
		t.Errorf("export audit: %+v", rows)
	}
}
