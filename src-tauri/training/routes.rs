//! The training backend's HTTP routes: thin handlers over [`TrainingDb`], authenticating every
//! request by bearer token and station id, answering errors as [`ApiError`] JSON.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use packbench_core::desk::PackedOrder;
use packbench_core::{Manifest, TrolleyCode};

use super::db::{ClaimError, TrainingDb};
use super::movements::WriteError;
use super::supervision::SessionError;
use crate::contract::{
    codes, ApiError, CatalogueEntry, ExceptionQuery, ExceptionReceipt, ForceRelease, Health,
    Heartbeat, HeartbeatReceipt, IdempotencyHeader, LineException, MovementBatch, MovementEntry,
    MovementQuery, MovementReceipt, NewShipment, NewWeightOverrideRequest, OpenExceptions,
    OrderException, OverrideEntry, OverrideQuery, OverrideReceipt, OverrideRecord,
    PackedOrdersQuery, Released, SessionHeader, Shipment, ShipmentParam, ShipmentQuery,
    SignInRequest, SignedIn, SkuParam, StationHeader, StationStatus, Throughput, ThroughputQuery,
    TrolleyParam, WeightOverrideRequest, WeightRequestDecision, WeightRequestParam,
    WeightRequestQuery, IDEMPOTENCY_HEADER, MAX_REQUEST_BYTES, SESSION_HEADER, STATION_HEADER,
};

pub(super) struct AppState {
    pub(super) db: TrainingDb,
    token: String,
}

pub fn router(db: TrainingDb, token: String) -> Router {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/trolleys/{trolley}", get(trolley))
        .route("/v1/trolleys/{trolley}/claim", post(claim))
        .route("/v1/trolleys/{trolley}/release", post(release))
        .route("/v1/trolleys/{trolley}/force-release", post(force_release))
        .route("/v1/movements", post(movements).get(list_movements))
        .route("/v1/exceptions", post(exceptions).get(list_exceptions))
        .route("/v1/order-exceptions", post(order_exceptions))
        .route("/v1/overrides", post(overrides).get(list_overrides))
        .route("/v1/shipments", post(shipments).get(list_shipments))
        .route("/v1/shipments/{shipment_id}/void", post(void_shipment))
        .route("/v1/heartbeats", post(heartbeats))
        .route("/v1/stations", get(stations))
        .route("/v1/throughput", get(throughput))
        .route("/v1/packed-orders", get(packed_orders))
        .route(
            "/v1/weight-override-requests",
            post(request_weight_override).get(list_weight_requests),
        )
        .route(
            "/v1/weight-override-requests/{request_id}",
            get(weight_request),
        )
        .route(
            "/v1/weight-override-requests/{request_id}/decision",
            post(decide_weight_request),
        )
        .route("/v1/skus/{sku}/image", get(sku_image))
        .route("/v1/sign-in", post(sign_in))
        .route("/v1/packaging", get(packaging))
        .route("/v1/openapi.json", get(openapi))
        .route(
            crate::contract::training::TRAINING_HINTS_PATH,
            get(super::hints::hints),
        )
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .fallback(|| async {
            ApiErr(
                StatusCode::NOT_FOUND,
                ApiError {
                    code: "not_found".into(),
                    message: "no such endpoint".into(),
                    holder: None,
                },
            )
        })
        .with_state(Arc::new(AppState { db, token }))
}

pub(super) struct ApiErr(StatusCode, ApiError);

impl IntoResponse for ApiErr {
    fn into_response(self) -> Response {
        (self.0, Json(self.1)).into_response()
    }
}

pub(super) fn err(status: StatusCode, code: &str, message: impl Into<String>) -> ApiErr {
    ApiErr(
        status,
        ApiError {
            code: code.into(),
            message: message.into(),
            holder: None,
        },
    )
}

