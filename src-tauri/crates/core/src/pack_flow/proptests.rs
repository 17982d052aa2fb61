//! Property tests: random event sequences (valid and invalid) against random trolleys, with the
//! invariants, the unit accounting and the crash-resume property checked after every step; and
//! a guided packer who follows the UI's prompts must always get a trolley done.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use crate::gs1;
use crate::manifest::{Manifest, SkuFlags, SkuInfo};

use super::fixtures::{line, packer, sku, slot, station, STATION};
use super::*;

/// A pool of SKUs: plain ones, one with a client code, and ones needing lot/expiry, serial or
/// both. Orders on a trolley may share SKUs, so "belongs to another order" happens.
fn pool(i: usize) -> SkuInfo {
    let flags = |lot, serial| SkuFlags {
        lot_expiry_required: lot,
        serial_required: serial,
        ..SkuFlags::default()
    };
    let i = i % 6;
    let ean = gs1::gtin13(&format!("40000000{:04}", 11 * (i + 1))).unwrap();
    match i {
        0 => sku("SKU-A", "Apple", &[&ean], flags(false, false)),
        1 => sku("SKU-B", "Book", &[&ean, "CLIENT-B"], flags(false, false)),
        2 => sku("SKU-C", "Cup", &[&ean], flags(false, false)),
        3 => sku("SKU-LOT", "Lotion", &[&ean], flags(true, false)),
        4 => sku("SKU-SER", "Speaker", &[&ean], flags(false, true)),
        _ => sku("SKU-LS", "Lens", &[&ean], flags(true, true)),
    }
}

fn arb_manifest() -> impl Strategy<Value = Manifest> {
    prop::collection::vec(prop::collection::vec((0..6usize, 1..=3u32), 1..=3), 1..=4).prop_map(
        |slots| Manifest {
            trolley: "TR-0042".parse().unwrap(),
            claimed_by: STATION.into(),
            slots: slots
                .into_iter()
                .enumerate()
                .map(|(i, lines)| {
                    slot(
                        i as u8 + 1,
                        &format!("SO-{}", i + 1),
                        lines
                            .into_iter()
                            .enumerate()
                            .map(|(j, (k, qty))| line(j as u32 + 1, qty, pool(k)))
                            .collect(),
                    )
                })
                .collect(),
        },
    )
}

/// What a random packer, device or backend does, resolved against the state into an event.
#[derive(Clone, Debug)]
enum Action {
    /// 0 supervisor, 4 blank id, else packer.
    SignIn(u8),
    SignOut,
    ScanTrolley(bool),
    Claimed(u8),
    ClaimRefused,
    ClaimCancelled,
    ScanSlot(u8),
    ScanOtherTrolleySlot,
    TakeSuggested,
    LeaveSlot,
    ScanUnit {
        line: u8,
        form: u8,
        serial: u8,
    },
    ScanPoolItem(u8),
    ScanCapture {
        fields: u8,
        serial: u8,
    },
    ScanJunk(u8),
    /// Anything at all, or GS1-looking noise: the flow must refuse it with a code, never panic.
    ScanAny(String),
    CancelCapture,
    RemoveUnit(u8),
    CloseParcel,
    ReopenParcel,
    Packaging(u8),
    Weigh(u8),
    LineException {
        line: u8,
        reason: u8,
        units: u8,
    },
    OrderException(u8),
    LabelPrinted(u8),
    LabelPending(u8),
    Released(bool),
}

