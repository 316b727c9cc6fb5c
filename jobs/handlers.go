package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"petitiond/cases"
)

// Task types. The domain's outbox topics are task types as they are; the
// reconciler's is the jobs package's own.
const (
	TypeDispatch    = cases.TopicDispatch    // route a new or reopened case
	TypeTimer       = cases.TopicTimer       // fire a timer (warning, 督办, reminder, follow-up step)
	TypeTimerCancel = cases.TopicTimerCancel // drop the queued tasks of cancelled timers
	TypeFollowUp    = cases.TopicFollowUp    // send the satisfaction survey
	TypeNotify      = cases.TopicNotify      // tell the citizen (accepted, replied, closed, rejected, transferred)
	TypeNotifyStaff = cases.TopicNotifyStaff // tell staff (new case, warning, 督办, decisions)
	TypeCallRequest = cases.TopicCallRequest // ask the outbound-call provider to call
	TypeReconcile   = "jobs:reconcile"       // re-queue what Redis lost, once a minute
	TypeTick        = "jobs:tick"            // the scheduler's minute: queues that minute's reconcile
)

// Config is what the handlers need. WeChat, CallProvider and Inspector may
// be nil (no WeChat app, no provider, no courtesy deletes).
type Config struct {
	Service      *cases.Service
	Identities   *cases.Identities
	Consents     *cases.Consents
	Calls        *cases.CallTasks
	Units        *cases.Units
	Templates    *Templates
	WeChat       WeChat
	Webhooks     *Webhooks
	CallProvider *CallProvider
	Inspector    *asynq.Inspector
	Redis        redis.UniversalClient
	// ReconcileHorizon: the reconciler queues timers due within this much
	// of now (default 5 minutes).
	ReconcileHorizon time.Duration
	Logger           *slog.Logger
}

// CallProvider is the outbound-call service: call requests are posted to
// URL, signed with Secret; results come back to CallbackURL.
type CallProvider struct {
	URL         string
	Secret      string
	CallbackURL string
}

// Handlers process every task type. Each is idempotent: the database says
// what was done, so a task delivered twice changes nothing the second time.
type Handlers struct {
	cfg        Config
	svc        *cases.Service
	notify     *Notifier
	reconciler *Reconciler
	log        *slog.Logger
}

// NewHandlers checks cfg and builds the handlers.
func NewHandlers(cfg Config) (*Handlers, error) {
	switch {
	case cfg.Service == nil, cfg.Identities == nil, cfg.Consents == nil, cfg.Calls == nil:
		return nil, errors.New("jobs: the case services are required")
	case cfg.Units == nil, cfg.Templates == nil:
		return nil, errors.New("jobs: units and templates are required")
	case cfg.Redis == nil:
		return nil, errors.New("jobs: redis is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Webhooks == nil {
		cfg.Webhooks = &Webhooks{Client: &http.Client{Timeout: 10 * time.Second}, Secret: func(string) string { return "" }, Now: time.Now}
	}
	h := &Handlers{cfg: cfg, svc: cfg.Service, log: cfg.Logger}
	h.notify = &Notifier{svc: cfg.Service, ids: cfg.Identities, consents: cfg.Consents, units: cfg.Units, tpl: cfg.Templates,
		wx: cfg.WeChat, hooks: cfg.Webhooks, marks: marks{cfg.Redis}, log: cfg.Logger}
	h.reconciler = NewReconciler(cfg.Service, func() Enqueuer { return asynq.NewClientFromRedisClient(cfg.Redis) }, cfg.ReconcileHorizon, cfg.Logger)
	return h, nil
}

// Reconciler returns the handlers' reconciler.
func (h *Handlers) Reconciler() *Reconciler { return h.reconciler }

// Mux routes every task type to its handler.
func (h *Handlers) Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	// Applies to every handler, the bot's registered later included.
	mux.Use(finishOutbox(h.svc, h.log))
	mux.HandleFunc(TypeDispatch, h.dispatch)
	mux.HandleFunc(TypeTimer, h.timer)
	mux.HandleFunc(TypeTimerCancel, h.timerCancel)
	mux.HandleFunc(TypeFollowUp, h.followUp)
	mux.HandleFunc(TypeNotify, h.notifyCitizen)
	mux.HandleFunc(TypeNotifyStaff, h.notifyStaff)
	mux.HandleFunc(TypeCallRequest, h.callRequest)
	mux.HandleFunc(TypeReconcile, func(ctx context.Context, _ *asynq.Task) error {
		_, err := h.reconciler.Run(ctx)
		return err
	})
	mux.HandleFunc(TypeTick, func(ctx context.Context, _ *asynq.Task) error {
		return enqueueReconcile(ctx, h.reconciler.queue(), time.Now())
	})
	return mux
}

