package bot_test

import (
	"context"
	"strings"
	"testing"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/wechat/wechattest"
)

// submit runs a plain complaint to the end and returns its tracking number.
func (e *env) submit(who, text string) string {
	e.t.Helper()
	e.say(who, text)
	e.say(who, "好了")
	e.say(who, "2")
	no := trackingNo(e.say(who, "确认"))
	if no == "" {
		e.t.Fatal("no tracking number")
	}
	return no
}

func TestStatusQueryShowsOnlyTheCallersCases(t *testing.T) {
	e := newEnv(t)
	no := e.submit("o-alice", "小区门口的路灯坏了一个月了，晚上很黑")
	mine := e.say("o-alice", "查询 "+no)
	expect(t, mine, "编号："+no, "状态：已提交", "城市管理局", "受理期限：", "已提交")

	// Someone else's number gets the answer a missing number gets.
	other := e.say("o-bob", "查询 "+no)
	expect(t, other, "没有查到编号 "+no)
	if strings.Contains(other, "城市管理局") || strings.Contains(other, "已提交") {
		t.Errorf("a stranger learned about the case:\n%s", other)
	}
	missing := cases.FormatTrackingNo("NY", e.clk.Now().In(casestest.Shanghai), 999)
	if got := e.say("o-bob", "查询 "+missing); strings.ReplaceAll(got, missing, no) != other {
		t.Errorf("someone else's case and a missing one answer differently:\n%s\n%s", other, got)
	}
	// A typo is caught by the check digit: "please check", not "not found".
	typo := no[:len(no)-1] + string("0123456789"[(int(no[len(no)-1]-'0')+1)%10])
	expect(t, e.say("o-alice", "查询"+strings.ToLower(typo)), "有误", "核对")
	expect(t, e.say("o-alice", "查询 AB12"), "不是本平台的编号")
	// A bare number from a person with no draft is a query too.
	expect(t, e.say("o-alice", no), "状态：已提交")
	expect(t, e.say("o-bob", "我的"), "没有正在办理")
}

func TestBusinessReportReasksABadCreditCode(t *testing.T) {
	e := newEnv(t)
	const who = "o-company"
	expect(t, e.send(wechattest.Click(who, "MENU_BUSINESS")), "企业遇到的问题")
	expect(t, e.say(who, "办理施工许可证，审批科让我们反复补材料，拖了三个月"), "照片")
	expect(t, e.say(who, "没有"), "企业全称")
	expect(t, e.say(who, "成都某某建材有限公司"), "统一社会信用代码")
	wrong := validCreditCode[:17] + map[bool]string{true: "1", false: "2"}[validCreditCode[17] != '1']
	expect(t, e.say(who, wrong), "校验不通过", "重新输入")
	expect(t, e.say(who, "915101"), "应为18位", "6位")
	expect(t, e.say(who, "91510100MA6123456O"), "不会出现的字符")
	expect(t, e.say(who, validCreditCode), "保密")
	expect(t, e.say(who, "不需要"), "营商环境反映", "成都某某建材有限公司", validCreditCode)
	e.say(who, "确认")
	list := e.casesOf(who)
	if len(list) != 1 || list[0].Kind != cases.KindBusiness || list[0].Company.CreditCode != validCreditCode || list[0].Confidential {
		t.Fatalf("cases %+v", list)
	}
}

// validCreditCode is a well-formed unified social credit code.
var validCreditCode = func() string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	for _, c := range alphabet {
		code := "91510100MA6123456" + string(c)
		if cases.ValidCreditCode(code) {
			return code
		}
	}
	panic("no check character")
}()

func TestUrgentMatterIsStoredAtOnce(t *testing.T) {
	e := newEnv(t)
	const who = "o-urgent"
	e.send(wechattest.Click(who, "MENU_PETITION"))
	reply := e.say(who, "老板欠了三个月工资，我真的不想活了")
	expect(t, reply, "紧急", "编号：", "工作人员会尽快与您联系", "120（急救）", "110（报警）")
	if strings.Contains(reply, "119") {
		t.Errorf("fire number for self-harm:\n%s", reply)
	}
	list := e.casesOf(who)
	if len(list) != 1 || !list[0].Urgent || list[0].Kind != cases.KindPetition || list[0].TrackingNo != trackingNo(reply) {
		t.Fatalf("urgent case not stored at once: %+v", list)
	}
	tasks, err := e.calls.List(context.Background(), cases.CallTaskQuery{CaseID: list[0].ID})
	if err != nil || len(tasks) != 1 || tasks[0].Kind != cases.CallCallback {
		t.Fatalf("callback task: %+v %v", tasks, err)
	}
	// What follows is added to the stored case.
	expect(t, e.send(wechattest.Image(who, "", "m-urgent-1")), "已补充到事项 "+list[0].TrackingNo)
	expect(t, e.say(who, "我在公司楼顶"), "已补充")
	expect(t, e.say(who, "好了"), "已登记并补充")
	c, _ := e.svc.Get(context.Background(), list[0].ID)
	if len(c.Attachments) != 1 || c.Attachments[0].Ref != "m-urgent-1" {
		t.Errorf("attachments %+v", c.Attachments)
	}
	events, _ := e.svc.Timeline(context.Background(), c.ID)
	var supplements int
	for _, ev := range events {
		if ev.Action == cases.EventSupplement {
			supplements++
		}
	}
	if supplements != 2 || len(e.casesOf(who)) != 1 {
		t.Errorf("%d supplements, %d cases", supplements, len(e.casesOf(who)))
	}
	// Fire gets 119, from the first message of a person with no draft.
	expect(t, e.say("o-fire", "楼下仓库着火了，烟很大"), "119（火警、抢险）")
	// Urgency is heard at any step, not only in the description.
	e.say("o-late", "小区门口的路灯坏了一个月了，晚上很黑")
	e.say("o-late", "好了")
	e.say("o-late", "2")
	expect(t, e.say("o-late", "算了我不想活了"), "紧急", "编号：")
	if list := e.casesOf("o-late"); len(list) != 1 || !list[0].Urgent || !strings.Contains(list[0].Text, "路灯") {
		t.Errorf("urgent at the summary: %+v", list)
	}
}

