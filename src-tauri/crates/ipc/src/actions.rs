//! Action barcodes: everything a packer does besides scanning goods can be done by scanning a
//! code from the printed action sheet (`packbench action-sheet`). The station acts on most of
//! them; the screen handles language and closing the app.

use crate::i18n::{Lang, Words};

pub const CLOSE_PARCEL: &str = "PB-CLOSE-PARCEL";
pub const TAKE_SLOT: &str = "PB-TAKE-SLOT";
pub const SHORT: &str = "PB-SHORT";
pub const DAMAGED: &str = "PB-DAMAGED";
pub const REOPEN: &str = "PB-REOPEN";
pub const CANCEL_UNIT: &str = "PB-CANCEL-UNIT";
pub const LEAVE_SLOT: &str = "PB-LEAVE-SLOT";
pub const REPRINT: &str = "PB-REPRINT";
pub const SIGN_OUT: &str = "PB-SIGN-OUT";
/// The screen's: at a refused weight, ask a supervisor at the desk to accept the parcel.
/// (At most 15 characters, as every sheet code: a longer Code 128 overflows the sheet's column.)
pub const ASK_SUPERVISOR: &str = "PB-ASK-SUPV";
/// The screen's: the next scan is a supervisor's badge, which closes the app.
pub const CLOSE_APP: &str = "PB-CLOSE-APP";
/// The screen's: switch the screen language (`PB-LANG-EN`, `PB-LANG-PL`, `PB-LANG-UK`, ...;
/// `PB-LANG-EN-XA`, the pseudo-locale, is on no sheet).
pub const LANG_PREFIX: &str = "PB-LANG-";

/// Whether a scan is an action code rather than goods, a badge or a trolley.
pub fn is_action(scan: &str) -> bool {
    scan.trim().starts_with("PB-")
}

/// The language a `PB-LANG-..` code asks for.
pub fn language_of(scan: &str) -> Option<Lang> {
    let tag = scan.trim().strip_prefix(LANG_PREFIX)?;
    Lang::ALL
        .into_iter()
        .chain([Lang::Pseudo])
        .find(|l| l.tag().eq_ignore_ascii_case(tag))
}

/// Where the screen sends a scan: most go to the pack flow as they are; a few codes are the
/// screen's own, and at some moments a scan is a supervisor's badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanRoute {
    /// `PB-LANG-..`: show the screen in this language.
    Language(Lang),
    /// `PB-CLOSE-APP`: the next scan is a supervisor's badge that closes the app.
    ArmCloseApp,
    /// The supervisor's badge after `PB-CLOSE-APP`.
    CloseApp { supervisor_badge: String },
    /// `PB-ASK-SUPV`: ask a supervisor at the desk to accept a refused weight.
    AskSupervisor,
    /// At a refused weight: a supervisor's badge accepting the parcel.
    OverrideWeight { supervisor_badge: String },
    /// Goods, a badge, a trolley, a box or another action code: the pack flow's.
    ToFlow(String),
}

/// What the screen knows when a scan arrives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanContext {
    /// `PB-CLOSE-APP` was the last scan.
    pub closing: bool,
    /// The weight gate refused the parcel on the scale just now.
    pub weight_refused: bool,
}

/// Routes one scan (the screen's `on_scan` acts on the answer; tested here, natively).
pub fn route_scan(scan: String, ctx: ScanContext) -> ScanRoute {
    if let Some(l) = language_of(&scan) {
        return ScanRoute::Language(l);
    }
    if scan.trim() == CLOSE_APP {
        return ScanRoute::ArmCloseApp;
    }
    if ctx.closing {
        return ScanRoute::CloseApp {
            supervisor_badge: scan,
        };
    }
    if scan.trim() == ASK_SUPERVISOR {
        return ScanRoute::AskSupervisor;
    }
    if ctx.weight_refused {
        return ScanRoute::OverrideWeight {
            supervisor_badge: scan,
        };
    }
    ScanRoute::ToFlow(scan)
}

/// Every action on the sheet, with its label in the packer's language; each language's code
/// is labelled with the language's own name.
pub fn sheet(w: &Words) -> Vec<(&'static str, String)> {
    let mut sheet = vec![
        (CLOSE_PARCEL, w.text("close-parcel")),
        (TAKE_SLOT, w.text("take-next-slot")),
        (SHORT, w.text("report-short-one")),
        (DAMAGED, w.text("report-damaged-one")),
        (REOPEN, w.text("back-to-items")),
        (CANCEL_UNIT, w.text("cancel-unit")),
        (LEAVE_SLOT, w.text("leave-slot")),
        (REPRINT, w.text("reprint-label")),
        (SIGN_OUT, w.text("sign-out")),
        (ASK_SUPERVISOR, w.text("ask-supervisor")),
    ];
    sheet.extend(Lang::ALL.map(|l| (lang_code(l), l.endonym().to_owned())));
    sheet.push((CLOSE_APP, w.text("close-app")));
    sheet
}

/// The action code that switches the screen to a language (`PB-LANG-UK`).
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "PB-LANG-EN",
        Lang::Pl => "PB-LANG-PL",
        Lang::Ro => "PB-LANG-RO",
        Lang::Uk => "PB-LANG-UK",
        Lang::Bg => "PB-LANG-BG",
        Lang::Lt => "PB-LANG-LT",
        Lang::Pseudo => "PB-LANG-EN-XA",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_code_is_an_action_and_languages_parse() {
        for lang in Lang::ALL {
            for (code, label) in sheet(&lang.words()) {
                assert!(is_action(code), "{code}");
                assert!(!label.is_empty());
                // Every code fits the sheet's Code 128 column.
                assert!(code.len() <= 15, "{code}");
            }
            assert_eq!(language_of(lang_code(lang)), Some(lang));
        }
        assert_eq!(language_of("PB-LANG-pl"), Some(Lang::Pl));
        assert_eq!(language_of("PB-LANG-EN-XA"), Some(Lang::Pseudo));
        assert_eq!(language_of("PB-LANG-XX"), None);
        assert!(!is_action("TR-0001"));
    }

    #[test]
    fn scans_are_routed_by_what_the_screen_knows() {
        let plain = ScanContext::default();
        let r = |s: &str, ctx| route_scan(s.to_owned(), ctx);
        assert_eq!(r("PB-LANG-RO", plain), ScanRoute::Language(Lang::Ro));
        assert_eq!(r(" PB-CLOSE-APP\n", plain), ScanRoute::ArmCloseApp);
        let closing = ScanContext {
            closing: true,
            ..plain
        };
        assert_eq!(
            r("BADGE1", closing),
            ScanRoute::CloseApp {
                supervisor_badge: "BADGE1".into()
            }
        );
        // A language code still switches the language while closing.
        assert_eq!(r("PB-LANG-EN", closing), ScanRoute::Language(Lang::En));
        assert_eq!(r("PB-ASK-SUPV", plain), ScanRoute::AskSupervisor);
        let refused = ScanContext {
            weight_refused: true,
            ..plain
        };
        assert_eq!(r("PB-ASK-SUPV", refused), ScanRoute::AskSupervisor);
        assert_eq!(
            r("BADGE2", refused),
            ScanRoute::OverrideWeight {
                supervisor_badge: "BADGE2".into()
            }
        );
        assert_eq!(
            r("4006381333931", plain),
            ScanRoute::ToFlow("4006381333931".into())
        );
        assert_eq!(
            r("PB-CLOSE-PARCEL", plain),
            ScanRoute::ToFlow("PB-CLOSE-PARCEL".into())
        );
    }
}
