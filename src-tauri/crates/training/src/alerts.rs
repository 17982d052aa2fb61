//! Alerts, held by the backend so that every desk shows the same list and none needs to be open:
//! stations raise their own (devices, queue) in their heartbeats; the backend raises
//! `station_offline` for a station whose heartbeats stopped. Each raise is posted once to the
//! site's chat webhook (Slack-compatible `{"text": ...}`), retried with exponential backoff
//! while it fails, and no longer once its condition has cleared.
//!
//! "Once" is as durable as this database: a post is marked delivered after the webhook answered
//! 2xx, so a crash between the two posts that alert again (at least once, never lost).

use std::time::Duration;

use sqlx::{Row, SqliteConnection};

use super::db::TrainingDb;
use super::movements::{check_text, WriteError};
use packbench_contract::{AlertRecord, AlertSeverity, StationAlert, STALE_AFTER_MS};
use packbench_sqlite::now_ms;

/// The first retry of a failed post waits this long; each next one twice as long.
pub const FIRST_RETRY_MS: i64 = 1_000;
/// Retries never wait longer than this.
pub const MAX_RETRY_MS: i64 = 5 * 60 * 1000;
/// The kind the backend raises itself.
pub const STATION_OFFLINE: &str = "station_offline";

fn severity_text(s: AlertSeverity) -> &'static str {
    match s {
        AlertSeverity::Warning => "warning",
        AlertSeverity::Critical => "critical",
    }
}

fn severity_of(text: &str) -> AlertSeverity {
    if text == "critical" {
        AlertSeverity::Critical
    } else {
        AlertSeverity::Warning
    }
}

/// How long the post after `attempts` failed ones waits.
pub fn retry_delay_ms(attempts: u32) -> i64 {
    FIRST_RETRY_MS
        .saturating_mul(1_i64 << attempts.min(20))
        .min(MAX_RETRY_MS)
}

/// Checks the alerts a heartbeat carries (a key given twice is not refused: the schema cannot
/// say keys are unique, so [`sync_station`] keeps the first).
pub(super) fn check(alerts: &[StationAlert]) -> Result<(), WriteError> {
    if alerts.len() > 20 {
        return Err(WriteError::Invalid("at most 20 alerts".into()));
    }
    for a in alerts {
        check_text("alert key", &a.key, 128)?;
        check_text("alert message", &a.message, 500)?;
        let kind_ok = a.kind.len() <= 64
            && a.kind.starts_with(|c: char| c.is_ascii_lowercase())
            && a.kind
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !kind_ok {
            return Err(WriteError::Invalid(
                "alert kind must be snake_case, 1-64 characters".into(),
            ));
        }
        if a.kind == STATION_OFFLINE {
            return Err(WriteError::Invalid(
                "station_offline is raised by the backend, not by a station".into(),
            ));
        }
    }
    Ok(())
}

/// Makes the station's open alerts the ones its heartbeat carries: new ones raised, gone ones
/// cleared (its `station_offline` too: it is talking again), lasting ones keep their raise time.
pub(super) async fn sync_station(
    conn: &mut SqliteConnection,
    station: &str,
    alerts: &[StationAlert],
    now: i64,
) -> Result<(), sqlx::Error> {
    let open: Vec<String> =
        sqlx::query_scalar("SELECT key FROM alerts WHERE station = ? AND cleared_at_ms IS NULL")
            .bind(station)
            .fetch_all(&mut *conn)
            .await?;
    for key in &open {
        if !alerts.iter().any(|a| &a.key == key) {
            sqlx::query(
                "UPDATE alerts SET cleared_at_ms = ? WHERE station = ? AND key = ? AND cleared_at_ms IS NULL",
            )
            .bind(now)
            .bind(station)
            .bind(key)
            .execute(&mut *conn)
            .await?;
        }
    }
    // A key twice (the schema cannot forbid it) counts once: the first.
    let mut seen = std::collections::BTreeSet::new();
    for a in alerts.iter().filter(|a| seen.insert(a.key.as_str())) {
        if open.contains(&a.key) {
            // The message may change (minutes grow); the raise stays the same.
            sqlx::query(
                "UPDATE alerts SET message = ?, severity = ? WHERE station = ? AND key = ? AND cleared_at_ms IS NULL",
            )
            .bind(&a.message)
            .bind(severity_text(a.severity))
            .bind(station)
            .bind(&a.key)
            .execute(&mut *conn)
            .await?;
        } else {
            raise(conn, station, &a.key, &a.kind, a.severity, &a.message, now).await?;
        }
    }
    Ok(())
}

