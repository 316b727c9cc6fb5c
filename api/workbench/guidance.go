package workbench

import (
	"fmt"
	"strings"

	"petitiond/cases"
	"petitiond/classifier"
)

// GuidanceFrom shows staff what citizens are told about each channel
// (configs/guidance.yaml, as the classifier hands it to them): the title,
// the explanation, and every legal basis and time limit on its own line.
func GuidanceFrom(set classifier.GuidanceSet) func(cases.Channel) *Guidance {
	return func(ch cases.Channel) *Guidance {
		g, ok := set[classifier.Channel(ch)]
		if !ok {
			return nil
		}
		out := &Guidance{Title: g.Title, Explanation: strings.TrimSpace(g.Explanation)}
		for _, b := range g.LegalBasis {
			out.Items = append(out.Items, fmt.Sprintf("%s（%s%s）", b.Description, b.Law, b.Article))
		}
		for _, l := range g.TimeLimits {
			out.Items = append(out.Items, fmt.Sprintf("%s：%s（%s%s）", l.Description, period(l), l.Law, l.Article))
		}
		return out
	}
}

func period(l classifier.TimeLimit) string {
	switch {
	case l.Months > 0:
		return fmt.Sprintf("%d个月", l.Months)
	case l.WorkingDays:
		return fmt.Sprintf("%d个工作日", l.Days)
	}
	return fmt.Sprintf("%d日", l.Days)
}
