//! The screen's parts, one component per file.

mod box_picture;
mod error_banner;
mod manifest_view;
mod scan_box;
mod sku_image;
mod station_bar;
mod step_panel;
mod training_hints;

pub use box_picture::BoxPicture;
pub use error_banner::ErrorBanner;
pub use manifest_view::ManifestView;
pub use scan_box::ScanBox;
pub use sku_image::SkuImage;
pub use station_bar::StationBar;
pub use step_panel::StepPanel;
pub use training_hints::TrainingHints;
