//! What supervisors need from the training backend: packer sessions, station heartbeats, the
//! reads (stations, throughput, movements) and taking a claim away from a station. Weight override
//! requests are in `weight_requests`.

use sha2::{Digest, Sha256};
use sqlx::{Row, SqliteConnection};

use super::db::{ClaimError, TrainingDb};
use super::movements::{check_text, normal_trolley, WriteError};
use packbench_contract::{
    ForceRelease, Heartbeat, HeartbeatReceipt, MovementEntry, Packer, ReleaseEntry, Released,
    SignedIn, StationStatus, Throughput, ThroughputGroup, ThroughputRow, STALE_AFTER_MS,
};
use packbench_core::desk::PackedOrder;
use packbench_core::TrolleyCode;
use packbench_sqlite::now_ms;

/// How long a sign-in lasts: a shift and a bit.
pub const SESSION_TTL_MS: i64 = 12 * 60 * 60 * 1000;

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why a supervisor endpoint refused the caller.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("no valid session: sign in again")]
    Invalid,
    #[error("{0} is not a supervisor")]
    NotSupervisor(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl TrainingDb {
    /// Opens a session for a packer who just signed in.
    pub async fn open_session(
        &self,
        packer: Packer,
        station: &str,
    ) -> Result<SignedIn, sqlx::Error> {
        let token = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let now = now_ms();
        let expires_at_ms = now + SESSION_TTL_MS;
        let _lane = self.writer.lock().await;
        sqlx::query(
            "INSERT INTO packer_sessions (token_sha256, packer_id, station, created_at_ms, expires_at_ms)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(token_hash(&token))
        .bind(&packer.packer_id)
        .bind(station)
        .bind(now)
        .bind(expires_at_ms)
        .execute(&self.pool)
        .await?;
        Ok(SignedIn {
            packer,
            session_token: token,
            expires_at_ms,
        })
    }

    /// The supervisor's id behind a session token, or why not.
    pub async fn supervisor(&self, token: Option<&str>) -> Result<String, SessionError> {
        let token = token
            .filter(|t| !t.is_empty())
            .ok_or(SessionError::Invalid)?;
        let row = sqlx::query(
            "SELECT p.packer_id, p.role FROM packer_sessions s JOIN packers p ON p.packer_id = s.packer_id
             WHERE s.token_sha256 = ? AND s.expires_at_ms > ?",
        )
        .bind(token_hash(token))
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(SessionError::Invalid)?;
        let (id, role): (String, String) = (row.get(0), row.get(1));
        if role != "supervisor" {
            return Err(SessionError::NotSupervisor(id));
        }
        Ok(id)
    }

    /// The holding station gives its trolley back, under an idempotency key.
    pub async fn release_keyed(
        &self,
        station: &str,
        key: &str,
        trolley: &TrolleyCode,
    ) -> Result<Released, WriteError> {
        self.idempotent(
            station,
            key,
            "release",
            &trolley.as_str(),
            async |conn: &mut SqliteConnection| {
                release_in(conn, trolley, Some(station), None).await?;
                Ok(Released {
                    released: trolley.to_string(),
                })
            },
        )
        .await
    }

    /// A supervisor takes a claim away from whichever station holds it.
    pub async fn force_release(
        &self,
        station: &str,
        key: &str,
        supervisor_id: &str,
        trolley: &TrolleyCode,
        body: &ForceRelease,
    ) -> Result<Released, WriteError> {
        check_text("reason", &body.reason, 200)?;
        self.idempotent(
            station,
            key,
            "force-release",
            &(trolley.as_str(), body),
            async |conn: &mut SqliteConnection| {
                let holder = release_in(conn, trolley, None, Some(supervisor_id)).await?;
                sqlx::query(
                    "INSERT INTO forced_releases (trolley, holder, supervisor_id, reason, released_at_ms)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(trolley.as_str())
                .bind(&holder)
                .bind(supervisor_id)
                .bind(&body.reason)
                .bind(now_ms())
                .execute(&mut *conn)
                .await?;
                tracing::warn!(trolley = %trolley, %holder, supervisor = supervisor_id, "claim released by a supervisor");
                Ok(Released {
                    released: trolley.to_string(),
                })
            },
        )
        .await
    }

    pub async fn record_heartbeat(
        &self,
        station: &str,
        key: &str,
        h: &Heartbeat,
    ) -> Result<HeartbeatReceipt, WriteError> {
        if h.station_id != station {
            return Err(WriteError::StationMismatch {
                body: h.station_id.clone(),
                header: station.to_owned(),
            });
        }
        check_text("app_version", &h.app_version, 32)?;
        for (what, v) in [("packer_id", &h.packer_id), ("step", &h.step)] {
            if let Some(v) = v {
                check_text(what, v, 64)?;
            }
        }
        if let Some(t) = &h.trolley {
            normal_trolley(t)?;
        }
        if h.slot.is_some_and(|s| s == 0 || s > 99) {
            return Err(WriteError::Invalid("slot must be 1-99".into()));
        }
        if h.devices.len() > 20 {
            return Err(WriteError::Invalid("at most 20 devices".into()));
        }
        for d in &h.devices {
            check_text("device name", &d.name, 64)?;
            if d.problems.len() > 20 {
                return Err(WriteError::Invalid("at most 20 problems a device".into()));
            }
        }
        let c = &h.counters;
        let o = &h.outbox;
        if [c.orders_packed, c.units_packed, c.parcels, c.exceptions]
            .iter()
            .any(|&n| n > 1_000_000)
            || o.pending > 1_000_000_000
            || o.failed > 1_000_000_000
            || o.oldest_pending_age_ms
                .is_some_and(|a| a > 1_000_000_000_000)
            || h.sent_at_ms > 10_000_000_000_000
        {
            return Err(WriteError::Invalid("a counter is out of range".into()));
        }
        super::alerts::check(&h.alerts)?;
        super::rollout::check_heartbeat(h)?;
        let json = serde_json::to_string(h).map_err(|e| WriteError::Invalid(e.to_string()))?;
        self.idempotent(
            station,
            key,
            "heartbeats",
            h,
            async |conn: &mut SqliteConnection| {
                let received_at_ms = now_ms();
                sqlx::query(
                    "INSERT INTO heartbeats (station, heartbeat_json, received_at_ms) VALUES (?, ?, ?)",
                )
                .bind(station)
                .bind(&json)
                .bind(received_at_ms)
                .execute(&mut *conn)
                .await?;
                super::alerts::sync_station(conn, station, &h.alerts, received_at_ms).await?;
                super::rollout::record_sample(conn, station, h, received_at_ms).await?;
                Ok(HeartbeatReceipt { received_at_ms })
            },
        )
        .await
    }

    /// Every station's latest heartbeat, by station id.
    pub async fn stations(&self, now_ms: i64) -> Result<Vec<StationStatus>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT h.station, h.heartbeat_json, h.received_at_ms FROM heartbeats h
             WHERE h.heartbeat_id = (SELECT MAX(heartbeat_id) FROM heartbeats l WHERE l.station = h.station)
             ORDER BY h.station",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                let last_seen_ms: i64 = r.get(2);
                Ok(StationStatus {
                    station_id: r.get(0),
                    last_seen_ms,
                    stale: now_ms - last_seen_ms > STALE_AFTER_MS,
                    heartbeat: serde_json::from_str(&r.get::<String, _>(1))
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                })
            })
            .collect()
    }

    /// Work per packer or station in `[from_ms, to_ms)`: from movements (orders, lines, units,
    /// parcels) and exceptions.
    pub async fn throughput(
        &self,
        from_ms: i64,
        to_ms: i64,
        group_by: ThroughputGroup,
    ) -> Result<Throughput, sqlx::Error> {
        let col = match group_by {
            ThroughputGroup::Packer => "packer_id",
            ThroughputGroup::Station => "station",
        };
        let sql = format!(
            "WITH work AS (
               SELECT {col} AS k, COUNT(DISTINCT order_id) AS orders, SUM(qty) AS units,
                      COUNT(DISTINCT order_id || '/' || line_no) AS lines,
                      COUNT(DISTINCT parcel_id) AS parcels
               FROM movements WHERE recorded_at_ms >= ?1 AND recorded_at_ms < ?2 GROUP BY {col}),
             exc AS (
               SELECT k, COUNT(*) AS n FROM (
                 SELECT {col} AS k FROM line_exceptions WHERE recorded_at_ms >= ?1 AND recorded_at_ms < ?2
                 UNION ALL
                 SELECT {col} AS k FROM order_exceptions WHERE recorded_at_ms >= ?1 AND recorded_at_ms < ?2)
               GROUP BY k),
             keys AS (SELECT k FROM work UNION SELECT k FROM exc)
             SELECT keys.k, COALESCE(w.orders, 0), COALESCE(w.units, 0), COALESCE(w.lines, 0),
                    COALESCE(w.parcels, 0), COALESCE(e.n, 0)
             FROM keys LEFT JOIN work w ON w.k = keys.k LEFT JOIN exc e ON e.k = keys.k
             ORDER BY keys.k"
        );
        let rows = sqlx::query(&sql)
            .bind(from_ms)
            .bind(to_ms)
            .fetch_all(&self.pool)
            .await?;
        Ok(Throughput {
            from_ms,
            to_ms,
            group_by,
            rows: rows
                .into_iter()
                .map(|r| ThroughputRow {
                    key: r.get(0),
                    orders: r.get(1),
                    units: r.get(2),
                    lines: r.get(3),
                    parcels: r.get(4),
                    exceptions: r.get(5),
                })
                .collect(),
        })
    }

    /// Per-order facts of the orders whose last movement was recorded in `[from_ms, to_ms)`:
    /// who packed the last parcel where, units, lines and parcels moved, exceptions recorded.
    /// Orders sent whole to exception (no parcel) are not packed orders and are left out.
    pub async fn packed_orders(
        &self,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<PackedOrder>, sqlx::Error> {
        let rows = sqlx::query(
            "WITH done AS (
               SELECT order_id, MAX(recorded_at_ms) AS at, SUM(qty) AS units,
                      COUNT(DISTINCT line_no) AS lines, COUNT(DISTINCT parcel_id) AS parcels,
                      MAX(movement_id) AS last_id
               FROM movements GROUP BY order_id
               HAVING MAX(recorded_at_ms) >= ?1 AND MAX(recorded_at_ms) < ?2)
             SELECT d.order_id, m.station, m.packer_id, d.at, d.units, d.lines, d.parcels,
                    (SELECT COUNT(*) FROM line_exceptions e WHERE e.order_id = d.order_id)
                    + (SELECT COUNT(*) FROM order_exceptions o WHERE o.order_id = d.order_id)
             FROM done d JOIN movements m ON m.movement_id = d.last_id
             ORDER BY d.at, d.order_id LIMIT 100000",
        )
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| PackedOrder {
                order_id: r.get(0),
                station: r.get(1),
                packer_id: r.get(2),
                completed_at_ms: r.get(3),
                units: r.get::<i64, _>(4).clamp(0, u32::MAX.into()) as u32,
                lines: r.get::<i64, _>(5).clamp(0, u32::MAX.into()) as u32,
                parcels: r.get::<i64, _>(6).clamp(0, u32::MAX.into()) as u32,
                exceptions: r.get::<i64, _>(7).clamp(0, u32::MAX.into()) as u32,
            })
            .collect())
    }

    /// A trolley's releases, oldest first.
    pub async fn releases_of(&self, trolley: &str) -> Result<Vec<ReleaseEntry>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT release_id, trolley, holder, forced_by, packed, released_at_ms
             FROM releases WHERE trolley = ? ORDER BY release_id LIMIT 10000",
        )
        .bind(trolley)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| ReleaseEntry {
                release_id: r.get(0),
                trolley: r.get(1),
                holder: r.get(2),
                forced_by: r.get(3),
                packed: r.get(4),
                released_at_ms: r.get(5),
            })
            .collect())
    }

    /// Movements of a trolley or of an order, oldest first.
    pub async fn movements_of(
        &self,
        trolley: Option<&str>,
        order_id: Option<&str>,
    ) -> Result<Vec<MovementEntry>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT movement_id, trolley, order_id, line_no, sku, qty, from_location, parcel_id, station,
                    packer_id, recorded_at_ms
             FROM movements WHERE (?1 IS NULL OR trolley = ?1) AND (?2 IS NULL OR order_id = ?2)
             ORDER BY movement_id LIMIT 10000",
        )
        .bind(trolley)
        .bind(order_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| MovementEntry {
                movement_id: r.get(0),
                trolley: r.get(1),
                order_id: r.get(2),
                line_no: r.get::<i64, _>(3) as u32,
                sku: r.get(4),
                qty: r.get::<i64, _>(5) as u32,
                from_location: r.get(6),
                parcel_id: r.get(7),
                station: r.get(8),
                packer_id: r.get(9),
                recorded_at_ms: r.get(10),
            })
            .collect())
    }
}

