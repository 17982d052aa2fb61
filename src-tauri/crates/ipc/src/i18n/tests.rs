//! The message files kept honest: they parse, every language has English's messages with the
//! same variables, none is empty, every CLDR plural category of each language has its variant
//! and renders as the language says it, decimals take the language's separator, and every
//! message id the code asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

use super::*;

/// A message's variables and the plural selects it makes (variable -> the variants' keys).
#[derive(Debug, Default, PartialEq)]
struct Shape {
    variables: BTreeSet<String>,
    selects: Vec<(String, BTreeSet<String>)>,
    /// The text outside placeables is non-empty somewhere.
    has_text: bool,
}

fn walk_pattern(p: &ast::Pattern<&str>, shape: &mut Shape) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => {
                shape.has_text |= !value.trim().is_empty();
            }
            ast::PatternElement::Placeable { expression } => walk_expression(expression, shape),
        }
    }
}

fn walk_expression(e: &ast::Expression<&str>, shape: &mut Shape) {
    match e {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, shape);
            let keys = variants
                .iter()
                .map(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => (*name).to_owned(),
                    ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                })
                .collect();
            if let ast::InlineExpression::VariableReference { id } = selector {
                shape.selects.push((id.name.to_owned(), keys));
            }
            for v in variants {
                walk_pattern(&v.value, shape);
            }
        }
        ast::Expression::Inline(i) => walk_inline(i, shape),
    }
}

fn walk_inline(i: &ast::InlineExpression<&str>, shape: &mut Shape) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, shape);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, shape),
        ast::InlineExpression::StringLiteral { value } => shape.has_text |= !value.is_empty(),
        _ => {}
    }
}

/// Each message of a file by id, with its shape.
fn messages(lang: Lang) -> BTreeMap<String, Shape> {
    let resource = fluent_syntax::parser::parse(lang.source())
        .unwrap_or_else(|(_, errors)| panic!("{}.ftl: {errors:?}", lang.tag()));
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut shape = Shape::default();
                if let Some(v) = &m.value {
                    walk_pattern(v, &mut shape);
                }
                assert!(
                    m.attributes.is_empty(),
                    "{}: {}: attributes are not used",
                    lang.tag(),
                    m.id.name
                );
                let dup = out.insert(m.id.name.to_owned(), shape);
                assert!(dup.is_none(), "{}: {} twice", lang.tag(), m.id.name);
            }
            ast::Entry::Junk { content } => panic!("{}.ftl: junk {content:?}", lang.tag()),
            _ => {}
        }
    }
    out
}

#[test]
fn every_file_parses() {
    for lang in Lang::ALL {
        let ids = messages(lang);
        assert!(ids.len() > 100, "{}", lang.tag());
        let listed: BTreeSet<&str> = lang.message_ids().into_iter().collect();
        assert_eq!(
            listed,
            ids.keys().map(String::as_str).collect(),
            "{}",
            lang.tag()
        );
    }
}

#[test]
fn every_language_has_englishs_messages_with_the_same_variables() {
    let en = messages(Lang::En);
    for lang in Lang::ALL {
        let other = messages(lang);
        let (ids_en, ids): (BTreeSet<_>, BTreeSet<_>) =
            (en.keys().collect(), other.keys().collect());
        assert_eq!(
            ids_en.difference(&ids).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "{} lacks these",
            lang.tag()
        );
        assert_eq!(
            ids.difference(&ids_en).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "{} has these that English does not",
            lang.tag()
        );
        for (id, shape) in &other {
            assert_eq!(shape.variables, en[id].variables, "{} {id}", lang.tag());
            assert!(shape.has_text, "{} {id} is empty", lang.tag());
        }
    }
}

/// The CLDR cardinal categories a language uses, from whole and decimal counts.
fn categories(lang: Lang) -> BTreeSet<&'static str> {
    let id: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap();
    let rules = PluralRules::create(id, PluralRuleType::CARDINAL).unwrap();
    let mut seen = BTreeSet::new();
    let samples = (0..=220)
        .map(|n| n.to_string())
        .chain(["0.5", "1.5", "2.5", "5.5", "1.1", "2.1", "0.0"].map(str::to_owned));
    for s in samples {
        seen.insert(match rules.select(s.as_str()).unwrap() {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        });
    }
    seen
}

#[test]
fn every_plural_select_has_every_category_of_its_language() {
    let expected: [(Lang, &[&str]); 6] = [
        (Lang::En, &["one", "other"]),
        (Lang::Pl, &["few", "many", "one", "other"]),
        (Lang::Ro, &["few", "one", "other"]),
        (Lang::Uk, &["few", "many", "one", "other"]),
        (Lang::Bg, &["one", "other"]),
        (Lang::Lt, &["few", "many", "one", "other"]),
    ];
    for (lang, cats) in expected {
        let cats: BTreeSet<&str> = cats.iter().copied().collect();
        assert_eq!(categories(lang), cats, "{}", lang.tag());
        let mut selects = 0;
        for (id, shape) in messages(lang) {
            for (var, keys) in &shape.selects {
                let keys: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
                assert_eq!(keys, cats, "{} {id}: the variants on ${var}", lang.tag());
                selects += 1;
            }
        }
        // One-form languages may say a count without a select; the others need theirs.
        assert!(selects >= 5 || cats.len() <= 2, "{}", lang.tag());
    }
}

