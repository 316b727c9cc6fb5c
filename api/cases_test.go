package api

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"petitiond/cases"
	"petitiond/cases/casestest"
)

func TestCitizenJourney(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-alice", "")

	r := h.do(t, "POST", "/api/v1/cases", tok, map[string]any{
		"kind": "complaint", "text": "小区门口的路灯坏了一个月，晚上很黑",
		"location": map[string]any{"lat": 31.23, "lng": 121.47, "address": "人民路1号"},
	})
	if r.status != 201 {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	no := r.str("tracking_no")
	if !strings.HasPrefix(no, "NY261102") || r.str("status") != "submitted" || r.str("channel") != "petition" ||
		r.str("kind") != "complaint" || r.str("department") == "" || r.json["guidance"] == nil || r.json["urgent"] != false {
		t.Errorf("submit answer: %s", r.body)
	}
	if got := r.header.Get("Location"); got != "/api/v1/cases/"+no {
		t.Errorf("Location %q", got)
	}
	dl, _ := r.json["deadlines"].([]any)
	if len(dl) == 0 {
		t.Fatalf("no deadlines: %s", r.body)
	}
	first := dl[0].(map[string]any)
	if due, _ := first["due"].(string); len(due) != 10 || due[4] != '-' || first["basis"] == "" || first["name"] == "" {
		t.Errorf("deadline shape: %v", first)
	}
	if _, ok := r.json["created_at"].(string); !ok {
		t.Errorf("created_at missing")
	}

	r = h.do(t, "GET", "/api/v1/cases", tok, nil)
	list, _ := r.json["cases"].([]any)
	if r.status != 200 || len(list) != 1 || list[0].(map[string]any)["tracking_no"] != no {
		t.Fatalf("list: %d %s", r.status, r.body)
	}

	r = h.do(t, "GET", "/api/v1/cases/"+no, tok, nil)
	tl, _ := r.json["timeline"].([]any)
	if r.status != 200 || len(tl) != 1 || tl[0].(map[string]any)["action"] != "submit" {
		t.Fatalf("detail: %d %s", r.status, r.body)
	}
	if acts := r.json["actions"].(map[string]any); acts["withdraw"] != true || acts["evaluate"] != false {
		t.Errorf("actions %v", acts)
	}

	r = h.do(t, "POST", "/api/v1/cases/"+no+"/withdraw", tok, map[string]string{"reason": "已经修好了"})
	if r.status != 200 || r.str("status") != "withdrawn" || r.str("status_label") != "已撤回" {
		t.Fatalf("withdraw: %d %s", r.status, r.body)
	}
	tl, _ = r.json["timeline"].([]any)
	if last := tl[len(tl)-1].(map[string]any); last["action"] != "withdraw" || last["text"] != "已经修好了" {
		t.Errorf("timeline after withdraw: %v", tl)
	}
	r = h.do(t, "POST", "/api/v1/cases/"+no+"/withdraw", tok, nil)
	if code, _ := r.errCode(); r.status != 409 || code != "invalid_state" {
		t.Errorf("second withdraw: %d %s", r.status, r.body)
	}
	r = h.do(t, "POST", "/api/v1/cases/"+no+"/supplements", tok, map[string]any{"text": "补充"})
	if r.status != 409 {
		t.Errorf("supplement to a withdrawn case: %d %s", r.status, r.body)
	}
	// The same journey without a token is refused.
	r = h.do(t, "GET", "/api/v1/cases", "", nil)
	if code, _ := r.errCode(); r.status != 401 || code != "unauthorized" {
		t.Errorf("no token: %d %s", r.status, r.body)
	}
}

func TestBusinessReport(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-company", "")
	r := h.do(t, "POST", "/api/v1/cases", tok, map[string]any{
		"kind": "business", "text": "区里的工程款拖了两年没有支付", "company_name": "某某建设有限公司",
		"credit_code": "91350100M000100Y43", "barrier_category": "政府拖欠账款",
	})
	if r.status != 201 || r.str("barrier_category") != "arrears" || r.str("credit_code") != "91350100M000100Y43" {
		t.Fatalf("business report: %d %s", r.status, r.body)
	}
}

func TestIdempotentSubmit(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-bob", "")
	body := complaint("噪音扰民，夜里施工")
	first := h.do(t, "POST", "/api/v1/cases", tok, body, "Idempotency-Key", "k-1")
	again := h.do(t, "POST", "/api/v1/cases", tok, body, "Idempotency-Key", "k-1")
	if first.status != 201 || again.status != 200 || first.str("tracking_no") != again.str("tracking_no") {
		t.Fatalf("retry: %d %s / %d %s", first.status, first.body, again.status, again.body)
	}
	r := h.do(t, "POST", "/api/v1/cases", tok, complaint("另一件事"), "Idempotency-Key", "k-1")
	if code, _ := r.errCode(); r.status != 409 || code != "idempotency_conflict" {
		t.Errorf("same key, other body: %d %s", r.status, r.body)
	}
	// The key is scoped to the caller: another person may use it.
	other := h.login(t, "mp-carol", "")
	if r := h.do(t, "POST", "/api/v1/cases", other, body, "Idempotency-Key", "k-1"); r.status != 201 {
		t.Errorf("another person's same key: %d %s", r.status, r.body)
	}

	// Concurrent retries create one case.
	const n = 8
	var wg sync.WaitGroup
	results := make([]result, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = h.do(t, "POST", "/api/v1/cases", tok, complaint("井盖丢了，很危险"), "Idempotency-Key", "k-concurrent")
		}()
	}
	wg.Wait()
	created, nos := 0, map[string]bool{}
	for _, r := range results {
		switch r.status {
		case 201:
			created++
		case 200:
		default:
			t.Fatalf("concurrent retry: %d %s", r.status, r.body)
		}
		nos[r.str("tracking_no")] = true
	}
	if created != 1 || len(nos) != 1 {
		t.Errorf("concurrent retries: %d created, %d tracking numbers", created, len(nos))
	}
	r = h.do(t, "GET", "/api/v1/cases?limit=50", tok, nil)
	if list := r.json["cases"].([]any); len(list) != 2 {
		t.Errorf("bob has %d cases, want 2", len(list))
	}
}