impl From<ClaimError> for ApiErr {
    fn from(e: ClaimError) -> Self {
        match e {
            ClaimError::Unknown(t) => err(StatusCode::NOT_FOUND, codes::TROLLEY_UNKNOWN, t),
            ClaimError::ClaimedBy { trolley, holder } => ApiErr(
                StatusCode::CONFLICT,
                ApiError {
                    code: codes::TROLLEY_CLAIMED.into(),
                    message: trolley,
                    holder: Some(holder),
                },
            ),
            ClaimError::Packed(t) => err(
                StatusCode::CONFLICT,
                codes::TROLLEY_PACKED,
                format!("trolley {t} is already packed"),
            ),
            ClaimError::NotHolder(t) => err(
                StatusCode::CONFLICT,
                codes::TROLLEY_NOT_CLAIMED,
                format!("trolley {t} is not claimed by this station"),
            ),
            ClaimError::Db(e) => {
                tracing::error!(error = %e, "training database failed");
                err(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    codes::INTERNAL,
                    "database error",
                )
            }
        }
    }
}

impl From<WriteError> for ApiErr {
    fn from(e: WriteError) -> Self {
        let msg = e.to_string();
        let (status, code) = match &e {
            WriteError::KeyReused(_) => (StatusCode::CONFLICT, codes::IDEMPOTENCY_KEY_REUSED),
            WriteError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, codes::INVALID_BODY),
            WriteError::TrolleyUnknown(_) => (StatusCode::NOT_FOUND, codes::TROLLEY_UNKNOWN),
            WriteError::NotHolder(_) => (StatusCode::CONFLICT, codes::TROLLEY_NOT_CLAIMED),
            WriteError::OrderNotOnTrolley { .. } => {
                (StatusCode::CONFLICT, codes::ORDER_NOT_ON_TROLLEY)
            }
            WriteError::LineUnknown { .. } => (StatusCode::CONFLICT, codes::LINE_UNKNOWN),
            WriteError::SkuMismatch { .. } => (StatusCode::CONFLICT, codes::SKU_MISMATCH),
            WriteError::ExceedsSlot { .. } => (StatusCode::CONFLICT, codes::QUANTITY_EXCEEDS_SLOT),
            WriteError::OrderUnknown(_) => (StatusCode::NOT_FOUND, codes::ORDER_UNKNOWN),
            WriteError::SlotMismatch { .. } | WriteError::LocationMismatch { .. } => {
                (StatusCode::CONFLICT, codes::SLOT_MISMATCH)
            }
            WriteError::ExceedsOrder { .. } => {
                (StatusCode::CONFLICT, codes::QUANTITY_EXCEEDS_ORDER)
            }
            WriteError::PackagingUnknown(_) => (StatusCode::NOT_FOUND, codes::PACKAGING_UNKNOWN),
            WriteError::SupervisorUnknown(_) => (StatusCode::NOT_FOUND, codes::SUPERVISOR_UNKNOWN),
            WriteError::ShipmentExists { .. } => (StatusCode::CONFLICT, codes::SHIPMENT_EXISTS),
            WriteError::ShipmentUnknown(_) => (StatusCode::NOT_FOUND, codes::SHIPMENT_UNKNOWN),
            WriteError::RequestUnknown(_) => (StatusCode::NOT_FOUND, codes::REQUEST_UNKNOWN),
            WriteError::RequestDecided(_) => (StatusCode::CONFLICT, codes::REQUEST_DECIDED),
            WriteError::Label(_) => (StatusCode::UNPROCESSABLE_ENTITY, codes::LABEL_FAILED),
            WriteError::StationMismatch { .. } => (StatusCode::FORBIDDEN, codes::STATION_MISMATCH),
            WriteError::TrolleyPacked(_) => (StatusCode::CONFLICT, codes::TROLLEY_PACKED),
            WriteError::Db(e) => {
                tracing::error!(error = %e, "training database failed");
                return err(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    codes::INTERNAL,
                    "database error",
                );
            }
        };
        err(status, code, msg)
    }
}