fn arb_action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        8 => (0..5u8).prop_map(SignIn),
        1 => Just(SignOut),
        6 => Just(ScanTrolley(true)),
        1 => Just(ScanTrolley(false)),
        8 => (0..6u8).prop_map(|v| Claimed(v.saturating_sub(2))),
        1 => Just(ClaimRefused),
        1 => Just(ClaimCancelled),
        3 => (1..=5u8).prop_map(ScanSlot),
        1 => Just(ScanOtherTrolleySlot),
        4 => Just(TakeSuggested),
        1 => Just(LeaveSlot),
        20 => (any::<u8>(), 0..5u8, 0..6u8).prop_map(|(line, form, serial)| ScanUnit { line, form, serial }),
        2 => any::<u8>().prop_map(ScanPoolItem),
        4 => (0..8u8, 0..6u8).prop_map(|(fields, serial)| ScanCapture { fields, serial }),
        2 => any::<u8>().prop_map(ScanJunk),
        1 => any::<String>().prop_map(ScanAny),
        1 => (
            prop::sample::select(vec!["]C1", "]d2", "]Q3", "(", "01", ""]),
            prop::collection::vec(
                prop_oneof![
                    Just('\u{1d}'),
                    Just('('),
                    Just(')'),
                    prop::char::range('0', '9'),
                    prop::char::range('A', 'Z'),
                ],
                0..40,
            ),
        )
            .prop_map(|(prefix, cs)| ScanAny(prefix.to_owned() + &cs.into_iter().collect::<String>())),
        1 => Just(CancelCapture),
        1 => any::<u8>().prop_map(RemoveUnit),
        6 => Just(CloseParcel),
        1 => Just(ReopenParcel),
        5 => (0..5u8).prop_map(Packaging),
        5 => (0..6u8).prop_map(Weigh),
        3 => (any::<u8>(), 0..5u8, 0..3u8).prop_map(|(line, reason, units)| LineException { line, reason, units }),
        1 => (0..5u8).prop_map(OrderException),
        4 => (0..3u8).prop_map(LabelPrinted),
        2 => (0..2u8).prop_map(LabelPending),
        3 => any::<bool>().prop_map(Released),
    ]
}

const REASONS: [ExceptionReason; 5] = [
    ExceptionReason::Short,
    ExceptionReason::Damaged,
    ExceptionReason::WrongItem,
    ExceptionReason::WeightMismatch,
    ExceptionReason::NoLabel,
];

fn gtin14_of(item: &SkuInfo) -> String {
    gs1::gtin14(&item.barcodes[0]).unwrap()
}

/// A GS1 element string, fields in the order given, separated by GS after variable fields.
fn gs1_code(
    gtin: Option<&str>,
    lot: Option<&str>,
    expiry: Option<&str>,
    serial: Option<&str>,
) -> String {
    let mut s = String::from("]C1");
    if let Some(g) = gtin {
        s += &format!("01{g}");
    }
    if let Some(e) = expiry {
        s += &format!("17{e}");
    }
    if let Some(l) = lot {
        s += &format!("10{l}\u{1d}");
    }
    if let Some(x) = serial {
        s += &format!("21{x}\u{1d}");
    }
    s
}

