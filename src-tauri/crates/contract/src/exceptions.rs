//! Wire types of exceptions (units of a line, or a whole order, that cannot ship) and of the
//! packer's overrides (another box than suggested, a weight accepted out of tolerance).

use serde::{Deserialize, Serialize};

use super::whole;

/// Why units of one order line cannot ship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineExceptionReason {
    /// Missing from the slot.
    Short,
    /// Present but unsellable.
    Damaged,
    /// The slot held something else.
    WrongItem,
}

/// Why a whole order went to exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderExceptionReason {
    Short,
    Damaged,
    WrongItem,
    WeightMismatch,
    NoLabel,
}

/// Units of one order line that went to exception (the station's `ExceptionRecord`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineException {
    #[schema(example = "TR-0042", pattern = "^[Tt][Rr]-[0-9]{4}$")]
    pub trolley: String,
    #[schema(minimum = 1, maximum = 99)]
    #[serde(deserialize_with = "whole")]
    pub slot: u8,
    #[schema(
        example = "SO-100001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub order_id: String,
    #[schema(minimum = 1, maximum = 10000)]
    #[serde(deserialize_with = "whole")]
    pub line_no: u32,
    #[schema(
        example = "LUM-0001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub sku: String,
    /// Units of the line in exception; with the units already moved or in exception, never
    /// more than the slot held.
    #[schema(minimum = 1, maximum = 10000)]
    #[serde(deserialize_with = "whole")]
    pub units: u32,
    pub reason: LineExceptionReason,
    /// The slot's location (as in the manifest).
    #[schema(
        example = "TR-0042-07",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub from_location: String,
    /// Where the units were put. Ignored for `short` (the units are missing: recorded as null);
    /// for `damaged` and `wrong_item`, null means the station's exception location `EXC-<station>`.
    #[serde(default)]
    #[schema(
        example = "EXC-ST-01",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub to_location: Option<String>,
    /// For a wrong item: the barcode of what was found instead, if it scanned.
    #[serde(default)]
    #[schema(
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub found_barcode: Option<String>,
    #[schema(
        example = "PK-0001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub packer_id: String,
}

/// A whole order routed to exception (the station's `OrderException`); its units are reported
/// as [`LineException`]s.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderException {
    #[schema(example = "TR-0042", pattern = "^[Tt][Rr]-[0-9]{4}$")]
    pub trolley: String,
    #[schema(minimum = 1, maximum = 99)]
    #[serde(deserialize_with = "whole")]
    pub slot: u8,
    #[schema(
        example = "SO-100001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub order_id: String,
    pub reason: OrderExceptionReason,
    #[schema(
        example = "EXC-ST-01",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub to_location: String,
    #[schema(
        example = "PK-0001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub packer_id: String,
}

/// The backend's receipt for an exception.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExceptionReceipt {
    pub exception_id: i64,
}

/// What a supervisor sees of a line exception.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LineExceptionEntry {
    pub exception_id: i64,
    pub station: String,
    pub recorded_at_ms: i64,
    pub exception: LineException,
}

/// What a supervisor sees of an order exception.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrderExceptionEntry {
    pub exception_id: i64,
    pub station: String,
    pub recorded_at_ms: i64,
    pub exception: OrderException,
}

/// Open exceptions: units of lines, and whole orders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OpenExceptions {
    pub lines: Vec<LineExceptionEntry>,
    pub orders: Vec<OrderExceptionEntry>,
}

/// What became of a parcel weighed out of tolerance (the station's `WeightVerdict`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "verdict", rename_all = "snake_case", deny_unknown_fields)]
pub enum WeightDecision {
    /// Within tolerance after all (re-weighed): nobody had to decide.
    // A struct variant, not a unit one: serde lets a unit variant of a tagged enum ignore
    // extra fields.
    Accepted {},
    /// Shipped out of tolerance on a supervisor's word.
    Overridden {
        #[schema(
            example = "SV-0013",
            min_length = 1,
            max_length = 64,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        supervisor_id: String,
        #[schema(
            example = "wet cardboard, contents checked",
            min_length = 1,
            max_length = 200,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        reason: String,
    },
}

