//! The desk's actions: release a stale trolley claim, reprint an order's labels at this
//! station's printer, void an order's label, and approve or decline the weight overrides
//! stations ask for. Each answers with what was done, or why not.

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::cmd;
use packbench_ipc::desk::{
    DeskAction, DeskActionRequest, DeskActionResponse, DeskDone, DeskOverviewResponse,
};

use packbench_ipc::desk_words::{age, done_text};
use packbench_ipc::i18n::Lang;

use super::LangText;
use crate::ipc::invoke;

/// Sends one desk action while `busy` is set; `message` gets what was done (or why not), then
/// `then` runs.
pub(super) fn send_action(
    action: DeskAction,
    message: WriteSignal<Option<Result<DeskDone, String>>>,
    busy: WriteSignal<bool>,
    then: impl FnOnce() + 'static,
) {
    busy.set(true);
    spawn_local(async move {
        let r =
            invoke::<_, DeskActionResponse>(cmd::desk_action, &DeskActionRequest { action }).await;
        message.set(Some(r.map(|r| r.done).map_err(|e| e.message)));
        busy.set(false);
        then();
    });
}

/// What the last desk action did, in the desk's language, or why not.
#[component]
pub(super) fn ActionMessage(
    id: &'static str,
    message: ReadSignal<Option<Result<DeskDone, String>>>,
    lang: Memo<Lang>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            let ok = m.is_ok();
            let m = match m {
                Ok(done) => done_text(&lang.get().words(), &done),
                Err(why) => why,
            };
            view! {
                <div id=id class=if ok { "message ok" } else { "message error" } data-ok=ok.to_string()>{m}</div>
            }
        })
    }
}

#[component]
pub fn Actions(
    overview: ReadSignal<Option<DeskOverviewResponse>>,
    lang: Memo<Lang>,
    on_done: Callback<()>,
) -> impl IntoView {
    let (trolley, set_trolley) = signal(String::new());
    let (release_reason, set_release_reason) = signal(String::new());
    let (void_order, set_void_order) = signal(String::new());
    let (reprint_order, set_reprint_order) = signal(String::new());
    // Kept with the decision as the supervisor reads it, in their language.
    let (decision_reason, set_decision_reason) = signal(
        lang.get_untracked()
            .words()
            .text("desk-decision-reason-default"),
    );
    // What the last action did (worded in the desk's language when shown), or why not.
    let (message, set_message) = signal(None::<Result<DeskDone, String>>);
    let (busy, set_busy) = signal(false);

    let act = move |action: DeskAction| {
        send_action(action, set_message, set_busy, move || on_done.run(()));
    };

    let requests = move || {
        let w = lang.get().words();
        overview.get().map(|o| {
            let n = o.weight_requests.len();
            let items = o
                .weight_requests
                .into_iter()
                .map(|r| {
                    let (id_a, id_d) = (r.request_id.clone(), r.request_id.clone());
                    view! {
                        <li class="weight-request" data-request=r.request_id.clone() data-station=r.station_id.clone()>
                            <span>
                                {w.fmt(
                                    "desk-weight-request",
                                    &[
                                        ("station", (&r.station_id).into()),
                                        ("packer", (&r.packer_id).into()),
                                        ("order", (&r.order_id).into()),
                                        ("parcel", r.parcel_no.into()),
                                        ("expected", r.expected_g.into()),
                                        ("measured", r.measured_g.into()),
                                        // Signed, as text: fluent prints no plus sign.
                                        ("diff", format!("{:+}", i64::from(r.measured_g) - i64::from(r.expected_g)).into()),
                                        ("age", age(&w, o.now_ms - r.requested_at_ms).into()),
                                    ],
                                )}
                            </span>
                            <button class="approve" disabled=move || busy.get() on:click=move |_| act(DeskAction::DecideWeight {
                                request_id: id_a.clone(), approve: true, reason: decision_reason.get_untracked(),
                            })>{w.text("desk-approve")}</button>
                            <button class="decline" disabled=move || busy.get() on:click=move |_| act(DeskAction::DecideWeight {
                                request_id: id_d.clone(), approve: false, reason: decision_reason.get_untracked(),
                            })>{w.text("desk-decline")}</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul id="weight-requests" data-count=n.to_string()>{items}</ul>
                {(n == 0).then(|| view! { <p class="muted">{w.text("desk-no-weight-requests")}</p> })}
            }
        })
    };

    view! {
        <section class="actions">
            <ActionMessage id="desk-message" message=message lang=lang />
            <div class="action-card">
                <h3>{lang.text("desk-weight-requests-title")}</h3>
                <label>{lang.text("desk-decision-reason")}
                    <input id="decision-reason" type="text" prop:value=decision_reason on:input=move |ev| set_decision_reason.set(event_target_value(&ev)) />
                </label>
                {requests}
            </div>
            <div class="action-card">
                <h3>{lang.text("desk-release-title")}</h3>
                <label>{lang.text("desk-col-trolley")}<input id="release-trolley" type="text" placeholder="TR-0042" prop:value=trolley on:input=move |ev| set_trolley.set(event_target_value(&ev)) /></label>
                <label>{lang.text("desk-col-reason")}<input id="release-reason" type="text" placeholder=lang.text("desk-release-reason-example") prop:value=release_reason on:input=move |ev| set_release_reason.set(event_target_value(&ev)) /></label>
                <button id="release" disabled=move || busy.get() on:click=move |_| act(DeskAction::ForceRelease {
                    trolley: trolley.get_untracked(), reason: release_reason.get_untracked(),
                })>{lang.text("desk-release")}</button>
            </div>
            <div class="action-card">
                <h3>{lang.text("desk-reprint-title")}</h3>
                <label>{lang.text("desk-col-order")}<input id="reprint-order" type="text" placeholder="SO-100001" prop:value=reprint_order on:input=move |ev| set_reprint_order.set(event_target_value(&ev)) /></label>
                <button id="reprint" disabled=move || busy.get() on:click=move |_| act(DeskAction::Reprint { order_id: reprint_order.get_untracked() })>{lang.text("desk-reprint")}</button>
            </div>
            <div class="action-card">
                <h3>{lang.text("desk-void-title")}</h3>
                <label>{lang.text("desk-col-order")}<input id="void-order" type="text" placeholder="SO-100001" prop:value=void_order on:input=move |ev| set_void_order.set(event_target_value(&ev)) /></label>
                <button id="void" class="danger" disabled=move || busy.get() on:click=move |_| act(DeskAction::VoidLabel { order_id: void_order.get_untracked() })>{lang.text("desk-void")}</button>
            </div>
        </section>
    }
}
