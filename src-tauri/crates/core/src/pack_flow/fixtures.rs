//! Test fixtures: a small trolley, a station, and helpers to drive the flow.

use crate::manifest::{Manifest, Order, OrderLine, SkuFlags, SkuInfo, Slot};

use super::*;

pub const STATION: &str = "ST-01";
pub const EXC_LOC: &str = "EXC-01";
pub const MUG: &str = "4006381333931";
pub const TEA: &str = "5901234123457";
/// Stored as GTIN-13; the product's UPC-A is 036000291452.
pub const VITAMINS: &str = "0036000291452";
pub const PHONE: &str = "96385074";

pub fn sku(sku: &str, name: &str, barcodes: &[&str], flags: SkuFlags) -> SkuInfo {
    SkuInfo {
        sku: sku.into(),
        name: name.into(),
        barcodes: barcodes.iter().map(|b| b.to_string()).collect(),
        dims_mm: [100, 80, 60],
        weight_g: 250,
        flags,
        image: None,
    }
}

pub fn mug() -> SkuInfo {
    sku("SKU-MUG", "Mug", &[MUG, "ACME-MUG"], SkuFlags::default())
}
pub fn tea() -> SkuInfo {
    sku("SKU-TEA", "Tea", &[TEA], SkuFlags::default())
}
pub fn vitamins() -> SkuInfo {
    let flags = SkuFlags {
        lot_expiry_required: true,
        ..SkuFlags::default()
    };
    sku("SKU-VIT", "Vitamins", &[VITAMINS], flags)
}
pub fn phone() -> SkuInfo {
    let flags = SkuFlags {
        serial_required: true,
        fragile: true,
        ..SkuFlags::default()
    };
    sku("SKU-PHONE", "Phone", &[PHONE], flags)
}

pub fn line(line_no: u32, qty: u32, item: SkuInfo) -> OrderLine {
    OrderLine { line_no, qty, item }
}

pub fn slot(n: u8, order_id: &str, lines: Vec<OrderLine>) -> Slot {
    Slot {
        slot: n,
        location: format!("TR-0042-{n:02}"),
        order: Order {
            order_id: order_id.into(),
            client: "Acme".into(),
            carrier: "DPD".into(),
            service: "Classic".into(),
            lines,
            ship_to: None,
            gift_message: None,
            lang: None,
        },
    }
}

/// TR-0042: slot 1 SO-1 (2 mugs, 1 tea), slot 2 SO-2 (1 vitamins with lot/expiry, 2 phones with
/// serials), slot 3 SO-3 (1 tea).
pub fn manifest() -> Manifest {
    Manifest {
        trolley: "TR-0042".parse().unwrap(),
        claimed_by: STATION.into(),
        slots: vec![
            slot(1, "SO-1", vec![line(1, 2, mug()), line(2, 1, tea())]),
            slot(2, "SO-2", vec![line(1, 1, vitamins()), line(2, 2, phone())]),
            slot(3, "SO-3", vec![line(1, 1, tea())]),
        ],
    }
}

pub fn station() -> Station {
    Station {
        station_id: STATION.into(),
        exception_location: EXC_LOC.into(),
    }
}

pub fn packer(id: &str, role: Role) -> Packer {
    Packer {
        packer_id: id.into(),
        role,
        language: "en".into(),
    }
}

pub fn sign_in(id: &str) -> PackEvent {
    PackEvent::SignedIn {
        packer: packer(id, Role::Packer),
    }
}

pub fn scan(raw: &str) -> PackEvent {
    PackEvent::Scanned { raw: raw.into() }
}

pub fn packaging(id: &str) -> PackEvent {
    PackEvent::PackagingChosen {
        packaging_id: id.into(),
        suggested_id: Some(id.into()),
        override_reason: None,
    }
}

pub fn weighed(g: u32) -> PackEvent {
    PackEvent::ParcelWeighed {
        measured_g: g,
        verdict: WeightVerdict::Accepted,
    }
}

pub fn exception(line_no: u32, reason: ExceptionReason, units: u32) -> PackEvent {
    PackEvent::ReportException {
        line_no,
        reason,
        units,
        found_barcode: None,
    }
}

/// Applies events in order, panicking with the step and the refusal if one is refused, and
/// checking the invariants after each.
pub fn run(state: &PackState, events: &[PackEvent]) -> (PackState, Vec<Effect>) {
    let mut s = state.clone();
    let mut all = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        match apply(&s, ev.clone()) {
            Ok((next, fx)) => {
                let v = invariants::violations(&next);
                assert!(v.is_empty(), "after event {i} {ev:?}: {v:#?}");
                s = next;
                all.extend(fx);
            }
            Err(e) => panic!("event {i} {ev:?} refused: {} ({e})", e.code()),
        }
    }
    (s, all)
}

pub fn signed_in() -> PackState {
    run(&PackState::new(station()), &[sign_in("P-7")]).0
}

/// Signed in, TR-0042 claimed, at the slot prompt.
pub fn claimed() -> PackState {
    run(
        &signed_in(),
        &[
            scan("TR-0042"),
            PackEvent::TrolleyClaimed {
                manifest: manifest(),
            },
        ],
    )
    .0
}

/// Slot `n` of TR-0042 open.
pub fn slot_open(n: u8) -> PackState {
    run(&claimed(), &[scan(&format!("TR-0042-{n:02}"))]).0
}

pub fn movements(fx: &[Effect]) -> Vec<&Movement> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::RecordMovement(m) => Some(m),
            _ => None,
        })
        .collect()
}

pub fn exceptions(fx: &[Effect]) -> Vec<&ExceptionRecord> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::RecordException(x) => Some(x),
            _ => None,
        })
        .collect()
}
