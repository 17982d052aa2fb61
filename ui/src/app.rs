//! The station screen: who and where we are, the scan box, the last refusal, the step the
//! packer is at, and the trolley. Every scan goes to the pack flow (`pack_scan`); buttons send
//! `pack_action`s; the screen is whatever the station answers, so a restart shows exactly the
//! step the station's database holds.

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_core::pack_flow::StepKind;
use packbench_ipc::actions::{self, ScanContext, ScanRoute};
use packbench_ipc::i18n::Lang;
use packbench_ipc::{
    cmd, FlowResponse, GetFlowRequest, GetStationRequest, GetStationResponse, IpcError,
    LabelPreviewRequest, LabelPreviewResponse, PackAction, PackActionRequest, PackScanRequest,
};

use crate::components::{ErrorBanner, ManifestView, ScanBox, StationBar, StepPanel, TrainingHints};
use crate::ipc::invoke;
use crate::sound::{self, Sound};

/// Why a supervisor accepts a refused weight: the messages shown, recorded in English.
const OVERRIDE_REASONS: [&str; 3] = [
    "override-reason-extra-packing",
    "override-reason-catalogue-weight",
    "override-reason-checked",
];

/// The pause before the automatic weighing asks a scale again after it failed (the screen's
/// 2 s refresh brings the next try).
const WEIGH_RETRY_MS: f64 = 1500.0;

