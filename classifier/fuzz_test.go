package classifier

import (
	"errors"
	"strings"
	"testing"
)

// FuzzClassify: no input panics, every error is ErrEmptyText, every result keeps its
// invariants. The seed corpus runs as part of the normal test suite.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		"", " ", "罚", "法院", "不要赔偿，只要求查处", "活着没意思", "楼要塌了",
		"來電人反映：養老院拒絕賠償", "ＡＢＣ１２３", "😡😡😡", "wo yao tou su",
		"申请…不予", "…………", "\x00\xff\xfe", "\u200b\ufeff", strings.Repeat("法院判决", 150),
		"诉求：", "1.5元", "。。。！！！？？？", "\n\n\n", "不", "没有没有没有起诉",
	} {
		f.Add(s, KindComplaint)
	}
	f.Add("我公司被罚款五万元", KindBusiness)
	f.Add("信访人：某某", "unknown-kind")
	c := testClassifier(f)
	f.Fuzz(func(t *testing.T, text, kind string) {
		res, err := c.Classify(Input{Text: text, Kind: kind,
			Answers: map[string]string{AnswerCourtInvolved: AnswerUnknown}})
		if err != nil {
			if !errors.Is(err, ErrEmptyText) {
				t.Fatalf("Classify(%q): %v", text, err)
			}
			return
		}
		checkResult(t, text, res)
	})
}
