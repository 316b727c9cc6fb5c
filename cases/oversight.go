package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// TopicNotifyStaff carries a StaffNotice; the jobs package resolves its
// recipients through units.yaml (WeChat openids, webhooks).
const TopicNotifyStaff = "notify:staff"

// EventWarning is the timeline entry of a deadline warning to the unit.
const EventWarning = "warning"

// Roles a staff notice is addressed to, within a unit.
const (
	RoleUnit = "unit" // the unit's duty staff: its notify openids and webhook
	RoleDuty = "duty" // the unit's duty officer (值班负责人)
	RoleHead = "head" // the unit's head (单位负责人)
)

// Staff notice events.
const (
	NoticeDispatched         = "dispatched"
	NoticeUrgent             = "urgent"
	NoticeWarning            = "warning"
	NoticeOverdue            = "overdue"
	NoticeReminder           = "reminder"
	NoticeUnaccepted         = "urgent_unaccepted"
	NoticeReturned           = "returned"
	NoticeExtensionRequested = "extension_requested"
	NoticeExtensionDecided   = "extension_decided"
	NoticeUnsatisfied        = "unsatisfied"
)

// Recipient is a role in a unit.
type Recipient struct {
	Unit string `json:"unit"`
	Role string `json:"role"`
}

// StaffNotice tells staff that a case needs them. It carries no personal
// data: the recipients open the case in the workbench.
type StaffNotice struct {
	CaseID   string      `json:"case_id"`
	Event    string      `json:"event"`
	To       []Recipient `json:"to"`
	Deadline string      `json:"deadline,omitempty"` // the deadline's name, e.g. 受理审查
	Due      string      `json:"due,omitempty"`      // YYYY-MM-DD
	Count    int         `json:"count,omitempty"`    // reminders: the how-manieth
	Decision string      `json:"decision,omitempty"` // extensions: granted, refused
}

func staffMessage(c *Case, n StaffNotice, now time.Time) OutboxMessage {
	n.CaseID = c.ID
	queue := QueueDefault
	if c.Urgent || n.Event == NoticeUnaccepted {
		queue = QueueCritical
	}
	payload, _ := json.Marshal(n)
	return OutboxMessage{Topic: TopicNotifyStaff, CaseID: c.ID, Payload: payload, Queue: queue, CreatedAt: now}
}

// handlingUnit is the unit answering for the case: oversight while nobody has it.
func handlingUnit(c *Case) string {
	if c.Unit == "" {
		return UnitOversight
	}
	return c.Unit
}

// staffNotices are the notices a transition sends: the unit learns of a
// new case (its duty officer too when urgent), oversight of a returned
// case and of an extension request, the unit of oversight's decision.
func (s *Service) staffNotices(c *Case, from Status, a Action, now time.Time) []OutboxMessage {
	var n StaffNotice
	switch a {
	case ActionDispatch:
		n = StaffNotice{Event: NoticeDispatched, To: []Recipient{{c.Unit, RoleUnit}}}
		if c.Urgent {
			n.Event, n.To = NoticeUrgent, append(n.To, Recipient{c.Unit, RoleDuty})
		}
		for _, d := range c.Deadlines {
			if d.MetAt == nil && (n.Due == "" || d.Due.String() < n.Due) {
				n.Deadline, n.Due = s.rules.periodName(c, d.Kind), d.Due.String()
			}
		}
	case ActionReturn:
		n = StaffNotice{Event: NoticeReturned, To: []Recipient{{UnitOversight, RoleUnit}}}
	case ActionRequestExtension:
		n = StaffNotice{Event: NoticeExtensionRequested, To: []Recipient{{UnitOversight, RoleUnit}}}
		if x := c.Extension; x != nil {
			n.Deadline = s.rules.periodName(c, x.Deadline)
		}
	case ActionGrantExtension, ActionRefuseExtension:
		n = StaffNotice{Event: NoticeExtensionDecided, To: []Recipient{{handlingUnit(c), RoleUnit}}}
		if x := c.Extension; x != nil {
			n.Deadline, n.Decision = s.rules.periodName(c, x.Deadline), x.Decision
			if d := c.deadline(x.Deadline); d != nil {
				n.Due = d.Due.String()
			}
		}
	default:
		return nil
	}
	return []OutboxMessage{staffMessage(c, n, now)}
}

