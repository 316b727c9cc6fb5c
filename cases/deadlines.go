package cases

import (
	"fmt"
	"slices"
	"time"

	"gopkg.in/yaml.v3"

	"petitiond/calendar"
)

// Rules are the legal deadlines per rule set, loaded from
// configs/deadlines.yaml.
type Rules struct {
	WarningWorkingDays int                 `yaml:"warning_working_days"`
	WarningHour        int                 `yaml:"warning_hour"`
	Sets               map[string][]Period `yaml:"rules"`
	Schedule           `yaml:",inline"`
}

// Period is one legal period of a rule set.
type Period struct {
	Kind         string   `yaml:"kind"`
	Name         string   `yaml:"name"`
	Days         int      `yaml:"days"`
	Unit         string   `yaml:"unit"` // working, calendar
	MaxExtension int      `yaml:"max_extension"`
	Basis        string   `yaml:"basis"`
	MetBy        []Action `yaml:"met_by"`
	// From is when the period starts: "receipt" (default: the day the unit
	// receives the case) or "acceptance" (自受理之日起: counted again from
	// the day the unit accepts it; until then from receipt).
	From string `yaml:"from"`
}

// Period starts.
const (
	FromReceipt    = "receipt"
	FromAcceptance = "acceptance"
)

// Rule-set names.
const (
	RulesPetition                  = "petition"
	RulesReconsideration           = "reconsideration"
	RulesReconsiderationSimplified = "reconsideration_simplified"
	RulesMediation                 = "mediation"
	RulesLitigation                = "litigation"
	RulesBusiness                  = "business"
)

// ParseRules parses and checks a deadlines file.
func ParseRules(b []byte) (*Rules, error) {
	var r Rules
	if err := yaml.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("deadlines: %w", err)
	}
	if r.WarningWorkingDays < 0 || r.WarningHour < 0 || r.WarningHour > 23 {
		return nil, fmt.Errorf("deadlines: warning_working_days must be ≥ 0 and warning_hour 0–23")
	}
	if err := r.Schedule.normalize(); err != nil {
		return nil, err
	}
	for _, name := range []string{RulesPetition, RulesReconsideration, RulesReconsiderationSimplified, RulesMediation, RulesLitigation, RulesBusiness} {
		ps, ok := r.Sets[name]
		if !ok || len(ps) == 0 {
			return nil, fmt.Errorf("deadlines: rule set %q is missing", name)
		}
		for i, p := range ps {
			switch {
			case p.Kind == "":
				return nil, fmt.Errorf("deadlines: %s[%d]: kind is required", name, i)
			case p.Days <= 0:
				return nil, fmt.Errorf("deadlines: %s.%s: days must be positive", name, p.Kind)
			case p.Unit != "working" && p.Unit != "calendar":
				return nil, fmt.Errorf("deadlines: %s.%s: unit must be working or calendar", name, p.Kind)
			case p.Basis == "":
				return nil, fmt.Errorf("deadlines: %s.%s: basis (the law) is required", name, p.Kind)
			case len(p.MetBy) == 0:
				return nil, fmt.Errorf("deadlines: %s.%s: met_by is required", name, p.Kind)
			case p.MaxExtension < 0:
				return nil, fmt.Errorf("deadlines: %s.%s: max_extension must be ≥ 0", name, p.Kind)
			case p.From != "" && p.From != FromReceipt && p.From != FromAcceptance:
				return nil, fmt.Errorf("deadlines: %s.%s: from must be receipt or acceptance", name, p.Kind)
			}
			for _, a := range p.MetBy {
				if !slices.Contains(Actions, a) {
					return nil, fmt.Errorf("deadlines: %s.%s: unknown action %q in met_by", name, p.Kind, a)
				}
			}
		}
	}
	return &r, nil
}

// RuleSet names the rule set that governs c.
func RuleSet(kind Kind, ch Channel, proc Procedure) string {
	switch ch {
	case ChannelReconsideration:
		if proc == ProcedureSimplified {
			return RulesReconsiderationSimplified
		}
		return RulesReconsideration
	case ChannelMediation:
		return RulesMediation
	case ChannelLitigation:
		return RulesLitigation
	}
	if kind == KindBusiness {
		return RulesBusiness
	}
	return RulesPetition
}

// Deadlines computes the case's legal periods counted from start.
func (r *Rules) Deadlines(cal *calendar.Calendar, loc *time.Location, set string, start time.Time) []Deadline {
	from := calendar.DateOf(start, loc)
	var out []Deadline
	for _, p := range r.Sets[set] {
		d := Deadline{Kind: p.Kind, Days: p.Days, Working: p.Unit == "working", Basis: p.Basis, MaxExtend: p.MaxExtension, MetBy: p.MetBy,
			FromAcceptance: p.From == FromAcceptance}
		d.recompute(cal, loc, from)
		out = append(out, d)
	}
	return out
}

// recompute sets the due date from the start date, the period and any
// granted extension, counted in the period's own unit.
func (d *Deadline) recompute(cal *calendar.Calendar, loc *time.Location, from calendar.Date) {
	var res calendar.Result
	if d.Working {
		res = cal.AddWorkingDays(from, d.Days+d.Extended)
	} else {
		res = cal.AddCalendarDays(from, d.Days+d.Extended)
	}
	d.Start = from
	d.Due = res.Date
	d.DueAt = res.Date.End(loc)
	d.Provisional = res.Provisional
}

// restartOnAcceptance counts the periods that run from acceptance
// (自受理之日起) again from the day of acceptance.
func restartOnAcceptance(ds []Deadline, cal *calendar.Calendar, loc *time.Location, at time.Time) {
	for i := range ds {
		if ds[i].FromAcceptance && ds[i].MetAt == nil {
			ds[i].recompute(cal, loc, calendar.DateOf(at, loc))
		}
	}
}

// meet marks every open deadline that action satisfies.
func meetDeadlines(ds []Deadline, a Action, at time.Time) {
	for i := range ds {
		if ds[i].MetAt == nil && slices.Contains(ds[i].MetBy, a) {
			t := at
			ds[i].MetAt = &t
		}
	}
}

// nextDue returns the end of the earliest open deadline.
func nextDue(ds []Deadline) *time.Time {
	var next *time.Time
	for i := range ds {
		if ds[i].MetAt != nil {
			continue
		}
		if next == nil || ds[i].DueAt.Before(*next) {
			t := ds[i].DueAt
			next = &t
		}
	}
	return next
}

// Timer kinds derived from deadlines: "warning:<deadline>", "overdue:<deadline>".
const (
	TimerWarning = "warning"
	TimerOverdue = "overdue"
)

// desiredTimers derives the timers an open case should have from its
// deadlines; a terminal case has none. Warnings already in the past when the
// unit received the case are pointless and skipped.
func (r *Rules) desiredTimers(cal *calendar.Calendar, loc *time.Location, c *Case) []Timer {
	if c.Status.Terminal() {
		return nil
	}
	var out []Timer
	for _, d := range c.Deadlines {
		if d.MetAt != nil {
			continue
		}
		if r.WarningWorkingDays > 0 {
			w := cal.SubWorkingDays(d.Due, r.WarningWorkingDays).Date.At(r.WarningHour, 0, loc)
			if w.After(c.ReceivedAt) {
				out = append(out, Timer{CaseID: c.ID, Kind: TimerWarning + ":" + d.Kind, DueAt: w})
			}
		}
		out = append(out, Timer{CaseID: c.ID, Kind: TimerOverdue + ":" + d.Kind, DueAt: d.DueAt.Add(time.Second)})
	}
	return out
}
