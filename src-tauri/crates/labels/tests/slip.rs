//! The packing slip read back with poppler (`pdftotext -layout`, `pdfinfo`): every line's SKU
//! and quantities, pagination with "Page N of M" and a repeated header, gift slips without
//! prices, diacritics, paper sizes; plus layout bounds for any input (proptest).

use std::process::Command;

use packbench_labels::slip::{layout_packing_slip, SlipElement};
use packbench_labels::{render_packing_slip, PackingSlipData, Paper, SlipLine};
use proptest::prelude::*;

fn sample() -> PackingSlipData {
    serde_json::from_str(include_str!("../../../../assets/samples/packing-slip.json"))
        .expect("the sample packing slip parses")
}

/// `n` lines whose quantities vary with the index; every fifth is short.
fn with_lines(n: usize) -> PackingSlipData {
    let mut d = sample();
    d.lines = (0..n)
        .map(|i| {
            let ordered = 1 + (i as u32 * 7) % 13;
            let shipped = if i % 5 == 3 {
                ordered - 1 - (i as u32 % 2).min(ordered - 1)
            } else {
                ordered
            };
            SlipLine {
                sku: format!("SKU-{:05}", 31 * i + 7),
                name: if i % 4 == 0 {
                    format!("Produs {i} cu nume lung: șervețel de masă brodat manual, Țara Hațegului, și ceașcă de porțelan pictată")
                } else {
                    format!("Towar {i} łączony")
                },
                qty_ordered: ordered,
                qty_shipped: shipped,
                unit_price_minor: Some(100 * i as u64 + 99),
            }
        })
        .collect();
    d
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for this test (apt-get install poppler-utils): {e}")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 tool output")
}

struct ReadBack {
    /// Text of each page (pdftotext -layout splits pages with form feeds).
    pages: Vec<String>,
    info: String,
}

fn read_back(pdf: &[u8]) -> ReadBack {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slip.pdf");
    std::fs::write(&path, pdf).unwrap();
    let p = path.to_str().unwrap();
    let text = run("pdftotext", &["-layout", "-enc", "UTF-8", p, "-"]);
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    ReadBack {
        pages,
        info: run("pdfinfo", &[p]),
    }
}

impl ReadBack {
    fn all(&self) -> String {
        self.pages.join("\n")
    }
    fn page_count(&self) -> usize {
        self.info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .expect("pdfinfo Pages")
            .trim()
            .parse()
            .unwrap()
    }
    /// Page size in points from pdfinfo's "Page size: W x H pts".
    fn page_size_pt(&self) -> (f64, f64) {
        let line = self
            .info
            .lines()
            .find_map(|l| l.strip_prefix("Page size:"))
            .expect("pdfinfo Page size");
        let nums: Vec<f64> = line
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        (nums[0], nums[1])
    }
}

fn render(d: &PackingSlipData, paper: Paper) -> ReadBack {
    read_back(&render_packing_slip(d, paper).expect("slip renders"))
}

/// The words of the text line that holds `sku`, from the SKU on.
fn row_tokens<'a>(text: &'a str, sku: &str) -> Vec<&'a str> {
    let line = text
        .lines()
        .find(|l| l.split_whitespace().any(|w| w == sku))
        .unwrap_or_else(|| panic!("no line with {sku} in:\n{text}"));
    line.split_whitespace().skip_while(|w| *w != sku).collect()
}

#[test]
fn every_line_reads_back_with_its_sku_and_quantities() {
    for paper in [Paper::A4, Paper::Letter] {
        let d = with_lines(70);
        let r = render(&d, paper);
        let text = r.all();
        for l in &d.lines {
            let tokens = row_tokens(&text, &l.sku);
            // SKU, name words..., ordered, shipped [, SHORT n] [, price]: the quantities are
            // the first two whole numbers after the name, so read them from the right end.
            let numbers: Vec<u32> = tokens
                .iter()
                .skip(1)
                .filter_map(|w| w.parse().ok())
                .collect();
            let expect_tail: Vec<u32> = if l.is_short() {
                vec![l.qty_ordered, l.qty_shipped, l.qty_ordered - l.qty_shipped]
            } else {
                vec![l.qty_ordered, l.qty_shipped]
            };
            assert!(
                numbers.ends_with(&expect_tail),
                "{}: {tokens:?} should end in {expect_tail:?}",
                l.sku
            );
            assert_eq!(
                tokens.contains(&"SHORT"),
                l.is_short(),
                "{}: short mark {tokens:?}",
                l.sku
            );
        }
    }
}

