//! The station's own SQLite database (WAL, `synchronous=FULL`): what this station holds, so a
//! restart resumes where the packer was.

//!
//! [`flow`]: the pack flow's steps and label jobs; [`outbox`]: the queue of backend writes.

mod flow;
mod outbox;

use std::path::Path;
use std::str::FromStr;

use async_trait::async_trait;
use packbench_core::Manifest;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::clock::now_ms;
use crate::ports::{NewOutboxItem, StationStore, StoreError};

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
pub(super) fn store_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Database(e.to_string())
}

pub(super) fn sql_err(e: sqlx::Error) -> StoreError {
    match sqlite_code(&e) {
        Some(SQLITE_FULL) => StoreError::DiskFull(e.to_string()),
        Some(SQLITE_READONLY) | Some(SQLITE_CANTOPEN) => StoreError::NotWritable(e.to_string()),
        Some(SQLITE_IOERR) => StoreError::DiskFailed(e.to_string()),
        Some(SQLITE_NOTADB) | Some(SQLITE_CORRUPT) => StoreError::Unusable {
            path: String::new(),
            detail: e.to_string(),
        },
        _ => StoreError::Database(e.to_string()),
    }
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
            Err(e) if path.exists() && unusable(&e).is_some() => unusable(&e).unwrap_or_default(),
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
                std::fs::rename(&from, &to).map_err(|e| StoreError::Unusable {
                    path: path.display().to_string(),
                    detail: format!("{reason}; it cannot be moved aside: {e}"),
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
        let pool = open_pool(path, 4).await.map_err(|e| match sql_err(e) {
            StoreError::Unusable { detail, .. } => StoreError::Unusable {
                path: path.display().to_string(),
                detail,
            },
            other => other,
        })?;
        sqlx::migrate!("./src-tauri/migrations/station")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Unusable {
                path: path.display().to_string(),
                detail: format!("{MIGRATE_PREFIX}{e}"),
            })?;
        Ok(SqliteStationStore { pool })
    }
}

const MIGRATE_PREFIX: &str = "not a Packbench station database of this version: ";

/// The reason an open failure means the file itself is unusable (damaged, or another
/// program's), if it does.
fn unusable(e: &StoreError) -> Option<String> {
    match e {
        StoreError::Unusable { detail, .. } => Some(detail.clone()),
        // Some of SQLite's answers to a damaged file arrive without their result code.
        StoreError::Database(m)
            if m.contains("file is not a database")
                || m.contains("database disk image is malformed") =>
        {
            Some(m.clone())
        }
        _ => None,
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
            serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("stored manifest: {e}")))
        })
        .transpose()
    }
}

/// Queues writes inside the caller's transaction; an effect already queued is skipped.
pub(super) async fn insert_writes(
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
        .bind(it.write.kind().as_str())
        .bind(&it.trolley)
        .bind(it.write.payload_json())
        .bind(now_ms)
        .bind(now_ms)
        .execute(&mut *conn)
        .await
        .map_err(sql_err)?;
        added += done.rows_affected();
    }
    Ok(added)
}
