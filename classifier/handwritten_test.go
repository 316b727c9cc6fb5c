package classifier

import "testing"

// testdata/handwritten.jsonl holds texts written for this package in the four voices
// (chat, voice transcript, letter, 12345 work order), labelled by LABELS.md and never
// trained on. It guards the rules and lexicons against regressions on phrasings the
// training files do not contain.
func TestHandwrittenSet(t *testing.T) {
	c := testClassifier(t)
	met, mistakes := EvaluateDetailed(c, readTestdata(t, "handwritten.jsonl"))
	t.Logf("handwritten: n=%d channel macro-F1 %.3f department %.3f urgent recall %.3f precision %.3f",
		met.N, met.ChannelMacroF1, met.DepartmentAccuracy, met.UrgentRecall, met.UrgentPrecision)
	if met.ChannelMacroF1 < 0.97 || met.DepartmentAccuracy < 0.87 || met.UrgentRecall < 0.97 || met.UrgentPrecision < 0.88 {
		for _, m := range mistakes {
			t.Logf("%s: %s/%s/%v → %s/%s/%v %s", m.ID, m.GoldChannel, m.GoldDepartment, m.GoldUrgent,
				m.PredChannel, m.PredDepartment, m.PredUrgent, m.Text)
		}
		t.Errorf("handwritten set below its floors: %+v", met)
	}
}
