//! The backend contract as an OpenAPI 3.1 document, generated from the wire types and the
//! training backend's annotated routes. `src-tauri/contract/openapi.json` is this document as
//! committed; a test fails when the two differ (set `PACKBENCH_UPDATE_OPENAPI=1` to rewrite it).

use packbench_core::{Manifest, Order, OrderLine, SkuFlags, SkuInfo, Slot};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::routes;
use packbench_core::carton::{Packaging, PackagingKind};

use crate::contract::{
    ApiError, CatalogueEntry, Health, MovementBatch, MovementLine, MovementReceipt, Packer,
    Released, Role, SignInRequest,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Packbench station API",
        description = "What a Packbench pack station needs from the warehouse backend. Every \
            request but health carries `Authorization: Bearer <token>` and `x-station-id`; every \
            error is JSON `{code, message}` with a stable snake_case code.",
        license(name = "MIT", identifier = "MIT"),
    ),
    paths(routes::health, routes::trolley, routes::claim, routes::release, routes::movements, routes::sign_in, routes::packaging),
    components(schemas(
        ApiError, Health, Released, Manifest, Slot, Order, OrderLine, SkuInfo, SkuFlags,
        MovementBatch, MovementLine, MovementReceipt, SignInRequest, Packer, Role, CatalogueEntry, Packaging, PackagingKind
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "trolleys", description = "Claiming and releasing captured trolleys"),
        (name = "movements", description = "Outbound stock movements, idempotent"),
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
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITTED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src-tauri/contract/openapi.json"
    );

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
    }
}
