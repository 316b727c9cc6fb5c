-- Oversight and follow-up (jobs): the answers behind the satisfaction rate,
-- and the indexes the reconciler's scans go through.

-- One row per follow-up answer, whichever way it came (bot, mini-program,
-- call): the case keeps only the answer of its current round.
CREATE TABLE followup_answers (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    unit    TEXT NOT NULL DEFAULT '',   -- the unit that handled the round
    rating  TEXT NOT NULL,              -- 满意, 基本满意, 不满意
    via     TEXT NOT NULL DEFAULT '',   -- bot, miniprogram, call
    at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX followup_answers_at ON followup_answers (at);
CREATE INDEX followup_answers_unit_at ON followup_answers (unit, at);

-- The reconciler pages through pending timers in (due_at, id) order; the
-- index holds pending timers only, so a scan costs the due timers it reads.
DROP INDEX timers_due;
CREATE INDEX timers_due ON timers (due_at, id) WHERE fired_at IS NULL AND cancelled_at IS NULL;

-- Cases waiting for the dispatcher (a task lost with Redis is found again).
CREATE INDEX cases_awaiting_dispatch ON cases (updated_at) WHERE status IN ('submitted', 'reopened');