func TestVoiceIsReadBackAndKept(t *testing.T) {
	e := newEnv(t)
	const who = "o-elder"
	expect(t, e.send(wechattest.Voice(who, "v-1", "amr", "我家楼下的饭店油烟太大了。")), "您说的是：“我家楼下的饭店油烟太大了。”，对吗？")
	expect(t, e.say(who, "对"), "照片")
	expect(t, e.say(who, "好了"), "保密")
	expect(t, e.say(who, "2"), "语音：1条")
	e.say(who, "确认")
	list := e.casesOf(who)
	if len(list) != 1 || !strings.Contains(list[0].Text, "油烟") || len(list[0].Attachments) != 1 ||
		list[0].Attachments[0].Kind != "voice" || list[0].Attachments[0].Note != "我家楼下的饭店油烟太大了。" {
		t.Fatalf("voice case %+v", list)
	}
	// "不对" asks again; the misheard text is not used.
	e.send(wechattest.Voice("o-elder2", "v-2", "amr", "路灯换了"))
	expect(t, e.say("o-elder2", "不对"), "重新说")
	if n := len(e.casesOf("o-elder2")); n != 0 {
		t.Errorf("%d cases", n)
	}
	// Without recognition: keep the voice, ask for words, or submit as is.
	expect(t, e.send(wechattest.Voice("o-elder3", "v-3", "amr", "")), "收到您的语音", "提交")
	reply := e.say("o-elder3", "提交")
	expect(t, reply, "语音留言", "编号：")
	list = e.casesOf("o-elder3")
	if len(list) != 1 || list[0].Attachments[0].Ref != "v-3" || list[0].Department != "gov_service" {
		t.Fatalf("voice-only case %+v", list)
	}
}

func TestWithdrawNeedsConfirmation(t *testing.T) {
	e := newEnv(t)
	no := e.submit("o-w", "小区门口的路灯坏了一个月了，晚上很黑")
	expect(t, e.say("o-w", "撤回 "+no), "确定要撤回事项 "+no)
	expect(t, e.say("o-w", "不"), "没有撤回")
	expect(t, e.say("o-w", "撤回"+no), "确定要撤回")
	expect(t, e.say("o-w", "确定"), "已撤回事项 "+no)
	if c := e.casesOf("o-w")[0]; c.Status != cases.StatusWithdrawn {
		t.Errorf("status %s", c.Status)
	}
	expect(t, e.say("o-w", "撤回 "+no), "不能撤回")
	expect(t, e.say("o-x", "撤回 "+no), "没有查到")
}

