//! What a packing slip prints: the paper, the order's addresses and lines, prices or a gift
//! message, and the checks that make them printable.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::data::{Address, ParcelOf};
use crate::LabelError;

/// Paper the slip is printed on (office laser printer at the pack station).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 x 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 x 11 in = 215.9 x 279.4 mm.
    Letter,
}

impl Paper {
    /// (width, height) in mm, portrait.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

impl FromStr for Paper {
    type Err = LabelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            _ => Err(LabelError::InvalidField {
                field: "paper",
                reason: format!("{s:?} is not a paper size: use a4 or letter"),
            }),
        }
    }
}

/// Everything printed on one packing slip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackingSlipData {
    /// The client (shop) id: picks its logo from `assets/logos/<id>.logo`.
    pub client_id: String,
    /// The client's name as printed, also the fallback when it has no logo.
    pub client_name: String,
    /// The shop's order reference.
    pub order_ref: String,
    /// Order (or packing) date as printed, e.g. "2026-11-26".
    pub date: String,
    pub ship_to: Address,
    pub lines: Vec<SlipLine>,
    /// Parcel n of m when the order ships in several parcels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parcel: Option<ParcelOf>,
    /// A gift message makes this a gift slip: the message in a box and no prices anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gift_message: Option<String>,
    /// ISO 4217 currency of the line prices; needed when any line has a price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// How to return goods, printed at the end.
    pub returns_note: String,
    /// The slip's language (BCP 47): headings, notes and totals are printed in it when Packbench
    /// speaks it (`en`, `pl`, `ro`, `uk`, `bg`, `lt`), else in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// One order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlipLine {
    pub sku: String,
    pub name: String,
    pub qty_ordered: u32,
    pub qty_shipped: u32,
    /// Unit price in minor units (cents, grosze); printed only on a non-gift slip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price_minor: Option<u64>,
}

impl SlipLine {
    /// Fewer shipped than ordered.
    pub fn is_short(&self) -> bool {
        self.qty_shipped < self.qty_ordered
    }
}

impl PackingSlipData {
    /// Has a (non-blank) gift message.
    pub fn is_gift(&self) -> bool {
        self.gift_message
            .as_deref()
            .is_some_and(|m| !m.trim().is_empty())
    }

    /// Whether the price column is printed: never on a gift slip, else when any line has one.
    pub fn shows_prices(&self) -> bool {
        !self.is_gift() && self.lines.iter().any(|l| l.unit_price_minor.is_some())
    }
}

/// Longest gift message accepted (it must fit its box on the first page).
pub const MAX_GIFT_MESSAGE_CHARS: usize = 600;

/// Checks what must be present and consistent.
pub fn validate_slip(data: &PackingSlipData) -> Result<(), LabelError> {
    let invalid =
        |field: &'static str, reason: String| Err(LabelError::InvalidField { field, reason });
    for (field, value) in [
        ("order_ref", &data.order_ref),
        ("date", &data.date),
        ("client_name", &data.client_name),
        ("ship_to.name", &data.ship_to.name),
        ("ship_to.city", &data.ship_to.city),
        ("ship_to.country_code", &data.ship_to.country_code),
    ] {
        if value.trim().is_empty() {
            return invalid(field, "must not be empty".into());
        }
    }
    if data.lines.is_empty() {
        return invalid("lines", "a packing slip lists at least one line".into());
    }
    for (i, l) in data.lines.iter().enumerate() {
        if l.sku.trim().is_empty() {
            return invalid("lines.sku", format!("line {} has no SKU", i + 1));
        }
        if l.qty_shipped > l.qty_ordered {
            return invalid(
                "lines.qty_shipped",
                format!(
                    "line {} ({}) ships {} of {} ordered",
                    i + 1,
                    l.sku,
                    l.qty_shipped,
                    l.qty_ordered
                ),
            );
        }
    }
    if let Some(p) = data.parcel {
        if p.index == 0 || p.index > p.count {
            return invalid(
                "parcel",
                format!("parcel {} of {} does not exist", p.index, p.count),
            );
        }
    }
    if let Some(m) = &data.gift_message {
        if m.chars().count() > MAX_GIFT_MESSAGE_CHARS {
            return invalid(
                "gift_message",
                format!("at most {MAX_GIFT_MESSAGE_CHARS} characters"),
            );
        }
    }
    if data.shows_prices() && data.currency.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return invalid("currency", "lines have prices but no currency".into());
    }
    Ok(())
}
