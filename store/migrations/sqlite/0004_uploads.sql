-- Photos citizens upload from the mini-program. The bytes live in the
-- uploads storage (data dir or S3-compatible) under their SHA-256; this
-- table says who uploaded what, so a case can only attach its submitter's
-- own uploads.
CREATE TABLE uploads (
    id           TEXT PRIMARY KEY,
    owner_openid TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    mime         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX uploads_owner_sha ON uploads (owner_openid, sha256);
CREATE INDEX uploads_sha ON uploads (sha256);
