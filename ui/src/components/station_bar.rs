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
                view! {
                    <span id="station-id" class="station">{st.station_id}</span>
                    <span id="backend" class="backend" class:training=training>
                        {if training { "Training backend".to_owned() } else { st.backend }}
                    </span>
                    <span class="version">"v" {st.version}</span>
                }
            })}
        </header>
    }
}
