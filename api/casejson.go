package api

import (
	"encoding/json"
	"time"

	"petitiond/cases"
	"petitiond/classifier"
)

// caseView is a case as its submitter sees it: no other person's data, no
// staff names, no internal notes.
type caseView struct {
	TrackingNo      string               `json:"tracking_no"`
	Kind            cases.Kind           `json:"kind"`
	KindLabel       string               `json:"kind_label"`
	Status          cases.Status         `json:"status"`
	StatusLabel     string               `json:"status_label"`
	Channel         cases.Channel        `json:"channel"`
	ChannelName     string               `json:"channel_name"`
	Department      string               `json:"department"`
	DepartmentName  string               `json:"department_name"`
	Urgent          bool                 `json:"urgent"`
	Guidance        *classifier.Guidance `json:"guidance"`
	Deadlines       []deadlineView       `json:"deadlines"`
	Text            string               `json:"text"`
	Location        *cases.Location      `json:"location,omitempty"`
	Attachments     []attachmentView     `json:"attachments"`
	Confidential    bool                 `json:"confidential"`
	CompanyName     string               `json:"company_name,omitempty"`
	CreditCode      string               `json:"credit_code,omitempty"`
	BarrierCategory string               `json:"barrier_category,omitempty"`
	Evaluation      *evaluationView      `json:"evaluation,omitempty"`
	Actions         actionsView          `json:"actions"`
	CreatedAt       string               `json:"created_at"`
	UpdatedAt       string               `json:"updated_at"`
	Timeline        []timelineView       `json:"timeline,omitempty"`
}

type deadlineView struct {
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	Start       string `json:"start"`
	Due         string `json:"due"`
	Days        int    `json:"days"`
	Working     bool   `json:"working_days"`
	Basis       string `json:"basis"`
	Provisional bool   `json:"provisional"`
	Extended    int    `json:"extended_days,omitempty"`
	Met         bool   `json:"met"`
}

type attachmentView struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

type evaluationView struct {
	Rating  string `json:"rating"`
	Comment string `json:"comment,omitempty"`
	At      string `json:"at"`
}

// actionsView says what the person may do now, so the client need not
// mirror the transition table.
type actionsView struct {
	Withdraw   bool `json:"withdraw"`
	Supplement bool `json:"supplement"`
	Evaluate   bool `json:"evaluate"`
}

type timelineView struct {
	At     string       `json:"at"`
	Action string       `json:"action"`
	Label  string       `json:"label"`
	Status cases.Status `json:"status"`
	Text   string       `json:"text,omitempty"`
}

var kindLabels = map[cases.Kind]string{
	cases.KindComplaint: "投诉", cases.KindPetition: "信访诉求", cases.KindBusiness: "营商环境反映",
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// caseJSON is the one serializer of a case for the citizen; events, when
// given, become the timeline of the detail view.
func (h *citizen) caseJSON(c *cases.Case, events []cases.Event) caseView {
	v := caseView{
		TrackingNo: c.TrackingNo, Kind: c.Kind, KindLabel: kindLabels[c.Kind],
		Status: c.Status, StatusLabel: c.Status.Label(),
		Channel: c.Channel(), ChannelName: h.channelName(c.Channel()),
		Department: c.Department, DepartmentName: h.departmentName(c.Department),
		Urgent: c.Urgent, Text: c.Text, Location: c.Location, Confidential: c.Confidential,
		CompanyName: c.Company.Name, CreditCode: c.Company.CreditCode, BarrierCategory: c.Company.BarrierCategory,
		CreatedAt: stamp(c.CreatedAt), UpdatedAt: stamp(c.UpdatedAt),
		Deadlines: []deadlineView{}, Attachments: []attachmentView{},
	}
	if g, ok := h.Guidance[classifier.Channel(c.Channel())]; ok {
		v.Guidance = &g
	}
	names := map[string]string{}
	for _, p := range h.Cases.Rules().Sets[cases.RuleSet(c.Kind, c.Channel(), c.Procedure)] {
		names[p.Kind] = p.Name
	}
	for _, d := range c.Deadlines {
		v.Deadlines = append(v.Deadlines, deadlineView{Kind: d.Kind, Name: names[d.Kind], Start: d.Start.String(), Due: d.Due.String(),
			Days: d.Days, Working: d.Working, Basis: d.Basis, Provisional: d.Provisional, Extended: d.Extended, Met: !d.Open()})
	}
	for _, a := range c.Attachments {
		v.Attachments = append(v.Attachments, attachmentView{Kind: a.Kind, ID: a.Ref})
	}
	if e := c.Evaluation; e != nil {
		v.Evaluation = &evaluationView{Rating: e.Rating, Comment: e.Comment, At: stamp(e.At)}
	}
	_, canWithdraw := cases.Next(c.Status, cases.ActionWithdraw)
	v.Actions = actionsView{
		Withdraw:   canWithdraw == nil,
		Supplement: !c.Status.Terminal(),
		Evaluate:   c.Evaluation == nil && (c.Status == cases.StatusReplied || c.Status == cases.StatusClosed),
	}
	if events != nil {
		v.Timeline = []timelineView{}
		for _, e := range events {
			if t, ok := citizenEvent(e); ok {
				v.Timeline = append(v.Timeline, t)
			}
		}
	}
	return v
}

// citizenEvent is what the person is shown of a timeline event. Staff
// names, units' internal notes (a return reason, an extension request, a
// dispatch note, oversight) and unknown events stay inside.
func citizenEvent(e cases.Event) (timelineView, bool) {
	t := timelineView{At: stamp(e.At), Action: e.Action, Status: e.To}
	switch cases.Action(e.Action) {
	case cases.ActionSubmit:
		t.Label = "已提交"
	case cases.ActionDispatch:
		t.Label = "已交办承办单位"
	case cases.ActionAccept:
		t.Label = "承办单位已签收，正在办理"
	case cases.ActionReturn:
		t.Label = "正在重新分派承办单位"
	case cases.ActionRequestExtension:
		t.Label = "承办单位申请延长办理期限"
	case cases.ActionGrantExtension:
		t.Label = "办理期限已延长"
		var d struct {
			NewDue string `json:"new_due"`
		}
		if json.Unmarshal(e.Data, &d) == nil && d.NewDue != "" {
			t.Text = "新的办理期限：" + d.NewDue
		}
	case cases.ActionReply:
		t.Label, t.Text = "已答复", e.Note
	case cases.ActionClose:
		t.Label, t.Text = "已办结", e.Note
	case cases.ActionFollowUp:
		t.Label, t.Text = "评价："+rating(e), e.Note
	case cases.ActionReopen:
		t.Label = "重新办理"
		if e.Actor.Type == cases.ActorCitizen { // the person's own comment
			t.Label, t.Text = "评价：不满意，重新办理", e.Note
		}
	case cases.ActionWithdraw:
		t.Label, t.Text = "已撤回", e.Note
	case cases.ActionReject:
		t.Label, t.Text = "不予受理", e.Note
	case cases.ActionTransfer:
		t.Label, t.Text = "已转司法渠道", e.Note
	case cases.EventSupplement:
		if e.Actor.Type != cases.ActorCitizen {
			return t, false
		}
		t.Label, t.Text = "补充材料", e.Note
	default:
		return t, false
	}
	return t, true
}

func rating(e cases.Event) string {
	var d struct {
		Rating string `json:"rating"`
	}
	_ = json.Unmarshal(e.Data, &d)
	return d.Rating
}
