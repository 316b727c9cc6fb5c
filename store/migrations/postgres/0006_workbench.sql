-- The department workbench: staff accounts, per-unit API tokens, the
-- append-only audit log, and indexes for the staff lists and dashboard.

CREATE TABLE staff_accounts (
    username             TEXT PRIMARY KEY,
    display_name         TEXT NOT NULL DEFAULT '',
    role                 TEXT NOT NULL,
    unit                 TEXT NOT NULL DEFAULT '',
    password_hash        TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    disabled             BOOLEAN NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);

-- Only a SHA-256 of each token is kept: a leaked table grants nothing.
CREATE TABLE staff_tokens (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit       TEXT NOT NULL,
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX staff_tokens_unit ON staff_tokens (unit, id);

-- Who saw or changed what: every reveal of personal data, every export,
-- sign-ins and account changes.
CREATE TABLE audit_log (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    actor      TEXT NOT NULL,
    actor_role TEXT NOT NULL DEFAULT '',
    actor_unit TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    case_id    TEXT NOT NULL DEFAULT '',
    field      TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    ip         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_case ON audit_log (case_id, id) WHERE case_id <> '';
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

-- The audit log is append-only: the database refuses edits, not just the code.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Dashboard: events by kind and time (closures, follow-ups), cases by
-- creation and last change.
CREATE INDEX workbench_timeline_action_at ON timeline (action, at);
CREATE INDEX workbench_cases_created ON cases (created_at);
CREATE INDEX workbench_cases_updated ON cases (updated_at);
