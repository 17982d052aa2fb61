//! The suggested packaging drawn to its proportions, so the packer grabs the right one from
//! the shelf at a glance: a box as a cardboard cuboid (front, top and side), a mailer as a flat
//! envelope, a polybag as a sealed bag, with the inside dimensions written under it.

use leptos::prelude::*;
use packbench_core::carton::PackagingKind;

const VIEW_W: f64 = 200.0;
const VIEW_H: f64 = 150.0;
/// Room under the drawing for the dimensions.
const CAPTION_H: f64 = 22.0;
const MARGIN: f64 = 8.0;

fn pts(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn BoxPicture(
    kind: PackagingKind,
    inner_mm: [u32; 3],
    #[prop(into)] title: String,
) -> impl IntoView {
    let [l, w, h] = inner_mm.map(|v| f64::from(v.max(1)));
    let room_w = VIEW_W - 2.0 * MARGIN;
    let room_h = VIEW_H - CAPTION_H - 2.0 * MARGIN;
    let caption = format!("{} × {} × {} mm", inner_mm[0], inner_mm[1], inner_mm[2]);
    let drawing = match kind {
        PackagingKind::Box => {
            // Oblique view: the depth (width) goes back at 30°, at half scale.
            let (dx_per, dy_per) = (
                0.5 * 30f64.to_radians().cos(),
                0.5 * 30f64.to_radians().sin(),
            );
            let s = (room_w / (l + w * dx_per)).min(room_h / (h + w * dy_per));
            let (fl, fh, dx, dy) = (l * s, h * s, w * dx_per * s, w * dy_per * s);
            let x0 = (VIEW_W - (fl + dx)) / 2.0;
            let y0 = MARGIN + (room_h - (fh + dy)) / 2.0;
            let front = pts(&[
                (x0, y0 + dy),
                (x0 + fl, y0 + dy),
                (x0 + fl, y0 + dy + fh),
                (x0, y0 + dy + fh),
            ]);
            let top = pts(&[
                (x0, y0 + dy),
                (x0 + dx, y0),
                (x0 + dx + fl, y0),
                (x0 + fl, y0 + dy),
            ]);
            let side = pts(&[
                (x0 + fl, y0 + dy),
                (x0 + fl + dx, y0),
                (x0 + fl + dx, y0 + fh),
                (x0 + fl, y0 + dy + fh),
            ]);
            // The tape along the top's middle.
            let tape = pts(&[
                (x0 + dx / 2.0, y0 + dy / 2.0),
                (x0 + dx / 2.0 + fl, y0 + dy / 2.0),
            ]);
            view! {
                <polygon class="face front" points=front fill="#c89a5c" stroke="#6b4a1f" stroke-width="1.5" />
                <polygon class="face top" points=top fill="#ddb77f" stroke="#6b4a1f" stroke-width="1.5" />
                <polygon class="face side" points=side fill="#a97c43" stroke="#6b4a1f" stroke-width="1.5" />
                <polyline points=tape stroke="#8a6a3a" stroke-width="4" opacity="0.6" />
            }
            .into_any()
        }
        PackagingKind::Mailer | PackagingKind::Polybag => {
            // Seen from above: length across, width down; the height is its gusset only.
            let s = (room_w / l).min(room_h / w);
            let (fw, fh) = (l * s, w * s);
            let x0 = (VIEW_W - fw) / 2.0;
            let y0 = MARGIN + (room_h - fh) / 2.0;
            let outline = pts(&[(x0, y0), (x0 + fw, y0), (x0 + fw, y0 + fh), (x0, y0 + fh)]);
            if kind == PackagingKind::Mailer {
                let flap = pts(&[(x0, y0), (x0 + fw / 2.0, y0 + fh * 0.45), (x0 + fw, y0)]);
                view! {
                    <polygon class="face mailer" points=outline fill="#f1e6c8" stroke="#7a6a3f" stroke-width="1.5" />
                    <polyline points=flap fill="none" stroke="#7a6a3f" stroke-width="1.5" />
                }
                .into_any()
            } else {
                let seal = pts(&[(x0, y0 + fh * 0.12), (x0 + fw, y0 + fh * 0.12)]);
                view! {
                    <polygon class="face polybag" points=outline fill="#cfe3f5" fill-opacity="0.8" stroke="#4a6f8f" stroke-width="1.5" />
                    <polyline points=seal stroke="#4a6f8f" stroke-width="2" stroke-dasharray="4 3" />
                }
                .into_any()
            }
        }
    };
    let label = title.clone();
    view! {
        <svg
            class="box-picture"
            data-kind=kind.as_str()
            viewBox=format!("0 0 {VIEW_W} {VIEW_H}")
            role="img"
            aria-label=label
        >
            <title>{title}</title>
            {drawing}
            <text x=VIEW_W / 2.0 y=VIEW_H - 6.0 text-anchor="middle" font-size="14" fill="currentColor">{caption}</text>
        </svg>
    }
}
