use leptos::prelude::*;
use packbench_core::pack_flow::{CaptureField, ExpectedScan, StepKind};
use packbench_ipc::i18n::{fill, Lang, Words, EN};
use packbench_ipc::{ExceptionReason, FlowResponse, PackAction};

use super::{BoxPicture, SkuImage};

/// What the packer does now: the step's instruction in large type, the open order's lines with
/// their counts, the packaging suggestion with its reasons, the weight, and the step's buttons
/// (every button has a scan or an action barcode beside it; touch is the second way).
#[component]
pub fn StepPanel(
    screen: ReadSignal<Option<FlowResponse>>,
    #[prop(into)] lang: Signal<Lang>,
    on_action: Callback<PackAction>,
) -> impl IntoView {
    move || {
        let w = lang.get().words();
        screen.get().map(|s| {
            let v = s.view.clone();
            let step = v.step.as_str();
            let prompt = prompt(&s, w);
            let progress = (v.slots_total > 0).then(|| {
                fill(
                    w.slots_progress,
                    &[
                        ("done", &v.slots_done.to_string()),
                        ("total", &v.slots_total.to_string()),
                    ],
                )
            });
            let order = v.order_id.clone().unwrap_or_default();
            let lines = v
                .lines
                .iter()
                .map(|l| {
                    let line_no = l.line_no;
                    let done = l.scanned + l.exception >= l.required;
                    let short = move |_| {
                        on_action.run(PackAction::ReportException {
                            line_no,
                            reason: ExceptionReason::Short,
                            units: 1,
                        })
                    };
                    let damaged = move |_| {
                        on_action.run(PackAction::ReportException {
                            line_no,
                            reason: ExceptionReason::Damaged,
                            units: 1,
                        })
                    };
                    let counts = format!("{} / {}", l.scanned, l.required);
                    let exc = (l.exception > 0)
                        .then(|| fill(w.in_exception, &[("n", &l.exception.to_string())]));
                    view! {
                        <li
                            class="count"
                            class:done=done
                            data-line=l.line_no.to_string()
                            data-sku=l.sku.clone()
                            data-scanned=l.scanned.to_string()
                            data-exception=l.exception.to_string()
                            data-required=l.required.to_string()
                        >
                            <SkuImage sku=l.sku.clone() />
                            <span class="counts">{counts}</span>
                            <span class="sku">{l.sku.clone()}</span>
                            <span class="name">{l.name.clone()}</span>
                            <span class="exc">{exc}</span>
                            <button class="small" disabled=done on:click=short>{w.short}</button>
                            <button class="small" disabled=done on:click=damaged>{w.damaged}</button>
                        </li>
                    }
                })
                .collect_view();
            let buttons = step_buttons(&s, w, on_action);
            let xw = lang.get().explain_words();
            let suggestion = s.suggestion.clone().map(|g| {
                let why = xw
                    .packaging(&g.explanation)
                    .into_iter()
                    .map(|line| view! { <li>{line}</li> })
                    .collect_view();
                let title = format!("{} {}", xw.kind(g.kind), g.name);
                view! {
                    <div id="suggestion" class="suggestion" data-packaging=g.packaging_id.clone()>
                        <BoxPicture kind=g.kind inner_mm=g.inner_mm title=title />
                        <div class="suggestion-text">
                            <div class="suggested-box">
                                <span class="label">{w.suggested} " "</span>
                                <strong>{g.name.clone()}</strong>
                                <span class="barcode">{g.barcode.clone()}</span>
                            </div>
                            <ul class="why">{why}</ul>
                        </div>
                    </div>
                }
            });
            let weight = s.expected_weight_g.map(|g| {
                let summary = s.weight_check.as_ref().map(|c| xw.weight(c)).unwrap_or_default();
                let mismatch = v.last_weight_mismatch_g.is_some();
                view! {
                    <div id="weight" class="weight" class:mismatch=mismatch data-expected=g.to_string()>
                        <span>{fill(w.expected_g, &[("g", &g.to_string())])}</span>
                        <span class="summary">{summary}</span>
                    </div>
                }
            });
            let pending = (v.pending_labels > 0).then(|| {
                view! {
                    <div id="labels-pending" class="labels-pending" data-count=v.pending_labels.to_string()>
                        {fill(w.labels_pending, &[("n", &v.pending_labels.to_string())])}
                    </div>
                }
            });
            view! {
                <section id="step" class="step" data-step=step data-order=order.clone()>
                    <div class="step-head">
                        <h1 class="prompt">{prompt}</h1>
                        <span class="progress">{progress}</span>
                    </div>
                    {pending}
                    <ul id="order-lines" class="counts">{lines}</ul>
                    {suggestion}
                    {weight}
                    <div class="actions">{buttons}</div>
                </section>
            }
        })
    }
}