fn to_event(s: &PackState, m: &Manifest, a: &Action) -> PackEvent {
    let order_lines = s.current_order().unwrap_or(&m.slots[0]).order.lines.clone();
    let current_order_id = s.current_order().map(|o| o.order.order_id.clone());
    let packer_id = s
        .packer
        .as_ref()
        .map_or("P-1".to_owned(), |p| p.packer_id.clone());
    let trolley = || "TR-0042".parse().unwrap();
    match a {
        Action::SignIn(v) => PackEvent::SignedIn {
            packer: match v {
                0 => packer("S-1", Role::Supervisor),
                4 => packer(" ", Role::Packer),
                _ => packer("P-1", Role::Packer),
            },
        },
        Action::SignOut => PackEvent::SignedOut,
        Action::ScanTrolley(right) => fixtures::scan(if *right { "TR-0042" } else { "TR-0077" }),
        Action::Claimed(v) => {
            let mut m = m.clone();
            match v {
                1 => m.trolley = "TR-0077".parse().unwrap(),
                2 => m.claimed_by = "ST-99".into(),
                3 => m.slots[0].order.lines[0].qty = 0,
                _ => {}
            }
            PackEvent::TrolleyClaimed { manifest: m }
        }
        Action::ClaimRefused => PackEvent::ClaimRefused {
            trolley: trolley(),
            holder: "ST-02".into(),
        },
        Action::ClaimCancelled => PackEvent::ClaimCancelled,
        Action::ScanSlot(n) => fixtures::scan(&format!("TR-0042-{n:02}")),
        Action::ScanOtherTrolleySlot => fixtures::scan("TR-0077-01"),
        Action::TakeSuggested => PackEvent::TakeSuggestedSlot,
        Action::LeaveSlot => PackEvent::LeaveSlot,
        Action::ScanUnit { line, form, serial } => {
            let l = &order_lines[*line as usize % order_lines.len()];
            let g = gtin14_of(&l.item);
            let lot = format!("L{}", serial % 2);
            let sn = format!("SN{serial}");
            let code = match form {
                0 => l.item.barcodes[0].clone(),
                1 => l.item.barcodes.last().unwrap().clone(),
                2 => gs1_code(Some(&g), None, None, None),
                3 => gs1_code(
                    Some(&g),
                    l.item.flags.lot_expiry_required.then_some(lot.as_str()),
                    l.item.flags.lot_expiry_required.then_some("271231"),
                    l.item.flags.serial_required.then_some(sn.as_str()),
                ),
                _ => gs1_code(Some(&g), Some(&lot), Some("280229"), Some(&sn)),
            };
            fixtures::scan(&code)
        }
        Action::ScanPoolItem(k) => fixtures::scan(&pool(*k as usize).barcodes[0]),
        Action::ScanCapture { fields, serial } => {
            let sn = format!("SN{serial}");
            let lot = format!("L{}", serial % 2);
            fixtures::scan(&gs1_code(
                None,
                (fields & 1 != 0 || *fields == 0).then_some(lot.as_str()),
                (fields & 2 != 0).then_some("271231"),
                (fields & 4 != 0).then_some(sn.as_str()),
            ))
        }
        Action::ScanJunk(k) => {
            let junk = [
                String::new(),
                "\r\n".into(),
                "TR-00\u{7}42".into(),
                "]C1".into(),
                "]C1019999".into(),
                "(10".into(),
                "X".repeat(300),
                "NOPE-123".into(),
                "4000000000006".into(),
                "TR-0042".into(),
            ];
            fixtures::scan(&junk[*k as usize % junk.len()])
        }
        Action::ScanAny(raw) => PackEvent::Scanned { raw: raw.clone() },
        Action::CancelCapture => PackEvent::CancelCapture,
        Action::RemoveUnit(k) => PackEvent::RemoveUnit {
            line_no: u32::from(*k % 4),
        },
        Action::CloseParcel => PackEvent::CloseParcel,
        Action::ReopenParcel => PackEvent::ReopenParcel,
        Action::Packaging(v) => PackEvent::PackagingChosen {
            packaging_id: if *v == 3 {
                String::new()
            } else if *v == 0 {
                "BOX-S".into()
            } else {
                "BOX-L".into()
            },
            suggested_id: (*v != 4).then(|| "BOX-S".into()),
            override_reason: (*v == 1).then(|| "box out of stock".into()),
        },
        Action::Weigh(v) => PackEvent::ParcelWeighed {
            measured_g: if *v == 4 { 0 } else { 480 },
            verdict: match v {
                1 => WeightVerdict::Mismatch { expected_g: 400 },
                2 => WeightVerdict::OverriddenBySupervisor {
                    supervisor_id: "S-9".into(),
                    reason: "dense item".into(),
                    expected_g: 1000,
                },
                3 => WeightVerdict::OverriddenBySupervisor {
                    supervisor_id: packer_id,
                    reason: "mine".into(),
                    expected_g: 1000,
                },
                5 => WeightVerdict::OverriddenBySupervisor {
                    supervisor_id: "S-9".into(),
                    reason: " ".into(),
                    expected_g: 1000,
                },
                _ => WeightVerdict::Accepted,
            },
        },
        Action::LineException {
            line,
            reason,
            units,
        } => PackEvent::ReportException {
            line_no: u32::from(*line % 4),
            reason: REASONS[*reason as usize],
            units: u32::from(*units),
            found_barcode: None,
        },
        Action::OrderException(r) => PackEvent::OrderToException {
            reason: REASONS[*r as usize],
        },
        Action::LabelPrinted(v) => PackEvent::LabelPrinted {
            order_id: match v {
                0 => current_order_id.unwrap_or_else(|| "SO-1".into()),
                1 => s
                    .pending_labels
                    .first()
                    .map_or("SO-1".into(), |p| p.order_id.clone()),
                _ => "SO-99".into(),
            },
            tracking_numbers: vec!["TRK".into()],
        },
        Action::LabelPending(v) => PackEvent::LabelPending {
            order_id: if *v == 0 {
                current_order_id.unwrap_or_else(|| "SO-1".into())
            } else {
                "SO-99".into()
            },
        },
        Action::Released(right) => PackEvent::TrolleyReleased {
            trolley: if *right {
                trolley()
            } else {
                "TR-0077".parse().unwrap()
            },
        },
    }
}