// escalation addresses oversight and the head of the handling unit.
func escalation(c *Case, event string) StaffNotice {
	to := []Recipient{{UnitOversight, RoleUnit}}
	if u := handlingUnit(c); u != UnitOversight {
		to = append(to, Recipient{u, RoleHead})
	}
	return StaffNotice{Event: event, To: to}
}

// periodName is the Chinese name of a deadline of the case's rule set.
func (r *Rules) periodName(c *Case, kind string) string {
	for _, p := range r.Sets[RuleSet(c.Kind, c.Channel(), c.Procedure)] {
		if p.Kind == kind && p.Name != "" {
			return p.Name
		}
	}
	return kind
}

// timerEffect applies what a timer stands for, inside FireTimer's
// transaction: timeline entries (督办 records) and outbox rows.
func (s *Service) timerEffect(ctx context.Context, tx Tx, c *Case, t Timer, history []Timer, now time.Time) error {
	what, kind := deadlineOf(t.Kind)
	var (
		ev     *Event
		notice *StaffNotice
		outbox []OutboxMessage
	)
	d := c.deadline(kind)
	switch {
	case t.Kind == TimerUrgentAccept:
		n := escalation(c, NoticeUnaccepted)
		if u := handlingUnit(c); u != UnitOversight {
			n.To = append(n.To, Recipient{u, RoleDuty})
		}
		n.To = append(n.To, Recipient{UnitOversight, RoleDuty})
		notice = &n
		ev = &Event{Action: EventOversight, Note: fmt.Sprintf("紧急事项%d分钟内未签收，督查室督办", s.rules.UrgentAcceptMinutes),
			Data: mustJSON(map[string]any{"reason": NoticeUnaccepted, "unit": handlingUnit(c)})}
	case what == TimerWarning && d != nil:
		name := s.rules.periodName(c, kind)
		notice = &StaffNotice{Event: NoticeWarning, To: []Recipient{{handlingUnit(c), RoleUnit}}, Deadline: name, Due: d.Due.String()}
		ev = &Event{Action: EventWarning, Note: fmt.Sprintf("期限预警：%s将于%s到期", name, d.Due),
			Data: mustJSON(map[string]any{"deadline": kind, "due": d.Due, "unit": handlingUnit(c)})}
	case (what == TimerOverdue || what == TimerReminder) && d != nil:
		name := s.rules.periodName(c, kind)
		n := escalation(c, NoticeOverdue)
		n.Deadline, n.Due = name, d.Due.String()
		note := fmt.Sprintf("逾期督办：%s已于%s到期", name, d.Due)
		data := map[string]any{"reason": NoticeOverdue, "deadline": kind, "due": d.Due, "unit": handlingUnit(c)}
		if what == TimerReminder {
			n.Event, n.Count = NoticeReminder, 1
			for _, h := range history {
				if h.Kind == t.Kind && h.FiredAt != nil && h.DueAt.After(d.DueAt) {
					n.Count++
				}
			}
			note = fmt.Sprintf("逾期催办（第%d次）：%s已于%s到期", n.Count, name, d.Due)
			data["reason"], data["count"] = NoticeReminder, n.Count
		}
		notice = &n
		ev = &Event{Action: EventOversight, Note: note, Data: mustJSON(data)}
	case t.Kind == TimerSurvey:
		outbox = append(outbox, followUpMessage(c, StepSurvey, now))
	case t.Kind == TimerNoAnswer:
		if _, err := s.createFollowUpCall(ctx, tx, c, now, "回访消息发出后未获答复"); err != nil {
			return err
		}
	default:
		return fmt.Errorf("timer kind %q: no effect defined", t.Kind)
	}
	if ev != nil {
		ev.CaseID, ev.At, ev.Actor, ev.From, ev.To = c.ID, now, System, c.Status, c.Status
		if err := tx.AppendEvent(ctx, ev); err != nil {
			return fmt.Errorf("append event: %w", err)
		}
	}
	if notice != nil {
		outbox = append(outbox, staffMessage(c, *notice, now))
	}
	for _, m := range outbox {
		if err := tx.AddOutbox(ctx, m); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
	}
	return nil
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
