package calendar_test

import (
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"petitiond/calendar"
)

// The shipped arrangements must agree with an independent source, day by day.
func TestShippedYearsMatchLunarGo(t *testing.T) {
	c := shipped(t)
	for _, y := range []int{2025, 2026, 2027} {
		for d := (calendar.Date{Year: y, Month: time.January, Day: 1}); d.Year == y; d = d.AddDays(1) {
			weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
			want := !weekend
			if h := HolidayUtil.GetHolidayByYmd(d.Year, int(d.Month), d.Day); h != nil {
				want = h.IsWork()
			}
			if got, _ := c.IsWorkingDay(d); got != want {
				t.Errorf("%s: working=%v, lunar-go says %v", d, got, want)
			}
		}
	}
}
