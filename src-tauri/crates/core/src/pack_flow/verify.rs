//! Unit verification: which order line a scanned barcode is a unit of, and the capture of lot,
//! expiry and serial when the SKU requires them. A scan either counts one unit, starts or
//! completes a capture, or is refused with the precise reason.

use std::collections::BTreeSet;

use crate::gs1::{self, Gs1Data};
use crate::manifest::{OrderLine, SkuFlags};

use super::capture::{CaptureField, PackedUnit, PendingCapture, UnitCapture};
use super::error::FlowError;
use super::order::Ctx;
use super::state::{Parcel, ParcelStatus, TrolleyProgress};

/// Whether `code` is one of a SKU's barcodes. GTINs compare by value, so the UPC-A, EAN-13 and
/// GS1 (01) forms of one product match each other.
pub fn matches_barcode(barcodes: &[String], code: &str) -> bool {
    let wide = gs1::gtin14(code);
    barcodes
        .iter()
        .any(|b| b == code || (wide.is_some() && gs1::gtin14(b) == wide))
}

fn required_fields(flags: SkuFlags) -> Vec<CaptureField> {
    let mut out = Vec::new();
    if flags.lot_expiry_required {
        out.extend([CaptureField::Lot, CaptureField::Expiry]);
    }
    if flags.serial_required {
        out.push(CaptureField::Serial);
    }
    out
}

pub fn missing_fields(capture: &UnitCapture, flags: SkuFlags) -> Vec<CaptureField> {
    required_fields(flags)
        .into_iter()
        .filter(|f| match f {
            CaptureField::Lot => capture.lot.is_none(),
            CaptureField::Expiry => capture.expiry.is_none(),
            CaptureField::Serial => capture.serial.is_none(),
        })
        .collect()
}

fn describe(fields: &[CaptureField]) -> String {
    fields
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ")
}

fn capture_of(d: &Gs1Data) -> UnitCapture {
    UnitCapture {
        lot: d.lot.clone(),
        expiry: d.expiry,
        serial: d.serial.clone(),
    }
}

/// Whether a unit of `sku` with `serial` is already in a parcel of the trolley.
fn serial_taken(t: &TrolleyProgress, sku: &str, serial: &str) -> bool {
    t.manifest.slots.iter().zip(&t.slots).any(|(m, p)| {
        p.parcels
            .iter()
            .filter(|parcel| parcel.status != ParcelStatus::Voided)
            .flat_map(|parcel| &parcel.units)
            .any(|u| {
                u.capture.serial.as_deref() == Some(serial)
                    && m.order
                        .lines
                        .iter()
                        .any(|l| l.line_no == u.line_no && l.item.sku == sku)
            })
    })
}

fn check_serial(c: &Ctx, line: &OrderLine, capture: &UnitCapture) -> Result<(), FlowError> {
    match &capture.serial {
        Some(serial) if serial_taken(c.t, &line.item.sku, serial) => {
            Err(FlowError::SerialDuplicate {
                name: line.item.name.clone(),
                serial: serial.clone(),
            })
        }
        _ => Ok(()),
    }
}

/// A GS1 scan (element string, Digital Link, EAN/UPC with its AIM id) read with every rule
/// of the dictionary but the associations an AI requires, or `None` for a plain barcode.
fn parse(raw: &str) -> Result<Option<gs1::Gs1Message>, FlowError> {
    if !gs1::looks_like_element_string(raw) {
        return Ok(None);
    }
    let opts = gs1::ParseOptions { requisites: false };
    gs1::parse_scan(raw, opts)
        .map(Some)
        .map_err(FlowError::Gs1Invalid)
}

/// The associations an AI requires (`req=`), checked over the unit's codes together as GS1
/// asks: this scan's AIs plus `unit_gtin`, the GTIN the unit is known by from an earlier scan
/// (a lot-and-expiry label next to the product barcode).
fn check_requisites(m: &gs1::Gs1Message, unit_gtin: Option<&str>) -> Result<Gs1Data, FlowError> {
    let mut all = m.elements.clone();
    if let Some(gtin) = unit_gtin.filter(|_| !all.iter().any(|e| e.ai == "01")) {
        all.push(gs1::Element {
            ai: "01".to_owned(),
            value: gtin.to_owned(),
            pos: 0,
        });
    }
    gs1::check_requisites(&all).map_err(FlowError::Gs1Invalid)?;
    Ok(Gs1Data::from_message(m))
}