func TestFollowUpAnswersAreRecorded(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	const who = "o-fu"
	// Without an answered case the words are ordinary text.
	expect(t, e.say(who, "满意"), "投诉")
	no := e.submit(who, "小区门口的路灯坏了一个月了，晚上很黑")
	c := e.casesOf(who)[0]
	staff := cases.Staff("clerk", "urban")
	for _, step := range []func() error{
		func() error { _, err := e.svc.Dispatch(ctx, c.ID, "urban", cases.System, ""); return err },
		func() error { _, err := e.svc.Accept(ctx, c.ID, staff); return err },
		func() error { _, err := e.svc.Reply(ctx, c.ID, staff, "路灯已修复"); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, e.say(who, "查询 "+no), "已答复", "路灯已修复", "承办单位：城市管理局")
	expect(t, e.say(who, "不满意"), "不满意的原因", no)
	expect(t, e.say(who, "修好两天又坏了"), "重新办理", no)
	c, _ = e.svc.Get(ctx, c.ID)
	if c.Status != cases.StatusReopened {
		t.Fatalf("status %s after 不满意", c.Status)
	}
	events, _ := e.svc.Timeline(ctx, c.ID)
	var reason bool
	for _, ev := range events {
		reason = reason || (ev.Action == string(cases.ActionReopen) && ev.Note == "修好两天又坏了")
	}
	if !reason {
		t.Errorf("reason not recorded: %+v", events)
	}
	// A second round answered 满意 in one message.
	for _, step := range []func() error{
		func() error { _, err := e.svc.Accept(ctx, c.ID, staff); return err },
		func() error { _, err := e.svc.Reply(ctx, c.ID, staff, "已更换灯具"); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, e.say(who, "满意！"), "感谢", no)
	c, _ = e.svc.Get(ctx, c.ID)
	if c.Status != cases.StatusFollowedUp || c.Evaluation == nil || c.Evaluation.Via != "bot" {
		t.Errorf("after 满意: %s %+v", c.Status, c.Evaluation)
	}
}

func TestHumanCreatesACallbackAndTakesAPhone(t *testing.T) {
	e := newEnv(t)
	const who = "o-human"
	e.say(who, "小区门口的路灯坏了一个月了，晚上很黑")
	expect(t, e.say(who, "人工"), "人工服务", "手机号码")
	expect(t, e.say(who, "138-0013-8000"), "已记下号码", "没有提交")
	tasks, err := e.calls.List(context.Background(), cases.CallTaskQuery{Kind: cases.CallCallback})
	if err != nil || len(tasks) != 1 || tasks[0].OpenID != who || tasks[0].Phone != "13800138000" {
		t.Fatalf("tasks %+v %v", tasks, err)
	}
	// The draft survived the aside.
	expect(t, e.say(who, "好了"), "保密")
}

func TestCancelAndHelp(t *testing.T) {
	e := newEnv(t)
	const who = "o-c"
	expect(t, e.say(who, "取消"), "没有正在填写")
	expect(t, e.say(who, "你好"), "投诉｜信访")
	expect(t, e.say(who, "嗯"), "投诉｜信访") // too short to be a description
	e.say(who, "投诉")
	expect(t, e.say(who, "路灯"), "再多说几句")
	expect(t, e.say(who, "帮助"), "没有提交")
	expect(t, e.say(who, "取消"), "已取消")
	expect(t, e.send(wechattest.Location(who, 1, 2, 3, "某处")), "请先说明")
	expect(t, e.send(wechattest.Message{MsgType: "video", FromUserName: who, MediaID: "vid"}), "文字、语音、照片和位置")
	if n := len(e.casesOf(who)); n != 0 {
		t.Errorf("%d cases", n)
	}
}

// Every prompt of the intake offers a human.
func TestEveryIntakePromptOffersAHuman(t *testing.T) {
	e := newEnv(t)
	const who = "o-prompts"
	steps := []wechattest.Message{
		wechattest.Click(who, "MENU_BUSINESS"),
		wechattest.Text(who, "路灯"),
		wechattest.Voice(who, "v-p", "amr", "市场监管局对我们公司罚款两万元，我们不服"),
		wechattest.Text(who, "对"),
		wechattest.Text(who, "9"),
		wechattest.Text(who, "1"),
		wechattest.Image(who, "", "m-p"),
		wechattest.Location(who, 1, 2, 3, "某处"),
		wechattest.Text(who, "好了"),
		wechattest.Text(who, "某某公司"),
		wechattest.Text(who, "123"),
		wechattest.Text(who, validCreditCode),
		wechattest.Text(who, "随便"),
		wechattest.Text(who, "2"),
		wechattest.Text(who, "嗯嗯"),
	}
	for _, m := range steps {
		if reply := e.send(m); !strings.Contains(reply, "人工") {
			t.Errorf("%s %q: the reply offers no human:\n%s", m.MsgType, m.Content, reply)
		}
	}
}

// With Redis unreachable no draft can be kept, but an urgent message is
// still stored, once, and answered with the emergency numbers.
func TestUrgentMessageIsStoredEvenWithoutRedis(t *testing.T) {
	e := newEnv(t, func(o *envOptions) { o.proxy = true })
	e.say("o-down", "小区门口的路灯坏了一个月了，晚上很黑")
	e.proxy.Down()
	expect(t, e.say("o-down2", "路灯坏了很久了，晚上很黑"), "系统繁忙")
	m := wechattest.Text("o-down", "老板欠薪半年，我不想活了")
	m.MsgID, m.CreateTime = 990001, e.clk.Now().Unix()
	first, again := e.send(m), e.send(m)
	expect(t, first, "紧急", "编号：", "120")
	if first != again {
		t.Errorf("retry answered differently:\n%s\n%s", first, again)
	}
	if list := e.casesOf("o-down"); len(list) != 1 || !list[0].Urgent || list[0].TrackingNo != trackingNo(first) {
		t.Fatalf("cases %+v", list)
	}
	// Back up: the draft from before the outage carries on.
	e.proxy.Up()
	expect(t, e.say("o-down", "好了"), "保密")
}
