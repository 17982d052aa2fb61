//! The labels loaded in the printer: width x length as a station sets them (`4x6in`,
//! `103x199mm`), and what they come to in the printer's dots.

use std::fmt;
use std::str::FromStr;

use crate::Dpi;

use super::facts::PrinterProfile;

/// Zebra's 4-inch desktop and industrial printers print up to 104 mm (832 dots at 203 dpi,
/// 1248 at 300), a little wider than a 4.00 in label.
pub const FOUR_INCH_HEAD_MM: f64 = 104.0;

/// Label stock: width across the print head and length along the feed, in micrometres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Media {
    pub width_um: u32,
    pub length_um: u32,
    /// The unit it was given in, so it is said back the same way.
    pub inches: bool,
}

/// A media size that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("label size {given:?} is not understood: {why} (write it like 4x6in, 4x8in, 100x150mm or 103x199mm)")]
pub struct MediaError {
    pub given: String,
    pub why: &'static str,
}

impl Media {
    /// 4 x 6 in, the station's default.
    pub const FOUR_BY_SIX_IN: Media = Media {
        width_um: 101_600,
        length_um: 152_400,
        inches: true,
    };

    pub fn width_mm(&self) -> f64 {
        f64::from(self.width_um) / 1000.0
    }

    pub fn length_mm(&self) -> f64 {
        f64::from(self.length_um) / 1000.0
    }

    /// Whole dots across at `dpi` (a fraction of a dot does not print).
    pub fn width_dots(&self, dpi: Dpi) -> u32 {
        mm_to_dots(self.width_mm(), dpi)
    }

    /// Whole dots along the feed at `dpi`.
    pub fn length_dots(&self, dpi: Dpi) -> u32 {
        mm_to_dots(self.length_mm(), dpi)
    }
}

impl Default for Media {
    fn default() -> Self {
        Media::FOUR_BY_SIX_IN
    }
}

/// Whole dots in `mm` on a printer of `dpi` (its head has 8 or 12 dots a millimetre: 4 in is
/// 812 dots at "203 dpi", 1219 at "300 dpi"); a fraction of a dot does not print.
pub fn mm_to_dots(mm: f64, dpi: Dpi) -> u32 {
    (mm * f64::from(dpi.dots_per_mm()) + 1e-6)
        .floor()
        .clamp(0.0, f64::from(u32::MAX)) as u32
}

/// Millimetres of `dots` on a printer of `dpi`.
pub fn dots_to_mm(dots: u32, dpi: Dpi) -> f64 {
    f64::from(dots) / f64::from(dpi.dots_per_mm())
}

/// A length in mm as a person says it: whole when close, else to a tenth (152, 101.6).
pub fn say_mm(mm: f64) -> String {
    if (mm - mm.round()).abs() < 0.05 {
        format!("{} mm", mm.round())
    } else {
        format!("{mm:.1} mm")
    }
}

impl FromStr for Media {
    type Err = MediaError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why| MediaError {
            given: s.to_owned(),
            why,
        };
        let t = s.trim().to_ascii_lowercase().replace([' ', '×'], "");
        let (dims, inches) = if let Some(d) = t.strip_suffix("in") {
            (d, true)
        } else if let Some(d) = t.strip_suffix("mm") {
            (d, false)
        } else {
            return Err(bad("say the unit, in or mm"));
        };
        let (w, l) = dims
            .split_once('x')
            .ok_or_else(|| bad("give width x length"))?;
        let num = |v: &str| -> Result<f64, MediaError> {
            let n: f64 = v.parse().map_err(|_| bad("a size is not a number"))?;
            if !n.is_finite() || n <= 0.0 {
                return Err(bad("sizes must be above zero"));
            }
            Ok(if inches { n * 25.4 } else { n })
        };
        let (w_mm, l_mm) = (num(w)?, num(l)?);
        // Nothing a label printer takes is under 10 mm or over a metre.
        if !(10.0..=1000.0).contains(&w_mm) || !(10.0..=1000.0).contains(&l_mm) {
            return Err(bad("sizes must be between 10 mm and 1 m"));
        }
        Ok(Media {
            width_um: (w_mm * 1000.0).round() as u32,
            length_um: (l_mm * 1000.0).round() as u32,
            inches,
        })
    }
}

