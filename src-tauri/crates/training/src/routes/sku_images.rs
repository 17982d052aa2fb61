//! The SKU picture route: a drawn SVG of a SKU for the packer to see what to look for.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use packbench_contract::{codes, ApiError, SkuParam, StationHeader};

use super::error::{err, ApiErr};
use super::extract::{AppState, Station};
use super::responses::StationAuth;

#[utoipa::path(get, path = "/v1/skus/{sku}/image", tag = "station",
    description = "A drawn picture of the SKU (SVG), for the packer to see what to look for.",
    params(SkuParam, StationHeader),
    responses(
        (status = 200, description = "The picture", content_type = "image/svg+xml", body = String),
        StationAuth,
        (status = 404, description = "No such SKU (`sku_unknown`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(crate) async fn sku_image(
    State(st): State<Arc<AppState>>,
    Path(sku): Path<String>,
    _: Station,
) -> Result<Response, ApiErr> {
    let (name, dims) = st.db.sku_facts(&sku).await?.ok_or_else(|| {
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
        crate::sku_images::sku_image_svg(&sku, &name, dims),
    )
        .into_response())
}
