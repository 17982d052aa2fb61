//! The refusals many routes share, written once for the OpenAPI document: each type stands in a
//! route's `responses(...)` for one or two `{code, message}` answers with their stable codes.

use std::collections::BTreeMap;

use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

/// A refusal answered as the contract's `ApiError` JSON.
fn api_error(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ApiError")))
                .build(),
        )
        .build()
        .into()
}

macro_rules! shared_refusals {
    ($($(#[$doc:meta])* $name:ident { $($status:literal => $description:literal),+ $(,)? })*) => {$(
        $(#[$doc])*
        pub(crate) struct $name;

        impl utoipa::IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                BTreeMap::from([$(($status.to_owned(), api_error($description))),+])
            }
        }
    )*};
}

shared_refusals! {
    /// Any route behind the bearer token and `x-station-id`.
    StationAuth { "401" => "Missing or wrong token or station (`unauthorized`)" }
    /// A route for a signed-in supervisor (`x-packer-session`).
    SupervisorAuth {
        "401" => "Missing or wrong token or station (`unauthorized`), no valid session (`session_invalid`)",
        "403" => "The session is not a supervisor's (`role_forbidden`)",
    }
    /// A write without a usable `idempotency-key`.
    KeyMissing { "400" => "No or malformed idempotency key (`idempotency_key_missing`)" }
    /// A write whose key came before with another body.
    KeyReused { "409" => "Key reused (`idempotency_key_reused`)" }
    /// A write whose body is too large or not the wire type.
    BodyRefused {
        "413" => "Body too large (`body_too_large`)",
        "422" => "Malformed body (`invalid_body`)",
    }
    /// A body over the limit (for writes that say more about a malformed one).
    BodyTooLarge { "413" => "Body too large (`body_too_large`)" }
    /// A list whose filters do not parse.
    BadQuery { "400" => "Malformed query (`bad_request`)" }
    /// A `{trolley}` in the path that is not a trolley code.
    NotATrolley { "400" => "Not a trolley code (`bad_request`)" }
    /// A well-formed trolley code the warehouse does not know.
    TrolleyUnknown { "404" => "No such trolley (`trolley_unknown`)" }
}
