//! A drawn picture of each demo SKU (a small SVG: the product's silhouette to scale in its
//! client's colour, with its code), so the station can show what to look for. The files in
//! `assets/skus/` are this generator's output; a test fails when they differ (set
//! `PACKBENCH_UPDATE_SKU_IMAGES=1` to rewrite them).

use sha2::{Digest, Sha256};

/// Where the committed images live, relative to the repository root.
pub const SKU_IMAGE_DIR: &str = "assets/skus";

/// The image's path in the repository, as the manifest names it.
pub fn sku_image_file(sku: &str) -> String {
    format!("{SKU_IMAGE_DIR}/{sku}.svg")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SKU's picture: deterministic in its code, name and dimensions.
pub fn sku_image_svg(sku: &str, name: &str, dims_mm: [u32; 3]) -> String {
    let h = Sha256::digest(sku.as_bytes());
    let hue = u32::from(h[0]) * 360 / 256;
    let accent = (hue + 180) % 360;
    // Front view: length across, height up, scaled to fit a 160x160 box.
    let (l, ht) = (dims_mm[0].max(1) as f64, dims_mm[2].max(1) as f64);
    let scale = 150.0 / l.max(ht);
    let (w, hh) = ((l * scale).max(6.0), (ht * scale).max(6.0));
    let (x, y) = (100.0 - w / 2.0, 95.0 - hh / 2.0);
    let stripes = 1 + h[1] % 3;
    let mut bands = String::new();
    for i in 0..stripes {
        let by = y + hh * (f64::from(i) + 1.0) / (f64::from(stripes) + 1.0);
        bands.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"hsl({accent},60%,45%)\"/>",
            by - hh * 0.04,
            hh * 0.08
        ));
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"200\" viewBox=\"0 0 200 200\" role=\"img\" aria-label=\"{label}\">\
<title>{label}</title>\
<rect width=\"200\" height=\"200\" fill=\"hsl({hue},30%,95%)\"/>\
<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{hh:.1}\" rx=\"{r:.1}\" fill=\"hsl({hue},55%,60%)\" stroke=\"hsl({hue},55%,30%)\" stroke-width=\"2\"/>\
{bands}\
<text x=\"100\" y=\"192\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"14\" text-anchor=\"middle\" fill=\"#222\">{code}</text>\
</svg>\n",
        label = xml_escape(name),
        code = xml_escape(sku),
        r = w.min(hh) * 0.08,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::demo_data;

    #[test]
    fn the_committed_sku_images_match_the_generator() {
        // This crate sits at `src-tauri/crates/training`; the images at the repository's root.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../..")
            .join(SKU_IMAGE_DIR);
        let update = std::env::var_os("PACKBENCH_UPDATE_SKU_IMAGES").is_some();
        if update {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let w = demo_data::generate(demo_data::DEFAULT_SEED);
        let mut expected = BTreeSet::new();
        let mut stale = Vec::new();
        for s in &w.skus {
            let file = format!("{}.svg", s.sku);
            let svg = sku_image_svg(&s.sku, &s.name, s.dims_mm);
            if update {
                std::fs::write(dir.join(&file), &svg).unwrap();
            }
            if std::fs::read_to_string(dir.join(&file)).ok().as_deref() != Some(svg.as_str()) {
                stale.push(file.clone());
            }
            expected.insert(file);
        }
        let present: BTreeSet<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        let extra: Vec<_> = present.difference(&expected).collect();
        assert!(
            stale.is_empty() && extra.is_empty(),
            "{} stale or missing, extra {extra:?}: run `PACKBENCH_UPDATE_SKU_IMAGES=1 cargo test sku_images` and commit {SKU_IMAGE_DIR}",
            stale.len()
        );
    }

    #[test]
    fn images_differ_per_sku_and_escape_names() {
        let a = sku_image_svg("LUM-0001", "Serum <30 ml> & co", [30, 30, 100]);
        assert!(a.starts_with("<svg") && a.contains("Serum &lt;30 ml&gt; &amp; co"));
        assert_ne!(
            a,
            sku_image_svg("LUM-0002", "Serum <30 ml> & co", [30, 30, 100])
        );
        assert_eq!(
            a,
            sku_image_svg("LUM-0001", "Serum <30 ml> & co", [30, 30, 100])
        );
    }
}
