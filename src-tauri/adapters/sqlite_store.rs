//! The station's own SQLite database (WAL, `synchronous=FULL`): what this station holds, so a
//! restart resumes where the packer was.

use std::path::Path;
use std::str::FromStr;

use async_trait::async_trait;
use packbench_core::Manifest;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::clock::now_ms;
use crate::ports::{
    Backlog, FlowStore, NewOutboxItem, Outbox, OutboxItem, OutboxKind, PrintRecord, PrintStatus,
    ShipmentToPrint, StationStore, StoreError,
};

pub struct SqliteStationStore {
    pool: SqlitePool,
}

/// SQLite's primary result codes the station explains to people.
const SQLITE_READONLY: i32 = 8;
const SQLITE_IOERR: i32 = 10;
const SQLITE_CORRUPT: i32 = 11;
const SQLITE_FULL: i32 = 13;
const SQLITE_CANTOPEN: i32 = 14;
const SQLITE_NOTADB: i32 = 26;

/// SQLite's primary result code of an error, if it came from SQLite.
fn sqlite_code(e: &sqlx::Error) -> Option<i32> {
    let db = e.as_database_error()?;
    let code: i32 = db.code()?.parse().ok()?;
    Some(code & 0xff)
}

/// What the packer and IT read when the station's database fails: what happened and what to do.
/// Nothing half-done is shown as done: the step's transaction did not commit.
fn store_err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

fn sql_err(e: sqlx::Error) -> StoreError {
    StoreError(match sqlite_code(&e) {
        Some(SQLITE_FULL) => format!(
            "the disk is full, so the last step was not saved and is not done ({e}); free space on the station's disk or call IT, then repeat the step. Queued work is kept"
        ),
        Some(SQLITE_READONLY) | Some(SQLITE_CANTOPEN) => format!(
            "the station's data directory cannot be written ({e}); the last step was not saved. Call IT to check the disk and the directory's permissions"
        ),
        Some(SQLITE_IOERR) => format!(
            "the disk failed while saving ({e}); the last step was not saved. Call IT to check the disk"
        ),
        _ => e.to_string(),
    })
}

pub use packbench_sqlite::open_pool;

/// A station database that could not be used and was moved aside, never deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedAside {
    /// Where the old file is now, for IT.
    pub path: std::path::PathBuf,
    pub reason: String,
    /// Undelivered backend writes read from it and queued again (same idempotency keys).
    pub recovered_writes: u64,
}

impl SqliteStationStore {
    /// Opens the station database; a file that is damaged or not a Packbench station database
    /// is moved aside (`<file>.broken-<ms>`, with its WAL), its undelivered writes are carried
    /// over when they can still be read, and a fresh database is started. The caller must
    /// show `MovedAside` to people: the held trolley's progress is in the old file.
    pub async fn open_or_recover(path: &Path) -> Result<(Self, Option<MovedAside>), StoreError> {
        let reason = match Self::open(path).await {
            Ok(s) => return Ok((s, None)),
            Err(e) if path.exists() && unusable(&e) => e.0,
            Err(e) => return Err(e),
        };
        let aside = path.with_file_name(format!(
            "{}.broken-{}",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("station.sqlite"),
            now_ms()
        ));
        for suffix in ["", "-wal", "-shm"] {
            let from = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            if from.exists() {
                let to = std::path::PathBuf::from(format!("{}{suffix}", aside.display()));
                std::fs::rename(&from, &to).map_err(|e| {
                    StoreError(format!(
                        "the station database {} is unusable ({reason}) and cannot be moved aside ({e}); call IT",
                        path.display()
                    ))
                })?;
            }
        }
        tracing::error!(old = %aside.display(), %reason, "station database unusable: moved aside, starting a new one");
        let store = Self::open(path).await?;
        let recovered_writes = store.recover_outbox(&aside).await.unwrap_or_else(|e| {
            tracing::error!(old = %aside.display(), error = %e, "no undelivered writes could be read from the old database");
            0
        });
        Ok((
            store,
            Some(MovedAside {
                path: aside,
                reason,
                recovered_writes,
            }),
        ))
    }

