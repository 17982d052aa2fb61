//! Shipment routes: create, void and list an order's carrier shipments.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use packbench_contract::{
    codes, ApiError, IdempotencyHeader, NewShipment, Shipment, ShipmentParam, ShipmentQuery,
    StationHeader,
};

use super::error::{err, ApiErr};
use super::extract::{ApiJson, ApiQuery, AppState, IdempotencyKey, Station};
use super::responses::{BodyTooLarge, KeyMissing, KeyReused, StationAuth};

#[utoipa::path(post, path = "/v1/shipments", tag = "shipments",
    description = "Creates the carrier shipment of one order of a trolley the station holds: \
        one tracking number and SSCC per parcel, a ready label document per parcel in the asked \
        format (ZPL at 203 or 300 dpi, or PDF), and the label data for a station that renders \
        labels itself. One live shipment per order: void it to ship again. Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = NewShipment,
    responses(
        (status = 200, description = "Created (or created before under this key)", body = Shipment),
        KeyMissing,
        StationAuth,
        (status = 404, description = "No such trolley (`trolley_unknown`), packaging not in the catalogue (`packaging_unknown`)", body = ApiError),
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), the order has a live shipment (`shipment_exists`), more units than ordered (`quantity_exceeds_order`), key reused (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), unknown line (`line_unknown`), wrong SKU (`sku_mismatch`)", body = ApiError),
        BodyTooLarge,
        (status = 422, description = "Malformed body, or parcels not numbered 1..n (`invalid_body`), label impossible (`label_failed`)", body = ApiError),
    ),
    security(("bearer" = [])))]
pub(crate) async fn shipments(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(s): ApiJson<NewShipment>,
) -> Result<Json<Shipment>, ApiErr> {
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
        KeyMissing,
        StationAuth,
        (status = 404, description = "No such shipment (`shipment_unknown`)", body = ApiError),
        KeyReused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn void_shipment(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Station(station): Station,
    IdempotencyKey(key): IdempotencyKey,
) -> Result<Json<Shipment>, ApiErr> {
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
        StationAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn list_shipments(
    State(st): State<Arc<AppState>>,
    _: Station,
    ApiQuery(q): ApiQuery<ShipmentQuery>,
) -> Result<Json<Vec<Shipment>>, ApiErr> {
    let id = &q.order_id;
    if id.is_empty() || id.chars().count() > 64 || id.chars().any(char::is_control) {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            "order_id must be 1-64 printable characters",
        ));
    }
    Ok(Json(st.db.shipments_for_order(id).await?))
}