#[test]
fn page_count_grows_with_lines_and_every_page_says_n_of_m() {
    let mut last = 0;
    let mut counts = Vec::new();
    for n in [1, 10, 40, 80, 160] {
        let d = with_lines(n);
        let r = render(&d, Paper::A4);
        let m = r.page_count();
        assert_eq!(r.pages.len(), m, "pdftotext pages vs pdfinfo");
        assert_eq!(
            layout_packing_slip(&d, Paper::A4).unwrap().pages.len(),
            m,
            "layout vs PDF"
        );
        assert!(m >= last, "{n} lines: {m} pages after {last}");
        last = m;
        counts.push(m);
        for (i, page) in r.pages.iter().enumerate() {
            let own = format!("Page {} of {m}", i + 1);
            assert!(page.contains(&own), "page {} lacks {own:?}:\n{page}", i + 1);
            assert_eq!(page.matches("Page ").count(), 1, "one page mark a page");
            // A page that lists lines starts them under the table header.
            let first_row = page.find("SKU-");
            if let Some(row) = first_row {
                let header = page.find("Ordered").expect("header on a page with rows");
                assert!(header < row, "header before the rows on page {}", i + 1);
                assert!(page[..row].contains("Shipped"));
            }
        }
        // Each line is printed once, on one page.
        for l in &d.lines {
            let on: Vec<usize> = (0..m)
                .filter(|&p| r.pages[p].split_whitespace().any(|w| w == l.sku))
                .collect();
            assert_eq!(on.len(), 1, "{} is on pages {on:?}", l.sku);
        }
        // The returns note is on the last page.
        assert!(r.pages[m - 1].contains("Returns"));
    }
    assert_eq!(counts[0], 1, "one line fits one page");
    assert!(counts[4] >= 4, "160 lines take several pages: {counts:?}");
    assert!(counts[4] > counts[1], "{counts:?}");
}

#[test]
fn gift_slip_shows_the_message_and_no_prices() {
    let mut d = sample();
    let plain = render(&d, Paper::A4).all();
    // Without a gift message the prices are printed (so the check below can fail).
    assert!(plain.contains("24.99 PLN"), "{plain}");
    assert!(plain.contains("Unit price"));
    assert!(!plain.contains("Gift message"));

    d.gift_message = Some(
        "Wszystkiego najlepszego, Babciu! La mulți ani și multă sănătate. Ściskam, Żaneta".into(),
    );
    let gift = render(&d, Paper::A4).all();
    assert!(gift.contains("Gift message"), "{gift}");
    let flat = gift.split_whitespace().collect::<Vec<_>>().join(" ");
    for word in ["Babciu!", "mulți", "sănătate.", "Żaneta"] {
        assert!(flat.contains(word), "{word} missing in {flat}");
    }
    assert!(
        !gift.contains("PLN"),
        "a gift slip shows a currency:\n{gift}"
    );
    assert!(!gift.contains("price"), "{gift}");
    for l in &d.lines {
        let p = l.unit_price_minor.unwrap();
        let shown = format!("{}.{:02}", p / 100, p % 100);
        assert!(!gift.contains(&shown), "price {shown} on a gift slip");
    }
    // Items are still all there.
    for l in &d.lines {
        assert!(gift.contains(&l.sku));
    }
}

#[test]
fn polish_and_romanian_diacritics_extract() {
    let r = render(&sample(), Paper::A4);
    let flat = r.all().split_whitespace().collect::<Vec<_>>().join(" ");
    for s in [
        "Wiśniewska-Łukasik",
        "„Żółta Łódź”",
        "Gdańsk",
        "Źródlana",
        "șervețel",
        "Hațegului)",
        "odstąpienie",
    ] {
        assert!(flat.contains(s), "{s} missing in {flat}");
    }
    let fonts = {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.pdf");
        std::fs::write(&p, render_packing_slip(&sample(), Paper::A4).unwrap()).unwrap();
        run("pdffonts", &[p.to_str().unwrap()])
    };
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "fonts embedded: {fonts}"
    );
}

#[test]
fn a4_and_letter_have_their_page_sizes() {
    for (paper, w_mm, h_mm) in [(Paper::A4, 210.0, 297.0), (Paper::Letter, 215.9, 279.4)] {
        let r = render(&with_lines(50), paper);
        let (w, h) = r.page_size_pt();
        let pt = |mm: f64| mm / 25.4 * 72.0;
        assert!((w - pt(w_mm)).abs() < 0.5, "{paper:?}: {w} pt wide");
        assert!((h - pt(h_mm)).abs() < 0.5, "{paper:?}: {h} pt high");
        assert!(r.page_count() >= 2);
    }
    // Letter is shorter: the same lines never need fewer pages on it.
    let d = with_lines(120);
    assert!(render(&d, Paper::Letter).page_count() >= render(&d, Paper::A4).page_count());
}

