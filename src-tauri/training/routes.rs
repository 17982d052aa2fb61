//! The training backend's HTTP routes: thin handlers over [`TrainingDb`], authenticating every
//! request by bearer token and station id, answering errors as [`ApiError`] JSON.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use packbench_core::{Manifest, TrolleyCode};

use super::db::{ClaimError, TrainingDb};
use super::movements::WriteError;
use crate::contract::{
    codes, ApiError, CatalogueEntry, Health, IdempotencyHeader, MovementBatch, MovementReceipt,
    Packer, Released, SignInRequest, StationHeader, TrolleyParam, IDEMPOTENCY_HEADER,
    MAX_REQUEST_BYTES, STATION_HEADER,
};

pub(super) struct AppState {
    db: TrainingDb,
    token: String,
}

pub fn router(db: TrainingDb, token: String) -> Router {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/trolleys/{trolley}", get(trolley))
        .route("/v1/trolleys/{trolley}/claim", post(claim))
        .route("/v1/trolleys/{trolley}/release", post(release))
        .route("/v1/movements", post(movements))
        .route("/v1/sign-in", post(sign_in))
        .route("/v1/packaging", get(packaging))
        .route("/v1/openapi.json", get(openapi))
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

fn err(status: StatusCode, code: &str, message: impl Into<String>) -> ApiErr {
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
                "trolley_packed",
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
            WriteError::KeyReused(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::IDEMPOTENCY_KEY_REUSED,
            ),
            WriteError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, codes::INVALID_BODY),
            WriteError::TrolleyUnknown(_) => (StatusCode::NOT_FOUND, codes::TROLLEY_UNKNOWN),
            WriteError::NotHolder(_) => (StatusCode::CONFLICT, codes::TROLLEY_NOT_CLAIMED),
            WriteError::OrderNotOnTrolley { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::ORDER_NOT_ON_TROLLEY,
            ),
            WriteError::LineUnknown { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, codes::LINE_UNKNOWN)
            }
            WriteError::SkuMismatch { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, codes::SKU_MISMATCH)
            }
            WriteError::ExceedsSlot { .. } => (StatusCode::CONFLICT, codes::QUANTITY_EXCEEDS_SLOT),
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
fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<String, ApiErr> {
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

fn trolley_code(raw: &str) -> Result<TrolleyCode, ApiErr> {
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
    description = "Gives a claimed trolley back; only the holding station may.",
    params(TrolleyParam, StationHeader),
    responses(
        (status = 200, description = "Released", body = Released),
        (status = 400, description = "Not a trolley code (`bad_request`)", body = ApiError),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`)", body = ApiError),
        (status = 404, description = "No such trolley (`trolley_unknown`)", body = ApiError),
        (status = 409, description = "Not held by this station (`trolley_not_claimed`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn release(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Result<Json<Released>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let t = trolley_code(&raw)?;
    st.db.release(&t, &station).await?;
    Ok(Json(Released {
        released: t.to_string(),
    }))
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
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), or more units than the slot held (`quantity_exceeds_slot`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`), key reused for another request (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), unknown line (`line_unknown`), wrong SKU for the line (`sku_mismatch`)", body = ApiError),
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
        (status = 200, description = "Signed in", body = Packer),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), or no such badge / wrong id or PIN (`sign_in_failed`)", body = ApiError),
        (status = 413, description = "Body too large (`body_too_large`)", body = ApiError),
        (status = 422, description = "Malformed body (`invalid_body`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(super) async fn sign_in(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Packer>, ApiErr> {
    let station = authenticate(&st, &headers)?;
    let req: SignInRequest = json_body(body)?;
    match st.db.sign_in(&req).await.map_err(ClaimError::Db)? {
        Some(p) => {
            tracing::info!(%station, packer = %p.packer_id, "signed in");
            Ok(Json(p))
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
