//! The scan box, and the window-wide listener that takes keyboard-wedge scans wherever the
//! focus is: the keys go through [`WedgeDecoder`] (physical keys on the US layout, so any OS
//! layout reads the same code), and a burst recognised as a scan never lands in a text field.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use packbench_core::wedge::{KeyEvent, WedgeDecoder, WedgeOutput};
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, EventInit, FocusEvent, HtmlInputElement, HtmlTextAreaElement, KeyboardEvent,
    SelectionMode,
};

/// The scan field. A scanner's burst is taken from anywhere on the page (see the module docs);
/// a code typed here by hand goes in with Enter. Either way the code is handed over and the
/// field cleared for the next scan.
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
    // Back to the scan box when the focus would go nowhere; another text field may keep it.
    let refocus = move |ev: FocusEvent| {
        let to_text_field = ev
            .related_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| TextField::of(&el))
            .is_some();
        if !to_text_field {
            if let Some(el) = input.get() {
                let _ = el.focus();
            }
        }
    };
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    listen_for_wedge_scans(on_scan);
    view! {
        <label class="scan" class:busy=move || busy.get()>
            <input
                id="scan"
                aria-label="Scan"
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

/// The decoder and what the page looked like before the current burst of keys.
struct Wedge {
    decoder: WedgeDecoder,
    last_key_ms: f64,
    /// The focused field before the burst's first key: a scan's first keys reach it before
    /// the burst is recognised, and are undone.
    before_burst: Option<FieldSnapshot>,
}

/// A `keydown` listener on the window, in the capture phase, so it sees every key before any
/// field does; removed with the component.
fn listen_for_wedge_scans(on_scan: Callback<String>) {
    let wedge = Rc::new(RefCell::new(Wedge {
        decoder: WedgeDecoder::default(),
        last_key_ms: f64::NEG_INFINITY,
        before_burst: None,
    }));
    let handler = Closure::<dyn FnMut(KeyboardEvent)>::new(move |ev: KeyboardEvent| {
        on_key(&wedge, &ev, on_scan);
    });
    let window = window();
    let _ = window.add_event_listener_with_callback_and_bool(
        "keydown",
        handler.as_ref().unchecked_ref(),
        true,
    );
    let handler = SendWrapper::new(handler);
    on_cleanup(move || {
        let _ = window.remove_event_listener_with_callback_and_bool(
            "keydown",
            handler.as_ref().unchecked_ref(),
            true,
        );
    });
}

fn on_key(wedge: &Rc<RefCell<Wedge>>, ev: &KeyboardEvent, on_scan: Callback<String>) {
    // A scanner never holds a key; an input method's keys are not a scanner's.
    if ev.repeat() || ev.is_composing() {
        return;
    }
    let now = ev.time_stamp();
    let code = ev.code();
    let mut scans = Vec::new();
    let withhold = {
        let mut w = wedge.borrow_mut();
        let max_gap_ms = w.decoder.config().max_gap_ms;
        if !(now - w.last_key_ms <= max_gap_ms) {
            w.before_burst = TextField::focused().map(|f| f.snapshot());
        }
        w.last_key_ms = now;
        let outputs = w.decoder.push(KeyEvent {
            code: &code,
            shift: ev.shift_key(),
            alt: ev.alt_key(),
            alt_gr: ev.get_modifier_state("AltGraph"),
            ctrl: ev.ctrl_key(),
            timestamp_ms: now,
        });
        for out in outputs {
            match out {
                WedgeOutput::Scan { text, .. } => {
                    let mut text = text;
                    if let Some(before) = &w.before_burst {
                        if before.field.is_scan_box() {
                            // Keys that reached the scan box before the burst was recognised
                            // (a slow start) are the code's beginning.
                            text = format!("{}{text}", before.value);
                            before.field.clear();
                        } else {
                            before.restore();
                        }
                    }
                    scans.push(text);
                }
                WedgeOutput::Typed { withheld, .. } => give_back(&withheld),
            }
        }
        w.decoder.withholding()
    };
    if withhold {
        ev.prevent_default();
        ev.stop_propagation();
        // A burst that stops without Enter/Tab was typing: its withheld keys go back in.
        let wedge = Rc::clone(wedge);
        set_timeout(
            move || {
                let now = window().performance().map(|p| p.now()).unwrap_or(f64::MAX);
                for out in wedge.borrow_mut().decoder.poll(now) {
                    if let WedgeOutput::Typed { withheld, .. } = out {
                        give_back(&withheld);
                    }
                }
            },
            Duration::from_millis(60),
        );
    }
    for scan in scans {
        on_scan.run(scan);
    }
}

/// Puts keys that were held back (they looked like the start of a scan) into the focused field.
fn give_back(withheld: &str) {
    if withheld.is_empty() {
        return;
    }
    if let Some(field) = TextField::focused() {
        field.insert(withheld);
    }
}

/// A text input or text area.
#[derive(Clone)]
enum TextField {
    Input(HtmlInputElement),
    TextArea(HtmlTextAreaElement),
}

struct FieldSnapshot {
    field: TextField,
    value: String,
    selection: Option<(u32, u32)>,
}

impl TextField {
    fn of(el: &Element) -> Option<TextField> {
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            let texty = matches!(
                i.type_().as_str(),
                "text" | "search" | "tel" | "url" | "email" | "password" | "number" | ""
            );
            return texty.then(|| TextField::Input(i.clone()));
        }
        el.dyn_ref::<HtmlTextAreaElement>()
            .map(|t| TextField::TextArea(t.clone()))
    }

    fn is_scan_box(&self) -> bool {
        matches!(self, TextField::Input(i) if i.id() == "scan")
    }

    fn clear(&self) {
        match self {
            TextField::Input(i) => i.set_value(""),
            TextField::TextArea(t) => t.set_value(""),
        }
    }

    fn focused() -> Option<TextField> {
        document()
            .active_element()
            .and_then(|el| TextField::of(&el))
    }

    fn snapshot(&self) -> FieldSnapshot {
        let (value, start, end) = match self {
            TextField::Input(i) => (i.value(), i.selection_start(), i.selection_end()),
            TextField::TextArea(t) => (t.value(), t.selection_start(), t.selection_end()),
        };
        FieldSnapshot {
            field: self.clone(),
            value,
            selection: start.ok().flatten().zip(end.ok().flatten()),
        }
    }

    fn insert(&self, text: &str) {
        let (value_len, start, end) = match self {
            TextField::Input(i) => (i.value().len(), i.selection_start(), i.selection_end()),
            TextField::TextArea(t) => (t.value().len(), t.selection_start(), t.selection_end()),
        };
        let end_of_text = u32::try_from(value_len).unwrap_or(u32::MAX);
        let start = start.ok().flatten().unwrap_or(end_of_text);
        let end = end.ok().flatten().unwrap_or(start);
        let inserted = match self {
            TextField::Input(i) => i.set_range_text_with_start_and_end_and_selection_mode(
                text,
                start,
                end,
                SelectionMode::End,
            ),
            TextField::TextArea(t) => {
                t.set_range_text_with_start_and_end_and_mode(text, start, end, "end")
            }
        };
        if inserted.is_err() {
            // Fields without a selection (number inputs): append.
            self.set_value(&format!("{}{text}", self.value()));
        }
        self.notify();
    }

    fn value(&self) -> String {
        match self {
            TextField::Input(i) => i.value(),
            TextField::TextArea(t) => t.value(),
        }
    }

    fn set_value(&self, value: &str) {
        match self {
            TextField::Input(i) => i.set_value(value),
            TextField::TextArea(t) => t.set_value(value),
        }
    }

    /// Tells the page's own listeners (bound values) that the text changed.
    fn notify(&self) {
        let init = EventInit::new();
        init.set_bubbles(true);
        if let Ok(ev) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = match self {
                TextField::Input(i) => i.dispatch_event(&ev),
                TextField::TextArea(t) => t.dispatch_event(&ev),
            };
        }
    }
}

impl FieldSnapshot {
    /// Puts the field back as it was, if a scan's keys changed it.
    fn restore(&self) {
        if self.field.value() == self.value {
            return;
        }
        self.field.set_value(&self.value);
        if let Some((start, end)) = self.selection {
            let _ = match &self.field {
                TextField::Input(i) => i.set_selection_range(start, end),
                TextField::TextArea(t) => t.set_selection_range(start, end),
            };
        }
        self.field.notify();
    }
}
