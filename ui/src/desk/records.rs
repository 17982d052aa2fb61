//! The desk's exceptions and overrides: open exceptions with their reasons, packaging overrides
//! (suggested vs used) and weight overrides, filtered by station, packer, kind, reason and time;
//! the filtered rows exported as CSV by the station (the path written is shown).

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::cmd;
use packbench_ipc::desk::{
    DeskExportRequest, DeskExportResponse, DeskRecordsRequest, DeskRecordsResponse, RecordFilter,
    RecordKind,
};

use packbench_ipc::i18n::{message_id, Lang};

use super::LangText;
use crate::ipc::invoke;

fn text(v: String) -> Option<String> {
    Some(v.trim().to_owned()).filter(|v| !v.is_empty())
}

#[component]
pub fn Records(lang: Memo<Lang>) -> impl IntoView {
    let (station, set_station) = signal(String::new());
    let (packer, set_packer) = signal(String::new());
    let (kind, set_kind) = signal(String::new());
    let (reason, set_reason) = signal(String::new());
    let (since_h, set_since_h) = signal(String::new());
    let (path, set_path) = signal(String::new());
    let (data, set_data) = signal(None::<DeskRecordsResponse>);
    let (exported, set_exported) = signal(None::<DeskExportResponse>);
    let (error, set_error) = signal(None::<String>);

    let filter = move || {
        let now = js_sys::Date::now() as i64;
        RecordFilter {
            station: text(station.get_untracked()),
            packer_id: text(packer.get_untracked()),
            kind: match kind.get_untracked().as_str() {
                "line_exception" => Some(RecordKind::LineException),
                "order_exception" => Some(RecordKind::OrderException),
                "packaging_override" => Some(RecordKind::PackagingOverride),
                "weight_override" => Some(RecordKind::WeightOverride),
                _ => None,
            },
            reason: text(reason.get_untracked()),
            from_ms: since_h
                .get_untracked()
                .parse::<i64>()
                .ok()
                .map(|h| now - h * 3_600_000),
            to_ms: None,
        }
    };
    let load = move || {
        let req = DeskRecordsRequest { filter: filter() };
        spawn_local(async move {
            match invoke::<_, DeskRecordsResponse>(cmd::desk_records, &req).await {
                Ok(d) => {
                    set_data.set(Some(d));
                    set_error.set(None);
                }
                Err(e) => set_error.set(Some(e.message)),
            }
        });
    };
    load();
    let export = move |_| {
        let req = DeskExportRequest {
            filter: filter(),
            path: text(path.get_untracked()),
        };
        spawn_local(async move {
            match invoke::<_, DeskExportResponse>(cmd::desk_export, &req).await {
                Ok(r) => {
                    set_exported.set(Some(r));
                    set_error.set(None);
                }
                Err(e) => set_error.set(Some(e.message)),
            }
        });
    };

    let rows = move || {
        let w = lang.get().words();
        data.get().map(|d| {
            let shown = d.records.len();
            let rows = d
                .records
                .into_iter()
                .map(|r| {
                    let (st, pk, or) = (r.station.clone(), r.packer_id.clone(), r.order_id.clone());
                    view! {
                        <tr class="record" data-kind=r.kind.as_str() data-station=st data-packer=pk data-order=or>
                            <td>{r.recorded_at_local.clone()}</td>
                            <td>{w.text(&message_id("desk-kind", r.kind.as_str()))}</td>
                            <td>{r.station}</td>
                            <td>{r.packer_id}</td>
                            <td>{r.order_id}</td>
                            <td class="reason">{r.reason}</td>
                            <td class="detail">{r.detail}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p class="count" id="records-count" data-shown=shown.to_string() data-total=d.total.to_string()>
                    {w.fmt("desk-records-count", &[("shown", shown.into()), ("total", d.total.into())])}
                </p>
                <table id="records" class="desk-table">
                    <thead>
                        <tr>
                            <th>{w.text("desk-col-recorded")}</th><th>{w.text("desk-col-kind")}</th>
                            <th>{w.text("desk-col-station")}</th><th>{w.text("desk-col-packer")}</th>
                            <th>{w.text("desk-col-order")}</th><th>{w.text("desk-col-reason")}</th>
                            <th>{w.text("desk-col-detail")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };

    view! {
        <section class="records">
            <form class="filters" on:submit=move |ev| { ev.prevent_default(); load(); }>
                <label>{lang.text("desk-col-station")}<input id="filter-station" type="text" placeholder="ST-03" prop:value=station on:input=move |ev| set_station.set(event_target_value(&ev)) /></label>
                <label>{lang.text("desk-col-packer")}<input id="filter-packer" type="text" placeholder="PK-0001" prop:value=packer on:input=move |ev| set_packer.set(event_target_value(&ev)) /></label>
                <label>{lang.text("desk-col-kind")}
                    <select id="filter-kind" on:change=move |ev| set_kind.set(event_target_value(&ev))>
                        <option value="">{lang.text("desk-filter-all")}</option>
                        <option value="line_exception">{lang.text("desk-filter-line-exceptions")}</option>
                        <option value="order_exception">{lang.text("desk-filter-order-exceptions")}</option>
                        <option value="packaging_override">{lang.text("desk-filter-packaging-overrides")}</option>
                        <option value="weight_override">{lang.text("desk-filter-weight-overrides")}</option>
                    </select>
                </label>
                <label>{lang.text("desk-filter-reason")}<input id="filter-reason" type="text" prop:value=reason on:input=move |ev| set_reason.set(event_target_value(&ev)) /></label>
                <label>{lang.text("desk-filter-since")}
                    <select id="filter-since" on:change=move |ev| set_since_h.set(event_target_value(&ev))>
                        <option value="">{lang.text("desk-since-any")}</option>
                        <option value="1">{lang.text("desk-since-hour")}</option>
                        <option value="12">{lang.text("desk-since-12h")}</option>
                        <option value="24">{lang.text("desk-since-24h")}</option>
                        <option value="168">{lang.text("desk-since-week")}</option>
                    </select>
                </label>
                <button id="apply-filter" type="submit">{lang.text("desk-filter-apply")}</button>
            </form>
            <div class="export">
                <label>{lang.text("desk-export-path")}<input id="export-path" type="text" placeholder=lang.text("desk-export-path-default") prop:value=path on:input=move |ev| set_path.set(event_target_value(&ev)) /></label>
                <button id="export" on:click=export>{lang.text("desk-export")}</button>
                {move || exported.get().map(|r| view! {
                    <span id="export-result" class="status-ok" data-path=r.path.clone() data-rows=r.rows.to_string()>
                        {lang.get().words().fmt("desk-export-done", &[("rows", r.rows.into()), ("path", (&r.path).into())])}
                    </span>
                })}
            </div>
            {move || error.get().map(|e| view! { <div class="error" id="records-error">{e}</div> })}
            {rows}
        </section>
    }
}