#[test]
fn header_has_order_date_parcel_and_logo_or_name() {
    let d = sample();
    let r = render(&d, Paper::A4);
    let first = &r.pages[0];
    for s in [
        "PACKING SLIP",
        "SHOP-PL-2026-118457",
        "2026-11-26",
        "Parcel 1 of 2",
    ] {
        assert!(first.contains(s), "{s} missing:\n{first}");
    }
    // kwiat has a logo: drawn shapes plus its wordmark.
    let layout = layout_packing_slip(&d, Paper::A4).unwrap();
    assert!(layout.pages[0]
        .iter()
        .any(|e| matches!(e, SlipElement::Poly { .. })));
    assert!(first.contains("Kwiat Ogród"));

    let mut other = d.clone();
    other.client_id = "no-logo-shop".into();
    other.client_name = "Sklep Bez Logo Șerban".into();
    other.parcel = None;
    let layout = layout_packing_slip(&other, Paper::A4).unwrap();
    assert!(!layout.pages[0]
        .iter()
        .any(|e| matches!(e, SlipElement::Poly { .. })));
    let first = render(&other, Paper::A4).pages[0].clone();
    assert!(first.contains("Sklep Bez Logo Șerban"), "{first}");
    assert!(first.contains("Parcel 1 of 1"));
}

#[test]
fn long_names_wrap_within_the_item_column() {
    let mut d = sample();
    let long = "Bardzo długa nazwa produktu ".repeat(12) + "KONIEC";
    d.lines[0].name = long.clone();
    let layout = layout_packing_slip(&d, Paper::A4).unwrap();
    let words_in_layout: String = layout.pages[0]
        .iter()
        .filter_map(|e| match e {
            SlipElement::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words_in_layout.contains("KONIEC"), "the name is not cut");
    let text = render(&d, Paper::A4).all();
    let name_lines = text.lines().filter(|l| l.contains("długa")).count();
    assert!(name_lines >= 3, "wrapped over {name_lines} lines");
}

#[test]
fn refuses_inconsistent_slips_with_stable_codes() {
    let mut d = sample();
    d.lines[0].qty_shipped = d.lines[0].qty_ordered + 1;
    assert_eq!(
        render_packing_slip(&d, Paper::A4).unwrap_err().code(),
        "label_invalid_field"
    );
    let mut d = sample();
    d.lines.clear();
    assert_eq!(
        render_packing_slip(&d, Paper::A4).unwrap_err().code(),
        "label_invalid_field"
    );
    let mut d = sample();
    d.currency = None;
    assert!(
        render_packing_slip(&d, Paper::A4).is_err(),
        "prices need a currency"
    );
    d.gift_message = Some("Dla Ciebie".into());
    assert!(
        render_packing_slip(&d, Paper::A4).is_ok(),
        "a gift slip shows no prices, so needs no currency"
    );
    assert_eq!("letter".parse::<Paper>().unwrap(), Paper::Letter);
    assert!("a5".parse::<Paper>().is_err());
}

#[test]
fn characters_outside_the_font_still_render() {
    let mut d = sample();
    d.gift_message = Some("Dla Ciebie 🎁 贈り物 ✓".into());
    d.lines[0].name = "Kubek 🍵 z napisem 「茶」".into();
    let r = render(&d, Paper::A4);
    let flat = r.all();
    assert!(
        flat.contains("Dla Ciebie") && flat.contains("Kubek"),
        "{flat}"
    );
    assert_eq!(r.page_count(), 1);
}

#[test]
fn slip_is_deterministic() {
    let d = with_lines(45);
    let a = render_packing_slip(&d, Paper::A4).unwrap();
    assert_eq!(a, render_packing_slip(&d, Paper::A4).unwrap());
    assert_ne!(a, render_packing_slip(&d, Paper::Letter).unwrap());
    assert!(a.starts_with(b"%PDF-"));
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9ąćęłńóśźżȘșȚțăâî ,.\\-]{0,160}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_lines_stay_on_the_page_above_the_footer(
        names in proptest::collection::vec(text(), 1..60),
        sku in "[A-Z0-9\\-]{1,40}",
        gift in proptest::option::of(text()),
        letter in any::<bool>(),
    ) {
        let mut d = sample();
        d.gift_message = gift;
        d.lines = names
            .iter()
            .enumerate()
            .map(|(i, n)| SlipLine {
                sku: format!("{sku}{i}"),
                name: n.clone(),
                qty_ordered: 2,
                qty_shipped: (i % 3) as u32,
                unit_price_minor: Some(i as u64),
            })
            .collect();
        let paper = if letter { Paper::Letter } else { Paper::A4 };
        let layout = layout_packing_slip(&d, paper).unwrap();
        let (w, h) = paper.size_mm();
        let m = layout.pages.len();
        for (i, page) in layout.pages.iter().enumerate() {
            let marks: Vec<&String> = page
                .iter()
                .filter_map(|e| match e {
                    SlipElement::Text { text, .. } if text.starts_with("Page ") => Some(text),
                    _ => None,
                })
                .collect();
            let own = format!("Page {} of {}", i + 1, m);
            prop_assert_eq!(marks, vec![&own]);
            for e in page {
                match e {
                    SlipElement::Text { x_mm, baseline_mm, width_mm, text, .. } => {
                        prop_assert!(*x_mm >= 14.99 && x_mm + width_mm <= w - 14.99, "{text} at {x_mm}+{width_mm}");
                        prop_assert!(*baseline_mm > 15.0 && *baseline_mm <= h - 14.99, "{text} at {baseline_mm}");
                        if !text.starts_with("Page ") && !text.contains(" · order ") {
                            prop_assert!(*baseline_mm < h - 15.0 - 12.0 + 0.01, "{text} in the footer");
                        }
                    }
                    SlipElement::Fill { x_mm, y_mm, width_mm, height_mm, .. } => {
                        prop_assert!(*x_mm >= 0.0 && x_mm + width_mm <= w && *y_mm >= 0.0 && y_mm + height_mm <= h);
                    }
                    SlipElement::Poly { points, .. } => {
                        prop_assert!(points.iter().all(|&(x, y)| (0.0..=w).contains(&x) && (0.0..=h).contains(&y)));
                    }
                }
            }
        }
        if d.is_gift() {
            // A gift slip shows no prices: it is the same page whether the lines carry prices
            // or not (a name may itself read "PLN", so the words alone prove nothing).
            let mut unpriced = d.clone();
            unpriced.currency = None;
            for line in &mut unpriced.lines {
                line.unit_price_minor = None;
            }
            prop_assert_eq!(layout, layout_packing_slip(&unpriced, paper).unwrap());
        }
    }
}

