//! The roll-out controller: each heartbeat's run figures kept as a sample, and after it
//! ([`advance`]) every ring whose release soaks checked by `packbench_core::rollout::compare`,
//! promoted to the next ring or held with an alert. Time is the stations' heartbeat timestamps.

use sqlx::{Row, SqliteConnection};

use super::{RELEASE_HELD, ROLLOUT_ALERT_STATION};
use crate::alerts;
use crate::movements::WriteError;
use packbench_contract::{AlertSeverity, DecisionKind, Heartbeat};
use packbench_core::rollout::{
    compare, figures, newer, ring_order, valid_ring, HealthComparison, RunSample, Verdict,
    DEFAULT_RING, DEFAULT_SOAK_STATION_HOURS,
};

#[derive(Clone, Debug, Default)]
pub(super) struct RingRow {
    pub(super) ring: String,
    pub(super) version: Option<String>,
    pub(super) previous_version: Option<String>,
    pub(super) rollback: bool,
    pub(super) held: bool,
    pub(super) held_reason: Option<String>,
    pub(super) soak_from_sample: i64,
}

pub(super) async fn ring_row(
    conn: &mut SqliteConnection,
    ring: &str,
) -> Result<Option<RingRow>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT version, previous_version, rollback, held, held_reason, soak_from_sample
         FROM rollout_rings WHERE ring = ?",
    )
    .bind(ring)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| RingRow {
        ring: ring.to_owned(),
        version: r.get(0),
        previous_version: r.get(1),
        rollback: r.get::<i64, _>(2) != 0,
        held: r.get::<i64, _>(3) != 0,
        held_reason: r.get(4),
        soak_from_sample: r.get(5),
    }))
}

pub(super) async fn save_ring(
    conn: &mut SqliteConnection,
    r: &RingRow,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO rollout_rings (ring, version, previous_version, rollback, held, held_reason, soak_from_sample, updated_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (ring) DO UPDATE SET version = excluded.version,
           previous_version = excluded.previous_version, rollback = excluded.rollback,
           held = excluded.held, held_reason = excluded.held_reason,
           soak_from_sample = excluded.soak_from_sample, updated_at_ms = excluded.updated_at_ms",
    )
    .bind(&r.ring)
    .bind(&r.version)
    .bind(&r.previous_version)
    .bind(i64::from(r.rollback))
    .bind(i64::from(r.held))
    .bind(&r.held_reason)
    .bind(r.soak_from_sample)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn decide(
    conn: &mut SqliteConnection,
    ring: &str,
    version: &str,
    kind: DecisionKind,
    by: Option<&str>,
    reason: &str,
    comparison: Option<&HealthComparison>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let kind_text = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    sqlx::query(
        "INSERT INTO rollout_decisions (ring, version, kind, by_whom, reason, comparison_json, decided_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(ring)
    .bind(version)
    .bind(&kind_text)
    .bind(by)
    .bind(reason)
    .bind(comparison.and_then(|c| serde_json::to_string(c).ok()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    tracing::info!(%ring, %version, decision = %kind_text, %reason, "roll-out decision");
    Ok(())
}

pub(super) async fn last_sample_id(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(sample_id), 0) FROM rollout_samples")
        .fetch_one(&mut *conn)
        .await
}

/// The rings in walking order: the three fixed ones and every named group a station reported or
/// IT acted on.
pub(super) async fn stages(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    let named: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT ring FROM rollout_samples UNION SELECT ring FROM rollout_rings",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(ring_order(named.iter().map(String::as_str)))
}

/// Samples of `version`, in `ring` (all rings if none), after sample `after`.
pub(super) async fn samples(
    conn: &mut SqliteConnection,
    version: &str,
    ring: Option<&str>,
    after: i64,
) -> Result<Vec<RunSample>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT station, sent_at_ms, started_at_ms, restarts_since_boot, orders, units,
                exceptions, refused_writes, reprints, scan_refusals
         FROM rollout_samples
         WHERE version = ?1 AND (?2 IS NULL OR ring = ?2) AND sample_id > ?3",
    )
    .bind(version)
    .bind(ring)
    .bind(after)
    .fetch_all(&mut *conn)
    .await?;
    let n = |r: &sqlx::sqlite::SqliteRow, i: usize| r.get::<i64, _>(i).max(0);
    Ok(rows
        .iter()
        .map(|r| RunSample {
            station: r.get(0),
            sent_at_ms: n(r, 1) as u64,
            started_at_ms: n(r, 2) as u64,
            restarts_since_boot: n(r, 3) as u32,
            orders: n(r, 4) as u32,
            units: n(r, 5) as u32,
            exceptions: n(r, 6) as u32,
            refused_writes: n(r, 7) as u32,
            reprints: n(r, 8) as u32,
            scan_refusals: n(r, 9) as u32,
        })
        .collect())
}

pub(super) async fn ring_has_stations(
    conn: &mut SqliteConnection,
    ring: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM rollout_samples WHERE ring = ?)")
        .bind(ring)
        .fetch_one(&mut *conn)
        .await
}

