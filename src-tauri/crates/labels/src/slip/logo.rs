//! Client logos for the packing slip: tiny vector drawings in `assets/logos/<client>.logo`,
//! compiled in. One command a line, mm from the logo's top-left:
//! `size W H`, `color GRAY` (0 black .. 1 white), `rect X Y W H`, `poly X,Y X,Y ...`,
//! `text X BASELINE SIZE regular|bold TEXT...`; `#` starts a comment.

use super::element::SlipElement;
use crate::font::{text_width_mm, FontWeight};

/// The bundled logos by client id.
const LOGOS: &[(&str, &str)] = &[
    (
        "nordlys",
        include_str!("../../../../../assets/logos/nordlys.logo"),
    ),
    (
        "kwiat",
        include_str!("../../../../../assets/logos/kwiat.logo"),
    ),
];

/// Client ids that have a logo.
pub fn logo_clients() -> Vec<&'static str> {
    LOGOS.iter().map(|(id, _)| *id).collect()
}

/// A parsed logo.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    pub width_mm: f64,
    pub height_mm: f64,
    shapes: Vec<Shape>,
}

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Rect(f64, f64, f64, f64, f64),
    Poly(Vec<(f64, f64)>, f64),
    Text(f64, f64, f64, FontWeight, String),
}

/// The logo of `client_id`, if it has one (ids compare case-insensitively).
pub fn logo(client_id: &str) -> Option<Logo> {
    LOGOS
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(client_id.trim()))
        .and_then(|(_, src)| parse_logo(src).ok())
}

/// Parses the logo format; the error names the bad line.
pub fn parse_logo(src: &str) -> Result<Logo, String> {
    let mut size = None;
    let mut gray = 0.0;
    let mut shapes = Vec::new();
    for (n, raw) in src.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || format!("logo line {}: {raw:?}", n + 1);
        let mut words = line.split_whitespace();
        let cmd = words.next().unwrap_or_default();
        let num = |w: Option<&str>| -> Result<f64, String> {
            w.and_then(|w| w.parse::<f64>().ok())
                .filter(|v| v.is_finite())
                .ok_or_else(bad)
        };
        match cmd {
            "size" => size = Some((num(words.next())?, num(words.next())?)),
            "color" => gray = num(words.next())?.clamp(0.0, 1.0),
            "rect" => shapes.push(Shape::Rect(
                num(words.next())?,
                num(words.next())?,
                num(words.next())?,
                num(words.next())?,
                gray,
            )),
            "poly" => {
                let mut pts = Vec::new();
                for w in words {
                    let (x, y) = w.split_once(',').ok_or_else(bad)?;
                    pts.push((num(Some(x))?, num(Some(y))?));
                }
                if pts.len() < 3 {
                    return Err(bad());
                }
                shapes.push(Shape::Poly(pts, gray));
            }
            "text" => {
                let x = num(words.next())?;
                let b = num(words.next())?;
                let s = num(words.next())?;
                let weight = match words.next() {
                    Some("regular") => FontWeight::Regular,
                    Some("bold") => FontWeight::Bold,
                    _ => return Err(bad()),
                };
                let text = words.collect::<Vec<_>>().join(" ");
                if text.is_empty() {
                    return Err(bad());
                }
                shapes.push(Shape::Text(x, b, s, weight, text));
            }
            _ => return Err(bad()),
        }
    }
    let (width_mm, height_mm) = size.ok_or("logo has no size line")?;
    if width_mm <= 0.0 || height_mm <= 0.0 {
        return Err("logo size must be positive".into());
    }
    Ok(Logo {
        width_mm,
        height_mm,
        shapes,
    })
}

impl Logo {
    /// Appends the logo's shapes at (`x`, `y`) scaled by `scale`.
    pub(crate) fn draw(&self, out: &mut Vec<SlipElement>, x: f64, y: f64, scale: f64) {
        for s in &self.shapes {
            match s {
                Shape::Rect(rx, ry, w, h, g) => out.push(SlipElement::Fill {
                    x_mm: x + rx * scale,
                    y_mm: y + ry * scale,
                    width_mm: w * scale,
                    height_mm: h * scale,
                    gray: *g,
                }),
                Shape::Poly(pts, g) => out.push(SlipElement::Poly {
                    points: pts
                        .iter()
                        .map(|(px, py)| (x + px * scale, y + py * scale))
                        .collect(),
                    gray: *g,
                }),
                Shape::Text(tx, b, size, weight, text) => out.push(SlipElement::Text {
                    x_mm: x + tx * scale,
                    baseline_mm: y + b * scale,
                    size_mm: size * scale,
                    weight: *weight,
                    text: text.clone(),
                    width_mm: text_width_mm(text, *weight, size * scale),
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_logo_parses_and_its_text_fits_its_box() {
        for (id, src) in LOGOS {
            let logo = parse_logo(src).unwrap_or_else(|e| panic!("{id}: {e}"));
            for s in &logo.shapes {
                if let Shape::Text(x, _, size, w, text) = s {
                    let right = x + text_width_mm(text, *w, *size);
                    assert!(
                        right <= logo.width_mm + 0.01,
                        "{id}: {text} ends at {right}"
                    );
                }
            }
        }
    }

    #[test]
    fn bad_logo_lines_are_refused_with_the_line() {
        assert!(parse_logo("size 10 10\nblob 1")
            .unwrap_err()
            .contains("line 2"));
        assert!(parse_logo("rect 0 0 1 1").is_err());
        assert!(parse_logo("size 10 10\npoly 0,0 1,1").is_err());
        assert!(logo("no-such-client").is_none());
        assert!(logo("NORDLYS").is_some());
    }
}