/// What the effects alone say happened to the units of the held trolley, built without reading
/// the state's counters, so that it can disagree with them.
#[derive(Default)]
struct Ledger {
    moved: BTreeMap<(u8, u32), u32>,
    excepted: BTreeMap<(u8, u32), u32>,
    keys: BTreeSet<String>,
    shipments: BTreeSet<String>,
    releases: u32,
}

/// One step of the harness: the crash-resume check, then `apply`, then every check on the
/// result. Returns the next state (from the JSON round-tripped copy) or the refusal.
fn step(
    state: &PackState,
    ev: &PackEvent,
    ledger: &mut Ledger,
) -> Result<Result<PackState, FlowError>, TestCaseError> {
    let json = serde_json::to_string(state).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let resumed: PackState =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&resumed, state, "JSON round trip changed the state");
    let direct = apply(state, ev.clone());
    let after_crash = apply(&resumed, ev.clone());
    prop_assert_eq!(
        &direct,
        &after_crash,
        "a resumed state continued differently"
    );
    let (next, fx) = match after_crash {
        Err(e) => {
            prop_assert!(
                FlowError::CODES.contains(&e.code()),
                "unlisted code {}",
                e.code()
            );
            prop_assert!(!e.to_string().trim().is_empty());
            return Ok(Err(e));
        }
        Ok(ok) => ok,
    };
    prop_assert_eq!(next.revision, state.revision + 1);
    let v = invariants::violations(&next);
    prop_assert!(v.is_empty(), "after {:?}: {:#?}", ev, v);

    for e in &fx {
        match e {
            Effect::RecordMovement(m) => {
                prop_assert!(m.qty > 0);
                prop_assert!(
                    ledger.keys.insert(m.key.clone()),
                    "movement {} twice",
                    m.key
                );
                *ledger.moved.entry((m.slot, m.line_no)).or_default() += m.qty;
            }
            Effect::RecordException(x) => {
                prop_assert!(x.units > 0);
                prop_assert!(
                    ledger.keys.insert(x.key.clone()),
                    "exception {} twice",
                    x.key
                );
                *ledger.excepted.entry((x.slot, x.line_no)).or_default() += x.units;
            }
            Effect::RouteOrderToException(o) => {
                prop_assert!(
                    ledger.keys.insert(o.key.clone()),
                    "order exception {} twice",
                    o.key
                );
            }
            Effect::CreateShipment(r) => {
                prop_assert!(
                    ledger.shipments.insert(r.key.clone()),
                    "shipment {} twice",
                    r.key
                );
                let units: u32 = r
                    .parcels
                    .iter()
                    .flat_map(|p| &p.contents)
                    .map(|c| c.qty)
                    .sum();
                prop_assert!(units > 0 && r.parcels.iter().all(|p| !p.contents.is_empty()));
            }
            Effect::ReleaseTrolley { .. } => ledger.releases += 1,
            _ => {}
        }
    }

    match &next.trolley {
        // Keys stay: they must be unique across claims too.
        None if state.trolley.is_some() => {
            ledger.moved.clear();
            ledger.excepted.clear();
        }
        None => {}
        Some(t) => {
            // Per order line: dispatched + in exception + still on the trolley = picked.
            for (m, p) in t.manifest.slots.iter().zip(&t.slots) {
                for (l, lp) in m.order.lines.iter().zip(&p.lines) {
                    let moved = ledger.moved.get(&(m.slot, l.line_no)).copied().unwrap_or(0);
                    let exc = ledger
                        .excepted
                        .get(&(m.slot, l.line_no))
                        .copied()
                        .unwrap_or(0);
                    prop_assert_eq!(moved, lp.dispatched, "slot {} line {}", m.slot, l.line_no);
                    prop_assert_eq!(exc, lp.exception, "slot {} line {}", m.slot, l.line_no);
                    prop_assert_eq!(moved + exc + lp.on_trolley(), l.qty);
                    if fx
                        .iter()
                        .any(|e| matches!(e, Effect::ReleaseTrolley { .. }))
                    {
                        prop_assert_eq!(moved + exc, l.qty, "released with units on it");
                    }
                }
            }
            if next.step == Step::ReleasingTrolley {
                prop_assert!(t.slots.iter().all(|s| s.status.is_done()));
            }
        }
    }
    let view = next.view();
    prop_assert!(view
        .lines
        .iter()
        .all(|l| l.scanned + l.exception <= l.required));
    prop_assert_eq!(view.order_id.is_some(), next.current().is_some());
    Ok(Ok(next))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_events_keep_every_invariant(
        manifest in arb_manifest(),
        actions in prop::collection::vec(arb_action(), 0..200),
    ) {
        let mut state = PackState::new(station());
        let mut ledger = Ledger::default();
        for a in &actions {
            let ev = to_event(&state, &manifest, a);
            if let Ok(next) = step(&state, &ev, &mut ledger)? {
                state = next;
            }
        }
    }

    #[test]
    fn a_packer_following_the_prompts_always_finishes_the_trolley(
        manifest in arb_manifest(),
        choices in prop::collection::vec(any::<u8>(), 400),
    ) {
        let mut state = PackState::new(station());
        let mut ledger = Ledger::default();
        let mut serial = 0u32;
        let mut choices = choices.into_iter().cycle();
        let mut released = false;
        for _ in 0..600 {
            let c = choices.next().unwrap_or(0);
            let ev = guided(&state, &manifest, c, &mut serial);
            let is_release = matches!(ev, PackEvent::TrolleyReleased { .. });
            let settled_before = state.trolley.clone();
            match step(&state, &ev, &mut ledger)? {
                Ok(next) => state = next,
                Err(e) => return Err(TestCaseError::fail(format!(
                    "the prompted action {ev:?} at {:?} was refused: {} ({e})", state.step, e.code()
                ))),
            }
            if is_release {
                let t = settled_before.unwrap();
                let shipped: u32 = t.movements.iter().map(|m| m.qty).sum();
                let excepted: u32 = t.exceptions.iter().map(|x| x.units).sum();
                prop_assert_eq!(u64::from(shipped + excepted), manifest.units());
                released = true;
                break;
            }
        }
        prop_assert!(released, "not released; stuck at {:?}", state.step);
        prop_assert_eq!(ledger.releases, 1);
    }
}

