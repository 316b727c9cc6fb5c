-- SQLite twin of postgres/0001_cases.sql: times are stored as integer
-- microseconds (the driver's unix_micro format), booleans as 0/1.
-- Cases, their append-only timeline, idempotency keys, tracking-number
-- counters, the outbox and timers.

CREATE TABLE cases (
    id               TEXT PRIMARY KEY,
    tracking_no      TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,
    text             TEXT NOT NULL,
    source           TEXT NOT NULL,
    channel          TEXT NOT NULL,
    department       TEXT NOT NULL DEFAULT '',
    unit             TEXT NOT NULL DEFAULT '',
    urgent           INTEGER NOT NULL DEFAULT 0,
    procedure        TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    classification   TEXT NOT NULL DEFAULT '{}',
    openid           TEXT NOT NULL DEFAULT '',
    unionid          TEXT NOT NULL DEFAULT '',
    name_enc         TEXT NOT NULL DEFAULT '',
    phone_enc        TEXT NOT NULL DEFAULT '',
    phone_hash       TEXT NOT NULL DEFAULT '',
    id_number_enc    TEXT NOT NULL DEFAULT '',
    address_enc      TEXT NOT NULL DEFAULT '',
    company_name     TEXT NOT NULL DEFAULT '',
    credit_code      TEXT NOT NULL DEFAULT '',
    barrier_category TEXT NOT NULL DEFAULT '',
    location         TEXT,
    attachments      TEXT NOT NULL DEFAULT '[]',
    confidential     INTEGER NOT NULL DEFAULT 0,
    anonymous        INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    received_at      TIMESTAMP NOT NULL,
    deadlines        TEXT NOT NULL DEFAULT '[]',
    next_due_at      TIMESTAMP,
    extension        TEXT,
    evaluation       TEXT,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_openid ON cases (openid, created_at DESC, id DESC);
CREATE INDEX cases_unionid ON cases (unionid, created_at DESC, id DESC) WHERE unionid <> '';
CREATE INDEX cases_unit_due ON cases (unit, status, next_due_at);
CREATE INDEX cases_status_due ON cases (status, next_due_at);
CREATE INDEX cases_phone_hash ON cases (phone_hash) WHERE phone_hash <> '';

CREATE TABLE timeline (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    at          TIMESTAMP NOT NULL,
    actor_type  TEXT NOT NULL,
    actor_id    TEXT NOT NULL DEFAULT '',
    actor_unit  TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    data        TEXT
);
CREATE INDEX timeline_case ON timeline (case_id, id);

-- The timeline is append-only: the database refuses edits, not just the code.
CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline
BEGIN
    SELECT RAISE(ABORT, 'timeline is append-only');
END;
CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline
BEGIN
    SELECT RAISE(ABORT, 'timeline is append-only');
END;

CREATE TABLE idempotency_keys (
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE tracking_counters (
    day  TEXT PRIMARY KEY,
    next INTEGER NOT NULL
);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    topic      TEXT NOT NULL,
    case_id    TEXT NOT NULL DEFAULT '',
    payload    TEXT NOT NULL,
    queue      TEXT NOT NULL DEFAULT 'default',
    process_at TIMESTAMP,
    task_id    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at    TIMESTAMP,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;

CREATE TABLE timers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    kind         TEXT NOT NULL,
    due_at       TIMESTAMP NOT NULL,
    fired_at     TIMESTAMP,
    cancelled_at TIMESTAMP
);
CREATE INDEX timers_due ON timers (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX timers_case ON timers (case_id);
