//! The station screen: who and where we are, the scan box, the last error, the trolley.

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::{
    cmd, ClaimTrolleyRequest, ClaimTrolleyResponse, GetStationRequest, GetStationResponse,
    IpcError, Manifest,
};

use crate::components::{ErrorBanner, ManifestView, ScanBox, StationBar};
use crate::ipc::invoke;

#[component]
pub fn App() -> impl IntoView {
    let (station, set_station) = signal(None::<GetStationResponse>);
    let (manifest, set_manifest) = signal(None::<Manifest>);
    let (error, set_error) = signal(None::<IpcError>);
    let (busy, set_busy) = signal(false);

    spawn_local(async move {
        match invoke::<_, GetStationResponse>(cmd::GET_STATION, &GetStationRequest {}).await {
            Ok(st) => {
                set_manifest.set(st.current.clone());
                set_station.set(Some(st));
            }
            Err(e) => set_error.set(Some(e)),
        }
    });
    // The status bar (queued writes) stays current without a scan.
    set_interval(
        move || {
            spawn_local(async move {
                if let Ok(st) =
                    invoke::<_, GetStationResponse>(cmd::GET_STATION, &GetStationRequest {}).await
                {
                    set_station.set(Some(st));
                }
            })
        },
        std::time::Duration::from_secs(5),
    );

    let on_scan = Callback::new(move |scan: String| {
        set_busy.set(true);
        spawn_local(async move {
            let req = ClaimTrolleyRequest { scan };
            match invoke::<_, ClaimTrolleyResponse>(cmd::CLAIM_TROLLEY, &req).await {
                Ok(resp) => {
                    set_error.set(None);
                    set_manifest.set(Some(resp.manifest));
                }
                Err(e) => set_error.set(Some(e)),
            }
            set_busy.set(false);
        });
    });

    view! {
        <StationBar station=station />
        <main>
            <ScanBox on_scan=on_scan busy=busy />
            <ErrorBanner error=error />
            <ManifestView manifest=manifest />
        </main>
    }
}
