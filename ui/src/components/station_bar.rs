use leptos::prelude::*;
use packbench_ipc::i18n::Lang;
use packbench_ipc::GetStationResponse;

/// The top bar: product, station id, which backend the station talks to, and each device's
/// state; a device's problems in the packer's language (`data-problems` keeps the codes).
#[component]
pub fn StationBar(
    station: ReadSignal<Option<GetStationResponse>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    view! {
        <header class="topbar">
            <span class="brand">"Packbench"</span>
            {move || station.get().map(|st| {
                let w = lang.get().words();
                let training = st.backend == "training";
                let b = st.backlog;
                let (has_pending, has_failed) = (b.pending > 0, b.failed > 0);
                let age = b
                    .oldest_pending_age_ms
                    .filter(|_| b.pending > 0)
                    .map(|ms| format!(" (oldest {})", human_age(ms)))
                    .unwrap_or_default();
                let queued = if b.failed > 0 {
                    format!("Queued: {}{age} · needs supervisor: {}", b.pending, b.failed)
                } else {
                    format!("Queued: {}{age}", b.pending)
                };
                let (online_text, online_class) = match st.online {
                    Some(true) => ("Online", "status-ok"),
                    Some(false) => ("OFFLINE: work is queued", "status-off"),
                    None => ("Connecting…", ""),
                };
                let online_attr = st.online.map(|o| o.to_string()).unwrap_or_default();
                let devices = st
                    .devices
                    .iter()
                    .map(|d| {
                        let text = if d.ready {
                            format!("{}: ready", d.kind.replace('_', " "))
                        } else if d.problems.is_empty() {
                            format!("{}: not ready", d.kind.replace('_', " "))
                        } else {
                            d.problems
                                .iter()
                                .map(|p| {
                                    w.device_problem(p).map_or_else(
                                        || format!("{}: {}", d.kind.replace('_', " "), p.replace('_', " ")),
                                        str::to_owned,
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join(" · ")
                        };
                        let class = if d.ready { "device status-ok" } else { "device status-off" };
                        view! {
                            <span
                                class=class
                                data-kind=d.kind.clone()
                                data-ready=d.ready.to_string()
                                data-problems=d.problems.join(" ")
                                title=d.name.clone()
                            >
                                {text}
                            </span>
                        }
                    })
                    .collect_view();
                view! {
                    <span id="station-id" class="station">{st.station_id}</span>
                    <span
                        id="backlog"
                        class="backlog"
                        class:pending=has_pending
                        class:failed=has_failed
                        data-pending=b.pending.to_string()
                        data-failed=b.failed.to_string()
                    >
                        {queued}
                    </span>
                    <span id="backend" class="backend" class:training=training>
                        {if training { "Training backend".to_owned() } else { st.backend }}
                    </span>
                    <span id="online" class=online_class data-online=online_attr>{online_text}</span>
                    {devices}
                    <span class="version">"v" {st.version}</span>
                }
            })}
        </header>
    }
}

/// "45 s", "3 min", "2 h": how long the oldest write has waited.
fn human_age(ms: u64) -> String {
    let s = ms / 1000;
    if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min", s / 60)
    } else {
        format!("{} h", s / 3600)
    }
}
