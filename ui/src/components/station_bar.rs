use leptos::prelude::*;
use packbench_ipc::i18n::{Lang, Words};
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
                let mut queued = match b.oldest_pending_age_ms.filter(|_| b.pending > 0) {
                    Some(ms) => w.fmt(
                        "status-queued-oldest",
                        &[("count", b.pending.into()), ("age", human_age(w, ms).into())],
                    ),
                    None => w.fmt("status-queued", &[("count", b.pending.into())]),
                };
                if b.failed > 0 {
                    queued += " · ";
                    queued += &w.fmt("status-needs-supervisor", &[("count", b.failed.into())]);
                }
                let (online_text, online_class) = match st.online {
                    Some(true) => (w.text("status-online"), "status-ok"),
                    Some(false) => (w.text("status-offline"), "status-off"),
                    None => (w.text("status-connecting"), ""),
                };
                let online_attr = st.online.map(|o| o.to_string()).unwrap_or_default();
                let devices = st
                    .devices
                    .iter()
                    .map(|d| {
                        let device = w.device_kind(&d.kind);
                        let text = if d.ready {
                            w.fmt("device-ready", &[("device", (&device).into())])
                        } else if d.problems.is_empty() {
                            w.fmt("device-not-ready", &[("device", (&device).into())])
                        } else {
                            d.problems
                                .iter()
                                .map(|p| {
                                    w.device_problem(p).unwrap_or_else(|| {
                                        format!("{device}: {}", w.refusal("device_failed", None))
                                    })
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
                        {if training { w.text("status-training-backend") } else { st.backend }}
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
fn human_age(w: Words, ms: u64) -> String {
    let s = ms / 1000;
    if s < 60 {
        w.fmt("age-seconds", &[("n", s.into())])
    } else if s < 3600 {
        w.fmt("age-minutes", &[("n", (s / 60).into())])
    } else {
        w.fmt("age-hours", &[("n", (s / 3600).into())])
    }
}
