// Package reports computes the oversight dashboard: counts by status,
// channel and unit, the on-time rate, the satisfaction rate, the daily
// series of the last days and the overdue list. Storage hands it raw rows;
// the arithmetic (what counts as on time, as satisfied) lives here.
package reports

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"petitiond/calendar"
	"petitiond/cases"
)

// Store is what the dashboard reads; store.Store implements it.
type Store interface {
	// CaseCounts counts the scope's cases created in [from, to) by status,
	// channel and unit.
	CaseCounts(ctx context.Context, s cases.Scope, from, to time.Time) ([]Count, error)
	// DeadlineRows returns the deadlines of the scope's cases that could
	// have been met or missed since from: open cases, and cases changed since.
	DeadlineRows(ctx context.Context, s cases.Scope, since time.Time) ([]DeadlineRow, error)
	// EventRows returns the scope's timeline events of the given actions
	// in [from, to).
	EventRows(ctx context.Context, s cases.Scope, actions []string, from, to time.Time) ([]EventRow, error)
	// CreatedTimes returns the creation times of the scope's cases in [from, to).
	CreatedTimes(ctx context.Context, s cases.Scope, from, to time.Time) ([]time.Time, error)
}

// Count is the number of cases with one status, channel and unit.
type Count struct {
	Status  cases.Status
	Channel cases.Channel
	Unit    string
	N       int
}

// DeadlineRow is one case's deadlines.
type DeadlineRow struct {
	Status    cases.Status
	Deadlines []cases.Deadline
}

// EventRow is one timeline event.
type EventRow struct {
	At     time.Time
	Action string
	Data   json.RawMessage
}

// Rate is a fraction; Den == 0 means "no data".
type Rate struct {
	Num, Den int
}

// Percent returns the rate in percent, or -1 with no data.
func (r Rate) Percent() float64 {
	if r.Den == 0 {
		return -1
	}
	return 100 * float64(r.Num) / float64(r.Den)
}

// String formats the rate for people: "87.5%（35/40）" or "—".
func (r Rate) String() string {
	if r.Den == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%（%d/%d）", r.Percent(), r.Num, r.Den)
}

// KV is one bar of a chart.
type KV struct {
	Key string
	N   int
}

// Day is one day of the series.
type Day struct {
	Date      calendar.Date
	Submitted int
	Closed    int
}

// Dashboard is everything the oversight dashboard shows.
type Dashboard struct {
	From, To     time.Time
	Total        int
	ByStatus     []KV
	ByChannel    []KV
	ByUnit       []KV
	OnTime       Rate
	Satisfaction Rate
	Days         []Day
}

// Reports builds dashboards.
type Reports struct {
	store Store
	svc   *cases.Service
	loc   *time.Location
}

// New returns the report builder. The satisfaction rate is the case
// service's (one definition for the dashboard and the jobs); days are
// counted in the service's zone.
func New(st Store, svc *cases.Service) *Reports {
	return &Reports{store: st, svc: svc, loc: svc.Location()}
}

// Dashboard computes the dashboard of scope for the days ending at now.
func (r *Reports) Dashboard(ctx context.Context, s cases.Scope, now time.Time, days int) (*Dashboard, error) {
	if days <= 0 {
		days = 30
	}
	today := calendar.DateOf(now, r.loc)
	first := today.AddDays(-(days - 1))
	// The period is whole days, today included: [first 00:00, tomorrow 00:00).
	from, to := first.Start(r.loc), today.AddDays(1).Start(r.loc)
	d := &Dashboard{From: from, To: now}

	counts, err := r.store.CaseCounts(ctx, s, from, to)
	if err != nil {
		return nil, fmt.Errorf("dashboard counts: %w", err)
	}
	byStatus, byChannel, byUnit := map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range counts {
		d.Total += c.N
		byStatus[string(c.Status)] += c.N
		byChannel[string(c.Channel)] += c.N
		byUnit[c.Unit] += c.N
	}
	d.ByStatus = ordered(byStatus, statusOrder())
	d.ByChannel = ordered(byChannel, channelOrder())
	d.ByUnit = byCount(byUnit)

	rows, err := r.store.DeadlineRows(ctx, s, from)
	if err != nil {
		return nil, fmt.Errorf("dashboard deadlines: %w", err)
	}
	d.OnTime = OnTime(rows, from, now)

	events, err := r.store.EventRows(ctx, s, []string{string(cases.ActionClose)}, from, to)
	if err != nil {
		return nil, fmt.Errorf("dashboard events: %w", err)
	}
	if !s.Nothing {
		sat, err := r.svc.Satisfaction(ctx, cases.SatisfactionQuery{From: from, To: to, Unit: s.Unit})
		if err != nil {
			return nil, fmt.Errorf("dashboard: %w", err)
		}
		d.Satisfaction = Rate{Num: sat.Satisfied + sat.BasicSatisfied, Den: sat.Answered}
	}

	created, err := r.store.CreatedTimes(ctx, s, from, to)
	if err != nil {
		return nil, fmt.Errorf("dashboard series: %w", err)
	}
	d.Days = Series(first, days, r.loc, created, events)
	return d, nil
}

// OnTime is the share of deadlines settled in [from, now) that were met on
// time. A deadline is settled when it is met (on time if by its due time)
// or, still open on an open case, when its due time passes (missed). The
// unmet deadlines of withdrawn, rejected or transferred cases are not counted:
// nobody could meet them.
func OnTime(rows []DeadlineRow, from, now time.Time) Rate {
	to := now
	var r Rate
	for _, row := range rows {
		for _, dl := range row.Deadlines {
			switch {
			case dl.MetAt != nil:
				if dl.MetAt.Before(from) || !dl.MetAt.Before(to) {
					continue
				}
				r.Den++
				if !dl.MetAt.After(dl.DueAt) {
					r.Num++
				}
			case !row.Status.Terminal() && dl.DueAt.Before(to) && !dl.DueAt.Before(from):
				r.Den++ // missed
			}
		}
	}
	return r
}

// Series counts submissions and closures per day, days days from first.
func Series(first calendar.Date, days int, loc *time.Location, created []time.Time, events []EventRow) []Day {
	out := make([]Day, days)
	index := map[calendar.Date]int{}
	for i := range out {
		out[i].Date = first.AddDays(i)
		index[out[i].Date] = i
	}
	for _, t := range created {
		if i, ok := index[calendar.DateOf(t, loc)]; ok {
			out[i].Submitted++
		}
	}
	for _, e := range events {
		if e.Action != string(cases.ActionClose) {
			continue
		}
		if i, ok := index[calendar.DateOf(e.At, loc)]; ok {
			out[i].Closed++
		}
	}
	return out
}

func statusOrder() []string {
	out := make([]string, len(cases.Statuses))
	for i, s := range cases.Statuses {
		out[i] = string(s)
	}
	return out
}

func channelOrder() []string {
	out := make([]string, len(cases.Channels))
	for i, c := range cases.Channels {
		out[i] = string(c)
	}
	return out
}

// ordered returns m's non-zero entries in the given key order, then any
// others by key.
func ordered(m map[string]int, order []string) []KV {
	var out []KV
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
		if m[k] > 0 {
			out = append(out, KV{k, m[k]})
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] && m[k] > 0 {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, KV{k, m[k]})
	}
	return out
}

// byCount returns m's entries, largest first.
func byCount(m map[string]int) []KV {
	out := make([]KV, 0, len(m))
	for k, n := range m {
		if n > 0 {
			out = append(out, KV{k, n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Key < out[j].Key
	})
	return out
}
