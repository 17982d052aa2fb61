//! `apply`: one event in, the next state and the effects out. Every refusal is a `FlowError`
//! and leaves the caller's state untouched (the function works on a copy).

use crate::scan::{classify_scan, Scan};
use crate::trolley::{SlotCode, TrolleyCode};

use super::effect::Effect;
use super::error::FlowError;
use super::event::{blank, PackEvent};
use super::keys;
use super::order::Ctx;
use super::state::{ClaimRefusal, LabelStatus, PackState, SlotStatus, Step, TrolleyProgress};
use super::verify;

/// Applies one event. On success: the next state (its `revision` one higher) and what the app
/// must do, in order. On refusal: why, with the state unchanged.
pub fn apply(state: &PackState, event: PackEvent) -> Result<(PackState, Vec<Effect>), FlowError> {
    let mut next = state.clone();
    let mut fx = Vec::new();
    on_event(&mut next, event, &mut fx)?;
    next.revision += 1;
    Ok((next, fx))
}

fn on_event(s: &mut PackState, ev: PackEvent, fx: &mut Vec<Effect>) -> Result<(), FlowError> {
    // The backend may report a label queued offline as printed at any step, even signed out.
    if let PackEvent::LabelPrinted {
        order_id,
        tracking_numbers,
    } = &ev
    {
        if !awaiting_label_of(s, order_id) {
            return queued_label_printed(s, order_id, tracking_numbers);
        }
    }
    // The backend confirms a release whenever it gets to it, signed in or not.
    if let PackEvent::TrolleyReleased { trolley } = &ev {
        let held = s.trolley.as_ref().map(|t| t.trolley());
        let releasing = s.trolley.as_ref().is_some_and(|t| t.all_done())
            && matches!(s.step, Step::ReleasingTrolley | Step::SignIn);
        if !releasing || held != Some(trolley) {
            return Err(FlowError::ReleaseNotPending(trolley.to_string()));
        }
        s.trolley = None;
        if s.packer.is_some() {
            s.step = Step::ScanTrolley { refused: None };
        }
        return Ok(());
    }
    if let PackEvent::SignedIn { packer } = ev {
        if let Some(p) = &s.packer {
            return Err(FlowError::AlreadySignedIn(p.packer_id.clone()));
        }
        if blank(&packer.packer_id) {
            return Err(FlowError::PackerIdMissing);
        }
        s.packer = Some(packer);
        s.step = resume_step(s.trolley.as_ref());
        return Ok(());
    }
    if s.packer.is_none() {
        return Err(FlowError::NotSignedIn);
    }
    match ev {
        PackEvent::SignedIn { .. } | PackEvent::TrolleyReleased { .. } => unreachable_event(),
        PackEvent::SignedOut => match s.step {
            Step::ScanTrolley { .. } | Step::ScanSlot | Step::ReleasingTrolley => {
                s.packer = None;
                s.step = Step::SignIn;
                Ok(())
            }
            _ => Err(FlowError::SignOutMidOrder),
        },
        PackEvent::Scanned { raw } => on_scan(s, &raw, fx),
        PackEvent::TrolleyClaimed { manifest } => {
            let Step::ClaimingTrolley { trolley } = &s.step else {
                return Err(FlowError::NoClaimPending);
            };
            if manifest.trolley != *trolley {
                return Err(FlowError::ManifestWrongTrolley {
                    want: trolley.to_string(),
                    got: manifest.trolley.to_string(),
                });
            }
            if manifest.claimed_by != s.station.station_id {
                return Err(FlowError::ClaimedByOtherStation {
                    trolley: trolley.to_string(),
                    holder: manifest.claimed_by.clone(),
                });
            }
            let mut problems = manifest.problems();
            if manifest.slots.is_empty() {
                problems.push("it has no slots".into());
            }
            for slot in &manifest.slots {
                let mut seen = std::collections::BTreeSet::new();
                for l in &slot.order.lines {
                    if !seen.insert(l.line_no) {
                        problems.push(format!(
                            "order {} has line {} twice",
                            slot.order.order_id, l.line_no
                        ));
                    }
                }
            }
            if !problems.is_empty() {
                return Err(FlowError::ManifestInvalid {
                    trolley: trolley.to_string(),
                    problems: problems.join("; "),
                });
            }
            let claim = keys::claim(&manifest.trolley, &s.station.station_id, s.revision);
            s.trolley = Some(TrolleyProgress::new(manifest, claim));
            s.step = Step::ScanSlot;
            Ok(())
        }
        PackEvent::ClaimRefused { trolley, holder } => match &s.step {
            Step::ClaimingTrolley { trolley: t } if *t == trolley => {
                s.step = Step::ScanTrolley {
                    refused: Some(ClaimRefusal { trolley, holder }),
                };
                Ok(())
            }
            _ => Err(FlowError::NoClaimPending),
        },
        PackEvent::ClaimCancelled => match &s.step {
            Step::ClaimingTrolley { trolley } => {
                // The claim may have been granted while its answer was lost: give it back.
                fx.push(Effect::WithdrawClaim {
                    trolley: trolley.clone(),
                });
                s.step = Step::ScanTrolley { refused: None };
                Ok(())
            }
            _ => Err(FlowError::NoClaimPending),
        },
        PackEvent::TakeSuggestedSlot => {
            if s.step != Step::ScanSlot {
                return Err(not_now(s, "take the next slot"));
            }
            let t = s.trolley.as_mut().ok_or(FlowError::NoOrderOpen)?;
            let slot = t
                .suggested_next_slot()
                .ok_or_else(|| FlowError::NotNow("No slot is left to pack.".into()))?;
            open_slot(t, &mut s.step, slot)
        }
        other => {
            let allowed = matches!(
                (&other, &s.step),
                (
                    PackEvent::LeaveSlot
                        | PackEvent::CancelCapture
                        | PackEvent::RemoveUnit { .. }
                        | PackEvent::CloseParcel
                        | PackEvent::ReportException { .. },
                    Step::VerifyUnits,
                ) | (
                    PackEvent::ReopenParcel,
                    Step::ChoosePackaging | Step::Weigh { .. }
                ) | (PackEvent::PackagingChosen { .. }, Step::ChoosePackaging)
                    | (PackEvent::ParcelWeighed { .. }, Step::Weigh { .. })
                    | (
                        PackEvent::OrderToException { .. },
                        Step::VerifyUnits
                            | Step::ChoosePackaging
                            | Step::Weigh { .. }
                            | Step::AwaitingLabel,
                    )
                    | (
                        PackEvent::LabelPrinted { .. } | PackEvent::LabelPending { .. },
                        Step::AwaitingLabel,
                    )
            );
            if !allowed {
                return Err(refusal_for(s, &other));
            }
            let mut c = Ctx::open(s, fx)?;
            c.on_order_event(other)
        }
    }
}

