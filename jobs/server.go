package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"petitiond/cases"
)

// QueueWeights: critical before default before low, weighted so that low
// work is slowed, never starved.
var QueueWeights = map[string]int{cases.QueueCritical: 6, cases.QueueDefault: 3, cases.QueueLow: 1}

// ServerConfig tunes the Asynq server.
type ServerConfig struct {
	Concurrency     int
	ShutdownTimeout time.Duration
	// DelayedTaskCheckInterval: how often scheduled tasks are moved to
	// their queue (Asynq's default 5s); TaskCheckInterval: how long an idle
	// worker waits before looking again (default 1s). Tests use less.
	DelayedTaskCheckInterval time.Duration
	TaskCheckInterval        time.Duration
	Logger                   *slog.Logger
}

// NewServer returns the Asynq server of the workers.
func NewServer(rdb redis.UniversalClient, cfg ServerConfig) *asynq.Server {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return asynq.NewServerFromRedisClient(rdb, asynq.Config{
		Concurrency:              cfg.Concurrency,
		Queues:                   QueueWeights,
		RetryDelayFunc:           retryDelay,
		IsFailure:                func(err error) bool { return !errors.As(err, new(*cases.EarlyError)) },
		ErrorHandler:             errorLogger(log),
		Logger:                   asynqLogger{log},
		LogLevel:                 asynq.WarnLevel,
		ShutdownTimeout:          cfg.ShutdownTimeout,
		DelayedTaskCheckInterval: cfg.DelayedTaskCheckInterval,
		TaskCheckInterval:        cfg.TaskCheckInterval,
	})
}

// finishOutbox is the workers' middleware that records when the task of an
// outbox row (task id "outbox:<id>") has finished: its handler succeeded,
// or Asynq will not run it again (SkipRetry, RevokeTask, retries used up —
// the conditions under which Asynq archives or drops it). Until then the
// reconciler may offer the row again, which is how work that Redis lost
// still gets done. Timer tasks carry their own ids and are left to the
// reconciler's timer pass.
func finishOutbox(svc *cases.Service, log *slog.Logger) asynq.MiddlewareFunc {
	return func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
			err := next.ProcessTask(ctx, t)
			id, ok := outboxRowID(ctx)
			if !ok {
				return err
			}
			retried, _ := asynq.GetRetryCount(ctx)
			maxRetry, _ := asynq.GetMaxRetry(ctx)
			reason := ""
			switch {
			case err == nil:
			case errors.Is(err, asynq.SkipRetry), errors.Is(err, asynq.RevokeTask), retried >= maxRetry:
				reason = "gave up: " + err.Error()
			default:
				return err // Asynq retries it
			}
			// Recorded even when the task's deadline has just passed: the
			// work is done either way.
			mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			merr := svc.MarkOutboxDone(mctx, id, reason)
			cancel()
			if merr != nil {
				if err != nil {
					return errors.Join(err, merr)
				}
				// Unrecorded, the row would be offered again later; retry
				// now instead (handlers are idempotent) to record it.
				log.Warn("outbox task done but not recorded; retrying", "task", "outbox:"+strconv.FormatInt(id, 10), "err", merr)
				return merr
			}
			return err
		})
	}
}

// outboxRowID is the outbox row behind the running task, if any.
func outboxRowID(ctx context.Context) (int64, bool) {
	tid, ok := asynq.GetTaskID(ctx)
	if !ok {
		return 0, false
	}
	n, found := strings.CutPrefix(tid, "outbox:")
	if !found {
		return 0, false
	}
	id, err := strconv.ParseInt(n, 10, 64)
	return id, err == nil
}

// retryDelay retries a timer that ran early exactly when it is due, and
// anything else with Asynq's backoff.
func retryDelay(n int, err error, t *asynq.Task) time.Duration {
	var early *cases.EarlyError
	if errors.As(err, &early) {
		return early.Wait + time.Second
	}
	return asynq.DefaultRetryDelayFunc(n, err, t)
}

