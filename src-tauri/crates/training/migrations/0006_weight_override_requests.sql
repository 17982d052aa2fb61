-- Stations ask a supervisor at the desk to accept a parcel the weight gate refused.
CREATE TABLE weight_override_requests (
    request_seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    station        TEXT    NOT NULL,
    order_id       TEXT    NOT NULL REFERENCES orders (order_id),
    parcel_no      INTEGER NOT NULL,
    expected_g     INTEGER NOT NULL,
    measured_g     INTEGER NOT NULL,
    packer_id      TEXT    NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    requested_at_ms INTEGER NOT NULL,
    supervisor_id  TEXT,
    reason         TEXT,
    decided_at_ms  INTEGER
);
CREATE INDEX weight_override_requests_pending ON weight_override_requests (status);
