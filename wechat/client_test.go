package wechat_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/officialaccount/message"

	"petitiond/testenv"
	"petitiond/wechat"
	"petitiond/wechat/wechattest"
)

const (
	oaAppID  = "wxoa0000000000001"
	oaSecret = "oa-secret-do-not-log"
	mpAppID  = "wxmp0000000000001"
	mpSecret = "mp-secret-do-not-log"
)

func fakeWeChat(t *testing.T) *wechattest.Server {
	t.Helper()
	fake := wechattest.NewServer()
	t.Cleanup(fake.Close)
	fake.SetSecret(oaAppID, oaSecret)
	fake.SetSecret(mpAppID, mpSecret)
	return fake
}

func newClient(t *testing.T, fake *wechattest.Server, rdb redis.UniversalClient, edit ...func(*wechat.Config)) *wechat.Client {
	t.Helper()
	cfg := wechat.Config{
		AppID: oaAppID, AppSecret: oaSecret, Token: "bot-token", EncodingAESKey: wechattest.NewEncodingAESKey(),
		MiniProgramAppID: mpAppID, MiniProgramSecret: mpSecret,
		APIBase: fake.URL,
	}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := wechat.New(cfg, rdb)
	if err != nil {
		t.Fatalf("new client: %v", err)
	}
	return c
}

func wantCode(t *testing.T, err error, code int) *wechat.APIError {
	t.Helper()
	var apiErr *wechat.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != code {
		t.Fatalf("got error %v, want *wechat.APIError with code %d", err, code)
	}
	return apiErr
}

func TestTokenIsFetchedOnceAndSharedThroughRedis(t *testing.T) {
	for _, stable := range []bool{false, true} {
		name := map[bool]string{false: "classic", true: "stable"}[stable]
		t.Run(name, func(t *testing.T) {
			fake := fakeWeChat(t)
			rdb := testenv.Redis(t, testenv.DBWeChat)
			useStable := func(c *wechat.Config) { c.StableToken = stable }
			a := newClient(t, fake, rdb, useStable)
			b := newClient(t, fake, rdb, useStable) // another instance, same Redis
			ctx := context.Background()
			for i, c := range []*wechat.Client{a, b, a} {
				if err := c.SendCustomText(ctx, "o-citizen", "您的诉求已受理"); err != nil {
					t.Fatalf("send %d: %v", i, err)
				}
			}
			if n := fake.TokenCalls(); n != 1 {
				t.Errorf("token calls = %d, want 1 shared by both instances", n)
			}
			if n := len(fake.CustomMessages("o-citizen")); n != 3 {
				t.Errorf("custom messages = %d, want 3", n)
			}
			keys, err := rdb.Keys(ctx, wechat.DefaultCachePrefix+"*").Result()
			if err != nil || len(keys) != 1 || !strings.Contains(keys[0], oaAppID) {
				t.Errorf("redis keys %v (%v), want one token key for %s", keys, err, oaAppID)
			}
		})
	}
}

func TestStaleTokenIsDroppedAndRetriedOnce(t *testing.T) {
	fake := fakeWeChat(t)
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat))
	ctx := context.Background()
	if err := c.SendCustomText(ctx, "o-citizen", "一"); err != nil {
		t.Fatal(err)
	}
	fake.ExpireTokens()
	if err := c.SendCustomText(ctx, "o-citizen", "二"); err != nil {
		t.Fatalf("send after token expiry: %v", err)
	}
	if n := fake.TokenCalls(); n != 2 {
		t.Errorf("token calls = %d, want 2", n)
	}
	// A token WeChat keeps refusing is retried once, not forever.
	fake.FailNext("/cgi-bin/message/custom/send", wechat.CodeInvalidCredential, 5)
	err := c.SendCustomText(ctx, "o-citizen", "三")
	if apiErr := wantCode(t, err, wechat.CodeInvalidCredential); !apiErr.Retryable() {
		t.Error("40001 should be retryable")
	}
	if n := len(fake.CallsTo("/cgi-bin/message/custom/send")); n != 5 {
		t.Errorf("custom send calls = %d, want 5 (1+1 ok, 1+1 retried, and the expired one)", n)
	}
}

