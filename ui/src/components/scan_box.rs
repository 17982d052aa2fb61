use leptos::html;
use leptos::prelude::*;
use web_sys::KeyboardEvent;

/// The scan field. A scanner types the code and Enter; Enter hands the code over and clears
/// the field for the next scan. It keeps the focus, so a scan never goes astray.
#[component]
pub fn ScanBox(on_scan: Callback<String>, busy: ReadSignal<bool>) -> impl IntoView {
    let input: NodeRef<html::Input> = NodeRef::new();
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() != "Enter" {
            return;
        }
        ev.prevent_default();
        if let Some(el) = input.get() {
            let code = el.value();
            el.set_value("");
            if !code.trim().is_empty() {
                on_scan.run(code);
            }
        }
    };
    let refocus = move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    };
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    view! {
        <label class="scan" class:busy=move || busy.get()>
            <span class="scan-prompt">"Scan a trolley"</span>
            <input
                id="scan"
                node_ref=input
                type="text"
                autocomplete="off"
                spellcheck="false"
                on:keydown=on_keydown
                on:blur=refocus
            />
        </label>
    }
}
