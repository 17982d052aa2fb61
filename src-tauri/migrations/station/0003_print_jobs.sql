-- Labels printed for shipments the backend created. A row is written before the printer is
-- sent anything: a job found `printing` after a crash may or may not have printed, so it is
-- never sent again by itself (the packer reprints if the label is missing); `copy` > 0 is a
-- reprint the packer asked for.
CREATE TABLE print_jobs (
    job_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    shipment_key   TEXT    NOT NULL,
    copy           INTEGER NOT NULL DEFAULT 0,
    order_id       TEXT    NOT NULL,
    trolley        TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('printing', 'printed', 'uncertain', 'failed')),
    tracking_json  TEXT    NOT NULL,
    created_at_ms  INTEGER NOT NULL,
    finished_at_ms INTEGER,
    error          TEXT,
    UNIQUE (shipment_key, copy)
);
CREATE INDEX print_jobs_order ON print_jobs (order_id);
