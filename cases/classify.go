package cases

import "petitiond/classifier"

// ClassificationOf keeps what the case stores of a classifier result: the
// labels, the cues that explain them to staff, and the model that decided.
// Transports use it to submit the result the person saw and confirmed.
func ClassificationOf(r classifier.Result) Classification {
	return Classification{
		Channel:      Channel(r.Channel),
		Department:   string(r.Department),
		Urgent:       r.Urgent,
		UrgentCues:   r.UrgentCues,
		Confidence:   r.Confidence,
		Reasons:      r.Reasons,
		ModelVersion: r.ModelVersion,
	}
}

// UseClassifier makes c the domain's ClassifyFunc.
func UseClassifier(c *classifier.Classifier) ClassifyFunc {
	return func(in ClassifyInput) (Classification, error) {
		r, err := c.Classify(classifier.Input{Text: in.Text, Kind: string(in.Kind), Answers: in.Answers})
		if err != nil {
			return Classification{}, err
		}
		return ClassificationOf(r), nil
	}
}
