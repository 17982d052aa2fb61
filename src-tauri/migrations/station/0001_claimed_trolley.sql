-- The trolley this station holds: at most one row. The manifest is kept whole, as the backend
-- sent it, so the station can resume packing without the backend.
CREATE TABLE claimed_trolley (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    trolley       TEXT    NOT NULL,
    manifest_json TEXT    NOT NULL,
    claimed_at_ms INTEGER NOT NULL
);
