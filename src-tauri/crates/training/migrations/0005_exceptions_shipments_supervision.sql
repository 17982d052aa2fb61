-- Exceptions, overrides, shipments, heartbeats and packer sessions; orders gain a ship-to
-- address and a gift message.
ALTER TABLE orders ADD COLUMN ship_to_json TEXT;
ALTER TABLE orders ADD COLUMN gift_message TEXT;

-- Units of one order line that went to exception instead of a parcel.
CREATE TABLE line_exceptions (
    exception_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    trolley         TEXT    NOT NULL REFERENCES trolleys (trolley),
    slot            INTEGER NOT NULL,
    order_id        TEXT    NOT NULL,
    line_no         INTEGER NOT NULL,
    sku             TEXT    NOT NULL,
    units           INTEGER NOT NULL CHECK (units > 0),
    reason          TEXT    NOT NULL CHECK (reason IN ('short', 'damaged', 'wrong_item')),
    from_location   TEXT    NOT NULL,
    to_location     TEXT,
    found_barcode   TEXT,
    station         TEXT    NOT NULL,
    packer_id       TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    recorded_at_ms  INTEGER NOT NULL,
    FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no),
    CHECK ((reason = 'short') = (to_location IS NULL))
);
CREATE INDEX line_exceptions_by_line ON line_exceptions (order_id, line_no);

-- Whole orders routed to exception.
CREATE TABLE order_exceptions (
    exception_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    trolley         TEXT    NOT NULL REFERENCES trolleys (trolley),
    slot            INTEGER NOT NULL,
    order_id        TEXT    NOT NULL REFERENCES orders (order_id),
    reason          TEXT    NOT NULL,
    to_location     TEXT    NOT NULL,
    station         TEXT    NOT NULL,
    packer_id       TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    recorded_at_ms  INTEGER NOT NULL
);

-- Packaging and weight overrides, kept as their JSON record with the columns supervisors filter on.
CREATE TABLE overrides (
    override_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT    NOT NULL CHECK (kind IN ('packaging', 'weight')),
    order_id       TEXT    NOT NULL REFERENCES orders (order_id),
    packer_id      TEXT    NOT NULL,
    station        TEXT    NOT NULL,
    record_json    TEXT    NOT NULL,
    recorded_at_ms INTEGER NOT NULL
);

-- Shipments made by the training carrier; the answer (labels included) is kept as sent.
CREATE TABLE shipments (
    shipment_seq   INTEGER PRIMARY KEY AUTOINCREMENT,
    shipment_id    TEXT    NOT NULL UNIQUE,
    order_id       TEXT    NOT NULL REFERENCES orders (order_id),
    trolley        TEXT    NOT NULL,
    station        TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('active', 'voided')),
    parcels        INTEGER NOT NULL,
    shipment_json  TEXT    NOT NULL,
    created_at_ms  INTEGER NOT NULL,
    voided_at_ms   INTEGER
);
-- At most one live shipment per order.
CREATE UNIQUE INDEX shipments_one_active ON shipments (order_id) WHERE status = 'active';

CREATE TABLE heartbeats (
    heartbeat_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    station        TEXT    NOT NULL,
    heartbeat_json TEXT    NOT NULL,
    received_at_ms INTEGER NOT NULL
);
CREATE INDEX heartbeats_by_station ON heartbeats (station, heartbeat_id);

-- Signed-in packers: the token's hash only.
CREATE TABLE packer_sessions (
    token_sha256  TEXT PRIMARY KEY,
    packer_id     TEXT    NOT NULL REFERENCES packers (packer_id),
    station       TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL
);

-- Claims a supervisor took away from a station.
CREATE TABLE forced_releases (
    trolley       TEXT    NOT NULL,
    holder        TEXT    NOT NULL,
    supervisor_id TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    released_at_ms INTEGER NOT NULL
);
