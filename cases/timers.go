package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"petitiond/calendar"
)

// Timer kinds beyond "warning:<deadline>" and "overdue:<deadline>".
const (
	// TimerReminder ("reminder:<deadline>") repeats the 督办 every
	// Schedule.ReminderWorkingDays while the deadline stays overdue.
	TimerReminder = "reminder"
	// TimerUrgentAccept escalates an urgent case its unit has not accepted
	// within Schedule.UrgentAcceptMinutes.
	TimerUrgentAccept = "urgent:accept"
	// TimerSurvey sends the follow-up survey after closure.
	TimerSurvey = "followup:survey"
	// TimerNoAnswer turns an unanswered survey into a call task.
	TimerNoAnswer = "followup:noanswer"
)

// TopicTimerCancel asks the queue to drop tasks of timers that no longer
// apply (a courtesy: a stale task that runs anyway does nothing).
const TopicTimerCancel = "case:timer_cancel"

// TimerCancelPayload lists the queue task ids of cancelled timers.
type TimerCancelPayload struct {
	CaseID  string   `json:"case_id"`
	TaskIDs []string `json:"task_ids"`
}

// OversightStore is the part of Store that the reconciler and the
// follow-up statistics need.
type OversightStore interface {
	// PendingTimers returns unfired, uncancelled timers due before t that
	// come after the cursor in (due_at, id) order, through the index of
	// pending timers: the cost follows the due timers, not all cases.
	PendingTimers(ctx context.Context, before time.Time, after TimerCursor, limit int) ([]DueTimer, error)
	// CasesAwaitingDispatch returns cases in submitted or reopened status
	// last changed before t, oldest first.
	CasesAwaitingDispatch(ctx context.Context, before time.Time, limit int) ([]CaseRef, error)
	// SatisfactionCounts counts follow-up answers per rating.
	SatisfactionCounts(ctx context.Context, q SatisfactionQuery) (map[string]int, error)
}

// OversightTx is the part of Tx that timers, call tasks and follow-up
// answers need, so that each commits with the change that causes it.
type OversightTx interface {
	// TimerHistory returns every timer of the case: pending, fired and
	// cancelled, in (due_at, id) order.
	TimerHistory(ctx context.Context, caseID string) ([]Timer, error)
	CaseCallTasks(ctx context.Context, caseID string) ([]*CallTask, error)
	InsertCallTask(ctx context.Context, t *CallTask) error
	// UpdateCallTask writes t if its version is still t.Version-1.
	UpdateCallTask(ctx context.Context, t *CallTask) error
	InsertFollowUpAnswer(ctx context.Context, a FollowUpAnswer) error
}

// TimerCursor is a position in the (due_at, id) order of timers.
type TimerCursor struct {
	DueAt time.Time
	ID    int64
}

// DueTimer is a pending timer with what the queue needs to know of its case.
type DueTimer struct {
	Timer
	Urgent bool
}

// CaseRef names a case and its version.
type CaseRef struct {
	ID      string
	Urgent  bool
	Version int
}

// Pending reports whether the timer has neither fired nor been cancelled.
func (t Timer) Pending() bool { return t.FiredAt == nil && t.CancelledAt == nil }

// Queue is the queue a timer's task goes to: urgent cases and the urgent
// acceptance escalation jump the line.
func (t Timer) Queue(urgent bool) string {
	if urgent || t.Kind == TimerUrgentAccept {
		return QueueCritical
	}
	return QueueDefault
}

// Payload is the body of the timer's queue task.
func (t Timer) Payload() []byte {
	b, _ := json.Marshal(TimerPayload{TimerID: t.ID, CaseID: t.CaseID, Kind: t.Kind, DueAt: t.DueAt})
	return b
}

func (t Timer) key() string { return t.Kind + "@" + t.DueAt.UTC().Format(time.RFC3339) }

