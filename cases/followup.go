package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Follow-up work carried by the queue.
const (
	// TopicFollowUp runs a follow-up step (FollowUpPayload).
	TopicFollowUp = "case:followup"
	// TopicCallRequest asks the outbound-call provider, when one is
	// configured, to place a follow-up call (CallRequestPayload).
	TopicCallRequest = "call:request"
)

// StepSurvey sends the satisfaction survey.
const StepSurvey = "survey"

// Ways an answer arrives (Evaluation.Via).
const (
	ViaBot         = "bot"
	ViaMiniProgram = "miniprogram"
	ViaCall        = "call"
)

// FollowUpPayload is the body of a TopicFollowUp task.
type FollowUpPayload struct {
	CaseID string `json:"case_id"`
	Step   string `json:"step"`
}

// CallRequestPayload is the body of a TopicCallRequest task.
type CallRequestPayload struct {
	TaskID  string `json:"task_id"`
	CaseID  string `json:"case_id"`
	Attempt int    `json:"attempt"` // 0-based
}

func followUpMessage(c *Case, step string, now time.Time) OutboxMessage {
	payload, _ := json.Marshal(FollowUpPayload{CaseID: c.ID, Step: step})
	return OutboxMessage{Topic: TopicFollowUp, CaseID: c.ID, Payload: payload, Queue: QueueDefault, CreatedAt: now}
}

// FollowUpAnswer is one answer to a follow-up, kept for the satisfaction
// statistics (the case itself keeps only the answer of its current round).
type FollowUpAnswer struct {
	CaseID string
	Unit   string // the unit that handled the round answered for
	Rating string
	Via    string
	At     time.Time
}

// FollowUp records the citizen's answer to the follow-up (回访), however it
// arrived: the bot, the mini-program's evaluation, or a call. 满意 / 基本满意
// complete the follow-up; 不满意 reopens the case with a 督办 record and sends
// it back to its unit (the dispatcher routes the reopened case). Any answer
// cancels the case's pending follow-up timers and open follow-up call tasks.
func (s *Service) FollowUp(ctx context.Context, id string, actor Actor, rating, comment, via string) (*Case, error) {
	return s.followUp(ctx, id, actor, rating, comment, via, nil)
}

// followUp is FollowUp with also run in the same transaction (a call task
// closed with the answer it produced).
func (s *Service) followUp(ctx context.Context, id string, actor Actor, rating, comment, via string, also func(ctx context.Context, tx Tx, c *Case, now time.Time) error) (*Case, error) {
	rating = strings.TrimSpace(rating)
	if !ValidRating(rating) {
		return nil, invalid("rating", "请选择：满意、基本满意或不满意")
	}
	if len([]rune(comment)) > MaxNoteRunes {
		return nil, invalid("comment", "内容过长")
	}
	if err := checkStorable("comment", comment); err != nil {
		return nil, err
	}
	a := ActionFollowUp
	if rating == RatingUnsatisfied {
		a = ActionReopen
	}
	return s.act(ctx, id, a, actor, func(c *Case, now time.Time) (change, error) {
		if c.Evaluation != nil {
			return change{}, ErrAlreadyEvaluated
		}
		unit := c.Unit
		ch := change{note: comment, data: map[string]string{"rating": rating, "via": via}}
		ch.inTx = func(ctx context.Context, tx Tx, c *Case, now time.Time) error {
			if also != nil {
				if err := also(ctx, tx, c, now); err != nil {
					return err
				}
			}
			return tx.InsertFollowUpAnswer(ctx, FollowUpAnswer{CaseID: c.ID, Unit: unit, Rating: rating, Via: via, At: now})
		}
		if a == ActionReopen {
			c.ReceivedAt = now
			c.Deadlines = s.rules.Deadlines(s.cal, s.loc, RuleSet(c.Kind, c.Channel(), c.Procedure), now)
			c.Extension = nil
			// The unsatisfied answer belongs to the closed round; the new
			// round will be asked again.
			c.Evaluation = nil
			ch.events = []Event{{Actor: System, Action: EventOversight, Note: "回访不满意，退回承办单位重新办理并督办",
				Data: mustJSON(map[string]string{"reason": NoticeUnsatisfied, "unit": unit})}}
			ch.outbox = []OutboxMessage{caseMessage(TopicDispatch, c, QueueDefault, now), staffMessage(c, escalation(c, NoticeUnsatisfied), now)}
			return ch, nil
		}
		c.Evaluation = &Evaluation{Rating: rating, Comment: comment, Via: via, At: now}
		return ch, nil
	})
}