fn parcels(lang: Lang, n: f64, places: usize) -> String {
    let w = lang.words();
    let line = w.fmt(
        "explain-parcels",
        &[("count", Arg::decimal(n, places)), ("list", "…".into())],
    );
    line.trim_end_matches(": …").to_owned()
}

#[test]
fn each_plural_category_renders_as_the_language_says() {
    let cases: &[(Lang, &[(f64, &str)])] = &[
        (
            Lang::En,
            &[(1.0, "1 parcel"), (2.0, "2 parcels"), (0.0, "0 parcels")],
        ),
        (
            Lang::Pl,
            &[
                (1.0, "1 paczka"),
                (2.0, "2 paczki"),
                (5.0, "5 paczek"),
                (12.0, "12 paczek"),
                (22.0, "22 paczki"),
            ],
        ),
        (
            Lang::Ro,
            &[
                (1.0, "1 colet"),
                (2.0, "2 colete"),
                (19.0, "19 colete"),
                (20.0, "20 de colete"),
            ],
        ),
        (
            Lang::Uk,
            &[
                (1.0, "1 посилка"),
                (3.0, "3 посилки"),
                (5.0, "5 посилок"),
                (11.0, "11 посилок"),
                (21.0, "21 посилка"),
            ],
        ),
        (
            Lang::Bg,
            &[(1.0, "1 пратка"), (2.0, "2 пратки"), (11.0, "11 пратки")],
        ),
        (
            Lang::Lt,
            &[
                (1.0, "1 siunta"),
                (2.0, "2 siuntos"),
                (10.0, "10 siuntų"),
                (15.0, "15 siuntų"),
                (21.0, "21 siunta"),
            ],
        ),
    ];
    for (lang, table) in cases {
        for (n, want) in *table {
            assert_eq!(parcels(*lang, *n, 0), *want, "{}", lang.tag());
        }
    }
    // Decimals select their own category (CLDR `other`/`many`) and print with a comma.
    assert_eq!(parcels(Lang::Pl, 1.5, 1), "1,5 paczki");
    assert_eq!(parcels(Lang::Uk, 1.5, 1), "1,5 посилки");
    assert_eq!(parcels(Lang::Lt, 1.5, 1), "1,5 siuntos");
    assert_eq!(parcels(Lang::Ro, 1.5, 1), "1,5 colete");
    assert_eq!(parcels(Lang::En, 1.5, 1), "1.5 parcels");
}

#[test]
fn decimals_take_the_languages_separator() {
    let kg = |lang: Lang| {
        lang.words().fmt(
            "rejection-too-heavy",
            &[
                ("kg", Arg::decimal(12.345, 1)),
                ("max", Arg::decimal(10.0, 1)),
            ],
        )
    };
    assert_eq!(kg(Lang::En), "12.3 kg is over its 10.0 kg limit");
    assert_eq!(kg(Lang::Pl), "12,3 kg przekracza limit 10,0 kg");
    assert_eq!(kg(Lang::Uk), "12,3 кг перевищує ліміт 10,0 кг");
    for lang in Lang::ALL {
        assert_eq!(lang.decimal_comma(), lang != Lang::En);
        let s = kg(lang);
        assert!(s.contains(&lang.words().number(12.345, 1)), "{s}");
    }
    // Whole numbers print without grouping or decimals.
    let w = Lang::Pl.words();
    assert_eq!(
        w.fmt("expected-weight", &[("grams", 12_345u32.into())]),
        "Oczekiwane 12345 g"
    );
}

#[test]
fn the_pseudo_locale_is_accented_and_longer() {
    let (mut en_len, mut pseudo_len) = (0, 0);
    let en = Lang::En.words();
    let pseudo = Lang::Pseudo.words();
    for id in messages(Lang::En).keys() {
        let (e, p) = (en.text(id), pseudo.text(id));
        // The text, without the variables (not given, they show as `{$name}`).
        let text = |s: &str| -> String {
            s.split('{')
                .map(|s| s.split_once('}').map_or(s, |(_, t)| t))
                .collect()
        };
        en_len += text(&e).chars().count();
        pseudo_len += text(&p).chars().count();
        // No plain English left.
        assert!(
            !text(&p).chars().any(|c| c.is_ascii_lowercase()),
            "{id}: {p}"
        );
        assert_ne!(e, p, "{id}");
    }
    assert!(
        pseudo_len * 100 >= en_len * (100 + pseudo::LONGER_PCT),
        "{pseudo_len} vs {en_len}"
    );
    assert_eq!(Lang::from_tag("en-XA"), Lang::Pseudo);
    assert!(!Lang::ALL.contains(&Lang::Pseudo));
}