impl fmt::Display for Media {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let trim = |v: f64| {
            let s = format!("{v:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        };
        if self.inches {
            write!(
                f,
                "{}x{}in",
                trim(self.width_mm() / 25.4),
                trim(self.length_mm() / 25.4)
            )
        } else {
            write!(f, "{}x{}mm", trim(self.width_mm()), trim(self.length_mm()))
        }
    }
}

/// What a printer says of itself (Zebra SGD: print width and label length in dots, head
/// resolution), held against the station's settings: one sentence per disagreement, in
/// millimetres. A print width between the labels' width and the head's is ordinary.
pub fn disagreements(
    station: &PrinterProfile,
    print_width_dots: Option<u32>,
    label_length_dots: Option<u32>,
    printer_dpi: Option<u32>,
) -> Vec<String> {
    let mut out = Vec::new();
    let set_for = format!(
        "the station is set for {} labels ({} x {}) at {} dpi",
        station.media,
        say_mm(station.media.width_mm()),
        say_mm(station.media.length_mm()),
        match station.dpi {
            Dpi::D203 => 203,
            Dpi::D300 => 300,
        }
    );
    if let Some(dpi) = printer_dpi {
        let station_dpi = match station.dpi {
            Dpi::D203 => 203,
            Dpi::D300 => 300,
        };
        if dpi.abs_diff(station_dpi) > 10 {
            out.push(format!("the printer prints at {dpi} dpi; {set_for}"));
            // Its dots are another size: the figures below would mislead.
            return out;
        }
    }
    let mm = |d: u32| say_mm(dots_to_mm(d, station.dpi));
    if let Some(pw) = print_width_dots {
        let narrowest = u64::from(station.width_dots) * 97 / 100;
        if u64::from(pw) < narrowest || pw > station.head_width_dots {
            out.push(format!(
                "the printer prints {} wide (print width {pw} dots); {set_for}",
                mm(pw)
            ));
        }
    }
    if let Some(ll) = label_length_dots {
        if u64::from(ll.abs_diff(station.label_length_dots)) * 100
            > u64::from(station.label_length_dots) * 3
        {
            out.push(format!(
                "the printer's labels are {} long (label length {ll} dots); {set_for}",
                mm(ll)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printer_that_agrees_says_nothing_and_one_that_does_not_says_it_in_millimetres() {
        let four_by_six = PrinterProfile::four_by_six(Dpi::D203);
        assert!(disagreements(&four_by_six, Some(832), Some(1218), Some(203)).is_empty());
        assert!(disagreements(&four_by_six, Some(812), Some(1219), None).is_empty());
        let dhl = disagreements(&four_by_six, Some(832), Some(1592), Some(203));
        assert_eq!(dhl.len(), 1, "{dhl:?}");
        assert!(
            dhl[0].contains("199 mm long") && dhl[0].contains("4x6in labels (101.6 mm x 152.4 mm)"),
            "{dhl:?}"
        );
        let narrow = disagreements(&four_by_six, Some(640), None, None);
        assert!(narrow[0].contains("80 mm wide"), "{narrow:?}");
        let other = disagreements(&four_by_six, Some(1248), Some(1827), Some(300));
        assert_eq!(other.len(), 1);
        assert!(
            other[0].contains("300 dpi") && other[0].contains("203 dpi"),
            "{other:?}"
        );
    }

    #[test]
    fn sizes_read_in_inches_and_millimetres_and_say_themselves_back() {
        for (given, w_dots, l_dots, back) in [
            ("4x6in", 812, 1219, "4x6in"),
            ("4 x 8 in", 812, 1625, "4x8in"),
            ("100x150mm", 800, 1200, "100x150mm"),
            ("103x199MM", 824, 1592, "103x199mm"),
            ("101.6x152.4mm", 812, 1219, "101.6x152.4mm"),
        ] {
            let m: Media = given.parse().unwrap();
            assert_eq!(m.width_dots(Dpi::D203), w_dots, "{given}");
            assert_eq!(m.length_dots(Dpi::D203), l_dots, "{given}");
            assert_eq!(m.to_string(), back);
            assert_eq!(back.parse::<Media>().unwrap(), m);
        }
        assert_eq!(Media::default().width_dots(Dpi::D300), 1219);
    }

    #[test]
    fn unreadable_sizes_say_how_to_write_one() {
        for bad in ["4x6", "4in", "0x6in", "ax6in", "4x6ft", "2000x6mm", ""] {
            let e = bad.parse::<Media>().unwrap_err().to_string();
            assert!(e.contains("4x6in") && e.contains(bad), "{bad}: {e}");
        }
    }

    #[test]
    fn lengths_are_said_as_people_say_them() {
        assert_eq!(say_mm(152.4), "152.4 mm");
        assert_eq!(say_mm(199.02), "199 mm");
        assert_eq!(say_mm(dots_to_mm(1592, Dpi::D203)), "199 mm");
    }
}