// createFollowUpCall creates the follow-up call task of the case's current
// round unless it has one already, with a timeline entry and a request to
// the outbound-call provider. It runs inside the caller's transaction.
func (s *Service) createFollowUpCall(ctx context.Context, tx Tx, c *Case, now time.Time, reason string) (*CallTask, error) {
	tasks, err := tx.CaseCallTasks(ctx, c.ID)
	if err != nil {
		return nil, fmt.Errorf("call tasks: %w", err)
	}
	for _, t := range tasks {
		if t.Kind == CallFollowUp && !t.CreatedAt.Before(c.ReceivedAt) {
			return t, nil
		}
	}
	t := &CallTask{ID: newID(), Kind: CallFollowUp, CaseID: c.ID, OpenID: c.Submitter.OpenID,
		Reason: reason + "\n" + s.rules.FollowUp.CallScript, Status: CallOpen, DueAt: now, CreatedAt: now, UpdatedAt: now, Version: 1}
	if ValidPhone(c.Submitter.Phone) {
		t.Phone = c.Submitter.Phone
	} else {
		t.Reason = reason + "（事项未留电话，请通过微信联系）\n" + s.rules.FollowUp.CallScript
	}
	if err := tx.InsertCallTask(ctx, t); err != nil {
		return nil, fmt.Errorf("insert call task: %w", err)
	}
	if err := tx.AppendEvent(ctx, &Event{CaseID: c.ID, At: now, Actor: System, Action: EventNote, From: c.Status, To: c.Status,
		Note: "已生成电话回访任务：" + reason, Data: mustJSON(map[string]string{"call_task": t.ID})}); err != nil {
		return nil, fmt.Errorf("append event: %w", err)
	}
	if err := tx.AddOutbox(ctx, callRequest(t, 0, now)); err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return t, nil
}

func callRequest(t *CallTask, attempt int, now time.Time) OutboxMessage {
	payload, _ := json.Marshal(CallRequestPayload{TaskID: t.ID, CaseID: t.CaseID, Attempt: attempt})
	return OutboxMessage{Topic: TopicCallRequest, CaseID: t.CaseID, Payload: payload, Queue: QueueLow,
		ProcessAt: t.DueAt, TaskID: fmt.Sprintf("call:%s:%d", t.ID, attempt), CreatedAt: now}
}

// cancelFollowUpCalls cancels the case's open follow-up call tasks: the
// person answered, or the case left the follow-up stage.
func cancelFollowUpCalls(ctx context.Context, tx Tx, caseID string, now time.Time) error {
	tasks, err := tx.CaseCallTasks(ctx, caseID)
	if err != nil {
		return fmt.Errorf("call tasks: %w", err)
	}
	for _, t := range tasks {
		if t.Kind != CallFollowUp || t.Status != CallOpen {
			continue
		}
		t.Status, t.UpdatedAt = CallCancelled, now
		t.Version++
		if err := tx.UpdateCallTask(ctx, t); err != nil {
			return fmt.Errorf("cancel call task %s: %w", t.ID, err)
		}
	}
	return nil
}

// SatisfactionQuery selects follow-up answers: [From, To), optionally of
// one unit. Zero times leave that end open.
type SatisfactionQuery struct {
	From, To time.Time
	Unit     string
}

// Satisfaction counts answers. Rate is (满意 + 基本满意) / answered, 0 when
// nothing was answered; each answer counts, so a case that was unsatisfied
// and later satisfied counts in both.
type Satisfaction struct {
	Satisfied      int     `json:"satisfied"`
	BasicSatisfied int     `json:"basic_satisfied"`
	Unsatisfied    int     `json:"unsatisfied"`
	Answered       int     `json:"answered"`
	Rate           float64 `json:"rate"`
}

// Satisfaction returns the follow-up statistics for the dashboard.
func (s *Service) Satisfaction(ctx context.Context, q SatisfactionQuery) (Satisfaction, error) {
	n, err := s.store.SatisfactionCounts(ctx, q)
	if err != nil {
		return Satisfaction{}, fmt.Errorf("satisfaction: %w", err)
	}
	out := Satisfaction{Satisfied: n[RatingSatisfied], BasicSatisfied: n[RatingBasicSatisfied], Unsatisfied: n[RatingUnsatisfied]}
	out.Answered = out.Satisfied + out.BasicSatisfied + out.Unsatisfied
	if out.Answered > 0 {
		out.Rate = float64(out.Satisfied+out.BasicSatisfied) / float64(out.Answered)
	}
	return out, nil
}
