//! The wall clock, in milliseconds since the Unix epoch: how the station and the training
//! backend stamp rows. Code that needs a testable time takes `now_ms` as a parameter instead.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
