package bot_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"petitiond/bot"
	"petitiond/cases"
	"petitiond/wechat/wechattest"
)

// A whole complaint in safe mode: the person describes, answers the
// clarifying question, sends a photo and a place, chooses confidentiality,
// reads the summary and confirms; the case is stored as shown.
func TestComplaintConversationInSafeMode(t *testing.T) {
	e := newEnv(t)
	const who = "o-citizen-1"
	expect(t, e.send(wechattest.Subscribe(who)), "欢迎关注")
	expect(t, e.send(wechattest.Click(who, "MENU_COMPLAINT")), "请说明您要投诉的问题", "人工")
	reply := e.say(who, "市场监管局对我的小店罚款五千元，我觉得不合理")
	expect(t, reply, "您是对某个行政机关作出的决定不服吗？", "1. 是，对罚款", "请回复序号")
	expect(t, e.say(who, "5"), "请回复序号 1 到 3")
	expect(t, e.say(who, "１"), "照片", "好了", "人工")
	expect(t, e.send(wechattest.Image(who, "http://mmbiz/x.jpg", "media-photo-1")), "已收到第1张照片")
	expect(t, e.send(wechattest.Location(who, 30.65, 104.06, 16, "幸福路12号")), "幸福路12号")
	expect(t, e.say(who, "好了"), "保密")
	summary := e.say(who, "1")
	expect(t, summary, "类型：投诉", "办理渠道：行政复议（对行政机关的决定不服）", "涉及部门：市场监督管理局",
		"照片：1张", "位置：幸福路12号", "身份保密：需要", "这是说明的第一句。", "六十日内", "行政复议法第二十条", "确认")
	if strings.Contains(summary, "第二句") {
		t.Errorf("summary carries the whole explanation:\n%s", summary)
	}
	if len(e.casesOf(who)) != 0 {
		t.Fatal("a case was stored before the person confirmed")
	}
	confirm := wechattest.Text(who, "确认")
	confirm.MsgID = 770001
	reply = e.send(confirm)
	expect(t, reply, "已提交，编号：", "受理期限：")
	no := trackingNo(reply)
	list := e.casesOf(who)
	if len(list) != 1 || list[0].TrackingNo != no {
		t.Fatalf("cases %v, reply number %q", list, no)
	}
	c := list[0]
	if c.Source != cases.SourceBot || c.Kind != cases.KindComplaint || c.Channel() != cases.ChannelReconsideration ||
		c.Department != "market" || !c.Confidential || c.Location == nil || c.Location.Address != "幸福路12号" ||
		len(c.Attachments) != 1 || c.Attachments[0].Ref != "media-photo-1" || c.Attachments[0].Origin != cases.OriginWeChat ||
		c.Submitter.OpenID != who || !strings.Contains(c.Text, "罚款五千元") {
		t.Errorf("stored case %+v", c)
	}
	// The photo is fetched from WeChat by a task the case's transaction queued.
	rows, err := e.svc.PendingOutbox(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var fetch bool
	for _, r := range rows {
		fetch = fetch || (r.Topic == cases.TopicMediaFetch && r.CaseID == c.ID && strings.Contains(string(r.Payload), "media-photo-1"))
	}
	if !fetch {
		t.Errorf("no media:fetch outbox row for the photo: %+v", rows)
	}
	// The draft is gone: a second 确认 is not a second case.
	expect(t, e.say(who, "确认"), "没有找到待提交的内容")
	expect(t, e.say(who, "我的"), no, "已提交")
	// Every message released the person's lock.
	if keys, _ := e.rdb.Keys(context.Background(), "bot:lock:*").Result(); len(keys) != 0 {
		t.Errorf("locks left behind: %v", keys)
	}
}

// WeChat retries a push it got no answer to: the same message three times
// (concurrently and after) creates one case and gets one reply.
func TestRetriedPushesGetTheSameReplyAndOneCase(t *testing.T) {
	e := newEnv(t)
	const who = "o-retry"
	e.say(who, "楼下饭店每天晚上油烟很大，窗户都不敢开")
	e.say(who, "好了")
	e.say(who, "2")
	confirm := wechattest.Text(who, "确认")
	confirm.MsgID = 880001
	confirm.CreateTime = e.clk.Now().Unix()
	replies := make([]string, 3)
	var wg sync.WaitGroup
	for i := range replies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := e.push.Push(context.Background(), confirm)
			if err != nil {
				t.Error(err)
				return
			}
			replies[i] = r.Content
		}()
	}
	wg.Wait()
	again := e.send(confirm)
	if replies[0] == "" || replies[0] != replies[1] || replies[1] != replies[2] || again != replies[0] {
		t.Fatalf("replies differ: %q", append(replies, again))
	}
	expect(t, replies[0], "已提交，编号：")
	if n := len(e.casesOf(who)); n != 1 {
		t.Fatalf("%d cases for one message", n)
	}
	// Events have no MsgId: sender and time identify them.
	sub := wechattest.Subscribe(who)
	sub.CreateTime = e.clk.Now().Unix()
	if a, b := e.send(sub), e.send(sub); a != b || !strings.Contains(a, "欢迎") {
		t.Errorf("event retry: %q vs %q", a, b)
	}
}

