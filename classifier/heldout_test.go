package classifier

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// heldOutFloors are what writer-by-writer evaluation reaches (README.md reports the
// figures); the floors sit a little below so that CI catches regressions, not noise.
var heldOutFloors = struct {
	channelMacroF1, departmentAccuracy, urgentRecall, urgentPrecision float64
}{0.98, 0.93, 0.97, 0.85}

// TestWriterHeldOut trains on two writers' files and evaluates on the third, for each
// writer: the hidden test set is written by people the model has never seen.
func TestWriterHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("trains three models")
	}
	files := []string{"train_a.jsonl", "train_b.jsonl", "train_c.jsonl"}
	data := make([][]Example, len(files))
	for i, f := range files {
		data[i] = readTestdata(t, f)
	}
	for i, held := range files {
		t.Run(held, func(t *testing.T) {
			t.Parallel()
			checkHeldOut(t, held, data, i)
		})
	}
}

// checkHeldOut trains on every file but the i-th and checks the floors on the i-th.
func checkHeldOut(t *testing.T, held string, data [][]Example, i int) {
	var train []Example
	for j := range data {
		if j != i {
			train = append(train, data[j]...)
		}
	}
	// One shuffle instead of the shipped three keeps the suite fast; the floors hold for both.
	m, err := Train(train, TrainOptions{Averaged: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	met := Evaluate(c, data[i])
	t.Logf("held out %s: channel macro-F1 %.3f, accuracy %.3f; department %.3f; urgent recall %.3f precision %.3f",
		held, met.ChannelMacroF1, met.ChannelAccuracy, met.DepartmentAccuracy, met.UrgentRecall, met.UrgentPrecision)
	if met.ChannelMacroF1 < heldOutFloors.channelMacroF1 {
		t.Errorf("%s: channel macro-F1 %.3f < %.2f", held, met.ChannelMacroF1, heldOutFloors.channelMacroF1)
	}
	if met.DepartmentAccuracy < heldOutFloors.departmentAccuracy {
		t.Errorf("%s: department accuracy %.3f < %.2f", held, met.DepartmentAccuracy, heldOutFloors.departmentAccuracy)
	}
	if met.UrgentRecall < heldOutFloors.urgentRecall {
		t.Errorf("%s: urgent recall %.3f < %.2f", held, met.UrgentRecall, heldOutFloors.urgentRecall)
	}
	if met.UrgentPrecision < heldOutFloors.urgentPrecision {
		t.Errorf("%s: urgent precision %.3f < %.2f", held, met.UrgentPrecision, heldOutFloors.urgentPrecision)
	}
}

func TestMetricsAreWellDefined(t *testing.T) {
	c := testClassifier(t)
	// No urgent items and no urgent predictions: recall and precision are 0, not NaN.
	met := Evaluate(c, []Example{
		{ID: "1", Kind: KindComplaint, Text: "路灯坏了一个月了", Channel: "petition", Department: "urban"},
		{ID: "2", Kind: KindComplaint, Text: "   ", Channel: "petition", Department: "urban"},
	})
	b, err := json.Marshal(met)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"n":2`, `"channel_accuracy"`, `"channel_macro_f1"`, `"department_accuracy"`,
		`"urgent_recall":0`, `"urgent_precision":0`, `"confusion":{`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("metrics JSON %s lacks %s", b, key)
		}
	}
	if met.Errors != 1 || met.Confusion["petition"]["petition"] != 1 {
		t.Errorf("metrics %+v", met)
	}
	for _, v := range []float64{met.ChannelAccuracy, met.ChannelMacroF1, met.DepartmentAccuracy} {
		if math.IsNaN(v) {
			t.Errorf("NaN in %+v", met)
		}
	}
}

func TestReadExamplesReportsTheBadLine(t *testing.T) {
	_, err := ReadExamples(strings.NewReader("{\"id\":\"1\",\"text\":\"x\"}\n\nnot json\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("error = %v, want one naming line 3", err)
	}
}