func TestSendCustomText(t *testing.T) {
	fake := fakeWeChat(t)
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat))
	ctx := context.Background()
	if err := c.SendCustomText(ctx, "o-citizen", "工单 GD2024001 已转交住建局"); err != nil {
		t.Fatal(err)
	}
	got := fake.CustomMessages("o-citizen")
	if len(got) != 1 || got[0].MsgType != "text" || got[0].Content != "工单 GD2024001 已转交住建局" || got[0].AppID != oaAppID {
		t.Errorf("sent %+v", got)
	}

	fake.FailNext("/cgi-bin/message/custom/send", wechat.CodeOutOfWindow, 1)
	err := c.SendCustomText(ctx, "o-citizen", "超过48小时")
	if apiErr := wantCode(t, err, wechat.CodeOutOfWindow); !apiErr.Permanent() || !wechat.IsPermanent(err) {
		t.Error("45015 should be permanent")
	}
	if strings.Contains(err.Error(), "超过48小时") {
		t.Errorf("error carries the message text: %v", err)
	}
	if n := len(fake.CustomMessages("o-citizen")); n != 1 {
		t.Errorf("refused message was recorded as sent")
	}
	fake.FailNext("/cgi-bin/message/custom/send", wechat.CodeSystemBusy, 1)
	if err := c.SendCustomText(ctx, "o-citizen", "x"); wechat.IsPermanent(err) || wechat.ErrorCode(err) != -1 {
		t.Errorf("system busy: %v, want retryable -1", err)
	}
}

func TestSubscribeAndTemplateMessages(t *testing.T) {
	fake := fakeWeChat(t)
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat))
	ctx := context.Background()
	msg := wechat.SubscribeMessage{
		OpenID: "o-citizen", TemplateID: "tpl-progress", Page: "pages/case/detail?id=42",
		Data: map[string]string{"character_string1": "GD2024001", "phrase2": "已受理"},
	}
	if err := c.SendSubscribe(ctx, msg); err != nil {
		t.Fatalf("official account subscribe: %v", err)
	}
	if err := c.SendMiniProgramSubscribe(ctx, msg); err != nil {
		t.Fatalf("mini-program subscribe: %v", err)
	}
	subs := fake.SubscribeMessages("o-citizen")
	if len(subs) != 2 || subs[0].Kind != wechattest.KindSubscribe || subs[1].Kind != wechattest.KindMiniProgramSubscribe {
		t.Fatalf("subscribe messages %+v", subs)
	}
	if subs[0].AppID != oaAppID || subs[1].AppID != mpAppID {
		t.Errorf("sent with tokens of %s and %s", subs[0].AppID, subs[1].AppID)
	}
	for _, s := range subs {
		if s.TemplateID != "tpl-progress" || s.Page != msg.Page || s.Data["phrase2"] != "已受理" {
			t.Errorf("subscribe message %+v", s)
		}
	}

	fake.FailFor("/cgi-bin/message/subscribe/bizsend", "o-refuser", wechat.CodeSubscribeRefused)
	msg.OpenID = "o-refuser"
	for range 2 {
		err := c.SendSubscribe(ctx, msg)
		if apiErr := wantCode(t, err, wechat.CodeSubscribeRefused); !apiErr.Permanent() {
			t.Error("43101 should be permanent")
		}
	}

	id, err := c.SendTemplate(ctx, wechat.TemplateMessage{
		OpenID: "o-citizen", TemplateID: "tpl-reply", URL: "https://city.example/case/42",
		Data: map[string]string{"keyword1": "GD2024001"}, ClientMsgID: "outbox-17",
	})
	if err != nil || id == 0 {
		t.Fatalf("template: id %d, err %v", id, err)
	}
	tpl := fake.TemplateMessages("o-citizen")
	if len(tpl) != 1 || tpl[0].MsgID != id || tpl[0].Data["keyword1"] != "GD2024001" || tpl[0].Page != "https://city.example/case/42" {
		t.Errorf("template messages %+v", tpl)
	}
	if body := fake.CallsTo("/cgi-bin/message/template/send")[0].Body; body["client_msg_id"] != "outbox-17" {
		t.Errorf("client_msg_id not sent: %v", body)
	}
}

