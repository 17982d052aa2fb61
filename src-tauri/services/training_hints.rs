//! Training mode at the station: turns what the training backend says a trainee can scan
//! (crew badges, free trolleys, the trolley's unit codes) and where the pack flow stands into
//! touch targets with barcodes for the current step. A backend without training mode (a real
//! one answers 404) gets none, ever: that is decided from the backend's answer, not the config.

use std::sync::Arc;

use base64::Engine as _;
use packbench_core::pack_flow::StepKind;
use packbench_ipc::actions;
use packbench_ipc::i18n::Lang;
use packbench_ipc::training::{HintKind, HintTarget, TrainingHintsResponse};
use packbench_ipc::FlowResponse;
use packbench_labels::symbol::{encode, to_svg, Symbology};
use tracing::debug;

use crate::contract::training::{TrainingHints, TrolleyCodes};
use crate::contract::Role;
use crate::ports::BackendApi;
use crate::services::pack::PackService;

/// What the backend said so far: `None` until asked, `Some(false)` for a real backend.
#[derive(Default)]
struct Known {
    training: Option<bool>,
    /// The held trolley's codes (they do not change while it is packed).
    trolley: Option<TrolleyCodes>,
}

pub struct TrainingHintsService {
    backend: Arc<dyn BackendApi>,
    pack: Arc<PackService>,
    known: tokio::sync::Mutex<Known>,
}

impl TrainingHintsService {
    pub fn new(backend: Arc<dyn BackendApi>, pack: Arc<PackService>) -> Self {
        TrainingHintsService {
            backend,
            pack,
            known: Default::default(),
        }
    }

    /// The targets for the screen now, action labels in `lang`.
    pub async fn for_screen(&self, lang: Lang) -> TrainingHintsResponse {
        let screen = self.pack.screen().await;
        let mut known = self.known.lock().await;
        if known.training == Some(false) {
            return TrainingHintsResponse::default();
        }
        let trolley = screen.view.trolley.clone();
        let held = trolley.as_ref().filter(|t| {
            known
                .trolley
                .as_ref()
                .is_none_or(|c| c.trolley != t.as_str())
        });
        // The crew and free trolleys change; a held trolley's codes are asked for once.
        let needs_backend = held.is_some()
            || matches!(screen.view.step, StepKind::SignIn | StepKind::ScanTrolley)
            || at_refused_weight(&screen);
        if !needs_backend {
            return TrainingHintsResponse {
                training: true,
                targets: targets(&screen, None, known.trolley.as_ref(), lang),
            };
        }
        match self.backend.training_hints(held).await {
            Ok(None) => {
                known.training = Some(false);
                TrainingHintsResponse::default()
            }
            Ok(Some(h)) => {
                known.training = Some(true);
                if h.trolley.is_some() {
                    known.trolley = h.trolley.clone();
                }
                TrainingHintsResponse {
                    training: true,
                    targets: targets(&screen, Some(&h), known.trolley.as_ref(), lang),
                }
            }
            Err(e) => {
                // Unreachable for now: no hints this time, ask again on the next screen.
                debug!(error = %e, "no training hints now");
                TrainingHintsResponse {
                    training: known.training == Some(true),
                    targets: Vec::new(),
                }
            }
        }
    }
}

fn at_refused_weight(s: &FlowResponse) -> bool {
    s.view.step == StepKind::Weigh && s.view.last_weight_mismatch_g.is_some()
}