/// Releases the trolley if `station` holds it (any holder when `None`, a supervisor's force:
/// `forced_by`) and records the release; returns the holder.
async fn release_in(
    conn: &mut SqliteConnection,
    trolley: &TrolleyCode,
    station: Option<&str>,
    forced_by: Option<&str>,
) -> Result<String, WriteError> {
    let row = sqlx::query("SELECT status, claimed_by FROM trolleys WHERE trolley = ?")
        .bind(trolley.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| WriteError::TrolleyUnknown(trolley.to_string()))?;
    let holder: Option<String> = row.get(1);
    match (&holder, station) {
        (Some(h), Some(s)) if h == s => {}
        (Some(_), None) => {}
        _ => return Err(ClaimError::NotHolder(trolley.to_string()).into()),
    }
    // Every unit dispatched or in exception: the trolley is packed (no station may claim it
    // again). Otherwise it goes back to the captured queue (a stale claim taken away).
    let open_lines: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM trolley_slots ts JOIN order_lines l ON l.order_id = ts.order_id
         WHERE ts.trolley = ?1 AND l.qty >
           COALESCE((SELECT SUM(m.qty) FROM movements m
                     WHERE m.order_id = l.order_id AND m.line_no = l.line_no), 0)
         + COALESCE((SELECT SUM(e.units) FROM line_exceptions e
                     WHERE e.order_id = l.order_id AND e.line_no = l.line_no), 0)",
    )
    .bind(trolley.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let status = if open_lines == 0 {
        "packed"
    } else {
        "captured"
    };
    sqlx::query(
        "UPDATE trolleys SET status = ?, claimed_by = NULL, claimed_at_ms = NULL WHERE trolley = ?",
    )
    .bind(status)
    .bind(trolley.as_str())
    .execute(&mut *conn)
    .await?;
    let holder = holder.unwrap_or_default();
    sqlx::query(
        "INSERT INTO releases (trolley, holder, forced_by, packed, released_at_ms)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(trolley.as_str())
    .bind(&holder)
    .bind(forced_by)
    .bind(open_lines == 0)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(holder)
}
