//! Wire types of shipments: an order's parcels handed to the carrier, answered with tracking
//! numbers, SSCCs, ready label documents and the label data to render them.

use packbench_labels::LabelData;
use serde::{Deserialize, Serialize};

use super::whole;

/// The label document a station wants back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LabelFormat {
    /// ZPL for a 203 dpi (8 dots/mm) printer.
    Zpl203,
    /// ZPL for a 300 dpi (12 dots/mm) printer.
    Zpl300,
    /// A one-page 4x6 in PDF.
    Pdf,
}

/// One unit count of an order line in a parcel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParcelContentLine {
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
    #[schema(minimum = 1, maximum = 10000)]
    #[serde(deserialize_with = "whole")]
    pub qty: u32,
}

/// One packed parcel of the shipment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParcelRequest {
    /// 1 to the number of parcels, each once.
    #[schema(minimum = 1, maximum = 99)]
    #[serde(deserialize_with = "whole")]
    pub parcel_no: u32,
    /// The catalogue id of the box, mailer or polybag.
    #[schema(
        example = "BX-M",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub packaging_id: String,
    /// Gross weight as weighed.
    #[schema(minimum = 1, maximum = 70000)]
    #[serde(deserialize_with = "whole")]
    pub weight_g: u32,
    #[schema(minimum = 1, maximum = 3000)]
    #[serde(deserialize_with = "whole")]
    pub length_mm: u32,
    #[schema(minimum = 1, maximum = 3000)]
    #[serde(deserialize_with = "whole")]
    pub width_mm: u32,
    #[schema(minimum = 1, maximum = 3000)]
    #[serde(deserialize_with = "whole")]
    pub height_mm: u32,
    #[schema(min_items = 1, max_items = 100)]
    pub contents: Vec<ParcelContentLine>,
}

/// A shipment for one order of a trolley the station holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewShipment {
    #[schema(
        example = "SO-100001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub order_id: String,
    #[schema(example = "TR-0042", pattern = "^[Tt][Rr]-[0-9]{4}$")]
    pub trolley: String,
    #[schema(
        example = "DPD",
        min_length = 1,
        max_length = 40,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub carrier: String,
    #[schema(
        example = "Classic",
        min_length = 1,
        max_length = 40,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub service: String,
    #[schema(min_items = 1, max_items = 20)]
    pub parcels: Vec<ParcelRequest>,
    pub label_format: LabelFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    Active,
    Voided,
}

/// A parcel as the carrier knows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ShippedParcel {
    pub parcel_no: u32,
    #[schema(example = "DPD0012345678")]
    pub tracking_number: String,
    #[schema(example = "359012340000000428", pattern = "^[0-9]{18}$")]
    pub sscc: String,
}

/// A ready label document for one parcel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LabelDocument {
    pub parcel_no: u32,
    pub format: LabelFormat,
    /// The document's bytes, base64 (standard alphabet, padded).
    pub content_base64: String,
}

/// The carrier's consignment for an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Shipment {
    #[schema(example = "SH-000001")]
    pub shipment_id: String,
    pub order_id: String,
    pub carrier: String,
    pub service: String,
    pub status: ShipmentStatus,
    pub parcels: Vec<ShippedParcel>,
    /// One document per parcel, in the requested format.
    pub labels: Vec<LabelDocument>,
    /// What is printed on each parcel's label, for a station that renders labels itself.
    pub label_data: Vec<LabelData>,
}

/// The shipment path parameter.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ShipmentParam {
    #[param(example = "SH-000001", max_length = 64)]
    pub shipment_id: String,
}

/// Which shipments to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShipmentQuery {
    #[param(
        example = "SO-100001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub order_id: String,
}
