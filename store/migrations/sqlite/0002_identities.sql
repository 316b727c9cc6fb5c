-- WeChat identities: one person reaches us through the Official Account and
-- the mini-program with two openids; WeChat's unionid links them.
CREATE TABLE wechat_identities (
    openid     TEXT PRIMARY KEY,
    app        TEXT NOT NULL,            -- oa (Official Account), mp (mini-program)
    unionid    TEXT NOT NULL DEFAULT '',
    phone_enc  TEXT NOT NULL DEFAULT '',
    phone_hash TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX wechat_identities_unionid ON wechat_identities (unionid) WHERE unionid <> '';

-- When the person last wrote to the Official Account: customer-service
-- messages may only be sent within 48 hours of it.
ALTER TABLE wechat_identities ADD COLUMN last_seen_at TIMESTAMP;

-- One-time subscribe-message consents: WeChat allows one message per
-- consent, so each consent is counted and spent.
CREATE TABLE notify_consents (
    openid      TEXT NOT NULL,
    template_id TEXT NOT NULL,
    remaining   INTEGER NOT NULL DEFAULT 0,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (openid, template_id)
);

-- Tasks for call-centre staff: follow-up calls (回访) and callbacks a citizen
-- asked for (人工).
CREATE TABLE call_tasks (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,             -- followup, callback
    case_id      TEXT NOT NULL DEFAULT '',
    openid       TEXT NOT NULL DEFAULT '',
    phone_enc    TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,             -- open, done, cancelled
    attempts     INTEGER NOT NULL DEFAULT 0,
    outcome      TEXT NOT NULL DEFAULT '',
    assigned_to  TEXT NOT NULL DEFAULT '',
    due_at       TIMESTAMP NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX call_tasks_open ON call_tasks (status, due_at);
CREATE INDEX call_tasks_case ON call_tasks (case_id) WHERE case_id <> '';
