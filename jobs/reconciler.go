package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"petitiond/cases"
)

// enqueue puts one task on the queue under its id; a task already there
// (queued, running, or finished within its retention) is not added again.
func enqueue(ctx context.Context, q Enqueuer, typ string, payload []byte, id, queue string, at time.Time) (added bool, err error) {
	opts := []asynq.Option{asynq.TaskID(id), asynq.Retention(taskRetention)}
	if queue != "" {
		opts = append(opts, asynq.Queue(queue))
	}
	if !at.IsZero() {
		opts = append(opts, asynq.ProcessAt(at))
	}
	_, err = q.EnqueueContext(ctx, asynq.NewTask(typ, payload), opts...)
	if errors.Is(err, asynq.ErrTaskIDConflict) || errors.Is(err, asynq.ErrDuplicateTask) {
		return false, nil
	}
	return err == nil, err
}

// Reconciler makes Redis hold the work the database says is due: pending
// timers due within the horizon (and overdue ones), cases still waiting
// for the dispatcher, and outbox rows whose task has not finished. Task ids are derived from the rows, so a task that is
// still queued is not added twice; after a Redis flush every one comes
// back, and the handlers' checks against the database make each fire once.
type Reconciler struct {
	svc     *cases.Service
	queue   func() Enqueuer
	horizon time.Duration
	batch   int
	log     *slog.Logger
}

// NewReconciler returns a reconciler looking horizon ahead (default 5m).
// It takes a fresh queue client for every run: an Asynq client remembers
// which queues it has registered, and after a Redis flush a long-lived one
// would queue tasks that the Inspector (and asynqmon) cannot see.
func NewReconciler(svc *cases.Service, q func() Enqueuer, horizon time.Duration, log *slog.Logger) *Reconciler {
	if horizon <= 0 {
		horizon = 5 * time.Minute
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Reconciler{svc: svc, queue: q, horizon: horizon, batch: 500, log: log}
}

// ReconcileStats says what one run found and queued.
type ReconcileStats struct {
	Due        int // pending timers due within the horizon
	Enqueued   int // of which were missing from the queue
	Dispatches int // cases waiting for the dispatcher re-queued
	// Unfinished: outbox rows sent a while ago whose task has not
	// finished; Redelivered: of which were missing from the queue.
	Unfinished  int
	Redelivered int
}

// dispatchGrace: a case waiting this long for the dispatcher has lost its
// task (the dispatcher takes seconds).
const dispatchGrace = 2 * time.Minute

// Run reconciles once.
func (r *Reconciler) Run(ctx context.Context) (ReconcileStats, error) {
	var st ReconcileStats
	q := r.queue()
	now := r.svc.Now()
	var cursor cases.TimerCursor
	for {
		page, err := r.svc.PendingTimers(ctx, now.Add(r.horizon), cursor, r.batch)
		if err != nil {
			return st, fmt.Errorf("reconcile: %w", err)
		}
		for _, t := range page {
			added, err := enqueue(ctx, q, TypeTimer, t.Payload(), t.TaskID(), t.Queue(t.Urgent), t.DueAt)
			if err != nil {
				return st, fmt.Errorf("reconcile: enqueue timer %d of case %s: %w", t.ID, t.CaseID, err)
			}
			st.Due++
			if added {
				st.Enqueued++
			}
			cursor = cases.TimerCursor{DueAt: t.DueAt, ID: t.ID}
		}
		if len(page) < r.batch {
			break
		}
	}
	waiting, err := r.svc.CasesAwaitingDispatch(ctx, now.Add(-dispatchGrace), r.batch)
	if err != nil {
		return st, fmt.Errorf("reconcile: %w", err)
	}
	for _, c := range waiting {
		queue := cases.QueueDefault
		if c.Urgent {
			queue = cases.QueueCritical
		}
		payload := []byte(fmt.Sprintf(`{"case_id":%q}`, c.ID))
		added, err := enqueue(ctx, q, TypeDispatch, payload, fmt.Sprintf("redispatch:%s:%d", c.ID, c.Version), queue, time.Time{})
		if err != nil {
			return st, fmt.Errorf("reconcile: enqueue dispatch of case %s: %w", c.ID, err)
		}
		if added {
			st.Dispatches++
		}
	}
	if err := r.redeliverOutbox(ctx, q, now, &st); err != nil {
		return st, err
	}
	if st.Enqueued > 0 || st.Dispatches > 0 || st.Redelivered > 0 {
		r.log.Warn("reconciler re-queued work Redis did not hold", "timers", st.Enqueued, "dispatches", st.Dispatches, "outbox", st.Redelivered)
	}
	return st, nil
}
