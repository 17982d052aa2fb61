//! Weight override request routes: a station asks, polls; a supervisor lists and decides.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use packbench_contract::{
    ApiError, IdempotencyHeader, NewWeightOverrideRequest, SessionHeader, StationHeader,
    WeightOverrideRequest, WeightRequestDecision, WeightRequestParam, WeightRequestQuery,
};

use super::error::ApiErr;
use super::extract::{ApiJson, ApiQuery, AppState, IdempotencyKey, Station, Supervisor};
use super::responses::{BadQuery, BodyRefused, KeyMissing, KeyReused, StationAuth, SupervisorAuth};
use crate::WriteError;

#[utoipa::path(post, path = "/v1/weight-override-requests", tag = "exceptions",
    description = "A station asks a supervisor at the desk to accept a parcel its weight gate \
        refused; it polls the request until a supervisor decides. Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = NewWeightOverrideRequest,
    responses(
        (status = 200, description = "Pending", body = WeightOverrideRequest),
        KeyMissing,
        StationAuth,
        (status = 404, description = "No such order (`order_unknown`)", body = ApiError),
        KeyReused,
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn request_weight_override(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(r): ApiJson<NewWeightOverrideRequest>,
) -> Result<Json<WeightOverrideRequest>, ApiErr> {
    let req = st.db.request_weight_override(&station, &key, &r).await?;
    tracing::info!(%station, order = %r.order_id, request = %req.request_id, "weight override asked of a supervisor");
    Ok(Json(req))
}

#[utoipa::path(get, path = "/v1/weight-override-requests", tag = "supervisor",
    description = "Weight override requests, newest first (at most 500), of one status or all.",
    params(WeightRequestQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Requests", body = Vec<WeightOverrideRequest>),
        BadQuery,
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn list_weight_requests(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
    ApiQuery(q): ApiQuery<WeightRequestQuery>,
) -> Result<Json<Vec<WeightOverrideRequest>>, ApiErr> {
    Ok(Json(st.db.weight_requests(q.status).await?))
}

#[utoipa::path(get, path = "/v1/weight-override-requests/{request_id}", tag = "exceptions",
    description = "One of the calling station's weight override requests: pending, or decided \
        with the supervisor and reason.",
    params(WeightRequestParam, StationHeader),
    responses(
        (status = 200, description = "The request", body = WeightOverrideRequest),
        StationAuth,
        (status = 404, description = "No such request of this station (`request_unknown`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(crate) async fn weight_request(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Station(station): Station,
) -> Result<Json<WeightOverrideRequest>, ApiErr> {
    match st.db.weight_request(&id).await? {
        Some(r) if r.station == station => Ok(Json(r)),
        _ => Err(WriteError::RequestUnknown(id).into()),
    }
}

#[utoipa::path(post, path = "/v1/weight-override-requests/{request_id}/decision", tag = "supervisor",
    description = "A supervisor approves or declines a pending weight override request, with a \
        reason; the asking station then records the override under the supervisor's id. \
        Idempotent per key; a request decided already answers `request_decided`.",
    params(WeightRequestParam, StationHeader, SessionHeader, IdempotencyHeader),
    request_body = WeightRequestDecision,
    responses(
        (status = 200, description = "Decided", body = WeightOverrideRequest),
        KeyMissing,
        SupervisorAuth,
        (status = 404, description = "No such request (`request_unknown`)", body = ApiError),
        (status = 409, description = "Decided already (`request_decided`), key reused (`idempotency_key_reused`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(crate) async fn decide_weight_request(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Supervisor {
        station,
        supervisor,
    }: Supervisor,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(d): ApiJson<WeightRequestDecision>,
) -> Result<Json<WeightOverrideRequest>, ApiErr> {
    let r = st
        .db
        .decide_weight_request(&station, &key, &supervisor, &id, &d)
        .await?;
    tracing::info!(request = %id, %supervisor, approve = d.approve, "weight override request decided");
    Ok(Json(r))
}
