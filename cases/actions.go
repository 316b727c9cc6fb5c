package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// change is what one action does to a case beyond its status.
type change struct {
	note   string
	data   any
	outbox []OutboxMessage
	// events are further timeline entries of the same change (a 督办 record).
	events []Event
	// inTx runs inside the transaction once the case is written.
	inTx func(ctx context.Context, tx Tx, c *Case, now time.Time) error
}

// act runs one action in one transaction: lock the case, check the
// transition table, apply mutate, meet the deadlines the action satisfies,
// write the case, its timeline event, its outbox rows and its timers.
// An invalid transition changes nothing.
func (s *Service) act(ctx context.Context, id string, a Action, actor Actor, mutate func(c *Case, now time.Time) (change, error)) (*Case, error) {
	var out *Case
	err := s.store.WithTx(ctx, func(tx Tx) error {
		c, err := tx.CaseForUpdate(ctx, id)
		if err != nil {
			return err
		}
		from := c.Status
		to, err := Next(from, a)
		if err != nil {
			return err
		}
		now := s.now()
		c.Status = to
		ch, err := mutate(c, now)
		if err != nil {
			return err
		}
		// Every action's note passes here: the last guard before storage,
		// whichever entry point forgot to check it.
		if err := checkStorable("note", ch.note); err != nil {
			return err
		}
		meetDeadlines(c.Deadlines, a, now)
		c.NextDueAt = nextDue(c.Deadlines)
		if c.Status.Terminal() {
			c.NextDueAt = nil
		}
		c.UpdatedAt = now
		c.Version++
		if err := tx.UpdateCase(ctx, c); err != nil {
			return err
		}
		var data json.RawMessage
		if ch.data != nil {
			data, _ = json.Marshal(ch.data)
		}
		if err := tx.AppendEvent(ctx, &Event{CaseID: c.ID, At: now, Actor: actor, Action: string(a), From: from, To: to, Note: ch.note, Data: data}); err != nil {
			return fmt.Errorf("append event: %w", err)
		}
		for _, e := range ch.events {
			e.CaseID, e.At, e.From, e.To = c.ID, now, to, to
			if err := tx.AppendEvent(ctx, &e); err != nil {
				return fmt.Errorf("append event: %w", err)
			}
		}
		if ch.inTx != nil {
			if err := ch.inTx(ctx, tx, c, now); err != nil {
				return err
			}
		}
		ch.outbox = append(ch.outbox, s.staffNotices(c, from, a, now)...)
		for _, m := range ch.outbox {
			if m.CreatedAt.IsZero() {
				m.CreatedAt = now
			}
			if err := tx.AddOutbox(ctx, m); err != nil {
				return fmt.Errorf("outbox: %w", err)
			}
		}
		if err := s.syncTimers(ctx, tx, c, now); err != nil {
			return err
		}
		out = c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s case %s: %w", a, id, err)
	}
	s.wake()
	s.log.Info("case changed", "case", out.ID, "tracking_no", out.TrackingNo, "action", a, "status", out.Status)
	return out, nil
}

func noteRequired(field, note string) (string, error) {
	return validateText(field, note, MaxNoteRunes)
}

func notifyMessage(c *Case, event string, now time.Time) OutboxMessage {
	payload, _ := json.Marshal(map[string]string{"case_id": c.ID, "event": event})
	return OutboxMessage{Topic: TopicNotify, CaseID: c.ID, Payload: payload, Queue: QueueDefault, CreatedAt: now}
}

// Dispatch assigns the case to a handling unit. A case coming back from a
// return or a reopening starts its periods again on the day the new unit
// receives it (信访工作条例 counts from receipt); the timeline keeps both.
func (s *Service) Dispatch(ctx context.Context, id, unit string, actor Actor, note string) (*Case, error) {
	if unit == "" {
		return nil, invalid("unit", "handling unit required")
	}
	return s.act(ctx, id, ActionDispatch, actor, func(c *Case, now time.Time) (change, error) {
		if err := checkHandler(c, unit); err != nil {
			return change{}, err
		}
		restart := c.Unit != "" // a second dispatch: returned or reopened
		c.Unit = unit
		if restart {
			c.ReceivedAt = now
			c.Deadlines = s.rules.Deadlines(s.cal, s.loc, RuleSet(c.Kind, c.Channel(), c.Procedure), now)
			c.Extension = nil
		}
		return change{note: note, data: map[string]any{"unit": unit, "restart": restart}}, nil
	})
}

// Accept is 签收 by the handling unit.
func (s *Service) Accept(ctx context.Context, id string, actor Actor) (*Case, error) {
	return s.act(ctx, id, ActionAccept, actor, func(c *Case, now time.Time) (change, error) {
		restartOnAcceptance(c.Deadlines, s.cal, s.loc, now)
		return change{outbox: []OutboxMessage{notifyMessage(c, "accepted", now)}}, nil
	})
}

// Return is 退回: the unit says the case is not theirs. The case goes to
// the oversight office, which reroutes it.
func (s *Service) Return(ctx context.Context, id string, actor Actor, reason string) (*Case, error) {
	reason, err := noteRequired("reason", reason)
	if err != nil {
		return nil, err
	}
	return s.act(ctx, id, ActionReturn, actor, func(c *Case, now time.Time) (change, error) {
		from := c.Unit
		c.Unit = UnitOversight // oversight reroutes it
		return change{note: reason, data: map[string]string{"from_unit": from}}, nil
	})
}

// RequestExtension asks oversight for more days on an open deadline, within
// the legal maximum of the channel.
func (s *Service) RequestExtension(ctx context.Context, id string, actor Actor, deadline string, days int, reason string) (*Case, error) {
	reason, err := noteRequired("reason", reason)
	if err != nil {
		return nil, err
	}
	if days <= 0 {
		return nil, invalid("days", "延期天数须为正数")
	}
	return s.act(ctx, id, ActionRequestExtension, actor, func(c *Case, now time.Time) (change, error) {
		d := c.deadline(deadline)
		if d == nil || d.MetAt != nil {
			return change{}, invalid("deadline", "没有可延期的办理期限")
		}
		if room := d.MaxExtend - d.Extended; days > room {
			return change{}, invalid("days", fmt.Sprintf("超过法定最长延期（还可延长%d日）", max(room, 0)))
		}
		c.Extension = &Extension{Deadline: d.Kind, Days: days, Reason: reason, RequestedBy: actor.ID, RequestedAt: now}
		return change{note: reason, data: map[string]any{"deadline": d.Kind, "days": days}}, nil
	})
}

// DecideExtension is oversight's answer. A grant moves the due date (and with
// it the timers); a refusal changes no date.
func (s *Service) DecideExtension(ctx context.Context, id string, actor Actor, grant bool, note string) (*Case, error) {
	a := ActionRefuseExtension
	if grant {
		a = ActionGrantExtension
	}
	return s.act(ctx, id, a, actor, func(c *Case, now time.Time) (change, error) {
		x := c.Extension
		if x == nil {
			return change{}, invalid("extension", "没有待审批的延期申请")
		}
		x.Decision, x.DecidedBy, x.DecidedAt = "refused", actor.ID, &now
		data := map[string]any{"deadline": x.Deadline, "days": x.Days, "decision": "refused"}
		if grant {
			x.Decision = "granted"
			d := c.deadline(x.Deadline)
			if d == nil || d.MetAt != nil || x.Days > d.MaxExtend-d.Extended {
				return change{}, invalid("extension", "延期申请已不适用")
			}
			old := d.Due
			d.Extended += x.Days
			d.recompute(s.cal, s.loc, d.Start)
			data["decision"], data["old_due"], data["new_due"] = "granted", old, d.Due
		}
		return change{note: note, data: data}, nil
	})
}

// Reply is 答复: the text goes to the citizen.
func (s *Service) Reply(ctx context.Context, id string, actor Actor, text string) (*Case, error) {
	text, err := noteRequired("text", text)
	if err != nil {
		return nil, err
	}
	return s.act(ctx, id, ActionReply, actor, func(c *Case, now time.Time) (change, error) {
		c.Extension = nil
		return change{note: text, outbox: []OutboxMessage{notifyMessage(c, "replied", now)}}, nil
	})
}

// Close is 办结 with its result.
func (s *Service) Close(ctx context.Context, id string, actor Actor, result string) (*Case, error) {
	result, err := noteRequired("result", result)
	if err != nil {
		return nil, err
	}
	return s.act(ctx, id, ActionClose, actor, func(c *Case, now time.Time) (change, error) {
		return change{note: result, outbox: []OutboxMessage{notifyMessage(c, "closed", now)}}, nil
	})
}

// Withdraw is the citizen taking the case back.
func (s *Service) Withdraw(ctx context.Context, id string, actor Actor, reason string) (*Case, error) {
	if err := checkStorable("reason", reason); err != nil {
		return nil, err
	}
	return s.act(ctx, id, ActionWithdraw, actor, func(c *Case, now time.Time) (change, error) {
		return change{note: reason}, nil
	})
}

// Reject is 不予受理, with the reason the citizen is told.
func (s *Service) Reject(ctx context.Context, id string, actor Actor, reason string) (*Case, error) {
	reason, err := noteRequired("reason", reason)
	if err != nil {
		return nil, err
	}
	return s.act(ctx, id, ActionReject, actor, func(c *Case, now time.Time) (change, error) {
		return change{note: reason, outbox: []OutboxMessage{notifyMessage(c, "rejected", now)}}, nil
	})
}

// Transfer moves a court matter out of the petition system (诉访分离).
func (s *Service) Transfer(ctx context.Context, id string, actor Actor, note string) (*Case, error) {
	return s.act(ctx, id, ActionTransfer, actor, func(c *Case, now time.Time) (change, error) {
		return change{note: note, outbox: []OutboxMessage{notifyMessage(c, "transferred", now)}}, nil
	})
}

// Reopen sends a replied or closed case back for more work (after an
// unsatisfied follow-up), with fresh periods from today.
func (s *Service) Reopen(ctx context.Context, id string, actor Actor, reason string) (*Case, error) {
	reason, err := noteRequired("reason", reason)
	if err != nil {
		return nil, err
	}
	return s.act(ctx, id, ActionReopen, actor, func(c *Case, now time.Time) (change, error) {
		c.ReceivedAt = now
		c.Deadlines = s.rules.Deadlines(s.cal, s.loc, RuleSet(c.Kind, c.Channel(), c.Procedure), now)
		c.Extension = nil
		return change{note: reason}, nil
	})
}

func (c *Case) deadline(kind string) *Deadline {
	for i := range c.Deadlines {
		if c.Deadlines[i].Kind == kind {
			return &c.Deadlines[i]
		}
	}
	return nil
}
