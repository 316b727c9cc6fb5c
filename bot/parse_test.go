package bot

import (
	"strings"
	"testing"

	"petitiond/cases"
	"petitiond/classifier"
	"petitiond/configs"
)

func shippedTexts(t *testing.T) *Texts {
	t.Helper()
	texts, err := LoadTexts(configs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		" 取消。 ":       "取消",
		"确认！":         "确认",
		"ＮＹ２６１１":      "NY2611",
		"　人工":         "人工",
		"好的，谢谢":       "好的,谢谢",
		"查询 NY26-11 ": "查询 NY26-11",
		"?":           "",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChoice(t *testing.T) {
	labels := []string{"是，对罚款、拒绝许可等决定不服", "不是", "不清楚"}
	for in, want := range map[string]int{
		"1": 0, "２": 1, "第3个": 2, "3号": 2, "是": 0, "不是": 1, "不清楚": 2, "不清": 2,
		"4": -1, "0": -1, "": -1, "好的": -1, "不": -1,
	} {
		if got := choice(in, labels); got != want {
			t.Errorf("choice(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestParseRating(t *testing.T) {
	tests := []struct {
		in              string
		rating, comment string
		ok              bool
	}{
		{"满意", cases.RatingSatisfied, "", true},
		{"满意！", cases.RatingSatisfied, "", true},
		{"基本满意", cases.RatingBasicSatisfied, "", true},
		{"不满意，路灯还是不亮", cases.RatingUnsatisfied, "路灯还是不亮", true},
		{"不满意 太慢了", cases.RatingUnsatisfied, "太慢了", true},
		{"满意度太低", "", "", false},
		{"满意吗", "", "", false},
		{"我不满意", "", "", false},
		{"非常满意，谢谢", cases.RatingSatisfied, "谢谢", true},
		{"比较满意", cases.RatingBasicSatisfied, "", true},
		{"很不满意：太慢", cases.RatingUnsatisfied, "太慢", true},
	}
	cmd := newCommands(shippedTexts(t).Commands)
	for _, tt := range tests {
		r, c, ok := cmd.parseRating(tt.in)
		if r != tt.rating || c != tt.comment || ok != tt.ok {
			t.Errorf("parseRating(%q) = %q %q %v", tt.in, r, c, ok)
		}
	}
}

func TestWithPrefix(t *testing.T) {
	prefixes := newCommands(shippedTexts(t).Commands).queryPrefix
	for in, want := range map[string]string{
		"查询NY261102000019":  "NY261102000019",
		"查询 ny261102000019": "ny261102000019",
		"查 NY2611":          "NY2611",
		"查一下我家门口的路灯":        "",
		"查询":                "",
	} {
		got, ok := withPrefix(in, prefixes)
		if got != want || ok != (want != "") {
			t.Errorf("withPrefix(%q) = %q %v", in, got, ok)
		}
	}
}

func TestEmergencyNumbers(t *testing.T) {
	b := &Bot{texts: shippedTexts(t)}
	tests := []struct {
		cues []string
		want string
	}{
		{[]string{"自伤/轻生风险：不想活"}, "120（急救）、110（报警）"},
		{[]string{"暴力/报复威胁：拿刀"}, "110（报警）"},
		{[]string{"紧急危险（燃气、火、坍塌、水、中毒）：煤气味"}, "119（火警、抢险）"},
		{[]string{"紧急危险（燃气、火、坍塌、水、中毒）：食物中毒"}, "120（急救）"},
		{[]string{"有人正处于危险：走失"}, "110（报警）"},
		{[]string{"有人正处于危险：晕倒"}, "120（急救）"},
		{[]string{"暴力/报复威胁：砍人", "紧急危险（燃气、火、坍塌、水、中毒）：着火"}, "110（报警）、119（火警、抢险）"},
		{[]string{"模型判断：表述接近紧急事项，请人工确认"}, "110（报警）、120（急救）、119（火警、抢险）"},
		{nil, "110（报警）、120（急救）、119（火警、抢险）"},
	}
	for _, tt := range tests {
		if got := b.emergencyNumbers(tt.cues); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.cues, got, tt.want)
		}
	}
}

func TestCreditCodeProblem(t *testing.T) {
	b := &Bot{texts: shippedTexts(t)}
	if p := b.creditCodeProblem("91350100M000100Y43"); p != "" {
		t.Errorf("valid code: %q", p)
	}
	for code, want := range map[string]string{
		"91350100M000100Y44": "校验不通过",
		"9135010":            "您输入的是7位",
		"91350100M000100YO3": "不会出现的字符",
		"91350100M000100语43": "不会出现的字符",
	} {
		if p := b.creditCodeProblem(cases.NormalizeCreditCode(code)); !strings.Contains(p, want) {
			t.Errorf("%s: %q, want %q", code, p, want)
		}
	}
}

func TestTextsMustBeComplete(t *testing.T) {
	texts := shippedTexts(t)
	if texts.Menu["MENU_STATUS"] != "status" || len(texts.EmergencyRules) == 0 {
		t.Errorf("shipped texts: %+v", texts.Menu)
	}
	if _, err := ParseTexts([]byte("welcome: hi\n")); err == nil || !strings.Contains(err.Error(), "help") {
		t.Errorf("incomplete file: %v", err)
	}
	if _, err := ParseTexts([]byte("welcom: hi\n")); err == nil {
		t.Error("unknown key accepted")
	}
}

// The summary fits one passive reply whatever the guidance says: the
// explanation goes first, then time limits from the last.
func TestSummaryFitsOneReply(t *testing.T) {
	b := &Bot{texts: shippedTexts(t), cfg: Config{DepartmentName: func(string) string { return "" }}}
	g := &classifier.Guidance{Title: "行政复议", Explanation: strings.Repeat("很长的说明。", 200)}
	for i := 0; i < 30; i++ {
		g.TimeLimits = append(g.TimeLimits, classifier.TimeLimit{Description: strings.Repeat("期限", 20), Law: "某法", Article: "第一条"})
	}
	s := &Session{Kind: cases.KindComplaint, Text: strings.Repeat("字", 500)}
	out := b.summary(s, Assessment{Classification: cases.Classification{Channel: cases.ChannelReconsideration}, Guidance: g})
	if len(out) > maxReplyBytes || !strings.Contains(out, "行政复议") || !strings.Contains(out, "确认") || strings.Contains(out, "很长的说明") {
		t.Errorf("summary of %d bytes:\n%s", len(out), out)
	}
}