/// The next thing a packer does when they follow the screen, with `c` for their choices.
fn guided(s: &PackState, m: &Manifest, c: u8, serial: &mut u32) -> PackEvent {
    let mut next_serial = || {
        *serial += 1;
        format!("SN{serial}")
    };
    match s.step {
        Step::SignIn => fixtures::sign_in("P-1"),
        Step::ScanTrolley { .. } => fixtures::scan("TR-0042"),
        Step::ClaimingTrolley { .. } => PackEvent::TrolleyClaimed {
            manifest: m.clone(),
        },
        Step::ScanSlot if c.is_multiple_of(2) => PackEvent::TakeSuggestedSlot,
        Step::ScanSlot => fixtures::scan(&format!(
            "TR-0042-{:02}",
            s.suggested_next_slot().unwrap_or(0)
        )),
        Step::VerifyUnits => {
            let order = &s.current_order().unwrap().order;
            let prog = s.current().unwrap();
            if let ExpectedScan::Gs1Capture { missing, .. } = s.expected_scan() {
                let has = |f| missing.contains(&f);
                let sn = has(CaptureField::Serial).then(&mut next_serial);
                return fixtures::scan(&gs1_code(
                    None,
                    has(CaptureField::Lot).then_some("L1"),
                    has(CaptureField::Expiry).then_some("270630"),
                    sn.as_deref(),
                ));
            }
            let open = prog
                .lines
                .iter()
                .zip(&order.lines)
                .find(|(p, _)| p.remaining() > 0);
            match (c % 16, open) {
                (0, Some((p, _))) => {
                    fixtures::exception(p.line_no, REASONS[usize::from(c / 16) % 3], 1)
                }
                (1, _) if prog.open_parcel().is_some() => PackEvent::CloseParcel,
                (2, _) if c > 240 => PackEvent::OrderToException {
                    reason: ExceptionReason::Short,
                },
                (_, Some((_, l))) => {
                    if c.is_multiple_of(3) {
                        // The EAN first; the capture follows at the next prompt.
                        fixtures::scan(&l.item.barcodes[0])
                    } else {
                        let sn = l.item.flags.serial_required.then(&mut next_serial);
                        fixtures::scan(&gs1_code(
                            Some(&gtin14_of(&l.item)),
                            l.item.flags.lot_expiry_required.then_some("L7"),
                            l.item.flags.lot_expiry_required.then_some("261231"),
                            sn.as_deref(),
                        ))
                    }
                }
                (_, None) => PackEvent::CloseParcel,
            }
        }
        Step::ChoosePackaging => PackEvent::PackagingChosen {
            packaging_id: if c.is_multiple_of(4) {
                "BOX-L".into()
            } else {
                "BOX-S".into()
            },
            suggested_id: Some("BOX-S".into()),
            override_reason: c.is_multiple_of(4).then(|| "fragile".into()),
        },
        Step::Weigh { last_mismatch_g } => PackEvent::ParcelWeighed {
            measured_g: 500,
            verdict: if c.is_multiple_of(5) && last_mismatch_g.is_none() {
                WeightVerdict::Mismatch { expected_g: 300 }
            } else if c.is_multiple_of(7) {
                WeightVerdict::OverriddenBySupervisor {
                    supervisor_id: "S-1".into(),
                    reason: "ok".into(),
                    expected_g: 1000,
                }
            } else {
                WeightVerdict::Accepted
            },
        },
        Step::AwaitingLabel => {
            let order_id = s.current_order().unwrap().order.order_id.clone();
            if c.is_multiple_of(3) {
                PackEvent::LabelPending { order_id }
            } else {
                PackEvent::LabelPrinted {
                    order_id,
                    tracking_numbers: vec![],
                }
            }
        }
        Step::ReleasingTrolley => PackEvent::TrolleyReleased {
            trolley: m.trolley.clone(),
        },
    }
}

