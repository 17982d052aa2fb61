-- Every end of a claim: given back by the holding station, or forced by a supervisor
-- (`forced_by`); supervisors read a trolley's releases.
CREATE TABLE releases (
    release_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    trolley        TEXT    NOT NULL REFERENCES trolleys (trolley),
    holder         TEXT    NOT NULL,
    forced_by      TEXT,
    packed         INTEGER NOT NULL,
    released_at_ms INTEGER NOT NULL
);
CREATE INDEX releases_by_trolley ON releases (trolley, release_id);
