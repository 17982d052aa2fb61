//! Product pictures for the packer's order lines. The backend serves each SKU's picture
//! (`GET /v1/skus/{sku}/image`); the station hands it to the webview as a `data:` URI, so the
//! page loads nothing remote (the CSP allows `data:` images only). Pictures are kept in memory
//! and in the data directory's `sku-images/`, so a restart during a backend outage still shows
//! them. Only SVG and PNG are accepted; anything else is treated as "no picture".

use std::collections::HashMap;
use std::sync::Arc;

use base64::Engine as _;
use tracing::{debug, warn};

use crate::ports::{BackendApi, BackendError, ImageCache};

/// Larger pictures are refused: a product thumbnail is a few kilobytes.
pub const MAX_IMAGE_BYTES: usize = 512 * 1024;
/// Pictures kept in memory (the rest are read back from disk).
const MEMORY_ENTRIES: usize = 4_096;

pub struct SkuImages {
    backend: Arc<dyn BackendApi>,
    cache: Arc<dyn ImageCache>,
    memory: std::sync::Mutex<HashMap<String, Option<String>>>,
}

impl SkuImages {
    pub fn new(backend: Arc<dyn BackendApi>, cache: Arc<dyn ImageCache>) -> Self {
        SkuImages {
            backend,
            cache,
            memory: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The SKU's picture as a `data:` URI; `None` when the backend has none (or sent something
    /// that is not a picture). A backend that cannot be reached is not remembered as "none":
    /// the next call asks again.
    pub async fn data_uri(&self, sku: &str) -> Option<String> {
        if let Some(known) = self
            .memory
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(sku)
        {
            return known.clone();
        }
        let found = match self.cache.load(sku).await {
            Some(bytes) => data_uri(&bytes),
            None => match self.backend.sku_image(sku).await {
                Ok(bytes) => {
                    let uri = data_uri(&bytes);
                    if uri.is_some() {
                        self.cache.store(sku, &bytes).await;
                    } else {
                        warn!(
                            sku,
                            bytes = bytes.len(),
                            "the backend's picture is not SVG or PNG"
                        );
                    }
                    uri
                }
                Err(BackendError::Rejected { status: 404, .. }) => None,
                Err(e) => {
                    debug!(sku, error = %e, "no picture now");
                    return None;
                }
            },
        };
        let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        if memory.len() >= MEMORY_ENTRIES {
            memory.clear();
        }
        memory.insert(sku.to_owned(), found.clone());
        found
    }
}

/// `bytes` as a `data:` URI when they are an SVG document or a PNG, else `None`.
pub fn data_uri(bytes: &[u8]) -> Option<String> {
    if bytes.is_empty() || bytes.len() > MAX_IMAGE_BYTES {
        return None;
    }
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if is_svg(bytes) {
        "image/svg+xml"
    } else {
        return None;
    };
    Some(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

fn is_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let head = head.get(..head.len().min(1024)).unwrap_or(head);
    (head.starts_with("<svg") || head.starts_with("<?xml")) && head.contains("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_png_become_data_uris_anything_else_does_not() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>"#;
        let uri = data_uri(svg).unwrap();
        assert!(uri.starts_with("data:image/svg+xml;base64,"), "{uri}");
        let back = base64::engine::general_purpose::STANDARD
            .decode(uri.split(',').nth(1).unwrap())
            .unwrap();
        assert_eq!(back, svg);
        assert!(data_uri(b"<?xml version=\"1.0\"?>\n<svg/>").is_some());
        assert!(data_uri(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
            .unwrap()
            .starts_with("data:image/png;base64,"));
        for bad in [
            &b""[..],
            b"<html><script>alert(1)</script></html>",
            b"{\"code\":\"not_found\"}",
            b"\xff\xd8\xff\xe0 jpeg",
            b"<?xml version=\"1.0\"?><html/>",
        ] {
            assert_eq!(data_uri(bad), None, "{bad:?}");
        }
        let huge = [b"<svg>".as_slice(), &vec![b' '; MAX_IMAGE_BYTES]].concat();
        assert_eq!(data_uri(&huge), None);
    }
}
