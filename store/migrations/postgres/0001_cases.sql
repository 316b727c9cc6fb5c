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
    urgent           BOOLEAN NOT NULL DEFAULT FALSE,
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
    confidential     BOOLEAN NOT NULL DEFAULT FALSE,
    anonymous        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    deadlines        TEXT NOT NULL DEFAULT '[]',
    next_due_at      TIMESTAMPTZ,
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
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    at          TIMESTAMPTZ NOT NULL,
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
CREATE FUNCTION timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'timeline is append-only';
END;
$$;
CREATE TRIGGER timeline_no_update BEFORE UPDATE OR DELETE ON timeline
    FOR EACH ROW EXECUTE FUNCTION timeline_append_only();

CREATE TABLE idempotency_keys (
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE tracking_counters (
    day  TEXT PRIMARY KEY,
    next BIGINT NOT NULL
);

CREATE TABLE outbox (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic      TEXT NOT NULL,
    case_id    TEXT NOT NULL DEFAULT '',
    payload    TEXT NOT NULL,
    queue      TEXT NOT NULL DEFAULT 'default',
    process_at TIMESTAMPTZ,
    task_id    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;

CREATE TABLE timers (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    kind         TEXT NOT NULL,
    due_at       TIMESTAMPTZ NOT NULL,
    fired_at     TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ
);
CREATE INDEX timers_due ON timers (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX timers_case ON timers (case_id);