impl From<SessionError> for ApiErr {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::Invalid => err(
                StatusCode::UNAUTHORIZED,
                codes::SESSION_INVALID,
                format!("a supervisor's session is needed in {SESSION_HEADER}: sign in again"),
            ),
            SessionError::NotSupervisor(p) => err(
                StatusCode::FORBIDDEN,
                codes::ROLE_FORBIDDEN,
                format!("{p} is not a supervisor: ask a supervisor"),
            ),
            SessionError::Db(e) => ClaimError::Db(e).into(),
        }
    }
}

pub(super) fn db_err(e: sqlx::Error) -> ApiErr {
    ClaimError::Db(e).into()
}

/// The station, then the signed-in supervisor behind `x-packer-session`.
pub(super) async fn authenticate_supervisor(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(String, String), ApiErr> {
    let station = authenticate(state, headers)?;
    let token = headers.get(SESSION_HEADER).and_then(|v| v.to_str().ok());
    let supervisor = state.db.supervisor(token).await?;
    Ok((station, supervisor))
}

/// Query parameters of type `T`, or a 400 with a stable code.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiErr> {
    q.map(|Query(t)| t)
        .map_err(|e| err(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, e.body_text()))
}

/// 8-128 ASCII characters, visible ones, spaces or tabs, starting and ending visible (what an
/// HTTP header value can carry unchanged).
fn valid_key(k: &str) -> bool {
    let b = k.as_bytes();
    (8..=128).contains(&b.len())
        && b.iter()
            .all(|&c| c.is_ascii_graphic() || c == b' ' || c == b'\t')
        && b[0].is_ascii_graphic()
        && b[b.len() - 1].is_ascii_graphic()
}

/// The write's idempotency key: required, see [`valid_key`].
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiErr> {
    let raw = headers.get(IDEMPOTENCY_HEADER);
    raw.and_then(|v| v.to_str().ok())
        .filter(|k| valid_key(k))
        .map(str::to_owned)
        .ok_or_else(|| {
            tracing::debug!(key = ?raw, "refused idempotency key");
            err(
                StatusCode::BAD_REQUEST,
                codes::IDEMPOTENCY_KEY_MISSING,
                format!("every write needs an {IDEMPOTENCY_HEADER} header of 8-128 printable ASCII characters"),
            )
        })
}

/// A JSON body of type `T`, or a 4xx with a stable code (never axum's plain-text rejections).
fn json_body<T: serde::de::DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiErr> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            err(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::BODY_TOO_LARGE,
                format!("request bodies are limited to {MAX_REQUEST_BYTES} bytes"),
            )
        } else {
            err(StatusCode::BAD_REQUEST, codes::INVALID_BODY, e.body_text())
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        err(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::INVALID_BODY,
            e.to_string(),
        )
    })
}

/// The calling station's id, if its token is right.
pub(super) fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<String, ApiErr> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if token != Some(state.token.as_str()) {
        return Err(err(
            StatusCode::UNAUTHORIZED,
            codes::UNAUTHORIZED,
            "missing or wrong bearer token",
        ));
    }
    let station = headers
        .get(STATION_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|s| {
            !s.is_empty()
                && s.len() <= 32
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .ok_or_else(|| {
            err(
                StatusCode::UNAUTHORIZED,
                codes::UNAUTHORIZED,
                format!("missing or malformed {STATION_HEADER} header"),
            )
        })?;
    Ok(station.to_owned())
}

pub(super) fn trolley_code(raw: &str) -> Result<TrolleyCode, ApiErr> {
    raw.parse().map_err(|e: packbench_core::TrolleyCodeError| {
        err(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, e.to_string())
    })
}

/// The contract itself, for tools (schemathesis, client generators).
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(super::openapi::document())
}

#[utoipa::path(get, path = "/v1/health", tag = "station",
    responses((status = 200, description = "The backend is up", body = Health)))]
pub(super) async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

