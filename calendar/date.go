package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date with no time of day and no zone: legal periods count
// days, not hours, and the day a period ends must not depend on the server's zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return Date{y, m, d}
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: want YYYY-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns d moved by n calendar days (n may be negative).
func (d Date) AddDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.compare(e) > 0 }

func (d Date) compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return d.Year - e.Year
	case d.Month != e.Month:
		return int(d.Month) - int(e.Month)
	default:
		return d.Day - e.Day
	}
}

// Start returns the first instant of d in loc.
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// End returns the last second of d in loc (23:59:59): a case due on d is
// on time until then.
func (d Date) End(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 0, loc)
}

// At returns d at hour:min in loc.
func (d Date) At(hour, min int, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, min, 0, 0, loc)
}

// MarshalText formats the date as YYYY-MM-DD (JSON, YAML).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}
