// Package casestest builds a cases.Service for other packages' tests, with
// the shipped calendar and deadline rules and a controllable clock.
package casestest

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"petitiond/calendar"
	"petitiond/cases"
	"petitiond/clock"
	"petitiond/configs"
)

// Shanghai is the deployment zone used by tests.
var Shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// At parses "2006-01-02 15:04" in Asia/Shanghai.
func At(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// Options tune NewService.
type Options struct {
	Classify cases.ClassifyFunc // default: KeywordClassify
	Wake     func()
}

// NewService returns a service over st with a manual clock set to now.
func NewService(t testing.TB, st cases.Store, now time.Time, o Options) (*cases.Service, *clock.Manual) {
	t.Helper()
	cal, err := calendar.Load(configs.Holidays())
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(configs.Defaults(), "deadlines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := cases.ParseRules(b)
	if err != nil {
		t.Fatal(err)
	}
	if o.Classify == nil {
		o.Classify = KeywordClassify
	}
	clk := clock.NewManual(now)
	svc, err := cases.NewService(cases.Config{Store: st, Clock: clk, Calendar: cal, Rules: rules, Location: Shanghai,
		TrackingPrefix: "NY", Classify: o.Classify, Wake: o.Wake})
	if err != nil {
		t.Fatal(err)
	}
	return svc, clk
}

// KeywordClassify is a predictable stand-in for the classifier.
func KeywordClassify(in cases.ClassifyInput) (cases.Classification, error) {
	c := cases.Classification{Channel: cases.ChannelPetition, Department: "urban", Confidence: 0.9, Reasons: []string{"test"}}
	switch {
	case strings.Contains(in.Text, "复议"), strings.Contains(in.Text, "罚款"):
		c.Channel, c.Department = cases.ChannelReconsideration, "market"
	case strings.Contains(in.Text, "法院"):
		c.Channel, c.Department = cases.ChannelLitigation, "judicial"
	case strings.Contains(in.Text, "赔偿"):
		c.Channel, c.Department = cases.ChannelMediation, "housing"
	}
	if strings.Contains(in.Text, "不想活") {
		c.Urgent, c.UrgentCues = true, []string{"不想活"}
	}
	return c, nil
}
