package classifier

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestShippedGuidance(t *testing.T) {
	g := testGuidance(t)
	// The deadlines the issue requires, with their articles.
	want := map[Channel][]struct {
		law, article string
		days, months int
		working      bool
	}{
		Reconsideration: {{"行政复议法", "第二十条", 60, 0, false}, {"行政复议法", "第三十条", 5, 0, true}, {"行政复议法", "第六十二条", 60, 0, false}},
		Litigation:      {{"行政诉讼法", "第四十六条", 0, 6, false}, {"行政诉讼法", "第四十五条", 15, 0, false}},
		Petition:        {{"信访工作条例", "第二十三条", 15, 0, false}, {"信访工作条例", "第三十四条", 60, 0, false}, {"信访工作条例", "第三十五条", 30, 0, false}},
		Mediation:       {{"人民调解法", "第三十三条", 30, 0, false}},
	}
	for ch, limits := range want {
		gd, ok := g[ch]
		if !ok {
			t.Fatalf("no guidance for %s", ch)
		}
		for _, w := range limits {
			found := false
			for _, tl := range gd.TimeLimits {
				if strings.Contains(tl.Law, w.law) && tl.Article == w.article && tl.Days == w.days &&
					tl.Months == w.months && tl.WorkingDays == w.working {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: missing time limit %s %s (%d days, %d months, working=%v)", ch, w.law, w.article, w.days, w.months, w.working)
			}
		}
	}
	found := false
	for _, lb := range g[Litigation].LegalBasis {
		if strings.Contains(lb.Law, "信访工作条例") && lb.Article == "第二十八条" {
			found = true
		}
	}
	if !found {
		t.Error("litigation guidance does not cite 信访工作条例 第二十八条 (诉访分离)")
	}
}

func TestParseGuidanceRejectsIncompleteFiles(t *testing.T) {
	good, err := os.ReadFile("../configs/guidance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"not yaml":        "channels: [",
		"missing channel": strings.Replace(string(good), "  mediation:", "  mediation_x:", 1),
		"no article":      strings.Replace(string(good), "article: 第二十条", "article: \"\"", 1),
		"no days":         strings.Replace(string(good), "days: 60", "days: 0", 1),
	} {
		if _, err := ParseGuidance([]byte(data)); !errors.Is(err, ErrBadGuidance) {
			t.Errorf("%s: error = %v, want ErrBadGuidance", name, err)
		}
	}
}

func TestResultCarriesGuidanceOfItsChannel(t *testing.T) {
	c := testClassifier(t)
	res := classify(t, c, "城管罚了我两千块，我不服，想申请复议")
	if res.Guidance == nil || res.Guidance.Channel != res.Channel || len(res.Guidance.TimeLimits) == 0 {
		t.Fatalf("guidance %+v for channel %s", res.Guidance, res.Channel)
	}
	m, _ := DefaultModel()
	bare, _ := New(m, Options{})
	if res := classify(t, bare, "城管罚了我两千块，我不服"); res.Guidance != nil {
		t.Error("guidance without a GuidanceSet")
	}
}

func TestShippedRulesParseAndApply(t *testing.T) {
	b, err := os.ReadFile("../configs/classifier_rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseRules(b)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := DefaultModel()
	c, err := New(m, Options{Rules: r})
	if err != nil {
		t.Fatal(err)
	}
	phrase := "我真的不想再拖累家人了"
	if res := classify(t, testClassifier(t), phrase); res.Urgent {
		t.Skip("phrase already urgent without the configured rule")
	}
	if res := classify(t, c, phrase); !res.Urgent {
		t.Errorf("configured cue 不想再拖累家人 did not make %q urgent", phrase)
	}
}

func TestParseRulesRejectsUnknownNames(t *testing.T) {
	for _, data := range []string{
		"cues:\n  urg.no_such_cue: [abc]\n",
		"negators:\n  nosuchset: [不]\n",
		"cues: {urg.self_harm: [\"  \"]}\n",
		"cues: [",
	} {
		if _, err := ParseRules([]byte(data)); !errors.Is(err, ErrBadRules) {
			t.Errorf("ParseRules(%q) error = %v, want ErrBadRules", data, err)
		}
	}
	if len(CueNames()) < 20 {
		t.Errorf("CueNames() = %v", CueNames())
	}
}
