//! The packaging catalogue: each box, mailer or polybag a station stocks, its inner extents,
//! weight limits, cost and the clients it is reserved for or forbidden to.

use serde::{Deserialize, Serialize};

use super::geometry::DimsMm;

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