pub(crate) async fn raise(
    conn: &mut SqliteConnection,
    station: &str,
    key: &str,
    kind: &str,
    severity: AlertSeverity,
    message: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO alerts (station, key, kind, severity, message, raised_at_ms, next_post_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(station)
    .bind(key)
    .bind(kind)
    .bind(severity_text(severity))
    .bind(message)
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    tracing::warn!(%station, alert = %key, "alert raised");
    Ok(())
}

/// One alert waiting to be posted.
#[derive(Clone, Debug)]
pub struct ToPost {
    pub alert_id: i64,
    pub severity: AlertSeverity,
    pub message: String,
    pub attempts: u32,
}

impl TrainingDb {
    /// Raises `station_offline` for each station whose last heartbeat is older than
    /// [`STALE_AFTER_MS`] (clearing what its last heartbeat said: it is out of date).
    pub async fn sweep_offline(&self, now: i64) -> Result<(), sqlx::Error> {
        let silent: Vec<(String, i64)> = sqlx::query_as(
            "SELECT station, MAX(received_at_ms) FROM heartbeats GROUP BY station
             HAVING MAX(received_at_ms) < ?
                AND station NOT IN (SELECT station FROM alerts WHERE kind = 'station_offline' AND cleared_at_ms IS NULL)",
        )
        .bind(now - STALE_AFTER_MS)
        .fetch_all(&self.pool)
        .await?;
        if silent.is_empty() {
            return Ok(());
        }
        let _lane = self.writer.lock().await;
        let mut tx = self.pool.begin().await?;
        for (station, last) in silent {
            sync_station(&mut tx, &station, &[], now).await?;
            let minutes = ((now - last) / 60_000).max(1);
            raise(
                &mut tx,
                &station,
                &format!("{STATION_OFFLINE}/{station}"),
                STATION_OFFLINE,
                AlertSeverity::Critical,
                &format!(
                    "{station} is offline: no heartbeat for {minutes} min. Check the PC and its network."
                ),
                now,
            )
            .await?;
        }
        tx.commit().await
    }

    /// The open alerts, most severe first, then oldest first.
    pub async fn open_alerts(&self, now: i64) -> Result<Vec<AlertRecord>, sqlx::Error> {
        self.sweep_offline(now).await?;
        let rows = sqlx::query(
            "SELECT key, kind, severity, station, message, raised_at_ms FROM alerts
             WHERE cleared_at_ms IS NULL
             ORDER BY severity = 'critical' DESC, raised_at_ms, station, key",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AlertRecord {
                key: r.get(0),
                kind: r.get(1),
                severity: severity_of(&r.get::<String, _>(2)),
                station_id: r.get(3),
                message: r.get(4),
                raised_at_ms: r.get(5),
            })
            .collect())
    }

    /// Open alerts not yet posted whose next try is due.
    pub async fn alerts_to_post(&self, now: i64) -> Result<Vec<ToPost>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT alert_id, severity, message, post_attempts FROM alerts
             WHERE posted_at_ms IS NULL AND cleared_at_ms IS NULL AND next_post_ms <= ?
             ORDER BY alert_id LIMIT 50",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| ToPost {
                alert_id: r.get(0),
                severity: severity_of(&r.get::<String, _>(1)),
                message: r.get(2),
                attempts: u32::try_from(r.get::<i64, _>(3)).unwrap_or(0),
            })
            .collect())
    }

    /// Notes how a post went: delivered, or failed (the next try after the backoff).
    pub async fn note_post(
        &self,
        post: &ToPost,
        outcome: Result<(), String>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let _lane = self.writer.lock().await;
        match outcome {
            Ok(()) => {
                sqlx::query(
                    "UPDATE alerts SET posted_at_ms = ?, post_attempts = post_attempts + 1 WHERE alert_id = ?",
                )
                .bind(now)
                .bind(post.alert_id)
                .execute(&self.pool)
                .await?;
            }
            Err(e) => {
                let next = now + retry_delay_ms(post.attempts);
                tracing::warn!(alert_id = post.alert_id, attempts = post.attempts + 1, error = %e, "alert webhook post failed; retrying later");
                sqlx::query(
                    "UPDATE alerts SET post_attempts = post_attempts + 1, next_post_ms = ?, last_post_error = ? WHERE alert_id = ?",
                )
                .bind(next)
                .bind(e.chars().take(300).collect::<String>())
                .bind(post.alert_id)
                .execute(&self.pool)
                .await?;
            }
        }
        Ok(())
    }

    /// How many posts each alert took so far and whether one was delivered, by key (for tests
    /// and the log).
    pub async fn alert_posts(&self) -> Result<Vec<(String, u32, bool)>, sqlx::Error> {
        let rows: Vec<(String, i64, Option<i64>)> =
            sqlx::query_as("SELECT key, post_attempts, posted_at_ms FROM alerts ORDER BY alert_id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(k, n, p)| (k, u32::try_from(n).unwrap_or(0), p.is_some()))
            .collect())
    }
}

