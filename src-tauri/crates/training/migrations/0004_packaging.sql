-- The warehouse's packaging catalogue: boxes, mailers and polybags. Client lists are JSON arrays
-- of client names: `allowed_clients` non-empty means reserved (a branded box).
CREATE TABLE packaging (
    id                TEXT PRIMARY KEY,
    name              TEXT    NOT NULL,
    barcode           TEXT    NOT NULL UNIQUE,
    kind              TEXT    NOT NULL CHECK (kind IN ('box', 'mailer', 'polybag')),
    length_mm         INTEGER NOT NULL CHECK (length_mm > 0),
    width_mm          INTEGER NOT NULL CHECK (width_mm > 0),
    height_mm         INTEGER NOT NULL CHECK (height_mm > 0),
    tare_g            INTEGER NOT NULL CHECK (tare_g >= 0),
    max_gross_g       INTEGER NOT NULL CHECK (max_gross_g > tare_g),
    cost              REAL    NOT NULL CHECK (cost >= 0),
    stocked           INTEGER NOT NULL DEFAULT 1,
    allowed_clients   TEXT    NOT NULL DEFAULT '[]',
    forbidden_clients TEXT    NOT NULL DEFAULT '[]'
);
