//! Why the engine chose what it chose, for the packer at the bench and the supervisor after:
//! the parcels with their fill, and the reason each cheaper packaging was ruled out.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::packaging::PackagingKind;

/// A box side, named as the catalogue names the inner extents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoxSide {
    Length,
    Width,
    Height,
}

impl BoxSide {
    pub fn from_axis(axis: usize) -> Self {
        match axis {
            0 => BoxSide::Length,
            1 => BoxSide::Width,
            _ => BoxSide::Height,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    Fragile,
    Liquid,
}

/// One reason a packaging cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rejection {
    NotStocked,
    /// Branded packaging of other clients.
    ReservedForOtherClients {
        client: String,
        allowed_clients: Vec<String>,
    },
    ForbiddenForClient {
        client: String,
    },
    /// A mailer or polybag cannot take a fragile or liquid unit.
    SoftPackaging {
        sku: String,
        kind: PackagingKind,
        handling: Handling,
    },
    /// A unit is longer than the box on this side in every allowed orientation.
    TooSmall {
        sku: String,
        side: BoxSide,
        item_mm: u32,
        inner_mm: u32,
    },
    TooHeavy {
        gross_g: u64,
        max_gross_g: u32,
    },
    NotEnoughVolume {
        items_mm3: u64,
        inner_mm3: u64,
    },
    /// Each unit fits alone, but the engine found no arrangement holding them all.
    NoArrangementFound,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::NotStocked => write!(f, "not in stock"),
            Rejection::ReservedForOtherClients {
                allowed_clients, ..
            } => {
                write!(f, "reserved for {}", allowed_clients.join(", "))
            }
            Rejection::ForbiddenForClient { client } => write!(f, "not allowed for {client}"),
            Rejection::SoftPackaging {
                sku,
                kind,
                handling,
            } => {
                let h = match handling {
                    Handling::Fragile => "fragile",
                    Handling::Liquid => "liquid",
                };
                write!(f, "a {} cannot take {h} {sku}", kind.as_str())
            }
            Rejection::TooSmall {
                sku,
                side,
                item_mm,
                inner_mm,
            } => {
                let s = match side {
                    BoxSide::Length => "length",
                    BoxSide::Width => "width",
                    BoxSide::Height => "height",
                };
                write!(f, "{sku} needs {item_mm} mm where its {s} is {inner_mm} mm")
            }
            Rejection::TooHeavy {
                gross_g,
                max_gross_g,
            } => write!(
                f,
                "it would weigh {:.1} kg, over its {:.1} kg limit",
                *gross_g as f64 / 1000.0,
                f64::from(*max_gross_g) / 1000.0
            ),
            Rejection::NotEnoughVolume {
                items_mm3,
                inner_mm3,
            } => write!(
                f,
                "the units take {:.1} l, it holds {:.1} l",
                *items_mm3 as f64 / 1e6,
                *inner_mm3 as f64 / 1e6
            ),
            Rejection::NoArrangementFound => write!(f, "the units do not fit in it together"),
        }
    }
}

/// A packaging not used, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuledOut {
    pub packaging_id: String,
    pub cost: f64,
    pub reasons: Vec<Rejection>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChosenParcel {
    pub packaging_id: String,
    pub cost: f64,
    pub units: u32,
    pub fill_pct: f64,
    pub gross_weight_g: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuCount {
    pub sku: String,
    pub qty: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub chosen: Vec<ChosenParcel>,
    /// Packagings cheaper than the dearest parcel chosen, checked against the units that share
    /// parcels (not those that must ship alone), cheapest first.
    pub cheaper_ruled_out: Vec<RuledOut>,
    pub unpacked: Vec<SkuCount>,
}

impl Explanation {
    /// One or two sentences a packer can act on.
    pub fn sentence(&self) -> String {
        let mut s = String::new();
        match self.chosen.len() {
            0 => s.push_str("No parcel."),
            1 => {
                let c = &self.chosen[0];
                s.push_str(&format!(
                    "Pack in {} ({:.0}% full, {:.2} kg).",
                    c.packaging_id,
                    c.fill_pct,
                    c.gross_weight_g as f64 / 1000.0
                ));
            }
            n => {
                let list: Vec<String> = self
                    .chosen
                    .iter()
                    .map(|c| {
                        format!(
                            "{} ({} units, {:.0}% full)",
                            c.packaging_id, c.units, c.fill_pct
                        )
                    })
                    .collect();
                s.push_str(&format!("Pack in {n} parcels: {}.", list.join(", ")));
            }
        }
        for r in &self.cheaper_ruled_out {
            let why: Vec<String> = r.reasons.iter().map(|x| x.to_string()).collect();
            s.push_str(&format!(" Not {}: {}.", r.packaging_id, why.join("; ")));
        }
        if !self.unpacked.is_empty() {
            let list: Vec<String> = self
                .unpacked
                .iter()
                .map(|u| format!("{} x{}", u.sku, u.qty))
                .collect();
            s.push_str(&format!(
                " No packaging takes {}: ship separately.",
                list.join(", ")
            ));
        }
        s
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence())
    }
}
