//! Carrier ZPL drawn with `labelize` (feature `draw`): the preview a packer or IT sees, one PNG
//! per format on the loaded labels, and where each format's ink really falls, for the check.
//! Pure: bytes in, images and figures out.

use std::io::Cursor;

use labelize::{DrawerOptions, LabelInfo, Language, Renderer};

use crate::zpl_check::{InkExtent, Media, FOUR_INCH_HEAD_MM};
use crate::Dpi;

/// The renderer could not read or draw the label.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the label cannot be drawn: {0}")]
pub struct DrawError(pub String);

/// The formats that draw something (labelize leaves out those that draw nothing).
fn formats(zpl: &[u8], dpi: Dpi) -> Result<Vec<LabelInfo>, DrawError> {
    labelize::parse_labels(Language::Zpl, zpl, dpmm(dpi)).map_err(|e| DrawError(e.to_string()))
}

fn dpmm(dpi: Dpi) -> i32 {
    dpi.dots_per_mm() as i32
}

fn draw(label: &LabelInfo, opts: DrawerOptions) -> Result<Vec<u8>, DrawError> {
    let mut png = Cursor::new(Vec::new());
    Renderer::new()
        .draw_label_as_png(label, &mut png, opts)
        .map_err(DrawError)?;
    Ok(png.into_inner())
}

/// Each format of `zpl` as the printer of `dpi` prints it on `media` (PNG, one dot a pixel,
/// `^POI` turned round, nothing past the labels' edges).
pub fn preview_pngs(zpl: &[u8], dpi: Dpi, media: Media) -> Result<Vec<Vec<u8>>, DrawError> {
    let labels = formats(zpl, dpi)?;
    if labels.is_empty() {
        return Err(DrawError("no ^XA format in it draws anything".into()));
    }
    labels
        .iter()
        .map(|label| {
            draw(
                label,
                DrawerOptions {
                    label_width_mm: media.width_mm(),
                    label_height_mm: media.length_mm(),
                    dpmm: dpmm(dpi),
                    enable_inverted_labels: true,
                    antialias: false,
                },
            )
        })
        .collect()
}

/// Where ink falls in each format of `zpl` on a printer of `dpi`, measured on a canvas half as
/// wide and as long again as the print head and the media, so a label too big for `media`
/// shows how big it is (up to that). Drawn the right way up and unclipped by `^PW` (the check applies
/// `^PW` itself): the extent is the format's own layout. Formats that draw nothing are left
/// out, so the list may be shorter than the file's formats. Thin rules (lines no thicker than
/// 1 mm and at least a quarter of the label's width long) do not count: carriers draw them
/// edge to edge and past it, and a rule cut at the edge loses nothing.
pub fn ink_extents(
    zpl: &[u8],
    dpi: Dpi,
    media: Media,
) -> Result<Vec<Option<InkExtent>>, DrawError> {
    let canvas_w_mm = media.width_mm().max(FOUR_INCH_HEAD_MM) * 1.5;
    let canvas_l_mm = media.length_mm() * 1.5;
    formats(zpl, dpi)?
        .into_iter()
        .map(|mut label| {
            label.inverted = false;
            label.mirrored = false;
            label.print_width = 0;
            let png = draw(
                &label,
                DrawerOptions {
                    label_width_mm: canvas_w_mm,
                    label_height_mm: canvas_l_mm,
                    dpmm: dpmm(dpi),
                    enable_inverted_labels: false,
                    antialias: false,
                },
            )?;
            let (w, h, dots) = png_dots(&png)?;
            let rule_len = media.width_dots(dpi) / 4;
            let rule_thickness = dpi.dots_per_mm();
            Ok(content_extent(w, h, &dots, rule_len, rule_thickness))
        })
        .collect()
}

