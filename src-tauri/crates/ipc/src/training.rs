//! Training mode on screen: what the station offers a trainee to scan at the current step, as
//! touch targets with their barcodes. Only a training backend makes any (a real one has none);
//! a touch sends the target's `scan` through the same path a scanner's code takes. Its words are
//! the `training-*` messages of [`crate::i18n`].

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingHintsRequest {
    /// The screen's language tag (`en`, `pl`, `uk`, ...), for the labels of the targets.
    pub lang: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingHintsResponse {
    /// Whether the backend is a training backend: `false` on a real one (never any targets).
    pub training: bool,
    /// What there is to scan now, most useful first.
    pub targets: Vec<HintTarget>,
}

/// What a target is: the screen groups and styles them by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HintKind {
    Badge,
    Trolley,
    Slot,
    Unit,
    Box,
    Action,
}

impl HintKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HintKind::Badge => "badge",
            HintKind::Trolley => "trolley",
            HintKind::Slot => "slot",
            HintKind::Unit => "unit",
            HintKind::Box => "box",
            HintKind::Action => "action",
        }
    }
}

/// One thing to scan (or touch).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HintTarget {
    pub kind: HintKind,
    /// What the trainee reads: a name, a trolley, a product, an action.
    pub label: String,
    /// A second line: role and language, units left, a box's name.
    pub detail: Option<String>,
    /// Exactly what the scanner would send.
    pub scan: String,
    /// The barcode as an SVG `data:` URI (Code 128, EAN-13 or GS1 DataMatrix).
    pub barcode: String,
}
