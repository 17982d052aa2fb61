//! Table tests: each transition, and each refusal with its code.

use super::fixtures::*;
use super::*;

const VIT_GS1: &str = "]C1010003600029145210LOT-9\u{1d}17271130";
const VIT_LOT_ONLY: &str = "]C110LOT-9";
const VIT_EXP_ONLY: &str = "]C117271130";

fn phone_gs1(serial: &str) -> String {
    format!("]d2010000009638507421{serial}")
}

/// Asserts the event is refused with `code`, and returns the refusal.
fn refused(state: &PackState, ev: PackEvent, code: &str) -> FlowError {
    match apply(state, ev.clone()) {
        Ok((s, _)) => panic!("{ev:?} accepted at {:?}, expected {code}", s.step),
        Err(e) => {
            assert_eq!(e.code(), code, "{ev:?}: {e}");
            assert!(!e.to_string().is_empty());
            e
        }
    }
}

/// Slot 3 of the demo trolley packed to its label: one tea in one mailer.
fn pack_slot_3() -> Vec<PackEvent> {
    vec![
        scan("TR-0042-03"),
        scan(TEA),
        PackEvent::CloseParcel,
        packaging("MAILER-S"),
        weighed(150),
        PackEvent::LabelPrinted {
            order_id: "SO-3".into(),
            tracking_numbers: vec![],
        },
    ]
}
#[test]
fn sign_in_claim_and_open_a_slot() {
    let s = PackState::new(station());
    assert_eq!(s.expected_scan(), ExpectedScan::Badge);
    let (s, fx) = run(&s, &[sign_in("P-7")]);
    assert!(fx.is_empty());
    assert_eq!(s.step_kind(), StepKind::ScanTrolley);
    assert_eq!(s.expected_scan(), ExpectedScan::Trolley);

    let (s, fx) = run(&s, &[scan("tr-0042\r\n")]);
    let trolley: crate::TrolleyCode = "TR-0042".parse().unwrap();
    assert_eq!(
        fx,
        vec![Effect::ClaimTrolley {
            trolley: trolley.clone()
        }]
    );
    assert_eq!(s.step, Step::ClaimingTrolley { trolley });

    let (s, _) = run(
        &s,
        &[PackEvent::TrolleyClaimed {
            manifest: manifest(),
        }],
    );
    assert_eq!(s.step, Step::ScanSlot);
    assert_eq!(s.expected_scan(), ExpectedScan::Slot);
    assert_eq!(s.suggested_next_slot(), Some(1));

    let (s, _) = run(&s, &[scan("TR-0042-02")]);
    assert_eq!(s.step, Step::VerifyUnits);
    let v = s.view();
    assert_eq!(v.current_slot, Some(2));
    assert_eq!(v.order_id.as_deref(), Some("SO-2"));
    assert_eq!(
        v.suggested_next_slot,
        Some(3),
        "the suggestion follows the packer"
    );
    assert_eq!(
        v.lines
            .iter()
            .map(|l| (l.scanned, l.required))
            .collect::<Vec<_>>(),
        vec![(0, 1), (0, 2)]
    );
    assert_eq!(s.revision, 4);
}

