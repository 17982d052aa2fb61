//! The devices crate's integration tests: property tests of the codecs, and each protocol's
//! serial adapter against its simulator over real pseudo-terminals.

mod fuzz;
mod health;
mod pty;
mod status_frames;
