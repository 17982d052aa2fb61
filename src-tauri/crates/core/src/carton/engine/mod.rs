//! Chooses the parcels for an order: which packaging, how many, and where each unit goes.
//! Packagings are tried cheapest first behind weight, volume and size bounds. An order that no
//! single packaging holds (or, for the cheapest total, might be cheaper split) is split by
//! filling one parcel at a time and by spreading it over sets of k packagings; each parcel then
//! moves to the cheapest packaging that still holds its contents, and the objective picks.

mod cartonize;
mod ctx;
mod reasons;
mod split;

pub use cartonize::cartonize;