/// Posts one alert to the webhook: 2xx is delivered, anything else an error to retry.
async fn post(client: &reqwest::Client, url: &str, a: &ToPost) -> Result<(), String> {
    let severity = match a.severity {
        AlertSeverity::Critical => "CRITICAL",
        AlertSeverity::Warning => "warning",
    };
    let resp = client
        .post(url)
        .json(&serde_json::json!({ "text": format!("Packbench {severity}: {}", a.message) }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if resp.status().is_success() {
        Ok(())
    } else {
        Err(format!("the webhook answered {}", resp.status()))
    }
}

/// Every `every`: raises `station_offline` where heartbeats stopped, and posts what is due to
/// the webhook, if there is one. Runs for the backend's life.
pub async fn run(db: TrainingDb, webhook_url: Option<String>, every: Duration) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default();
    loop {
        let now = now_ms();
        if let Err(e) = db.sweep_offline(now).await {
            tracing::warn!(error = %e, "offline sweep failed");
        }
        if let Some(url) = &webhook_url {
            match db.alerts_to_post(now).await {
                Ok(due) => {
                    for a in due {
                        let outcome = post(&client, url, &a).await;
                        if let Err(e) = db.note_post(&a, outcome, now_ms()).await {
                            tracing::warn!(error = %e, "alert post not noted");
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "alerts to post not read"),
            }
        }
        tokio::time::sleep(every).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_five_minutes() {
        let waits: Vec<i64> = (0..12).map(retry_delay_ms).collect();
        assert_eq!(&waits[..4], &[1_000, 2_000, 4_000, 8_000]);
        assert!(waits.windows(2).all(|w| w[1] >= w[0]));
        assert_eq!(waits[11], MAX_RETRY_MS);
        assert_eq!(retry_delay_ms(u32::MAX), MAX_RETRY_MS);
    }

    #[test]
    fn a_station_cannot_raise_offline_or_garbage() {
        let ok = StationAlert {
            key: "printer_out_of_labels/ST-01/label_printer".into(),
            kind: "printer_out_of_labels".into(),
            severity: AlertSeverity::Critical,
            message: "ST-01: label printer out of labels. Load a new roll.".into(),
        };
        assert!(check(std::slice::from_ref(&ok)).is_ok());
        for bad in [
            StationAlert {
                kind: STATION_OFFLINE.into(),
                ..ok.clone()
            },
            StationAlert {
                kind: "Printer Out".into(),
                ..ok.clone()
            },
            StationAlert {
                message: "line\nbreak".into(),
                ..ok.clone()
            },
            StationAlert {
                key: String::new(),
                ..ok.clone()
            },
        ] {
            assert!(check(std::slice::from_ref(&bad)).is_err(), "{bad:?}");
        }
        assert!(check(&[ok.clone(), ok]).is_ok(), "a key twice counts once");
    }
}
