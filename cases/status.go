package cases

// Status is where a case stands in its lifecycle.
type Status string

// Statuses.
const (
	StatusSubmitted          Status = "submitted"
	StatusDispatched         Status = "dispatched"
	StatusAccepted           Status = "accepted"            // 签收
	StatusExtensionRequested Status = "extension_requested" // 申请延期, awaiting oversight
	StatusReplied            Status = "replied"             // 答复
	StatusClosed             Status = "closed"              // 办结
	StatusFollowedUp         Status = "followed_up"         // 回访 done
	StatusReturned           Status = "returned"            // 退回: misrouted, awaiting reroute
	StatusReopened           Status = "reopened"            // after an unsatisfied follow-up
	StatusWithdrawn          Status = "withdrawn"
	StatusRejected           Status = "rejected"    // 不予受理
	StatusTransferred        Status = "transferred" // 诉访分离: to the courts
)

// Statuses lists every status.
var Statuses = []Status{
	StatusSubmitted, StatusDispatched, StatusAccepted, StatusExtensionRequested,
	StatusReplied, StatusClosed, StatusFollowedUp, StatusReturned, StatusReopened,
	StatusWithdrawn, StatusRejected, StatusTransferred,
}

// Terminal reports whether no further work is expected. followed_up is
// terminal but can still be reopened by a later unsatisfied answer.
func (s Status) Terminal() bool {
	switch s {
	case StatusClosed, StatusFollowedUp, StatusWithdrawn, StatusRejected, StatusTransferred:
		return true
	}
	return false
}

// Label is the status in Chinese, for citizens and staff.
func (s Status) Label() string {
	switch s {
	case StatusSubmitted:
		return "已提交"
	case StatusDispatched:
		return "已交办"
	case StatusAccepted:
		return "已签收，办理中"
	case StatusExtensionRequested:
		return "办理中（申请延期）"
	case StatusReplied:
		return "已答复"
	case StatusClosed:
		return "已办结"
	case StatusFollowedUp:
		return "已回访"
	case StatusReturned:
		return "重新分派中"
	case StatusReopened:
		return "重新办理"
	case StatusWithdrawn:
		return "已撤回"
	case StatusRejected:
		return "不予受理"
	case StatusTransferred:
		return "已转司法渠道"
	}
	return string(s)
}

// Action is something that happens to a case and may change its status.
type Action string

// Actions.
const (
	ActionSubmit           Action = "submit"
	ActionDispatch         Action = "dispatch"
	ActionAccept           Action = "accept"
	ActionReturn           Action = "return"
	ActionRequestExtension Action = "request_extension"
	ActionGrantExtension   Action = "grant_extension"
	ActionRefuseExtension  Action = "refuse_extension"
	ActionReply            Action = "reply"
	ActionClose            Action = "close"
	ActionFollowUp         Action = "follow_up"
	ActionWithdraw         Action = "withdraw"
	ActionReject           Action = "reject"
	ActionTransfer         Action = "transfer"
	ActionReopen           Action = "reopen"
)

// Actions lists every status-changing action (submit only creates).
var Actions = []Action{
	ActionDispatch, ActionAccept, ActionReturn, ActionRequestExtension,
	ActionGrantExtension, ActionRefuseExtension, ActionReply, ActionClose,
	ActionFollowUp, ActionWithdraw, ActionReject, ActionTransfer, ActionReopen,
}

// transitions is the whole lifecycle: (from, action) → to. A pair that is
// not here is not allowed.
var transitions = map[Status]map[Action]Status{
	StatusSubmitted: {
		ActionDispatch: StatusDispatched,
		ActionWithdraw: StatusWithdrawn,
		ActionReject:   StatusRejected,
		ActionTransfer: StatusTransferred,
	},
	StatusDispatched: {
		ActionAccept:   StatusAccepted,
		ActionReturn:   StatusReturned,
		ActionWithdraw: StatusWithdrawn,
		ActionReject:   StatusRejected,
		ActionTransfer: StatusTransferred,
	},
	StatusAccepted: {
		ActionRequestExtension: StatusExtensionRequested,
		ActionReply:            StatusReplied,
		ActionReturn:           StatusReturned,
		ActionWithdraw:         StatusWithdrawn,
		ActionTransfer:         StatusTransferred,
	},
	StatusExtensionRequested: {
		ActionGrantExtension:  StatusAccepted,
		ActionRefuseExtension: StatusAccepted,
		ActionReply:           StatusReplied,
		ActionWithdraw:        StatusWithdrawn,
	},
	StatusReplied: {
		ActionClose:    StatusClosed,
		ActionFollowUp: StatusFollowedUp,
		ActionReopen:   StatusReopened,
		ActionWithdraw: StatusWithdrawn,
	},
	StatusClosed: {
		ActionFollowUp: StatusFollowedUp,
		ActionReopen:   StatusReopened,
	},
	StatusFollowedUp: {
		ActionReopen: StatusReopened,
	},
	StatusReturned: {
		ActionDispatch: StatusDispatched,
		ActionWithdraw: StatusWithdrawn,
		ActionReject:   StatusRejected,
		ActionTransfer: StatusTransferred,
	},
	StatusReopened: {
		ActionDispatch: StatusDispatched,
		ActionAccept:   StatusAccepted,
		ActionReturn:   StatusReturned,
		ActionWithdraw: StatusWithdrawn,
	},
}

// Next returns the status that action leads to from s, or
// ErrInvalidTransition.
func Next(s Status, a Action) (Status, error) {
	if to, ok := transitions[s][a]; ok {
		return to, nil
	}
	return "", &TransitionError{From: s, Action: a}
}

// Allowed lists the actions allowed from s, in Actions order.
func Allowed(s Status) []Action {
	var out []Action
	for _, a := range Actions {
		if _, ok := transitions[s][a]; ok {
			out = append(out, a)
		}
	}
	return out
}
