//! What every route reads from a request before its own work, as axum extractors: the calling
//! station (bearer token and `x-station-id`), a signed-in supervisor, the write's idempotency
//! key, a trolley in the path, a query and a JSON body. Each refusal is an [`ApiErr`] with a
//! stable code; a handler lists them in the order they are checked.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use packbench_contract::{
    codes, IDEMPOTENCY_HEADER, MAX_REQUEST_BYTES, SESSION_HEADER, STATION_HEADER,
};
use packbench_core::TrolleyCode;

use super::error::{err, ApiErr};
use crate::TrainingDb;

pub(crate) struct AppState {
    pub(crate) db: TrainingDb,
    /// The bearer token stations must present.
    pub(crate) token: String,
}

/// The calling station's id, if its token is right.
pub(crate) struct Station(pub String);

impl FromRequestParts<Arc<AppState>> for Station {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, ApiErr> {
        authenticate(state, &parts.headers).map(Station)
    }
}

/// The calling station, then the signed-in supervisor behind `x-packer-session`.
pub(crate) struct Supervisor {
    pub station: String,
    pub supervisor: String,
}

impl FromRequestParts<Arc<AppState>> for Supervisor {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, ApiErr> {
        let station = authenticate(state, &parts.headers)?;
        let token = parts
            .headers
            .get(SESSION_HEADER)
            .and_then(|v| v.to_str().ok());
        let supervisor = state.db.supervisor(token).await?;
        Ok(Supervisor {
            station,
            supervisor,
        })
    }
}

/// The write's idempotency key: required, see [`valid_key`].
pub(crate) struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiErr> {
        let raw = parts.headers.get(IDEMPOTENCY_HEADER);
        raw.and_then(|v| v.to_str().ok())
            .filter(|k| valid_key(k))
            .map(|k| IdempotencyKey(k.to_owned()))
            .ok_or_else(|| {
                tracing::debug!(key = ?raw, "refused idempotency key");
                err(
                    StatusCode::BAD_REQUEST,
                    codes::IDEMPOTENCY_KEY_MISSING,
                    format!("every write needs an {IDEMPOTENCY_HEADER} header of 8-128 printable ASCII characters"),
                )
            })
    }
}

/// The `{trolley}` of the path, a well-formed trolley code or a 400 `bad_request`.
pub(crate) struct TrolleyPath(pub TrolleyCode);

impl<S: Send + Sync> FromRequestParts<S> for TrolleyPath {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        trolley_code(&raw)
            .map(TrolleyPath)
            .map_err(IntoResponse::into_response)
    }
}

/// Query parameters of type `T`, or a 400 with a stable code.
pub(crate) struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiErr> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(t)| ApiQuery(t))
            .map_err(|e| err(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, e.body_text()))
    }
}

/// A JSON body of type `T`, or a 4xx with a stable code (never axum's plain-text rejections).
pub(crate) struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiErr;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiErr> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
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
        serde_json::from_slice(&bytes).map(ApiJson).map_err(|e| {
            err(
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::INVALID_BODY,
                e.to_string(),
            )
        })
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

pub(crate) fn trolley_code(raw: &str) -> Result<TrolleyCode, ApiErr> {
    raw.parse().map_err(|e: packbench_core::TrolleyCodeError| {
        err(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, e.to_string())
    })
}
