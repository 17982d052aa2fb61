//! The station's files and outside notifications, as its use cases need them: the desk's CSV
//! exports, the supervisors' alert webhook, the offline copies of product pictures, and the
//! on-screen rendering of a printed label.

use std::path::PathBuf;

use async_trait::async_trait;

/// A file the station could not write, and why: the message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Cannot write {path} ({detail}). Choose a folder you may write to, or call IT.")]
pub struct FileError {
    pub path: String,
    pub detail: String,
}

/// Where the desk's exports are written.
#[async_trait]
pub trait Exports: Send + Sync {
    /// Writes `bytes` to `path` when one is given (absolute, its folder existing), else to a new
    /// file named `name` in the station's export folder. Returns where it went.
    async fn write(
        &self,
        path: Option<PathBuf>,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<PathBuf, FileError>;
}

/// Product pictures kept on the station's disk, so a restart during an outage still shows them.
/// Losing a copy (a full disk) costs only the offline copy, so neither call fails.
#[async_trait]
pub trait ImageCache: Send + Sync {
    async fn load(&self, sku: &str) -> Option<Vec<u8>>;
    async fn store(&self, sku: &str, bytes: &[u8]);
}

/// A label could not be drawn for the screen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The label cannot be shown on screen: {0}")]
pub struct PreviewError(pub String);

/// Draws a ZPL label as the printer would print it: for the screen, and to tell where its ink
/// falls before it is sent.
pub trait LabelRenderer: Send + Sync {
    /// One PNG per format of the label, at the printer's `dpi` on the loaded `media`.
    fn render_pngs(
        &self,
        zpl: &[u8],
        dpi: packbench_labels::Dpi,
        media: packbench_labels::Media,
    ) -> Result<Vec<Vec<u8>>, PreviewError>;

    /// Where ink falls in each format that draws something, in the printer's dots, unclipped.
    fn ink(
        &self,
        zpl: &[u8],
        dpi: packbench_labels::Dpi,
        media: packbench_labels::Media,
    ) -> Result<Vec<Option<packbench_labels::InkExtent>>, PreviewError>;
}