// errorLogger logs a failed task by type and case id, never its payload.
func errorLogger(log *slog.Logger) asynq.ErrorHandler {
	return asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
		var p struct {
			CaseID string `json:"case_id"`
		}
		_ = json.Unmarshal(t.Payload(), &p)
		id, _ := asynq.GetTaskID(ctx)
		n, _ := asynq.GetRetryCount(ctx)
		level := slog.LevelWarn
		if errors.Is(err, asynq.SkipRetry) {
			level = slog.LevelError
		}
		log.Log(ctx, level, "task failed", "type", t.Type(), "task", id, "case", p.CaseID, "retry", n, "err", err)
	})
}

// asynqLogger routes Asynq's own logs to slog.
type asynqLogger struct{ log *slog.Logger }

func (l asynqLogger) Debug(args ...any) { l.log.Debug(fmt.Sprint(args...)) }
func (l asynqLogger) Info(args ...any)  { l.log.Info(fmt.Sprint(args...)) }
func (l asynqLogger) Warn(args ...any)  { l.log.Warn(fmt.Sprint(args...)) }
func (l asynqLogger) Error(args ...any) {
	msg := fmt.Sprint(args...)
	if strings.Contains(msg, "connection is shared") {
		// Scheduler.Shutdown tries to close the shared client and says so.
		l.log.Debug(msg)
		return
	}
	l.log.Error(msg)
}
func (l asynqLogger) Fatal(args ...any) { l.log.Error(fmt.Sprint(args...)) }

// ReconcileSpec runs the reconciler at the start of every minute.
const ReconcileSpec = "* * * * *"

// ReconcileTaskID names the run of the minute at t. Every instance's
// scheduler ticks at its own second 0; rounding to the nearest minute puts
// the ticks of one minute in one bucket despite clock skew under 30 s, so
// one run gets through and the others are refused as duplicates.
func ReconcileTaskID(t time.Time) string {
	return "reconcile:" + t.UTC().Add(30*time.Second).Truncate(time.Minute).Format("200601021504")
}

// NewScheduler ticks every minute (spec, normally ReconcileSpec); each
// instance runs one. A tick enqueues the minute's reconciler run under
// ReconcileTaskID, so several instances start it once. (The tick is a task
// of its own because an Asynq scheduler entry has one fixed set of
// options, and the task id must change every minute.)
func NewScheduler(rdb redis.UniversalClient, spec string, log *slog.Logger) (*asynq.Scheduler, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := asynq.NewSchedulerFromRedisClient(rdb, &asynq.SchedulerOpts{
		Location: time.UTC,
		Logger:   asynqLogger{log},
		LogLevel: asynq.WarnLevel,
		EnqueueErrorHandler: func(t *asynq.Task, _ []asynq.Option, err error) {
			log.Warn("scheduler could not enqueue", "type", t.Type(), "err", err)
		},
	})
	// A failed tick is not retried: the next minute's tick follows.
	_, err := s.Register(spec, asynq.NewTask(TypeTick, nil), asynq.Queue(cases.QueueCritical), asynq.MaxRetry(0), asynq.Timeout(30*time.Second))
	if err != nil {
		return nil, fmt.Errorf("schedule reconciler: %w", err)
	}
	return s, nil
}

// enqueueReconcile queues the reconciler run of the minute at now; the
// finished run is kept two minutes so that its id stays taken.
func enqueueReconcile(ctx context.Context, q Enqueuer, now time.Time) error {
	_, err := q.EnqueueContext(ctx, asynq.NewTask(TypeReconcile, nil), asynq.TaskID(ReconcileTaskID(now)),
		asynq.Queue(cases.QueueCritical), asynq.MaxRetry(0), asynq.Timeout(55*time.Second), asynq.Retention(2*time.Minute))
	if errors.Is(err, asynq.ErrTaskIDConflict) || errors.Is(err, asynq.ErrDuplicateTask) {
		return nil
	}
	return err
}