fn unreachable_event() -> Result<(), FlowError> {
    Err(FlowError::NotNow("This event was already handled.".into()))
}

fn resume_step(trolley: Option<&TrolleyProgress>) -> Step {
    match trolley {
        None => Step::ScanTrolley { refused: None },
        Some(t) if t.all_done() => Step::ReleasingTrolley,
        Some(_) => Step::ScanSlot,
    }
}

fn awaiting_label_of(s: &PackState, order_id: &str) -> bool {
    s.step == Step::AwaitingLabel
        && s.current_order()
            .is_some_and(|slot| slot.order.order_id == order_id)
}

fn queued_label_printed(
    s: &mut PackState,
    order_id: &str,
    tracking_numbers: &[String],
) -> Result<(), FlowError> {
    let i = s
        .pending_labels
        .iter()
        .position(|p| p.order_id == order_id)
        .ok_or_else(|| FlowError::LabelNotExpected(order_id.to_owned()))?;
    let pending = s.pending_labels.remove(i);
    if let Some(t) = s
        .trolley
        .as_mut()
        .filter(|t| *t.trolley() == pending.trolley)
    {
        for (m, p) in t.manifest.slots.iter().zip(t.slots.iter_mut()) {
            if m.order.order_id == order_id && p.label == LabelStatus::Pending {
                p.label = LabelStatus::Printed {
                    tracking_numbers: tracking_numbers.to_vec(),
                };
            }
        }
    }
    Ok(())
}

/// The refusal for an event that does not fit the current step, naming what does.
fn refusal_for(s: &PackState, ev: &PackEvent) -> FlowError {
    if let PackEvent::OrderToException { .. } = ev {
        if s.current().is_none() {
            return FlowError::NoOrderOpen;
        }
    }
    if let PackEvent::LabelPending { order_id } | PackEvent::LabelPrinted { order_id, .. } = ev {
        return FlowError::LabelNotExpected(order_id.clone());
    }
    if let PackEvent::ReopenParcel = ev {
        return FlowError::NoParcelToReopen;
    }
    if let PackEvent::CancelCapture = ev {
        return FlowError::NoCapturePending;
    }
    not_now(s, "do that")
}

