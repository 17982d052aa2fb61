//! Recording outbound movements in the training backend: validated against the trolley's
//! contents (never more units than the slot held), idempotent per station and key, all lines of
//! a batch or none.

use serde::Serialize;
use sqlx::{Row, SqliteConnection};

use super::db::TrainingDb;
use packbench_contract::{MovementBatch, MovementReceipt};
use packbench_sqlite::now_ms;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("idempotency key {0} was already used for a different request")]
    KeyReused(String),
    #[error("{0}")]
    Invalid(String),
    #[error("trolley {0} is unknown")]
    TrolleyUnknown(String),
    #[error("trolley {0} is not claimed by this station")]
    NotHolder(String),
    #[error("order {order} is not on trolley {trolley}")]
    OrderNotOnTrolley { trolley: String, order: String },
    #[error("order {order} has no line {line}")]
    LineUnknown { order: String, line: u32 },
    #[error("order {order} line {line} is {expected}, not {got}")]
    SkuMismatch {
        order: String,
        line: u32,
        expected: String,
        got: String,
    },
    #[error("order {order} line {line}: {asked} more unit(s) asked, but the slot held {held} and {done} already left it or went to exception")]
    ExceedsSlot {
        order: String,
        line: u32,
        held: i64,
        done: i64,
        asked: u32,
    },
    #[error("order {0} is unknown")]
    OrderUnknown(String),
    #[error("order {order} is in slot {held} of trolley {trolley}, not slot {asked}")]
    SlotMismatch {
        trolley: String,
        order: String,
        held: i64,
        asked: u32,
    },
    #[error("from_location {given} is not the slot's location {location}")]
    LocationMismatch { given: String, location: String },
    #[error("order {order} line {line}: {asked} unit(s) in parcels, but the order has {ordered}")]
    ExceedsOrder {
        order: String,
        line: u32,
        ordered: i64,
        asked: u64,
    },
    #[error("packaging {0} is not in the catalogue")]
    PackagingUnknown(String),
    #[error("{0} is not a supervisor")]
    SupervisorUnknown(String),
    #[error("order {order} already has shipment {shipment_id}: void it first")]
    ShipmentExists { order: String, shipment_id: String },
    #[error("shipment {0} is unknown")]
    ShipmentUnknown(String),
    #[error("weight override request {0} is unknown")]
    RequestUnknown(String),
    #[error("weight override request {0} was already decided")]
    RequestDecided(String),
    #[error("the label cannot be made: {0}")]
    Label(String),
    #[error("the heartbeat names station {body}, but the request comes from {header}")]
    StationMismatch { body: String, header: String },
    #[error("trolley {0} is already packed")]
    TrolleyPacked(String),
    #[error("release {version} is not newer than {latest}, published before it")]
    ReleaseNotNewer { version: String, latest: String },
    #[error("ring {0} has no earlier release to roll back to")]
    NothingToRollBack(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl From<super::ClaimError> for WriteError {
    fn from(e: super::ClaimError) -> Self {
        use super::ClaimError as C;
        match e {
            C::Unknown(t) => WriteError::TrolleyUnknown(t),
            C::ClaimedBy { trolley, .. } | C::NotHolder(trolley) => WriteError::NotHolder(trolley),
            C::Packed(t) => WriteError::TrolleyPacked(t),
            C::Db(e) => WriteError::Db(e),
        }
    }
}

/// 1 to `max` characters, none of them control characters.
pub(super) fn check_text(what: &str, v: &str, max: usize) -> Result<(), WriteError> {
    if v.is_empty() || v.chars().count() > max || v.chars().any(char::is_control) {
        return Err(WriteError::Invalid(format!(
            "{what} must be 1-{max} printable characters"
        )));
    }
    Ok(())
}

/// The trolley code as stored (`TR-0042`), or `Invalid`.
pub(super) fn normal_trolley(raw: &str) -> Result<String, WriteError> {
    raw.parse::<packbench_core::TrolleyCode>()
        .map(|t| t.to_string())
        .map_err(|e| WriteError::Invalid(e.to_string()))
}

/// Fails unless `station` holds `trolley`.
pub(super) async fn check_holder(
    conn: &mut SqliteConnection,
    trolley: &str,
    station: &str,
) -> Result<(), WriteError> {
    let claimed_by: Option<Option<String>> =
        sqlx::query_scalar("SELECT claimed_by FROM trolleys WHERE trolley = ?")
            .bind(trolley)
            .fetch_optional(&mut *conn)
            .await?;
    match claimed_by {
        None => Err(WriteError::TrolleyUnknown(trolley.to_owned())),
        Some(holder) if holder.as_deref() != Some(station) => {
            Err(WriteError::NotHolder(trolley.to_owned()))
        }
        Some(_) => Ok(()),
    }
}

/// The slot number and location of `order` on `trolley`.
pub(super) async fn slot_of(
    conn: &mut SqliteConnection,
    trolley: &str,
    order: &str,
) -> Result<(i64, String), WriteError> {
    let row =
        sqlx::query("SELECT slot, location FROM trolley_slots WHERE trolley = ? AND order_id = ?")
            .bind(trolley)
            .bind(order)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|r| (r.get(0), r.get(1)))
        .ok_or_else(|| WriteError::OrderNotOnTrolley {
            trolley: trolley.to_owned(),
            order: order.to_owned(),
        })
}