/// A scan at the verification prompt (not a trolley or slot code).
pub(super) fn scan_item(c: &mut Ctx, raw: &str) -> Result<(), FlowError> {
    if c.prog().pending_capture.is_some() {
        return capture_scan(c, raw);
    }
    let gs1 = match parse(raw)? {
        Some(m) if !m.ais().any(|(ai, _)| ai == "01") => return Err(FlowError::Gs1WithoutGtin),
        Some(m) => Some(check_requisites(&m, None)?),
        None => None,
    };
    let code = match &gs1 {
        Some(d) => d.gtin.clone().ok_or(FlowError::Gs1WithoutGtin)?,
        None => raw.to_owned(),
    };
    let matching: Vec<&OrderLine> = c
        .order()
        .lines
        .iter()
        .filter(|l| matches_barcode(&l.item.barcodes, &code))
        .collect();
    if matching.is_empty() {
        let other = c.t.manifest.slots.iter().enumerate().find(|(j, s)| {
            *j != c.i
                && s.order
                    .lines
                    .iter()
                    .any(|l| matches_barcode(&l.item.barcodes, &code))
        });
        return Err(match other {
            Some((_, s)) => FlowError::ItemOfOtherOrder {
                barcode: code,
                order_id: s.order.order_id.clone(),
                slot: s.slot,
            },
            None => FlowError::WrongItem {
                barcode: code,
                order_id: c.order().order_id.clone(),
            },
        });
    }
    let Some(line) = matching
        .iter()
        .find(|l| c.prog().line(l.line_no).is_some_and(|p| p.remaining() > 0))
    else {
        return Err(FlowError::OverScan {
            name: matching[0].item.name.clone(),
            required: matching.iter().map(|l| l.qty).sum(),
        });
    };
    let line = (*line).clone();
    let capture = gs1.as_ref().map(capture_of).unwrap_or_default();
    check_serial(c, &line, &capture)?;
    let missing = missing_fields(&capture, line.item.flags);
    if missing.is_empty() {
        add_unit(c, line.line_no, capture);
    } else {
        c.prog_mut().pending_capture = Some(PendingCapture {
            line_no: line.line_no,
            capture,
            missing,
        });
    }
    Ok(())
}

/// A scan while a unit waits for its lot, expiry or serial.
fn capture_scan(c: &mut Ctx, raw: &str) -> Result<(), FlowError> {
    let Some(pending) = c.prog().pending_capture.clone() else {
        return Err(FlowError::NoCapturePending);
    };
    let Some(line) = c
        .order()
        .lines
        .iter()
        .find(|l| l.line_no == pending.line_no)
        .cloned()
    else {
        return Err(FlowError::NoCapturePending);
    };
    let name = line.item.name.clone();
    let unit_gtin = line.item.barcodes.iter().find_map(|b| gs1::gtin14(b));
    let Some(m) = parse(raw)? else {
        return Err(FlowError::CaptureExpected {
            name,
            missing: describe(&pending.missing),
        });
    };
    let d = check_requisites(&m, unit_gtin.as_deref())?;
    if let Some(gtin) = &d.gtin {
        if !matches_barcode(&line.item.barcodes, gtin) {
            return Err(FlowError::CaptureWrongItem { name });
        }
    }
    let mut cap = pending.capture.clone();
    let mut added = false;
    merge(&mut cap.lot, d.lot.clone(), "lot", &mut added)?;
    merge(&mut cap.expiry, d.expiry, "expiry date", &mut added)?;
    merge(
        &mut cap.serial,
        d.serial.clone(),
        "serial number",
        &mut added,
    )?;
    check_serial(c, &line, &cap)?;
    let missing = missing_fields(&cap, line.item.flags);
    if missing.is_empty() {
        c.prog_mut().pending_capture = None;
        add_unit(c, line.line_no, cap);
    } else if !added {
        return Err(FlowError::CaptureMissingFields {
            name,
            missing: describe(&missing),
        });
    } else {
        c.prog_mut().pending_capture = Some(PendingCapture {
            line_no: line.line_no,
            capture: cap,
            missing,
        });
    }
    Ok(())
}

fn merge<T: PartialEq + ToString>(
    have: &mut Option<T>,
    got: Option<T>,
    field: &str,
    added: &mut bool,
) -> Result<(), FlowError> {
    match (have.as_ref(), got) {
        (_, None) => Ok(()),
        (None, Some(v)) => {
            *have = Some(v);
            *added = true;
            Ok(())
        }
        (Some(h), Some(v)) if *h == v => Ok(()),
        (Some(h), Some(v)) => Err(FlowError::CaptureConflict {
            field: field.to_owned(),
            had: h.to_string(),
            got: v.to_string(),
        }),
    }
}

/// Puts one verified unit of `line_no` into the open parcel, opening the next parcel if none
/// is open. Units are numbered per line with the lowest number not in a parcel.
fn add_unit(c: &mut Ctx, line_no: u32, capture: UnitCapture) {
    let prog = c.prog_mut();
    let used: BTreeSet<u32> = prog
        .parcels
        .iter()
        .filter(|p| p.status != ParcelStatus::Voided)
        .flat_map(|p| &p.units)
        .filter(|u| u.line_no == line_no)
        .map(|u| u.unit_no)
        .collect();
    let unit_no = (1..).find(|n| !used.contains(n)).unwrap_or(1);
    let pi = match prog
        .parcels
        .iter()
        .position(|p| p.status == ParcelStatus::Open)
    {
        Some(pi) => pi,
        None => {
            let parcel_no = prog.parcels.iter().map(|p| p.parcel_no).max().unwrap_or(0) + 1;
            prog.parcels.push(Parcel {
                parcel_no,
                status: ParcelStatus::Open,
                units: Vec::new(),
                packaging: None,
                weighing: None,
            });
            prog.parcels.len() - 1
        }
    };
    prog.parcels[pi].units.push(PackedUnit {
        line_no,
        unit_no,
        capture,
    });
    if let Some(l) = prog.lines.iter_mut().find(|l| l.line_no == line_no) {
        l.scanned += 1;
    }
}
