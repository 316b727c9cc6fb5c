package cases

import (
	"fmt"
	"strings"
	"time"

	"petitiond/calendar"
)

// Schedule is the rhythm of oversight (督办) and follow-up (回访), read from
// deadlines.yaml next to the warning settings it complements. Zero values
// take the defaults below, so an operator's older copy of the file keeps
// working.
type Schedule struct {
	// ReminderWorkingDays: a 督办 reminder every this many working days while
	// a deadline stays overdue (default 3).
	ReminderWorkingDays int `yaml:"reminder_working_days"`
	// UrgentAcceptMinutes: an urgent case not accepted within this many
	// minutes of reaching its unit escalates to oversight (default 60).
	UrgentAcceptMinutes int           `yaml:"urgent_accept_minutes"`
	FollowUp            FollowUpRules `yaml:"followup"`
}

// FollowUpRules say when and how a closed case is followed up.
type FollowUpRules struct {
	// WorkingDays after closure the survey is sent (default 3).
	WorkingDays int `yaml:"working_days"`
	// NoAnswerWorkingDays after the survey without an answer, a call task is
	// created (default 2).
	NoAnswerWorkingDays int `yaml:"no_answer_working_days"`
	// Hour of the day the survey goes out (default 10).
	Hour int `yaml:"hour"`
	// CallAttempts before a call task ends as 无法联系 (default 3).
	CallAttempts int `yaml:"call_attempts"`
	// CallSlots are the times of day (HH:MM, within working hours) of
	// successive attempts, so that a person who works mornings is tried in
	// the afternoon.
	CallSlots []string `yaml:"call_slots"`
	// CallScript is what the caller asks; it is copied onto each task.
	CallScript string `yaml:"call_script"`

	slots []slot
}

type slot struct{ hour, min int }

const defaultCallScript = "您好，这里是市民诉求回访。您反映的事项（受理编号见任务）已办结，请问您对办理结果：满意、基本满意，还是不满意？如不满意，请简要说明原因。"

// normalize fills defaults and checks the values.
func (s *Schedule) normalize() error {
	f := &s.FollowUp
	for _, c := range []struct {
		v             *int
		def, min, max int
		name          string
	}{
		{&s.ReminderWorkingDays, 3, 1, 60, "reminder_working_days"},
		{&s.UrgentAcceptMinutes, 60, 1, 24 * 60, "urgent_accept_minutes"},
		{&f.WorkingDays, 3, 1, 60, "followup.working_days"},
		{&f.NoAnswerWorkingDays, 2, 1, 60, "followup.no_answer_working_days"},
		{&f.Hour, 10, 0, 23, "followup.hour"},
		{&f.CallAttempts, 3, 1, 10, "followup.call_attempts"},
	} {
		if *c.v == 0 {
			*c.v = c.def
		}
		if *c.v < c.min || *c.v > c.max {
			return fmt.Errorf("deadlines: %s must be between %d and %d", c.name, c.min, c.max)
		}
	}
	if len(f.CallSlots) == 0 {
		f.CallSlots = []string{"09:30", "14:30", "16:30"}
	}
	f.slots = f.slots[:0]
	for _, v := range f.CallSlots {
		t, err := time.Parse("15:04", strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("deadlines: followup.call_slots: %q is not HH:MM", v)
		}
		f.slots = append(f.slots, slot{t.Hour(), t.Minute()})
	}
	if strings.TrimSpace(f.CallScript) == "" {
		f.CallScript = defaultCallScript
	}
	return nil
}

// nextCallSlot is when attempt number attempt (0-based) of a call task is
// due after an unsuccessful one at now: the next working day, at the slot of
// that attempt, so that successive attempts fall at different times of day.
func (f FollowUpRules) nextCallSlot(cal *calendar.Calendar, loc *time.Location, now time.Time, attempt int) time.Time {
	s := f.slots[attempt%len(f.slots)]
	day := cal.AddWorkingDays(calendar.DateOf(now, loc), 1).Date
	return day.At(s.hour, s.min, loc)
}
