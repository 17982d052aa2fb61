//! The nouns of cartonization: the packaging catalogue, the items of an order to pack, and the
//! parcels that come out, each unit with its spot and turn in its box.

use serde::{Deserialize, Serialize};

use super::explain::{Explanation, RuledOut};
use super::geometry::DimsMm;
use crate::manifest::{OrderLine, SkuFlags};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PackagingKind {
    Box,
    Mailer,
    Polybag,
}

impl PackagingKind {
    /// Soft packaging gives no protection: no fragile or liquid unit goes in one.
    pub fn is_soft(self) -> bool {
        matches!(self, PackagingKind::Mailer | PackagingKind::Polybag)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PackagingKind::Box => "box",
            PackagingKind::Mailer => "mailer",
            PackagingKind::Polybag => "polybag",
        }
    }
}

/// One entry of the station's packaging catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Packaging {
    pub id: String,
    pub kind: PackagingKind,
    /// Usable inner extents: length (x), width (y), height (z, vertical).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u32>, min_items = 3, max_items = 3))]
    pub inner_mm: DimsMm,
    pub tare_g: u32,
    /// Gross limit: tare plus contents.
    pub max_gross_g: u32,
    /// Cost of using one, in the catalogue's currency (or any unit the caller minimises).
    pub cost: f64,
    #[serde(default = "yes")]
    pub stocked: bool,
    /// When not empty, only these clients may use it (a branded box).
    #[serde(default)]
    pub allowed_clients: Vec<String>,
    #[serde(default)]
    pub forbidden_clients: Vec<String>,
}

fn yes() -> bool {
    true
}

impl Packaging {
    /// A stocked, unbranded box.
    pub fn new_box(id: &str, inner_mm: DimsMm, tare_g: u32, max_gross_g: u32, cost: f64) -> Self {
        Packaging {
            id: id.to_owned(),
            kind: PackagingKind::Box,
            inner_mm,
            tare_g,
            max_gross_g,
            cost,
            stocked: true,
            allowed_clients: Vec::new(),
            forbidden_clients: Vec::new(),
        }
    }

    pub fn inner_volume_mm3(&self) -> u64 {
        super::geometry::volume_mm3(self.inner_mm)
    }

    /// Weight the contents may have.
    pub fn net_capacity_g(&self) -> u64 {
        u64::from(self.max_gross_g.saturating_sub(self.tare_g))
    }
}

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
