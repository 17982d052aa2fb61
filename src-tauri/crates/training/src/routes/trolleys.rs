//! Trolley routes: a supervisor's read of a manifest, claim, release and force-release, and a
//! supervisor's read of a trolley's releases.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use packbench_contract::{
    ApiError, ForceRelease, IdempotencyHeader, ReleaseEntry, ReleaseQuery, Released, SessionHeader,
    StationHeader, TrolleyParam,
};
use packbench_core::Manifest;

use super::error::ApiErr;
use super::extract::{
    trolley_code, ApiJson, ApiQuery, AppState, IdempotencyKey, Station, Supervisor, TrolleyPath,
};
use super::responses::{BodyRefused, NotATrolley, StationAuth, SupervisorAuth, TrolleyUnknown};

#[utoipa::path(get, path = "/v1/trolleys/{trolley}", tag = "trolleys",
    description = "A trolley's manifest without claiming it (supervisors).",
    params(TrolleyParam, StationHeader),
    responses(
        (status = 200, description = "The manifest", body = Manifest),
        NotATrolley,
        StationAuth,
        TrolleyUnknown,
    ),
    security(("bearer" = [])))]
pub(crate) async fn trolley(
    State(st): State<Arc<AppState>>,
    _: Station,
    TrolleyPath(t): TrolleyPath,
) -> Result<Json<Manifest>, ApiErr> {
    Ok(Json(st.db.manifest(&t).await?))
}

#[utoipa::path(post, path = "/v1/trolleys/{trolley}/claim", tag = "trolleys",
    description = "Claims a captured trolley for the calling station, atomically: of stations \
        claiming at once exactly one wins. Re-claiming a trolley the station holds returns its \
        manifest again (a restarted station resumes), so the call is idempotent per station.",
    params(TrolleyParam, StationHeader),
    responses(
        (status = 200, description = "Claimed: the manifest", body = Manifest),
        NotATrolley,
        StationAuth,
        TrolleyUnknown,
        (status = 409, description = "Held by another station (`trolley_claimed`, with `holder`) or already packed (`trolley_packed`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(crate) async fn claim(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    TrolleyPath(t): TrolleyPath,
) -> Result<Json<Manifest>, ApiErr> {
    let m = st.db.claim(&t, &station).await?;
    tracing::info!(trolley = %t, %station, "claimed");
    Ok(Json(m))
}

#[utoipa::path(post, path = "/v1/trolleys/{trolley}/release", tag = "trolleys",
    description = "Gives a claimed trolley back; only the holding station may. Idempotent: a \
        retry under the same key gets the first answer again.",
    params(TrolleyParam, StationHeader, IdempotencyHeader),
    responses(
        (status = 200, description = "Released (or released before under this key)", body = Released),
        (status = 400, description = "Not a trolley code (`bad_request`), no or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        StationAuth,
        TrolleyUnknown,
        (status = 409, description = "Not held by this station (`trolley_not_claimed`), key reused for another request (`idempotency_key_reused`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(crate) async fn release(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    TrolleyPath(t): TrolleyPath,
    IdempotencyKey(key): IdempotencyKey,
) -> Result<Json<Released>, ApiErr> {
    let released = st.db.release_keyed(&station, &key, &t).await?;
    tracing::info!(trolley = %t, %station, "released");
    Ok(Json(released))
}

#[utoipa::path(post, path = "/v1/trolleys/{trolley}/force-release", tag = "supervisor",
    description = "A supervisor takes a claim away from whichever station holds it (a crashed \
        or abandoned station), with a reason that is kept. Idempotent per key.",
    params(TrolleyParam, StationHeader, IdempotencyHeader, SessionHeader),
    request_body = ForceRelease,
    responses(
        (status = 200, description = "Released", body = Released),
        (status = 400, description = "Not a trolley code (`bad_request`), no or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        SupervisorAuth,
        TrolleyUnknown,
        (status = 409, description = "Not claimed by any station (`trolley_not_claimed`), key reused (`idempotency_key_reused`)", body = ApiError),
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn force_release(
    State(st): State<Arc<AppState>>,
    Supervisor {
        station,
        supervisor,
    }: Supervisor,
    TrolleyPath(t): TrolleyPath,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(req): ApiJson<ForceRelease>,
) -> Result<Json<Released>, ApiErr> {
    Ok(Json(
        st.db
            .force_release(&station, &key, &supervisor, &t, &req)
            .await?,
    ))
}

#[utoipa::path(get, path = "/v1/releases", tag = "supervisor",
    description = "A trolley's releases, oldest first: each time its claim ended, given back by \
        the holding station or taken away by a supervisor (`forced_by`), and whether the trolley \
        was packed then. A retried release (same key) is one release.",
    params(ReleaseQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Releases", body = Vec<ReleaseEntry>),
        (status = 400, description = "Missing or malformed trolley code (`bad_request`)", body = ApiError),
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn list_releases(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
    ApiQuery(q): ApiQuery<ReleaseQuery>,
) -> Result<Json<Vec<ReleaseEntry>>, ApiErr> {
    let t = trolley_code(&q.trolley)?;
    Ok(Json(st.db.releases_of(t.as_str()).await?))
}
