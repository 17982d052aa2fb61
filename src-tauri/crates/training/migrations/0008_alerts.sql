-- Alerts: raised by stations' heartbeats (their devices, their queues) or by the backend when a
-- station stops sending them; open until cleared. Each raise is posted to the site's webhook
-- once, retried with backoff until it is delivered or cleared.
CREATE TABLE alerts (
    alert_id        INTEGER PRIMARY KEY AUTOINCREMENT,
    station         TEXT    NOT NULL,
    key             TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    severity        TEXT    NOT NULL CHECK (severity IN ('warning', 'critical')),
    message         TEXT    NOT NULL,
    raised_at_ms    INTEGER NOT NULL,
    cleared_at_ms   INTEGER,
    posted_at_ms    INTEGER,
    post_attempts   INTEGER NOT NULL DEFAULT 0,
    next_post_ms    INTEGER NOT NULL,
    last_post_error TEXT
);
CREATE UNIQUE INDEX alerts_open ON alerts (station, key) WHERE cleared_at_ms IS NULL;
CREATE INDEX alerts_to_post ON alerts (next_post_ms) WHERE posted_at_ms IS NULL AND cleared_at_ms IS NULL;
