//! The desk's roll-out screen: each ring in the order a release walks them, its release and the
//! one before, how many of its stations run which version, the health check behind the last
//! decision (or the one running while the release soaks), and hold / resume / roll back.
//! Everything comes from the `desk_rollout` command; nothing is decided here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::cmd;
use packbench_ipc::desk::{
    DeskAction, DeskDone, DeskRolloutRequest, DeskRolloutResponse, HealthComparison, RingStep,
    RingView, Verdict,
};
use packbench_ipc::desk_words::{decision_text, metric_name, rate, ring_state};
use packbench_ipc::i18n::{Lang, Words};

use super::actions::{send_action, ActionMessage};
use super::LangText;
use crate::ipc::invoke;

/// The health comparison as a small table: each metric on the new release and the one before.
fn comparison_table(w: Words, c: HealthComparison) -> impl IntoView {
    let rows = c
        .metrics
        .iter()
        .map(|m| {
            view! {
                <tr class="metric" class:worse=m.worse data-metric=m.metric.as_str() data-worse=m.worse.to_string()>
                    <td>{metric_name(&w, m.metric)}</td>
                    <td class="num">{rate(m.candidate_rate)}</td>
                    <td class="num">{rate(m.baseline_rate)}</td>
                    <td>{m.worse.then(|| w.text("desk-rollout-worse"))}</td>
                </tr>
            }
        })
        .collect_view();
    let verdict = match c.verdict {
        Verdict::Soaking => "soaking",
        Verdict::Promote => "promote",
        Verdict::Hold => "hold",
    };
    view! {
        <table class="desk-table health" data-verdict=verdict>
            <thead>
                <tr>
                    <th>{w.text("desk-rollout-col-metric")}</th>
                    <th>{w.text("desk-rollout-col-new")} " " {c.candidate_version.clone()}</th>
                    <th>{w.text("desk-rollout-col-old")} " " {c.baseline_version.clone().unwrap_or_default()}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn ring_row(
    w: Words,
    r: RingView,
    busy: ReadSignal<bool>,
    act: impl Fn(String, RingStep) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let stations = r
        .stations
        .iter()
        .map(|(v, n)| format!("{v} × {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let soak = r.soaking.as_ref().map(|c| {
        w.fmt(
            "desk-rollout-soak",
            &[
                ("hours", format!("{:.1}", c.candidate.station_hours).into()),
                ("needed", format!("{:.1}", c.soak_station_hours).into()),
                ("version", c.candidate_version.as_str().into()),
            ],
        )
    });
    // The check that drove the last decision, else the one running while it soaks.
    let comparison = r
        .last_decision
        .as_ref()
        .and_then(|d| d.comparison.clone())
        .or_else(|| r.soaking.clone());
    let decision = r.last_decision.as_ref().map(|d| decision_text(&w, d));
    let reason = r
        .last_decision
        .as_ref()
        .map(|d| d.reason.clone())
        .unwrap_or_default();
    let (hold, resume, back) = (r.ring.clone(), r.ring.clone(), r.ring.clone());
    let can_roll_back = r.version.is_some();
    view! {
        <tr class="ring" data-ring=r.ring.clone() data-state=r.state.clone() data-version=r.version.clone().unwrap_or_default()>
            <td class="id">{r.ring.clone()}</td>
            <td>{ring_state(&w, &r.state)}</td>
            <td>{r.version.clone().unwrap_or_else(|| "–".into())}</td>
            <td>{r.previous_version.clone().unwrap_or_else(|| "–".into())}</td>
            <td class="stations">{stations}</td>
            <td class="decision" title=reason>
                {decision}
                {soak.map(|s| view! { <div class="soak">{s}</div> })}
                {comparison.map(|c| comparison_table(w, c))}
            </td>
            <td class="ring-actions">
                <button class="hold" disabled=move || busy.get() on:click=move |_| act(hold.clone(), RingStep::Hold)>{w.text("desk-rollout-hold")}</button>
                <button class="resume" disabled=move || busy.get() on:click=move |_| act(resume.clone(), RingStep::Resume)>{w.text("desk-rollout-resume")}</button>
                <button class="roll-back danger" disabled=move || busy.get() || !can_roll_back on:click=move |_| act(back.clone(), RingStep::RollBack)>{w.text("desk-rollout-roll-back")}</button>
            </td>
        </tr>
    }
}

#[component]
pub fn Rollout(tick: ReadSignal<u64>, lang: Memo<Lang>) -> impl IntoView {
    let (data, set_data) = signal(None::<DeskRolloutResponse>);
    let (error, set_error) = signal(None::<String>);
    let (reason, set_reason) = signal(
        lang.get_untracked()
            .words()
            .text("desk-rollout-reason-default"),
    );
    let (message, set_message) = signal(None::<Result<DeskDone, String>>);
    let (busy, set_busy) = signal(false);
    let (reload, set_reload) = signal(0u64);
    Effect::new(move |_| {
        tick.track();
        reload.track();
        spawn_local(async move {
            match invoke::<_, DeskRolloutResponse>(cmd::desk_rollout, &DeskRolloutRequest {}).await
            {
                Ok(d) => {
                    set_data.set(Some(d));
                    set_error.set(None);
                }
                Err(e) => set_error.set(Some(e.message)),
            }
        });
    });
    let act = move |ring: String, step: RingStep| {
        let action = DeskAction::Rollout {
            ring,
            step,
            reason: reason.get_untracked(),
        };
        send_action(action, set_message, set_busy, move || {
            set_reload.update(|n| *n += 1)
        });
    };
    view! {
        <section id="rollout" class="rollout">
            <ActionMessage id="rollout-message" message=message lang=lang />
            {move || error.get().map(|e| view! { <div class="error">{e}</div> })}
            <label>{lang.text("desk-rollout-reason")}
                <input id="rollout-reason" type="text" prop:value=reason on:input=move |ev| set_reason.set(event_target_value(&ev)) />
            </label>
            {move || data.get().map(|d| {
                let w = lang.get().words();
                let rows = d.rings.into_iter().map(|r| ring_row(w, r, busy, act)).collect_view();
                view! {
                    <p class="muted">
                        {match &d.latest_release {
                            Some(v) => w.fmt("desk-rollout-latest", &[("version", v.as_str().into())]),
                            None => w.text("desk-rollout-none"),
                        }}
                    </p>
                    <table id="rings" class="desk-table">
                        <thead>
                            <tr>
                                <th>{w.text("desk-rollout-col-ring")}</th>
                                <th>{w.text("desk-rollout-col-state")}</th>
                                <th>{w.text("desk-rollout-col-release")}</th>
                                <th>{w.text("desk-rollout-col-previous")}</th>
                                <th>{w.text("desk-rollout-col-stations")}</th>
                                <th>{w.text("desk-rollout-col-decision")}</th>
                                <th></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p class="alert-note">
                        {w.fmt(
                            "desk-rollout-note",
                            &[
                                ("margin", (((d.worse_margin - 1.0) * 100.0).round() as i64).into()),
                                ("events", d.min_events.into()),
                            ],
                        )}
                    </p>
                }
            })}
        </section>
    }
}