func TestDownloadMedia(t *testing.T) {
	fake := fakeWeChat(t)
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat))
	ctx := context.Background()
	photo := bytes.Repeat([]byte{0xff, 0xd8, 0x42}, 1000)
	fake.AddMedia("media-photo", "image/jpeg", photo)
	var buf bytes.Buffer
	ct, err := c.DownloadMedia(ctx, "media-photo", &buf)
	if err != nil || ct != "image/jpeg" || !bytes.Equal(buf.Bytes(), photo) {
		t.Fatalf("download: %q, %d bytes, %v", ct, buf.Len(), err)
	}
	// Video comes as {"video_url"} to be followed.
	fake.AddMedia("media-video", "video/mp4", []byte("....ftypmp42"))
	buf.Reset()
	ct, err = c.DownloadMedia(ctx, "media-video", &buf)
	if err != nil || ct != "video/mp4" || buf.String() != "....ftypmp42" {
		t.Fatalf("video: %q, %q, %v", ct, buf.String(), err)
	}
	buf.Reset()
	_, err = c.DownloadMedia(ctx, "media-missing", &buf)
	wantCode(t, err, wechat.CodeInvalidMediaID)
	if buf.Len() != 0 {
		t.Errorf("error answer written to w: %q", buf.String())
	}
}

func TestCode2Session(t *testing.T) {
	fake := fakeWeChat(t)
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat))
	ctx := context.Background()
	fake.AddCode("code-with-union", "o-mp-citizen", "u-citizen")
	fake.AddCode("code-plain", "o-mp-other", "")

	s, err := c.Code2Session(ctx, "code-with-union")
	if err != nil || s != (wechat.Session{OpenID: "o-mp-citizen", UnionID: "u-citizen"}) {
		t.Fatalf("code2session: %+v, %v", s, err)
	}
	if s, err := c.Code2Session(ctx, "code-plain"); err != nil || s.UnionID != "" || s.OpenID != "o-mp-other" {
		t.Fatalf("code2session without unionid: %+v, %v", s, err)
	}
	_, err = c.Code2Session(ctx, "code-with-union")
	wantCode(t, err, wechat.CodeCodeUsed)
	_, err = c.Code2Session(ctx, "code-unknown")
	if apiErr := wantCode(t, err, wechat.CodeInvalidCode); !apiErr.Permanent() {
		t.Error("40029 should be permanent")
	}
	if !strings.Contains(err.Error(), "40029") {
		t.Errorf("error text lacks WeChat's code: %v", err)
	}
	// The code is escaped, not pasted into the URL.
	_, err = c.Code2Session(ctx, "x&appid=other")
	wantCode(t, err, wechat.CodeInvalidCode)
	last := fake.CallsTo("/sns/jscode2session")
	if q := last[len(last)-1].Query; q.Get("js_code") != "x&appid=other" || q.Get("appid") != mpAppID {
		t.Errorf("query %v", q)
	}
	if n := fake.TokenCalls(); n != 0 {
		t.Errorf("code2session fetched %d tokens, needs none", n)
	}
}

func TestPhoneNumber(t *testing.T) {
	fake := fakeWeChat(t)
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat))
	ctx := context.Background()
	fake.AddPhoneCode("phone-code", "13800138000")
	p, err := c.PhoneNumber(ctx, "phone-code")
	if err != nil || p.PureNumber != "13800138000" || p.CountryCode != "86" {
		t.Fatalf("phone: %+v, %v", p, err)
	}
	_, err = c.PhoneNumber(ctx, "phone-code")
	wantCode(t, err, wechat.CodeCodeUsed)
	_, err = c.PhoneNumber(ctx, "nope")
	wantCode(t, err, wechat.CodeInvalidCode)
	if calls := fake.CallsTo("/wxa/business/getuserphonenumber"); calls[0].AppID != mpAppID {
		t.Errorf("phone number asked with a token of %q", calls[0].AppID)
	}
}