pub(super) async fn soak_of(
    conn: &mut SqliteConnection,
    version: &str,
) -> Result<f64, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, f64>(
        "SELECT soak_station_hours FROM rollout_releases WHERE version = ?",
    )
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(DEFAULT_SOAK_STATION_HOURS))
}

/// The health check of the ring's release against the version it replaced (on every station
/// that ran it), counting only the ring's heartbeats since the release was offered or resumed.
pub(super) async fn check(
    conn: &mut SqliteConnection,
    r: &RingRow,
    version: &str,
) -> Result<HealthComparison, sqlx::Error> {
    let candidate = figures(&samples(conn, version, Some(&r.ring), r.soak_from_sample).await?);
    let baseline = match &r.previous_version {
        Some(prev) => figures(&samples(conn, prev, None, 0).await?),
        None => Default::default(),
    };
    let soak = soak_of(conn, version).await?;
    Ok(compare(
        version,
        &candidate,
        r.previous_version.as_deref(),
        &baseline,
        soak,
    ))
}

pub(super) async fn clear_held_alerts(
    conn: &mut SqliteConnection,
    ring: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE alerts SET cleared_at_ms = ? WHERE station = ? AND kind = ? AND key LIKE ? AND cleared_at_ms IS NULL",
    )
    .bind(now)
    .bind(ROLLOUT_ALERT_STATION)
    .bind(RELEASE_HELD)
    .bind(format!("{RELEASE_HELD}/{ring}/%"))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Offers `version` to `ring`, remembering what it had.
pub(super) async fn offer(
    conn: &mut SqliteConnection,
    ring: &str,
    version: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let before = ring_row(conn, ring).await?.unwrap_or_default();
    let soak_from_sample = last_sample_id(conn).await?;
    save_ring(
        conn,
        &RingRow {
            ring: ring.to_owned(),
            version: Some(version.to_owned()),
            previous_version: before.version.filter(|v| v != version),
            rollback: false,
            held: false,
            held_reason: None,
            soak_from_sample,
        },
        now,
    )
    .await?;
    clear_held_alerts(conn, ring, now).await
}

pub(super) fn rate(r: Option<f64>) -> String {
    r.map_or_else(|| "-".to_owned(), |r| format!("{r:.3}"))
}

