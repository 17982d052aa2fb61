-- The pack flow's state, saved in the same transaction as the backend writes it causes, so a
-- crash can neither lose a step nor repeat its writes.
CREATE TABLE pack_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    revision      INTEGER NOT NULL,
    state_json    TEXT    NOT NULL,
    updated_at_ms INTEGER NOT NULL
);

-- Every backend write, queued until the backend confirms it. Delivered in `seq` order per
-- trolley, each under its own idempotency key, so a retry after a crash or an outage is
-- harmless. `effect_key` is the pack flow's deterministic key: the same effect is never queued
-- twice.
CREATE TABLE outbox (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key    TEXT    NOT NULL UNIQUE,
    effect_key         TEXT    NOT NULL UNIQUE,
    kind               TEXT    NOT NULL,
    trolley            TEXT    NOT NULL,
    payload_json       TEXT    NOT NULL,
    created_at_ms      INTEGER NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL,
    last_error         TEXT,
    delivered_at_ms    INTEGER,
    failed_at_ms       INTEGER,
    response_json      TEXT
);
CREATE INDEX outbox_pending ON outbox (trolley, seq) WHERE delivered_at_ms IS NULL AND failed_at_ms IS NULL;
