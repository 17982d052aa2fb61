//! The nouns of cartonization: the items of an order to pack and the parcels that come out,
//! each unit with its spot and turn in its box (the packaging catalogue is in `packaging`).

use serde::{Deserialize, Serialize};

use super::explain::{Explanation, RuledOut};
use super::geometry::DimsMm;
pub use super::packaging::{Packaging, PackagingKind};
use crate::manifest::{OrderLine, SkuFlags};

/// One line of an order to pack: `qty` identical units of a SKU.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemToPack {
    pub sku: String,
    /// Natural extents, height last; a keep-upright unit keeps that height vertical.
    pub dims_mm: DimsMm,
    pub weight_g: u32,
    pub qty: u32,
    #[serde(default)]
    pub flags: SkuFlags,
    /// Each unit travels in a parcel of its own (oversize, hazardous, high value).
    #[serde(default)]
    pub ship_alone: bool,
}

impl ItemToPack {
    /// The item of an order line as the manifest holds it.
    pub fn from_line(line: &OrderLine) -> Self {
        ItemToPack {
            sku: line.item.sku.clone(),
            dims_mm: line.item.dims_mm,
            weight_g: line.item.weight_g,
            qty: line.qty,
            flags: line.item.flags,
            ship_alone: false,
        }
    }
}

/// What to cartonize: one order's items for one client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackRequest {
    pub client: String,
    pub items: Vec<ItemToPack>,
}

/// What "best" means when choosing parcels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// Lowest total packaging cost, then fewest parcels, then least empty volume.
    #[default]
    CheapestTotal,
    /// Fewest parcels, then lowest cost, then least empty volume: for catalogues whose cost
    /// leaves out what each extra parcel costs the carrier and the packer.
    FewestParcels,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartonOptions {
    #[serde(default)]
    pub objective: Objective,
}

/// One unit in its parcel: min corner and extents after rotation, in the box frame.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedUnit {
    pub sku: String,
    pub pos_mm: [u32; 3],
    pub dims_mm: DimsMm,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parcel {
    pub packaging_id: String,
    pub kind: PackagingKind,
    pub cost: f64,
    pub units: Vec<PlacedUnit>,
    pub gross_weight_g: u64,
    /// Unit volume over inner volume, in percent.
    pub fill_pct: f64,
}

/// Units of one SKU that no packaging can take, with each packaging's reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnpackedUnits {
    pub sku: String,
    pub qty: u32,
    pub ruled_out: Vec<RuledOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cartonization {
    pub parcels: Vec<Parcel>,
    pub unpacked: Vec<UnpackedUnits>,
    pub total_cost: f64,
    pub explanation: Explanation,
}
