// Package jobs is petitiond's back office on Asynq: the outbox relay that
// moves committed work from the database to the queue, and (as the jobs
// issue fills it) the handlers, the scheduler and the reconciler. Handlers
// call cases.Service; the database stays the source of truth and Redis only
// carries work.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"petitiond/cases"
)

// Enqueuer is the seam to the queue, so the relay can be tested with Redis
// down. *asynq.Client implements it.
type Enqueuer interface {
	EnqueueContext(ctx context.Context, task *asynq.Task, opts ...asynq.Option) (*asynq.TaskInfo, error)
}

// taskRetention keeps a finished task's id reserved in Redis for a while, so
// that a row delivered twice (enqueue succeeded, marking it sent did not) is
// refused as a duplicate instead of running twice.
const taskRetention = 24 * time.Hour

// Relay delivers outbox rows to the queue and marks them sent. Delivery is
// at-least-once towards Redis and deduplicated there by task id, so each row
// becomes exactly one task.
type Relay struct {
	svc      *cases.Service
	queue    Enqueuer
	log      *slog.Logger
	interval time.Duration
	batch    int
	wake     chan struct{}
}

// NewRelay returns a relay that polls every interval and whenever woken.
func NewRelay(svc *cases.Service, q Enqueuer, interval time.Duration, log *slog.Logger) *Relay {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Relay{svc: svc, queue: q, log: log, interval: interval, batch: 200, wake: make(chan struct{}, 1)}
}

// Wake asks the relay to deliver now; it never blocks (cases.Config.Wake).
func (r *Relay) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends. While the queue is unreachable it backs off
// up to the poll interval × 8; rows wait safely in the database meanwhile.
func (r *Relay) Run(ctx context.Context) {
	backoff := time.Duration(0)
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.wake:
		}
		for {
			n, err := r.DeliverOnce(ctx)
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				backoff = min(max(backoff*2, r.interval/4), r.interval*8)
				r.log.Warn("outbox relay: queue unreachable, rows kept for retry", "err", err, "retry_in", backoff)
				break
			}
			backoff = 0
			if n < r.batch {
				break
			}
		}
		next := r.interval
		if backoff > 0 {
			next = backoff
		}
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(next)
	}
}

// DeliverOnce delivers one batch of pending rows and returns how many it
// delivered. It stops at the first queue error, leaving that row and the
// rest pending.
func (r *Relay) DeliverOnce(ctx context.Context) (int, error) {
	rows, err := r.svc.PendingOutbox(ctx, r.batch)
	if err != nil {
		return 0, fmt.Errorf("read outbox: %w", err)
	}
	var sent []int64
	var qerr error
	for _, m := range rows {
		if err := r.enqueue(ctx, m); err != nil {
			qerr = fmt.Errorf("enqueue outbox row %d (%s, case %s): %w", m.ID, m.Topic, m.CaseID, err)
			_ = r.svc.MarkOutboxFailed(ctx, m.ID, err.Error())
			break
		}
		sent = append(sent, m.ID)
	}
	if len(sent) > 0 {
		if err := r.svc.MarkOutboxSent(ctx, sent); err != nil {
			// The tasks are queued; the rows will be offered again and
			// refused by the queue as duplicates.
			return 0, fmt.Errorf("mark outbox sent: %w", err)
		}
	}
	return len(sent), qerr
}

// TaskID is the queue's id for an outbox row.
func TaskID(m cases.OutboxMessage) string {
	if m.TaskID != "" {
		return m.TaskID
	}
	return fmt.Sprintf("outbox:%d", m.ID)
}

func (r *Relay) enqueue(ctx context.Context, m cases.OutboxMessage) error {
	_, err := enqueue(ctx, r.queue, m.Topic, m.Payload, TaskID(m), m.Queue, m.ProcessAt)
	return err
}
