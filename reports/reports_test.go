package reports

import (
	"encoding/json"
	"testing"
	"time"

	"petitiond/calendar"
	"petitiond/cases"
)

func TestOnTime(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }
	ptr := func(t time.Time) *time.Time { return &t }
	from, now := day(1), day(20)
	rows := []DeadlineRow{
		{Status: cases.StatusClosed, Deadlines: []cases.Deadline{
			{DueAt: day(10), MetAt: ptr(day(9))},  // on time
			{DueAt: day(10), MetAt: ptr(day(11))}, // late
		}},
		{Status: cases.StatusAccepted, Deadlines: []cases.Deadline{
			{DueAt: day(15)},                     // open and past due: missed
			{DueAt: day(25)},                     // open, not yet due: not counted
			{DueAt: day(5), MetAt: ptr(day(30))}, // met after the period: not counted
		}},
		{Status: cases.StatusWithdrawn, Deadlines: []cases.Deadline{{DueAt: day(12)}}},                  // nobody could meet it
		{Status: cases.StatusClosed, Deadlines: []cases.Deadline{{DueAt: day(1), MetAt: ptr(day(-3))}}}, // met before the period
	}
	if got := OnTime(rows, from, now); got != (Rate{Num: 1, Den: 3}) {
		t.Errorf("on time %+v, want 1/3", got)
	}
	if got := (Rate{}).String(); got != "—" {
		t.Errorf("no data shows %q", got)
	}
	if got := (Rate{Num: 1, Den: 3}).String(); got != "33.3%（1/3）" {
		t.Errorf("rate shows %q", got)
	}
}

func TestSeries(t *testing.T) {
	ev := func(action string, data any, at time.Time) EventRow {
		var raw json.RawMessage
		if data != nil {
			raw, _ = json.Marshal(data)
		}
		return EventRow{At: at, Action: action, Data: raw}
	}
	loc := time.FixedZone("CST", 8*3600)
	at := time.Date(2026, 11, 2, 23, 30, 0, 0, loc) // late evening: still the 2nd locally
	events := []EventRow{
		ev("follow_up", map[string]string{"rating": cases.RatingSatisfied}, at), // not a closure
		ev("close", nil, at),
		ev("close", nil, at.Add(time.Hour)), // the 3rd locally
	}
	first := calendar.Date{Year: 2026, Month: 11, Day: 1}
	days := Series(first, 3, loc, []time.Time{at, at.Add(-48 * time.Hour)}, events)
	if days[1].Submitted != 1 || days[1].Closed != 1 || days[2].Closed != 1 || days[0].Submitted != 0 {
		t.Errorf("series %+v", days)
	}
}
