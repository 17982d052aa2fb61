//! Training mode on screen: what there is to scan at this step, as large touch targets with
//! their barcodes. Only a training backend gives any, so on a real one nothing shows. A touch
//! sends the target's code down the same path a scan takes; the trainee can hide the hints to
//! practise with the scanner alone, and bring them back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::cmd;
use packbench_ipc::i18n::Lang;
use packbench_ipc::training::{TrainingHintsRequest, TrainingHintsResponse};
use packbench_ipc::FlowResponse;

use crate::ipc::invoke;

#[component]
pub fn TrainingHints(
    screen: ReadSignal<Option<FlowResponse>>,
    #[prop(into)] lang: Signal<Lang>,
    on_scan: Callback<String>,
) -> impl IntoView {
    let (hints, set_hints) = signal(TrainingHintsResponse::default());
    let (hidden, set_hidden) = signal(false);
    // Questions asked and answers received: equal when the targets match the screen.
    let (asked, set_asked) = signal(0u64);
    let (fetches, set_fetches) = signal(0u64);
    // Asked again only when what the screen shows changes (not on every status poll).
    let shown = Memo::new(move |_| {
        screen
            .get()
            .map(|s| (s.view, s.suggestion.map(|x| x.barcode)))
    });
    Effect::new(move |_| {
        if shown.get().is_none() {
            return;
        }
        let req = TrainingHintsRequest {
            lang: lang.get().tag().to_owned(),
        };
        set_asked.update(|n| *n += 1);
        spawn_local(async move {
            if let Ok(h) = invoke::<_, TrainingHintsResponse>(cmd::training_hints, &req).await {
                set_hints.set(h);
            }
            set_fetches.update(|n| *n += 1);
        });
    });
    // Always there and empty: whether the backend trains, and how many answers came (what a
    // test waits on after a touch).
    let state = move || {
        view! {
            <span
                id="training-state"
                data-training=hints.get().training.to_string()
                data-asked=asked.get().to_string()
                data-fetches=fetches.get().to_string()
            ></span>
        }
    };
    let panel = move || {
        let h = hints.get();
        if !h.training {
            return None;
        }
        let tw = lang.get().words();
        let toggle = view! {
            <button
                id="training-toggle"
                class="training-toggle"
                on:click=move |_| set_hidden.update(|x| *x = !*x)
            >
                {tw.text(if hidden.get() { "training-show" } else { "training-hide" })}
            </button>
        };
        let body = (!hidden.get()).then(|| {
            let targets = h
                .targets
                .into_iter()
                .map(|t| {
                    let scan = t.scan.clone();
                    view! {
                        <li>
                            <button
                                class=format!("hint hint-{}", t.kind.as_str())
                                data-kind=t.kind.as_str()
                                data-scan=t.scan.clone()
                                // The scan box keeps the focus: were it to take it back on
                                // blur, it would scroll the page and the touch would miss.
                                on:mousedown=|ev| ev.prevent_default()
                                on:click=move |_| on_scan.run(scan.clone())
                            >
                                <span class="hint-label">{t.label}</span>
                                {t.detail.map(|d| view! { <span class="hint-detail">{d}</span> })}
                                <img class="hint-barcode" src=t.barcode alt="" />
                                <span class="hint-code">{t.scan.replace('\u{1d}', "<GS>")}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="training-intro">{tw.text("training-intro")}</p>
                <ul id="training-targets" class="training-targets">{targets}</ul>
            }
        });
        Some(view! {
            <section
                id="training"
                class="training"
                data-hidden=hidden.get().to_string()
            >
                <div class="training-head">
                    <span class="training-title">{tw.text("training-title")}</span>
                    {toggle}
                </div>
                {body}
            </section>
        })
    };
    view! {
        {state}
        {panel}
    }
}
