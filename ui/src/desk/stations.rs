//! The desk's stations: one row per station from its latest heartbeat; stale and unhealthy
//! stations stand out (and carry `data-stale` / `data-healthy` for tests).

use leptos::prelude::*;
use packbench_ipc::desk::DeskOverviewResponse;

use super::age;

#[component]
pub fn Stations(overview: ReadSignal<Option<DeskOverviewResponse>>) -> impl IntoView {
    move || {
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
                            let text = if d.ready {
                                format!("{}: ready", d.kind.replace('_', " "))
                            } else {
                                format!(
                                    "{}: {}",
                                    d.kind.replace('_', " "),
                                    if d.problems.is_empty() {
                                        "not ready".to_owned()
                                    } else {
                                        // Each fault by name, as the alerts say it.
                                        d.problems
                                            .iter()
                                            .map(|p| packbench_core::desk::device_problems::describe(p))
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    }
                                )
                            };
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
                        Some(a) => format!("{} (oldest {})", s.outbox_pending, age(a as i64)),
                        None => s.outbox_pending.to_string(),
                    };
                    let trolley = match (&s.trolley, s.slot) {
                        (Some(t), Some(n)) => format!("{t} · slot {n}"),
                        (Some(t), None) => t.clone(),
                        _ => "–".into(),
                    };
                    let failed = s.outbox_failed > 0;
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
                            <td>{s.step.clone().unwrap_or_default().replace('_', " ")}</td>
                            <td class="num">{s.orders_last_hour.to_string()}</td>
                            <td class="num">{s.units_last_hour.to_string()}</td>
                            <td class="num">{format!("{} / {}", s.shift_orders, s.shift_units)}</td>
                            <td class="devices">{devices}</td>
                            <td class="num" class:failed=failed>
                                {queue}
                                {failed.then(|| format!(" · refused {}", s.outbox_failed))}
                            </td>
                            <td>{s.app_version.clone()}</td>
                            <td class="seen">{if s.stale { format!("STALE · {} ago", age(o.now_ms - s.last_seen_ms)) } else { format!("{} ago", age(o.now_ms - s.last_seen_ms)) }}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table id="stations" class="desk-table">
                    <thead>
                        <tr>
                            <th>"Station"</th>
                            <th>"Packer"</th>
                            <th>"Trolley"</th>
                            <th>"Step"</th>
                            <th>"Orders/h"</th>
                            <th>"Units/h"</th>
                            <th>"Shift orders / units"</th>
                            <th>"Devices"</th>
                            <th>"Queued"</th>
                            <th>"Version"</th>
                            <th>"Last seen"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    }
}
