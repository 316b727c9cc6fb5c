package bot

import (
	"petitiond/cases"
	"petitiond/classifier"
)

// Assess classifies a draft: channel, department, urgency, the one question
// that would settle the channel, and the guidance the person is shown. It
// is the classifier as the bot sees it (FromClassifier); tests hand in
// their own.
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
	Question *classifier.Question
	// Guidance is nil when the city has none for the channel.
	Guidance *classifier.Guidance
}

// FromClassifier is the classifier as the bot uses it.
func FromClassifier(c *classifier.Classifier) Assess {
	return func(in AssessInput) (Assessment, error) {
		r, err := c.Classify(classifier.Input{Text: in.Text, Kind: string(in.Kind), Answers: in.Answers})
		if err != nil {
			return Assessment{}, err
		}
		return Assessment{Classification: cases.ClassificationOf(r), Question: r.Question, Guidance: r.Guidance}, nil
	}
}

func optionLabels(q *classifier.Question) []string {
	out := make([]string, len(q.Options))
	for i, o := range q.Options {
		out[i] = o.Label
	}
	return out
}
