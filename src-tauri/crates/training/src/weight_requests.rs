//! Weight override requests in the training backend: a station asks a supervisor at the desk to
//! accept a parcel its weight gate refused, polls it, and a supervisor lists and decides them.

use sqlx::{Row, SqliteConnection};

use super::db::TrainingDb;
use super::movements::{check_text, WriteError};
use packbench_contract::{
    NewWeightOverrideRequest, WeightOverrideRequest, WeightRequestDecision, WeightRequestStatus,
};
use packbench_sqlite::now_ms;

const WEIGHT_REQUEST_COLUMNS: &str = "request_seq, station, order_id, parcel_no, expected_g, \
    measured_g, packer_id, status, requested_at_ms, supervisor_id, reason, decided_at_ms";

/// Request ids are `WR-` and the row number, zero-padded.
fn request_id(seq: i64) -> String {
    format!("WR-{seq:010}")
}

fn request_seq(id: &str) -> Option<i64> {
    id.strip_prefix("WR-")?.parse().ok()
}

fn weight_request_of(r: &sqlx::sqlite::SqliteRow) -> WeightOverrideRequest {
    WeightOverrideRequest {
        request_id: request_id(r.get(0)),
        station: r.get(1),
        order_id: r.get(2),
        parcel_no: r.get::<i64, _>(3) as u32,
        expected_g: r.get::<i64, _>(4) as u32,
        measured_g: r.get::<i64, _>(5) as u32,
        packer_id: r.get(6),
        status: match r.get::<String, _>(7).as_str() {
            "approved" => WeightRequestStatus::Approved,
            "declined" => WeightRequestStatus::Declined,
            _ => WeightRequestStatus::Pending,
        },
        requested_at_ms: r.get(8),
        supervisor_id: r.get(9),
        reason: r.get(10),
        decided_at_ms: r.get(11),
    }
}

impl TrainingDb {
    /// A station asks a supervisor to accept a parcel its weight gate refused.
    pub async fn request_weight_override(
        &self,
        station: &str,
        key: &str,
        r: &NewWeightOverrideRequest,
    ) -> Result<WeightOverrideRequest, WriteError> {
        check_text("order_id", &r.order_id, 64)?;
        check_text("packer_id", &r.packer_id, 64)?;
        if !(1..=99).contains(&r.parcel_no)
            || !(1..=100_000).contains(&r.expected_g)
            || !(1..=100_000).contains(&r.measured_g)
        {
            return Err(WriteError::Invalid(
                "parcel_no is 1-99, expected_g and measured_g 1-100000".into(),
            ));
        }
        self.idempotent(
            station,
            key,
            "weight-override-requests",
            r,
            async |conn: &mut SqliteConnection| {
                let known: Option<i64> =
                    sqlx::query_scalar("SELECT 1 FROM orders WHERE order_id = ?")
                        .bind(&r.order_id)
                        .fetch_optional(&mut *conn)
                        .await?;
                if known.is_none() {
                    return Err(WriteError::OrderUnknown(r.order_id.clone()));
                }
                let seq = sqlx::query(
                    "INSERT INTO weight_override_requests
                       (station, order_id, parcel_no, expected_g, measured_g, packer_id, requested_at_ms)
                     VALUES (?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(station)
                .bind(&r.order_id)
                .bind(r.parcel_no)
                .bind(r.expected_g)
                .bind(r.measured_g)
                .bind(&r.packer_id)
                .bind(now_ms())
                .execute(&mut *conn)
                .await?
                .last_insert_rowid();
                let row = sqlx::query(&format!(
                    "SELECT {WEIGHT_REQUEST_COLUMNS} FROM weight_override_requests WHERE request_seq = ?"
                ))
                .bind(seq)
                .fetch_one(&mut *conn)
                .await?;
                Ok(weight_request_of(&row))
            },
        )
        .await
    }

    /// Weight override requests, newest first, of one status or all (at most 500).
    pub async fn weight_requests(
        &self,
        status: Option<WeightRequestStatus>,
    ) -> Result<Vec<WeightOverrideRequest>, sqlx::Error> {
        let status = status.map(|s| match s {
            WeightRequestStatus::Pending => "pending",
            WeightRequestStatus::Approved => "approved",
            WeightRequestStatus::Declined => "declined",
        });
        let rows = sqlx::query(&format!(
            "SELECT {WEIGHT_REQUEST_COLUMNS} FROM weight_override_requests
             WHERE (?1 IS NULL OR status = ?1) ORDER BY request_seq DESC LIMIT 500"
        ))
        .bind(status)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(weight_request_of).collect())
    }

    /// One request by id.
    pub async fn weight_request(
        &self,
        id: &str,
    ) -> Result<Option<WeightOverrideRequest>, sqlx::Error> {
        let Some(seq) = request_seq(id) else {
            return Ok(None);
        };
        let row = sqlx::query(&format!(
            "SELECT {WEIGHT_REQUEST_COLUMNS} FROM weight_override_requests WHERE request_seq = ?"
        ))
        .bind(seq)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(weight_request_of))
    }

    /// A supervisor decides a pending request.
    pub async fn decide_weight_request(
        &self,
        station: &str,
        key: &str,
        supervisor_id: &str,
        id: &str,
        d: &WeightRequestDecision,
    ) -> Result<WeightOverrideRequest, WriteError> {
        check_text("reason", &d.reason, 200)?;
        let seq = request_seq(id).ok_or_else(|| WriteError::RequestUnknown(id.to_owned()))?;
        self.idempotent(
            station,
            key,
            "weight-override-decision",
            &(id, d),
            async |conn: &mut SqliteConnection| {
                let done = sqlx::query(
                    "UPDATE weight_override_requests
                     SET status = ?, supervisor_id = ?, reason = ?, decided_at_ms = ?
                     WHERE request_seq = ? AND status = 'pending'",
                )
                .bind(if d.approve { "approved" } else { "declined" })
                .bind(supervisor_id)
                .bind(&d.reason)
                .bind(now_ms())
                .bind(seq)
                .execute(&mut *conn)
                .await?
                .rows_affected();
                let row = sqlx::query(&format!(
                    "SELECT {WEIGHT_REQUEST_COLUMNS} FROM weight_override_requests WHERE request_seq = ?"
                ))
                .bind(seq)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| WriteError::RequestUnknown(id.to_owned()))?;
                if done == 0 {
                    return Err(WriteError::RequestDecided(id.to_owned()));
                }
                Ok(weight_request_of(&row))
            },
        )
        .await
    }
}
