//! The public cartonization benchmark's file formats (`cartonization-instance/v1` instances and
//! JSON Lines results, see the benchmark's FORMAT.md) as serde types, and the pure glue between
//! them and the engine. Reading and writing files is the caller's job.

use serde::{Deserialize, Serialize};

use super::engine::cartonize;
use super::model::{CartonOptions, ItemToPack, PackRequest, Packaging, PackagingKind};
use crate::manifest::SkuFlags;

/// Extents and weights beyond this are data errors (and would overflow the integer geometry).
const MAX_MM_OR_G: f64 = 1_000_000.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    pub format: String,
    #[serde(default)]
    pub name: String,
    pub boxes: Vec<InstanceBox>,
    pub orders: Vec<InstanceOrder>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstanceBox {
    pub id: String,
    #[serde(default)]
    pub kind: Option<String>,
    pub inner: [f64; 3],
    pub tare_g: f64,
    pub max_weight_g: f64,
    pub cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstanceOrder {
    pub id: String,
    pub items: Vec<InstanceItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstanceItem {
    pub sku: String,
    pub dims: [f64; 3],
    pub weight: f64,
    #[serde(default = "one")]
    pub qty: u32,
    #[serde(default)]
    pub upright: bool,
}

fn one() -> u32 {
    1
}

/// The optional first line of a result file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultMeta {
    pub meta: MetaFields,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetaFields {
    pub solver: String,
    pub engine: String,
    pub instance: String,
    pub wall_s: f64,
}

/// One order's line of a result file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultLine {
    pub order_id: String,
    pub boxes: Vec<ResultBox>,
    pub unpacked: Vec<SkuQty>,
    pub time_ms: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultBox {
    pub box_id: String,
    pub items: Vec<ResultUnit>,
}

/// A placed unit: min corner and rotated extents in the box frame.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultUnit {
    pub sku: String,
    pub pos: [u32; 3],
    pub dims: [u32; 3],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuQty {
    pub sku: String,
    pub qty: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    #[error("not a cartonization instance (format \"{0}\")")]
    WrongFormat(String),
    #[error("{what} is {value}, not a number from 0 to 1,000,000")]
    OutOfRange { what: String, value: String },
    #[error("order {order}: sku {sku} appears with different dimensions or weight")]
    InconsistentSku { order: String, sku: String },
}

/// Integer millimetres or grams, rounded so the integer problem is never easier than the real
/// one: `up` for what is packed, down for what holds it.
fn int(what: impl Fn() -> String, v: f64, up: bool) -> Result<u32, InstanceError> {
    if !v.is_finite() || !(0.0..=MAX_MM_OR_G).contains(&v) {
        return Err(InstanceError::OutOfRange {
            what: what(),
            value: v.to_string(),
        });
    }
    // Values within a micrometre of an integer are that integer (the scorer's tolerance).
    let r = v.round();
    let v = if (v - r).abs() <= 1e-6 {
        r
    } else if up {
        v.ceil()
    } else {
        v.floor()
    };
    Ok(v as u32)
}

/// The instance's boxes as a catalogue: stocked, for every client.
pub fn catalogue(inst: &Instance) -> Result<Vec<Packaging>, InstanceError> {
    if !inst.format.starts_with("cartonization-instance/") {
        return Err(InstanceError::WrongFormat(inst.format.clone()));
    }
    inst.boxes
        .iter()
        .map(|b| {
            let name = |f: &str| format!("box {} {f}", b.id);
            let mut inner = [0u32; 3];
            for (a, v) in b.inner.iter().enumerate() {
                inner[a] = int(|| name("inner"), *v, false)?;
            }
            let kind = match b.kind.as_deref() {
                Some("mailer") => PackagingKind::Mailer,
                Some("polybag") => PackagingKind::Polybag,
                _ => PackagingKind::Box,
            };
            if !b.cost.is_finite() {
                return Err(InstanceError::OutOfRange {
                    what: name("cost"),
                    value: b.cost.to_string(),
                });
            }
            Ok(Packaging {
                kind,
                tare_g: int(|| name("tare_g"), b.tare_g, true)?,
                max_gross_g: int(|| name("max_weight_g"), b.max_weight_g, false)?,
                ..Packaging::new_box(&b.id, inner, 0, 0, b.cost)
            })
        })
        .collect()
}

/// An instance order as a pack request (no client rules in the benchmark). Repeated SKU lines
/// stay separate lines; they must agree on shape and weight, as the format demands.
pub fn to_request(order: &InstanceOrder) -> Result<PackRequest, InstanceError> {
    let mut items: Vec<ItemToPack> = Vec::with_capacity(order.items.len());
    for it in &order.items {
        let name = |f: &str| format!("order {} sku {} {f}", order.id, it.sku);
        let mut dims = [0u32; 3];
        for (a, v) in it.dims.iter().enumerate() {
            dims[a] = int(|| name("dims"), *v, true)?;
        }
        let item = ItemToPack {
            sku: it.sku.clone(),
            dims_mm: dims,
            weight_g: int(|| name("weight"), it.weight, true)?,
            qty: it.qty,
            flags: SkuFlags {
                keep_upright: it.upright,
                ..SkuFlags::default()
            },
            ship_alone: false,
        };
        if items.iter().any(|o| {
            o.sku == item.sku
                && (o.dims_mm, o.weight_g, o.flags) != (item.dims_mm, item.weight_g, item.flags)
        }) {
            return Err(InstanceError::InconsistentSku {
                order: order.id.clone(),
                sku: it.sku.clone(),
            });
        }
        items.push(item);
    }
    Ok(PackRequest {
        client: String::new(),
        items,
    })
}

/// Solves one order into its result line (with `time_ms` 0: timing is the caller's). A bad
/// order gives a line with an error status rather than stopping the run.
pub fn solve_order(
    catalogue: &[Packaging],
    order: &InstanceOrder,
    opts: &CartonOptions,
) -> ResultLine {
    let req = match to_request(order) {
        Ok(r) => r,
        Err(e) => {
            return ResultLine {
                order_id: order.id.clone(),
                boxes: Vec::new(),
                unpacked: Vec::new(),
                time_ms: 0.0,
                status: Some(format!("error: {e}")),
            }
        }
    };
    let c = cartonize(catalogue, &req, opts);
    ResultLine {
        order_id: order.id.clone(),
        boxes: c
            .parcels
            .into_iter()
            .map(|p| ResultBox {
                box_id: p.packaging_id,
                items: p
                    .units
                    .into_iter()
                    .map(|u| ResultUnit {
                        sku: u.sku,
                        pos: u.pos_mm,
                        dims: u.dims_mm,
                    })
                    .collect(),
            })
            .collect(),
        unpacked: c
            .unpacked
            .into_iter()
            .map(|u| SkuQty {
                sku: u.sku,
                qty: u.qty,
            })
            .collect(),
        time_ms: 0.0,
        status: None,
    }
}

/// Solves every order of an instance, in file order.
pub fn solve_instance(
    inst: &Instance,
    opts: &CartonOptions,
) -> Result<Vec<ResultLine>, InstanceError> {
    let cat = catalogue(inst)?;
    Ok(inst
        .orders
        .iter()
        .map(|o| solve_order(&cat, o, opts))
        .collect())
}