#[test]
fn a_whole_trolley_packs_ships_and_is_released() {
    let s = claimed();
    // Slot 1 in two parcels: a mug by its client code, then a mug and tea.
    let (s, fx1) = run(
        &s,
        &[
            PackEvent::TakeSuggestedSlot,
            scan("ACME-MUG"),
            PackEvent::CloseParcel,
            packaging("MAILER-S"),
            weighed(320),
            scan(MUG),
            scan(TEA),
        ],
    );
    assert_eq!(s.step, Step::VerifyUnits);
    assert!(fx1.is_empty(), "nothing leaves before the label: {fx1:?}");
    assert_eq!(s.view().open_parcel_no, Some(2));
    let (s, fx) = run(
        &s,
        &[PackEvent::CloseParcel, packaging("BOX-M"), weighed(700)],
    );
    assert_eq!(s.step, Step::AwaitingLabel);
    let [Effect::CreateShipment(req)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(req.key, "sh:TR-0042@ST-01#2:SO-1");
    assert_eq!(
        req.parcels
            .iter()
            .map(|p| (
                p.parcel_no,
                p.packaging_id.as_str(),
                p.weight_g,
                p.contents.len()
            ))
            .collect::<Vec<_>>(),
        vec![(1, "MAILER-S", 320, 1), (2, "BOX-M", 700, 2)]
    );
    let (s, fx) = run(
        &s,
        &[PackEvent::LabelPrinted {
            order_id: "SO-1".into(),
            tracking_numbers: vec!["T1".into(), "T2".into()],
        }],
    );
    let mv = movements(&fx);
    assert_eq!(
        mv.iter()
            .map(|m| (m.key.as_str(), m.qty, m.from_location.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("mv:TR-0042@ST-01#2:SO-1:p1:l1", 1, "TR-0042-01"),
            ("mv:TR-0042@ST-01#2:SO-1:p2:l1", 1, "TR-0042-01"),
            ("mv:TR-0042@ST-01#2:SO-1:p2:l2", 1, "TR-0042-01"),
        ]
    );
    assert!(mv
        .iter()
        .all(|m| m.packer_id == "P-7" && m.station_id == STATION));
    assert_eq!(s.step, Step::ScanSlot);
    assert_eq!(s.suggested_next_slot(), Some(2));

    // Slot 2: GS1 captures; the label is queued offline.
    let (s, _) = run(
        &s,
        &[
            PackEvent::TakeSuggestedSlot,
            scan(VIT_GS1),
            scan(&phone_gs1("SN-1")),
            scan(&phone_gs1("SN-2")),
            PackEvent::CloseParcel,
            packaging("BOX-M"),
            weighed(900),
        ],
    );
    let (s, fx) = run(
        &s,
        &[PackEvent::LabelPending {
            order_id: "SO-2".into(),
        }],
    );
    let mv = movements(&fx);
    assert_eq!(mv.len(), 2);
    assert_eq!(mv[0].captures[0].lot.as_deref(), Some("LOT-9"));
    assert_eq!(
        mv[1]
            .captures
            .iter()
            .map(|c| c.serial.clone().unwrap())
            .collect::<Vec<_>>(),
        vec!["SN-1", "SN-2"]
    );
    assert_eq!(s.pending_labels.len(), 1);

    // Slot 3 last: the trolley is released.
    let (s, fx) = run(&s, &pack_slot_3());
    assert_eq!(s.step, Step::ReleasingTrolley);
    assert!(matches!(fx.last(), Some(Effect::ReleaseTrolley { .. })));
    assert_eq!(s.view().slots_done, 3);

    // The queued label prints later; then the release is confirmed.
    let (s, fx) = run(
        &s,
        &[
            PackEvent::LabelPrinted {
                order_id: "SO-2".into(),
                tracking_numbers: vec!["T3".into()],
            },
            PackEvent::TrolleyReleased {
                trolley: "TR-0042".parse().unwrap(),
            },
        ],
    );
    assert!(fx.is_empty());
    assert!(s.pending_labels.is_empty());
    assert!(s.trolley.is_none());
    assert_eq!(s.step_kind(), StepKind::ScanTrolley);
}

#[test]
fn barcodes_match_across_gtin_forms() {
    let s = slot_open(2);
    // UPC-A of the vitamins, stored as GTIN-13 with a leading zero: identified, capture asked.
    let (s, _) = run(&s, &[scan("036000291452")]);
    assert_eq!(
        s.expected_scan(),
        ExpectedScan::Gs1Capture {
            line_no: 1,
            missing: vec![CaptureField::Lot, CaptureField::Expiry]
        }
    );
    assert!(matches_barcode(&[MUG.into()], "04006381333931"));
    assert!(!matches_barcode(&[MUG.into()], "4006381333932"));
}

#[test]
fn lot_and_expiry_are_captured_in_one_or_several_scans() {
    let s = slot_open(2);
    let (one, _) = run(&s, &[scan(VIT_GS1)]);
    assert_eq!(one.current().unwrap().lines[0].scanned, 1);

    let (s2, _) = run(&s, &[scan(VITAMINS), scan(VIT_LOT_ONLY)]);
    assert_eq!(
        s2.expected_scan(),
        ExpectedScan::Gs1Capture {
            line_no: 1,
            missing: vec![CaptureField::Expiry]
        }
    );
    refused(&s2, scan(VIT_LOT_ONLY), "capture_missing_fields");
    refused(&s2, scan("]C110LOT-8"), "capture_conflict");
    refused(
        &s2,
        scan("]C1010400638133393117271130"),
        "capture_wrong_item",
    );
    refused(&s2, scan(TEA), "capture_expected");
    refused(&s2, PackEvent::CloseParcel, "capture_pending");
    refused(
        &s2,
        exception(2, ExceptionReason::Short, 1),
        "capture_pending",
    );
    let (done, _) = run(&s2, &[scan(VIT_EXP_ONLY)]);
    assert_eq!(done.current().unwrap().lines[0].scanned, 1);
    assert_eq!(done.expected_scan(), ExpectedScan::Item);
    let unit = &done.current().unwrap().parcels[0].units[0];
    assert_eq!(unit.capture.lot.as_deref(), Some("LOT-9"));
    assert_eq!(
        unit.capture.expiry.map(|d| d.to_string()).as_deref(),
        Some("271130")
    );

    let (cancelled, _) = run(&s2, &[PackEvent::CancelCapture]);
    assert_eq!(cancelled.current().unwrap().lines[0].scanned, 0);
    assert!(cancelled.current().unwrap().parcels.is_empty());
    refused(&cancelled, PackEvent::CancelCapture, "no_capture_pending");
}

#[test]
fn item_scans_are_refused_with_a_precise_reason() {
    let s1 = slot_open(1);
    let (two_mugs, _) = run(&s1, &[scan(MUG), scan("ACME-MUG")]);
    let e = refused(&two_mugs, scan(MUG), "over_scan");
    assert!(e.to_string().contains("all 2 of Mug"), "{e}");
    let e = refused(&s1, scan(PHONE), "item_of_other_order");
    assert!(
        e.to_string().contains("SO-2") && e.to_string().contains("slot 2"),
        "{e}"
    );
    refused(&s1, scan("4000000000006"), "wrong_item");
    refused(&s1, scan("]C1010400638133393X"), "gs1_invalid");
    refused(&s1, scan(VIT_LOT_ONLY), "gs1_without_gtin");
    refused(&s1, scan("TR-0042-01"), "slot_already_open");
    refused(&s1, scan("TR-0042-02"), "order_in_progress");
    refused(&s1, scan("TR-0042"), "order_in_progress");
    refused(&s1, scan("\r\n"), "scan_unreadable");

    let s2 = slot_open(2);
    let (one, _) = run(&s2, &[scan(&phone_gs1("SN-1"))]);
    refused(&one, scan(&phone_gs1("SN-1")), "serial_duplicate");
    let (pending, _) = run(&one, &[scan(PHONE)]);
    refused(&pending, scan("]C121SN-1"), "serial_duplicate");
}

#[test]
fn scans_at_the_wrong_prompt_are_refused() {
    refused(&PackState::new(station()), scan("TR-0042"), "not_signed_in");
    let s = signed_in();
    refused(&s, scan("TR-0042-01"), "expected_trolley");
    refused(&s, scan(MUG), "expected_trolley");
    let (claiming, _) = run(&s, &[scan("TR-0042")]);
    refused(&claiming, scan("TR-0042"), "claim_in_progress");
    let c = claimed();
    refused(&c, scan(MUG), "expected_slot");
    refused(&c, scan("TR-0042"), "expected_slot");
    refused(&c, scan("TR-0099"), "trolley_in_progress");
    refused(&c, scan("TR-0099-01"), "slot_of_other_trolley");
    refused(&c, scan("TR-0042-09"), "unknown_slot");
    let (closed, _) = run(&slot_open(3), &[scan(TEA), PackEvent::CloseParcel]);
    refused(&closed, scan(TEA), "scan_not_expected");
}

#[test]
fn claims_are_checked() {
    let (claiming, _) = run(&signed_in(), &[scan("TR-0042")]);
    let mut other = manifest();
    other.trolley = "TR-0043".parse().unwrap();
    refused(
        &claiming,
        PackEvent::TrolleyClaimed { manifest: other },
        "manifest_wrong_trolley",
    );
    let mut elsewhere = manifest();
    elsewhere.claimed_by = "ST-09".into();
    refused(
        &claiming,
        PackEvent::TrolleyClaimed {
            manifest: elsewhere,
        },
        "claimed_by_other_station",
    );
    let mut broken = manifest();
    broken.slots[0].order.lines[1].line_no = 1;
    let e = refused(
        &claiming,
        PackEvent::TrolleyClaimed { manifest: broken },
        "manifest_invalid",
    );
    assert!(e.to_string().contains("line 1 twice"), "{e}");
    refused(
        &signed_in(),
        PackEvent::TrolleyClaimed {
            manifest: manifest(),
        },
        "no_claim_pending",
    );

    let (s, _) = run(
        &claiming,
        &[PackEvent::ClaimRefused {
            trolley: "TR-0042".parse().unwrap(),
            holder: "ST-03".into(),
        }],
    );
    assert_eq!(s.step_kind(), StepKind::ScanTrolley);
    assert_eq!(s.view().claim_refused.unwrap().holder, "ST-03");
    let (s, fx) = run(&claiming, &[PackEvent::ClaimCancelled]);
    assert_eq!(s.step, Step::ScanTrolley { refused: None });
    assert_eq!(
        fx,
        vec![Effect::WithdrawClaim {
            trolley: "TR-0042".parse().unwrap()
        }]
    );
    refused(&s, PackEvent::ClaimCancelled, "no_claim_pending");
}

#[test]
fn sign_in_and_out_rules() {
    let s = signed_in();
    refused(&s, sign_in("P-8"), "already_signed_in");
    refused(
        &PackState::new(station()),
        sign_in("  "),
        "packer_id_missing",
    );
    refused(&slot_open(1), PackEvent::SignedOut, "sign_out_mid_order");
    // A shift change between slots: the next packer resumes at the slot prompt.
    let (s, _) = run(&claimed(), &[PackEvent::SignedOut]);
    assert_eq!(s.step, Step::SignIn);
    refused(&s, PackEvent::TakeSuggestedSlot, "not_signed_in");
    let (s, _) = run(&s, &[sign_in("P-8")]);
    assert_eq!(s.step, Step::ScanSlot);
    assert_eq!(s.trolley.as_ref().unwrap().trolley().as_str(), "TR-0042");
}

#[test]
fn parcels_close_reopen_and_units_come_back_out() {
    let s = slot_open(1);
    refused(&s, PackEvent::CloseParcel, "no_open_parcel");
    refused(
        &s,
        PackEvent::RemoveUnit { line_no: 1 },
        "unit_not_in_open_parcel",
    );
    let (s, _) = run(&s, &[scan(MUG), scan(TEA)]);
    refused(&s, PackEvent::LeaveSlot, "order_has_parcels");
    let (removed, _) = run(&s, &[PackEvent::RemoveUnit { line_no: 2 }]);
    assert_eq!(removed.line_counts()[1].scanned, 0);
    let (emptied, _) = run(&removed, &[PackEvent::RemoveUnit { line_no: 1 }]);
    assert!(emptied.current().unwrap().parcels.is_empty());
    let (left, _) = run(&emptied, &[PackEvent::LeaveSlot]);
    assert_eq!(left.step, Step::ScanSlot);
    assert_eq!(left.suggested_next_slot(), Some(2));

    let (closed, _) = run(&s, &[PackEvent::CloseParcel]);
    assert_eq!(closed.expected_scan(), ExpectedScan::Packaging);
    refused(&closed, PackEvent::RemoveUnit { line_no: 1 }, "not_now");
    refused(&closed, weighed(100), "not_now");
    let (on_scale, _) = run(&closed, &[packaging("BOX-S")]);
    refused(&on_scale, packaging("BOX-S"), "not_now");
    let (reopened, _) = run(&on_scale, &[PackEvent::ReopenParcel, scan(MUG)]);
    let p = reopened.current().unwrap().open_parcel().unwrap();
    assert_eq!(
        (p.parcel_no, p.units.len(), p.packaging.clone()),
        (1, 3, None)
    );
    refused(&reopened, PackEvent::ReopenParcel, "no_parcel_to_reopen");
}

#[test]
fn packaging_overrides_need_a_reason_and_are_recorded() {
    let (s, _) = run(&slot_open(3), &[scan(TEA), PackEvent::CloseParcel]);
    let choose = |id: &str, reason: Option<&str>| PackEvent::PackagingChosen {
        packaging_id: id.into(),
        suggested_id: Some("MAILER-S".into()),
        override_reason: reason.map(Into::into),
    };
    refused(&s, choose("BOX-M", None), "packaging_reason_required");
    refused(&s, choose("BOX-M", Some(" ")), "packaging_reason_required");
    refused(&s, choose("", None), "packaging_missing");
    let (_, fx) = run(&s, &[choose("MAILER-S", None)]);
    assert!(fx.is_empty());
    let (n, fx) = run(&s, &[choose("BOX-M", Some("mailer out of stock"))]);
    let [Effect::RecordPackagingOverride(o)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(
        (o.chosen_id.as_str(), o.suggested_id.as_str()),
        ("BOX-M", "MAILER-S")
    );
    assert_eq!(o.key, format!("po:TR-0042@ST-01#2:SO-3:p1:r{}", s.revision));
    assert_eq!(
        n.step,
        Step::Weigh {
            last_mismatch_g: None
        }
    );
}

#[test]
fn weight_mismatch_blocks_until_reweighed_or_overridden() {
    let (s, _) = run(
        &slot_open(3),
        &[scan(TEA), PackEvent::CloseParcel, packaging("MAILER-S")],
    );
    let mismatch = PackEvent::ParcelWeighed {
        measured_g: 990,
        verdict: WeightVerdict::Mismatch { expected_g: 150 },
    };
    let (blocked, fx) = run(&s, &[mismatch]);
    assert!(fx.is_empty());
    assert_eq!(blocked.view().last_weight_mismatch_g, Some(990));
    assert_eq!(blocked.expected_scan(), ExpectedScan::Nothing);
    refused(&blocked, weighed(0), "weight_invalid");
    let over = |sup: &str, reason: &str| PackEvent::ParcelWeighed {
        measured_g: 990,
        verdict: WeightVerdict::OverriddenBySupervisor {
            supervisor_id: sup.into(),
            reason: reason.into(),
            expected_g: 1000,
        },
    };
    refused(&blocked, over("P-7", "ok"), "supervisor_required");
    refused(&blocked, over("", "ok"), "supervisor_required");
    refused(&blocked, over("S-1", ""), "override_reason_required");
    let (labelled, fx) = run(&blocked, &[over("S-1", "gift box inserts")]);
    assert_eq!(labelled.step, Step::AwaitingLabel);
    assert!(matches!(fx[0], Effect::RecordWeightOverride(ref w) if w.measured_g == 990));
    assert!(matches!(fx[1], Effect::CreateShipment(_)));
    let (reweighed, _) = run(&blocked, &[weighed(151)]);
    assert_eq!(reweighed.step, Step::AwaitingLabel);
}

#[test]
fn a_short_line_ships_the_rest_and_an_empty_order_goes_to_exception() {
    // SO-1: one mug short and the tea a wrong item: the other mug ships.
    let (s, fx) = run(&slot_open(1), &[exception(1, ExceptionReason::Short, 1)]);
    let ex = exceptions(&fx);
    assert_eq!(ex.len(), 1);
    assert_eq!((ex[0].units, ex[0].to_location.clone()), (1, None));
    assert_eq!(ex[0].key, "ex:TR-0042@ST-01#2:SO-1:l1:e0");
    refused(
        &s,
        exception(1, ExceptionReason::Damaged, 2),
        "exception_exceeds_remaining",
    );
    refused(
        &s,
        exception(1, ExceptionReason::Damaged, 0),
        "exception_units_zero",
    );
    refused(
        &s,
        exception(9, ExceptionReason::Damaged, 1),
        "unknown_line",
    );
    refused(
        &s,
        exception(1, ExceptionReason::NoLabel, 1),
        "not_a_line_reason",
    );
    let (_, fx) = run(
        &s,
        &[
            scan(MUG),
            PackEvent::ReportException {
                line_no: 2,
                reason: ExceptionReason::WrongItem,
                units: 1,
                found_barcode: Some("4000000000006".into()),
            },
            PackEvent::CloseParcel,
            packaging("BOX-S"),
            weighed(300),
        ],
    );
    let ex = exceptions(&fx);
    assert_eq!(ex[0].to_location.as_deref(), Some(EXC_LOC));
    assert_eq!(ex[0].key, "ex:TR-0042@ST-01#2:SO-1:l2:e1");
    let Some(Effect::CreateShipment(req)) = fx.last() else {
        panic!("{fx:?}")
    };
    assert_eq!(
        req.parcels[0].contents.len(),
        1,
        "ships short: one mug only"
    );

    // SO-3: its only unit damaged: nothing ships, the order goes wholly to exception.
    let (s, fx) = run(&slot_open(3), &[exception(1, ExceptionReason::Damaged, 1)]);
    assert!(matches!(
        fx.last(),
        Some(Effect::RouteOrderToException(o)) if o.reason == ExceptionReason::Damaged && o.order_id == "SO-3"
    ));
    assert_eq!(
        s.trolley.as_ref().unwrap().progress(3).unwrap().status,
        SlotStatus::Exception
    );
    assert_eq!(s.step, Step::ScanSlot);
    refused(&s, scan("TR-0042-03"), "slot_already_done");
}

#[test]
fn an_order_sent_to_exception_after_its_label_was_requested_is_unpacked() {
    let (s, _) = run(
        &slot_open(1),
        &[
            scan(MUG),
            PackEvent::CloseParcel,
            packaging("BOX-S"),
            weighed(300),
            scan(MUG),
            scan(TEA),
            PackEvent::CloseParcel,
            packaging("BOX-S"),
            weighed(300),
        ],
    );
    assert_eq!(s.step, Step::AwaitingLabel);
    refused(
        &s,
        PackEvent::LabelPending {
            order_id: "SO-2".into(),
        },
        "label_not_expected",
    );
    let (s, fx) = run(
        &s,
        &[PackEvent::OrderToException {
            reason: ExceptionReason::NoLabel,
        }],
    );
    assert!(fx
        .iter()
        .any(|e| matches!(e, Effect::CancelShipment { order_id, .. } if order_id == "SO-1")));
    let ex = exceptions(&fx);
    assert_eq!(
        ex.iter().map(|e| (e.line_no, e.units)).collect::<Vec<_>>(),
        vec![(1, 2), (2, 1)]
    );
    assert!(movements(&fx).is_empty());
    let p = s.trolley.as_ref().unwrap().progress(1).unwrap();
    assert!(p.parcels.iter().all(|x| x.status == ParcelStatus::Voided));
    refused(
        &s,
        PackEvent::OrderToException {
            reason: ExceptionReason::Short,
        },
        "no_order_open",
    );
}

#[test]
fn an_order_packed_again_in_a_later_claim_gets_new_keys() {
    let pack_slot_3 = pack_slot_3();
    let rest_to_exception = [
        scan("TR-0042-01"),
        PackEvent::OrderToException {
            reason: ExceptionReason::Short,
        },
        scan("TR-0042-02"),
        PackEvent::OrderToException {
            reason: ExceptionReason::Short,
        },
        PackEvent::TrolleyReleased {
            trolley: "TR-0042".parse().unwrap(),
        },
    ];
    let (s, first) = run(
        &claimed(),
        &[&pack_slot_3[..], &rest_to_exception[..]].concat(),
    );
    let (s, _) = run(
        &s,
        &[
            scan("TR-0042"),
            PackEvent::TrolleyClaimed {
                manifest: manifest(),
            },
        ],
    );
    let (_, second) = run(&s, &pack_slot_3);
    let k1 = movements(&first)[0].key.clone();
    let k2 = movements(&second)[0].key.clone();
    assert!(
        k1.ends_with(":SO-3:p1:l1") && k2.ends_with(":SO-3:p1:l1"),
        "{k1} {k2}"
    );
    assert_ne!(k1, k2);
}

#[test]
fn late_and_unknown_label_reports() {
    refused(
        &claimed(),
        PackEvent::LabelPrinted {
            order_id: "SO-1".into(),
            tracking_numbers: vec![],
        },
        "label_not_expected",
    );
    refused(
        &claimed(),
        PackEvent::LabelPending {
            order_id: "SO-1".into(),
        },
        "label_not_expected",
    );
    refused(
        &claimed(),
        PackEvent::TrolleyReleased {
            trolley: "TR-0042".parse().unwrap(),
        },
        "release_not_pending",
    );
}

#[test]
fn apply_is_deterministic_and_survives_a_json_round_trip() {
    let (s, _) = run(
        &slot_open(1),
        &[
            scan(MUG),
            scan(MUG),
            scan(TEA),
            PackEvent::CloseParcel,
            packaging("B"),
        ],
    );
    let json = serde_json::to_string(&s).unwrap();
    let back: PackState = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let ev = weighed(500);
    assert_eq!(apply(&s, ev.clone()), apply(&back, ev.clone()));
    assert_eq!(apply(&s, ev.clone()), apply(&s, ev));
}

#[test]
fn events_and_effects_have_a_stable_json_shape() {
    let ev: PackEvent = serde_json::from_str(r#"{"event":"scanned","raw":"TR-0042"}"#).unwrap();
    assert_eq!(ev, scan("TR-0042"));
    let ev: PackEvent = serde_json::from_str(
        r#"{"event":"parcel_weighed","measured_g":512,"verdict":{"verdict":"overridden_by_supervisor","supervisor_id":"S-1","reason":"ok"}}"#,
    )
    .unwrap();
    assert!(matches!(
        ev,
        PackEvent::ParcelWeighed {
            measured_g: 512,
            ..
        }
    ));
    let fx = serde_json::to_value(Effect::ClaimTrolley {
        trolley: "TR-0001".parse().unwrap(),
    })
    .unwrap();
    assert_eq!(
        fx,
        serde_json::json!({"effect": "claim_trolley", "trolley": "TR-0001"})
    );
    let view = serde_json::to_value(slot_open(2).view()).unwrap();
    assert_eq!(view["step"], "verify_units");
    assert_eq!(view["expected_scan"]["expect"], "item");
}

#[test]
fn error_codes_are_unique_snake_case_and_listed() {
    let mut seen = std::collections::BTreeSet::new();
    for code in FlowError::CODES {
        assert!(
            code.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && code.starts_with(|c: char| c.is_ascii_lowercase()),
            "{code}"
        );
        assert!(seen.insert(code), "{code} twice");
    }
    for e in [
        FlowError::NotSignedIn,
        FlowError::OverScan {
            name: "x".into(),
            required: 1,
        },
        FlowError::NotNow("x".into()),
        FlowError::Gs1Invalid(crate::gs1::Gs1Error::new(
            crate::gs1::Gs1ErrorKind::Empty,
            0,
        )),
    ] {
        assert!(FlowError::CODES.contains(&e.code()), "{}", e.code());
    }
}

#[test]
fn every_step_tells_the_ui_what_to_scan_next() {
    let path = [
        (sign_in("P-7"), StepKind::ScanTrolley, ExpectedScan::Trolley),
        (
            scan("TR-0042"),
            StepKind::ClaimingTrolley,
            ExpectedScan::Nothing,
        ),
        (
            PackEvent::TrolleyClaimed {
                manifest: manifest(),
            },
            StepKind::ScanSlot,
            ExpectedScan::Slot,
        ),
        (
            scan("TR-0042-02"),
            StepKind::VerifyUnits,
            ExpectedScan::Item,
        ),
        (
            scan(PHONE),
            StepKind::VerifyUnits,
            ExpectedScan::Gs1Capture {
                line_no: 2,
                missing: vec![CaptureField::Serial],
            },
        ),
        (
            scan("]C121SN-77"),
            StepKind::VerifyUnits,
            ExpectedScan::Item,
        ),
        (
            PackEvent::CloseParcel,
            StepKind::ChoosePackaging,
            ExpectedScan::Packaging,
        ),
        (packaging("BOX-S"), StepKind::Weigh, ExpectedScan::Nothing),
        (weighed(400), StepKind::VerifyUnits, ExpectedScan::Item),
    ];
    let mut s = PackState::new(station());
    for (ev, step, expect) in path {
        s = run(&s, std::slice::from_ref(&ev)).0;
        assert_eq!(
            (s.step_kind(), s.expected_scan()),
            (step, expect),
            "after {ev:?}"
        );
        let view = s.view();
        assert_eq!(
            (view.step, view.expected_scan),
            (s.step_kind(), s.expected_scan())
        );
    }
    let v = s.view();
    assert_eq!(v.parcels, 1);
    assert_eq!(v.open_parcel_no, None, "the next unit opens parcel 2");
    assert_eq!(
        v.lines
            .iter()
            .map(|l| (l.sku.as_str(), l.scanned, l.required))
            .collect::<Vec<_>>(),
        vec![("SKU-VIT", 0, 1), ("SKU-PHONE", 1, 2)]
    );
}

#[test]
fn refusals_serialise_as_code_and_message() {
    let e = refused(&slot_open(3), scan(MUG), "item_of_other_order");
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        serde_json::json!({
            "code": "item_of_other_order",
            "message": "Wrong order: 4006381333931 belongs to order SO-1 in slot 1, not to this one."
        })
    );
}

/// Issue 16: a pharmaceutical DataMatrix with a company-internal (91) next to GTIN, lot and
/// expiry, and a GS1 Digital Link QR for the slot's GTIN, both count a unit.
#[test]
fn a_datamatrix_with_internal_ais_and_a_digital_link_count_a_unit() {
    let s = slot_open(2);
    let dm = "]d2010003600029145217271130\u{1d}10LOT-9\u{1d}91INTERNAL-7";
    let (one, _) = run(&s, &[scan(dm)]);
    let unit = &one.current().unwrap().parcels[0].units[0];
    assert_eq!(unit.capture.lot.as_deref(), Some("LOT-9"));
    assert_eq!(
        unit.capture.expiry.map(|d| d.to_string()).as_deref(),
        Some("271130")
    );

    for dl in [
        "]Q1https://id.example.com/01/00036000291452/10/LOT-9?17=271130",
        "HTTPS://ID.EXAMPLE.COM/01/00036000291452/10/LOT-9?17=271130",
    ] {
        let (one, _) = run(&s, &[scan(dl)]);
        let line = &one.current().unwrap().lines[0];
        assert_eq!(line.scanned, 1, "{dl}");
        let unit = &one.current().unwrap().parcels[0].units[0];
        assert_eq!(unit.capture.lot.as_deref(), Some("LOT-9"), "{dl}");
    }
    // The same checks as any GS1 code: a wrong check digit or a month 13 is refused.
    refused(
        &s,
        scan("https://id.example.com/01/00036000291453/10/LOT-9?17=271130"),
        "gs1_invalid",
    );
    let e = refused(
        &s,
        scan("https://id.example.com/01/00036000291452/10/LOT-9?17=271330"),
        "gs1_invalid",
    );
    assert!(e.to_string().contains("month 13"), "{e}");
    // A mixed-case scheme is not a Digital Link.
    refused(
        &s,
        scan("HtTps://id.example.com/01/00036000291452/10/LOT-9?17=271130"),
        "gs1_invalid",
    );

    let mug = slot_open(1);
    let (one, _) = run(&mug, &[scan("https://brand.example.com/01/04006381333931")]);
    assert_eq!(one.current().unwrap().lines[0].scanned, 1);
    // An EAN-13 with its AIM identifier is the same product.
    let (one, _) = run(&mug, &[scan("]E04006381333931")]);
    assert_eq!(one.current().unwrap().lines[0].scanned, 1);
}

/// A lot-and-expiry label scanned after the product barcode meets GS1's association rules
/// with the unit's GTIN; a capture code carrying an AI that needs another key is refused.
#[test]
fn associations_are_checked_over_the_units_codes_together() {
    let s = slot_open(2);
    let (pending, _) = run(&s, &[scan(VITAMINS)]);
    let (done, _) = run(&pending, &[scan("]C110LOT-9\u{1d}17271130")]);
    assert_eq!(done.current().unwrap().lines[0].scanned, 1);
    // (8019) needs a GSRN (8017)/(8018): not the unit's GTIN.
    let e = refused(&pending, scan("]C110LOT-9\u{1d}80191234"), "gs1_invalid");
    assert!(e.to_string().contains("(8017)"), "{e}");
}
