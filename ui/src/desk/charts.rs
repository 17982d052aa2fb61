//! The desk's productivity screen: complexity-adjusted performance per packer and per station
//! (horizontal bars, 100 % = the standard pace) and work content over the current or previous
//! shift or the week (columns stacked by packer or station), drawn by hand as SVG. Hours, days
//! and their labels come from the station already on the site's clock.

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::cmd;
use packbench_ipc::desk::{DeskProductivityRequest, DeskProductivityResponse, Period, Series};
use packbench_ipc::i18n::{Arg, Lang, Words};

use super::LangText;
use crate::ipc::invoke;

const PALETTE: [&str; 8] = [
    "#1f6feb", "#2ea043", "#f5a623", "#a371f7", "#db61a2", "#3fb9d0", "#e3b341", "#f85149",
];

#[component]
pub fn Productivity(tick: ReadSignal<u64>, lang: Memo<Lang>) -> impl IntoView {
    let (period, set_period) = signal(Period::Shift);
    let (data, set_data) = signal(None::<DeskProductivityResponse>);
    let (error, set_error) = signal(None::<String>);
    Effect::new(move |_| {
        tick.track();
        let period = period.get();
        spawn_local(async move {
            match invoke::<_, DeskProductivityResponse>(
                cmd::desk_productivity,
                &DeskProductivityRequest { period },
            )
            .await
            {
                Ok(d) => {
                    set_data.set(Some(d));
                    set_error.set(None);
                }
                Err(e) => set_error.set(Some(e.message)),
            }
        });
    });
    // `label`: a message id.
    let toggle = move |p: Period, label: &'static str, id: &'static str| {
        view! {
            <button id=id class="tab" class:active=move || period.get() == p on:click=move |_| set_period.set(p)>
                {lang.text(label)}
            </button>
        }
    };
    view! {
        <section id="productivity" class="productivity">
            <div class="toolbar">
                {toggle(Period::Shift, "desk-period-shift", "period-shift")}
                {toggle(Period::PreviousShift, "desk-period-previous-shift", "period-previous-shift")}
                {toggle(Period::Week, "desk-period-week", "period-week")}
            </div>
            {move || error.get().map(|e| view! { <div class="error">{e}</div> })}
            {move || data.get().map(|d| {
                let w = lang.get().words();
                let m = d.model;
                let formula = w.fmt(
                    "desk-formula",
                    &[
                        ("base", Arg::decimal(m.base_min, 2)),
                        ("unit", Arg::decimal(m.per_unit_min, 2)),
                        ("line", Arg::decimal(m.per_line_min, 2)),
                        ("parcel", Arg::decimal(m.per_extra_parcel_min, 2)),
                        ("exception", Arg::decimal(m.per_exception_min, 2)),
                    ],
                );
                let hourly = matches!(d.period, Period::Shift | Period::PreviousShift);
                let covers = match &d.shift {
                    Some(s) => w.fmt("desk-covers-shift", &[("name", (&s.name).into()), ("hours", (&s.hours).into())]),
                    None => w.text("desk-covers-week"),
                };
                let labels = d.bucket_labels.clone();
                view! {
                    <p class="site-time" id="site-time" data-zone=d.zone.clone() data-shift=d.shift.as_ref().map(|s| s.name.clone()).unwrap_or_default()>
                        {w.fmt("desk-site-time", &[("covers", covers.into()), ("zone", (&d.zone).into())])}
                    </p>
                    <p class="formula">{formula}</p>
                    <div class="charts">
                        <figure>
                            <figcaption>{w.text("desk-chart-packers-performance")}</figcaption>
                            {performance_chart(&w, "packers", &d.packers)}
                        </figure>
                        <figure>
                            <figcaption>{w.text("desk-chart-stations-performance")}</figcaption>
                            {performance_chart(&w, "stations", &d.stations)}
                        </figure>
                        <figure>
                            <figcaption>{if hourly { w.text("desk-chart-packers-work-hour") } else { w.text("desk-chart-packers-work-day") }}</figcaption>
                            {columns_chart("packers-work", &labels, &d.packers)}
                        </figure>
                        <figure>
                            <figcaption>{if hourly { w.text("desk-chart-stations-work-hour") } else { w.text("desk-chart-stations-work-day") }}</figcaption>
                            {columns_chart("stations-work", &labels, &d.stations)}
                        </figure>
                    </div>
                    {summary_table(&w, &d.packers)}
                }
            })}
        </section>
    }
}

