package bot_test

import (
	"io/fs"
	"strings"
	"testing"

	"petitiond/bot"
	"petitiond/cases"
	"petitiond/classifier"
	"petitiond/configs"
	"petitiond/wechat/wechattest"
)

// realClassifier is the shipped model with the shipped guidance.
func realClassifier(t testing.TB) bot.Assess {
	t.Helper()
	model, err := classifier.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(configs.Defaults(), "guidance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	guidance, err := classifier.ParseGuidance(b)
	if err != nil {
		t.Fatal(err)
	}
	c, err := classifier.New(model, classifier.Options{Guidance: guidance})
	if err != nil {
		t.Fatal(err)
	}
	return bot.FromClassifier(c)
}

// The conversation with the shipped classifier: whatever it asks is
// answered, the summary carries its guidance with the law, and the case
// stores what the person saw.
func TestConversationWithTheRealClassifier(t *testing.T) {
	e := newEnv(t, func(o *envOptions) { o.assess = realClassifier(t) })
	const who = "o-real"
	reply := e.say(who, "市场监管局说我卖的散装白酒没贴标签，罚了我三千块，这个罚款我不服，想申请复议")
	for i := 0; strings.Contains(reply, "请回复序号") && !strings.Contains(reply, "保密") && i < 3; i++ {
		reply = e.say(who, "1")
	}
	expect(t, reply, "照片")
	expect(t, e.send(wechattest.Image(who, "", "m-real")), "第1张")
	expect(t, e.say(who, "好了"), "保密")
	summary := e.say(who, "不需要")
	expect(t, summary, "办理渠道：行政复议", "中华人民共和国行政复议法", "确认")
	if len(summary) > 2048 {
		t.Errorf("summary of %d bytes", len(summary))
	}
	expect(t, e.say(who, "确认"), "已提交，编号：")
	c := e.casesOf(who)[0]
	if c.Channel() != cases.ChannelReconsideration || c.Classification.ModelVersion == "" || len(c.Classification.Reasons) == 0 {
		t.Errorf("stored classification %+v", c.Classification)
	}

	// The real cues choose the numbers.
	reply = e.say("o-real-2", "我实在撑不下去了，农药都买好了，不想活了")
	expect(t, reply, "紧急", "编号：", "120（急救）")
	if list := e.casesOf("o-real-2"); len(list) != 1 || !list[0].Urgent || len(list[0].Classification.UrgentCues) == 0 {
		t.Errorf("urgent case %+v", list)
	}
	expect(t, e.say("o-real-3", "楼道里一股很浓的煤气味，邻居家没人"), "119")
}