    /// Queues again, under their original idempotency keys, the undelivered writes of an old
    /// station database (read-only).
    async fn recover_outbox(&self, old: &Path) -> Result<u64, StoreError> {
        let opts = SqliteConnectOptions::from_str("sqlite:")
            .map_err(store_err)?
            .filename(old)
            .read_only(true);
        let old_pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts)
            .await
            .map_err(sql_err)?;
        let rows = sqlx::query(
            "SELECT idempotency_key, effect_key, kind, trolley, payload_json, created_at_ms FROM outbox
             WHERE delivered_at_ms IS NULL AND failed_at_ms IS NULL ORDER BY seq",
        )
        .fetch_all(&old_pool)
        .await
        .map_err(sql_err)?;
        let mut tx = self.pool.begin().await.map_err(sql_err)?;
        let mut n = 0;
        for r in rows {
            let done = sqlx::query(
                "INSERT INTO outbox (idempotency_key, effect_key, kind, trolley, payload_json, created_at_ms, next_attempt_at_ms)
                 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            )
            .bind(r.get::<String, _>(0))
            .bind(r.get::<String, _>(1))
            .bind(r.get::<String, _>(2))
            .bind(r.get::<String, _>(3))
            .bind(r.get::<String, _>(4))
            .bind(r.get::<i64, _>(5))
            .bind(now_ms())
            .execute(&mut *tx)
            .await
            .map_err(sql_err)?;
            n += done.rows_affected();
        }
        tx.commit().await.map_err(sql_err)?;
        old_pool.close().await;
        Ok(n)
    }

    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let pool = open_pool(path, 4).await.map_err(|e| {
            let StoreError(msg) = sql_err(e);
            StoreError(format!("{}: {msg}", path.display()))
        })?;
        sqlx::migrate!("./src-tauri/migrations/station")
            .run(&pool)
            .await
            .map_err(|e| StoreError(format!("{}: {MIGRATE_PREFIX}{e}", path.display())))?;
        Ok(SqliteStationStore { pool })
    }
}

const MIGRATE_PREFIX: &str = "not a Packbench station database of this version: ";

/// Whether an open failure means the file itself is unusable (damaged, or another program's).
fn unusable(e: &StoreError) -> bool {
    let m = e.0.as_str();
    m.contains(MIGRATE_PREFIX)
        || m.contains("file is not a database")
        || m.contains("database disk image is malformed")
        || m.contains(&format!("(code: {SQLITE_NOTADB})"))
        || m.contains(&format!("(code: {SQLITE_CORRUPT})"))
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
        .map_err(sql_err)?;
        Ok(())
    }

    async fn current_claim(&self) -> Result<Option<Manifest>, StoreError> {
        let row = sqlx::query("SELECT manifest_json FROM claimed_trolley WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(sql_err)?;
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
        .map_err(sql_err)?;
        added += done.rows_affected();
    }
    Ok(added)
}

#[async_trait]
impl FlowStore for SqliteStationStore {
    /// Saves one step of the pack flow: its new state and the backend writes it causes, in one
    /// transaction, so after a crash both are there or neither. A revision not newer than the
    /// stored one is refused (a step applied twice must not queue its writes twice).
    async fn commit_step(
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
            .map_err(sql_err)?;
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
        .map_err(sql_err)?;
        if saved.rows_affected() == 0 {
            return Err(StoreError(format!(
                "pack step {revision} is not newer than the saved one"
            )));
        }
        let added = insert_writes(&mut tx, writes, now_ms).await?;
        crate::crashpoint::hit("before the step's commit");
        tx.commit().await.map_err(sql_err)?;
        crate::crashpoint::hit("after the step's commit");
        Ok(added)
    }

    /// The last saved pack-flow state and its revision, if any.
    async fn load_pack_state(&self) -> Result<Option<(u64, String)>, StoreError> {
        let row = sqlx::query("SELECT revision, state_json FROM pack_state WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(sql_err)?;
        Ok(row.map(|r| (r.get::<i64, _>(0) as u64, r.get(1))))
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
        Ok(rows
            .into_iter()
            .map(|r| ShipmentToPrint {
                effect_key: r.get(0),
                payload_json: r.get(1),
                response_json: r.get::<Option<String>, _>(2).unwrap_or_default(),
            })
            .collect())
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

    async fn shift_counters(&self, since_ms: i64) -> Result<(u32, u32, u32, u32), StoreError> {
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
        Ok((n(0), n(1), n(2), n(3)))
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
            .ok_or_else(|| StoreError(format!("unknown print status {status}")))?,
        tracking_numbers: serde_json::from_str(&tracking).map_err(store_err)?,
        error: r.get(6),
    })
}

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

    async fn delivered_response(&self, effect_key: &str) -> Result<Option<String>, StoreError> {
        let row: Option<Option<String>> = sqlx::query_scalar(
            "SELECT response_json FROM outbox WHERE effect_key = ? AND delivered_at_ms IS NOT NULL",
        )
        .bind(effect_key)
        .fetch_optional(&self.pool)
        .await
        .map_err(sql_err)?;
        Ok(row.flatten())
    }
}
