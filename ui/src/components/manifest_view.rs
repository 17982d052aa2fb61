use leptos::prelude::*;
use packbench_ipc::i18n::Lang;
use packbench_ipc::Manifest;

/// The claimed trolley: each slot with its order and the order's lines.
#[component]
pub fn ManifestView(
    #[prop(into)] manifest: Signal<Option<Manifest>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    move || {
        let w = lang.get().words();
        manifest.get().map(|m| {
            let summary = w.fmt(
                "trolley-summary",
                &[("slots", m.slots.len().into()), ("units", m.units().into())],
            );
            let slots = m
                .slots
                .into_iter()
                .map(|s| {
                    let lines = s
                        .order
                        .lines
                        .into_iter()
                        .map(|l| {
                            let sku_attr = l.item.sku.clone();
                            view! {
                                <li class="line" data-sku=sku_attr data-qty=l.qty.to_string()>
                                    <span class="qty">{l.qty.to_string()} " ×"</span>
                                    <span class="sku">{l.item.sku}</span>
                                    <span class="name">{l.item.name}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    let order_attr = s.order.order_id.clone();
                    view! {
                        <li class="slot" data-slot=s.slot.to_string() data-order=order_attr>
                            <div class="slot-head">
                                <span class="slot-no">{format!("{:02}", s.slot)}</span>
                                <span class="order-id">{s.order.order_id}</span>
                                <span class="client">{s.order.client}</span>
                                <span class="carrier">{format!("{} {}", s.order.carrier, s.order.service)}</span>
                            </div>
                            <ul class="lines">{lines}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section id="manifest" data-trolley=m.trolley.to_string()>
                    <h2>
                        <span class="trolley">{m.trolley.to_string()}</span>
                        <span class="summary">{summary}</span>
                    </h2>
                    <ol class="slots">{slots}</ol>
                </section>
            }
        })
    }
}