#[test]
fn languages_come_from_tags_and_refusals_from_codes() {
    assert_eq!(Lang::from_tag("pl-PL"), Lang::Pl);
    assert_eq!(Lang::from_tag("RO"), Lang::Ro);
    assert_eq!(Lang::from_tag("uk_UA"), Lang::Uk);
    assert_eq!(Lang::from_tag("bg"), Lang::Bg);
    assert_eq!(Lang::from_tag("lt-LT"), Lang::Lt);
    assert_eq!(Lang::from_tag("de"), Lang::En);
    assert_eq!(Lang::from_tag(""), Lang::En);
    assert_eq!(Lang::parse("de-AT"), None);
    let (en, pl, ro) = (Lang::En.words(), Lang::Pl.words(), Lang::Ro.words());
    assert_eq!(
        pl.fmt("take-slot", &[("slot", "07".into())]),
        "Weź półkę 07"
    );
    assert_eq!(
        ro.refusal("refused", Some("over_scan")),
        "Prea multe bucăți din acest produs"
    );
    assert_eq!(en.refusal("trolley_unknown", None), "Unknown trolley");
    assert_eq!(
        en.refusal("refused", Some("not_a_known_reason")),
        "Not accepted"
    );
    // A device fault: its own line, in the packer's language, with what to do.
    assert_eq!(
        en.refusal("device_failed", Some("paper_out")),
        "Label printer: out of labels — load a new roll, then scan PB-REPRINT"
    );
    assert_eq!(
        pl.refusal("device_failed", Some("scale_disconnected")),
        "Waga: odłączona — sprawdź kabel; połączy się sama"
    );
    assert!(ro
        .refusal("device_failed", Some("head_open"))
        .starts_with("Imprimanta de etichete: capul este deschis"));
    assert_eq!(
        en.refusal("device_failed", Some("printer_spool_failed")),
        "Device problem"
    );
    assert_eq!(en.device_kind("label_printer"), "Label printer");
    assert_eq!(en.device_kind("fridge"), "fridge");
    // A message nobody has shows its id rather than nothing.
    assert_eq!(pl.text("no-such-message"), "no-such-message");
}

#[test]
fn every_refusal_code_has_a_headline_in_every_language() {
    let codes = [
        "invalid_scan",
        "trolley_unknown",
        "trolley_claimed_elsewhere",
        "backend_unreachable",
        "backend_rejected",
        "storage_failed",
        "device_failed",
        "wrong_item",
        "over_scan",
        "gs1_invalid",
        "item_of_other_order",
        "expected_trolley",
        "expected_slot",
        "trolley_in_progress",
        "serial_duplicate",
        "packaging_reason_required",
    ];
    for lang in Lang::ALL {
        for code in codes {
            assert!(
                lang.words().has(&message_id("refused", code)),
                "{} {code}",
                lang.tag()
            );
        }
    }
}

/// String literals the code passes as message ids: `.text("id")`, `.fmt("id", ..)`,
/// `.try_fmt("id", ..)`, and in this crate the ids match arms pick (`=> "packaging-box"`).
fn ids_in(source: &str, arms: bool) -> Vec<String> {
    let mut markers = vec![".text(", ".fmt(", ".try_fmt("];
    if arms {
        markers.push("=> ");
    }
    let mut out = Vec::new();
    for marker in markers {
        for (at, _) in source.match_indices(marker) {
            let rest = source[at + marker.len()..].trim_start();
            let Some(lit) = rest.strip_prefix('"') else {
                continue;
            };
            let Some(end) = lit.find('"') else { continue };
            let id = &lit[..end];
            let looks_like_id = id.contains('-')
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if looks_like_id {
                out.push(id.to_owned());
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !matches!(
                p.file_name().and_then(|n| n.to_str()),
                Some("target" | "gen" | "dist")
            ) {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let en = Lang::En.words();
    let mut checked = 0;
    for (dir, arms) in [
        ("src-tauri/crates/ipc/src", true),
        ("ui/src", false),
        ("src-tauri/services", false),
        ("src-tauri/cli", false),
        ("src-tauri/commands", false),
        ("tests/app", false),
    ] {
        let mut files = Vec::new();
        rust_files(&root.join(dir), &mut files);
        // This file names a missing id on purpose.
        files.retain(|f| !f.ends_with("i18n/tests.rs"));
        for f in files {
            let source = std::fs::read_to_string(&f).unwrap();
            for id in ids_in(&source, arms) {
                assert!(en.has(&id), "{}: no message {id}", f.display());
                checked += 1;
            }
        }
    }
    assert!(
        checked > 60,
        "only {checked} ids found: is the scan still right?"
    );
}