/// The controller: each ring, in order, whose release soaks is checked, and promoted to the
/// next ring (not into a held one) or held with an alert. A ring no station reported from
/// passes its release straight on.
pub(crate) async fn advance(conn: &mut SqliteConnection, now: i64) -> Result<(), sqlx::Error> {
    let order = stages(conn).await?;
    for pair in order.windows(2) {
        let (ring, next_ring) = (&pair[0], &pair[1]);
        let Some(mut r) = ring_row(conn, ring).await? else {
            continue;
        };
        let Some(version) = r.version.clone() else {
            continue;
        };
        if r.held || r.rollback {
            continue;
        }
        let next = ring_row(conn, next_ring).await?;
        if next.as_ref().is_some_and(|n| n.held) {
            continue;
        }
        if let Some(nv) = next.as_ref().and_then(|n| n.version.as_deref()) {
            if !newer(&version, nv) {
                continue;
            }
        }
        if !ring_has_stations(conn, ring).await? {
            offer(conn, next_ring, &version, now).await?;
            let reason = format!("no station in {ring}: {version} goes on to {next_ring}");
            decide(
                conn,
                ring,
                &version,
                DecisionKind::PassedThrough,
                None,
                &reason,
                None,
                now,
            )
            .await?;
            continue;
        }
        let c = check(conn, &r, &version).await?;
        let was = c
            .baseline_version
            .as_deref()
            .unwrap_or("no earlier release");
        match c.verdict {
            Verdict::Soaking => {}
            Verdict::Promote => {
                offer(conn, next_ring, &version, now).await?;
                let reason = format!(
                    "{version} ran {:.1} station-hours in {ring}, no worse than {was}: promoted to {next_ring}",
                    c.candidate.station_hours
                );
                decide(
                    conn,
                    ring,
                    &version,
                    DecisionKind::Promoted,
                    None,
                    &reason,
                    Some(&c),
                    now,
                )
                .await?;
            }
            Verdict::Hold => {
                let worse = c
                    .worse()
                    .map(|m| {
                        format!(
                            "{} {} against {}",
                            m.metric.as_str().replace('_', " "),
                            rate(m.candidate_rate),
                            rate(m.baseline_rate)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                let reason = format!("{version} is worse than {was} in {ring}: {worse}");
                r.held = true;
                r.held_reason = Some(reason.clone());
                save_ring(conn, &r, now).await?;
                decide(
                    conn,
                    ring,
                    &version,
                    DecisionKind::Held,
                    None,
                    &reason,
                    Some(&c),
                    now,
                )
                .await?;
                let message = format!(
                    "Release {version} held at {ring}: {worse} (on {was}). Resume or roll back the ring from the desk's roll-out."
                );
                alerts::raise(
                    conn,
                    ROLLOUT_ALERT_STATION,
                    &format!("{RELEASE_HELD}/{ring}/{version}"),
                    RELEASE_HELD,
                    AlertSeverity::Critical,
                    &message.chars().take(500).collect::<String>(),
                    now,
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Checks what a heartbeat says for the roll-out.
pub(crate) fn check_heartbeat(h: &Heartbeat) -> Result<(), WriteError> {
    if let Some(ring) = &h.ring {
        if !valid_ring(ring) {
            return Err(WriteError::Invalid(
                "ring must be 1-32 lowercase letters, digits or '-', starting with a letter".into(),
            ));
        }
    }
    if let Some(run) = &h.run {
        let counts = [
            run.restarts_since_boot,
            run.orders,
            run.units,
            run.exceptions,
            run.refused_writes,
            run.reprints,
            run.scan_refusals,
        ];
        if counts.iter().any(|&n| n > 1_000_000) || run.started_at_ms > 10_000_000_000_000 {
            return Err(WriteError::Invalid("a run counter is out of range".into()));
        }
    }
    Ok(())
}

/// Keeps the heartbeat's run figures as a sample and runs the controller on them.
pub(crate) async fn record_sample(
    conn: &mut SqliteConnection,
    station: &str,
    h: &Heartbeat,
    now: i64,
) -> Result<(), sqlx::Error> {
    let Some(run) = &h.run else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO rollout_samples (station, ring, version, sent_at_ms, started_at_ms,
            restarts_since_boot, orders, units, exceptions, refused_writes, reprints, scan_refusals)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(station)
    .bind(h.ring.as_deref().unwrap_or(DEFAULT_RING))
    .bind(&h.app_version)
    .bind(h.sent_at_ms as i64)
    .bind(run.started_at_ms as i64)
    .bind(i64::from(run.restarts_since_boot))
    .bind(i64::from(run.orders))
    .bind(i64::from(run.units))
    .bind(i64::from(run.exceptions))
    .bind(i64::from(run.refused_writes))
    .bind(i64::from(run.reprints))
    .bind(i64::from(run.scan_refusals))
    .execute(&mut *conn)
    .await?;
    advance(conn, now).await
}
