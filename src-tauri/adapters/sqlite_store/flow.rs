//! The pack flow's saved steps, its label print jobs and the station's shift counters, in SQLite.

use async_trait::async_trait;
use sqlx::Row;

use super::insert_writes;
use super::{sql_err, store_err, SqliteStationStore};
use packbench_core::pack_flow::PackState;

use crate::ports::{
    DeskRequest, FlowStore, NewOutboxItem, PrintRecord, PrintStatus, SavedStep, ShiftWork,
    ShipmentToPrint, StoreError,
};

#[async_trait]
impl FlowStore for SqliteStationStore {
    /// Saves one step of the pack flow: its new state and the backend writes it causes, in one
    /// transaction, so after a crash both are there or neither. A revision not newer than the
    /// stored one is refused (a step applied twice must not queue its writes twice).
    async fn commit_step(
        &self,
        revision: u64,
        state: &PackState,
        writes: &[NewOutboxItem],
        now_ms: i64,
    ) -> Result<u64, StoreError> {
        let state_json = serde_json::to_string(state)
            .map_err(|e| StoreError::Corrupt(format!("the pack state cannot be saved ({e})")))?;
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(sql_err)?;
        let saved = sqlx::query(
            "INSERT INTO pack_state (id, revision, state_json, updated_at_ms) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, state_json = excluded.state_json,
               updated_at_ms = excluded.updated_at_ms
             WHERE excluded.revision > pack_state.revision",
        )
        .bind(revision as i64)
        .bind(&state_json)
        .bind(now_ms)
        .execute(&mut *tx)
        .await
        .map_err(sql_err)?;
        if saved.rows_affected() == 0 {
            return Err(StoreError::StaleStep { revision });
        }
        let added = insert_writes(&mut tx, writes, now_ms).await?;
        crate::crashpoint::hit(crate::crashpoint::Point::BeforeCommit);
        tx.commit().await.map_err(sql_err)?;
        crate::crashpoint::hit(crate::crashpoint::Point::AfterCommit);
        Ok(added)
    }

