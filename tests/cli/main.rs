//! `packbench`'s commands as IT runs them, as processes: `doctor`, `gs1`, `token`,
//! `training-sheet`, the drill against a broken outbox, and the updater. One test binary (one
//! link step).

#[path = "../support/mock_app.rs"]
mod mock_app;

mod doctor;
mod drill;
mod flags;
mod gs1_cli;
mod token;
mod training_sheet;
mod update;
mod zpl_cli;
