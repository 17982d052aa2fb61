//! Every word a packer, a trainee or a printed sheet reads, as Project Fluent messages: one
//! file per language, `assets/i18n/<tag>.ftl`, compiled into this crate so the wasm UI and the
//! station format the very same messages. Plural variants select with CLDR's rules (fluent's
//! `intl_pluralrules`); decimals print with the language's separator (a comma everywhere but
//! English: see [`Arg::decimal`]). English is the reference; `en-XA` is English made accented
//! and about 30 % longer ([`pseudo`]), for tests and training only.
//!
//! The screen's language is chosen per packer (the language the backend gives at sign-in;
//! English until someone signs in) or by a `PB-LANG-..` action code; printed sheets take the
//! station's configured `language`, a packing slip its order's when the station speaks it.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub mod pseudo;
#[cfg(test)]
mod tests;

/// The languages the kiosk speaks, and the pseudo-locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Pl,
    Ro,
    Uk,
    Bg,
    Lt,
    /// `en-XA`: accented, longer English to find clipped and untranslated text. Never on a
    /// sheet or in a list a packer picks from.
    Pseudo,
}

/// The message files, by language (the pseudo-locale is made from `en`).
pub const SOURCES: [(Lang, &str); 6] = [
    (Lang::En, include_str!("../../../../../assets/i18n/en.ftl")),
    (Lang::Pl, include_str!("../../../../../assets/i18n/pl.ftl")),
    (Lang::Ro, include_str!("../../../../../assets/i18n/ro.ftl")),
    (Lang::Uk, include_str!("../../../../../assets/i18n/uk.ftl")),
    (Lang::Bg, include_str!("../../../../../assets/i18n/bg.ftl")),
    (Lang::Lt, include_str!("../../../../../assets/i18n/lt.ftl")),
];

impl Lang {
    /// Every language the kiosk speaks (not the pseudo-locale).
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Pl, Lang::Ro, Lang::Uk, Lang::Bg, Lang::Lt];

    /// From a BCP 47 tag (`pl`, `pl-PL`, `uk-UA`, `en-XA`); anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        Lang::parse(tag).unwrap_or(Lang::En)
    }

    /// One of ours by a BCP 47 tag (`lt`, `lt-LT`, `en-XA`), or `None` (`de`, empty).
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-");
        if tag.eq_ignore_ascii_case(Lang::Pseudo.tag()) {
            return Some(Lang::Pseudo);
        }
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.tag() == primary)
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pl => "pl",
            Lang::Ro => "ro",
            Lang::Uk => "uk",
            Lang::Bg => "bg",
            Lang::Lt => "lt",
            Lang::Pseudo => "en-XA",
        }
    }

    /// The language's name in itself, as the action sheet's language codes show it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Pl => "Polski",
            Lang::Ro => "Română",
            Lang::Uk => "Українська",
            Lang::Bg => "Български",
            Lang::Lt => "Lietuvių",
            Lang::Pseudo => "Ƥšéûðö",
        }
    }

    /// Whether decimals take a comma (CLDR: every language here but English).
    pub fn decimal_comma(self) -> bool {
        !matches!(self, Lang::En | Lang::Pseudo)
    }

    /// The language's `.ftl` source (the pseudo-locale's is English, transformed when
    /// formatted).
    pub fn source(self) -> &'static str {
        let base = if self == Lang::Pseudo { Lang::En } else { self };
        SOURCES
            .iter()
            .find(|(l, _)| *l == base)
            .map_or("", |(_, s)| s)
    }

    /// The ids of the language's messages, in file order (a message starts a line with its
    /// id and ` =`; variants and comments do not).
    pub fn message_ids(self) -> Vec<&'static str> {
        self.source()
            .lines()
            .filter_map(|l| l.split_once(" ="))
            .map(|(id, _)| id)
            .filter(|id| {
                id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
            .collect()
    }

    /// The language's messages.
    pub fn words(self) -> Words {
        Words {
            lang: self,
            bundle: bundle(self),
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

/// Each language's bundle, parsed once on first use.
fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 7] = [const { OnceLock::new() }; 7];
    BUNDLES[lang as usize].get_or_init(|| {
        // A syntax error drops only the broken entry; `every_file_parses` keeps there none.
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
        let id = lang.tag().parse().unwrap_or_default();
        let mut b = Bundle::new_concurrent(vec![id]);
        // No bidi isolation marks around placeables: every language here is left to right,
        // and the marks would reach the PDF sheets and the logs.
        b.set_use_isolating(false);
        if lang.decimal_comma() {
            b.set_formatter(Some(decimal_comma));
        }
        if lang == Lang::Pseudo {
            b.set_transform(Some(pseudo::transform));
        }
        let _ = b.add_resource(resource);
        b
    })
}

/// Fluent prints a number as Rust does (`1.5`); these languages write `1,5`.
fn decimal_comma<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(n.as_string().replace('.', ",")),
        _ => None,
    }
}

