//! Roll-out routes: the update manifest a station's ring is offered, IT's publish, the
//! supervisor's view of every ring and their hold / resume / roll-back.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use packbench_contract::{
    codes, ApiError, IdempotencyHeader, PublishRelease, PublishedRelease, RingParam, RingStatus,
    RolloutAction, RolloutOverview, SessionHeader, StationHeader, UpdateManifest, UpdatePathParams,
};
use packbench_core::rollout::{valid_ring, well_formed_version};

use super::error::{err, ApiErr};
use super::extract::{ApiJson, AppState, IdempotencyKey, Station, Supervisor};
use super::responses::{BodyRefused, KeyMissing, StationAuth, SupervisorAuth};

fn ring_path(ring: &str) -> Result<(), ApiErr> {
    if valid_ring(ring) {
        Ok(())
    } else {
        Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            format!("{ring:?} is not a ring: 1-32 lowercase letters, digits or '-', starting with a letter"),
        ))
    }
}

#[utoipa::path(get, path = "/v1/updates/{ring}/{target}/{current_version}", tag = "station",
    description = "The release this station's ring is offered, in Tauri updater's dynamic \
        format (`version`, `notes`, `url`, `signature`) plus `ring` and `rollback`: the ring's \
        release when newer than `current_version` and the ring is not held, or, after a \
        roll-back, the ring's earlier release marked `rollback: true` for a station on any \
        other version. 204 when there is nothing to install. The station verifies the \
        package's signature against its release key either way.",
    params(UpdatePathParams, StationHeader),
    responses(
        (status = 200, description = "A release to install", body = UpdateManifest),
        (status = 204, description = "Nothing to install"),
        (status = 400, description = "Not a ring, a target or a version (`bad_request`)", body = ApiError),
        StationAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn update(
    State(st): State<Arc<AppState>>,
    _: Station,
    Path((ring, target, current_version)): Path<(String, String, String)>,
) -> Result<Response, ApiErr> {
    ring_path(&ring)?;
    let target_ok = (1..=64).contains(&target.len())
        && target
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !target_ok {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            format!("{target:?} is not a target like linux-x86_64"),
        ));
    }
    if !well_formed_version(&current_version) {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            format!("{current_version:?} is not a version like 0.1.0"),
        ));
    }
    Ok(
        match st.db.update_for(&ring, &target, &current_version).await? {
            Some(m) => Json(m).into_response(),
            None => StatusCode::NO_CONTENT.into_response(),
        },
    )
}

#[utoipa::path(post, path = "/v1/rollout/releases", tag = "supervisor",
    description = "IT publishes a signed release (the package's URL and its `.sig`): it is \
        offered to the `canary` ring at once, then walks named groups, `early` and `general` as \
        each ring's soak shows it no worse than the release before. The version must be newer \
        than every release published before. Idempotent per key.",
    params(StationHeader, SessionHeader, IdempotencyHeader),
    request_body = PublishRelease,
    responses(
        (status = 200, description = "Published to canary", body = PublishedRelease),
        KeyMissing,
        SupervisorAuth,
        (status = 409, description = "Not newer than a published release (`release_not_newer`), key reused (`idempotency_key_reused`)", body = ApiError),
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn publish(
    State(st): State<Arc<AppState>>,
    Supervisor {
        station,
        supervisor,
    }: Supervisor,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(p): ApiJson<PublishRelease>,
) -> Result<Json<PublishedRelease>, ApiErr> {
    Ok(Json(
        st.db
            .publish_release(&station, &key, &supervisor, &p)
            .await?,
    ))
}

#[utoipa::path(get, path = "/v1/rollout", tag = "supervisor",
    description = "Every ring in the order a release walks them (canary, named groups \
        alphabetically, early, general): its release, the one before, how many stations run \
        which version, the health check while it soaks and the last decision with the \
        comparison behind it; and the releases published, newest first.",
    params(StationHeader, SessionHeader),
    responses(
        (status = 200, description = "The roll-out", body = RolloutOverview),
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn overview(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
) -> Result<Json<RolloutOverview>, ApiErr> {
    Ok(Json(st.db.rollout_overview().await?))
}

#[utoipa::path(post, path = "/v1/rollout/{ring}/actions", tag = "supervisor",
    description = "A supervisor or IT holds a ring (its release is offered no further and \
        moves on no further), resumes it (the release soaks afresh), or rolls it back (its \
        previous release is offered, marked as a roll-back, and the ring is held). Idempotent \
        per key.",
    params(RingParam, StationHeader, SessionHeader, IdempotencyHeader),
    request_body = RolloutAction,
    responses(
        (status = 200, description = "The ring now", body = RingStatus),
        (status = 400, description = "Not a ring (`bad_request`), no or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        SupervisorAuth,
        (status = 409, description = "No earlier release to roll back to (`nothing_to_roll_back`), key reused (`idempotency_key_reused`)", body = ApiError),
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn action(
    State(st): State<Arc<AppState>>,
    Supervisor {
        station,
        supervisor,
    }: Supervisor,
    Path(ring): Path<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(a): ApiJson<RolloutAction>,
) -> Result<Json<RingStatus>, ApiErr> {
    ring_path(&ring)?;
    Ok(Json(
        st.db
            .rollout_action(&station, &key, &supervisor, &ring, &a)
            .await?,
    ))
}