/// Slips, action sheets and training packs print in the packer's (or the order's) language:
/// the embedded DejaVu faces draw every character of every language's messages, and of the
/// pseudo-locale's accents.
#[test]
fn the_pdf_font_draws_every_character_of_every_language() {
    use packbench_ipc::i18n::{pseudo, Lang};
    use packbench_labels::font::{has_glyph, FontWeight};
    let mut sources: Vec<(&str, &str)> = Lang::ALL.iter().map(|l| (l.tag(), l.source())).collect();
    sources.push(("en-XA", pseudo::ACCENTED));
    let endonyms: String = Lang::ALL.iter().map(|l| l.endonym()).collect();
    sources.push(("endonyms", &endonyms));
    for (tag, text) in sources {
        for weight in [FontWeight::Regular, FontWeight::Bold] {
            let missing: std::collections::BTreeSet<char> = text
                .chars()
                .filter(|c| !c.is_control() && !has_glyph(*c, weight))
                .collect();
            assert!(missing.is_empty(), "{tag} {weight:?}: {missing:?}");
        }
    }
    // The letters this is about, named.
    for c in "ąčęėįšųūžĄČĘĖĮŠŲŪŽїєґЇЄҐъщЪЩăâîșțĂÂÎȘȚłńśźż".chars()
    {
        assert!(
            has_glyph(c, FontWeight::Regular) && has_glyph(c, FontWeight::Bold),
            "{c}"
        );
    }
}

/// A slip in the order's language: its headings, totals (with the language's plurals), short
/// note and page footer read back in that language; an unknown language prints in English.
#[test]
fn the_slip_reads_back_in_its_language() {
    let mut d = with_lines(3);
    let want: [(&str, &[&str]); 4] = [
        (
            "uk",
            &[
                "ПАКУВАЛЬНИЙ ЛИСТ",
                "Одержувач",
                "3 позиції",
                "Сторінка 1 з 1",
            ],
        ),
        (
            "lt",
            &["PAKAVIMO LAPAS", "Gavėjas", "3 eilutės", "Puslapis 1 iš 1"],
        ),
        (
            "pl",
            &[
                "SPECYFIKACJA PRZESYŁKI",
                "Odbiorca",
                "3 pozycje",
                "Strona 1 z 1",
            ],
        ),
        ("de", &["PACKING SLIP", "Ship to", "3 lines", "Page 1 of 1"]),
    ];
    for (lang, words) in want {
        d.lang = Some(lang.to_owned());
        let text = render(&d, Paper::A4).all();
        // pdftotext may put a run of spaces where the layout set one.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for w in words {
            assert!(flat.contains(w), "{lang}: {w} not in\n{text}");
        }
    }
}