func TestForgedPushesAreRefusedAndNothingIsStored(t *testing.T) {
	e := newEnv(t)
	const who = "o-forger"
	for name, opt := range map[string]wechattest.PushOption{
		"signature":     wechattest.WithBadSignature(),
		"msg_signature": wechattest.WithBadMsgSignature(),
		"stale":         wechattest.WithTimestamp(e.clk.Now().Add(-6 * time.Minute)),
		"future":        wechattest.WithTimestamp(e.clk.Now().Add(6 * time.Minute)),
	} {
		_, err := e.push.Push(context.Background(), wechattest.Text(who, "我不想活了，救救我"), opt)
		var se *wechattest.HTTPStatusError
		if !errors.As(err, &se) || se.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %v, want 403", name, err)
		}
	}
	if err := e.push.Verify(context.Background(), wechattest.WithBadSignature()); err == nil {
		t.Error("URL verification with a bad signature passed")
	}
	keys, err := e.rdb.Keys(context.Background(), "bot:*").Result()
	if err != nil || len(keys) != 0 {
		t.Errorf("redis keys after refused pushes: %v %v", keys, err)
	}
	if n := len(e.casesOf(who)); n != 0 {
		t.Errorf("%d cases stored from forged pushes", n)
	}
	// Within the window the same text is taken (and, being urgent, stored).
	expect(t, e.send(wechattest.Text(who, "我不想活了，救救我"), wechattest.WithTimestamp(e.clk.Now().Add(-4*time.Minute))), "编号")
}

func TestURLVerificationAndLimits(t *testing.T) {
	e := newEnv(t)
	if err := e.push.Verify(context.Background()); err != nil {
		t.Fatal(err)
	}
	// 64 KiB is the push's own limit, below the app's upload limit.
	q, _, err := e.push.Body(wechattest.Text("o-big", "x"))
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("a"), bot.MaxPushBytes+1)
	resp, err := http.Post(e.url+bot.Path+"?"+q.Encode(), "text/xml", bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized push: %d", resp.StatusCode)
	}
	// Safe mode refuses a plaintext push even when signed.
	plain := *e.push
	plain.Mode = wechattest.Plain
	if _, err := plain.Push(context.Background(), wechattest.Text("o-plain", "你好")); err == nil {
		t.Error("plaintext push accepted in safe mode")
	}
	// Garbage that is correctly signed: 400, not a crash.
	q, _, _ = e.push.Body(wechattest.Text("o-junk", "x"))
	resp, err = http.Post(e.url+bot.Path+"?"+q.Encode(), "text/xml", strings.NewReader("<xml><Encrypt>!!</Encrypt>"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusBadRequest {
		t.Errorf("junk push: %d", resp.StatusCode)
	}
}

// With nothing to say the answer is the bare word "success" in every mode
// (silenceper would encrypt an empty string in safe mode).
func TestNothingToSayIsSuccessInEveryMode(t *testing.T) {
	for _, mode := range []wechattest.Mode{wechattest.Plain, wechattest.Compatible, wechattest.Safe} {
		t.Run(mode.String(), func(t *testing.T) {
			e := newEnv(t, func(o *envOptions) { o.mode = mode })
			req, err := e.push.Request(context.Background(), wechattest.Unsubscribe("o-leaving"))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || string(body) != "success" {
				t.Errorf("%d %q", resp.StatusCode, body)
			}
			r, err := e.push.Push(context.Background(), wechattest.Text("o-mode", "帮助"))
			if err != nil || !strings.Contains(r.Content, "投诉") || r.Encrypted != (mode != wechattest.Plain) {
				t.Errorf("reply %+v, %v", r, err)
			}
		})
	}
}

// An answer slower than the budget gets a holding reply now and the real
// one as a customer-service message through Asynq.
func TestSlowAnswerFollowsAsCustomerServiceMessage(t *testing.T) {
	slow := func(in bot.AssessInput) (bot.Assessment, error) {
		time.Sleep(300 * time.Millisecond)
		return testAssess(in)
	}
	e := newEnv(t, func(o *envOptions) { o.assess = slow; o.budget = 50 * time.Millisecond })
	expect(t, e.say("o-slow", "小区门口的路灯坏了一个月了"), "正在处理")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stopWorker := runTasks(t, e)
	defer stopWorker()
	m, err := e.fake.WaitSent(ctx, func(s wechattest.Sent) bool { return s.OpenID == "o-slow" })
	if err != nil {
		t.Fatal(err)
	}
	expect(t, m.Content, "照片")
}
