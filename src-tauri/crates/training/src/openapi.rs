//! The backend contract as an OpenAPI 3.1 document, generated from the wire types and the
//! training backend's annotated routes. `src-tauri/crates/contract/openapi.json` is this document as
//! committed; a test fails when the two differ (set `PACKBENCH_UPDATE_OPENAPI=1` to rewrite it).

use packbench_core::{Manifest, Order, OrderLine, ShipTo, SkuFlags, SkuInfo, Slot};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::{
    exceptions, movements, shipments, sku_images, station, supervision, trolleys, weight_requests,
};
use packbench_core::carton::{Packaging, PackagingKind};
use packbench_core::desk::PackedOrder;

use packbench_contract::{
    AlertRecord, AlertSeverity, ApiError, CatalogueEntry, DeviceHealth, DeviceKind,
    ExceptionReceipt, ExceptionStatus, ForceRelease, Health, Heartbeat, HeartbeatReceipt,
    LabelDocument, LabelFormat, LineException, LineExceptionEntry, LineExceptionReason,
    MovementBatch, MovementEntry, MovementLine, MovementReceipt, NewShipment,
    NewWeightOverrideRequest, OpenExceptions, OrderException, OrderExceptionEntry,
    OrderExceptionReason, OutboxHealth, OverrideEntry, OverrideKind, OverrideReceipt,
    OverrideRecord, Packer, ParcelContentLine, ParcelRequest, ReleaseEntry, Released, Role,
    ShiftCounters, Shipment, ShipmentStatus, ShippedParcel, SignInRequest, SignedIn, StationAlert,
    StationStatus, Throughput, ThroughputGroup, ThroughputRow, WeightDecision,
    WeightOverrideRequest, WeightRequestDecision, WeightRequestStatus,
};
use packbench_labels::{Address, LabelData, ParcelOf};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Packbench station API",
        description = "What a Packbench pack station needs from the warehouse backend. Every \
            request but health carries `Authorization: Bearer <token>` and `x-station-id`; every \
            error is JSON `{code, message}` with a stable snake_case code.",
        license(name = "MIT", identifier = "MIT"),
    ),
    paths(
        station::health, trolleys::trolley, trolleys::claim, trolleys::release,
        trolleys::force_release, trolleys::list_releases, movements::movements, movements::list_movements,
        station::sign_in, station::packaging, exceptions::exceptions,
        exceptions::order_exceptions, exceptions::list_exceptions, exceptions::overrides,
        exceptions::list_overrides, shipments::shipments, shipments::void_shipment,
        shipments::list_shipments, supervision::heartbeats, supervision::stations, supervision::alerts,
        supervision::throughput, supervision::packed_orders,
        weight_requests::request_weight_override, weight_requests::list_weight_requests,
        weight_requests::weight_request, weight_requests::decide_weight_request,
        sku_images::sku_image
    ),
    components(schemas(
        ApiError, Health, Released, Manifest, Slot, Order, OrderLine, ShipTo, SkuInfo, SkuFlags,
        MovementBatch, MovementLine, MovementReceipt, SignInRequest, Packer, SignedIn, Role,
        CatalogueEntry, Packaging, PackagingKind, LineException, LineExceptionReason,
        OrderException, OrderExceptionReason, ExceptionReceipt, LineExceptionEntry,
        OrderExceptionEntry, OpenExceptions, ExceptionStatus, OverrideRecord, OverrideKind,
        WeightDecision, OverrideReceipt, OverrideEntry, NewShipment, ParcelRequest,
        ParcelContentLine, LabelFormat, Shipment, ShipmentStatus, ShippedParcel, LabelDocument,
        LabelData, Address, ParcelOf, Heartbeat, ShiftCounters, DeviceHealth, DeviceKind,
        OutboxHealth, HeartbeatReceipt, StationStatus, StationAlert, AlertSeverity, AlertRecord, Throughput, ThroughputGroup,
        ThroughputRow, MovementEntry, ForceRelease, ReleaseEntry, PackedOrder, NewWeightOverrideRequest,
        WeightOverrideRequest, WeightRequestStatus, WeightRequestDecision
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "trolleys", description = "Claiming and releasing captured trolleys"),
        (name = "movements", description = "Outbound stock movements, idempotent"),
        (name = "exceptions", description = "Exceptions and overrides, idempotent"),
        (name = "shipments", description = "Carrier shipments and their labels"),
        (name = "supervisor", description = "Reads and actions for a signed-in supervisor (`x-packer-session`)"),
        (name = "station", description = "Station housekeeping"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    close_tagged_unions(doc)
}

/// utoipa marks structs with `deny_unknown_fields` as closed (`additionalProperties: false`)
/// but not the variants of internally tagged enums, which serde closes too: say so in the
/// document, or a client may believe extra fields are welcome.
fn close_tagged_unions(doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut json = serde_json::to_value(&doc).expect("the document serialises");
    for name in ["OverrideRecord", "WeightDecision"] {
        if let Some(variants) = json["components"]["schemas"][name]["oneOf"].as_array_mut() {
            for v in variants {
                if v["type"] == "object" {
                    v["additionalProperties"] = serde_json::Value::Bool(false);
                }
            }
        }
    }
    serde_json::from_value(json).unwrap_or(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../contract/openapi.json");

    #[test]
    fn the_committed_contract_matches_the_code() {
        let generated = document().to_pretty_json().unwrap() + "\n";
        if std::env::var_os("PACKBENCH_UPDATE_OPENAPI").is_some() {
            std::fs::write(COMMITTED, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
        assert!(
            committed == generated,
            "{COMMITTED} is stale: run `PACKBENCH_UPDATE_OPENAPI=1 cargo test openapi` and commit it"
        );
    }

    #[test]
    fn the_contract_is_openapi_3_1_and_covers_every_route() {
        let json: serde_json::Value = serde_json::from_str(&document().to_json().unwrap()).unwrap();
        assert!(json["openapi"].as_str().unwrap().starts_with("3.1"));
        for path in [
            "/v1/health",
            "/v1/trolleys/{trolley}",
            "/v1/trolleys/{trolley}/claim",
            "/v1/trolleys/{trolley}/release",
            "/v1/movements",
            "/v1/sign-in",
            "/v1/packaging",
            "/v1/trolleys/{trolley}/force-release",
            "/v1/exceptions",
            "/v1/order-exceptions",
            "/v1/overrides",
            "/v1/shipments",
            "/v1/shipments/{shipment_id}/void",
            "/v1/heartbeats",
            "/v1/stations",
            "/v1/alerts",
            "/v1/throughput",
            "/v1/skus/{sku}/image",
        ] {
            assert!(json["paths"][path].is_object(), "{path} missing");
        }
        let claim = &json["paths"]["/v1/trolleys/{trolley}/claim"]["post"];
        for status in ["200", "401", "404", "409"] {
            assert!(
                claim["responses"][status].is_object(),
                "claim lacks {status}"
            );
        }
        assert_eq!(
            json["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        for v in json["components"]["schemas"]["OverrideRecord"]["oneOf"]
            .as_array()
            .unwrap()
        {
            assert_eq!(v["additionalProperties"], false);
        }
    }
}
