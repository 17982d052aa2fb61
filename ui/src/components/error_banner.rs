use leptos::prelude::*;
use packbench_ipc::i18n::Lang;
use packbench_ipc::IpcError;

/// The last refusal, in one line the packer can act on; `data-code` carries the stable code.
#[component]
pub fn ErrorBanner(
    error: ReadSignal<Option<IpcError>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    move || {
        let w = lang.get().words();
        error.get().map(|e| {
            let headline = w.refusal(e.code.as_str(), e.reason.as_deref());
            view! {
                <div
                    id="error"
                    class="error"
                    role="alert"
                    data-code=e.code.as_str()
                    data-reason=e.reason.clone().unwrap_or_default()
                >
                    <div class="headline">{headline}</div>
                    <div class="detail">{e.message}</div>
                </div>
            }
        })
    }
}
