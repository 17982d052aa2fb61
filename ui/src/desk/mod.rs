//! The supervisor's desk: shown instead of the packer's screen while a supervisor is signed in
//! at this station. Alerts on top; five screens: stations, productivity (SVG charts), exceptions
//! and overrides (filter, CSV export), actions (release, reprint, void, weight requests), the
//! fleet's roll-out (each ring's release and health, hold / resume / roll back). Every
//! figure comes from the station's desk commands; nothing is computed here but the drawing.

mod actions;
mod charts;
mod records;
mod rollout;
mod stations;

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::desk::{DeskOverviewRequest, DeskOverviewResponse, Severity};
use packbench_ipc::desk_words::{age, alert_text};
use packbench_ipc::i18n::Lang;
use packbench_ipc::{cmd, IpcError, PackAction};

use crate::ipc::invoke;

/// A message that follows the desk's language, for labels and headings:
/// `lang.text("desk-sign-out")`.
pub trait LangText {
    fn text(self, id: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static;
}

impl LangText for Memo<Lang> {
    fn text(self, id: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.get().words().text(id)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Stations,
    Productivity,
    Records,
    Actions,
    Rollout,
}

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Stations => "stations",
            Tab::Productivity => "productivity",
            Tab::Records => "records",
            Tab::Actions => "actions",
            Tab::Rollout => "rollout",
        }
    }
    /// The tab's name, a message id.
    fn message(self) -> &'static str {
        match self {
            Tab::Stations => "desk-tab-stations",
            Tab::Productivity => "desk-tab-productivity",
            Tab::Records => "desk-tab-records",
            Tab::Actions => "desk-tab-actions",
            Tab::Rollout => "desk-tab-rollout",
        }
    }
}

#[component]
/// `lang`: the signed-in supervisor's language (or one chosen from the action sheet).
pub fn Desk(on_action: Callback<PackAction>, lang: Memo<Lang>) -> impl IntoView {
    let (overview, set_overview) = signal(None::<DeskOverviewResponse>);
    let (error, set_error) = signal(None::<IpcError>);
    let (tab, set_tab) = signal(Tab::Stations);
    // Ticks every poll, so the open screen refreshes with the stations.
    let (tick, set_tick) = signal(0u64);
    let poll = move || {
        spawn_local(async move {
            match invoke::<_, DeskOverviewResponse>(cmd::desk_overview, &DeskOverviewRequest {})
                .await
            {
                Ok(o) => {
                    set_overview.set(Some(o));
                    set_error.set(None);
                }
                Err(e) => set_error.set(Some(e)),
            }
            set_tick.update(|t| *t += 1);
        })
    };
    poll();
    let handle = set_interval_with_handle(poll, std::time::Duration::from_secs(3)).ok();
    on_cleanup(move || {
        if let Some(h) = handle {
            h.clear();
        }
    });

    let tabs = [
        Tab::Stations,
        Tab::Productivity,
        Tab::Records,
        Tab::Actions,
        Tab::Rollout,
    ]
    .into_iter()
    .map(|t| {
        view! {
            <button
                class="tab"
                class:active=move || tab.get() == t
                data-tab=t.id()
                on:click=move |_| set_tab.set(t)
            >
                {lang.text(t.message())}
            </button>
        }
    })
    .collect_view();

    let alerts = move || {
        overview.get().map(|o| {
            let w = lang.get().words();
            let n = o.alerts.len();
            let items = o
                .alerts
                .into_iter()
                .map(|a| {
                    let sev = match a.severity {
                        Severity::Critical => "critical",
                        Severity::Warning => "warning",
                    };
                    view! {
                        <li
                            class=format!("alert {sev}")
                            data-kind=a.kind.clone()
                            data-station=a.station_id.clone()
                            data-severity=sev
                        >
                            <span class="since">{age(&w, o.now_ms - a.raised_at_ms)}</span>
                            {alert_text(&w, &a, &o.stations, o.now_ms)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section id="alerts" class="alerts" data-count=n.to_string()>
                    {(n == 0).then(|| view! { <p class="all-clear">{w.text("desk-all-clear")}</p> })}
                    <ul>{items}</ul>
                    <p class="alert-note">
                        {w.fmt("desk-alert-note", &[("age", age(&w, o.backlog_alert_ms as i64).into())])}
                        {o.webhook.then(|| format!(" {}", w.text("desk-alert-note-webhook")))}
                    </p>
                </section>
            }
        })
    };

    view! {
        <div id="desk" class="desk" data-supervisor=move || overview.get().map(|o| o.supervisor_id).unwrap_or_default()>
            <header class="topbar desk-bar">
                <span class="brand">{lang.text("desk-title")}</span>
                <span class="who">{move || overview.get().map(|o| o.supervisor_id).unwrap_or_default()}</span>
                <nav class="tabs">{tabs}</nav>
                <button id="desk-sign-out" class="sign-out" on:click=move |_| on_action.run(PackAction::SignOut)>
                    {lang.text("desk-sign-out")}
                </button>
            </header>
            {move || error.get().map(|e| view! {
                <div id="desk-error" class="error" data-code=e.code.as_str() data-reason=e.reason.clone().unwrap_or_default()>
                    {e.message}
                </div>
            })}
            {alerts}
            <section class="desk-body" data-tab=move || tab.get().id()>
                {move || match tab.get() {
                    Tab::Stations => view! { <stations::Stations overview=overview lang=lang /> }.into_any(),
                    Tab::Productivity => view! { <charts::Productivity tick=tick lang=lang /> }.into_any(),
                    Tab::Records => view! { <records::Records lang=lang /> }.into_any(),
                    Tab::Actions => view! { <actions::Actions overview=overview lang=lang on_done=Callback::new(move |()| poll()) /> }.into_any(),
                    Tab::Rollout => view! { <rollout::Rollout tick=tick lang=lang /> }.into_any(),
                }}
            </section>
        </div>
    }
}
