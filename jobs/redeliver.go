package jobs

import (
	"context"
	"fmt"
	"time"

	"petitiond/cases"
)

const (
	// outboxGrace: a row sent (and due) this long ago whose task has not
	// finished has either been lost by Redis or is still being retried;
	// offering it again is harmless in the second case (same task id).
	outboxGrace = 5 * time.Minute
	// outboxWindow bounds how far back rows are offered again; older
	// unfinished rows are given up on (recorded in last_error, logged).
	outboxWindow = 7 * 24 * time.Hour
)

// reconcilerTopics are outbox topics the reconciler already rebuilds from
// the database itself: dispatch from the cases awaiting it, and timer
// cancellations, which only delete tasks of timers whose rows are already
// cancelled. Their rows are finished instead of offered again, so each kind
// of work has one recovery path. (Timer rows carry their own task id and
// never appear among the unfinished rows.)
var reconcilerTopics = map[string]bool{cases.TopicDispatch: true, cases.TopicTimerCancel: true}

// redeliverOutbox offers again the outbox rows sent more than outboxGrace
// ago whose task has not finished. The task id is the row's, so a task
// Redis still holds (queued, retrying, archived, or kept after finishing)
// refuses the offer; one that Redis lost is queued again, and the
// handlers' own records make it act once.
func (r *Reconciler) redeliverOutbox(ctx context.Context, q Enqueuer, now time.Time, st *ReconcileStats) error {
	since, before := now.Add(-outboxWindow), now.Add(-outboxGrace)
	var cursor int64
	for {
		page, err := r.svc.UnfinishedOutbox(ctx, since, before, cursor, r.batch)
		if err != nil {
			return fmt.Errorf("reconcile: %w", err)
		}
		for _, m := range page {
			cursor = m.ID
			if reconcilerTopics[m.Topic] {
				if err := r.svc.MarkOutboxDone(ctx, m.ID, ""); err != nil {
					return fmt.Errorf("reconcile: %w", err)
				}
				continue
			}
			// ProcessAt is past by now: run at once.
			added, err := enqueue(ctx, q, m.Topic, m.Payload, TaskID(m), m.Queue, time.Time{})
			if err != nil {
				return fmt.Errorf("reconcile: enqueue outbox row %d (%s, case %s): %w", m.ID, m.Topic, m.CaseID, err)
			}
			st.Unfinished++
			if added {
				st.Redelivered++
			}
		}
		if len(page) < r.batch {
			break
		}
	}
	n, err := r.svc.ExpireOutbox(ctx, since, fmt.Sprintf("not finished within %s of being sent: given up", outboxWindow))
	if err != nil {
		return fmt.Errorf("reconcile: %w", err)
	}
	if n > 0 {
		r.log.Error("outbox tasks given up on: not finished within the window", "rows", n, "window", outboxWindow)
	}
	return nil
}
