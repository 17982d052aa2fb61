//! The backend contract as an OpenAPI 3.1 document, generated from the wire types and the
//! training backend's annotated routes. `src-tauri/crates/contract/openapi.json` is this document as
//! committed; a test fails when the two differ (set `PACKBENCH_UPDATE_OPENAPI=1` to rewrite it).

use packbench_core::{Manifest, Order, OrderLine, ShipTo, SkuFlags, SkuInfo, Slot};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::{
    exceptions, movements, rollout, shipments, sku_images, station, supervision, trolleys,
    weight_requests,
};
use packbench_core::carton::{Packaging, PackagingKind};
use packbench_core::desk::PackedOrder;

use packbench_contract::{
    AlertRecord, AlertSeverity, ApiError, CatalogueEntry, DecisionKind, DeviceHealth, DeviceKind,
    ExceptionReceipt, ExceptionStatus, ForceRelease, Health, HealthComparison, HealthFigures,
    HealthMetric, Heartbeat, HeartbeatReceipt, LabelDocument, LabelFormat, LineException,
    LineExceptionEntry, LineExceptionReason, MetricComparison, MovementBatch, MovementEntry,
    MovementLine, MovementReceipt, NewShipment, NewWeightOverrideRequest, OpenExceptions,
    OrderException, OrderExceptionEntry, OrderExceptionReason, OutboxHealth, OverrideEntry,
    OverrideKind, OverrideReceipt, OverrideRecord, Packer, ParcelContentLine, ParcelRequest,
    PublishRelease, PublishedRelease, ReleaseEntry, Released, RingState, RingStatus, Role,
    RolloutAction, RolloutActionKind, RolloutDecision, RolloutOverview, RunHealth, ShiftCounters,
    Shipment, ShipmentStatus, ShippedParcel, SignInRequest, SignedIn, StationAlert, StationStatus,
    Throughput, ThroughputGroup, ThroughputRow, UpdateManifest, Verdict, VersionCount,
    WeightDecision, WeightOverrideRequest, WeightRequestDecision, WeightRequestStatus,
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
        sku_images::sku_image, rollout::update, rollout::publish, rollout::overview,
        rollout::action
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
        WeightOverrideRequest, WeightRequestStatus, WeightRequestDecision, RunHealth,
        UpdateManifest, PublishRelease, PublishedRelease, RolloutAction, RolloutActionKind,
        RolloutDecision, DecisionKind, RingStatus, RingState, VersionCount, RolloutOverview,
        HealthComparison, HealthFigures, HealthMetric, MetricComparison, Verdict
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

/// The contract as JSON (links are added here: utoipa's `Link` model writes its fields in
/// snake_case, which no OpenAPI reader understands).
pub fn document() -> serde_json::Value {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    with_links(close_tagged_unions(doc))
}

/// The pack flow as OpenAPI links, so a reader (and a stateful fuzzer) can follow it: a claimed
/// trolley's manifest feeds its first order's movements, line and order exceptions, shipment
/// and the trolley's release; a shipment feeds its void. `x-schemathesis.merge_body: false`
/// asks schemathesis to send the linked body whole.
fn with_links(doc: utoipa::openapi::OpenApi) -> serde_json::Value {
    use serde_json::json;
    let mut value = serde_json::to_value(&doc).expect("the document serialises");
    let order = "$response.body#/slots/0/order";
    let line = "$response.body#/slots/0/order/lines/0";
    let whole = json!({ "merge_body": false });
    // One key per write and trolley: the same linked write again is a replay, answered alike.
    let key = |what: &str| format!("linked-{what}-{{$response.body#/trolley}}");
    let claim_links = json!({
        "RecordMovements": {
            "operationId": "movements",
            "parameters": { "header.idempotency-key": key("movements") },
            "description": "The first order's first line, one unit, into a parcel.",
            "requestBody": {
                "trolley": "$response.body#/trolley",
                "order_id": format!("{order}/order_id"),
                "parcel_id": "P-LINKED-1",
                "packer_id": "PK-0001",
                "movements": [{
                    "line_no": format!("{line}/line_no"),
                    "sku": format!("{line}/item/sku"),
                    "qty": 1
                }]
            },
            "x-schemathesis": whole
        },
        "RecordLineException": {
            "operationId": "exceptions",
            "parameters": { "header.idempotency-key": key("exceptions") },
            "description": "One unit of the first order's first line found damaged.",
            "requestBody": {
                "trolley": "$response.body#/trolley",
                "slot": "$response.body#/slots/0/slot",
                "order_id": format!("{order}/order_id"),
                "line_no": format!("{line}/line_no"),
                "sku": format!("{line}/item/sku"),
                "units": 1,
                "reason": "damaged",
                "from_location": "$response.body#/slots/0/location",
                "packer_id": "PK-0001"
            },
            "x-schemathesis": whole
        },
        "RouteOrderToException": {
            "operationId": "order_exceptions",
            "parameters": { "header.idempotency-key": key("order_exceptions") },
            "description": "The first order sent to the exception desk whole.",
            "requestBody": {
                "trolley": "$response.body#/trolley",
                "slot": "$response.body#/slots/0/slot",
                "order_id": format!("{order}/order_id"),
                "reason": "no_label",
                "to_location": "EXC-01",
                "packer_id": "PK-0001"
            },
            "x-schemathesis": whole
        },
        "CreateShipment": {
            "operationId": "shipments",
            "parameters": { "header.idempotency-key": key("shipments") },
            "description": "A shipment of one parcel for the first order.",
            "requestBody": {
                "order_id": format!("{order}/order_id"),
                "trolley": "$response.body#/trolley",
                "carrier": format!("{order}/carrier"),
                "service": format!("{order}/service"),
                "label_format": "zpl203",
                "parcels": [{
                    "parcel_no": 1,
                    "packaging_id": "BX-M",
                    "weight_g": 800,
                    "length_mm": 300,
                    "width_mm": 200,
                    "height_mm": 150,
                    "contents": [{
                        "line_no": format!("{line}/line_no"),
                        "sku": format!("{line}/item/sku"),
                        "qty": 1
                    }]
                }]
            },
            "x-schemathesis": whole
        },
        "Release": {
            "operationId": "release",
            "description": "The claimed trolley given back.",
            "parameters": {
                "path.trolley": "$response.body#/trolley",
                "header.idempotency-key": key("release")
            }
        }
    });
    let void_link = json!({
        "Void": {
            "operationId": "void_shipment",
            "description": "The shipment just created, voided.",
            "parameters": {
                "path.shipment_id": "$response.body#/shipment_id",
                "header.idempotency-key": "linked-void-{$response.body#/shipment_id}"
            }
        }
    });
    for (path, links) in [
        ("/v1/trolleys/{trolley}/claim", claim_links),
        ("/v1/shipments", void_link),
    ] {
        if let Some(ok) = value["paths"][path]["post"]["responses"]["200"].as_object_mut() {
            ok.insert("links".into(), links);
        }
    }
    value
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
        let generated = serde_json::to_string_pretty(&document()).unwrap() + "\n";
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
    fn the_pack_flow_is_linked_for_readers_and_stateful_fuzzing() {
        let json: serde_json::Value = document();
        let claim = &json["paths"]["/v1/trolleys/{trolley}/claim"]["post"]["responses"]["200"];
        let ops: Vec<&str> = claim["links"]
            .as_object()
            .expect("the claim's links")
            .values()
            .map(|l| l["operationId"].as_str().unwrap())
            .collect();
        for op in [
            "movements",
            "exceptions",
            "order_exceptions",
            "shipments",
            "release",
        ] {
            assert!(ops.contains(&op), "{op} not linked from the claim: {ops:?}");
        }
        let void = &json["paths"]["/v1/shipments"]["post"]["responses"]["200"]["links"]["Void"];
        assert_eq!(void["operationId"], "void_shipment");
        // Every link names an operation of the document.
        let ids: Vec<&str> = json["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .filter_map(|op| op["operationId"].as_str())
            .collect();
        for op in ops {
            assert!(ids.contains(&op), "{op}");
        }
    }

    #[test]
    fn the_contract_is_openapi_3_1_and_covers_every_route() {
        let json: serde_json::Value = document();
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
