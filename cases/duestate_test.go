package cases_test

import (
	"testing"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store/storetest"
)

// The warning window is warning_working_days (2) working days before the
// due date from 09:00, as the warning timers: over a holiday it starts
// earlier in calendar days.
func TestDueStates(t *testing.T) {
	svc, _ := casestest.NewService(t, storetest.OpenSQLite(t), casestest.At("2026-09-28 10:00"), casestest.Options{})
	due := func(s string) *cases.Case {
		d := casestest.At(s)
		return &cases.Case{Status: cases.StatusAccepted, NextDueAt: &d}
	}
	tests := []struct {
		now, due string
		want     cases.DueState
	}{
		{"2026-11-02 10:00", "2026-11-20 23:59", cases.DueNormal},
		{"2026-11-18 08:59", "2026-11-20 23:59", cases.DueNormal},  // Wed before 09:00
		{"2026-11-18 09:00", "2026-11-20 23:59", cases.DueWarning}, // two working days before Friday
		{"2026-11-20 23:58", "2026-11-20 23:59", cases.DueWarning},
		{"2026-11-21 00:00", "2026-11-20 23:59", cases.DueOverdue},
		// Due Thursday 8 October after the National Day holiday (1–7 October off):
		// the two working days before are 30 September and 29 September.
		{"2026-09-29 09:00", "2026-10-08 23:59", cases.DueWarning},
		{"2026-09-28 18:00", "2026-10-08 23:59", cases.DueNormal},
	}
	for _, tt := range tests {
		now := casestest.At(tt.now)
		if got := svc.DueStateOf(due(tt.due), now); got != tt.want {
			t.Errorf("now %s, due %s: %s, want %s (horizon %s)", tt.now, tt.due, got, tt.want, svc.WarningHorizon(now).In(casestest.Shanghai))
		}
	}
	closed := due("2026-09-01 23:59")
	closed.Status = cases.StatusClosed
	if got := svc.DueStateOf(closed, casestest.At("2026-11-02 10:00")); got != cases.DueNone {
		t.Errorf("a closed case is %s", got)
	}
}
