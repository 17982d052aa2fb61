//! A claimed trolley's manifest: its slots, the order in each slot, and the SKU data a packer
//! needs to verify and pack it.

use serde::{Deserialize, Serialize};

use crate::trolley::TrolleyCode;

/// Handling flags of a SKU, as the warehouse master data holds them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SkuFlags {
    pub fragile: bool,
    pub liquid: bool,
    pub keep_upright: bool,
    pub dangerous_goods: bool,
    pub lot_expiry_required: bool,
    pub serial_required: bool,
}

/// What the station knows of a SKU: enough to verify a scan and to pack the unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkuInfo {
    pub sku: String,
    pub name: String,
    /// Every barcode that identifies one unit (GTIN-13 first, then client codes).
    pub barcodes: Vec<String>,
    /// Unit dimensions, length x width x height.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u32>, min_items = 3, max_items = 3))]
    pub dims_mm: [u32; 3],
    pub weight_g: u32,
    #[serde(default)]
    pub flags: SkuFlags,
    /// Where to fetch a picture of the unit (a URL path on the backend, like
    /// `/v1/skus/LUM-0001/image`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLine {
    pub line_no: u32,
    pub qty: u32,
    pub item: SkuInfo,
}

/// Where an order goes, as printed on its label, line by line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipTo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    pub street_lines: Vec<String>,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. "PL".
    pub country_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub order_id: String,
    pub client: String,
    pub carrier: String,
    pub service: String,
    pub lines: Vec<OrderLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_to: Option<ShipTo>,
    /// Printed on the gift slip (no prices on a gift order's slip).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gift_message: Option<String>,
    /// The customer's language (BCP 47, like `pl` or `de-AT`), when the backend knows it: the
    /// packing slip is printed in it when the station speaks it, else in the station's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Order {
    pub fn units(&self) -> u64 {
        self.lines.iter().map(|l| u64::from(l.qty)).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    /// Slot number on the trolley, from 1.
    pub slot: u8,
    /// The bin location the units sit in, recorded as the source of outbound movements.
    pub location: String,
    pub order: Order,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Manifest {
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^TR-[0-9]{4}$", example = "TR-0042"))]
    pub trolley: TrolleyCode,
    /// The station holding the claim.
    pub claimed_by: String,
    pub slots: Vec<Slot>,
}

impl Manifest {
    pub fn units(&self) -> u64 {
        self.slots.iter().map(|s| s.order.units()).sum()
    }

    pub fn slot(&self, n: u8) -> Option<&Slot> {
        self.slots.iter().find(|s| s.slot == n)
    }

    /// The manifest's shape problems, if any: slots must be numbered uniquely from 1 and hold
    /// an order with at least one line of positive quantity. The station refuses a manifest
    /// that fails this rather than guiding a packer through nonsense.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for s in &self.slots {
            if s.slot == 0 {
                out.push(format!("slot 0 on {} (slots count from 1)", self.trolley));
            }
            if !seen.insert(s.slot) {
                out.push(format!("slot {} appears twice on {}", s.slot, self.trolley));
            }
            if s.order.lines.is_empty() {
                out.push(format!(
                    "order {} in slot {} has no lines",
                    s.order.order_id, s.slot
                ));
            }
            for l in &s.order.lines {
                if l.qty == 0 {
                    out.push(format!(
                        "order {} line {} has quantity 0",
                        s.order.order_id, l.line_no
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: u32, qty: u32) -> OrderLine {
        OrderLine {
            line_no: n,
            qty,
            item: SkuInfo {
                sku: format!("SKU-{n}"),
                name: format!("Item {n}"),
                barcodes: vec!["4006381333931".into()],
                dims_mm: [100, 50, 20],
                weight_g: 120,
                flags: SkuFlags::default(),
                image: None,
            },
        }
    }

    fn slot(n: u8, lines: Vec<OrderLine>) -> Slot {
        Slot {
            slot: n,
            location: format!("TR-0001-{n:02}"),
            order: Order {
                order_id: format!("SO-{n}"),
                client: "Acme".into(),
                carrier: "DPD".into(),
                service: "Classic".into(),
                lines,
                ship_to: None,
                gift_message: None,
                lang: None,
            },
        }
    }

    fn manifest(slots: Vec<Slot>) -> Manifest {
        Manifest {
            trolley: "TR-0001".parse().unwrap(),
            claimed_by: "ST-01".into(),
            slots,
        }
    }

    #[test]
    fn units_sum_over_slots_and_lines() {
        let m = manifest(vec![
            slot(1, vec![line(1, 2), line(2, 3)]),
            slot(2, vec![line(1, 1)]),
        ]);
        assert_eq!(m.units(), 6);
        assert_eq!(m.slot(2).unwrap().order.units(), 1);
        assert!(m.slot(3).is_none());
        assert!(m.problems().is_empty());
    }

    #[test]
    fn malformed_manifests_are_described() {
        let m = manifest(vec![
            slot(1, vec![line(1, 0)]),
            slot(1, vec![]),
            slot(0, vec![line(1, 1)]),
        ]);
        let p = m.problems();
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p.iter().any(|s| s.contains("appears twice")));
        assert!(p.iter().any(|s| s.contains("quantity 0")));
        assert!(p.iter().any(|s| s.contains("no lines")));
        assert!(p.iter().any(|s| s.contains("slot 0")));
    }

    #[test]
    fn manifest_json_round_trips_with_defaulted_flags() {
        let m = manifest(vec![slot(1, vec![line(1, 2)])]);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Manifest>(&json).unwrap(), m);
        let no_flags = json.replace(
            r#","flags":{"fragile":false,"liquid":false,"keep_upright":false,"dangerous_goods":false,"lot_expiry_required":false,"serial_required":false}"#,
            "",
        );
        assert_ne!(no_flags, json);
        assert_eq!(serde_json::from_str::<Manifest>(&no_flags).unwrap(), m);
    }
}
