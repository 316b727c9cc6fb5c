// Package calendar counts legal periods in working days and calendar days
// under China's official holiday arrangements, including 调休 working weekends.
//
// Counting rules (see configs/holidays/README.md):
//   - the start day is day 0;
//   - working days skip every day off and ordinary weekend, but count 调休
//     working weekends;
//   - a calendar-day period whose last day is a day off ends on the next
//     working day (民法典 第二百零三条).
//
// A year without an arrangement file is counted as ordinary weeks and every
// answer that touched it is marked provisional: a forgotten file must never
// stop intake, but it must be seen.
package calendar

import (
	"fmt"
	"sort"
	"time"
)

// Calendar answers whether a date is a working day. It is immutable after
// construction and safe for concurrent use.
type Calendar struct {
	off   map[Date]string // date → holiday name
	work  map[Date]string // weekend date that is a working day → holiday name
	years map[int]string  // covered year → source of the arrangement
}

// Result is a due date and whether any day counted lies in a year the
// calendar has no arrangement for.
type Result struct {
	Date        Date
	Provisional bool
}

// IsWorkingDay reports whether d is a working day and whether the answer is
// provisional (d's year has no arrangement file).
func (c *Calendar) IsWorkingDay(d Date) (working, provisional bool) {
	if _, ok := c.years[d.Year]; !ok {
		provisional = true
	}
	if _, ok := c.off[d]; ok {
		return false, provisional
	}
	if _, ok := c.work[d]; ok {
		return true, provisional
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday, provisional
}

// AddWorkingDays returns the n-th working day after from (from is day 0).
// n must be ≥ 0; n == 0 returns from itself.
func (c *Calendar) AddWorkingDays(from Date, n int) Result {
	_, prov := c.IsWorkingDay(from)
	d := from
	for n > 0 {
		d = d.AddDays(1)
		w, p := c.IsWorkingDay(d)
		prov = prov || p
		if w {
			n--
		}
	}
	return Result{d, prov}
}

// SubWorkingDays returns the n-th working day before to: the day a warning
// "n working days before the due date" is due.
func (c *Calendar) SubWorkingDays(to Date, n int) Result {
	_, prov := c.IsWorkingDay(to)
	d := to
	for n > 0 {
		d = d.AddDays(-1)
		w, p := c.IsWorkingDay(d)
		prov = prov || p
		if w {
			n--
		}
	}
	return Result{d, prov}
}

// AddCalendarDays returns from + n days; when that day is a day off the
// period ends on the next working day.
func (c *Calendar) AddCalendarDays(from Date, n int) Result {
	d := from.AddDays(n)
	return c.NextWorkingDay(d)
}

// NextWorkingDay returns d when it is a working day, else the first working
// day after it.
func (c *Calendar) NextWorkingDay(d Date) Result {
	prov := false
	for {
		w, p := c.IsWorkingDay(d)
		prov = prov || p
		if w {
			return Result{d, prov}
		}
		d = d.AddDays(1)
	}
}

// WorkingDaysBetween counts the working days after from up to and including
// to (0 when to is not after from).
func (c *Calendar) WorkingDaysBetween(from, to Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if w, _ := c.IsWorkingDay(d); w {
			n++
		}
	}
	return n
}

// Years returns the covered years in order.
func (c *Calendar) Years() []int {
	ys := make([]int, 0, len(c.years))
	for y := range c.years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// MissingYears returns the years between from and to (inclusive) that have no
// arrangement file: readiness checks warn about them.
func (c *Calendar) MissingYears(from, to Date) []int {
	missing := []int{}
	for y := from.Year; y <= to.Year; y++ {
		if _, ok := c.years[y]; !ok {
			missing = append(missing, y)
		}
	}
	return missing
}

// HolidayName returns the name of the holiday arrangement d belongs to, if any.
func (c *Calendar) HolidayName(d Date) string {
	if n, ok := c.off[d]; ok {
		return n
	}
	return c.work[d]
}

func (c *Calendar) String() string {
	return fmt.Sprintf("calendar(years=%v)", c.Years())
}