// deadlineOf returns the deadline a "kind:<deadline>" timer belongs to.
func deadlineOf(kind string) (what, deadline string) {
	what, deadline, _ = strings.Cut(kind, ":")
	return what, deadline
}

// wantTimers derives every timer the case should have now: the deadline
// warnings and overdue escalations, reminders while overdue, the urgent
// acceptance escalation and the follow-up steps. history (all the case's
// timers) lets reminders and follow-up continue from what already fired.
func (s *Service) wantTimers(c *Case, now time.Time, history []Timer) []Timer {
	want := s.rules.desiredTimers(s.cal, s.loc, c)
	sch := s.rules.Schedule
	if !c.Status.Terminal() {
		for _, d := range c.Deadlines {
			if d.MetAt != nil || !now.After(d.DueAt) {
				continue
			}
			kind := TimerReminder + ":" + d.Kind
			if p := pendingTimer(history, kind); p != nil && p.DueAt.After(d.DueAt) {
				want = append(want, *p)
				continue
			}
			if at, ok := s.nextReminder(d, now); ok {
				want = append(want, Timer{CaseID: c.ID, Kind: kind, DueAt: at})
			}
		}
	}
	if c.Urgent && (c.Status == StatusSubmitted || c.Status == StatusDispatched || c.Status == StatusReopened) {
		at := c.ReceivedAt.Add(time.Duration(sch.UrgentAcceptMinutes) * time.Minute).Truncate(time.Second)
		want = append(want, Timer{CaseID: c.ID, Kind: TimerUrgentAccept, DueAt: at})
	}
	if awaitingFollowUp(c) {
		want = append(want, s.followUpTimers(c, now, history)...)
	}
	return want
}

// TimerQueueAhead: a timer due this soon is queued in the transaction that
// creates it; a later one waits in the database until the reconciler, which
// looks a few minutes ahead every minute, queues it. So Redis carries only
// the near future (not four tasks for every open case) and the database
// stays the one place where deadlines live.
const TimerQueueAhead = 10 * time.Minute

// timerMessage is the outbox row that queues t, when t is due soon enough.
func timerMessage(c *Case, t Timer, now time.Time) (OutboxMessage, bool) {
	if t.DueAt.Sub(now) > TimerQueueAhead {
		return OutboxMessage{}, false
	}
	return OutboxMessage{Topic: TopicTimer, CaseID: c.ID, Payload: t.Payload(), Queue: t.Queue(c.Urgent), ProcessAt: t.DueAt, TaskID: t.TaskID(), CreatedAt: now}, true
}

// awaitingFollowUp: closed and not yet answered in this round.
func awaitingFollowUp(c *Case) bool { return c.Status == StatusClosed && c.Evaluation == nil }

// nextReminder is the first reminder time after now: 09:00 (the warning
// hour) every ReminderWorkingDays working days counted from the due date.
func (s *Service) nextReminder(d Deadline, now time.Time) (time.Time, bool) {
	day := d.Due
	for i := 0; i < 2000; i++ {
		day = s.cal.AddWorkingDays(day, s.rules.ReminderWorkingDays).Date
		if at := day.At(s.rules.WarningHour, 0, s.loc); at.After(now) {
			return at, true
		}
	}
	return time.Time{}, false
}

// followUpTimers: the survey N working days after closure; once it has
// fired, the no-answer step M working days later. Timers of an earlier
// round (before the case was last received) do not count.
func (s *Service) followUpTimers(c *Case, now time.Time, history []Timer) []Timer {
	f := s.rules.FollowUp
	var survey *Timer
	for i := range history {
		t := history[i]
		if t.Kind == TimerSurvey && t.CancelledAt == nil && t.DueAt.After(c.ReceivedAt) {
			survey = &history[i]
		}
	}
	switch {
	case survey == nil:
		day := s.cal.AddWorkingDays(calendar.DateOf(now, s.loc), f.WorkingDays).Date
		return []Timer{{CaseID: c.ID, Kind: TimerSurvey, DueAt: day.At(f.Hour, 0, s.loc)}}
	case survey.FiredAt == nil:
		return []Timer{*survey}
	}
	sent := survey.DueAt.In(s.loc)
	day := s.cal.AddWorkingDays(calendar.DateOf(sent, s.loc), f.NoAnswerWorkingDays).Date
	return []Timer{{CaseID: c.ID, Kind: TimerNoAnswer, DueAt: day.At(sent.Hour(), sent.Minute(), s.loc)}}
}

