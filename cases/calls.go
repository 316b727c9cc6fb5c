package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Call outcomes besides the three ratings.
const (
	OutcomeUnreachable = "无法联系"
	OutcomeReached     = "已联系" // a callback (人工) done
)

// ErrNotAssigned: the call task belongs to another caller (or to nobody,
// where revealing the phone number needs an assignee).
var ErrNotAssigned = errors.New("call task assigned to someone else")

// Assign gives an open task to caller; a task already taken by someone
// else is ErrNotAssigned.
func (c *CallTasks) Assign(ctx context.Context, id, caller string) (*CallTask, error) {
	if strings.TrimSpace(caller) == "" {
		return nil, invalid("caller", "missing caller")
	}
	return c.Update(ctx, id, func(t *CallTask) error {
		if t.AssignedTo != "" && t.AssignedTo != caller {
			return ErrNotAssigned
		}
		t.AssignedTo = caller
		return nil
	})
}

// PhoneFor reveals the number to call, to the task's assigned caller only.
func (c *CallTasks) PhoneFor(ctx context.Context, id, caller string) (string, error) {
	t, err := c.store.CallTask(ctx, id)
	if err != nil {
		return "", err
	}
	if caller == "" || t.AssignedTo != caller {
		return "", ErrNotAssigned
	}
	return t.Phone, nil
}

