//! Barcodes on the label: a Code 128 / GS1-128 symbol at the widest whole-dot module that fits,
//! and a QR code at the smallest version that holds its payload.

use crate::code128::Code128Plan;
use crate::{Dpi, LabelError};

use super::model::{LinearBarcode, QrSymbol, LINEAR_QUIET_MODULES, QR_QUIET_MODULES};

/// Picks the widest whole-dot module (up to `max_module_mm`, at least 0.25 mm) for which the
/// symbol and its quiet zones fit inside the margins, and centres it.
pub(super) fn linear(
    plan: Code128Plan,
    data: &str,
    y: f64,
    height: f64,
    dpi: Dpi,
    max_module_mm: f64,
    what: &'static str,
) -> Result<LinearBarcode, LabelError> {
    let (page_w, _) = dpi.label_dots();
    let avail = page_w - 2 * dpi.dots_within(1.0);
    let min_dots = (0.25 * f64::from(dpi.dots_per_mm())).ceil() as u32;
    let max_dots = dpi.dots_within(max_module_mm).max(min_dots);
    let total_modules = plan.width_modules() as u32 + 2 * LINEAR_QUIET_MODULES;
    let module_dots = (min_dots..=max_dots)
        .rev()
        .find(|m| total_modules * m <= avail)
        .ok_or_else(|| LabelError::DoesNotFit {
            what,
            detail: format!(
                "{} modules need {:.1} mm at the narrowest scannable module, {:.1} mm available",
                total_modules,
                dpi.mm(total_modules * min_dots),
                dpi.mm(avail)
            ),
        })?;
    let width = plan.width_modules() as u32 * module_dots;
    let x_dots = (page_w - width) / 2;
    Ok(LinearBarcode {
        x_mm: dpi.mm(x_dots),
        y_mm: snap(y, dpi),
        height_mm: height,
        module_dots,
        plan,
        data: data.to_owned(),
    })
}

fn snap(mm: f64, dpi: Dpi) -> f64 {
    dpi.mm((mm * f64::from(dpi.dots_per_mm())).round() as u32)
}

/// A QR code in byte mode at error correction M, at the smallest version that holds the
/// payload (a Zebra given the same byte-mode field makes the same choice), with the widest
/// whole-dot module that fits `area` mm square with its quiet zone.
pub(super) fn qr(
    payload: &str,
    x: f64,
    y: f64,
    area: f64,
    dpi: Dpi,
) -> Result<QrSymbol, LabelError> {
    use qrcode::bits::Bits;
    use qrcode::{EcLevel, QrCode, Version};
    let code = (1..=40)
        .find_map(|v| {
            let mut bits = Bits::new(Version::Normal(v));
            bits.push_byte_data(payload.as_bytes()).ok()?;
            bits.push_terminator(EcLevel::M).ok()?;
            QrCode::with_bits(bits, EcLevel::M).ok()
        })
        .ok_or_else(|| LabelError::DoesNotFit {
            what: "QR code",
            detail: format!("{} bytes exceed a version 40 QR code", payload.len()),
        })?;
    let size = code.width();
    let area_dots = dpi.dots_within(area);
    let min_dots = (0.25 * f64::from(dpi.dots_per_mm())).ceil() as u32;
    let max_dots = dpi.dots_within(0.625);
    let total = size as u32 + 2 * QR_QUIET_MODULES;
    let module_dots = (min_dots..=max_dots)
        .rev()
        .find(|m| total * m <= area_dots)
        .ok_or_else(|| LabelError::DoesNotFit {
            what: "QR code",
            detail: format!("{size} modules per side do not fit {area:.1} mm at 0.25 mm a module"),
        })?;
    let quiet = QR_QUIET_MODULES * module_dots;
    let x_dots = dpi.dots_within(x) + quiet;
    let y_dots = dpi.dots_within(y) + quiet;
    let modules = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok(QrSymbol {
        x_mm: dpi.mm(x_dots),
        y_mm: dpi.mm(y_dots),
        module_dots,
        size,
        modules,
        payload: payload.to_owned(),
    })
}
