//! The desk's stations: one row per station from its latest heartbeat; stale and unhealthy
//! stations stand out (and carry `data-stale` / `data-healthy` for tests).

use leptos::prelude::*;
use packbench_ipc::desk::DeskOverviewResponse;
use packbench_ipc::desk_words::{age, device_state, step};
use packbench_ipc::i18n::Lang;

#[component]
pub fn Stations(
    overview: ReadSignal<Option<DeskOverviewResponse>>,
    lang: Memo<Lang>,
) -> impl IntoView {
    move || {
        let w = lang.get().words();
        overview.get().map(|o| {
            let rows = o
                .stations
                .into_iter()
                .map(|s| {
                    let state = if s.stale {
                        "stale"
                    } else if !s.healthy {
                        "unhealthy"
                    } else {
                        "ok"
                    };
                    let devices = s
                        .devices
                        .iter()
                        .map(|d| {
                            // Each fault by name, as the alerts say it.
                            let text = format!("{}: {}", w.device_kind(&d.kind), device_state(&w, d));
                            view! {
                                <span
                                    class=if d.ready { "device status-ok" } else { "device status-off" }
                                    data-kind=d.kind.clone()
                                    data-ready=d.ready.to_string()
                                    title=d.name.clone()
                                >
                                    {text}
                                </span>
                            }
                        })
                        .collect_view();
                    let queue = match s.oldest_pending_age_ms.filter(|_| s.outbox_pending > 0) {
                        Some(a) => w.fmt(
                            "desk-queued-oldest",
                            &[("count", s.outbox_pending.into()), ("age", age(&w, a as i64).into())],
                        ),
                        None => s.outbox_pending.to_string(),
                    };
                    let trolley = match (&s.trolley, s.slot) {
                        (Some(t), Some(n)) => w.fmt(
                            "desk-trolley-slot",
                            &[("trolley", t.into()), ("slot", n.into())],
                        ),
                        (Some(t), None) => t.clone(),
                        _ => "–".into(),
                    };
                    let failed = s.outbox_failed > 0;
                    let seen = age(&w, o.now_ms - s.last_seen_ms);
                    let seen = if s.stale {
                        w.fmt("desk-seen-stale", &[("age", seen.into())])
                    } else {
                        w.fmt("desk-seen-ago", &[("age", seen.into())])
                    };
                    view! {
                        <tr
                            class=format!("station {state}")
                            data-station=s.station_id.clone()
                            data-stale=s.stale.to_string()
                            data-healthy=s.healthy.to_string()
                            data-pending=s.outbox_pending.to_string()
                        >
                            <td class="id">{s.station_id.clone()}</td>
                            <td>{s.packer_id.clone().unwrap_or_else(|| "–".into())}</td>
                            <td>{trolley}</td>
                            <td>{s.step.as_deref().map(|st| step(&w, st)).unwrap_or_default()}</td>
                            <td class="num">{s.orders_last_hour.to_string()}</td>
                            <td class="num">{s.units_last_hour.to_string()}</td>
                            <td class="num">{format!("{} / {}", s.shift_orders, s.shift_units)}</td>
                            <td class="devices">{devices}</td>
                            <td class="num" class:failed=failed>
                                {queue}
                                {failed.then(|| format!(" · {}", w.fmt("desk-queued-refused", &[("count", s.outbox_failed.into())])))}
                            </td>
                            <td>{s.app_version.clone()}</td>
                            <td class="seen">{seen}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table id="stations" class="desk-table">
                    <thead>
                        <tr>
                            <th>{w.text("desk-col-station")}</th>
                            <th>{w.text("desk-col-packer")}</th>
                            <th>{w.text("desk-col-trolley")}</th>
                            <th>{w.text("desk-col-step")}</th>
                            <th>{w.text("desk-col-orders-per-hour")}</th>
                            <th>{w.text("desk-col-units-per-hour")}</th>
                            <th>{w.text("desk-col-shift")}</th>
                            <th>{w.text("desk-col-devices")}</th>
                            <th>{w.text("desk-col-queued")}</th>
                            <th>{w.text("desk-col-version")}</th>
                            <th>{w.text("desk-col-last-seen")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    }
}