// CreateFollowUp creates the follow-up call task of a closed case awaiting
// its answer (the survey could not be sent); a case that has one in this
// round returns it, and a case no longer awaiting an answer returns nil.
func (c *CallTasks) CreateFollowUp(ctx context.Context, caseID, reason string) (*CallTask, error) {
	var out *CallTask
	err := c.svc.store.WithTx(ctx, func(tx Tx) error {
		cs, err := tx.CaseForUpdate(ctx, caseID)
		if err != nil {
			return err
		}
		if !awaitingFollowUp(cs) {
			return nil
		}
		out, err = c.svc.createFollowUpCall(ctx, tx, cs, c.svc.now(), reason)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("follow-up call for case %s: %w", caseID, err)
	}
	c.svc.wake()
	return out, nil
}

// RecordAttempt records one call: a rating (满意 / 基本满意 / 不满意) ends a
// follow-up task and is the case's follow-up answer, in one transaction;
// 无法联系 counts an attempt and schedules the next at another time of day,
// until the last attempt ends the task as 无法联系; 已联系 ends a callback.
// The caller must be the task's assignee (an unassigned task is taken).
func (c *CallTasks) RecordAttempt(ctx context.Context, id, caller, outcome, comment string) (*CallTask, error) {
	outcome, caller = strings.TrimSpace(outcome), strings.TrimSpace(caller)
	if caller == "" {
		return nil, invalid("caller", "missing caller")
	}
	if len([]rune(comment)) > MaxNoteRunes {
		return nil, invalid("comment", "内容过长")
	}
	t, err := c.store.CallTask(ctx, id)
	if err != nil {
		return nil, err
	}
	switch {
	case ValidRating(outcome) && t.Kind == CallFollowUp:
	case outcome == OutcomeUnreachable:
	case outcome == OutcomeReached && t.Kind == CallCallback:
	default:
		return nil, invalid("outcome", "请选择：满意、基本满意、不满意或无法联系")
	}
	if err := c.check(t, caller); err != nil {
		return nil, err
	}
	if t.CaseID == "" {
		return c.Update(ctx, id, func(t *CallTask) error {
			if err := c.check(t, caller); err != nil {
				return err
			}
			c.apply(t, caller, outcome, c.svc.now())
			return nil
		})
	}
	var out *CallTask
	if ValidRating(outcome) {
		_, err = c.svc.followUp(ctx, t.CaseID, Staff(caller, UnitCallCentre), outcome, comment, ViaCall,
			func(ctx context.Context, tx Tx, cs *Case, now time.Time) error {
				out, err = c.attempt(ctx, tx, cs.ID, id, caller, outcome, now)
				return err
			})
	} else {
		out, err = c.unreachable(ctx, t.CaseID, id, caller, comment)
	}
	if err != nil {
		// An answer that arrived another way meanwhile closed the task.
		if now, gerr := c.store.CallTask(ctx, id); gerr == nil && now.Status != CallOpen {
			return nil, ErrTaskClosed
		}
		return nil, err
	}
	return out, nil
}

// attempt records an outcome on a task of the case inside a transaction.
func (c *CallTasks) attempt(ctx context.Context, tx Tx, caseID, id, caller, outcome string, now time.Time) (*CallTask, error) {
	task, err := callTaskIn(ctx, tx, caseID, id)
	if err != nil {
		return nil, err
	}
	if err := c.check(task, caller); err != nil {
		return nil, err
	}
	c.apply(task, caller, outcome, now)
	task.Version++ // CallTasks.Update counts its own writes; this one is ours
	if err := tx.UpdateCallTask(ctx, task); err != nil {
		return nil, err
	}
	return task, nil
}

// unreachable records an unanswered call on the case's timeline and, while
// attempts remain, asks the provider again for the next slot.
func (c *CallTasks) unreachable(ctx context.Context, caseID, id, caller, comment string) (*CallTask, error) {
	var task *CallTask
	err := c.svc.store.WithTx(ctx, func(tx Tx) error {
		cs, err := tx.CaseForUpdate(ctx, caseID)
		if err != nil {
			return err
		}
		now := c.svc.now()
		if task, err = c.attempt(ctx, tx, caseID, id, caller, OutcomeUnreachable, now); err != nil {
			return err
		}
		note := fmt.Sprintf("电话回访未接通（第%d次），下次拨打：%s", task.Attempts, task.DueAt.In(c.svc.loc).Format("2006-01-02 15:04"))
		if task.Status == CallDone {
			note = fmt.Sprintf("电话回访%d次未能联系，回访结束：%s", task.Attempts, OutcomeUnreachable)
		}
		if comment = strings.TrimSpace(comment); comment != "" {
			note += "。" + comment
		}
		if err := tx.AppendEvent(ctx, &Event{CaseID: caseID, At: now, Actor: Staff(caller, UnitCallCentre), Action: EventNote, From: cs.Status, To: cs.Status,
			Note: note, Data: mustJSON(map[string]any{"call_task": task.ID, "attempt": task.Attempts, "outcome": task.Outcome})}); err != nil {
			return fmt.Errorf("append event: %w", err)
		}
		if task.Status == CallOpen {
			return tx.AddOutbox(ctx, callRequest(task, task.Attempts, now))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.svc.wake()
	return task, nil
}

// check refuses a finished task and a caller who is not the assignee.
func (c *CallTasks) check(t *CallTask, caller string) error {
	if t.Status != CallOpen {
		return ErrTaskClosed
	}
	if t.AssignedTo != "" && t.AssignedTo != caller {
		return ErrNotAssigned
	}
	return nil
}

// apply counts the attempt and its outcome on t.
func (c *CallTasks) apply(t *CallTask, caller, outcome string, now time.Time) {
	t.Attempts++
	t.AssignedTo, t.UpdatedAt = caller, now
	if outcome != OutcomeUnreachable {
		t.Status, t.Outcome = CallDone, outcome
		return
	}
	f := c.svc.rules.FollowUp
	if t.Attempts >= f.CallAttempts {
		t.Status, t.Outcome = CallDone, OutcomeUnreachable
		return
	}
	t.DueAt = f.nextCallSlot(c.svc.cal, c.svc.loc, now, t.Attempts)
}

// callTaskIn finds a task of the case inside a transaction.
func callTaskIn(ctx context.Context, tx Tx, caseID, id string) (*CallTask, error) {
	tasks, err := tx.CaseCallTasks(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("call tasks: %w", err)
	}
	for _, t := range tasks {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, fmt.Errorf("call task %s: %w", id, ErrNotFound)
}
