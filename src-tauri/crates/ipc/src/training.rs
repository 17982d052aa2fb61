//! Training mode on screen: what the station offers a trainee to scan at the current step, as
//! touch targets with their barcodes. Only a training backend makes any (a real one has none);
//! a touch sends the target's `scan` through the same path a scanner's code takes.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingHintsRequest {
    /// The screen's language (`en`, `pl`, `ro`), for the action codes' labels.
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

/// Training mode's own words, per language (beside [`crate::i18n`]'s, kept apart because only
/// training screens and the training sheet use them).
#[derive(Debug)]
pub struct TrainingWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub hide: &'static str,
    pub show: &'static str,
    pub packer: &'static str,
    pub supervisor: &'static str,
    pub units_left: &'static str,
    pub suggested_box: &'static str,
    /// Training sheet headings.
    pub sheet_title: &'static str,
    pub sign_in: &'static str,
    pub trolley: &'static str,
    pub slot: &'static str,
    pub boxes: &'static str,
    pub actions: &'static str,
}

pub const EN: TrainingWords = TrainingWords {
    title: "Training mode",
    intro: "Scan a code below with the scanner, or touch it.",
    hide: "Hide hints (scan only)",
    show: "Show hints",
    packer: "packer",
    supervisor: "supervisor",
    units_left: "left",
    suggested_box: "Suggested box",
    sheet_title: "Packbench training pack",
    sign_in: "1. Sign in: scan one badge",
    trolley: "2. Claim the trolley",
    slot: "Slot",
    boxes: "Boxes",
    actions: "Actions",
};

pub const PL: TrainingWords = TrainingWords {
    title: "Tryb szkoleniowy",
    intro: "Zeskanuj kod poniżej skanerem albo go dotknij.",
    hide: "Ukryj podpowiedzi (tylko skaner)",
    show: "Pokaż podpowiedzi",
    packer: "pakowacz",
    supervisor: "kierownik",
    units_left: "zostało",
    suggested_box: "Proponowane opakowanie",
    sheet_title: "Packbench: pakiet szkoleniowy",
    sign_in: "1. Zaloguj się: zeskanuj jeden identyfikator",
    trolley: "2. Weź wózek",
    slot: "Miejsce",
    boxes: "Opakowania",
    actions: "Akcje",
};

pub const RO: TrainingWords = TrainingWords {
    title: "Mod de instruire",
    intro: "Scanați un cod de mai jos sau atingeți-l.",
    hide: "Ascundeți indiciile (doar scanare)",
    show: "Arătați indiciile",
    packer: "ambalator",
    supervisor: "supervizor",
    units_left: "rămase",
    suggested_box: "Cutia propusă",
    sheet_title: "Packbench: pachet de instruire",
    sign_in: "1. Autentificare: scanați un ecuson",
    trolley: "2. Preluați căruciorul",
    slot: "Locul",
    boxes: "Cutii",
    actions: "Acțiuni",
};

pub fn words(lang: crate::i18n::Lang) -> &'static TrainingWords {
    match lang {
        crate::i18n::Lang::En => &EN,
        crate::i18n::Lang::Pl => &PL,
        crate::i18n::Lang::Ro => &RO,
    }
}
