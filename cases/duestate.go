package cases

import (
	"time"

	"petitiond/calendar"
)

// DueState is how close an open case is to its next legal deadline, as the
// workbench shows it: the same warning window as the warning timers.
type DueState string

// Due states.
const (
	DueNone    DueState = ""        // no open deadline (finished, or none applies)
	DueNormal  DueState = "normal"  // before the warning window
	DueWarning DueState = "warning" // within warning_working_days of the due date
	DueOverdue DueState = "overdue" // the due time has passed
)

// Label is the state in Chinese.
func (d DueState) Label() string {
	switch d {
	case DueNormal:
		return "正常"
	case DueWarning:
		return "临期"
	case DueOverdue:
		return "逾期"
	}
	return "—"
}

// DueStates lists the states a filter may ask for.
var DueStates = []DueState{DueNormal, DueWarning, DueOverdue}

// WarningHorizon returns the latest due time that is already inside the
// warning window at now: an open deadline due in [now, horizon] is in
// warning. It mirrors the warning timers (09:00, N working days before the
// due date), so the list and the reminders agree.
func (s *Service) WarningHorizon(now time.Time) time.Time {
	n := s.rules.WarningWorkingDays
	if n <= 0 {
		return now
	}
	inWindow := func(d calendar.Date) bool {
		return !s.cal.SubWorkingDays(d, n).Date.At(s.rules.WarningHour, 0, s.loc).After(now)
	}
	today := calendar.DateOf(now, s.loc)
	if !inWindow(today) {
		return now
	}
	d := today
	// A window is n working days plus any days off in between: a bound of a
	// few months covers the longest holiday.
	for i := 0; i < 120 && inWindow(d.AddDays(1)); i++ {
		d = d.AddDays(1)
	}
	return d.End(s.loc)
}

// DueStateOf returns the state of c's next open deadline at now.
func (s *Service) DueStateOf(c *Case, now time.Time) DueState {
	return dueState(c, now, s.WarningHorizon(now))
}

// DueStateAt classifies with a horizon computed once for a whole list.
func DueStateAt(c *Case, now, horizon time.Time) DueState { return dueState(c, now, horizon) }

func dueState(c *Case, now, horizon time.Time) DueState {
	switch {
	case c.NextDueAt == nil || c.Status.Terminal():
		return DueNone
	case c.NextDueAt.Before(now):
		return DueOverdue
	case !c.NextDueAt.After(horizon):
		return DueWarning
	}
	return DueNormal
}