/// A packer's override, for supervisors to review: another box than the suggested one, or a
/// weight accepted out of tolerance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum OverrideRecord {
    Packaging {
        #[schema(
            example = "SO-100001",
            min_length = 1,
            max_length = 64,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        order_id: String,
        #[schema(minimum = 1, maximum = 99)]
        #[serde(deserialize_with = "whole")]
        parcel_no: u32,
        /// The packaging the station suggested (catalogue id).
        #[schema(
            example = "BX-S",
            min_length = 1,
            max_length = 64,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        suggested_id: String,
        /// The packaging the packer took instead (catalogue id).
        #[schema(
            example = "BX-M",
            min_length = 1,
            max_length = 64,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        chosen_id: String,
        #[schema(
            example = "suggested box out of stock",
            min_length = 1,
            max_length = 200,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        reason: String,
        #[schema(
            example = "PK-0001",
            min_length = 1,
            max_length = 64,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        packer_id: String,
    },
    Weight {
        #[schema(
            example = "SO-100001",
            min_length = 1,
            max_length = 64,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        order_id: String,
        #[schema(minimum = 1, maximum = 99)]
        #[serde(deserialize_with = "whole")]
        parcel_no: u32,
        #[schema(minimum = 1, maximum = 100000)]
        #[serde(deserialize_with = "whole")]
        measured_g: u32,
        #[schema(minimum = 1, maximum = 100000)]
        #[serde(deserialize_with = "whole")]
        expected_g: u32,
        decision: WeightDecision,
        #[schema(
            example = "PK-0001",
            min_length = 1,
            max_length = 64,
            pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
        )]
        packer_id: String,
    },
}

impl OverrideRecord {
    pub fn kind(&self) -> OverrideKind {
        match self {
            OverrideRecord::Packaging { .. } => OverrideKind::Packaging,
            OverrideRecord::Weight { .. } => OverrideKind::Weight,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OverrideKind {
    Packaging,
    Weight,
}

impl OverrideKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OverrideKind::Packaging => "packaging",
            OverrideKind::Weight => "weight",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OverrideReceipt {
    pub override_id: i64,
}

/// What a supervisor sees of an override.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OverrideEntry {
    pub override_id: i64,
    pub station: String,
    pub recorded_at_ms: i64,
    #[serde(rename = "override")]
    pub record: OverrideRecord,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_a_tagged_union_refusing_unknown_fields() {
        let ok = r#"{"kind":"packaging","order_id":"SO-1","parcel_no":1,"suggested_id":"BX-S",
            "chosen_id":"BX-M","reason":"out of stock","packer_id":"PK-0001"}"#;
        let r: OverrideRecord = serde_json::from_str(ok).unwrap();
        assert_eq!(r.kind(), OverrideKind::Packaging);
        let extra = ok.replace("\"kind\"", "\"colour\":\"red\",\"kind\"");
        assert!(serde_json::from_str::<OverrideRecord>(&extra).is_err());
        let weight = r#"{"kind":"weight","order_id":"SO-1","parcel_no":1,"measured_g":1200.0,
            "expected_g":1000,"decision":{"verdict":"overridden","supervisor_id":"SV-0013",
            "reason":"wet box"},"packer_id":"PK-0001"}"#;
        let r: OverrideRecord = serde_json::from_str(weight).unwrap();
        assert_eq!(r.kind(), OverrideKind::Weight);
        let back = serde_json::to_value(&r).unwrap();
        assert_eq!(back["kind"], "weight");
        assert_eq!(back["measured_g"], 1200);
        let accepted = weight.replace(
            r#"{"verdict":"overridden","supervisor_id":"SV-0013",
            "reason":"wet box"}"#,
            r#"{"verdict":"accepted"}"#,
        );
        assert!(
            serde_json::from_str::<OverrideRecord>(&accepted).is_ok(),
            "{accepted}"
        );
        let sloppy = accepted.replace(r#""accepted""#, r#""accepted","reason":"x""#);
        assert!(serde_json::from_str::<OverrideRecord>(&sloppy).is_err());
    }
}
