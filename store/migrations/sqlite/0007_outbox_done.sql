-- An outbox row is finished when its task's handler succeeded or gave up
-- for good. Sent rows not finished are offered to the queue again by the
-- reconciler (a Redis flush loses queued tasks); the partial index keeps
-- that look-up proportional to the unfinished rows. Rows with their own
-- task id (timers) are left out: the reconciler rebuilds them from timers.
ALTER TABLE outbox ADD COLUMN done_at TIMESTAMP;
-- Rows sent before this change ran under the old design: take them as done
-- rather than replaying years of notifications.
UPDATE outbox SET done_at = sent_at WHERE sent_at IS NOT NULL;
CREATE INDEX outbox_unfinished ON outbox (id) WHERE sent_at IS NOT NULL AND done_at IS NULL AND task_id = '';
