package wechattest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"petitiond/wechat/wechattest"
)

type answer struct {
	ErrCode     int    `json:"errcode"`
	ErrMsg      string `json:"errmsg"`
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
	OpenID      string `json:"openid"`
	SessionKey  string `json:"session_key"`
	MsgID       int64  `json:"msgid"`
}

func get(t *testing.T, base, path string, q url.Values) answer {
	t.Helper()
	resp, err := http.Get(base + path + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, resp)
}

func post(t *testing.T, base, path string, q url.Values, body any) answer {
	t.Helper()
	raw, _ := json.Marshal(body)
	resp, err := http.Post(base+path+"?"+q.Encode(), "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, resp)
}

func decode(t *testing.T, resp *http.Response) answer {
	t.Helper()
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return a
}

func fetchToken(t *testing.T, s *wechattest.Server, appID string) string {
	t.Helper()
	a := get(t, s.URL, "/cgi-bin/token", url.Values{"grant_type": {"client_credential"}, "appid": {appID}, "secret": {"s"}})
	if a.AccessToken == "" || a.ExpiresIn != 7200 || a.ErrCode != 0 {
		t.Fatalf("token answer %+v", a)
	}
	return a.AccessToken
}

func TestServerChecksAccessTokens(t *testing.T) {
	s := wechattest.NewServer()
	defer s.Close()
	text := map[string]any{"touser": "o1", "msgtype": "text", "text": map[string]string{"content": "hi"}}
	path := "/cgi-bin/message/custom/send"
	if a := post(t, s.URL, path, nil, text); a.ErrCode != 41001 {
		t.Errorf("no token: %+v", a)
	}
	if a := post(t, s.URL, path, url.Values{"access_token": {"forged"}}, text); a.ErrCode != 40001 {
		t.Errorf("forged token: %+v", a)
	}
	tok := fetchToken(t, s, "wx1")
	if a := post(t, s.URL, path, url.Values{"access_token": {tok}}, text); a.ErrCode != 0 || a.ErrMsg != "ok" {
		t.Errorf("good token: %+v", a)
	}
	s.ExpireTokens()
	if a := post(t, s.URL, path, url.Values{"access_token": {tok}}, text); a.ErrCode != 42001 {
		t.Errorf("expired token: %+v", a)
	}
	if got := s.CustomMessages("o1"); len(got) != 1 || got[0].AppID != "wx1" || got[0].Content != "hi" {
		t.Errorf("recorded %+v", got)
	}
	if n := len(s.CallsTo(path)); n != 4 {
		t.Errorf("calls recorded: %d, want 4", n)
	}
	if s.TokenCalls() != 1 {
		t.Errorf("token calls %d", s.TokenCalls())
	}
}

func TestServerStableTokenIsShared(t *testing.T) {
	s := wechattest.NewServer()
	defer s.Close()
	body := map[string]any{"grant_type": "client_credential", "appid": "wx1", "secret": "s"}
	first := post(t, s.URL, "/cgi-bin/stable_token", nil, body)
	second := post(t, s.URL, "/cgi-bin/stable_token", nil, body)
	if first.AccessToken == "" || first.AccessToken != second.AccessToken {
		t.Errorf("stable tokens differ: %q %q", first.AccessToken, second.AccessToken)
	}
	body["force_refresh"] = true
	if forced := post(t, s.URL, "/cgi-bin/stable_token", nil, body); forced.AccessToken == first.AccessToken {
		t.Error("force_refresh returned the old token")
	}
	if s.TokenCalls() != 3 {
		t.Errorf("token calls %d, want 3", s.TokenCalls())
	}
}

func TestServerSecretsAndCodes(t *testing.T) {
	s := wechattest.NewServer()
	defer s.Close()
	s.SetSecret("wxmp", "right")
	s.AddCode("c1", "o-mp", "")
	q := url.Values{"appid": {"wxmp"}, "secret": {"wrong"}, "js_code": {"c1"}, "grant_type": {"authorization_code"}}
	if a := get(t, s.URL, "/sns/jscode2session", q); a.ErrCode != 40125 {
		t.Errorf("wrong secret: %+v", a)
	}
	q.Set("secret", "right")
	if a := get(t, s.URL, "/sns/jscode2session", q); a.OpenID != "o-mp" || a.SessionKey == "" {
		t.Errorf("login: %+v", a)
	}
	if a := get(t, s.URL, "/sns/jscode2session", q); a.ErrCode != 40163 {
		t.Errorf("reused code: %+v", a)
	}
	q.Set("js_code", "c2")
	if a := get(t, s.URL, "/sns/jscode2session", q); a.ErrCode != 40029 {
		t.Errorf("unknown code: %+v", a)
	}
}

func TestServerFailureKnobs(t *testing.T) {
	s := wechattest.NewServer()
	defer s.Close()
	tok := url.Values{"access_token": {fetchToken(t, s, "wx1")}}
	path := "/cgi-bin/message/subscribe/bizsend"
	msg := func(to string) map[string]any {
		return map[string]any{"touser": to, "template_id": "tpl", "data": map[string]any{"thing1": map[string]string{"value": "v"}}}
	}
	s.FailNext(path, -1, 2)
	s.FailFor(path, "o-refuser", 43101)
	var codes []int
	for _, to := range []string{"o1", "o1", "o1", "o-refuser", "o-refuser"} {
		codes = append(codes, post(t, s.URL, path, tok, msg(to)).ErrCode)
	}
	if fmt.Sprint(codes) != "[-1 -1 0 43101 43101]" {
		t.Errorf("codes %v", codes)
	}
	s.ClearFailures()
	if a := post(t, s.URL, path, tok, msg("o-refuser")); a.ErrCode != 0 {
		t.Errorf("after ClearFailures: %+v", a)
	}
	if got := s.SubscribeMessages("o1"); len(got) != 1 || got[0].Data["thing1"] != "v" {
		t.Errorf("subscribe messages %+v", got)
	}
}

func TestServerMedia(t *testing.T) {
	s := wechattest.NewServer()
	defer s.Close()
	s.AddMedia("m1", "audio/amr", []byte("#!AMR\n..."))
	q := url.Values{"access_token": {fetchToken(t, s, "wx1")}, "media_id": {"m1"}}
	resp, err := http.Get(s.URL + "/cgi-bin/media/get?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "audio/amr" || string(body) != "#!AMR\n..." {
		t.Errorf("media: %s %q", resp.Header.Get("Content-Type"), body)
	}
	q.Set("media_id", "m2")
	if a := get(t, s.URL, "/cgi-bin/media/get", q); a.ErrCode != 40007 {
		t.Errorf("unknown media: %+v", a)
	}
}

func TestServerIsSafeForConcurrentUseAndWaitSent(t *testing.T) {
	s := wechattest.NewServer()
	defer s.Close()
	tok := url.Values{"access_token": {fetchToken(t, s, "wx1")}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	waited := make(chan wechattest.Sent, 1)
	go func() {
		m, err := s.WaitSent(ctx, func(m wechattest.Sent) bool { return m.Content == "msg-7" })
		if err != nil {
			t.Error(err)
		}
		waited <- m
	}()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			body := map[string]any{"touser": "o1", "msgtype": "text", "text": map[string]string{"content": fmt.Sprintf("msg-%d", i)}}
			raw, _ := json.Marshal(body)
			resp, err := http.Post(s.URL+"/cgi-bin/message/custom/send?"+tok.Encode(), "application/json", bytes.NewReader(raw))
			if err == nil {
				resp.Body.Close()
			}
			_ = s.Sent()
			_ = s.Calls()
		})
	}
	wg.Wait()
	if m := <-waited; m.OpenID != "o1" {
		t.Errorf("WaitSent returned %+v", m)
	}
	if n := len(s.CustomMessages("o1")); n != 20 {
		t.Errorf("recorded %d of 20", n)
	}
}
