-- Writes are idempotent: the first answer to a (station, key) is kept with the request it
-- answered, so a retry gets the same answer and a different request under the key is refused.
CREATE TABLE idempotency_keys (
    station       TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    endpoint      TEXT    NOT NULL,
    request_json  TEXT    NOT NULL,
    response_json TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (station, key)
);

-- Outbound movements: units of an order line from the trolley slot's location to a parcel.
CREATE TABLE movements (
    movement_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    trolley         TEXT    NOT NULL REFERENCES trolleys (trolley),
    order_id        TEXT    NOT NULL,
    line_no         INTEGER NOT NULL,
    sku             TEXT    NOT NULL REFERENCES skus (sku),
    qty             INTEGER NOT NULL CHECK (qty > 0),
    from_location   TEXT    NOT NULL,
    parcel_id       TEXT    NOT NULL,
    station         TEXT    NOT NULL,
    packer_id       TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    recorded_at_ms  INTEGER NOT NULL,
    FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no)
);
CREATE INDEX movements_by_line ON movements (order_id, line_no);
CREATE INDEX movements_by_trolley ON movements (trolley);