#[component]
pub fn App() -> impl IntoView {
    let (station, set_station) = signal(None::<GetStationResponse>);
    let (screen, set_screen) = signal(None::<FlowResponse>);
    let (error, set_error) = signal(None::<IpcError>);
    let (busy, set_busy) = signal(false);
    // The last scan's outcome, as the page's colour: accepted, refused or done.
    let (flash, set_flash) = signal(None::<&'static str>);
    // Why a supervisor accepts a parcel the scale refused (recorded in English for reports).
    let (override_reason, set_override_reason) = signal(Lang::En.words().text(OVERRIDE_REASONS[0]));
    let manifest = Memo::new(move |_| station.get().and_then(|s| s.current));
    // A language chosen from the action sheet wins over the signed-in packer's; English
    // before anyone signs in.
    let (lang_choice, set_lang_choice) = signal(None::<Lang>);
    let lang = Memo::new(move |_| {
        lang_choice.get().unwrap_or_else(|| {
            screen
                .get()
                .and_then(|s| s.view.packer)
                .map_or(Lang::En, |p| Lang::from_tag(&p.language))
        })
    });
    // After the action sheet's "close the app", the next scan is a supervisor's badge.
    let (closing, set_closing) = signal(false);
    // A signed-in supervisor gets the supervisor's desk instead of the packing screen.
    let desk_mode = Memo::new(move |_| {
        screen
            .get()
            .and_then(|s| s.view.packer)
            .is_some_and(|p| p.role == packbench_core::pack_flow::Role::Supervisor)
    });
    // The packer asked the desk to accept a refused weight (cleared when the weight moves on).
    let (asked, set_asked) = signal(false);
    Effect::new(move |_| {
        let at_mismatch = screen.get().is_some_and(|s| {
            s.view.step == StepKind::Weigh && s.view.last_weight_mismatch_g.is_some()
        });
        if !at_mismatch {
            set_asked.set(false);
        }
    });

    let refresh_station = move || {
        spawn_local(async move {
            match invoke::<_, GetStationResponse>(cmd::get_station, &GetStationRequest {}).await {
                Ok(st) => {
                    if station.with_untracked(|shown| shown.as_ref() != Some(&st)) {
                        set_station.set(Some(st));
                    }
                }
                Err(e) => set_error.set(Some(e)),
            }
        })
    };
    // Refusals of scans from a serial scanner arrive with the screen, numbered.
    let (refusals_seen, set_refusals_seen) = signal(0u64);
    // Bumped by every refresh, changed or not: what the automatic weighing's retry waits on.
    let (tick, set_tick) = signal(0u64);
    // A screen equal to the one shown is not set again: the refresh every 2 s would otherwise
    // redraw the whole step (its lines and pictures) for nothing, and a scan answered meanwhile
    // would wait for that redraw.
    let show = move |s: FlowResponse| {
        if let Some((n, e)) = s.device_refusal.clone() {
            if n > refusals_seen.get_untracked() {
                set_refusals_seen.set(n);
                set_error.set(Some(e));
            }
        }
        set_tick.update(|t| *t += 1);
        if screen.with_untracked(|shown| shown.as_ref() != Some(&s)) {
            set_screen.set(Some(s));
        }
    };
    let refresh_flow = move || {
        spawn_local(async move {
            if let Ok(s) = invoke::<_, FlowResponse>(cmd::get_flow, &GetFlowRequest {}).await {
                show(s);
            }
        })
    };
    refresh_station();
    refresh_flow();
    sound::preload();
    // Status (queued writes, labels printed in the background) stays current without a scan.
    set_interval(
        move || {
            refresh_station();
            if !busy.get_untracked() {
                refresh_flow();
            }
        },
        std::time::Duration::from_secs(2),
    );

    // Answers shown so far (the page's `data-answered`): what the scan-latency benchmark waits
    // on after each scan.
    let (answered, set_answered) = signal(0u64);
    // When the automatic weighing last failed (the page's clock, ms): an unplugged or faulty
    // scale is asked again every WEIGH_RETRY_MS, not as fast as the answers come back.
    let (weigh_failed_at, set_weigh_failed_at) = signal(None::<f64>);
    // One request at a time: the answer replaces the screen, a refusal shows in the banner.
    // `auto` marks the automatic weighing: its failure starts the retry pause, and the same
    // refusal again is not sounded again (the banner still shows it).
    let send_as = move |fut: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<FlowResponse, IpcError>>>,
    >,
                        auto: bool| {
        set_busy.set(true);
        let done_before = screen.get_untracked().map(|s| s.view.slots_done);
        spawn_local(async move {
            match fut.await {
                Ok(s) => {
                    if auto {
                        set_weigh_failed_at.set(None);
                    }
                    set_error.set(None);
                    // A slot finished (or the trolley) sounds different from a plain accept.
                    let done = done_before.is_some_and(|d| s.view.slots_done > d);
                    sound::play(if done { Sound::Done } else { Sound::Accepted });
                    set_flash.set(Some(if done { "done" } else { "accepted" }));
                    show(s);
                    set_answered.update(|n| *n += 1);
                }
                Err(e) => {
                    let again = auto && error.get_untracked().as_ref() == Some(&e);
                    if auto {
                        set_weigh_failed_at.set(Some(js_sys::Date::now()));
                    }
                    if !again {
                        sound::play(Sound::Refused);
                    }
                    set_flash.set(Some("refused"));
                    set_error.set(Some(e));
                    set_answered.update(|n| *n += 1);
                    if let Ok(s) =
                        invoke::<_, FlowResponse>(cmd::get_flow, &GetFlowRequest {}).await
                    {
                        show(s);
                    }
                }
            }
            set_busy.set(false);
            refresh_station();
        });
    };
    let send = move |fut: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<FlowResponse, IpcError>>>,
    >| send_as(fut, false);

    let on_action = Callback::new(move |action: PackAction| {
        let req = PackActionRequest { action };
        send(Box::pin(async move {
            invoke::<_, FlowResponse>(cmd::pack_action, &req).await
        }));
    });

    let on_scan = Callback::new(move |scan: String| {
        let ctx = ScanContext {
            closing: closing.get_untracked(),
            weight_refused: screen.get_untracked().is_some_and(|s| {
                s.view.step == StepKind::Weigh && s.view.last_weight_mismatch_g.is_some()
            }),
        };
        match actions::route_scan(scan, ctx) {
            ScanRoute::Language(l) => {
                set_lang_choice.set(Some(l));
                set_error.set(None);
            }
            ScanRoute::ArmCloseApp => set_closing.set(true),
            ScanRoute::CloseApp { supervisor_badge } => {
                set_closing.set(false);
                on_action.run(PackAction::CloseApp { supervisor_badge });
            }
            ScanRoute::AskSupervisor => {
                on_action.run(PackAction::AskSupervisor);
                set_asked.set(true);
            }
            ScanRoute::OverrideWeight { supervisor_badge } => {
                on_action.run(PackAction::OverrideWeight {
                    supervisor_badge,
                    reason: override_reason.get_untracked(),
                });
            }
            ScanRoute::ToFlow(scan) => {
                let req = PackScanRequest { scan };
                send(Box::pin(async move {
                    invoke::<_, FlowResponse>(cmd::pack_scan, &req).await
                }));
            }
        }
    });

    // The last printed label, previewed as the printer got it.
    let (preview, set_preview) = signal(None::<LabelPreviewResponse>);
    Effect::new(move |_| {
        let order = screen.get().and_then(|s| s.last_label_order);
        let shown = preview.get_untracked().map(|p| p.order_id);
        if let Some(order_id) = order.filter(|o| Some(o) != shown.as_ref()) {
            spawn_local(async move {
                let req = LabelPreviewRequest { order_id };
                if let Ok(p) = invoke::<_, LabelPreviewResponse>(cmd::label_preview, &req).await {
                    set_preview.set(Some(p));
                }
            });
        }
    });

    // The scale is read as soon as a parcel is boxed: no button needed.
    Effect::new(move |_| {
        tick.track();
        if let Some(s) = screen.get() {
            if s.view.step == StepKind::Weigh
                && s.view.last_weight_mismatch_g.is_none()
                && s.weight_check.is_none()
                && !busy.get_untracked()
                && weigh_failed_at
                    .get_untracked()
                    .is_none_or(|t| js_sys::Date::now() - t >= WEIGH_RETRY_MS)
            {
                let req = PackActionRequest {
                    action: PackAction::Weigh,
                };
                send_as(
                    Box::pin(
                        async move { invoke::<_, FlowResponse>(cmd::pack_action, &req).await },
                    ),
                    true,
                );
            }
        }
    });

    let override_panel = move || {
        screen.get().and_then(|s| {
            (s.view.step == StepKind::Weigh && s.view.last_weight_mismatch_g.is_some()).then(|| {
                let w = lang.get().words();
                let options = OVERRIDE_REASONS
                    .iter()
                    .map(|id| {
                        let value = Lang::En.words().text(id);
                        view! { <option value=value>{w.text(id)}</option> }
                    })
                    .collect_view();
                view! {
                    <div id="override" class="override">
                        <span>{w.text("supervisor-override")}</span>
                        <select
                            id="override-reason"
                            on:change=move |ev| set_override_reason.set(event_target_value(&ev))
                        >
                            {options}
                        </select>
                        <button
                            id="ask-supervisor"
                            class="ask-supervisor"
                            on:click=move |_| {
                                on_action.run(PackAction::AskSupervisor);
                                set_asked.set(true);
                            }
                        >
                            {w.text("ask-supervisor")}
                        </button>
                        {move || asked.get().then(|| view! {
                            <span id="asked-supervisor" class="asked">{lang.get().words().text("asked-supervisor")}</span>
                        })}
                    </div>
                }
            })
        })
    };

    view! {
        <StationBar station=station lang=lang />
        <main class=move || format!("outcome-{}", flash.get().unwrap_or("none")) data-outcome=move || flash.get().unwrap_or("none") data-answered=move || answered.get().to_string()>
            <ScanBox on_scan=on_scan busy=busy />
            <ErrorBanner error=error lang=lang />
            {move || station.get().and_then(|s| s.notice).map(|n| view! { <div id="notice" class="notice">{n}</div> })}
            <StepPanel screen=screen lang=lang on_action=on_action />
            <TrainingHints screen=screen lang=lang on_scan=on_scan />
            {override_panel}
            {move || closing.get().then(|| view! {
                <div id="closing" class="override">{lang.get().words().text("close-app")}</div>
            })}
            {move || preview.get().map(|p| {
                let images = p
                    .images
                    .into_iter()
                    .map(|src| view! { <img class="label-image" src=src alt="label" /> })
                    .collect_view();
                view! {
                    <section id="label-preview" class="label-preview" data-order=p.order_id.clone()>
                        <span class="caption">{p.order_id.clone()}</span>
                        {images}
                    </section>
                }
            })}
            <ManifestView manifest=manifest lang=lang />
        </main>
        {move || desk_mode.get().then(|| view! { <crate::desk::Desk on_action=on_action lang=lang /> })}
    }
}
