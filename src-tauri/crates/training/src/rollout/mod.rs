//! Fleet roll-outs in the training backend: releases IT publishes, the release each ring is
//! offered (`GET /v1/updates/{ring}/{target}/{current_version}`), and the controller that moves a
//! release from ring to ring. Each heartbeat carrying the station's run figures is kept as a
//! sample; after it the controller ([`advance`]) checks every ring whose release soaks, by
//! `packbench_core::rollout::compare`, and promotes it to the next ring or holds it and raises
//! an alert. Time is the stations' own heartbeat timestamps, never this process's clock.

use sqlx::{Row, SqliteConnection};

use super::db::TrainingDb;
use super::movements::{check_text, WriteError};
use packbench_contract::{
    DecisionKind, PublishRelease, PublishedRelease, RingState, RingStatus, RolloutAction,
    RolloutActionKind, RolloutDecision, RolloutOverview, UpdateManifest, VersionCount,
    DEFAULT_TARGET,
};
use packbench_core::rollout::{
    newer, valid_ring, version_key, well_formed_version, CANARY, DEFAULT_SOAK_STATION_HOURS,
    MIN_EVENTS, WORSE_MARGIN,
};
use packbench_sqlite::now_ms;

/// The alerts the roll-out raises are the fleet's, not a station's: they carry this in place of
/// a station id (one no station can have, so no heartbeat clears them).
pub const ROLLOUT_ALERT_STATION: &str = "(roll-out)";
/// The kind of alert raised when a release is held.
pub const RELEASE_HELD: &str = "release_held";

mod controller;

use controller::*;
pub(crate) use controller::{check_heartbeat, record_sample};

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
