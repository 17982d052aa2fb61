use leptos::prelude::*;
use packbench_ipc::GetStationResponse;

/// The top bar: product, station id and which backend the station talks to.
#[component]
pub fn StationBar(station: ReadSignal<Option<GetStationResponse>>) -> impl IntoView {
    view! {
        <header class="topbar">
            <span class="brand">"Packbench"</span>
            {move || station.get().map(|st| {
                let training = st.backend == "training";
                let b = st.backlog;
                let (has_pending, has_failed) = (b.pending > 0, b.failed > 0);
                let queued = if b.failed > 0 {
                    format!("Queued: {} · needs supervisor: {}", b.pending, b.failed)
                } else {
                    format!("Queued: {}", b.pending)
                };
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
                    <span class="version">"v" {st.version}</span>
                }
            })}
        </header>
    }
}
