//! The ground both of Packbench's SQLite databases stand on (the station's own and the training
//! backend's): how a file is opened, and the wall-clock stamp their rows carry. Its own crate so
//! the training backend shares it without depending on the station app.

use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

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

/// The wall clock in milliseconds since the Unix epoch: how rows are stamped. Code that needs a
/// testable time takes `now_ms` as a parameter instead.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