/// A message's argument: text, or a number (plural variants select on numbers).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    /// A value and how many decimals it prints with.
    Number(f64, usize),
}

impl Arg<'_> {
    /// A decimal rounded to `places` (`12.345`, 1 -> `12.3` in English, `12,3` elsewhere).
    pub fn decimal(value: f64, places: usize) -> Arg<'static> {
        let scale = 10f64.powi(places as i32);
        Arg::Number((value * scale).round() / scale, places)
    }

    fn value(&self) -> FluentValue<'_> {
        match self {
            Arg::Text(s) => FluentValue::String(Cow::Borrowed(s.as_ref())),
            Arg::Number(v, places) => FluentValue::Number(FluentNumber::new(
                *v,
                FluentNumberOptions {
                    minimum_fraction_digits: (*places > 0).then_some(*places),
                    maximum_fraction_digits: Some(*places),
                    use_grouping: false,
                    ..Default::default()
                },
            )),
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

impl From<String> for Arg<'static> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

macro_rules! arg_from_int {
    ($($t:ty)+) => {$(
        impl From<$t> for Arg<'static> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64, 0)
            }
        }
    )+};
}
arg_from_int!(u8 u16 u32 u64 usize i32 i64);

/// One language's messages: `text` for a plain message, `fmt` with arguments.
#[derive(Clone, Copy)]
pub struct Words {
    lang: Lang,
    bundle: &'static Bundle,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({})", self.lang.tag())
    }
}

impl Words {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.fmt(id, &[])
    }

    /// A message with its arguments. A message this language lacks comes in English, and one
    /// nobody has shows its id (the tests keep both from happening).
    pub fn fmt(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.try_fmt(id, args)
            .or_else(|| {
                (self.lang != Lang::En)
                    .then(|| Lang::En.words().try_fmt(id, args))
                    .flatten()
            })
            .unwrap_or_else(|| id.to_owned())
    }

    /// A message in this language, if it has it.
    pub fn try_fmt(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.value());
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }

    /// Whether this language has the message.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A decimal as this language writes it (`12,3`), outside a message.
    pub fn number(&self, value: f64, places: usize) -> String {
        let s = match Arg::decimal(value, places) {
            Arg::Number(v, p) => format!("{v:.p$}"),
            Arg::Text(t) => t.into_owned(),
        };
        if self.lang.decimal_comma() {
            s.replace('.', ",")
        } else {
            s
        }
    }

    /// The headline for a refusal: a device fault's line by its code, the flow's reason,
    /// then the error code (`refused-<code>`), else a plain "not accepted".
    pub fn refusal(&self, code: &str, reason: Option<&str>) -> String {
        if let Some(line) = reason.and_then(|r| self.device_problem(r)) {
            return line;
        }
        reason
            .and_then(|r| self.try_fmt(&message_id("refused", r), &[]))
            .or_else(|| self.try_fmt(&message_id("refused", code), &[]))
            .unwrap_or_else(|| self.text("refused-generic"))
    }

    /// What the packer reads for a device fault code (`paper_out`, `scale_disconnected`...):
    /// the message `fault-<code>`.
    pub fn device_problem(&self, code: &str) -> Option<String> {
        self.try_fmt(&message_id("fault", code), &[])
    }

    /// A device's name by its kind (`label_printer` -> `device-kind-label-printer`).
    pub fn device_kind(&self, kind: &str) -> String {
        self.try_fmt(&message_id("device-kind", kind), &[])
            .unwrap_or_else(|| kind.replace('_', " "))
    }
}

/// A message id from a prefix and a snake_case code: `refused` + `over_scan` ->
/// `refused-over-scan`.
pub fn message_id(prefix: &str, code: &str) -> String {
    format!("{prefix}-{}", code.replace('_', "-"))
}