    /// The last saved pack-flow step, if any.
    async fn load_pack_state(&self) -> Result<Option<SavedStep>, StoreError> {
        let row = sqlx::query("SELECT revision, state_json FROM pack_state WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(sql_err)?;
        row.map(|r| {
            let revision = r.get::<i64, _>(0) as u64;
            let json: String = r.get(1);
            let state = serde_json::from_str(&json).map_err(|e| {
                StoreError::Corrupt(format!(
                    "the saved pack state (step {revision}) cannot be read ({e}); call IT before packing on"
                ))
            })?;
            Ok(SavedStep { revision, state })
        })
        .transpose()
    }

    async fn shipments_to_print(&self) -> Result<Vec<ShipmentToPrint>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.effect_key, o.payload_json, o.response_json FROM outbox o
             WHERE o.kind = 'shipment' AND o.delivered_at_ms IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.shipment_key = o.effect_key)
             ORDER BY o.seq",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(sql_err)?;
        rows.into_iter()
            .map(|r| {
                let effect_key: String = r.get(0);
                let queued = serde_json::from_str(&r.get::<String, _>(1)).map_err(|e| {
                    StoreError::Corrupt(format!("queued shipment {effect_key}: {e}"))
                })?;
                let answer = r.get::<Option<String>, _>(2).unwrap_or_default();
                let shipment = serde_json::from_str(&answer)
                    .map_err(|e| format!("the shipment answer cannot be read: {e}"));
                Ok(ShipmentToPrint {
                    effect_key,
                    queued,
                    shipment,
                })
            })
            .collect()
    }

    async fn release_delivered(&self, trolley: &str) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'release' AND trolley = ?
               AND (delivered_at_ms IS NOT NULL OR failed_at_ms IS NOT NULL)
               AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.trolley = outbox.trolley
                               AND p.delivered_at_ms IS NULL AND p.failed_at_ms IS NULL)",
        )
        .bind(trolley)
        .fetch_one(&self.pool)
        .await
        .map_err(sql_err)?;
        Ok(n > 0)
    }

    async fn begin_print(&self, job: &PrintRecord, now_ms: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO print_jobs (shipment_key, copy, order_id, trolley, status, tracking_json, created_at_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shipment_key, copy) DO NOTHING",
        )
        .bind(&job.shipment_key)
        .bind(job.copy as i64)
        .bind(&job.order_id)
        .bind(&job.trolley)
        .bind(job.status.as_str())
        .bind(serde_json::to_string(&job.tracking_numbers).map_err(store_err)?)
        .bind(now_ms)
        .execute(&self.pool)
        .await
        .map_err(sql_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn finish_print(
        &self,
        shipment_key: &str,
        copy: u32,
        status: PrintStatus,
        error: Option<&str>,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE print_jobs SET status = ?, error = ?, finished_at_ms = ? WHERE shipment_key = ? AND copy = ?",
        )
        .bind(status.as_str())
        .bind(error)
        .bind(now_ms)
        .bind(shipment_key)
        .bind(copy as i64)
        .execute(&self.pool)
        .await
        .map_err(sql_err)?;
        Ok(())
    }

    async fn settle_interrupted_prints(&self, now_ms: i64) -> Result<Vec<PrintRecord>, StoreError> {
        let rows = sqlx::query(
            "UPDATE print_jobs SET status = 'uncertain', finished_at_ms = ?,
               error = 'the station stopped while this label was being sent'
             WHERE status = 'printing'
             RETURNING shipment_key, copy, order_id, trolley, status, tracking_json, error",
        )
        .bind(now_ms)
        .fetch_all(&self.pool)
        .await
        .map_err(sql_err)?;
        rows.into_iter().map(print_record).collect()
    }

    async fn shift_counters(&self, since_ms: i64) -> Result<ShiftWork, StoreError> {
        let r = sqlx::query(
            "SELECT
               COALESCE(SUM(kind = 'shipment'), 0),
               COALESCE(SUM(CASE WHEN kind = 'movements' THEN
                 (SELECT SUM(json_extract(m.value, '$.qty')) FROM json_each(payload_json, '$.movements') m) END), 0),
               COALESCE(SUM(CASE WHEN kind = 'shipment' THEN json_array_length(payload_json, '$.request.parcels') END), 0),
               COALESCE(SUM(kind IN ('exception', 'order_exception')), 0)
             FROM outbox WHERE created_at_ms >= ?",
        )
        .bind(since_ms)
        .fetch_one(&self.pool)
        .await
        .map_err(sql_err)?;
        let n = |i: usize| r.get::<i64, _>(i).max(0) as u32;
        Ok(ShiftWork {
            orders: n(0),
            units: n(1),
            parcels: n(2),
            exceptions: n(3),
        })
    }

    async fn print_jobs_of(&self, order_id: &str) -> Result<Vec<PrintRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT shipment_key, copy, order_id, trolley, status, tracking_json, error
             FROM print_jobs WHERE order_id = ? ORDER BY job_id",
        )
        .bind(order_id)
        .fetch_all(&self.pool)
        .await
        .map_err(sql_err)?;
        rows.into_iter().map(print_record).collect()
    }

    async fn save_desk_request(&self, request: Option<&DeskRequest>) -> Result<(), StoreError> {
        match request {
            Some(r) => sqlx::query(
                "INSERT OR REPLACE INTO desk_request (id, request_id, order_id, parcel_no) VALUES (1, ?, ?, ?)",
            )
            .bind(&r.request_id)
            .bind(&r.order_id)
            .bind(i64::from(r.parcel_no)),
            None => sqlx::query("DELETE FROM desk_request"),
        }
        .execute(&self.pool)
        .await
        .map_err(sql_err)?;
        Ok(())
    }

    async fn load_desk_request(&self) -> Result<Option<DeskRequest>, StoreError> {
        let row =
            sqlx::query("SELECT request_id, order_id, parcel_no FROM desk_request WHERE id = 1")
                .fetch_optional(&self.pool)
                .await
                .map_err(sql_err)?;
        Ok(row.map(|r| DeskRequest {
            request_id: r.get(0),
            order_id: r.get(1),
            parcel_no: u32::try_from(r.get::<i64, _>(2)).unwrap_or(0),
        }))
    }
}

fn print_record(r: sqlx::sqlite::SqliteRow) -> Result<PrintRecord, StoreError> {
    let status: String = r.get(4);
    let tracking: String = r.get(5);
    Ok(PrintRecord {
        shipment_key: r.get(0),
        copy: r.get::<i64, _>(1) as u32,
        order_id: r.get(2),
        trolley: r.get(3),
        status: PrintStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown print status {status}")))?,
        tracking_numbers: serde_json::from_str(&tracking).map_err(store_err)?,
        error: r.get(6),
    })
}