fn not_now(s: &PackState, what: &str) -> FlowError {
    let now = match &s.step {
        Step::SignIn => "sign in first".to_owned(),
        Step::ScanTrolley { .. } => "scan a trolley first".to_owned(),
        Step::ClaimingTrolley { trolley } => format!("trolley {trolley} is still being claimed"),
        Step::ScanSlot => "scan a slot first".to_owned(),
        Step::VerifyUnits => "scan the order's units first".to_owned(),
        Step::ChoosePackaging => "choose the parcel's box first".to_owned(),
        Step::Weigh { .. } => "weigh the parcel first".to_owned(),
        Step::AwaitingLabel => "the label is awaited".to_owned(),
        Step::ReleasingTrolley => "the trolley is being released".to_owned(),
    };
    FlowError::NotNow(format!("Cannot {what} now: {now}."))
}

fn scan_text(scan: &Scan) -> String {
    match scan {
        Scan::Trolley(t) => t.to_string(),
        Scan::Slot(s) => s.to_string(),
        Scan::Other(o) => o.clone(),
    }
}

fn on_scan(s: &mut PackState, raw: &str, fx: &mut Vec<Effect>) -> Result<(), FlowError> {
    let scan = classify_scan(raw).map_err(FlowError::ScanUnreadable)?;
    let held = s.trolley.as_ref().map(|t| t.trolley().clone());
    match (&s.step, scan) {
        (Step::ScanTrolley { .. }, Scan::Trolley(t)) => {
            fx.push(Effect::ClaimTrolley { trolley: t.clone() });
            s.step = Step::ClaimingTrolley { trolley: t };
            Ok(())
        }
        (Step::ScanTrolley { .. }, other) => Err(FlowError::ExpectedTrolley(scan_text(&other))),
        (Step::ClaimingTrolley { trolley }, _) => {
            Err(FlowError::ClaimInProgress(trolley.to_string()))
        }
        (Step::ScanSlot, Scan::Slot(code)) => {
            let t = s.trolley.as_mut().ok_or(FlowError::NoOrderOpen)?;
            check_slot_trolley(t.trolley(), &code)?;
            open_slot(t, &mut s.step, code.slot)
        }
        (Step::ScanSlot, Scan::Trolley(t)) if held.as_ref() != Some(&t) => {
            Err(FlowError::TrolleyInProgress {
                held: held.map(|h| h.to_string()).unwrap_or_default(),
                scanned: t.to_string(),
            })
        }
        (Step::ScanSlot, other) => Err(FlowError::ExpectedSlot {
            trolley: held.map(|h| h.to_string()).unwrap_or_default(),
            scanned: scan_text(&other),
        }),
        (Step::VerifyUnits, Scan::Other(code)) => {
            let mut c = Ctx::open(s, fx)?;
            verify::scan_item(&mut c, &code)
        }
        (Step::VerifyUnits, other) => {
            let slot = s
                .trolley
                .as_ref()
                .and_then(|t| t.current_slot)
                .ok_or(FlowError::NoOrderOpen)?;
            let order_id = s
                .current_order()
                .map(|o| o.order.order_id.clone())
                .unwrap_or_default();
            match other {
                Scan::Slot(code) if Some(&code.trolley) == held.as_ref() && code.slot == slot => {
                    Err(FlowError::SlotAlreadyOpen(slot))
                }
                _ => Err(FlowError::OrderInProgress { slot, order_id }),
            }
        }
        (Step::ChoosePackaging, _) => Err(FlowError::ScanNotExpected(
            "The parcel is closed: choose its box first, or reopen it to add units.".into(),
        )),
        (Step::Weigh { .. }, _) => Err(FlowError::ScanNotExpected(
            "Put the parcel on the scale and wait for a stable weight.".into(),
        )),
        (Step::AwaitingLabel, _) => Err(FlowError::ScanNotExpected(
            "Wait for the label to print.".into(),
        )),
        (Step::ReleasingTrolley, _) => Err(FlowError::ScanNotExpected(
            "The trolley is done and being released; wait for the release.".into(),
        )),
        (Step::SignIn, _) => Err(FlowError::NotSignedIn),
    }
}

fn check_slot_trolley(trolley: &TrolleyCode, code: &SlotCode) -> Result<(), FlowError> {
    if code.trolley != *trolley {
        return Err(FlowError::SlotOfOtherTrolley {
            scanned: code.to_string(),
            trolley: trolley.to_string(),
        });
    }
    Ok(())
}

fn open_slot(t: &mut TrolleyProgress, step: &mut Step, slot: u8) -> Result<(), FlowError> {
    let i = t.slot_index(slot).ok_or_else(|| FlowError::UnknownSlot {
        trolley: t.trolley().to_string(),
        slot,
    })?;
    if t.slots[i].status != SlotStatus::Pending {
        return Err(FlowError::SlotAlreadyDone {
            slot,
            order_id: t.manifest.slots[i].order.order_id.clone(),
        });
    }
    t.slots[i].status = SlotStatus::Open;
    t.current_slot = Some(slot);
    t.last_opened_slot = Some(slot);
    *step = Step::VerifyUnits;
    Ok(())
}
