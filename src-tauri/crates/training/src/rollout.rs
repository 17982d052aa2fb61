//! Fleet roll-outs in the training backend: releases IT publishes, the release each ring is
//! offered (`GET /v1/updates/{ring}/{target}/{current_version}`), and the controller that moves a
//! release from ring to ring. Each heartbeat carrying the station's run figures is kept as a
//! sample; after it the controller ([`advance`]) checks every ring whose release soaks, by
//! `packbench_core::rollout::compare`, and promotes it to the next ring or holds it and raises
//! an alert. Time is the stations' own heartbeat timestamps, never this process's clock.

use sqlx::{Row, SqliteConnection};

use super::alerts;
use super::db::TrainingDb;
use super::movements::{check_text, WriteError};
use packbench_contract::{
    AlertSeverity, DecisionKind, Heartbeat, PublishRelease, PublishedRelease, RingState,
    RingStatus, RolloutAction, RolloutActionKind, RolloutDecision, RolloutOverview, UpdateManifest,
    VersionCount, DEFAULT_TARGET,
};
use packbench_core::rollout::{
    compare, figures, newer, ring_order, valid_ring, version_key, well_formed_version,
    HealthComparison, RunSample, Verdict, CANARY, DEFAULT_RING, DEFAULT_SOAK_STATION_HOURS,
    MIN_EVENTS, WORSE_MARGIN,
};
use packbench_sqlite::now_ms;

/// The alerts the roll-out raises are the fleet's, not a station's: they carry this in place of
/// a station id (one no station can have, so no heartbeat clears them).
pub const ROLLOUT_ALERT_STATION: &str = "(roll-out)";
/// The kind of alert raised when a release is held.
pub const RELEASE_HELD: &str = "release_held";

#[derive(Clone, Debug, Default)]
struct RingRow {
    ring: String,
    version: Option<String>,
    previous_version: Option<String>,
    rollback: bool,
    held: bool,
    held_reason: Option<String>,
    soak_from_sample: i64,
}

