-- Fleet roll-outs: releases IT publishes, the release each ring is offered, every decision
-- (with the health comparison behind it), and the run figures stations report in heartbeats.
CREATE TABLE rollout_releases (
    version            TEXT    PRIMARY KEY,
    target             TEXT    NOT NULL,
    url                TEXT    NOT NULL,
    signature          TEXT    NOT NULL,
    notes              TEXT,
    soak_station_hours REAL    NOT NULL,
    published_by       TEXT    NOT NULL,
    published_at_ms    INTEGER NOT NULL
);

CREATE TABLE rollout_rings (
    ring             TEXT    PRIMARY KEY,
    version          TEXT,
    previous_version TEXT,
    rollback         INTEGER NOT NULL DEFAULT 0,
    held             INTEGER NOT NULL DEFAULT 0,
    held_reason      TEXT,
    -- Only heartbeats after this sample count towards the ring's soak (set when a release is
    -- offered to the ring or a hold is lifted).
    soak_from_sample INTEGER NOT NULL DEFAULT 0,
    updated_at_ms    INTEGER NOT NULL
);

CREATE TABLE rollout_decisions (
    decision_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    ring            TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    by_whom         TEXT,
    reason          TEXT    NOT NULL,
    comparison_json TEXT,
    decided_at_ms   INTEGER NOT NULL
);
CREATE INDEX rollout_decisions_by_ring ON rollout_decisions (ring, decision_id);

CREATE TABLE rollout_samples (
    sample_id           INTEGER PRIMARY KEY AUTOINCREMENT,
    station             TEXT    NOT NULL,
    ring                TEXT    NOT NULL,
    version             TEXT    NOT NULL,
    sent_at_ms          INTEGER NOT NULL,
    started_at_ms       INTEGER NOT NULL,
    restarts_since_boot INTEGER NOT NULL,
    orders              INTEGER NOT NULL,
    units               INTEGER NOT NULL,
    exceptions          INTEGER NOT NULL,
    refused_writes      INTEGER NOT NULL,
    reprints            INTEGER NOT NULL,
    scan_refusals       INTEGER NOT NULL
);
CREATE INDEX rollout_samples_by_version ON rollout_samples (version, ring, sample_id);
CREATE INDEX rollout_samples_by_station ON rollout_samples (station, sample_id);
CREATE INDEX rollout_samples_by_ring ON rollout_samples (ring, station, sample_id);
