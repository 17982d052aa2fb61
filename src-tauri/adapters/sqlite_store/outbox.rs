//! The outbox of backend writes in SQLite: queued in order per trolley, delivered, retried or
//! set aside.

use async_trait::async_trait;
use sqlx::Row;

use super::insert_writes;
use super::{sql_err, SqliteStationStore};
use crate::contract::Shipment;
use crate::ports::{
    Backlog, NewOutboxItem, Outbox, OutboxItem, OutboxKind, OutboxWrite, StoreError,
};

#[async_trait]
impl Outbox for SqliteStationStore {
    async fn enqueue(&self, items: &[NewOutboxItem], now_ms: i64) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await.map_err(sql_err)?;
        let added = insert_writes(&mut tx, items, now_ms).await?;
        tx.commit().await.map_err(sql_err)?;
        Ok(added)
    }

    async fn due(&self, now_ms: i64, limit: u32) -> Result<Vec<OutboxItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.seq, o.idempotency_key, o.kind, o.trolley, o.payload_json, o.attempts
             FROM outbox o
             WHERE o.delivered_at_ms IS NULL AND o.failed_at_ms IS NULL AND o.next_attempt_at_ms <= ?
               AND o.seq = (SELECT MIN(p.seq) FROM outbox p
                            WHERE p.trolley = o.trolley AND p.delivered_at_ms IS NULL AND p.failed_at_ms IS NULL)
             ORDER BY o.seq LIMIT ?",
        )
        .bind(now_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(sql_err)?;
        rows.into_iter()
            .map(|r| {
                let kind: String = r.get(2);
                let kind = OutboxKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown outbox kind {kind}")))?;
                let payload: String = r.get(4);
                Ok(OutboxItem {
                    seq: r.get(0),
                    idempotency_key: r.get(1),
                    kind,
                    trolley: r.get(3),
                    write: OutboxWrite::from_payload_json(kind, &payload)
                        .map_err(|e| e.to_string()),
                    attempts: r.get::<i64, _>(5) as u32,
                })
            })
            .collect()
    }

    async fn mark_delivered(
        &self,
        seq: i64,
        response_json: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET delivered_at_ms = ?, response_json = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ?")
            .bind(now_ms)
            .bind(response_json)
            .bind(seq)
            .execute(&self.pool)
            .await
            .map_err(sql_err)?;
        Ok(())
    }

    async fn mark_delivered_all(
        &self,
        delivered: &[(i64, String)],
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(sql_err)?;
        for (seq, response) in delivered {
            sqlx::query("UPDATE outbox SET delivered_at_ms = ?, response_json = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ?")
                .bind(now_ms)
                .bind(response)
                .bind(seq)
                .execute(&mut *tx)
                .await
                .map_err(sql_err)?;
        }
        tx.commit().await.map_err(sql_err)
    }

    async fn mark_retry(
        &self,
        seq: i64,
        next_attempt_at_ms: i64,
        error: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET attempts = attempts + 1, next_attempt_at_ms = ?, last_error = ? WHERE seq = ?")
            .bind(next_attempt_at_ms)
            .bind(error)
            .bind(seq)
            .execute(&self.pool)
            .await
            .map_err(sql_err)?;
        Ok(())
    }

    async fn mark_failed(&self, seq: i64, error: &str, now_ms: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET attempts = attempts + 1, failed_at_ms = ?, last_error = ? WHERE seq = ?")
            .bind(now_ms)
            .bind(error)
            .bind(seq)
            .execute(&self.pool)
            .await
            .map_err(sql_err)?;
        Ok(())
    }

    async fn backlog(&self, now_ms: i64) -> Result<Backlog, StoreError> {
        let r = sqlx::query(
            "SELECT
               COALESCE(SUM(delivered_at_ms IS NULL AND failed_at_ms IS NULL), 0),
               COALESCE(SUM(failed_at_ms IS NOT NULL), 0),
               MIN(CASE WHEN delivered_at_ms IS NULL AND failed_at_ms IS NULL THEN created_at_ms END)
             FROM outbox",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(sql_err)?;
        let oldest: Option<i64> = r.get(2);
        Ok(Backlog {
            pending: r.get::<i64, _>(0) as u64,
            failed: r.get::<i64, _>(1) as u64,
            oldest_pending_age_ms: oldest.map(|t| now_ms.saturating_sub(t).max(0) as u64),
        })
    }

    async fn delivered_shipment(&self, effect_key: &str) -> Result<Option<Shipment>, StoreError> {
        let row: Option<Option<String>> = sqlx::query_scalar(
            "SELECT response_json FROM outbox
             WHERE effect_key = ? AND kind = 'shipment' AND delivered_at_ms IS NOT NULL",
        )
        .bind(effect_key)
        .fetch_optional(&self.pool)
        .await
        .map_err(sql_err)?;
        row.flatten()
            .map(|json| {
                serde_json::from_str(&json).map_err(|e| {
                    StoreError::Corrupt(format!("the shipment answer of {effect_key}: {e}"))
                })
            })
            .transpose()
    }
}