/// The random driver is only worth something if it reaches the later steps: count, over a
/// fixed sample, how many runs get to each step, and require each to be reached.
#[test]
fn random_runs_reach_every_step() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (arb_manifest(), prop::collection::vec(arb_action(), 200));
    let mut reached: BTreeMap<String, u32> = BTreeMap::new();
    let mut codes: BTreeSet<&'static str> = BTreeSet::new();
    for _ in 0..150 {
        let (manifest, actions) = strategy.new_tree(&mut runner).unwrap().current();
        let mut state = PackState::new(station());
        let mut ledger = Ledger::default();
        for a in &actions {
            let ev = to_event(&state, &manifest, a);
            match step(&state, &ev, &mut ledger).unwrap() {
                Ok(next) => state = next,
                Err(e) => {
                    codes.insert(e.code());
                }
            }
            *reached
                .entry(format!("{:?}", state.step_kind()))
                .or_default() += 1;
        }
        if ledger.releases > 0 {
            *reached.entry("released".into()).or_default() += 1;
        }
    }
    for k in [
        "SignIn",
        "ScanTrolley",
        "ClaimingTrolley",
        "ScanSlot",
        "VerifyUnits",
        "ChoosePackaging",
        "Weigh",
        "AwaitingLabel",
        "ReleasingTrolley",
        "released",
    ] {
        assert!(
            reached.get(k).copied().unwrap_or(0) > 0,
            "never reached {k}: {reached:?}"
        );
    }
    eprintln!("reached: {reached:?}\ncodes ({}): {codes:?}", codes.len());
    let missed: Vec<_> = FlowError::CODES
        .iter()
        .filter(|c| !codes.contains(*c))
        .collect();
    assert!(missed.is_empty(), "refusals never exercised: {missed:?}");
}
