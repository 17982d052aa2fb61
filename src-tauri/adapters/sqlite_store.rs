//! The station's own SQLite database (WAL, `synchronous=FULL`): what this station holds, so a
//! restart resumes where the packer was.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use packbench_core::Manifest;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::clock::now_ms;
use crate::ports::{
    Backlog, NewOutboxItem, Outbox, OutboxItem, OutboxKind, StationStore, StoreError,
};

pub struct SqliteStationStore {
    pool: SqlitePool,
}

fn store_err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

/// Opens (creating if needed) a SQLite file the way Packbench uses it everywhere: WAL, full
/// fsync on commit, foreign keys on, a busy timeout instead of immediate lock errors.
pub async fn open_pool(path: &Path, max_connections: u32) -> Result<SqlitePool, sqlx::Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let opts = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    SqlitePoolOptions::new()
        .max_connections(max_connections)
        .connect_with(opts)
        .await
}

impl SqliteStationStore {
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let pool = open_pool(path, 4)
            .await
            .map_err(|e| StoreError(format!("{}: {e}", path.display())))?;
        sqlx::migrate!("./src-tauri/migrations/station")
            .run(&pool)
            .await
            .map_err(store_err)?;
        Ok(SqliteStationStore { pool })
    }
}

#[async_trait]
impl StationStore for SqliteStationStore {
    async fn save_claim(&self, manifest: &Manifest) -> Result<(), StoreError> {
        let json = serde_json::to_string(manifest).map_err(store_err)?;
        sqlx::query(
            "INSERT INTO claimed_trolley (id, trolley, manifest_json, claimed_at_ms) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET trolley = excluded.trolley,
               manifest_json = excluded.manifest_json, claimed_at_ms = excluded.claimed_at_ms",
        )
        .bind(manifest.trolley.as_str())
        .bind(json)
        .bind(now_ms())
        .execute(&self.pool)
        .await
        .map_err(store_err)?;
        Ok(())
    }

    async fn current_claim(&self) -> Result<Option<Manifest>, StoreError> {
        let row = sqlx::query("SELECT manifest_json FROM claimed_trolley WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(store_err)?;
        row.map(|r| {
            let json: String = r.get(0);
            serde_json::from_str(&json).map_err(|e| StoreError(format!("stored manifest: {e}")))
        })
        .transpose()
    }
}

/// Queues writes inside the caller's transaction; an effect already queued is skipped.
async fn insert_writes(
    conn: &mut SqliteConnection,
    items: &[NewOutboxItem],
    now_ms: i64,
) -> Result<u64, StoreError> {
    let mut added = 0;
    for it in items {
        let done = sqlx::query(
            "INSERT INTO outbox (idempotency_key, effect_key, kind, trolley, payload_json, created_at_ms, next_attempt_at_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (effect_key) DO NOTHING",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&it.effect_key)
        .bind(it.kind.as_str())
        .bind(&it.trolley)
        .bind(&it.payload_json)
        .bind(now_ms)
        .bind(now_ms)
        .execute(&mut *conn)
        .await
        .map_err(store_err)?;
        added += done.rows_affected();
    }
    Ok(added)
}

impl SqliteStationStore {
    /// Saves one step of the pack flow: its new state and the backend writes it causes, in one
    /// transaction, so after a crash both are there or neither. A revision not newer than the
    /// stored one is refused (a step applied twice must not queue its writes twice).
    pub async fn commit_step(
        &self,
        revision: u64,
        state_json: &str,
        writes: &[NewOutboxItem],
        now_ms: i64,
    ) -> Result<u64, StoreError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(store_err)?;
        let saved = sqlx::query(
            "INSERT INTO pack_state (id, revision, state_json, updated_at_ms) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, state_json = excluded.state_json,
               updated_at_ms = excluded.updated_at_ms
             WHERE excluded.revision > pack_state.revision",
        )
        .bind(revision as i64)
        .bind(state_json)
        .bind(now_ms)
        .execute(&mut *tx)
        .await
        .map_err(store_err)?;
        if saved.rows_affected() == 0 {
            return Err(StoreError(format!(
                "pack step {revision} is not newer than the saved one"
            )));
        }
        let added = insert_writes(&mut tx, writes, now_ms).await?;
        tx.commit().await.map_err(store_err)?;
        Ok(added)
    }

    /// The last saved pack-flow state and its revision, if any.
    pub async fn load_pack_state(&self) -> Result<Option<(u64, String)>, StoreError> {
        let row = sqlx::query("SELECT revision, state_json FROM pack_state WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(store_err)?;
        Ok(row.map(|r| (r.get::<i64, _>(0) as u64, r.get(1))))
    }
}

#[async_trait]
impl Outbox for SqliteStationStore {
    async fn enqueue(&self, items: &[NewOutboxItem], now_ms: i64) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await.map_err(store_err)?;
        let added = insert_writes(&mut tx, items, now_ms).await?;
        tx.commit().await.map_err(store_err)?;
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
        .map_err(store_err)?;
        rows.into_iter()
            .map(|r| {
                let kind: String = r.get(2);
                Ok(OutboxItem {
                    seq: r.get(0),
                    idempotency_key: r.get(1),
                    kind: OutboxKind::parse(&kind)
                        .ok_or_else(|| StoreError(format!("unknown outbox kind {kind}")))?,
                    trolley: r.get(3),
                    payload_json: r.get(4),
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
            .map_err(store_err)?;
        Ok(())
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
            .map_err(store_err)?;
        Ok(())
    }

    async fn mark_failed(&self, seq: i64, error: &str, now_ms: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET attempts = attempts + 1, failed_at_ms = ?, last_error = ? WHERE seq = ?")
            .bind(now_ms)
            .bind(error)
            .bind(seq)
            .execute(&self.pool)
            .await
            .map_err(store_err)?;
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
        .map_err(store_err)?;
        let oldest: Option<i64> = r.get(2);
        Ok(Backlog {
            pending: r.get::<i64, _>(0) as u64,
            failed: r.get::<i64, _>(1) as u64,
            oldest_pending_age_ms: oldest.map(|t| now_ms.saturating_sub(t).max(0) as u64),
        })
    }
}
