//! Cartonization: which packaging an order goes in, how many parcels, where each unit sits, and
//! an explanation a packer can read. Pure and deterministic; `bench_format` speaks the public
//! benchmark's file formats.

pub mod bench_format;
mod engine;
pub mod explain;
pub mod geometry;
pub mod model;
pub mod packaging;
mod placer;
mod rules;

#[cfg(test)]
mod tests;

pub use engine::cartonize;
pub use explain::{BoxSide, ChosenParcel, Explanation, Handling, Rejection, RuledOut, SkuCount};
pub use geometry::{Cuboid, DimsMm};
pub use model::{
    CartonOptions, Cartonization, ItemToPack, Objective, PackRequest, Packaging, PackagingKind,
    Parcel, PlacedUnit, UnpackedUnits,
};