/// Checks that `asked` more units of the line may leave its slot: units already moved to
/// parcels and units already in exception together never exceed what the slot held.
pub(super) async fn check_line_units(
    conn: &mut SqliteConnection,
    order: &str,
    line_no: u32,
    sku: &str,
    asked: u32,
) -> Result<(), WriteError> {
    let line = sqlx::query(
        "SELECT l.sku, l.qty,
                COALESCE((SELECT SUM(qty) FROM movements mv WHERE mv.order_id = l.order_id AND mv.line_no = l.line_no), 0)
              + COALESCE((SELECT SUM(units) FROM line_exceptions e WHERE e.order_id = l.order_id AND e.line_no = l.line_no), 0)
         FROM order_lines l WHERE l.order_id = ? AND l.line_no = ?",
    )
    .bind(order)
    .bind(line_no)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| WriteError::LineUnknown {
        order: order.to_owned(),
        line: line_no,
    })?;
    let (expected, held, done): (String, i64, i64) = (line.get(0), line.get(1), line.get(2));
    if expected != sku {
        return Err(WriteError::SkuMismatch {
            order: order.to_owned(),
            line: line_no,
            expected,
            got: sku.to_owned(),
        });
    }
    if done + i64::from(asked) > held {
        return Err(WriteError::ExceedsSlot {
            order: order.to_owned(),
            line: line_no,
            held,
            done,
            asked,
        });
    }
    Ok(())
}

impl TrainingDb {
    /// Runs `work` in one immediate (write-locked) transaction under the idempotency key: a
    /// replay of the same request returns the stored answer without running `work` again.
    pub(super) async fn idempotent<T, F>(
        &self,
        station: &str,
        key: &str,
        endpoint: &str,
        request: &impl Serialize,
        work: F,
    ) -> Result<T, WriteError>
    where
        T: Serialize + serde::de::DeserializeOwned,
        F: AsyncFnOnce(&mut SqliteConnection) -> Result<T, WriteError>,
    {
        let request_json =
            serde_json::to_string(request).map_err(|e| WriteError::Invalid(e.to_string()))?;
        let _lane = self.writer.lock().await;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let seen = sqlx::query("SELECT endpoint, request_json, response_json FROM idempotency_keys WHERE station = ? AND key = ?")
            .bind(station)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = seen {
            let (e, req, resp): (String, String, String) = (row.get(0), row.get(1), row.get(2));
            if e != endpoint || req != request_json {
                return Err(WriteError::KeyReused(key.to_owned()));
            }
            return serde_json::from_str(&resp)
                .map_err(|e| WriteError::Invalid(format!("stored answer: {e}")));
        }
        let answer = work(&mut tx).await?;
        let response_json =
            serde_json::to_string(&answer).map_err(|e| WriteError::Invalid(e.to_string()))?;
        sqlx::query(
            "INSERT INTO idempotency_keys (station, key, endpoint, request_json, response_json, created_at_ms)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(station)
        .bind(key)
        .bind(endpoint)
        .bind(&request_json)
        .bind(&response_json)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(answer)
    }

    pub async fn record_movements(
        &self,
        station: &str,
        key: &str,
        batch: &MovementBatch,
    ) -> Result<MovementReceipt, WriteError> {
        validate_shape(batch)?;
        self.idempotent(
            station,
            key,
            "movements",
            batch,
            async |conn: &mut SqliteConnection| insert_movements(conn, station, key, batch).await,
        )
        .await
    }

    /// Units of an order line that have left the trolley (supervisor reads, tests).
    pub async fn dispatched_units(&self, order_id: &str, line_no: u32) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT COALESCE(SUM(qty), 0) FROM movements WHERE order_id = ? AND line_no = ?",
        )
        .bind(order_id)
        .bind(line_no)
        .fetch_one(&self.pool)
        .await
    }
}

fn validate_shape(b: &MovementBatch) -> Result<(), WriteError> {
    let bad = |m: &str| Err(WriteError::Invalid(m.to_owned()));
    if b.movements.is_empty() {
        return bad("a movement batch needs at least one line");
    }
    if b.movements.len() > 1000 {
        return bad("at most 1000 lines in one batch");
    }
    for (what, v) in [
        ("order_id", &b.order_id),
        ("parcel_id", &b.parcel_id),
        ("packer_id", &b.packer_id),
    ] {
        if v.is_empty() || v.chars().count() > 64 || v.chars().any(char::is_control) {
            return Err(WriteError::Invalid(format!(
                "{what} must be 1-64 printable characters"
            )));
        }
    }
    for m in &b.movements {
        if m.qty == 0 || m.qty > 10_000 {
            return Err(WriteError::Invalid(format!(
                "line {}: qty must be 1-10000, not {}",
                m.line_no, m.qty
            )));
        }
    }
    Ok(())
}

async fn insert_movements(
    conn: &mut SqliteConnection,
    station: &str,
    key: &str,
    b: &MovementBatch,
) -> Result<MovementReceipt, WriteError> {
    check_holder(conn, &b.trolley, station).await?;
    let (_, from_location) = slot_of(conn, &b.trolley, &b.order_id).await?;
    let mut ids = Vec::with_capacity(b.movements.len());
    for m in &b.movements {
        check_line_units(conn, &b.order_id, m.line_no, &m.sku, m.qty).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO movements (trolley, order_id, line_no, sku, qty, from_location, parcel_id, station, packer_id, idempotency_key, recorded_at_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING movement_id",
        )
        .bind(&b.trolley)
        .bind(&b.order_id)
        .bind(m.line_no)
        .bind(&m.sku)
        .bind(m.qty)
        .bind(&from_location)
        .bind(&b.parcel_id)
        .bind(station)
        .bind(&b.packer_id)
        .bind(key)
        .bind(now_ms())
        .fetch_one(&mut *conn)
        .await?;
        ids.push(id);
    }
    Ok(MovementReceipt {
        movement_ids: ids,
        from_location,
    })
}
