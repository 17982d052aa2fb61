//! The station's own SQLite database (WAL, `synchronous=FULL`): what this station holds, so a
//! restart resumes where the packer was.

use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use packbench_core::Manifest;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

use crate::ports::{StationStore, StoreError};

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

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
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
