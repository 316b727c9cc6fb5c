package calendar_test

import (
	"testing"
	"testing/fstest"

	"petitiond/calendar"
	"petitiond/configs"
)

func shipped(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.Load(configs.Holidays())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func date(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAddWorkingDays(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		name, from string
		days       int
		want       string
	}{
		{"National Day with the 调休 Saturday 10-10", "2026-09-30", 5, "2026-10-13"},
		{"Spring Festival with 调休 Saturday 02-14", "2026-02-13", 3, "2026-02-25"},
		{"start on a day off counts from the day off", "2026-10-03", 1, "2026-10-08"},
		{"zero days is the start day", "2026-10-03", 0, "2026-10-03"},
		{"ordinary week", "2026-11-23", 5, "2026-11-30"},
		{"year boundary into 元旦 2027", "2026-12-30", 2, "2027-01-04"},
		{"year boundary 2025 into 2026 with 01-04 调休 Sunday", "2025-12-31", 2, "2026-01-05"},
		{"Spring Festival 2026 whole break", "2026-02-15", 1, "2026-02-24"},
		{"调休 Sunday 2026-01-04 counts", "2026-01-02", 1, "2026-01-04"},
		{"2025 National Day and Mid-Autumn, 10-11 调休 Saturday", "2025-09-30", 3, "2025-10-11"},
		{"Spring Festival 2027 with 02-14 调休 Sunday", "2027-02-04", 1, "2027-02-14"},
		{"15 working days across Labour Day 2026 and its 调休 Saturday", "2026-04-28", 15, "2026-05-21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingDays(date(t, tt.from), tt.days)
			if got.Date.String() != tt.want || got.Provisional {
				t.Errorf("AddWorkingDays(%s, %d) = %v (provisional %v), want %s", tt.from, tt.days, got.Date, got.Provisional, tt.want)
			}
		})
	}
}

func TestAddCalendarDays(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		name, from string
		days       int
		want       string
	}{
		{"ends on a working day", "2026-11-02", 15, "2026-11-17"},
		{"ends inside National Day → next working day", "2026-09-16", 15, "2026-10-08"},
		{"ends on the 调休 Saturday: it is a working day", "2026-09-25", 15, "2026-10-10"},
		{"ends on an ordinary Sunday → Monday", "2026-11-07", 15, "2026-11-23"},
		{"ends inside Spring Festival → 02-24", "2026-02-01", 15, "2026-02-24"},
		{"60 days across the year boundary, lands on Saturday 2027-01-02 → 01-04", "2026-11-03", 60, "2027-01-04"},
		{"60 days from Spring Festival eve", "2026-02-16", 60, "2026-04-17"},
		{"ends on 元旦 2026 → 01-04 调休 Sunday", "2025-12-02", 30, "2026-01-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddCalendarDays(date(t, tt.from), tt.days)
			if got.Date.String() != tt.want || got.Provisional {
				t.Errorf("AddCalendarDays(%s, %d) = %v (provisional %v), want %s", tt.from, tt.days, got.Date, got.Provisional, tt.want)
			}
		})
	}
}

func TestSubWorkingDays(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		to   string
		days int
		want string
	}{
		{"2026-10-13", 2, "2026-10-10"},
		{"2026-10-08", 1, "2026-09-30"},
		{"2026-02-25", 2, "2026-02-14"},
		{"2026-11-30", 0, "2026-11-30"},
	}
	for _, tt := range tests {
		if got := c.SubWorkingDays(date(t, tt.to), tt.days); got.Date.String() != tt.want {
			t.Errorf("SubWorkingDays(%s, %d) = %v, want %s", tt.to, tt.days, got.Date, tt.want)
		}
	}
}

func TestMissingYearIsProvisional(t *testing.T) {
	c := shipped(t)
	got := c.AddWorkingDays(date(t, "2027-12-29"), 5)
	// 2028 has no file: counted as ordinary weeks (12-30, 12-31, 01-03, 01-04, 01-05).
	if got.Date.String() != "2028-01-05" || !got.Provisional {
		t.Errorf("got %v provisional=%v, want 2028-01-05 provisional", got.Date, got.Provisional)
	}
	if m := c.MissingYears(date(t, "2027-11-01"), date(t, "2028-02-01")); len(m) != 1 || m[0] != 2028 {
		t.Errorf("MissingYears = %v, want [2028]", m)
	}
}

func TestLaterSourceOverridesYear(t *testing.T) {
	override := fstest.MapFS{"2026.yaml": {Data: []byte("year: 2026\nsource: test\nholidays:\n  - name: 测试\n    off: [2026-11-30]\n    work: []\n")}}
	c, err := calendar.Load(configs.Holidays(), override)
	if err != nil {
		t.Fatal(err)
	}
	if w, _ := c.IsWorkingDay(date(t, "2026-11-30")); w {
		t.Error("override day off not applied")
	}
	if w, _ := c.IsWorkingDay(date(t, "2026-10-01")); !w {
		t.Error("override must replace the whole year: 2026-10-01 should be an ordinary Thursday now")
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	bad := map[string]string{
		"year mismatch":     "year: 2025\nsource: x\nholidays: []\n",
		"missing source":    "year: 2026\nholidays: []\n",
		"bad date":          "year: 2026\nsource: x\nholidays:\n  - name: a\n    off: [2026-13-01]\n",
		"weekday as 调休":     "year: 2026\nsource: x\nholidays:\n  - name: a\n    work: [2026-11-30]\n",
		"both off and work": "year: 2026\nsource: x\nholidays:\n  - name: a\n    off: [2026-11-28]\n    work: [2026-11-28]\n",
	}
	for name, body := range bad {
		if _, err := calendar.Load(fstest.MapFS{"2026.yaml": {Data: []byte(body)}}); err == nil {
			t.Errorf("%s: Load succeeded, want error", name)
		}
	}
}