// deliveryKey identifies one delivery of a task: its queue id, or (a
// handler called directly) a digest of its type and payload.
func deliveryKey(ctx context.Context, t *asynq.Task) string {
	if id, ok := asynq.GetTaskID(ctx); ok && id != "" {
		return id
	}
	sum := sha256.Sum256(append([]byte(t.Type()+"\n"), t.Payload()...))
	return "payload:" + hex.EncodeToString(sum[:12])
}

// skip ends a task that can never succeed.
func skip(err error) error { return fmt.Errorf("%w: %v", asynq.SkipRetry, err) }

func decode(t *asynq.Task, v any) error {
	if err := json.Unmarshal(t.Payload(), v); err != nil {
		return skip(fmt.Errorf("%s: bad payload: %w", t.Type(), err))
	}
	return nil
}

// gone ends a task whose case no longer exists; other errors retry.
func gone(err error) error {
	if errors.Is(err, cases.ErrNotFound) {
		return skip(err)
	}
	return err
}

type casePayload struct {
	CaseID string `json:"case_id"`
	Event  string `json:"event"`
}

func (h *Handlers) dispatch(ctx context.Context, t *asynq.Task) error {
	var p casePayload
	if err := decode(t, &p); err != nil {
		return err
	}
	c, routed, err := h.svc.Route(ctx, p.CaseID, h.cfg.Units)
	if err != nil {
		return gone(err)
	}
	if routed {
		h.log.Info("case routed", "case", c.ID, "status", c.Status, "unit", c.Unit)
	}
	return nil
}

func (h *Handlers) timer(ctx context.Context, t *asynq.Task) error {
	var p cases.TimerPayload
	if err := decode(t, &p); err != nil {
		return err
	}
	res, err := h.svc.FireTimer(ctx, p)
	if err != nil {
		return gone(err)
	}
	if !res.Fired {
		h.log.Debug("timer not fired", "case", p.CaseID, "timer", p.TimerID, "kind", p.Kind, "why", res.Skipped)
	}
	return nil
}

// timerCancel drops the queued tasks of cancelled timers. A task already
// running, or gone, is left alone: its timer row is cancelled, so it does
// nothing when it runs.
func (h *Handlers) timerCancel(ctx context.Context, t *asynq.Task) error {
	var p cases.TimerCancelPayload
	if err := decode(t, &p); err != nil {
		return err
	}
	if h.cfg.Inspector == nil {
		return nil
	}
	deleted := 0
	for _, id := range p.TaskIDs {
		for _, q := range []string{cases.QueueCritical, cases.QueueDefault, cases.QueueLow} {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err := h.cfg.Inspector.DeleteTask(q, id); err == nil {
				deleted++
			}
		}
	}
	h.log.Debug("stale timer tasks dropped", "case", p.CaseID, "deleted", deleted, "of", len(p.TaskIDs))
	return nil
}

// followUp sends the survey; when no channel may carry it, the call centre
// calls instead, at once.
func (h *Handlers) followUp(ctx context.Context, t *asynq.Task) error {
	var p cases.FollowUpPayload
	if err := decode(t, &p); err != nil {
		return err
	}
	if p.Step != cases.StepSurvey {
		return skip(fmt.Errorf("follow-up step %q unknown", p.Step))
	}
	c, err := h.svc.Get(ctx, p.CaseID)
	if err != nil {
		return gone(err)
	}
	if c.Status != cases.StatusClosed || c.Evaluation != nil {
		return nil // answered meanwhile
	}
	via, err := h.notify.Citizen(ctx, c, cases.StepSurvey, deliveryKey(ctx, t))
	if err != nil || via != "" {
		return err
	}
	task, err := h.cfg.Calls.CreateFollowUp(ctx, c.ID, "回访消息无法送达（无订阅授权且不在48小时会话窗口内），直接电话回访")
	if err != nil {
		return err
	}
	if task != nil {
		h.log.Info("follow-up goes to a call", "case", c.ID, "call_task", task.ID)
	}
	return nil
}

func (h *Handlers) notifyCitizen(ctx context.Context, t *asynq.Task) error {
	var p casePayload
	if err := decode(t, &p); err != nil {
		return err
	}
	if h.cfg.Templates.citizen[p.Event] == nil || p.Event == cases.StepSurvey {
		return skip(fmt.Errorf("citizen notification %q unknown", p.Event))
	}
	c, err := h.svc.Get(ctx, p.CaseID)
	if err != nil {
		return gone(err)
	}
	_, err = h.notify.Citizen(ctx, c, p.Event, deliveryKey(ctx, t))
	return err
}

func (h *Handlers) notifyStaff(ctx context.Context, t *asynq.Task) error {
	var p cases.StaffNotice
	if err := decode(t, &p); err != nil {
		return err
	}
	if h.cfg.Templates.staff.texts[p.Event] == nil {
		return skip(fmt.Errorf("staff notice %q unknown", p.Event))
	}
	c, err := h.svc.Get(ctx, p.CaseID)
	if err != nil {
		return gone(err)
	}
	return h.notify.Staff(ctx, c, p, deliveryKey(ctx, t))
}
