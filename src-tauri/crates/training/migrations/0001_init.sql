-- The training backend's warehouse: clients, SKUs and their barcodes, orders, and captured
-- trolleys whose slots each hold one order.
CREATE TABLE clients (
    client_id TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    vertical  TEXT NOT NULL
);

CREATE TABLE skus (
    sku                 TEXT PRIMARY KEY,
    client_id           TEXT    NOT NULL REFERENCES clients (client_id),
    name                TEXT    NOT NULL,
    length_mm           INTEGER NOT NULL CHECK (length_mm > 0),
    width_mm            INTEGER NOT NULL CHECK (width_mm > 0),
    height_mm           INTEGER NOT NULL CHECK (height_mm > 0),
    weight_g            INTEGER NOT NULL CHECK (weight_g > 0),
    fragile             INTEGER NOT NULL DEFAULT 0,
    liquid              INTEGER NOT NULL DEFAULT 0,
    keep_upright        INTEGER NOT NULL DEFAULT 0,
    dangerous_goods     INTEGER NOT NULL DEFAULT 0,
    lot_expiry_required INTEGER NOT NULL DEFAULT 0,
    serial_required     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sku_barcodes (
    barcode TEXT PRIMARY KEY,
    sku     TEXT    NOT NULL REFERENCES skus (sku),
    rank    INTEGER NOT NULL
);
CREATE INDEX sku_barcodes_sku ON sku_barcodes (sku, rank);

CREATE TABLE orders (
    order_id  TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (client_id),
    carrier   TEXT NOT NULL,
    service   TEXT NOT NULL
);

CREATE TABLE order_lines (
    order_id TEXT    NOT NULL REFERENCES orders (order_id),
    line_no  INTEGER NOT NULL,
    sku      TEXT    NOT NULL REFERENCES skus (sku),
    qty      INTEGER NOT NULL CHECK (qty > 0),
    PRIMARY KEY (order_id, line_no)
);

-- status: captured (waiting for a station), packing (claimed), packed.
CREATE TABLE trolleys (
    trolley       TEXT PRIMARY KEY,
    status        TEXT NOT NULL DEFAULT 'captured' CHECK (status IN ('captured', 'packing', 'packed')),
    claimed_by    TEXT,
    claimed_at_ms INTEGER,
    CHECK ((status = 'packing') = (claimed_by IS NOT NULL))
);

CREATE TABLE trolley_slots (
    trolley  TEXT    NOT NULL REFERENCES trolleys (trolley),
    slot     INTEGER NOT NULL CHECK (slot > 0),
    location TEXT    NOT NULL,
    order_id TEXT    NOT NULL UNIQUE REFERENCES orders (order_id),
    PRIMARY KEY (trolley, slot)
);
