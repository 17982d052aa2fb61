//! The screen's parts, one component per file.

mod error_banner;
mod manifest_view;
mod scan_box;
mod station_bar;
mod step_panel;

pub use error_banner::ErrorBanner;
pub use manifest_view::ManifestView;
pub use scan_box::ScanBox;
pub use station_bar::StationBar;
pub use step_panel::StepPanel;