/// One horizontal bar per packer or station: performance in % of the standard pace, with a
/// line at 100 %.
fn performance_chart(words: &Words, id: &'static str, series: &[Series]) -> impl IntoView {
    let (w, label_w, row_h) = (640.0_f64, 130.0_f64, 30.0_f64);
    let h = (series.len().max(1) as f64) * row_h + 24.0;
    let max = series
        .iter()
        .map(|s| s.performance_pct)
        .fold(100.0_f64, f64::max)
        * 1.1;
    let plot = w - label_w - 70.0;
    let x_of = move |v: f64| label_w + v / max * plot;
    let bars = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = 8.0 + i as f64 * row_h;
            let bw = (x_of(s.performance_pct) - label_w).max(1.0);
            view! {
                <g>
                    <text x=format!("{:.1}", label_w - 8.0) y=format!("{:.1}", y + 19.0) class="axis-label" text-anchor="end">{s.key.clone()}</text>
                    <rect
                        class="bar"
                        data-key=s.key.clone()
                        data-value=format!("{:.1}", s.performance_pct)
                        x=format!("{label_w:.1}")
                        y=format!("{:.1}", y + 4.0)
                        width=format!("{bw:.1}")
                        height=format!("{:.1}", row_h - 8.0)
                        fill=PALETTE[i % PALETTE.len()]
                    ></rect>
                    <text x=format!("{:.1}", label_w + bw + 6.0) y=format!("{:.1}", y + 19.0) class="value">
                        {words.fmt(
                            "desk-bar-value",
                            &[
                                ("pct", Arg::decimal(s.performance_pct, 0)),
                                ("orders", s.orders.into()),
                                ("units", s.units.into()),
                            ],
                        )}
                    </text>
                </g>
            }
        })
        .collect_view();
    let x100 = x_of(100.0);
    view! {
        <svg class="chart" data-chart=id data-bars=series.len().to_string() viewBox=format!("0 0 {w} {h}") width=format!("{w}") height=format!("{h}")>
            {bars}
            <line class="standard" x1=format!("{x100:.1}") x2=format!("{x100:.1}") y1="2" y2=format!("{:.1}", h - 18.0)></line>
            <text class="axis-label" x=format!("{x100:.1}") y=format!("{:.1}", h - 4.0) text-anchor="middle">"100 %"</text>
            {series.is_empty().then(|| view! { <text class="axis-label" x="20" y="20">{words.text("desk-chart-empty")}</text> })}
        </svg>
    }
}

/// Columns per bucket, stacked by key: standard minutes of work done in each hour or day.
fn columns_chart(id: &'static str, labels: &[String], series: &[Series]) -> impl IntoView {
    let (w, h, left, bottom) = (640.0_f64, 220.0_f64, 44.0_f64, 36.0_f64);
    let n = labels.len().max(1);
    let totals: Vec<f64> = (0..n)
        .map(|b| {
            series
                .iter()
                .map(|s| s.buckets.get(b).map_or(0.0, |x| x.standard_minutes))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().fold(1.0_f64, f64::max) * 1.1;
    let slot = (w - left - 10.0) / n as f64;
    let plot_h = h - bottom - 10.0;
    let y_of = move |v: f64| 10.0 + plot_h - v / max * plot_h;
    let mut rects = Vec::new();
    for b in 0..n {
        let mut base = 0.0;
        for (i, s) in series.iter().enumerate() {
            let v = s.buckets.get(b).map_or(0.0, |x| x.standard_minutes);
            if v <= 0.0 {
                continue;
            }
            let (y_top, y_bottom) = (y_of(base + v), y_of(base));
            base += v;
            rects.push(view! {
                <rect
                    class="column"
                    data-key=s.key.clone()
                    data-bucket=b.to_string()
                    data-value=format!("{v:.2}")
                    x=format!("{:.1}", left + b as f64 * slot + slot * 0.15)
                    y=format!("{y_top:.1}")
                    width=format!("{:.1}", slot * 0.7)
                    height=format!("{:.1}", (y_bottom - y_top).max(0.5))
                    fill=PALETTE[i % PALETTE.len()]
                ></rect>
            });
        }
    }
    let ticks = labels
        .iter()
        .enumerate()
        .map(|(b, l)| {
            view! {
                <text class="axis-label" x=format!("{:.1}", left + (b as f64 + 0.5) * slot) y=format!("{:.1}", h - bottom + 16.0) text-anchor="middle">{l.clone()}</text>
            }
        })
        .collect_view();
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <span class="legend-item">
                    // An SVG swatch: the CSP allows no inline styles.
                    <svg class="swatch" width="12" height="12" viewBox="0 0 12 12"><rect width="12" height="12" rx="2" fill=PALETTE[i % PALETTE.len()]></rect></svg>
                    {s.key.clone()}
                </span>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" data-chart=id viewBox=format!("0 0 {w} {h}") width=format!("{w}") height=format!("{h}")>
            <line class="axis" x1=format!("{left}") x2=format!("{:.1}", w - 10.0) y1=format!("{:.1}", y_of(0.0)) y2=format!("{:.1}", y_of(0.0))></line>
            <text class="axis-label" x=format!("{:.1}", left - 6.0) y=format!("{:.1}", y_of(max / 1.1) + 4.0) text-anchor="end">{format!("{:.0}", max / 1.1)}</text>
            <text class="axis-label" x=format!("{:.1}", left - 6.0) y=format!("{:.1}", y_of(0.0) + 4.0) text-anchor="end">"0"</text>
            {rects}
            {ticks}
        </svg>
        <div class="legend">{legend}</div>
    }
}

fn summary_table(w: &Words, series: &[Series]) -> impl IntoView {
    let rows = series
        .iter()
        .map(|s| {
            view! {
                <tr data-key=s.key.clone()>
                    <td>{s.key.clone()}</td>
                    <td class="num">{s.orders.to_string()}</td>
                    <td class="num">{s.units.to_string()}</td>
                    <td class="num">{w.number(s.standard_minutes, 1)}</td>
                    <td class="num">{s.active_buckets.to_string()}</td>
                    <td class="num">{w.number(s.orders_per_hour, 1)}</td>
                    <td class="num">{w.number(s.units_per_hour, 1)}</td>
                    <td class="num">{format!("{} %", w.number(s.performance_pct, 0))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="desk-table" id="packer-summary">
            <thead>
                <tr>
                    <th>{w.text("desk-col-packer")}</th><th>{w.text("desk-col-orders")}</th>
                    <th>{w.text("desk-col-units")}</th><th>{w.text("desk-col-std-min")}</th>
                    <th>{w.text("desk-col-active")}</th><th>{w.text("desk-col-orders-per-hour")}</th>
                    <th>{w.text("desk-col-units-per-hour")}</th><th>{w.text("desk-col-performance")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
