package cases

import (
	"errors"
	"testing"
)

// The whole lifecycle, written out once more by hand: every (status, action)
// pair is either listed here with its result or must be refused.
var wantTransitions = map[Status]map[Action]Status{
	StatusSubmitted:          {ActionDispatch: StatusDispatched, ActionWithdraw: StatusWithdrawn, ActionReject: StatusRejected, ActionTransfer: StatusTransferred},
	StatusDispatched:         {ActionAccept: StatusAccepted, ActionReturn: StatusReturned, ActionWithdraw: StatusWithdrawn, ActionReject: StatusRejected, ActionTransfer: StatusTransferred},
	StatusAccepted:           {ActionRequestExtension: StatusExtensionRequested, ActionReply: StatusReplied, ActionReturn: StatusReturned, ActionWithdraw: StatusWithdrawn, ActionTransfer: StatusTransferred},
	StatusExtensionRequested: {ActionGrantExtension: StatusAccepted, ActionRefuseExtension: StatusAccepted, ActionReply: StatusReplied, ActionWithdraw: StatusWithdrawn},
	StatusReplied:            {ActionClose: StatusClosed, ActionFollowUp: StatusFollowedUp, ActionReopen: StatusReopened, ActionWithdraw: StatusWithdrawn},
	StatusClosed:             {ActionFollowUp: StatusFollowedUp, ActionReopen: StatusReopened},
	StatusFollowedUp:         {ActionReopen: StatusReopened},
	StatusReturned:           {ActionDispatch: StatusDispatched, ActionWithdraw: StatusWithdrawn, ActionReject: StatusRejected, ActionTransfer: StatusTransferred},
	StatusReopened:           {ActionDispatch: StatusDispatched, ActionAccept: StatusAccepted, ActionReturn: StatusReturned, ActionWithdraw: StatusWithdrawn},
	StatusWithdrawn:          {},
	StatusRejected:           {},
	StatusTransferred:        {},
}

func TestEveryStatusActionPair(t *testing.T) {
	pairs := 0
	for _, from := range Statuses {
		want, ok := wantTransitions[from]
		if !ok {
			t.Fatalf("status %s missing from the expected table", from)
		}
		for _, a := range Actions {
			pairs++
			got, err := Next(from, a)
			if to, allowed := want[a]; allowed {
				if err != nil || got != to {
					t.Errorf("(%s, %s) = %q, %v; want %s", from, a, got, err, to)
				}
				continue
			}
			if err == nil {
				t.Errorf("(%s, %s) allowed → %s; want refused", from, a, got)
				continue
			}
			var te *TransitionError
			if !errors.Is(err, ErrInvalidTransition) || !errors.As(err, &te) || te.From != from || te.Action != a {
				t.Errorf("(%s, %s): error %v is not a TransitionError for this pair", from, a, err)
			}
		}
	}
	if pairs != len(Statuses)*len(Actions) {
		t.Fatalf("checked %d pairs", pairs)
	}
}

func TestTerminalStatusesAllowOnlyReopen(t *testing.T) {
	for _, s := range Statuses {
		if !s.Terminal() {
			continue
		}
		for _, a := range Allowed(s) {
			if a != ActionReopen && a != ActionFollowUp {
				t.Errorf("terminal %s allows %s", s, a)
			}
		}
	}
	if !StatusTransferred.Terminal() {
		t.Error("transferred (诉访分离) must be terminal for the petition system")
	}
}

func TestEveryStatusHasALabel(t *testing.T) {
	for _, s := range Statuses {
		if s.Label() == string(s) {
			t.Errorf("status %s has no Chinese label", s)
		}
	}
}
