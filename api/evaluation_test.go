package api

import (
	"context"
	"strings"
	"testing"

	"petitiond/cases"
)

// replied files a case through the API and has staff work it to a reply.
func (h *harness) replied(t *testing.T, tok, text string) (string, *cases.Case) {
	t.Helper()
	ctx := context.Background()
	no := h.do(t, "POST", "/api/v1/cases", tok, complaint(text)).str("tracking_no")
	c, err := h.svc.GetByTrackingNo(ctx, no)
	if err != nil {
		t.Fatal(err)
	}
	staff := cases.Staff("wang.clerk", "urban")
	if _, err = h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "内部备注：转城管，注意该人多次来访"); err != nil {
		t.Fatal(err)
	}
	if _, err = h.svc.Return(ctx, c.ID, staff, "内部：不归我们管，应由住建处理"); err != nil {
		t.Fatal(err)
	}
	if _, err = h.svc.Dispatch(ctx, c.ID, "urban", cases.System, "重新交办"); err != nil {
		t.Fatal(err)
	}
	if _, err = h.svc.Accept(ctx, c.ID, staff); err != nil {
		t.Fatal(err)
	}
	if _, err = h.svc.RecordEvent(ctx, c.ID, cases.Staff("li.oversight", "oversight"), cases.EventOversight, "督办：抓紧", nil); err != nil {
		t.Fatal(err)
	}
	if c, err = h.svc.Reply(ctx, c.ID, staff, "已安排维修，三日内修复。"); err != nil {
		t.Fatal(err)
	}
	return no, c
}

func TestEvaluation(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-kim", "")

	early := h.do(t, "POST", "/api/v1/cases", tok, complaint("刚提交的事")).str("tracking_no")
	r := h.do(t, "POST", "/api/v1/cases/"+early+"/evaluation", tok, map[string]string{"rating": "满意"})
	if code, _ := r.errCode(); r.status != 409 || code != "not_evaluable" {
		t.Errorf("evaluation before a reply: %d %s", r.status, r.body)
	}

	no, _ := h.replied(t, tok, "路灯不亮")
	r = h.do(t, "GET", "/api/v1/cases/"+no, tok, nil)
	if r.json["actions"].(map[string]any)["evaluate"] != true {
		t.Errorf("evaluate not offered after the reply: %s", r.body)
	}
	for _, bad := range []map[string]string{{"rating": "还行"}, {"rating": ""}, {"rating": "满意", "comment": strings.Repeat("好", 501)}} {
		r := h.do(t, "POST", "/api/v1/cases/"+no+"/evaluation", tok, bad)
		if r.status != 422 {
			t.Errorf("evaluation %v: %d %s", bad, r.status, r.body)
		}
	}
	r = h.do(t, "POST", "/api/v1/cases/"+no+"/evaluation", tok, map[string]string{"rating": "满意", "comment": "修得很快"})
	if r.status != 200 || r.str("status") != "followed_up" || r.json["evaluation"].(map[string]any)["rating"] != "满意" {
		t.Fatalf("evaluation: %d %s", r.status, r.body)
	}
	r = h.do(t, "POST", "/api/v1/cases/"+no+"/evaluation", tok, map[string]string{"rating": "不满意"})
	if code, _ := r.errCode(); r.status != 409 || code != "already_evaluated" {
		t.Errorf("second evaluation: %d %s", r.status, r.body)
	}

	// 不满意 reopens the case for another round, with a dispatch queued.
	no2, c2 := h.replied(t, tok, "垃圾没人清")
	r = h.do(t, "POST", "/api/v1/cases/"+no2+"/evaluation", tok, map[string]string{"rating": "不满意", "comment": "根本没清"})
	if r.status != 200 || r.str("status") != "reopened" {
		t.Fatalf("unsatisfied: %d %s", r.status, r.body)
	}
	pending, _ := h.svc.PendingOutbox(context.Background(), 100)
	found := false
	for _, m := range pending {
		found = found || (m.CaseID == c2.ID && m.Topic == cases.TopicDispatch && m.CreatedAt.Equal(h.svc.Now()))
	}
	if !found {
		t.Error("reopening queued no dispatch")
	}
}

// The citizen's timeline shows the reply and their own words, never staff
// names, internal notes, return reasons or oversight.
func TestTimelineKeepsInternalsInside(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-lee", "")
	no, _ := h.replied(t, tok, "井盖缺失")
	r := h.do(t, "GET", "/api/v1/cases/"+no, tok, nil)
	body := string(r.body)
	for _, secret := range []string{"wang.clerk", "li.oversight", "内部", "督办", "多次来访", "住建", "oversight"} {
		if strings.Contains(body, secret) {
			t.Errorf("detail shows %q: %s", secret, body)
		}
	}
	if !strings.Contains(body, "已安排维修，三日内修复。") {
		t.Errorf("reply text missing: %s", body)
	}
	var actions []string
	for _, e := range r.json["timeline"].([]any) {
		actions = append(actions, e.(map[string]any)["action"].(string))
	}
	if got := strings.Join(actions, ","); got != "submit,dispatch,return,dispatch,accept,reply" {
		t.Errorf("timeline actions %s", got)
	}
}
