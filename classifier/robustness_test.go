package classifier

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestEmptyTextIsAnError(t *testing.T) {
	c := testClassifier(t)
	for _, text := range []string{"", "   ", "\n\t \r\n", "\u3000\u3000", "\u200b\ufeff"} {
		if _, err := c.Classify(Input{Text: text}); !errors.Is(err, ErrEmptyText) {
			t.Errorf("Classify(%q) error = %v, want ErrEmptyText", text, err)
		}
	}
}

func TestLongTextIsTruncatedAndFlagged(t *testing.T) {
	c := testClassifier(t)
	head := "城管罚了我两千块，说我占道经营，我不服，想申请复议。"
	text := head + strings.Repeat("我家门口的台阶是自己家的，不是公共道路。", 400)
	if utf8.RuneCountInString(text) <= MaxTextRunes {
		t.Fatal("test text too short")
	}
	res, err := c.Classify(Input{Text: text, Kind: KindComplaint})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated {
		t.Error("long text not flagged as truncated")
	}
	if res.Channel != Reconsideration {
		t.Errorf("channel = %s, want reconsideration (classified on the first %d characters)", res.Channel, MaxTextRunes)
	}
	short := classify(t, c, head)
	if short.Truncated {
		t.Error("short text flagged as truncated")
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"ＡＢＣ１２３，ｘｙｚ！":            "abc123,xyz!",
		"來電人反映：養老院拒絕賠償":          "来电人反映:养老院拒绝赔偿",
		"  两个   空格\t\t制表 ":       "两个 空格 制表",
		"路灯坏了😡😡\u200d\ufe0f":     "路灯坏了😡😡",
		"WO JIA LOU XIA LU DENG": "wo jia lou xia lu deng",
		"第一行\n\n第二行":             "第一行\n\n第二行",
		"\u3000全角空格\u3000":       "全角空格",
		"罚款５０００元":                "罚款5000元",
	}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// The same complaint in traditional characters, full-width forms or with emoji must land
// where the simplified original lands.
func TestVariantsClassifyAlike(t *testing.T) {
	c := testClassifier(t)
	groups := [][]string{
		{
			"来电人反映：其母亲在某养老院摔伤，养老院拒绝承担医疗费用。诉求：协调养老院赔偿。",
			"來電人反映：其母親在某養老院摔傷，養老院拒絕承擔醫療費用。訴求：協調養老院賠償。",
		},
		{
			"城管罚了我２０００元，说我占道经营，我不服，要求撤销处罚",
			"城管罚了我2000元，说我占道经营，我不服，要求撤销处罚😡😡😡",
		},
		{
			"法院判了他赔我三万，一年了一分没给，执行局说查不到财产",
			"法院判了他賠我三萬，一年了一分沒給，執行局說查不到財產",
		},
	}
	for _, g := range groups {
		first := classify(t, c, g[0])
		for _, v := range g[1:] {
			res := classify(t, c, v)
			if res.Channel != first.Channel || res.Department != first.Department || res.Urgent != first.Urgent {
				t.Errorf("%s → %s/%s/%v, but %s → %s/%s/%v", g[0], first.Channel, first.Department, first.Urgent,
					v, res.Channel, res.Department, res.Urgent)
			}
		}
	}
}

func TestOddInputsAreClassified(t *testing.T) {
	c := testClassifier(t)
	for _, text := range []string{
		"wo jia lou xia de lu deng huai le hen jiu le, qing bang mang xiu yi xia",
		"12345",
		"😡😡😡",
		"？？？！！！",
		"a",
		strings.Repeat("罚", 6000),
		"\x00\x01\x02罚款",
		string([]byte{0xff, 0xfe, 0xe7, 0xbd}),
	} {
		res, err := c.Classify(Input{Text: text})
		if errors.Is(err, ErrEmptyText) {
			continue
		}
		if err != nil {
			t.Errorf("Classify(%q): %v", text, err)
			continue
		}
		checkResult(t, text, res)
	}
}

// checkResult asserts the invariants every result must keep.
func checkResult(t testing.TB, text string, res Result) {
	t.Helper()
	if channelIndex(res.Channel) < 0 || departmentIndex(res.Department) < 0 {
		t.Fatalf("%q: invalid labels %q/%q", text, res.Channel, res.Department)
	}
	for _, probs := range []map[string]float64{toStrMap(res.ChannelProbs), toStrMap(res.DepartmentProbs)} {
		sum := 0.0
		for k, p := range probs {
			if math.IsNaN(p) || p < 0 || p > 1 {
				t.Fatalf("%q: probability %s = %v", text, k, p)
			}
			sum += p
		}
		if math.Abs(sum-1) > 0.01 {
			t.Fatalf("%q: probabilities sum to %v", text, sum)
		}
	}
	if math.IsNaN(res.Confidence) || res.Confidence <= 0 || res.Confidence > 1 {
		t.Fatalf("%q: confidence %v", text, res.Confidence)
	}
	if res.Urgent && len(res.UrgentCues) == 0 {
		t.Fatalf("%q: urgent without cues", text)
	}
	if res.ModelVersion == "" {
		t.Fatalf("%q: no model version", text)
	}
}

func toStrMap[K ~string](m map[K]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

// A Classifier is shared by every request: concurrent calls must agree with serial ones.
func TestClassifyIsSafeForConcurrentUse(t *testing.T) {
	c := testClassifier(t)
	texts := append([]string{}, benchTexts...)
	want := make([]Result, len(texts))
	for i, s := range texts {
		want[i] = classify(t, c, s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 20; n++ {
				i := (g + n) % len(texts)
				res, err := c.Classify(Input{Text: texts[i], Kind: KindComplaint})
				if err != nil || res.Channel != want[i].Channel || res.Department != want[i].Department ||
					res.Confidence != want[i].Confidence {
					errs <- texts[i]
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("concurrent result differs for %s", s)
	}
}
