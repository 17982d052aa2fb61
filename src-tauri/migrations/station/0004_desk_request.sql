-- The weight override a station asked of the supervisor's desk and waits on (one at a time),
-- kept so that a restart goes on waiting for the answer instead of forgetting the question.
CREATE TABLE desk_request (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    request_id TEXT    NOT NULL,
    order_id   TEXT    NOT NULL,
    parcel_no  INTEGER NOT NULL
);
