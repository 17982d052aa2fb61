use leptos::prelude::*;
use packbench_core::pack_flow::{CaptureField, ExpectedScan, StepKind};
use packbench_ipc::i18n::{Lang, Words};
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
                w.fmt(
                    "slots-progress",
                    &[("done", v.slots_done.into()), ("total", v.slots_total.into())],
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
                        .then(|| w.fmt("units-in-exception", &[("count", l.exception.into())]));
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
                            <button class="small" disabled=done on:click=short>{w.text("report-short")}</button>
                            <button class="small" disabled=done on:click=damaged>{w.text("report-damaged")}</button>
                        </li>
                    }
                })
                .collect_view();
            let buttons = step_buttons(&s, w, on_action);
            let suggestion = s.suggestion.clone().map(|g| {
                let why = w
                    .packaging(&g.explanation)
                    .into_iter()
                    .map(|line| view! { <li>{line}</li> })
                    .collect_view();
                let title = format!("{} {}", w.packaging_kind(g.kind), g.name);
                view! {
                    <div id="suggestion" class="suggestion" data-packaging=g.packaging_id.clone()>
                        <BoxPicture kind=g.kind inner_mm=g.inner_mm title=title />
                        <div class="suggestion-text">
                            <div class="suggested-box">
                                <span class="label">{w.text("suggested")} " "</span>
                                <strong>{g.name.clone()}</strong>
                                <span class="barcode">{g.barcode.clone()}</span>
                            </div>
                            <ul class="why">{why}</ul>
                        </div>
                    </div>
                }
            });
            let weight = s.expected_weight_g.map(|g| {
                let summary = s.weight_check.as_ref().map(|c| w.weight(c)).unwrap_or_default();
                let mismatch = v.last_weight_mismatch_g.is_some();
                view! {
                    <div id="weight" class="weight" class:mismatch=mismatch data-expected=g.to_string()>
                        <span>{w.fmt("expected-weight", &[("grams", g.into())])}</span>
                        <span class="summary">{summary}</span>
                    </div>
                }
            });
            let pending = (v.pending_labels > 0).then(|| {
                view! {
                    <div id="labels-pending" class="labels-pending" data-count=v.pending_labels.to_string()>
                        {w.fmt("labels-pending", &[("count", v.pending_labels.into())])}
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
fn prompt(s: &FlowResponse, w: Words) -> String {
    let v = &s.view;
    match (&v.expected_scan, v.step) {
        (ExpectedScan::Badge, _) => w.text("scan-badge"),
        (ExpectedScan::Trolley, _) => match &v.claim_refused {
            Some(r) => w.fmt(
                "trolley-held-elsewhere",
                &[
                    ("trolley", r.trolley.as_str().into()),
                    ("holder", (&r.holder).into()),
                ],
            ),
            None => w.text("scan-trolley"),
        },
        (ExpectedScan::Slot, _) => match v.suggested_next_slot {
            Some(n) => w.fmt("scan-slot-next", &[("slot", format!("{n:02}").into())]),
            None => w.text("scan-slot"),
        },
        (ExpectedScan::Item, _) => w.fmt(
            "scan-items",
            &[("order", v.order_id.clone().unwrap_or_default().into())],
        ),
        (ExpectedScan::Gs1Capture { missing, .. }, _) => {
            let what: Vec<String> = missing
                .iter()
                .map(|f| match f {
                    CaptureField::Lot => w.text("capture-lot"),
                    CaptureField::Expiry => w.text("capture-expiry"),
                    CaptureField::Serial => w.text("capture-serial"),
                })
                .collect();
            let and = format!(" {} ", w.text("capture-and"));
            w.fmt("scan-capture", &[("fields", what.join(&and).into())])
        }
        (ExpectedScan::Packaging, _) => match &s.suggestion {
            Some(g) => w.fmt("box-it", &[("box", (&g.name).into())]),
            None => w.text("scan-box"),
        },
        (_, StepKind::ClaimingTrolley) => w.text("claiming-trolley"),
        (_, StepKind::Weigh) => match v.last_weight_mismatch_g {
            Some(_) => w.text("weight-mismatch"),
            None => w.text("put-on-scale"),
        },
        (_, StepKind::AwaitingLabel) => w.text("printing-label"),
        (_, StepKind::ReleasingTrolley) => w.text("trolley-done"),
        _ => String::new(),
    }
}

/// Why another box than the suggested one: the messages shown, recorded in English.
const BOX_REASONS: [&str; 3] = [
    "box-reason-out-of-stock",
    "box-reason-protection",
    "box-reason-does-not-fit",
];

fn step_buttons(s: &FlowResponse, w: Words, on_action: Callback<PackAction>) -> AnyView {
    let v = &s.view;
    let act = move |a: PackAction| move |_| on_action.run(a.clone());
    match v.step {
        StepKind::ScanTrolley | StepKind::ReleasingTrolley => view! {
            <button id="sign-out" on:click=act(PackAction::SignOut)>{w.text("sign-out")}</button>
        }
        .into_any(),
        StepKind::ScanSlot => {
            let take = v
                .suggested_next_slot
                .map(|n| w.fmt("take-slot", &[("slot", format!("{n:02}").into())]))
                .unwrap_or_else(|| w.text("take-next-slot"));
            view! {
                <button id="take-slot" class="primary" on:click=act(PackAction::TakeSuggestedSlot)>{take}</button>
                <button id="sign-out" on:click=act(PackAction::SignOut)>{w.text("sign-out")}</button>
            }
            .into_any()
        }
        StepKind::VerifyUnits => view! {
            <button id="close-parcel" class="primary" on:click=act(PackAction::CloseParcel)>{w.text("close-parcel")}</button>
            <button id="cancel-capture" on:click=act(PackAction::CancelCapture)>{w.text("cancel-unit")}</button>
            <button id="leave-slot" on:click=act(PackAction::LeaveSlot)>{w.text("leave-slot")}</button>
            <button id="order-exception" class="bad" on:click=act(PackAction::OrderToException { reason: ExceptionReason::Damaged })>{w.text("order-to-exception")}</button>
        }
        .into_any(),
        StepKind::ChoosePackaging => {
            let use_suggested = s.suggestion.clone().map(|g| {
                let id = g.packaging_id.clone();
                view! {
                    <button id="use-suggested" class="primary" on:click=act(PackAction::ChoosePackaging { packaging_id: id, reason: None })>
                        {w.fmt("use-box", &[("box", (&g.name).into())])}
                    </button>
                }
            });
            // Another box was scanned: its reasons (recorded in English for supervisors).
            let reasons = s.other_box.clone().map(|id| {
                let buttons = BOX_REASONS
                    .iter()
                    .enumerate()
                    .map(|(i, reason)| {
                        let shown = w.text(reason);
                        let a = PackAction::ChoosePackaging {
                            packaging_id: id.clone(),
                            reason: Some(Lang::En.words().text(reason)),
                        };
                        view! {
                            <button class="reason" data-reason=i.to_string() on:click=act(a)>{shown}</button>
                        }
                    })
                    .collect_view();
                view! {
                    <div id="box-reasons" class="box-reasons" data-box=id.clone()>
                        <span>{w.fmt("box-reason-prompt", &[("box", (&id).into())])}</span>
                        {buttons}
                    </div>
                }
            });
            view! {
                {reasons}
                {use_suggested}
                <button id="reopen-parcel" on:click=act(PackAction::ReopenParcel)>{w.text("back-to-items")}</button>
            }
            .into_any()
        }
        StepKind::Weigh => view! {
            <button id="weigh" class="primary" on:click=act(PackAction::Weigh)>{w.text("weigh-again")}</button>
            <button id="reopen-parcel" on:click=act(PackAction::ReopenParcel)>{w.text("back-to-items")}</button>
            <button id="order-exception" class="bad" on:click=act(PackAction::OrderToException { reason: ExceptionReason::WeightMismatch })>{w.text("order-to-exception")}</button>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