func TestAnotherPersonsCaseIsNotFound(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	alice, mallory := h.login(t, "mp-alice", ""), h.login(t, "mp-mallory", "")
	r := h.do(t, "POST", "/api/v1/cases", alice, complaint("楼道堆放杂物"))
	no := r.str("tracking_no")
	for _, req := range []struct{ method, path string }{
		{"GET", "/api/v1/cases/" + no},
		{"POST", "/api/v1/cases/" + no + "/withdraw"},
		{"POST", "/api/v1/cases/" + no + "/supplements"},
		{"POST", "/api/v1/cases/" + no + "/evaluation"},
	} {
		var body any
		switch {
		case strings.HasSuffix(req.path, "supplements"):
			body = map[string]any{"text": "x"}
		case strings.HasSuffix(req.path, "evaluation"):
			body = map[string]any{"rating": "满意"}
		}
		r := h.do(t, req.method, req.path, mallory, body)
		if code, _ := r.errCode(); r.status != 404 || code != "not_found" {
			t.Errorf("%s %s by another person: %d %s", req.method, req.path, r.status, r.body)
		}
	}
	if r := h.do(t, "GET", "/api/v1/cases", mallory, nil); len(r.json["cases"].([]any)) != 0 {
		t.Errorf("mallory lists alice's case: %s", r.body)
	}
	// A case that does not exist looks the same.
	missing := cases.FormatTrackingNo("NY", casestest.At("2026-11-02 10:00"), 99999)
	if r := h.do(t, "GET", "/api/v1/cases/"+missing, mallory, nil); r.status != 404 {
		t.Errorf("missing case: %d", r.status)
	}
	if r := h.do(t, "GET", "/api/v1/cases/NY2611020000", mallory, nil); r.status != 400 {
		t.Errorf("mistyped number: %d %s", r.status, r.body)
	}
	c, _ := h.svc.GetByTrackingNo(context.Background(), no)
	if c.Status != cases.StatusSubmitted {
		t.Errorf("alice's case changed: %s", c.Status)
	}
}

// Cases filed through the Official Account show in the mini-program when
// WeChat links the two openids by unionid, and the other way round.
func TestUnionIDLinksBotAndMiniProgram(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	ctx := context.Background()
	if err := h.ids.Link(ctx, "oa-dan", "union-dan", cases.IdentityOA); err != nil {
		t.Fatal(err)
	}
	bot, _, err := h.svc.Submit(ctx, cases.SubmitRequest{Kind: cases.KindComplaint, Text: "公众号里反映的事", Source: cases.SourceBot,
		Submitter: cases.Submitter{OpenID: "oa-dan", UnionID: "union-dan"}})
	if err != nil {
		t.Fatal(err)
	}
	tok := h.login(t, "mp-dan", "union-dan")
	mp := h.do(t, "POST", "/api/v1/cases", tok, complaint("小程序里反映的事"))
	r := h.do(t, "GET", "/api/v1/cases", tok, nil)
	list := r.json["cases"].([]any)
	if len(list) != 2 || list[0].(map[string]any)["tracking_no"] != mp.str("tracking_no") || list[1].(map[string]any)["tracking_no"] != bot.TrackingNo {
		t.Fatalf("linked list: %s", r.body)
	}
	if r := h.do(t, "GET", "/api/v1/cases/"+bot.TrackingNo, tok, nil); r.status != 200 {
		t.Errorf("bot case in the mini-program: %d", r.status)
	}
	q, _ := h.ids.SubmitterQuery(ctx, "oa-dan")
	both, _ := h.svc.ListBySubmitter(ctx, q)
	if len(both) != 2 {
		t.Errorf("the bot's 我的 sees %d cases, want 2", len(both))
	}
}

func TestListPagination(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-erin", "")
	var want []string
	for i := range 5 {
		h.clk.Advance(1e9)
		r := h.do(t, "POST", "/api/v1/cases", tok, complaint(fmt.Sprintf("第%d件事", i)))
		want = append([]string{r.str("tracking_no")}, want...)
	}
	var got []string
	cursor := ""
	for pages := 0; pages < 5; pages++ {
		r := h.do(t, "GET", "/api/v1/cases?limit=2&cursor="+cursor, tok, nil)
		for _, c := range r.json["cases"].([]any) {
			got = append(got, c.(map[string]any)["tracking_no"].(string))
		}
		if cursor = r.str("next_cursor"); cursor == "" {
			break
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	for _, q := range []string{"?limit=0", "?limit=51", "?cursor=%%%", "?status=closed"} {
		if r := h.do(t, "GET", "/api/v1/cases"+q, tok, nil); r.status != 400 {
			t.Errorf("%s: %d", q, r.status)
		}
	}
	if r := h.do(t, "GET", "/api/v1/cases?status=open", tok, nil); len(r.json["cases"].([]any)) != 5 {
		t.Errorf("open cases: %s", r.body)
	}
}