func TestClientsRouteToTheirOwnFake(t *testing.T) {
	fakeA, fakeB := fakeWeChat(t), fakeWeChat(t)
	rdb := testenv.Redis(t, testenv.DBWeChat)
	// Separate prefixes: a token of fake A is no good at fake B.
	a := newClient(t, fakeA, rdb, func(c *wechat.Config) { c.CachePrefix = "a:" })
	b := newClient(t, fakeB, rdb, func(c *wechat.Config) { c.CachePrefix = "b:" })
	ctx := context.Background()
	if err := a.SendCustomText(ctx, "o-a", "a"); err != nil {
		t.Fatal(err)
	}
	if err := b.SendCustomText(ctx, "o-b", "b"); err != nil {
		t.Fatal(err)
	}
	if len(fakeA.Sent()) != 1 || len(fakeB.Sent()) != 1 || fakeA.Sent()[0].OpenID != "o-a" {
		t.Errorf("a sent %+v, b sent %+v", fakeA.Sent(), fakeB.Sent())
	}
	if fakeA.TokenCalls() != 1 || fakeB.TokenCalls() != 1 {
		t.Errorf("token calls a=%d b=%d, want 1 each", fakeA.TokenCalls(), fakeB.TokenCalls())
	}
}

func TestErrorsCarryNoSecrets(t *testing.T) {
	fake := wechattest.NewServer()
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat))
	fake.Close() // every call now fails in transport, quoting its URL
	ctx := context.Background()
	errs := []error{c.SendCustomText(ctx, "o-citizen", "secret text")}
	_, err := c.Code2Session(ctx, "login-code-123")
	errs = append(errs, err)
	_, err = c.DownloadMedia(ctx, "media-1", &bytes.Buffer{})
	errs = append(errs, err)
	for _, err := range errs {
		if err == nil {
			t.Fatal("call against a closed server succeeded")
		}
		for _, secret := range []string{oaSecret, mpSecret, "login-code-123", "secret text", "media-1"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error leaks %q: %v", secret, err)
			}
		}
		if wechat.IsPermanent(err) {
			t.Errorf("transport failure reported permanent: %v", err)
		}
	}
}

func TestNotConfiguredApp(t *testing.T) {
	fake := fakeWeChat(t)
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat), func(c *wechat.Config) {
		c.MiniProgramAppID, c.MiniProgramSecret = "", ""
	})
	if _, err := c.Code2Session(context.Background(), "x"); !errors.Is(err, wechat.ErrNotConfigured) {
		t.Errorf("code2session without mini-program: %v", err)
	}
	if c.OfficialAccount() == nil || c.MiniProgram() != nil {
		t.Error("accessors do not match the configuration")
	}
}

// The bot's path: silenceper's message server built from the Client's
// official account decrypts what the Pusher encrypted with the same config.
func TestOfficialAccountServesPushes(t *testing.T) {
	fake := fakeWeChat(t)
	aesKey := wechattest.NewEncodingAESKey()
	c := newClient(t, fake, testenv.Redis(t, testenv.DBWeChat), func(cfg *wechat.Config) { cfg.EncodingAESKey = aesKey })
	bot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv := c.OfficialAccount().GetServer(r, w)
		srv.SetMessageHandler(func(m *message.MixMessage) *message.Reply {
			return &message.Reply{MsgType: message.MsgTypeText, MsgData: message.NewText("已收到：" + m.Content)}
		})
		if err := srv.Serve(); err != nil {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		_ = srv.Send()
	}))
	defer bot.Close()
	p := &wechattest.Pusher{Token: "bot-token", AppID: oaAppID, EncodingAESKey: aesKey, Mode: wechattest.Safe, URL: bot.URL + "/wechat"}
	reply, err := p.Push(context.Background(), wechattest.Text("o-citizen", "路灯坏了"))
	if err != nil || reply.Content != "已收到：路灯坏了" || !reply.Encrypted {
		t.Fatalf("reply %+v, %v", reply, err)
	}
}
