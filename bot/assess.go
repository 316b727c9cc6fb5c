package bot

import "petitiond/cases"

// Assess classifies a draft: channel, department, urgency, the one question
// that would settle the channel, and the guidance the person is shown. It
// is the classifier as the bot sees it (see FromClassifier).
type Assess func(in AssessInput) (Assessment, error)

// AssessInput is the draft so far.
type AssessInput struct {
	Text    string
	Kind    cases.Kind
	Answers map[string]string
}

// Assessment is what the bot shows and stores.
type Assessment struct {
	Classification cases.Classification
	// Question is nil when the channel is clear enough.
	Question *Question
	// Guidance is nil when the city has none for the channel.
	Guidance *Guidance
}

// Question is a clarifying question with its numbered options.
type Question struct {
	Key     string   `json:"key"`
	Text    string   `json:"text"`
	Options []Option `json:"options"`
}

// Option is one answer to a Question.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

func (q *Question) labels() []string {
	out := make([]string, len(q.Options))
	for i, o := range q.Options {
		out[i] = o.Label
	}
	return out
}

// Guidance is what the person is told about the channel: its name, why,
// and the time limits that protect them, each with its legal basis.
type Guidance struct {
	Title       string
	Explanation string
	Limits      []TimeLimit
}

// TimeLimit is one period with the law that sets it.
type TimeLimit struct {
	Description string
	Law         string
	Article     string
}

// AssessWith wraps a plain classification function (the domain's
// ClassifyFunc): it asks no questions and gives no guidance.
func AssessWith(classify cases.ClassifyFunc) Assess {
	return func(in AssessInput) (Assessment, error) {
		c, err := classify(cases.ClassifyInput{Text: in.Text, Kind: in.Kind, Answers: in.Answers})
		return Assessment{Classification: c}, err
	}
}
