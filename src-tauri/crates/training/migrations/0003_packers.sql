-- Warehouse staff who sign in at stations, by badge scan or by id and PIN.
CREATE TABLE packers (
    packer_id  TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('packer', 'supervisor')),
    language   TEXT NOT NULL,
    badge      TEXT NOT NULL UNIQUE,
    pin_salt   TEXT NOT NULL,
    pin_sha256 TEXT NOT NULL
);
