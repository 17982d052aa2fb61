//! Station housekeeping routes: health, a packer's sign-in, the packaging catalogue.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use packbench_contract::{
    codes, ApiError, CatalogueEntry, Health, SignInRequest, SignedIn, StationHeader,
};

use super::error::{err, ApiErr};
use super::extract::{ApiJson, AppState, Station};
use super::responses::{BodyRefused, StationAuth};

#[utoipa::path(get, path = "/v1/health", tag = "station",
    responses((status = 200, description = "The backend is up", body = Health)))]
pub(crate) async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

#[utoipa::path(post, path = "/v1/sign-in", tag = "station",
    description = "Signs a packer in at the calling station, by badge or by packer id and PIN. \
        A failed sign-in does not say which part was wrong.",
    params(StationHeader),
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in: who, and the session token for supervisor endpoints", body = SignedIn),
        (status = 401, description = "Missing or wrong token or station (`unauthorized`), or no such badge / wrong id or PIN (`sign_in_failed`)", body = ApiError),
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn sign_in(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    ApiJson(req): ApiJson<SignInRequest>,
) -> Result<Json<SignedIn>, ApiErr> {
    match st.db.sign_in(&req).await? {
        Some(p) => {
            tracing::info!(%station, packer = %p.packer_id, "signed in");
            Ok(Json(st.db.open_session(p, &station).await?))
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
        StationAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn packaging(
    State(st): State<Arc<AppState>>,
    _: Station,
) -> Result<Json<Vec<CatalogueEntry>>, ApiErr> {
    Ok(Json(st.db.packaging_catalogue().await?))
}
