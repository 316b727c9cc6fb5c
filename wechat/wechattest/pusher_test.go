package wechattest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount"
	"github.com/silenceper/wechat/v2/officialaccount/config"
	"github.com/silenceper/wechat/v2/officialaccount/message"

	"petitiond/wechat/wechattest"
)

// mapCache satisfies silenceper's constructor, which panics without a
// cache; the message server never uses it.
type mapCache struct {
	mu sync.Mutex
	m  map[string]interface{}
}

func (c *mapCache) Get(k string) interface{} { c.mu.Lock(); defer c.mu.Unlock(); return c.m[k] }
func (c *mapCache) Set(k string, v interface{}, _ time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
	return nil
}
func (c *mapCache) IsExist(k string) bool { return c.Get(k) != nil }
func (c *mapCache) Delete(k string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
	return nil
}

const (
	token = "petition-token"
	appID = "wx1234567890abcdef"
)

// silenceperBot is the bot's shape reduced to silenceper's server: it hands
// each message it parsed to got and answers with a text reply, or with
// nothing for unsubscribe.
func silenceperBot(t *testing.T, aesKey string) (*httptest.Server, <-chan message.MixMessage) {
	t.Helper()
	oa := officialaccount.NewOfficialAccount(&config.Config{
		AppID: appID, AppSecret: "secret", Token: token, EncodingAESKey: aesKey,
		Cache: &mapCache{m: map[string]interface{}{}},
	})
	got := make(chan message.MixMessage, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := oa.GetServer(r, w)
		s.SetMessageHandler(func(m *message.MixMessage) *message.Reply {
			got <- *m
			if m.Event == message.EventUnsubscribe {
				return nil
			}
			return &message.Reply{MsgType: message.MsgTypeText, MsgData: message.NewText("收到 <" + string(m.MsgType) + "> & ]]> ok")}
		})
		if err := s.Serve(); err != nil {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		if err := s.Send(); err != nil {
			http.Error(w, "send", http.StatusInternalServerError)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func TestPusherRoundTripThroughSilenceper(t *testing.T) {
	aesKey := wechattest.NewEncodingAESKey()
	messages := []struct {
		msg   wechattest.Message
		check func(m message.MixMessage) error
	}{
		{wechattest.Text("o-user-1", "小区门口的路灯坏了三天 <b>&amp; ]]> 了"), func(m message.MixMessage) error {
			return want(m.Content, "小区门口的路灯坏了三天 <b>&amp; ]]> 了")
		}},
		{wechattest.Image("o-user-1", "http://mmbiz.example/pic.jpg", "media-img-1"), func(m message.MixMessage) error {
			return errors.Join(want(m.PicURL, "http://mmbiz.example/pic.jpg"), want(m.MediaID, "media-img-1"))
		}},
		{wechattest.Voice("o-user-1", "media-voice-1", "amr", "噪音扰民，晚上十一点还在施工"), func(m message.MixMessage) error {
			return errors.Join(want(m.MediaID, "media-voice-1"), want(m.Format, "amr"), want(m.Recognition, "噪音扰民，晚上十一点还在施工"))
		}},
		{wechattest.Location("o-user-1", 23.134521, 113.358803, 20, "天河区天河路"), func(m message.MixMessage) error {
			return errors.Join(want(fmt.Sprint(m.LocationX), "23.134521"), want(fmt.Sprint(m.LocationY), "113.358803"),
				want(fmt.Sprint(m.Scale), "20"), want(m.Label, "天河区天河路"))
		}},
		{wechattest.Click("o-user-1", "MENU_MY_CASES"), func(m message.MixMessage) error {
			return errors.Join(want(string(m.Event), "CLICK"), want(m.EventKey, "MENU_MY_CASES"), want(fmt.Sprint(m.MsgID), "0"))
		}},
		{wechattest.Subscribe("o-user-1"), func(m message.MixMessage) error {
			return want(string(m.Event), "subscribe")
		}},
	}
	for _, mode := range []wechattest.Mode{wechattest.Plain, wechattest.Compatible, wechattest.Safe} {
		t.Run(mode.String(), func(t *testing.T) {
			srv, got := silenceperBot(t, aesKey)
			p := &wechattest.Pusher{Token: token, AppID: appID, EncodingAESKey: aesKey, Mode: mode, URL: srv.URL + "/wechat"}
			ctx := context.Background()
			if err := p.Verify(ctx); err != nil {
				t.Fatalf("verify: %v", err)
			}
			for _, tc := range messages {
				reply, err := p.Push(ctx, tc.msg)
				if err != nil {
					t.Fatalf("%s: %v", tc.msg.MsgType, err)
				}
				m := <-got
				if err := errors.Join(want(string(m.MsgType), tc.msg.MsgType), want(string(m.FromUserName), "o-user-1"),
					want(string(m.ToUserName), "gh_petitiond"), tc.check(m)); err != nil {
					t.Errorf("%s/%s: server parsed: %v", mode, tc.msg.MsgType, err)
				}
				if m.MsgType != message.MsgTypeEvent && m.MsgID == 0 {
					t.Errorf("%s/%s: no MsgId", mode, tc.msg.MsgType)
				}
				if reply.Content != "收到 <"+tc.msg.MsgType+"> & ]]> ok" || reply.MsgType != "text" {
					t.Errorf("%s/%s: reply %+v", mode, tc.msg.MsgType, reply)
				}
				if reply.ToUserName != "o-user-1" || reply.FromUserName != "gh_petitiond" {
					t.Errorf("%s/%s: reply addressed %q→%q", mode, tc.msg.MsgType, reply.FromUserName, reply.ToUserName)
				}
				if reply.Encrypted != (mode != wechattest.Plain) {
					t.Errorf("%s/%s: reply encrypted=%v", mode, tc.msg.MsgType, reply.Encrypted)
				}
			}
			// No passive reply: "success" in plain mode, an empty body when
			// encrypted.
			reply, err := p.Push(ctx, wechattest.Unsubscribe("o-user-1"))
			if err != nil {
				t.Fatalf("unsubscribe: %v", err)
			}
			<-got
			if !reply.Empty() {
				t.Errorf("unsubscribe: reply %+v, want empty", reply)
			}
		})
	}
}

func TestPusherBadSignaturesAreRejected(t *testing.T) {
	aesKey := wechattest.NewEncodingAESKey()
	srv, _ := silenceperBot(t, aesKey)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		mode wechattest.Mode
		opt  wechattest.PushOption
	}{
		{"plain signature", wechattest.Plain, wechattest.WithBadSignature()},
		{"safe signature", wechattest.Safe, wechattest.WithBadSignature()},
		{"safe msg_signature", wechattest.Safe, wechattest.WithBadMsgSignature()},
		{"compatible msg_signature", wechattest.Compatible, wechattest.WithBadMsgSignature()},
	} {
		p := &wechattest.Pusher{Token: token, AppID: appID, EncodingAESKey: aesKey, Mode: tc.mode, URL: srv.URL}
		_, err := p.Push(ctx, wechattest.Text("o-user-1", "hi"), tc.opt)
		var status *wechattest.HTTPStatusError
		if !errors.As(err, &status) || status.StatusCode != http.StatusForbidden {
			t.Errorf("%s: got %v, want http 403", tc.name, err)
		}
	}
	p := &wechattest.Pusher{Token: token, AppID: appID, URL: srv.URL}
	if err := p.Verify(ctx, wechattest.WithBadSignature()); err == nil {
		t.Error("verify with bad signature: accepted")
	}
}

func TestPusherOverridesTimestampAndNonce(t *testing.T) {
	p := &wechattest.Pusher{Token: token, AppID: appID, EncodingAESKey: wechattest.NewEncodingAESKey(), Mode: wechattest.Safe, URL: "http://bot/wechat"}
	old := time.Date(2024, 2, 10, 8, 0, 0, 0, time.UTC)
	q, body, err := p.Body(wechattest.Text("o-user-1", "明文内容"), wechattest.WithTimestamp(old), wechattest.WithNonce("12345"))
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("timestamp") != fmt.Sprint(old.Unix()) || q.Get("nonce") != "12345" || q.Get("encrypt_type") != "aes" {
		t.Errorf("query %v", q)
	}
	if !strings.Contains(string(body), "<Encrypt>") || strings.Contains(string(body), "明文内容") {
		t.Errorf("safe body leaks plaintext or lacks Encrypt: %s", body)
	}
}

func want(got, want string) error {
	if got != want {
		return fmt.Errorf("got %q, want %q", got, want)
	}
	return nil
}
