-- WeChat identities: one person reaches us through the Official Account and
-- the mini-program with two openids; WeChat's unionid links them.
CREATE TABLE wechat_identities (
    openid     TEXT PRIMARY KEY,
    app        TEXT NOT NULL,            -- oa (Official Account), mp (mini-program)
    unionid    TEXT NOT NULL DEFAULT '',
    phone_enc  TEXT NOT NULL DEFAULT '',
    phone_hash TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX wechat_identities_unionid ON wechat_identities (unionid) WHERE unionid <> '';
