package jobs

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/hibiken/asynq"

	"petitiond/cases"
)

// ProviderCaller is the caller name under which the outbound-call provider
// takes tasks and records their outcomes.
const ProviderCaller = "call-provider"

// callRequestBody is what the provider receives: the number to call (it is
// the one party besides the assigned caller who sees it), the script, the
// answers to record, and where to post them.
type callRequestBody struct {
	TaskID      string   `json:"task_id"`
	CaseID      string   `json:"case_id"`
	TrackingNo  string   `json:"tracking_no"`
	Attempt     int      `json:"attempt"`
	Phone       string   `json:"phone"`
	Script      string   `json:"script"`
	Outcomes    []string `json:"outcomes"`
	CallbackURL string   `json:"callback_url,omitempty"`
}

// callRequest asks the provider to place a follow-up call. Without a
// provider the call centre's staff work the task in the workbench; a task a
// person has taken, or one already answered, is left alone.
func (h *Handlers) callRequest(ctx context.Context, t *asynq.Task) error {
	var p cases.CallRequestPayload
	if err := decode(t, &p); err != nil {
		return err
	}
	prov := h.cfg.CallProvider
	if prov == nil {
		return nil
	}
	task, err := h.cfg.Calls.Get(ctx, p.TaskID)
	if err != nil {
		return gone(err)
	}
	if task.Status != cases.CallOpen || task.Attempts != p.Attempt || task.Phone == "" ||
		(task.AssignedTo != "" && task.AssignedTo != ProviderCaller) {
		return nil
	}
	key := deliveryKey(ctx, t)
	if h.notify.marks.get(ctx, "sent:call:"+key) != "" {
		return nil
	}
	c, err := h.svc.Get(ctx, task.CaseID)
	if err != nil {
		return gone(err)
	}
	// The mark above lives in Redis; after a flush the reconciler offers
	// the task again, and only the timeline says the provider was asked.
	if asked, err := h.callRequested(ctx, c.ID, task.ID, p.Attempt+1); err != nil || asked {
		return err
	}
	if task.AssignedTo == "" {
		if _, err := h.cfg.Calls.Assign(ctx, task.ID, ProviderCaller); errors.Is(err, cases.ErrNotAssigned) || errors.Is(err, cases.ErrTaskClosed) {
			return nil
		} else if err != nil {
			return err
		}
	}
	body, _ := json.Marshal(callRequestBody{TaskID: task.ID, CaseID: c.ID, TrackingNo: c.TrackingNo, Attempt: p.Attempt, Phone: task.Phone,
		Script: task.Reason, Outcomes: []string{cases.RatingSatisfied, cases.RatingBasicSatisfied, cases.RatingUnsatisfied, cases.OutcomeUnreachable},
		CallbackURL: prov.CallbackURL})
	if _, err := h.cfg.Webhooks.Post(ctx, prov.URL, prov.Secret, key, body); err != nil {
		if !isPermanentHTTP(err) {
			return err
		}
		// The provider will not take it: hand the task back to the staff.
		h.log.Warn("call provider refused the request; the task goes to the call centre", "case", c.ID, "call_task", task.ID, "err", err)
		_, uerr := h.cfg.Calls.Update(ctx, task.ID, func(t *cases.CallTask) error {
			if t.AssignedTo == ProviderCaller {
				t.AssignedTo = ""
			}
			return nil
		})
		return errors.Join(skip(err), uerr)
	}
	h.notify.marks.set(ctx, "sent:call:"+key, "1")
	_, err = h.svc.RecordEvent(ctx, c.ID, cases.System, cases.EventNote, callRequestedNote,
		callRequested{CallTask: task.ID, Attempt: p.Attempt + 1})
	return err
}

const callRequestedNote = "已请求外呼服务拨打回访电话"

// callRequested is the timeline record of a request to the provider.
type callRequested struct {
	CallTask string `json:"call_task"`
	Attempt  int    `json:"attempt"`
}

// callRequested says whether the provider was already asked to make this
// attempt of the call task.
func (h *Handlers) callRequested(ctx context.Context, caseID, callTask string, attempt int) (bool, error) {
	events, err := h.svc.Timeline(ctx, caseID)
	if err != nil {
		return false, err
	}
	for _, e := range events {
		if e.Action != cases.EventNote || len(e.Data) == 0 {
			continue
		}
		var r callRequested
		if json.Unmarshal(e.Data, &r) == nil && r.CallTask == callTask && r.Attempt == attempt {
			return true, nil
		}
	}
	return false, nil
}