async fn ring_row(conn: &mut SqliteConnection, ring: &str) -> Result<Option<RingRow>, sqlx::Error> {
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

async fn save_ring(conn: &mut SqliteConnection, r: &RingRow, now: i64) -> Result<(), sqlx::Error> {
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
async fn decide(
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

async fn last_sample_id(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(sample_id), 0) FROM rollout_samples")
        .fetch_one(&mut *conn)
        .await
}

/// The rings in walking order: the three fixed ones and every named group a station reported or
/// IT acted on.
async fn stages(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    let named: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT ring FROM rollout_samples UNION SELECT ring FROM rollout_rings",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(ring_order(named.iter().map(String::as_str)))
}

/// Samples of `version`, in `ring` (all rings if none), after sample `after`.
async fn samples(
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

async fn ring_has_stations(conn: &mut SqliteConnection, ring: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM rollout_samples WHERE ring = ?)")
        .bind(ring)
        .fetch_one(&mut *conn)
        .await
}

async fn soak_of(conn: &mut SqliteConnection, version: &str) -> Result<f64, sqlx::Error> {
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
async fn check(
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

async fn clear_held_alerts(
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
async fn offer(
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

fn rate(r: Option<f64>) -> String {
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

fn release_of(r: &sqlx::sqlite::SqliteRow) -> PublishedRelease {
    PublishedRelease {
        version: r.get(0),
        target: r.get(1),
        url: r.get(2),
        notes: r.get(3),
        soak_station_hours: r.get(4),
        published_by: r.get(5),
        published_at_ms: r.get(6),
    }
}

const RELEASE_COLUMNS: &str =
    "version, target, url, notes, soak_station_hours, published_by, published_at_ms";

async fn releases(conn: &mut SqliteConnection) -> Result<Vec<PublishedRelease>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT {RELEASE_COLUMNS} FROM rollout_releases"))
        .fetch_all(&mut *conn)
        .await?;
    let mut all: Vec<PublishedRelease> = rows.iter().map(release_of).collect();
    all.sort_by_key(|r| std::cmp::Reverse(version_key(&r.version)));
    Ok(all)
}

fn check_publish(p: &PublishRelease) -> Result<(), WriteError> {
    let bad = |m: &str| Err(WriteError::Invalid(m.into()));
    if !well_formed_version(&p.version) || p.version.contains('+') || p.version.ends_with('-') {
        return bad("version must be major.minor.patch, optionally -pre-release (like 0.2.0)");
    }
    if !(p.url.starts_with("https://") || p.url.starts_with("http://"))
        || p.url.len() > 2000
        || p.url.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return bad("url must be an http(s) URL of the package, without spaces");
    }
    check_text("signature", &p.signature, 4000)
        .or_else(|_| bad("signature must be the .sig file's contents (1-4000 characters)"))?;
    if let Some(n) = &p.notes {
        if n.chars().count() > 4000 {
            return bad("notes must be at most 4000 characters");
        }
    }
    if let Some(t) = &p.target {
        let ok = (1..=64).contains(&t.len())
            && t.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !ok {
            return bad("target must be Tauri's {os}-{arch}, like linux-x86_64");
        }
    }
    if let Some(h) = p.soak_station_hours {
        if !(0.0..=100_000.0).contains(&h) {
            return bad("soak_station_hours must be 0 to 100000");
        }
    }
    Ok(())
}

async fn latest_decision(
    conn: &mut SqliteConnection,
    ring: &str,
) -> Result<Option<RolloutDecision>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT version, kind, by_whom, reason, comparison_json, decided_at_ms
         FROM rollout_decisions WHERE ring = ? ORDER BY decision_id DESC LIMIT 1",
    )
    .bind(ring)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.and_then(|r| {
        let kind = serde_json::from_value(serde_json::Value::String(r.get(1))).ok()?;
        Some(RolloutDecision {
            ring: ring.to_owned(),
            version: r.get(0),
            kind,
            by: r.get(2),
            reason: r.get(3),
            comparison: r
                .get::<Option<String>, _>(4)
                .and_then(|j| serde_json::from_str(&j).ok()),
            decided_at_ms: r.get(5),
        })
    }))
}

/// One ring as the desk shows it.
async fn ring_status(
    conn: &mut SqliteConnection,
    ring: &str,
    next: Option<&str>,
) -> Result<RingStatus, sqlx::Error> {
    let row = ring_row(conn, ring).await?;
    let counts = sqlx::query(
        "SELECT version, COUNT(*) FROM rollout_samples s
         WHERE ring = ? AND sample_id = (SELECT MAX(sample_id) FROM rollout_samples l WHERE l.station = s.station)
         GROUP BY version",
    )
    .bind(ring)
    .fetch_all(&mut *conn)
    .await?;
    let mut stations: Vec<VersionCount> = counts
        .iter()
        .map(|r| VersionCount {
            version: r.get(0),
            stations: r.get::<i64, _>(1) as u32,
        })
        .collect();
    stations.sort_by_key(|c| std::cmp::Reverse(version_key(&c.version)));
    let next_version = match next {
        Some(n) => ring_row(conn, n).await?.and_then(|r| r.version),
        None => None,
    };
    let r = row.unwrap_or(RingRow {
        ring: ring.to_owned(),
        ..RingRow::default()
    });
    let state = match &r.version {
        None => RingState::Waiting,
        Some(_) if r.rollback => RingState::RolledBack,
        Some(_) if r.held => RingState::Held,
        Some(_) if next.is_none() => RingState::Done,
        Some(v) if next_version.as_deref().is_some_and(|nv| !newer(v, nv)) => RingState::Done,
        Some(_) => RingState::Soaking,
    };
    let soaking = match (&state, &r.version) {
        (RingState::Soaking, Some(v)) => Some(check(conn, &r, v).await?),
        _ => None,
    };
    Ok(RingStatus {
        ring: ring.to_owned(),
        state,
        version: r.version.clone(),
        previous_version: r.previous_version.clone(),
        held_reason: r.held_reason.clone(),
        stations,
        soaking,
        last_decision: latest_decision(conn, ring).await?,
    })
}

impl TrainingDb {
    /// What a station of `ring` on `current_version` is offered: the ring's release when newer
    /// (none while the ring is held), or its roll-back release when the station runs another;
    /// `None` (204) otherwise.
    pub async fn update_for(
        &self,
        ring: &str,
        target: &str,
        current_version: &str,
    ) -> Result<Option<UpdateManifest>, WriteError> {
        if !valid_ring(ring) {
            return Err(WriteError::Invalid(format!("{ring:?} is not a ring name")));
        }
        if version_key(current_version).is_none() {
            return Err(WriteError::Invalid(format!(
                "{current_version:?} is not a version"
            )));
        }
        let mut conn = self.pool.acquire().await?;
        let Some(r) = ring_row(&mut conn, ring).await? else {
            return Ok(None);
        };
        let Some(version) = r.version else {
            return Ok(None);
        };
        let offered = if r.rollback {
            version != current_version
        } else {
            !r.held && newer(&version, current_version)
        };
        if !offered {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT url, signature, notes FROM rollout_releases WHERE version = ? AND target = ?",
        )
        .bind(&version)
        .bind(target)
        .fetch_optional(&mut *conn)
        .await?;
        Ok(row.map(|row| UpdateManifest {
            version,
            notes: row.get(2),
            url: row.get(0),
            signature: row.get(1),
            ring: ring.to_owned(),
            rollback: r.rollback,
        }))
    }

    /// IT publishes a release: it is offered to `canary` at once.
    pub async fn publish_release(
        &self,
        station: &str,
        key: &str,
        by: &str,
        p: &PublishRelease,
    ) -> Result<PublishedRelease, WriteError> {
        check_publish(p)?;
        self.idempotent(station, key, "rollout_releases", p, async |conn: &mut SqliteConnection| {
            let now = now_ms();
            if let Some(latest) = releases(conn).await?.first() {
                if !newer(&p.version, &latest.version) {
                    return Err(WriteError::ReleaseNotNewer {
                        version: p.version.clone(),
                        latest: latest.version.clone(),
                    });
                }
            }
            let release = PublishedRelease {
                version: p.version.clone(),
                target: p.target.clone().unwrap_or_else(|| DEFAULT_TARGET.to_owned()),
                url: p.url.clone(),
                notes: p.notes.clone(),
                soak_station_hours: p.soak_station_hours.unwrap_or(DEFAULT_SOAK_STATION_HOURS),
                published_by: by.to_owned(),
                published_at_ms: now,
            };
            sqlx::query(&format!(
                "INSERT INTO rollout_releases ({RELEASE_COLUMNS}, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            ))
            .bind(&release.version)
            .bind(&release.target)
            .bind(&release.url)
            .bind(&release.notes)
            .bind(release.soak_station_hours)
            .bind(&release.published_by)
            .bind(release.published_at_ms)
            .bind(&p.signature)
            .execute(&mut *conn)
            .await?;
            offer(conn, CANARY, &release.version, now).await?;
            decide(
                conn,
                CANARY,
                &release.version,
                DecisionKind::Published,
                Some(by),
                p.notes.as_deref().unwrap_or("published"),
                None,
                now,
            )
            .await?;
            advance(conn, now).await?;
            Ok(release)
        })
        .await
    }

    /// A supervisor or IT holds, resumes or rolls back a ring.
    pub async fn rollout_action(
        &self,
        station: &str,
        key: &str,
        by: &str,
        ring: &str,
        a: &RolloutAction,
    ) -> Result<RingStatus, WriteError> {
        if !valid_ring(ring) {
            return Err(WriteError::Invalid(format!("{ring:?} is not a ring name")));
        }
        check_text("reason", &a.reason, 500)?;
        let body = (ring, a);
        self.idempotent(
            station,
            key,
            "rollout_actions",
            &body,
            async |conn: &mut SqliteConnection| {
                let now = now_ms();
                let mut r = ring_row(conn, ring).await?.unwrap_or(RingRow {
                    ring: ring.to_owned(),
                    ..RingRow::default()
                });
                let version = r.version.clone().unwrap_or_default();
                let kind = match a.action {
                    RolloutActionKind::Hold => {
                        r.held = true;
                        r.held_reason = Some(a.reason.clone());
                        DecisionKind::HeldByHand
                    }
                    RolloutActionKind::Resume => {
                        r.held = false;
                        r.rollback = false;
                        r.held_reason = None;
                        r.soak_from_sample = last_sample_id(conn).await?;
                        clear_held_alerts(conn, ring, now).await?;
                        DecisionKind::Resumed
                    }
                    RolloutActionKind::RollBack => {
                        let all = releases(conn).await?;
                        let lower = |than: &str| {
                            all.iter()
                                .find(|rel| newer(than, &rel.version))
                                .map(|rel| rel.version.clone())
                        };
                        let to = r
                            .previous_version
                            .clone()
                            .filter(|p| {
                                newer(&version, p) && all.iter().any(|rel| &rel.version == p)
                            })
                            .or_else(|| lower(&version))
                            .ok_or_else(|| WriteError::NothingToRollBack(ring.to_owned()))?;
                        r.previous_version = lower(&to);
                        r.version = Some(to);
                        r.rollback = true;
                        r.held = true;
                        r.held_reason = Some(a.reason.clone());
                        clear_held_alerts(conn, ring, now).await?;
                        DecisionKind::RolledBack
                    }
                };
                save_ring(conn, &r, now).await?;
                let version_now = r.version.clone().unwrap_or_default();
                decide(
                    conn,
                    ring,
                    &version_now,
                    kind,
                    Some(by),
                    &a.reason,
                    None,
                    now,
                )
                .await?;
                if kind == DecisionKind::Resumed {
                    advance(conn, now).await?;
                }
                let order = stages(conn).await?;
                let next = order
                    .iter()
                    .position(|x| x == ring)
                    .and_then(|i| order.get(i + 1))
                    .cloned();
                Ok(ring_status(conn, ring, next.as_deref()).await?)
            },
        )
        .await
    }

    /// Every ring in walking order, and the releases published.
    pub async fn rollout_overview(&self) -> Result<RolloutOverview, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        let order = stages(&mut conn).await?;
        let mut rings = Vec::with_capacity(order.len());
        for (i, ring) in order.iter().enumerate() {
            let next = order.get(i + 1).map(String::as_str);
            rings.push(ring_status(&mut conn, ring, next).await?);
        }
        Ok(RolloutOverview {
            rings,
            releases: releases(&mut conn).await?,
            worse_margin: WORSE_MARGIN,
            min_events: MIN_EVENTS,
        })
    }
}