/// The barcode of `scan` as an SVG `data:` URI.
fn barcode(symbology: Symbology, scan: &str) -> String {
    let svg = encode(symbology, scan)
        .or_else(|_| encode(Symbology::Code128, scan))
        .map(|s| to_svg(&s))
        .unwrap_or_default();
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

fn target(kind: HintKind, label: String, detail: Option<String>, scan: &str) -> HintTarget {
    target_as(kind, label, detail, scan, Symbology::Code128)
}

fn target_as(
    kind: HintKind,
    label: String,
    detail: Option<String>,
    scan: &str,
    symbology: Symbology,
) -> HintTarget {
    HintTarget {
        kind,
        label,
        detail,
        scan: scan.to_owned(),
        barcode: barcode(symbology, scan),
    }
}

/// The action codes that make sense at `step`, labelled as on the action sheet.
pub fn step_actions(screen: &FlowResponse) -> Vec<&'static str> {
    match screen.view.step {
        StepKind::ScanTrolley => vec![actions::SIGN_OUT],
        StepKind::ScanSlot => vec![actions::TAKE_SLOT, actions::SIGN_OUT],
        StepKind::VerifyUnits => {
            let mut a = Vec::new();
            if screen.view.lines.iter().any(|l| l.scanned > 0) {
                a.push(actions::CLOSE_PARCEL);
                a.push(actions::CANCEL_UNIT);
            }
            a.extend([actions::SHORT, actions::DAMAGED, actions::LEAVE_SLOT]);
            a
        }
        StepKind::ChoosePackaging => vec![actions::REOPEN],
        StepKind::Weigh if at_refused_weight(screen) => vec![actions::ASK_SUPERVISOR],
        _ => Vec::new(),
    }
}

/// The targets for the screen, from the backend's hints (when asked this time) and the held
/// trolley's codes.
pub fn targets(
    screen: &FlowResponse,
    hints: Option<&TrainingHints>,
    trolley: Option<&TrolleyCodes>,
    lang: Lang,
) -> Vec<HintTarget> {
    let tw = lang.words();
    let mut out = Vec::new();
    let crew = |role: Option<Role>, out: &mut Vec<HintTarget>| {
        for c in hints.iter().flat_map(|h| &h.crew) {
            if role.is_some_and(|r| r != c.role) {
                continue;
            }
            let role_word = tw.text(match c.role {
                Role::Packer => "role-packer",
                Role::Supervisor => "role-supervisor",
            });
            out.push(target(
                HintKind::Badge,
                c.name.clone(),
                Some(format!("{role_word} · {}", c.language)),
                &c.badge,
            ));
        }
    };
    match screen.view.step {
        StepKind::SignIn => crew(None, &mut out),
        StepKind::ScanTrolley => {
            for t in hints.iter().flat_map(|h| &h.free_trolleys) {
                out.push(target(HintKind::Trolley, t.clone(), None, t));
            }
        }
        StepKind::ScanSlot => {
            let next = screen.view.suggested_next_slot;
            for s in trolley.iter().flat_map(|t| &t.slots) {
                if Some(s.slot) == next {
                    out.push(target(
                        HintKind::Slot,
                        s.location.clone(),
                        Some(s.order_id.clone()),
                        &s.location,
                    ));
                }
            }
        }
        StepKind::VerifyUnits => {
            let slot = trolley.and_then(|t| {
                t.slots
                    .iter()
                    .find(|s| Some(&s.order_id) == screen.view.order_id.as_ref())
            });
            for counts in &screen.view.lines {
                let taken = counts.scanned + counts.exception;
                if taken >= counts.required {
                    continue;
                }
                let unit = slot
                    .and_then(|s| s.lines.iter().find(|l| l.line_no == counts.line_no))
                    .and_then(|l| l.units.get(counts.scanned as usize));
                if let Some(u) = unit {
                    out.push(target_as(
                        HintKind::Unit,
                        counts.name.clone(),
                        Some(format!(
                            "{} · {}",
                            counts.sku,
                            tw.fmt(
                                "training-units-left",
                                &[("count", (counts.required - taken).into())]
                            )
                        )),
                        &u.scan,
                        u.symbology,
                    ));
                }
            }
        }
        StepKind::ChoosePackaging => {
            if let Some(s) = &screen.suggestion {
                out.push(target(
                    HintKind::Box,
                    s.name.clone(),
                    Some(tw.text("training-suggested-box")),
                    &s.barcode,
                ));
            }
        }
        StepKind::Weigh if at_refused_weight(screen) => crew(Some(Role::Supervisor), &mut out),
        _ => {}
    }
    let sheet = actions::sheet(&tw);
    for code in step_actions(screen) {
        let label = sheet
            .iter()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.to_owned(), |(_, l)| l.clone());
        out.push(target(HintKind::Action, label, None, code));
    }
    out
}