#[utoipa::path(get, path = "/v1/trolleys/{trolley}", tag = "trolleys",
    description = "A trolley's manifest without claiming it (supervisors).",
    params(TrolleyParam, StationHeader),
    responses(
        (status = 200, description = "The manifest", body = Manifest),
        (status = 400, description = "Not a trolley code (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn trolley(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Result<Json<Manifest>, ApiErr> {
    authenticate(&st, &headers)?;
    Ok(Json(st.db.manifest(&trolley_code(&raw)?).await?))
}

#[utoipa::path(post, path = "/v1/trolleys/{trolley}/claim", tag = "trolleys",
    description = "Claims a captured trolley for the calling station, atomically: of stations \
        claiming at once exactly one wins. Re-claiming a trolley the station holds returns its \
        manifest again (a restarted station resumes), so the call is idempotent per station.",
    params(TrolleyParam, StationHeader),
    responses(
        (status = 200, description = "Claimed: the manifest", body = Manifest),
        (status = 400, description = "Not a trolley code (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`)", body = ApiError),
        (status = 409, description = "Held by another station (`trolley_claimed`, with `holder`) or already packed (`trolley_packed`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn claim(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Result<Json<Manifest>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let t = trolley_code(&raw)?;
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
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`)", body = ApiError),
        (status = 409, description = "Not held by this station (`trolley_not_claimed`), key reused for another request (`idempotency_key_reused`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn release(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Result<Json<Released>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let t = trolley_code(&raw)?;
    let key = idempotency_key(&headers)?;
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
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`)", body = ApiError),
        (status = 409, description = "Not claimed by any station (`trolley_not_claimed`), key reused (`idempotency_key_reused`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn force_release(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(raw): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Released>, ApiErr> {
    let (station, supervisor) = authenticate_supervisor(&st, &headers).await?;
    let t = trolley_code(&raw)?;
    let key = idempotency_key(&headers)?;
    let req: ForceRelease = json_body(body)?;
    Ok(Json(
        st.db
            .force_release(&station, &key, &supervisor, &t, &req)
            .await?,
    ))
}

#[utoipa::path(post, path = "/v1/movements", tag = "movements",
    description = "Records the outbound movements of one parcel (units of order lines from the \
        trolley slot's location to the parcel), all or nothing. Validated against the trolley's \
        contents: never more units of a line than its slot held. Idempotent: a retry with the \
        same key and body returns the first receipt; the same key with another body is refused.",
    params(StationHeader, IdempotencyHeader),
    request_body = MovementBatch,
    responses(
        (status = 200, description = "Recorded (or recorded before under this key)", body = MovementReceipt),
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`)", body = ApiError),
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), more units than the slot held (`quantity_exceeds_slot`), key reused for another request (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), unknown line (`line_unknown`), wrong SKU for the line (`sku_mismatch`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn movements(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<MovementReceipt>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let key = idempotency_key(&headers)?;
    let batch: MovementBatch = json_body(body)?;
    let receipt = st.db.record_movements(&station, &key, &batch).await?;
    tracing::info!(%station, order = %batch.order_id, parcel = %batch.parcel_id, lines = batch.movements.len(), "movements recorded");
    Ok(Json(receipt))
}

#[utoipa::path(post, path = "/v1/sign-in", tag = "station",
    description = "Signs a packer in at the calling station, by badge or by packer id and PIN. \
        A failed sign-in does not say which part was wrong.",
    params(StationHeader),
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in: who, and the session token for supervisor endpoints", body = SignedIn),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), or no such badge / wrong id or PIN (`sign_in_failed`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn sign_in(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SignedIn>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let req: SignInRequest = json_body(body)?;
    match st.db.sign_in(&req).await.map_err(ClaimError::Db)? {
        Some(p) => {
            tracing::info!(%station, packer = %p.packer_id, "signed in");
            Ok(Json(st.db.open_session(p, &station).await.map_err(db_err)?))
        }
        None => {
            tracing::warn!(%station, "sign-in refused");
            Err(err(
                StatusCode::UNAUTHORIZED,
                codes::SIGN_IN_FAILED,
                "badge or PIN not recognised: scan again, or ask a supervisor",
            ))
        }
    }
}

#[utoipa::path(get, path = "/v1/packaging", tag = "station",
    description = "The station's packaging catalogue (boxes, mailers, polybags), cheapest first: \
        inner dimensions, tare, gross limit, cost, whether stocked, client restrictions, and the \
        barcode a packer scans to confirm a box.",
    params(StationHeader),
    responses(
        (status = 200, description = "The catalogue", body = Vec<CatalogueEntry>),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn packaging(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<Vec<CatalogueEntry>>, ApiErr> {
    authenticate(&st, &headers)?;
    Ok(Json(
        st.db.packaging_catalogue().await.map_err(ClaimError::Db)?,
    ))
}

#[utoipa::path(post, path = "/v1/exceptions", tag = "exceptions",
    description = "Records units of one order line that went to exception (short, damaged, \
        wrong item) instead of a parcel. Validated against the trolley: the units of a line in \
        exception and the units moved to parcels together never exceed what the slot held. \
        Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = LineException,
    responses(
        (status = 200, description = "Recorded (or recorded before under this key)", body = ExceptionReceipt),
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`)", body = ApiError),
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), more units than the slot held (`quantity_exceeds_slot`), key reused (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), wrong slot or location (`slot_mismatch`), unknown line (`line_unknown`), wrong SKU (`sku_mismatch`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn exceptions(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ExceptionReceipt>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let key = idempotency_key(&headers)?;
    let e: LineException = json_body(body)?;
    let r = st.db.record_line_exception(&station, &key, &e).await?;
    tracing::info!(%station, order = %e.order_id, line = e.line_no, units = e.units, "line exception recorded");
    Ok(Json(r))
}

#[utoipa::path(post, path = "/v1/order-exceptions", tag = "exceptions",
    description = "Records a whole order routed to exception (its units are reported on \
        `/v1/exceptions`). Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = OrderException,
    responses(
        (status = 200, description = "Recorded (or recorded before under this key)", body = ExceptionReceipt),
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`)", body = ApiError),
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), key reused (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), wrong slot (`slot_mismatch`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn order_exceptions(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ExceptionReceipt>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let key = idempotency_key(&headers)?;
    let e: OrderException = json_body(body)?;
    let r = st.db.record_order_exception(&station, &key, &e).await?;
    tracing::info!(%station, order = %e.order_id, "order exception recorded");
    Ok(Json(r))
}

#[utoipa::path(post, path = "/v1/overrides", tag = "exceptions",
    description = "Records a packer's override for supervisors to review: another box than the \
        suggested one (`kind: packaging`), or a parcel weight outside tolerance (`kind: weight`, \
        `overridden` needs the supervisor and a reason). Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = OverrideRecord,
    responses(
        (status = 200, description = "Recorded (or recorded before under this key)", body = OverrideReceipt),
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such order (`order_unknown`), packaging not in the catalogue (`packaging_unknown`), no such supervisor (`supervisor_unknown`)", body = ApiError),
        (status = 409, description = "Key reused (`idempotency_key_reused`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn overrides(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<OverrideReceipt>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let key = idempotency_key(&headers)?;
    let o: OverrideRecord = json_body(body)?;
    Ok(Json(st.db.record_override(&station, &key, &o).await?))
}

#[utoipa::path(post, path = "/v1/shipments", tag = "shipments",
    description = "Creates the carrier shipment of one order of a trolley the station holds: \
        one tracking number and SSCC per parcel, a ready label document per parcel in the asked \
        format (ZPL at 203 or 300 dpi, or PDF), and the label data for a station that renders \
        labels itself. One live shipment per order: void it to ship again. Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = NewShipment,
    responses(
        (status = 200, description = "Created (or created before under this key)", body = Shipment),
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`), packaging not in the catalogue (`packaging_unknown`)", body = ApiError),
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), the order has a live shipment (`shipment_exists`), more units than ordered (`quantity_exceeds_order`), key reused (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), unknown line (`line_unknown`), wrong SKU (`sku_mismatch`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body, or parcels not numbered 1..n (`invalid_body`), label impossible (`label_failed`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn shipments(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Shipment>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let key = idempotency_key(&headers)?;
    let s: NewShipment = json_body(body)?;
    let shipment = st.db.create_shipment(&station, &key, &s).await?;
    tracing::info!(%station, order = %s.order_id, shipment = %shipment.shipment_id, parcels = s.parcels.len(), "shipment created");
    Ok(Json(shipment))
}

#[utoipa::path(post, path = "/v1/shipments/{shipment_id}/void", tag = "shipments",
    description = "Voids a shipment; voiding a voided one answers the same. The order may then \
        get a new shipment.",
    params(ShipmentParam, StationHeader, IdempotencyHeader),
    responses(
        (status = 200, description = "Voided", body = Shipment),
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such shipment (`shipment_unknown`)", body = ApiError),
        (status = 409, description = "Key reused (`idempotency_key_reused`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn void_shipment(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Shipment>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let key = idempotency_key(&headers)?;
    let s = st.db.void_shipment(&station, &key, &id).await?;
    tracing::info!(%station, shipment = %id, "shipment voided");
    Ok(Json(s))
}

#[utoipa::path(get, path = "/v1/shipments", tag = "shipments",
    description = "An order's shipments, oldest first, voided ones included.",
    params(ShipmentQuery, StationHeader),
    responses(
        (status = 200, description = "The shipments", body = Vec<Shipment>),
        (status = 400, description = "Missing or malformed query (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn list_shipments(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<ShipmentQuery>, QueryRejection>,
) -> Result<Json<Vec<Shipment>>, ApiErr> {
    authenticate(&st, &headers)?;
    let q = query(q)?;
    let id = &q.order_id;
    if id.is_empty() || id.chars().count() > 64 || id.chars().any(char::is_control) {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            "order_id must be 1-64 printable characters",
        ));
    }
    Ok(Json(st.db.shipments_for_order(id).await.map_err(db_err)?))
}

#[utoipa::path(post, path = "/v1/heartbeats", tag = "station",
    description = "A station's periodic heartbeat: who packs what, shift counters, device \
        health, the outbox backlog, the app version. The latest per station shows on \
        `/v1/stations`; all are kept. Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = Heartbeat,
    responses(
        (status = 200, description = "Received", body = HeartbeatReceipt),
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 403, description = "The body names another station (`station_mismatch`)", body = ApiError),
        (status = 409, description = "Key reused (`idempotency_key_reused`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn heartbeats(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<HeartbeatReceipt>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let key = idempotency_key(&headers)?;
    let h: Heartbeat = json_body(body)?;
    Ok(Json(st.db.record_heartbeat(&station, &key, &h).await?))
}

#[utoipa::path(get, path = "/v1/stations", tag = "supervisor",
    description = "Every station's latest heartbeat; `stale` when none came for 60 s.",
    params(StationHeader, SessionHeader),
    responses(
        (status = 200, description = "The stations", body = Vec<StationStatus>),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn stations(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<Vec<StationStatus>>, ApiErr> {
    authenticate_supervisor(&st, &headers).await?;
    Ok(Json(
        st.db
            .stations(crate::clock::now_ms())
            .await
            .map_err(db_err)?,
    ))
}

#[utoipa::path(get, path = "/v1/throughput", tag = "supervisor",
    description = "Work per packer or per station in `[from_ms, to_ms)`: orders, lines, units \
        and parcels moved, exceptions recorded.",
    params(ThroughputQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Throughput", body = Throughput),
        (status = 400, description = "Missing or malformed query (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn throughput(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<ThroughputQuery>, QueryRejection>,
) -> Result<Json<Throughput>, ApiErr> {
    authenticate_supervisor(&st, &headers).await?;
    let q = query(q)?;
    if !(0..=10_000_000_000_000).contains(&q.from_ms)
        || !(0..=10_000_000_000_000).contains(&q.to_ms)
    {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            "from_ms and to_ms are 0 to 10^13",
        ));
    }
    Ok(Json(
        st.db
            .throughput(q.from_ms, q.to_ms, q.group_by)
            .await
            .map_err(db_err)?,
    ))
}

#[utoipa::path(get, path = "/v1/packed-orders", tag = "supervisor",
    description = "Orders whose last parcel was recorded in `[from_ms, to_ms)` (at most 8 days), \
        oldest first, each with the station and packer of its last parcel, the units, lines and \
        parcels moved and the exceptions recorded: the facts a desk weighs work by.",
    params(PackedOrdersQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Packed orders", body = Vec<PackedOrder>),
        (status = 400, description = "Missing or malformed query, or a window over 8 days (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn packed_orders(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<PackedOrdersQuery>, QueryRejection>,
) -> Result<Json<Vec<PackedOrder>>, ApiErr> {
    authenticate_supervisor(&st, &headers).await?;
    let q = query(q)?;
    if !(0..=10_000_000_000_000).contains(&q.from_ms)
        || !(0..=10_000_000_000_000).contains(&q.to_ms)
        || q.to_ms < q.from_ms
        || q.to_ms - q.from_ms > crate::contract::PACKED_ORDERS_MAX_WINDOW_MS
    {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            "from_ms and to_ms are 0 to 10^13, from_ms <= to_ms, at most 8 days apart",
        ));
    }
    Ok(Json(
        st.db
            .packed_orders(q.from_ms, q.to_ms)
            .await
            .map_err(db_err)?,
    ))
}

#[utoipa::path(post, path = "/v1/weight-override-requests", tag = "exceptions",
    description = "A station asks a supervisor at the desk to accept a parcel its weight gate \
        refused; it polls the request until a supervisor decides. Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = NewWeightOverrideRequest,
    responses(
        (status = 200, description = "Pending", body = WeightOverrideRequest),
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such order (`order_unknown`)", body = ApiError),
        (status = 409, description = "Key reused (`idempotency_key_reused`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn request_weight_override(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<WeightOverrideRequest>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let key = idempotency_key(&headers)?;
    let r: NewWeightOverrideRequest = json_body(body)?;
    let req = st.db.request_weight_override(&station, &key, &r).await?;
    tracing::info!(%station, order = %r.order_id, request = %req.request_id, "weight override asked of a supervisor");
    Ok(Json(req))
}

#[utoipa::path(get, path = "/v1/weight-override-requests", tag = "supervisor",
    description = "Weight override requests, newest first (at most 500), of one status or all.",
    params(WeightRequestQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Requests", body = Vec<WeightOverrideRequest>),
        (status = 400, description = "Malformed query (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn list_weight_requests(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<WeightRequestQuery>, QueryRejection>,
) -> Result<Json<Vec<WeightOverrideRequest>>, ApiErr> {
    authenticate_supervisor(&st, &headers).await?;
    let q = query(q)?;
    Ok(Json(st.db.weight_requests(q.status).await.map_err(db_err)?))
}

#[utoipa::path(get, path = "/v1/weight-override-requests/{request_id}", tag = "exceptions",
    description = "One of the calling station's weight override requests: pending, or decided \
        with the supervisor and reason.",
    params(WeightRequestParam, StationHeader),
    responses(
        (status = 200, description = "The request", body = WeightOverrideRequest),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such request of this station (`request_unknown`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn weight_request(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<WeightOverrideRequest>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    match st.db.weight_request(&id).await.map_err(db_err)? {
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
        (status = 400, description = "No or malformed idempotency key (`idempotency_key_missing`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
        (status = 404, description = "No such request (`request_unknown`)", body = ApiError),
        (status = 409, description = "Decided already (`request_decided`), key reused (`idempotency_key_reused`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn decide_weight_request(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<WeightOverrideRequest>, ApiErr> {
    let (station, supervisor) = authenticate_supervisor(&st, &headers).await?;
    let key = idempotency_key(&headers)?;
    let d: WeightRequestDecision = json_body(body)?;
    let r = st
        .db
        .decide_weight_request(&station, &key, &supervisor, &id, &d)
        .await?;
    tracing::info!(request = %id, %supervisor, approve = d.approve, "weight override request decided");
    Ok(Json(r))
}

#[utoipa::path(get, path = "/v1/exceptions", tag = "supervisor",
    description = "Open exceptions: units of lines and whole orders.",
    params(ExceptionQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Open exceptions", body = OpenExceptions),
        (status = 400, description = "Malformed query (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn list_exceptions(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<ExceptionQuery>, QueryRejection>,
) -> Result<Json<OpenExceptions>, ApiErr> {
    authenticate_supervisor(&st, &headers).await?;
    query(q)?;
    Ok(Json(st.db.open_exceptions().await.map_err(db_err)?))
}

#[utoipa::path(get, path = "/v1/overrides", tag = "supervisor",
    description = "Packers' overrides, of one kind or all, oldest first.",
    params(OverrideQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Overrides", body = Vec<OverrideEntry>),
        (status = 400, description = "Malformed query (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn list_overrides(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<OverrideQuery>, QueryRejection>,
) -> Result<Json<Vec<OverrideEntry>>, ApiErr> {
    authenticate_supervisor(&st, &headers).await?;
    let q = query(q)?;
    Ok(Json(st.db.overrides(q.kind).await.map_err(db_err)?))
}

#[utoipa::path(get, path = "/v1/movements", tag = "supervisor",
    description = "Movements of one trolley or one order (give exactly one), oldest first.",
    params(MovementQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Movements", body = Vec<MovementEntry>),
        (status = 400, description = "Neither or both of trolley and order_id, or malformed (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)", body = ApiError),
        (status = 403, description = "The session is not a supervisor's (`role_forbidden`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn list_movements(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<MovementQuery>, QueryRejection>,
) -> Result<Json<Vec<MovementEntry>>, ApiErr> {
    authenticate_supervisor(&st, &headers).await?;
    let q = query(q)?;
    let trolley = match &q.trolley {
        Some(t) => Some(trolley_code(t)?.to_string()),
        None => None,
    };
    if trolley.is_some() == q.order_id.is_some() {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            "give exactly one of trolley and order_id",
        ));
    }
    Ok(Json(
        st.db
            .movements_of(trolley.as_deref(), q.order_id.as_deref())
            .await
            .map_err(db_err)?,
    ))
}

#[utoipa::path(get, path = "/v1/skus/{sku}/image", tag = "station",
    description = "A drawn picture of the SKU (SVG), for the packer to see what to look for.",
    params(SkuParam, StationHeader),
    responses(
        (status = 200, description = "The picture", content_type = "image/svg+xml", body = String),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such SKU (`sku_unknown`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn sku_image(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(sku): Path<String>,
) -> Result<Response, ApiErr> {
    authenticate(&st, &headers)?;
    let (name, dims) = st
        .db
        .sku_facts(&sku)
        .await
        .map_err(db_err)?
        .ok_or_else(|| {
            err(
                StatusCode::NOT_FOUND,
                codes::SKU_UNKNOWN,
                format!("no SKU {sku}"),
            )
        })?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "image/svg+xml"),
            (axum::http::header::CACHE_CONTROL, "max-age=86400"),
        ],
        super::sku_images::sku_image_svg(&sku, &name, dims),
    )
        .into_response())
}
