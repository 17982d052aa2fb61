//! The label data a carrier (or the backend on its behalf) hands the station when it does
//! not send a ready label document: who ships, to whom, how, and the codes to print.

use serde::{Deserialize, Serialize};

use crate::sscc::Sscc;

/// Everything printed on one 4x6 parcel label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LabelData {
    pub sender: Address,
    pub recipient: Address,
    /// Carrier name as printed, e.g. "DPD Polska".
    pub carrier: String,
    /// Service as printed, e.g. "Classic" or "Next Day 12:00".
    pub service: String,
    /// Carrier routing / sort code printed large for the hub, e.g. "PL-WAW 02".
    pub routing_code: String,
    /// The carrier's tracking number, encoded as Code 128 with its text under it.
    /// ASCII letters, digits, '-', '.', '/' only (what carriers issue).
    pub tracking_number: String,
    /// Parcel gross weight in grams, printed in kg.
    pub weight_g: u32,
    /// The shop's order reference.
    pub order_ref: String,
    /// Parcel n of m for a multi-parcel shipment; omitted for a single parcel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parcel: Option<ParcelOf>,
    /// Content of the 2D (QR) code as the carrier specifies it, printable ASCII;
    /// when omitted the QR code carries the tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_content: Option<String>,
    /// The parcel's SSCC, printed lowest as GS1-128 with AI (00).
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{18}$"))]
    pub sscc: Sscc,
}

/// A postal address as printed, line by line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Person or company name.
    pub name: String,
    /// Company, department or "c/o" line under the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Street lines, most significant first.
    pub street_lines: Vec<String>,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. "PL".
    pub country_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Parcel `index` of `count` in one shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ParcelOf {
    pub index: u16,
    pub count: u16,
}

impl LabelData {
    /// What the 2D code encodes.
    pub fn qr_payload(&self) -> &str {
        self.qr_content
            .as_deref()
            .unwrap_or(self.tracking_number.as_str())
    }
}
