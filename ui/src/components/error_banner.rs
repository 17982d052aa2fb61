use leptos::prelude::*;
use packbench_ipc::IpcError;

/// The last refusal, in one line the packer can act on; `data-code` carries the stable code.
#[component]
pub fn ErrorBanner(error: ReadSignal<Option<IpcError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <div
                    id="error"
                    class="error"
                    role="alert"
                    data-code=e.code.as_str()
                    data-reason=e.reason.clone().unwrap_or_default()
                >
                    {e.message}
                </div>
            }
        })
    }
}
