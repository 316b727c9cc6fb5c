package api

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"petitiond/configs"
)

func TestLogin(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	ctx := context.Background()
	h.fake.AddCode("good", "mp-fay", "union-fay")
	r := h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": "good"})
	tok := r.str("token")
	if r.status != 200 || len(tok) != 43 || r.str("token_type") != "Bearer" || r.json["phone_bound"] != false {
		t.Fatalf("login: %d %s", r.status, r.body)
	}
	if strings.Contains(string(r.body), "session_key") || strings.Contains(string(r.body), "mp-fay") {
		t.Errorf("login answer leaks WeChat's session: %s", r.body)
	}
	// Redis holds a hash of the token, never the token.
	keys, _ := h.rdb.Keys(ctx, "*").Result()
	for _, k := range keys {
		v, _ := h.rdb.Get(ctx, k).Result()
		if strings.Contains(k, tok) || strings.Contains(v, tok) {
			t.Errorf("token stored in Redis under %s", k)
		}
	}
	if ttl := h.rdb.TTL(ctx, sessionKey(tok)).Val(); ttl < 6*24*time.Hour || ttl > 7*24*time.Hour {
		t.Errorf("session TTL %v, want the default 7 days", ttl)
	}
	if id, err := h.ids.Get(ctx, "mp-fay"); err != nil || id.UnionID != "union-fay" || id.App != "mp" {
		t.Errorf("identity not linked: %+v %v", id, err)
	}

	r = h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": "good"})
	if code, field := r.errCode(); r.status != 401 || code != "invalid_login_code" || field != "code" || !strings.Contains(r.errMessage(), "40163") {
		t.Errorf("used code: %d %s", r.status, r.body)
	}
	r = h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": "never-issued"})
	if r.status != 401 || !strings.Contains(r.errMessage(), "40029") {
		t.Errorf("bad code: %d %s", r.status, r.body)
	}
	if r := h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": ""}); r.status != 422 {
		t.Errorf("empty code: %d %s", r.status, r.body)
	}
	h.fake.FailNext("/sns/jscode2session", -1, 1)
	h.fake.AddCode("busy", "mp-fay", "")
	if r := h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": "busy"}); r.status != 502 || !strings.Contains(r.errMessage(), "-1") {
		t.Errorf("WeChat busy: %d %s", r.status, r.body)
	}

	for _, bad := range []string{"", "Bearer", "Bearer nope", "Basic " + tok, "Bearer " + tok + "x"} {
		req := h.do(t, "GET", "/api/v1/cases", "", nil, "Authorization", bad)
		if req.status != 401 {
			t.Errorf("Authorization %q: %d", bad, req.status)
		}
	}
	if r := h.do(t, "GET", "/api/v1/cases", tok, nil); r.status != 200 {
		t.Fatalf("token refused: %d %s", r.status, r.body)
	}
	if r := h.do(t, "POST", "/api/v1/auth/logout", tok, nil); r.status != 204 {
		t.Errorf("logout: %d", r.status)
	}
	if r := h.do(t, "GET", "/api/v1/cases", tok, nil); r.status != 401 {
		t.Errorf("token after logout: %d", r.status)
	}
}

func TestLoginWithoutMiniProgram(t *testing.T) {
	h := newHarness(t, harnessOptions{noWeChat: true})
	r := h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": "x"})
	if code, _ := r.errCode(); r.status != 503 || code != "wechat_not_configured" {
		t.Errorf("login without a mini-program: %d %s", r.status, r.body)
	}
}

func TestPhoneBinding(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	ctx := context.Background()
	tok := h.login(t, "mp-gus", "")
	h.fake.AddPhoneCode("pc", "13812345678")
	r := h.do(t, "POST", "/api/v1/auth/phone", tok, map[string]string{"code": "pc"})
	if r.status != 200 || r.str("phone") != "138****5678" {
		t.Fatalf("phone: %d %s", r.status, r.body)
	}
	if id, _ := h.ids.Get(ctx, "mp-gus"); id.Phone != "13812345678" {
		t.Errorf("phone not stored: %q", id.Phone)
	}
	var sealed string
	h.st.DB().QueryRowContext(ctx, `SELECT phone_enc FROM wechat_identities WHERE openid = $1`, "mp-gus").Scan(&sealed)
	if sealed == "" || strings.Contains(sealed, "13812345678") {
		t.Errorf("phone not sealed at rest: %q", sealed)
	}
	r = h.do(t, "POST", "/api/v1/auth/phone", tok, map[string]string{"code": "pc"})
	if code, _ := r.errCode(); r.status != 422 || code != "invalid_phone_code" {
		t.Errorf("used phone code: %d %s", r.status, r.body)
	}
	// A case filed afterwards carries the number for the handling unit.
	no := h.do(t, "POST", "/api/v1/cases", tok, complaint("电话联系我")).str("tracking_no")
	c, _ := h.svc.GetByTrackingNo(ctx, no)
	if c.Submitter.Phone != "13812345678" {
		t.Errorf("case phone %q", c.Submitter.Phone)
	}
	if r := h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": "again"}); r.status != 401 {
		t.Errorf("unknown code: %d", r.status)
	}
	h.fake.AddCode("again", "mp-gus", "")
	if r := h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": "again"}); r.json["phone_bound"] != true {
		t.Errorf("phone_bound after binding: %s", r.body)
	}
}

func TestRateLimits(t *testing.T) {
	h := newHarness(t, harnessOptions{cfg: configs.API{RatePerOpenID: 3, RatePerIP: 8, SubmitsPerHour: 2}})
	tok := h.login(t, "mp-hal", "")
	for i := range 3 {
		if r := h.do(t, "GET", "/api/v1/cases", tok, nil); r.status != 200 {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	r := h.do(t, "GET", "/api/v1/cases", tok, nil)
	retry, _ := strconv.Atoi(r.header.Get("Retry-After"))
	if code, _ := r.errCode(); r.status != 429 || code != "rate_limited" || retry < 1 || retry > 60 {
		t.Fatalf("fourth request: %d %s Retry-After %q", r.status, r.body, r.header.Get("Retry-After"))
	}
	// Another person from the same address still gets through, until the
	// address's own limit: 8 a minute, of which 2 logins and 4 reads are spent.
	other := h.login(t, "mp-ivy", "")
	n := 0
	for ; n < 10; n++ {
		if r := h.do(t, "GET", "/api/v1/meta", "", nil); r.status == 429 {
			break
		}
	}
	if n != 2 {
		t.Errorf("%d requests passed before the address limit, want 2", n)
	}
	if r := h.do(t, "GET", "/api/v1/cases", other, nil); r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Errorf("address limit: %d", r.status)
	}
}

func TestSubmitLimit(t *testing.T) {
	h := newHarness(t, harnessOptions{cfg: configs.API{SubmitsPerHour: 2}})
	tok := h.login(t, "mp-jo", "")
	for i := range 2 {
		if r := h.do(t, "POST", "/api/v1/cases", tok, complaint("第"+strconv.Itoa(i)+"件")); r.status != 201 {
			t.Fatalf("submit %d: %d", i, r.status)
		}
	}
	r := h.do(t, "POST", "/api/v1/cases", tok, complaint("第三件"))
	if retry, _ := strconv.Atoi(r.header.Get("Retry-After")); r.status != 429 || retry < 60 {
		t.Errorf("third submission in the hour: %d Retry-After %d", r.status, retry)
	}
	if r := h.do(t, "GET", "/api/v1/cases", tok, nil); r.status != 200 {
		t.Errorf("reading is not limited by the submission limit: %d", r.status)
	}
}
