//! What must hold in every reachable state. The property tests check it after every step; the
//! app may check it on a state loaded after a crash before trusting it.

use std::collections::{BTreeMap, BTreeSet};

use super::state::{PackState, ParcelStatus, SlotStatus, Step};
use super::verify::missing_fields;

/// Every broken invariant, described; empty when the state is sound.
pub fn violations(s: &PackState) -> Vec<String> {
    let mut v = Vec::new();
    let needs_packer = s.step != Step::SignIn;
    if needs_packer != s.packer.is_some() {
        v.push(format!("step {:?} with packer {:?}", s.step, s.packer));
    }
    let needs_trolley = matches!(
        s.step,
        Step::ScanSlot
            | Step::VerifyUnits
            | Step::ChoosePackaging
            | Step::Weigh { .. }
            | Step::AwaitingLabel
            | Step::ReleasingTrolley
    );
    let forbids_trolley = matches!(
        s.step,
        Step::ScanTrolley { .. } | Step::ClaimingTrolley { .. }
    );
    if (needs_trolley && s.trolley.is_none()) || (forbids_trolley && s.trolley.is_some()) {
        v.push(format!(
            "step {:?} with trolley held: {}",
            s.step,
            s.trolley.is_some()
        ));
    }
    let Some(t) = &s.trolley else {
        return v;
    };
    let order_step = matches!(
        s.step,
        Step::VerifyUnits | Step::ChoosePackaging | Step::Weigh { .. } | Step::AwaitingLabel
    );
    if order_step != t.current_slot.is_some() {
        v.push(format!(
            "step {:?} with current slot {:?}",
            s.step, t.current_slot
        ));
    }
    let open: Vec<u8> = t
        .slots
        .iter()
        .filter(|p| p.status == SlotStatus::Open)
        .map(|p| p.slot)
        .collect();
    if open != t.current_slot.into_iter().collect::<Vec<_>>() {
        v.push(format!(
            "open slots {open:?} but current slot {:?}",
            t.current_slot
        ));
    }
    // Signed out while the release is awaited is the one other place a finished trolley sits.
    let release_step = matches!(s.step, Step::ReleasingTrolley | Step::SignIn);
    if (s.step == Step::ReleasingTrolley && !t.all_done()) || (t.all_done() && !release_step) {
        v.push(format!(
            "step {:?} but all slots done: {}",
            s.step,
            t.all_done()
        ));
    }
    if t.slots.len() != t.manifest.slots.len() {
        v.push("progress and manifest have different slot counts".into());
    }

    // Ledgers: keys unique, nothing dispatched twice.
    let mut keys = BTreeSet::new();
    for k in t
        .movements
        .iter()
        .map(|m| &m.key)
        .chain(t.exceptions.iter().map(|e| &e.key))
        .chain(t.order_exceptions.iter().map(|e| &e.key))
    {
        if !keys.insert(k) {
            v.push(format!("key {k} recorded twice"));
        }
    }
    let mut moved: BTreeMap<(u8, u32, u32), u32> = BTreeMap::new();
    let mut dispatched_by_ledger: BTreeMap<(u8, u32), u32> = BTreeMap::new();
    for m in &t.movements {
        if moved
            .insert((m.slot, m.parcel_no, m.line_no), m.qty)
            .is_some()
        {
            v.push(format!(
                "slot {} parcel {} line {} moved twice",
                m.slot, m.parcel_no, m.line_no
            ));
        }
        *dispatched_by_ledger.entry((m.slot, m.line_no)).or_default() += m.qty;
    }
    let mut excepted_by_ledger: BTreeMap<(u8, u32), u32> = BTreeMap::new();
    for e in &t.exceptions {
        *excepted_by_ledger.entry((e.slot, e.line_no)).or_default() += e.units;
    }

    for (m, p) in t.manifest.slots.iter().zip(&t.slots) {
        let at = |what: String| format!("slot {}: {what}", p.slot);
        if m.slot != p.slot || m.order.lines.len() != p.lines.len() {
            v.push(at("progress does not match the manifest".into()));
            continue;
        }
        let live: Vec<_> = p
            .parcels
            .iter()
            .filter(|x| x.status != ParcelStatus::Voided)
            .collect();
        // Parcels: numbered uniquely, none empty, at most one open or closing.
        let nos: BTreeSet<u32> = p.parcels.iter().map(|x| x.parcel_no).collect();
        if nos.len() != p.parcels.len() {
            v.push(at("two parcels share a number".into()));
        }
        if live.iter().any(|x| x.units.is_empty()) {
            v.push(at("an empty parcel".into()));
        }
        let in_progress = live
            .iter()
            .filter(|x| {
                matches!(
                    x.status,
                    ParcelStatus::Open | ParcelStatus::Closed | ParcelStatus::Packaged
                )
            })
            .count();
        if in_progress > 1 {
            v.push(at(format!("{in_progress} parcels open or closing")));
        }
        let closing = live
            .iter()
            .find(|x| matches!(x.status, ParcelStatus::Closed | ParcelStatus::Packaged));
        let is_current = t.current_slot == Some(p.slot);
        match (&s.step, closing.map(|x| x.status)) {
            (Step::ChoosePackaging, Some(ParcelStatus::Closed))
            | (Step::Weigh { .. }, Some(ParcelStatus::Packaged))
                if is_current => {}
            (Step::ChoosePackaging | Step::Weigh { .. }, _) if is_current => v.push(at(format!(
                "step {:?} but closing parcel {closing:?}",
                s.step
            ))),
            (_, Some(st)) => v.push(at(format!("parcel {st:?} at step {:?}", s.step))),
            _ => {}
        }
        if p.pending_capture.is_some() && !(is_current && s.step == Step::VerifyUnits) {
            v.push(at("a capture pending outside verification".into()));
        }
        if s.step == Step::AwaitingLabel
            && is_current
            && (live.is_empty() || live.iter().any(|x| x.status != ParcelStatus::Sealed))
        {
            v.push(at("label awaited but parcels are not all sealed".into()));
        }

        // No unit in two parcels; units numbered within the line's quantity; captures
        // complete.
        let mut units = BTreeSet::new();
        for x in &live {
            for u in &x.units {
                if !units.insert((u.line_no, u.unit_no)) {
                    v.push(at(format!(
                        "unit {} of line {} in two parcels",
                        u.unit_no, u.line_no
                    )));
                }
                match m.order.lines.iter().find(|l| l.line_no == u.line_no) {
                    None => v.push(at(format!("a unit of unknown line {}", u.line_no))),
                    Some(l) => {
                        if u.unit_no == 0 || u.unit_no > l.qty {
                            v.push(at(format!(
                                "unit number {} of line {}",
                                u.unit_no, l.line_no
                            )));
                        }
                        if !missing_fields(&u.capture, l.item.flags).is_empty() {
                            v.push(at(format!(
                                "a unit of line {} lacks its capture",
                                l.line_no
                            )));
                        }
                    }
                }
            }
        }

        // Per line: the counters agree with the parcels and the ledgers, and every unit is
        // dispatched, in exception or still on the trolley.
        for (l, lp) in m.order.lines.iter().zip(&p.lines) {
            if l.line_no != lp.line_no || l.qty != lp.required {
                v.push(at(format!(
                    "line {} does not match the manifest",
                    l.line_no
                )));
                continue;
            }
            let in_parcels: u32 = live.iter().map(|x| x.units_of(l.line_no)).sum();
            let in_dispatched: u32 = live
                .iter()
                .filter(|x| x.status == ParcelStatus::Dispatched)
                .map(|x| x.units_of(l.line_no))
                .sum();
            let ledger_out = dispatched_by_ledger
                .get(&(p.slot, l.line_no))
                .copied()
                .unwrap_or(0);
            let ledger_exc = excepted_by_ledger
                .get(&(p.slot, l.line_no))
                .copied()
                .unwrap_or(0);
            if lp.scanned != in_parcels {
                v.push(at(format!(
                    "line {}: scanned {} but {in_parcels} in parcels",
                    l.line_no, lp.scanned
                )));
            }
            if lp.dispatched != in_dispatched || lp.dispatched != ledger_out {
                v.push(at(format!(
                    "line {}: dispatched {} but {in_dispatched} in dispatched parcels and {ledger_out} moved",
                    l.line_no, lp.dispatched
                )));
            }
            if lp.exception != ledger_exc {
                v.push(at(format!(
                    "line {}: {} in exception but {ledger_exc} recorded",
                    l.line_no, lp.exception
                )));
            }
            let still_on_trolley = (l.qty.checked_sub(in_parcels + ledger_exc))
                .map(|unverified| unverified + (in_parcels - in_dispatched));
            match still_on_trolley {
                Some(n) if ledger_out + ledger_exc + n == l.qty => {}
                _ => v.push(at(format!(
                    "line {}: {ledger_out} dispatched + {ledger_exc} in exception + {still_on_trolley:?} on trolley != {} picked",
                    l.line_no, l.qty
                ))),
            }
        }

        // Slot status agrees with its lines and parcels.
        let lines_settled = p
            .lines
            .iter()
            .all(|lp| lp.dispatched + lp.exception == lp.required);
        match p.status {
            SlotStatus::Dispatched => {
                if !lines_settled
                    || live.iter().any(|x| x.status != ParcelStatus::Dispatched)
                    || live.is_empty()
                {
                    v.push(at("dispatched with units or parcels left".into()));
                }
            }
            SlotStatus::Exception => {
                if !lines_settled || !live.is_empty() {
                    v.push(at("in exception with units or parcels left".into()));
                }
                if !t.order_exceptions.iter().any(|e| e.slot == p.slot) {
                    v.push(at("in exception without an order exception record".into()));
                }
            }
            SlotStatus::Pending => {
                if !live.is_empty() || p.lines.iter().any(|lp| lp.dispatched > 0) {
                    v.push(at("pending with parcels".into()));
                }
            }
            SlotStatus::Open => {
                if p.lines.iter().any(|lp| lp.dispatched > 0) {
                    v.push(at("open with dispatched units".into()));
                }
            }
        }
    }
    v
}
