//! The station's files: desk exports in a folder, product pictures kept on disk, and labels
//! drawn for the screen by `labelize`. (Alerts go to the webhook from the backend: `GET /v1/alerts`.)

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use tracing::warn;

use crate::ports::{Exports, FileError, ImageCache, LabelRenderer, PreviewError};

fn file_error(path: &Path, e: std::io::Error) -> FileError {
    FileError {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
}

/// Exports written to a folder of the station's data directory (created when first needed).
pub struct DirExports {
    dir: PathBuf,
}

impl DirExports {
    pub fn new(dir: PathBuf) -> Self {
        DirExports { dir }
    }
}

#[async_trait]
impl Exports for DirExports {
    async fn write(
        &self,
        path: Option<PathBuf>,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<PathBuf, FileError> {
        let path = match path {
            Some(p) => p,
            None => {
                tokio::fs::create_dir_all(&self.dir)
                    .await
                    .map_err(|e| file_error(&self.dir, e))?;
                self.dir.join(name)
            }
        };
        tokio::fs::write(&path, bytes)
            .await
            .map_err(|e| file_error(&path, e))?;
        Ok(path)
    }
}

/// Pictures in a folder, one file per SKU named by the SKU's hash.
pub struct DiskImageCache {
    dir: PathBuf,
}

impl DiskImageCache {
    pub fn new(dir: PathBuf) -> Self {
        DiskImageCache { dir }
    }
}

/// The file a SKU's picture is kept in (SKUs may hold any character; their hash may not).
fn file_name(sku: &str) -> String {
    let digest = Sha256::digest(sku.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[async_trait]
impl ImageCache for DiskImageCache {
    async fn load(&self, sku: &str) -> Option<Vec<u8>> {
        tokio::fs::read(self.dir.join(file_name(sku))).await.ok()
    }

    async fn store(&self, sku: &str, bytes: &[u8]) {
        // Write then rename: a crash never leaves half a picture behind.
        let file = self.dir.join(file_name(sku));
        let tmp = file.with_extension("tmp");
        let res = async {
            tokio::fs::create_dir_all(&self.dir).await?;
            tokio::fs::write(&tmp, bytes).await?;
            tokio::fs::rename(&tmp, &file).await
        }
        .await;
        if let Err(e) = res {
            // A full disk costs the offline copy only; the picture is still shown.
            warn!(error = %e, dir = %self.dir.display(), "picture not kept on disk");
        }
    }
}

/// Draws ZPL with `labelize` (the labels crate's `zpl_draw`), the renderer the labels crate's
/// tests read labels back with and compare with carriers' reference renders.
pub struct LabelizeRenderer;

impl LabelRenderer for LabelizeRenderer {
    fn render_pngs(
        &self,
        zpl: &[u8],
        dpi: packbench_labels::Dpi,
        media: packbench_labels::Media,
    ) -> Result<Vec<Vec<u8>>, PreviewError> {
        packbench_labels::zpl_draw::preview_pngs(zpl, dpi, media).map_err(|e| PreviewError(e.0))
    }

    fn ink(
        &self,
        zpl: &[u8],
        dpi: packbench_labels::Dpi,
        media: packbench_labels::Media,
    ) -> Result<Vec<Option<packbench_labels::InkExtent>>, PreviewError> {
        packbench_labels::zpl_draw::ink_extents(zpl, dpi, media).map_err(|e| PreviewError(e.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_sku_maps_to_a_plain_file_name() {
        for sku in ["SKU-1", "../../etc/passwd", "a/b\\c:d", "ŻÓŁW 1"] {
            let f = file_name(sku);
            assert_eq!(f.len(), 64);
            assert!(f.chars().all(|c| c.is_ascii_hexdigit()), "{f}");
        }
        assert_ne!(file_name("SKU-1"), file_name("SKU-2"));
    }

    #[tokio::test]
    async fn a_picture_stored_is_loaded_back_and_an_unknown_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskImageCache::new(dir.path().join("sku-images"));
        assert_eq!(cache.load("SKU-1").await, None);
        cache.store("SKU-1", b"<svg/>").await;
        assert_eq!(cache.load("SKU-1").await.as_deref(), Some(&b"<svg/>"[..]));
    }

    #[tokio::test]
    async fn an_export_goes_to_the_folder_or_to_the_path_given() {
        let dir = tempfile::tempdir().unwrap();
        let exports = DirExports::new(dir.path().join("exports"));
        let p = exports.write(None, "a.csv", b"x".to_vec()).await.unwrap();
        assert_eq!(p, dir.path().join("exports/a.csv"));
        let given = dir.path().join("b.csv");
        let p = exports
            .write(Some(given.clone()), "ignored.csv", b"y".to_vec())
            .await
            .unwrap();
        assert_eq!(std::fs::read(p).unwrap(), b"y");
        let err = exports
            .write(
                Some(dir.path().join("no/such/dir/c.csv")),
                "c",
                b"z".to_vec(),
            )
            .await
            .unwrap_err();
        assert!(err.to_string().contains("no/such/dir/c.csv"), "{err}");
    }
}
