//! The supervisor's desk: shown instead of the packer's screen while a supervisor is signed in
//! at this station. Alerts on top; four screens: stations, productivity (SVG charts), exceptions
//! and overrides (filter, CSV export), actions (release, reprint, void, weight requests). Every
//! figure comes from the station's desk commands; nothing is computed here but the drawing.

mod actions;
mod charts;
mod records;
mod stations;

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::desk::{DeskOverviewRequest, DeskOverviewResponse, Severity};
use packbench_ipc::{cmd, IpcError, PackAction};

use crate::ipc::invoke;

/// How old an age in ms reads: "42 s", "7 min", "3 h".
pub fn age(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    if s < 120 {
        format!("{s} s")
    } else if s < 2 * 3600 {
        format!("{} min", s / 60)
    } else {
        format!("{} h", s / 3600)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Stations,
    Productivity,
    Records,
    Actions,
}

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Stations => "stations",
            Tab::Productivity => "productivity",
            Tab::Records => "records",
            Tab::Actions => "actions",
        }
    }
    fn title(self) -> &'static str {
        match self {
            Tab::Stations => "Stations",
            Tab::Productivity => "Productivity",
            Tab::Records => "Exceptions & overrides",
            Tab::Actions => "Actions",
        }
    }
}

#[component]
pub fn Desk(on_action: Callback<PackAction>) -> impl IntoView {
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

    let tabs = [Tab::Stations, Tab::Productivity, Tab::Records, Tab::Actions]
        .into_iter()
        .map(|t| {
            view! {
                <button
                    class="tab"
                    class:active=move || tab.get() == t
                    data-tab=t.id()
                    on:click=move |_| set_tab.set(t)
                >
                    {t.title()}
                </button>
            }
        })
        .collect_view();

    let alerts = move || {
        overview.get().map(|o| {
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
                            <span class="since">{age(o.now_ms - a.raised_at_ms)}</span>
                            {a.message}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section id="alerts" class="alerts" data-count=n.to_string()>
                    {(n == 0).then(|| view! { <p class="all-clear">"No alerts: every station is online and ready."</p> })}
                    <ul>{items}</ul>
                    <p class="alert-note">
                        {format!(
                            "Alerts: station offline (no heartbeat for 60 s), outbox older than {}, label printer out of labels, a device not ready.{}",
                            age(o.backlog_alert_ms as i64),
                            if o.webhook { " New alerts are posted to the webhook." } else { "" }
                        )}
                    </p>
                </section>
            }
        })
    };

    view! {
        <div id="desk" class="desk" data-supervisor=move || overview.get().map(|o| o.supervisor_id).unwrap_or_default()>
            <header class="topbar desk-bar">
                <span class="brand">"Packbench · Supervisor desk"</span>
                <span class="who">{move || overview.get().map(|o| o.supervisor_id).unwrap_or_default()}</span>
                <nav class="tabs">{tabs}</nav>
                <button id="desk-sign-out" class="sign-out" on:click=move |_| on_action.run(PackAction::SignOut)>
                    "Sign out"
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
                    Tab::Stations => view! { <stations::Stations overview=overview /> }.into_any(),
                    Tab::Productivity => view! { <charts::Productivity tick=tick /> }.into_any(),
                    Tab::Records => view! { <records::Records /> }.into_any(),
                    Tab::Actions => view! { <actions::Actions overview=overview on_done=Callback::new(move |()| poll()) /> }.into_any(),
                }}
            </section>
        </div>
    }
}
