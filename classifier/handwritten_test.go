package classifier

import "testing"

// Texts written for this package after the training files, in the four voices (chat,
// voice transcript, letter, 12345 work order), labelled by LABELS.md:
// handwritten.jsonl by the package's first author, dev_*.jsonl by a second writer. Each
// was scored before the changes it prompted (README.md reports those figures); the
// shipped model has since learnt from them, so these floors guard the rules, lexicons and
// training against regressions, not generalisation — final_test.jsonl, never trained or
// tuned on, measures that.
var freshSetFloors = []struct {
	file                                                string
	channelMacroF1, department, urgRecall, urgPrecision float64
}{
	{"handwritten.jsonl", 0.97, 0.90, 0.97, 0.88},
	{"dev_chat.jsonl", 0.97, 0.95, 0.97, 0.85},
	{"dev_letters.jsonl", 0.97, 0.95, 0.97, 0.80},
	{"dev_firms.jsonl", 0.97, 0.95, 0.97, 0.75},
	{"dev_orders.jsonl", 0.97, 0.95, 0.97, 0.85},
	{"dev_hard.jsonl", 0.95, 0.93, 0.97, 0.85},
	{"dev_round2.jsonl", 0.97, 0.92, 0.97, 0.85},
	{"dev_round3.jsonl", 0.97, 0.93, 0.97, 0.85},
	// one reconsideration and one litigation item: a single channel miss costs 0.18
	{"dev_round4.jsonl", 0.80, 0.95, 0.97, 0.90},
	{"dev_round5.jsonl", 0.97, 0.95, 0.97, 0.90},
	// urgency probes: two litigation items and threats over debts read as disputes (channel
	// accuracy 0.947) leave the macro-F1 low; its floors guard urgency
	{"dev_round6.jsonl", 0.60, 0.95, 0.97, 0.90},
	// round-7 urgency probes (channel accuracy 0.92: their channel labels were not the
	// round's subject); its floors guard urgency
	{"dev_round7.jsonl", 0.75, 0.95, 0.97, 0.90},
}

func TestFreshSets(t *testing.T) {
	c := testClassifier(t)
	for _, fl := range freshSetFloors {
		t.Run(fl.file, func(t *testing.T) {
			met, mistakes := EvaluateDetailed(c, readTestdata(t, fl.file))
			t.Logf("%s: n=%d channel macro-F1 %.3f department %.3f urgent recall %.3f precision %.3f",
				fl.file, met.N, met.ChannelMacroF1, met.DepartmentAccuracy, met.UrgentRecall, met.UrgentPrecision)
			if met.ChannelMacroF1 < fl.channelMacroF1 || met.DepartmentAccuracy < fl.department ||
				met.UrgentRecall < fl.urgRecall || met.UrgentPrecision < fl.urgPrecision {
				for _, m := range mistakes {
					t.Logf("%s: %s/%s/%v → %s/%s/%v %s", m.ID, m.GoldChannel, m.GoldDepartment, m.GoldUrgent,
						m.PredChannel, m.PredDepartment, m.PredUrgent, m.Text)
				}
				t.Errorf("%s below its floors: %+v", fl.file, met)
			}
		})
	}
}