/// The one instruction the packer reads first.
fn prompt(s: &FlowResponse, w: &Words) -> String {
    let v = &s.view;
    match (&v.expected_scan, v.step) {
        (ExpectedScan::Badge, _) => w.scan_badge.into(),
        (ExpectedScan::Trolley, _) => match &v.claim_refused {
            Some(r) => fill(
                w.trolley_held_elsewhere,
                &[("trolley", r.trolley.as_str()), ("holder", &r.holder)],
            ),
            None => w.scan_trolley.into(),
        },
        (ExpectedScan::Slot, _) => match v.suggested_next_slot {
            Some(n) => fill(w.scan_slot_next, &[("slot", &format!("{n:02}"))]),
            None => w.scan_slot.into(),
        },
        (ExpectedScan::Item, _) => fill(
            w.scan_items,
            &[("order", &v.order_id.clone().unwrap_or_default())],
        ),
        (ExpectedScan::Gs1Capture { missing, .. }, _) => {
            let what: Vec<&str> = missing
                .iter()
                .map(|f| match f {
                    CaptureField::Lot => w.lot,
                    CaptureField::Expiry => w.expiry,
                    CaptureField::Serial => w.serial,
                })
                .collect();
            fill(
                w.scan_capture,
                &[("fields", &what.join(&format!(" {} ", w.and)))],
            )
        }
        (ExpectedScan::Packaging, _) => match &s.suggestion {
            Some(g) => fill(w.box_it, &[("box", &g.name)]),
            None => w.scan_box.into(),
        },
        (_, StepKind::ClaimingTrolley) => w.claiming.into(),
        (_, StepKind::Weigh) => match v.last_weight_mismatch_g {
            Some(_) => w.weight_mismatch.into(),
            None => w.put_on_scale.into(),
        },
        (_, StepKind::AwaitingLabel) => w.printing_label.into(),
        (_, StepKind::ReleasingTrolley) => w.trolley_done.into(),
        _ => String::new(),
    }
}

fn step_buttons(s: &FlowResponse, w: &'static Words, on_action: Callback<PackAction>) -> AnyView {
    let v = &s.view;
    let act = move |a: PackAction| move |_| on_action.run(a.clone());
    match v.step {
        StepKind::ScanTrolley | StepKind::ReleasingTrolley => view! {
            <button id="sign-out" on:click=act(PackAction::SignOut)>{w.sign_out}</button>
        }
        .into_any(),
        StepKind::ScanSlot => {
            let take = v
                .suggested_next_slot
                .map(|n| fill(w.take_slot, &[("slot", &format!("{n:02}"))]))
                .unwrap_or_else(|| w.take_next_slot.into());
            view! {
                <button id="take-slot" class="primary" on:click=act(PackAction::TakeSuggestedSlot)>{take}</button>
                <button id="sign-out" on:click=act(PackAction::SignOut)>{w.sign_out}</button>
            }
            .into_any()
        }
        StepKind::VerifyUnits => view! {
            <button id="close-parcel" class="primary" on:click=act(PackAction::CloseParcel)>{w.close_parcel}</button>
            <button id="cancel-capture" on:click=act(PackAction::CancelCapture)>{w.cancel_unit}</button>
            <button id="leave-slot" on:click=act(PackAction::LeaveSlot)>{w.leave_slot}</button>
            <button id="order-exception" class="bad" on:click=act(PackAction::OrderToException { reason: ExceptionReason::Damaged })>{w.order_to_exception}</button>
        }
        .into_any(),
        StepKind::ChoosePackaging => {
            let use_suggested = s.suggestion.clone().map(|g| {
                let id = g.packaging_id.clone();
                view! {
                    <button id="use-suggested" class="primary" on:click=act(PackAction::ChoosePackaging { packaging_id: id, reason: None })>
                        {fill(w.use_box, &[("box", &g.name)])}
                    </button>
                }
            });
            // Another box was scanned: its reasons (recorded in English for supervisors).
            let reasons = s.other_box.clone().map(|id| {
                let buttons = EN
                    .box_reasons
                    .iter()
                    .zip(w.box_reasons)
                    .enumerate()
                    .map(|(i, (recorded, shown))| {
                        let a = PackAction::ChoosePackaging {
                            packaging_id: id.clone(),
                            reason: Some((*recorded).to_owned()),
                        };
                        view! {
                            <button class="reason" data-reason=i.to_string() on:click=act(a)>{shown}</button>
                        }
                    })
                    .collect_view();
                view! {
                    <div id="box-reasons" class="box-reasons" data-box=id.clone()>
                        <span>{fill(w.box_reason_prompt, &[("box", &id)])}</span>
                        {buttons}
                    </div>
                }
            });
            view! {
                {reasons}
                {use_suggested}
                <button id="reopen-parcel" on:click=act(PackAction::ReopenParcel)>{w.back_to_items}</button>
            }
            .into_any()
        }
        StepKind::Weigh => view! {
            <button id="weigh" class="primary" on:click=act(PackAction::Weigh)>{w.weigh_again}</button>
            <button id="reopen-parcel" on:click=act(PackAction::ReopenParcel)>{w.back_to_items}</button>
            <button id="order-exception" class="bad" on:click=act(PackAction::OrderToException { reason: ExceptionReason::WeightMismatch })>{w.order_to_exception}</button>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