/// One past the rightmost and lowest dots of `dots` (`w` x `h`, row by row) that are not part
/// of a thin rule: a horizontal run of at least `rule_len` dots no more than `rule_thickness`
/// dots tall, or the same standing up.
pub fn content_extent(
    w: u32,
    h: u32,
    dots: &[bool],
    rule_len: u32,
    rule_thickness: u32,
) -> Option<InkExtent> {
    let (wu, hu) = (w as usize, h as usize);
    // Length of the horizontal and of the vertical run each dot belongs to.
    let mut across = vec![0u32; dots.len()];
    for y in 0..hu {
        let row = y * wu;
        let mut x = 0;
        while x < wu {
            if !dots[row + x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < wu && dots[row + x] {
                x += 1;
            }
            across[row + start..row + x].fill((x - start) as u32);
        }
    }
    let mut down = vec![0u32; dots.len()];
    for x in 0..wu {
        let mut y = 0;
        while y < hu {
            if !dots[y * wu + x] {
                y += 1;
                continue;
            }
            let start = y;
            while y < hu && dots[y * wu + x] {
                y += 1;
            }
            for yy in start..y {
                down[yy * wu + x] = (y - start) as u32;
            }
        }
    }
    let mut extent: Option<InkExtent> = None;
    for (i, &d) in dots.iter().enumerate() {
        let rule = (across[i] >= rule_len && down[i] <= rule_thickness)
            || (down[i] >= rule_len && across[i] <= rule_thickness);
        if !d || rule {
            continue;
        }
        let (x, y) = ((i % wu) as u32, (i / wu) as u32);
        let e = extent.get_or_insert(InkExtent::default());
        e.right_dots = e.right_dots.max(x + 1);
        e.bottom_dots = e.bottom_dots.max(y + 1);
    }
    extent
}

/// A PNG as 1-bit dots: `true` where a thermal printer would burn (grey below half).
pub fn png_dots(png: &[u8]) -> Result<(u32, u32, Vec<bool>), DrawError> {
    let img = image::load_from_memory(png)
        .map_err(|e| DrawError(format!("the drawing is not a PNG: {e}")))?
        .to_luma8();
    let (w, h) = img.dimensions();
    Ok((w, h, img.pixels().map(|p| p.0[0] < 128).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ink_is_measured_where_it_falls_whatever_the_origin_command() {
        // A 40-dot box from ^FO (top left) and the same from ^FT at its bottom left.
        let fo = ink_extents(
            b"^XA^FO100,200^GB40,40,40^FS^XZ",
            Dpi::D203,
            Media::default(),
        )
        .unwrap();
        assert_eq!(
            fo,
            vec![Some(InkExtent {
                right_dots: 140,
                bottom_dots: 240
            })]
        );
        let blank = ink_extents(b"^XA^FO10,10^FS^XZ", Dpi::D203, Media::default()).unwrap();
        assert!(blank.iter().all(Option::is_none), "{blank:?}");
    }

    #[test]
    fn an_inverted_code_128_lies_where_it_prints_not_right_of_its_field_origin() {
        let zpl = b"^XA^PW812^FT700,300^BY2^BCI,80,N,N,N^FD123456^FS^XZ";
        let ink = ink_extents(zpl, Dpi::D203, Media::default()).unwrap()[0].unwrap();
        // ^FT is the symbol's corner; turned round, it reads leftwards from there.
        assert!(ink.right_dots <= 700, "{ink:?}");
        assert!(ink.bottom_dots > 300, "{ink:?}");
    }

    #[test]
    fn thin_rules_run_past_the_edge_without_counting_but_thick_bars_and_barcodes_count() {
        let zpl = b"^XA^FO10,100^GB1000,3,3^FS^FO20,20^GB2,1400,2^FS^FO100,300^GB50,50,50^FS^XZ";
        let ink = ink_extents(zpl, Dpi::D203, Media::default()).unwrap()[0].unwrap();
        assert_eq!((ink.right_dots, ink.bottom_dots), (150, 350));
        let bar = b"^XA^FO10,100^GB1000,30,30^FS^XZ";
        let ink = ink_extents(bar, Dpi::D203, Media::default()).unwrap()[0].unwrap();
        assert_eq!(ink.right_dots, 1010);
        let code = b"^XA^FO600,100^BY3^BCN,100,N,N,N^FDAMZNCC00000010000000^FS^XZ";
        let ink = ink_extents(code, Dpi::D203, Media::default()).unwrap()[0].unwrap();
        assert!(ink.right_dots > 900, "{ink:?}");
    }

    #[test]
    fn the_preview_is_the_loaded_labels_size() {
        let media: Media = "103x199mm".parse().unwrap();
        let pngs = preview_pngs(b"^XA^FO10,10^GB50,50,50^FS^XZ", Dpi::D203, media).unwrap();
        let (w, h, _) = png_dots(&pngs[0]).unwrap();
        assert_eq!((w, h), (824, 1592));
    }
}
