package bot_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"petitiond/wechat/wechattest"
)

// Pushes the bot does not act on, or odd ones, get a polite word or
// nothing ("success"), never an error status.
func TestOddPushesAreAnsweredPolitely(t *testing.T) {
	e := newEnv(t)
	pushes := []struct {
		name string
		m    wechattest.Message
		want string // "" for no reply
	}{
		{"video", wechattest.Message{MsgType: "video", FromUserName: "o-odd", MediaID: "m1"}, "暂时只能处理"},
		{"link", wechattest.Message{MsgType: "link", FromUserName: "o-odd"}, "暂时只能处理"},
		{"unknown type", wechattest.Message{MsgType: "hologram", FromUserName: "o-odd"}, "暂时只能处理"},
		{"no type", wechattest.Message{FromUserName: "o-odd"}, "暂时只能处理"},
		{"no sender", wechattest.Message{MsgType: "text", Content: "你好"}, ""},
		{"menu link", wechattest.Event("o-odd", "VIEW", "https://example.org"), ""},
		{"unknown event", wechattest.Event("o-odd", "hologram", ""), ""},
		{"unknown menu key", wechattest.Click("o-odd", "MENU_NOPE"), ""},
		{"image without media", wechattest.Image("o-odd", "", ""), "暂时只能处理"},
		{"voice with a bad media id", wechattest.Voice("o-odd", "a b", "amr", ""), "暂时只能处理"},
		{"location off the Earth", wechattest.Location("o-odd", 999, 104, 16, "某处"), "没能识别这个位置"},
		{"emoji", wechattest.Text("o-emoji", "😀路灯坏了🙏🏻一直不亮，晚上很黑👀"), "照片"},
		{"long text", wechattest.Text("o-long", strings.Repeat("路灯坏了很久没人修。", 1500)), "照片"},
	}
	for _, p := range pushes {
		r, err := e.push.Push(context.Background(), p.m)
		if err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		if p.want == "" && !r.Empty() || !strings.Contains(r.Content, p.want) {
			t.Errorf("%s: reply %q, want %q", p.name, r.Content, p.want)
		}
	}
}

// A location or photo WeChat sent with values the case cannot hold is
// refused when it arrives: kept in the draft, it made every 确认 fail
// ("位置坐标无效", "附件编号无效") and an urgent case went unstored. A NaN
// passed the range check and was kept (the session then silently not
// saved).
func TestBadLocationOrMediaNeverBlocksTheCase(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		who string
		m   wechattest.Message
	}{
		{"o-far", wechattest.Location("o-far", 999, 104, 16, "某处")},
		{"o-nan", wechattest.Location("o-nan", math.NaN(), 104, 16, "某处")},
		{"o-space", wechattest.Image("o-space", "http://mmbiz/x.jpg", "media 1")},
		{"o-huge", wechattest.Image("o-huge", "http://mmbiz/x.jpg", strings.Repeat("m", 300))},
	} {
		e.send(wechattest.Click(tc.who, "MENU_COMPLAINT"))
		e.say(tc.who, "小区门口的路灯坏了一个月")
		e.send(tc.m)
		e.say(tc.who, "好了")
		expect(t, e.say(tc.who, "2"), "请核对")
		expect(t, e.say(tc.who, "确认"), "已提交，编号：")
		list := e.casesOf(tc.who)
		if len(list) != 1 || list[0].Location != nil || len(list[0].Attachments) != 0 {
			t.Errorf("%s: cases %+v", tc.who, list)
		}
	}
	// Urgency is stored at once, whatever came before it.
	e.send(wechattest.Click("o-fire", "MENU_COMPLAINT"))
	e.send(wechattest.Location("o-fire", 91, 104, 16, "某处"))
	expect(t, e.say("o-fire", "我家楼下着火了，快来人"), "已立即登记", "119")
	if n := len(e.casesOf("o-fire")); n != 1 {
		t.Errorf("urgent case not stored: %d cases", n)
	}
}

// A number typed with the commands is read back, and a long one made a
// reply over WeChat's 2048 bytes, which WeChat never delivers.
func TestLongNumbersAreNotReadBackWhole(t *testing.T) {
	e := newEnv(t)
	for _, cmd := range []string{"查询 ", "撤回 NY", "查询 NY2611020000"} {
		reply := e.say("o-digits", cmd+strings.Repeat("9", 2500))
		if len(reply) > 2048 || !strings.Contains(reply, "编号") {
			t.Errorf("%s…: reply of %d bytes: %.80s", cmd, len(reply), reply)
		}
	}
}
