package classifier

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Metrics summarise a classifier on labelled examples. Undefined ratios are 0, never NaN,
// so the JSON is always valid.
type Metrics struct {
	N                  int                       `json:"n"`
	ChannelAccuracy    float64                   `json:"channel_accuracy"`
	ChannelMacroF1     float64                   `json:"channel_macro_f1"`
	ChannelF1          map[string]float64        `json:"channel_f1"`
	DepartmentAccuracy float64                   `json:"department_accuracy"`
	UrgentRecall       float64                   `json:"urgent_recall"`
	UrgentPrecision    float64                   `json:"urgent_precision"`
	UrgentTP           int                       `json:"urgent_tp"`
	UrgentFP           int                       `json:"urgent_fp"`
	UrgentFN           int                       `json:"urgent_fn"`
	Confusion          map[string]map[string]int `json:"confusion"` // gold → predicted → count
	Errors             int                       `json:"errors"`    // texts Classify rejected
}

// Mistake is one example the classifier got wrong, for error analysis.
type Mistake struct {
	ID, Kind, Text                 string
	GoldChannel, PredChannel       string
	GoldDepartment, PredDepartment string
	GoldUrgent, PredUrgent         bool
	Reasons                        []string
}

// Evaluate classifies every example and compares with its labels.
func Evaluate(c *Classifier, examples []Example) Metrics {
	m, _ := EvaluateDetailed(c, examples)
	return m
}

// EvaluateDetailed is Evaluate that also returns the mistakes.
func EvaluateDetailed(c *Classifier, examples []Example) (Metrics, []Mistake) {
	m := Metrics{Confusion: map[string]map[string]int{}, ChannelF1: map[string]float64{}}
	for _, ch := range channelOrder {
		m.Confusion[string(ch)] = map[string]int{}
	}
	var mistakes []Mistake
	chOK, depOK := 0, 0
	for _, ex := range examples {
		m.N++
		res, err := c.Classify(Input{Text: ex.Text, Kind: ex.Kind})
		if err != nil {
			m.Errors++
			continue
		}
		if m.Confusion[ex.Channel] == nil {
			m.Confusion[ex.Channel] = map[string]int{}
		}
		m.Confusion[ex.Channel][string(res.Channel)]++
		if string(res.Channel) == ex.Channel {
			chOK++
		}
		if string(res.Department) == ex.Department {
			depOK++
		}
		switch {
		case ex.Urgent && res.Urgent:
			m.UrgentTP++
		case ex.Urgent:
			m.UrgentFN++
		case res.Urgent:
			m.UrgentFP++
		}
		if string(res.Channel) != ex.Channel || string(res.Department) != ex.Department || res.Urgent != ex.Urgent {
			mistakes = append(mistakes, Mistake{ex.ID, ex.Kind, ex.Text, ex.Channel, string(res.Channel), ex.Department,
				string(res.Department), ex.Urgent, res.Urgent, res.Reasons})
		}
	}
	m.ChannelAccuracy = ratio(chOK, m.N)
	m.DepartmentAccuracy = ratio(depOK, m.N)
	m.UrgentRecall = ratio(m.UrgentTP, m.UrgentTP+m.UrgentFN)
	m.UrgentPrecision = ratio(m.UrgentTP, m.UrgentTP+m.UrgentFP)
	sum := 0.0
	for _, ch := range channelOrder {
		tp := m.Confusion[string(ch)][string(ch)]
		fp, fn := 0, 0
		for g, row := range m.Confusion {
			for p, n := range row {
				if p == string(ch) && g != string(ch) {
					fp += n
				}
				if g == string(ch) && p != string(ch) {
					fn += n
				}
			}
		}
		f1 := ratio(2*tp, 2*tp+fp+fn)
		m.ChannelF1[string(ch)] = f1
		sum += f1
	}
	m.ChannelMacroF1 = sum / float64(len(channelOrder))
	return m, mistakes
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ReadExamples parses JSON Lines shaped like the training files; blank lines are skipped.
func ReadExamples(r io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		var ex Example
		if err := json.Unmarshal([]byte(s), &ex); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, ex)
	}
	return out, sc.Err()
}