func pendingTimer(history []Timer, kind string) *Timer {
	for i := range history {
		if history[i].Kind == kind && history[i].Pending() {
			return &history[i]
		}
	}
	return nil
}

// syncTimers makes the case's timer rows match what it calls for now:
// stale timers are cancelled (and their queued tasks dropped as a
// courtesy), missing ones inserted and queued through the outbox. A timer
// that already fired is never created again. A case that leaves the
// follow-up stage cancels its open follow-up call tasks.
func (s *Service) syncTimers(ctx context.Context, tx Tx, c *Case, now time.Time) error {
	history, err := tx.TimerHistory(ctx, c.ID)
	if err != nil {
		return fmt.Errorf("timers of %s: %w", c.ID, err)
	}
	return s.applyTimers(ctx, tx, c, now, history, nil)
}

// applyTimers reconciles the case's timers with its history and writes the
// missing ones; extra outbox rows ride along in the same statement (a new
// case has no history to read and its dispatch row to write: submission is
// the hot path, and every round trip holds its transaction open longer).
func (s *Service) applyTimers(ctx context.Context, tx Tx, c *Case, now time.Time, history []Timer, extra []OutboxMessage) error {
	fired := map[string]bool{}
	for _, t := range history {
		if t.FiredAt != nil {
			fired[t.key()] = true
		}
	}
	wanted := map[string]bool{}
	var want []Timer
	for _, t := range s.wantTimers(c, now, history) {
		if k := t.key(); !fired[k] && !wanted[k] {
			wanted[k] = true
			want = append(want, t)
		}
	}
	present := map[string]bool{}
	var stale []int64
	var staleTasks []string
	for _, t := range history {
		if !t.Pending() {
			continue
		}
		if wanted[t.key()] && !present[t.key()] {
			present[t.key()] = true
			continue
		}
		stale = append(stale, t.ID)
		staleTasks = append(staleTasks, t.TaskID())
	}
	if len(stale) > 0 {
		if err := tx.CancelTimers(ctx, stale, now); err != nil {
			return fmt.Errorf("cancel timers: %w", err)
		}
		payload, _ := json.Marshal(TimerCancelPayload{CaseID: c.ID, TaskIDs: staleTasks})
		if err := tx.AddOutbox(ctx, OutboxMessage{Topic: TopicTimerCancel, CaseID: c.ID, Payload: payload, Queue: QueueLow, CreatedAt: now}); err != nil {
			return fmt.Errorf("outbox timer cancel: %w", err)
		}
	}
	// The missing timers and their outbox rows go in one statement each:
	// every round trip holds the case's transaction open longer, and a new
	// case has several timers (submission is the hot path).
	var missing []*Timer
	for _, t := range want {
		if present[t.key()] {
			continue
		}
		t.ID, t.FiredAt, t.CancelledAt = 0, nil, nil
		missing = append(missing, &t)
	}
	ms := extra
	if len(missing) > 0 {
		if err := tx.InsertTimer(ctx, missing...); err != nil {
			return fmt.Errorf("insert timers: %w", err)
		}
		for _, t := range missing {
			if m, ok := timerMessage(c, *t, now); ok {
				ms = append(ms, m)
			}
		}
	}
	if len(ms) > 0 {
		if err := tx.AddOutbox(ctx, ms...); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
	}
	if c.Status == StatusFollowedUp || c.Status == StatusReopened {
		if err := cancelFollowUpCalls(ctx, tx, c.ID, now); err != nil {
			return err
		}
	}
	return nil
}
