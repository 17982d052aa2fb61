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

/// A webhook could not be posted to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The alert webhook was not reached: {0}")]
pub struct WebhookError(pub String);

/// The chat webhook supervisors' alerts are posted to.
#[async_trait]
pub trait AlertWebhook: Send + Sync {
    /// Posts one message.
    async fn post(&self, text: &str) -> Result<(), WebhookError>;
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

/// Draws a ZPL label as the printer would print it, for the screen.
pub trait LabelRenderer: Send + Sync {
    /// A PNG of the label at `dots_per_mm` on media `width_mm` x `height_mm`.
    fn render_png(
        &self,
        zpl: &[u8],
        dots_per_mm: u8,
        width_mm: f64,
        height_mm: f64,
    ) -> Result<Vec<u8>, PreviewError>;
}
