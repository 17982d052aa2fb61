//! The crate's one integration test binary: ZPL structure and escaping, layout bounds for
//! any input (proptest), determinism, and read-back of the printed barcodes with real tools
//! (poppler's pdftoppm, zbar's zbarimg) and a real ZPL renderer (labelize).

use std::path::Path;
use std::process::Command;

use packbench_labels::layout::{Bounds, Element, LABEL_HEIGHT_MM, LABEL_WIDTH_MM};
use packbench_labels::{layout, render, Dpi, Format, LabelData, LabelError};
use proptest::prelude::*;

fn sample() -> LabelData {
    serde_json::from_str(include_str!("../../../../assets/samples/label-data.json"))
        .expect("the sample label data parses")
}

fn zpl(data: &LabelData, dpi: Dpi) -> String {
    String::from_utf8(render(data, Format::Zpl, dpi).unwrap()).unwrap()
}

/// The `^XX` / `~XX` commands of a ZPL document with their parameters, field data included.
fn commands(zpl: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = zpl;
    while let Some(start) = rest.find(['^', '~']) {
        let after = &rest[start + 1..];
        let end = after.find(['^', '~']).unwrap_or(after.len());
        let body = &after[..end];
        let name_len = body.chars().take(2).map(char::len_utf8).sum::<usize>();
        out.push((
            format!("{}{}", &rest[start..start + 1], &body[..name_len]),
            body[name_len..].trim_end().to_owned(),
        ));
        rest = &after[end..];
    }
    out
}

// ---------- ZPL structure ----------

#[test]
fn zpl_is_one_label_with_the_4x6_print_area() {
    for (dpi, pw, ll) in [(Dpi::D203, "812", "1218"), (Dpi::D300, "1218", "1827")] {
        let z = zpl(&sample(), dpi);
        assert!(z.starts_with("^XA\n"), "{z}");
        assert!(z.ends_with("^XZ\n"));
        let cmds = commands(&z);
        assert_eq!(cmds.iter().filter(|(c, _)| c == "^XA").count(), 1);
        assert_eq!(cmds.iter().filter(|(c, _)| c == "^XZ").count(), 1);
        assert!(cmds.contains(&("^PW".into(), pw.into())), "{dpi:?}");
        assert!(cmds.contains(&("^LL".into(), ll.into())), "{dpi:?}");
        let ci = cmds
            .iter()
            .position(|(c, p)| c == "^CI" && p == "28")
            .expect("^CI28");
        let first_fd = cmds.iter().position(|(c, _)| c == "^FD").unwrap();
        assert!(
            ci < first_fd,
            "UTF-8 must be selected before any field data"
        );
        assert!(
            z.is_ascii(),
            "everything beyond ASCII goes through ^FH escapes"
        );
    }
}

#[test]
fn zpl_positions_and_bar_modules_are_whole_dots_inside_the_label() {
    for dpi in [Dpi::D203, Dpi::D300] {
        let (w, h) = dpi.label_dots();
        let z = zpl(&sample(), dpi);
        let cmds = commands(&z);
        let mut by = Vec::new();
        for (cmd, params) in &cmds {
            match cmd.as_str() {
                "^FO" | "^FT" => {
                    let xy: Vec<u32> = params
                        .split(',')
                        .map(|v| v.parse().expect("integer dots"))
                        .collect();
                    assert!(xy[0] < w && xy[1] <= h, "{cmd}{params} outside {w}x{h}");
                }
                "^BY" => by.push(params.parse::<u32>().expect("module width is whole dots")),
                "^GB" | "^BC" | "^BQ" | "^A" => {
                    for p in params
                        .split(',')
                        .filter(|p| p.chars().all(|c| c.is_ascii_digit() || c == '.'))
                    {
                        assert!(!p.contains('.'), "{cmd}{params}");
                    }
                }
                _ => {}
            }
        }
        assert_eq!(by.len(), 2, "tracking and SSCC barcodes");
        let min = if dpi == Dpi::D203 { 2 } else { 3 };
        assert!(by.iter().all(|&m| m >= min), "{by:?}");
        let bq: Vec<_> = cmds.iter().filter(|(c, _)| c == "^BQ").collect();
        assert_eq!(bq.len(), 1);
    }
}

#[test]
fn zpl_barcodes_carry_the_exact_data() {
    let data = sample();
    let z = zpl(&data, Dpi::D203);
    let bc: Vec<&str> = z.lines().filter(|l| l.contains("^BC")).collect();
    assert_eq!(bc.len(), 2);
    // "0000771234567U": the odd leading digit in set B, twelve digits as pairs in set C, "U" in B.
    assert!(bc[0].ends_with("^FD>:0>5000771234567>6U^FS"), "{}", bc[0]);
    assert!(
        bc[1].ends_with(&format!("^FD>;>800{}^FS", data.sscc.as_str())),
        "{}",
        bc[1]
    );
    let qr = z.lines().find(|l| l.contains("^BQ")).unwrap();
    let payload = data.qr_payload();
    assert!(
        qr.contains(&format!("^FH^FDMM,B{:04}{}^FS", payload.len(), payload)),
        "{qr}"
    );
}

#[test]
fn user_text_cannot_inject_zpl_commands() {
    let mut data = sample();
    data.recipient.name = "Evil^XZ^XA^FO0,0^GB812,1218,812^FS~JA_x".into();
    data.recipient.street_lines = vec!["~HS ^PQ99".into()];
    data.order_ref = "^IDR:*.*^FS".into();
    data.qr_content = Some("a^XZ~JR_".into());
    for dpi in [Dpi::D203, Dpi::D300] {
        let z = zpl(&data, dpi);
        let cmds = commands(&z);
        let names: Vec<&str> = cmds.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(names.iter().filter(|&&c| c == "^XZ").count(), 1);
        assert_eq!(names.iter().filter(|&&c| c == "^XA").count(), 1);
        for forbidden in ["^PQ", "^ID", "~JA", "~JR", "~HS"] {
            assert!(!names.contains(&forbidden), "{forbidden} injected:\n{z}");
        }
        assert!(!z.contains('~'));
        assert!(z.contains("^FH^FDEvil_5EXZ_5EXA_5EFO0,0"), "{z}");
        assert!(z.contains("_5EFS_7EJA_5Fx^FS"), "{z}");
        assert!(z.contains("^FH^FDMM,B0008a_5EXZ_7EJR_5F^FS"));
        // Every field that carries data is hex-escaped or a barcode of checked characters.
        for line in z.lines().filter(|l| l.contains("^FD")) {
            assert!(line.contains("^FH^FD") || line.contains("^BC"), "{line}");
        }
    }
}

#[test]
fn polish_and_romanian_text_is_sent_as_utf8_escapes() {
    let mut data = sample();
    data.recipient.city = "Łódź".into();
    data.sender.name = "Ștefan Țărănescu".into();
    let z = zpl(&data, Dpi::D203);
    assert!(z.contains("_C5_81_C3_B3d_C5_BA"), "Łódź as UTF-8");
    assert!(
        z.contains("_C5_9Etefan _C5_A2_C4_83r_C4_83nescu"),
        "Ș/Ț as the cedilla forms"
    );
    assert!(z.contains("Zofia Wi_C5_9Bniewska-_C5_81ukasik"));
}

// ---------- errors and parsing ----------

#[test]
fn refuses_bad_input_with_stable_codes() {
    assert_eq!(Dpi::try_from(600), Err(LabelError::UnsupportedDpi(600)));
    assert_eq!(Dpi::try_from(300), Ok(Dpi::D300));
    assert_eq!("PDF".parse::<Format>(), Ok(Format::Pdf));
    assert_eq!(
        "png".parse::<Format>().unwrap_err().code(),
        "label_unknown_format"
    );

    let mut data = sample();
    data.tracking_number = "12 34".into();
    let err = render(&data, Format::Zpl, Dpi::D203).unwrap_err();
    assert_eq!(err.code(), "label_invalid_field", "{err}");

    data.tracking_number = "ABCDEFGHJKLMNPQRSTUVWXYZABCDEFGHJKLMNPQRSTUV".into();
    let err = render(&data, Format::Pdf, Dpi::D203).unwrap_err();
    assert_eq!(err.code(), "label_does_not_fit", "{err}");

    let mut data = sample();
    data.weight_g = 0;
    assert_eq!(
        render(&data, Format::Zpl, Dpi::D203).unwrap_err().code(),
        "label_invalid_field"
    );

    let mut json: serde_json::Value =
        serde_json::from_str(include_str!("../../../../assets/samples/label-data.json")).unwrap();
    json["sscc"] = "359012340000001230".into();
    assert!(
        serde_json::from_value::<LabelData>(json.clone()).is_err(),
        "wrong SSCC check digit"
    );
    json["sscc"] = "359012340000001237".into();
    json["colour"] = "red".into();
    assert!(
        serde_json::from_value::<LabelData>(json).is_err(),
        "unknown field"
    );
}

#[test]
fn rendering_is_deterministic() {
    let data = sample();
    for dpi in [Dpi::D203, Dpi::D300] {
        for format in [Format::Zpl, Format::Pdf] {
            let a = render(&data, format, dpi).unwrap();
            let b = render(&data, format, dpi).unwrap();
            assert!(a == b, "{format:?} at {dpi:?} differs between two renders");
        }
    }
    let zpl_203 = render(&data, Format::Zpl, Dpi::D203).unwrap();
    let zpl_300 = render(&data, Format::Zpl, Dpi::D300).unwrap();
    assert_ne!(zpl_203, zpl_300);
}

// ---------- layout bounds ----------

fn inside_label(b: &Bounds) -> bool {
    b.left >= -1e-9
        && b.top >= -1e-9
        && b.right <= LABEL_WIDTH_MM + 1e-9
        && b.bottom <= LABEL_HEIGHT_MM + 1e-9
}

fn overlap(a: &Bounds, b: &Bounds) -> bool {
    let eps = 1e-6;
    a.left < b.right - eps
        && b.left < a.right - eps
        && a.top < b.bottom - eps
        && b.top < a.bottom - eps
}

fn assert_layout_sound(data: &LabelData, dpi: Dpi) -> Result<(), TestCaseError> {
    let l = layout(data, dpi).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let bounds: Vec<(usize, Bounds)> = l
        .elements
        .iter()
        .map(|e| e.bounds(dpi))
        .enumerate()
        .collect();
    for (i, b) in &bounds {
        prop_assert!(
            inside_label(b),
            "element {:?} outside the label: {:?}",
            l.elements[*i],
            b
        );
    }
    for (i, a) in &bounds {
        for (j, b) in &bounds {
            if i < j {
                prop_assert!(
                    !overlap(a, b),
                    "{:?}\noverlaps\n{:?}",
                    l.elements[*i],
                    l.elements[*j]
                );
            }
        }
    }
    for e in &l.elements {
        if let Element::Text(t) = e {
            prop_assert!(
                !t.text.chars().any(char::is_control),
                "control character in {:?}",
                t.text
            );
        }
    }
    Ok(())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,160}",
        "[a-zA-ZąćęłńóśźżĄĆĘŁŃÓŚŹŻăâîșțĂÂÎȘȚ ]{0,200}",
        "[WMŁŻ]{1,120}",
        "(\\PC{1,12}[ \t\n\r]){0,30}",
    ]
}

proptest! {
    // Failures persist beside this file, inside the crate.
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_names_and_addresses_stay_inside_their_zones(
        name in text(), company in proptest::option::of(text()), streets in proptest::collection::vec(text(), 0..6),
        city in text(), postal in text(), sender_name in text(), carrier in text(), service in text(),
        routing in text(), order_ref in text(), phone in proptest::option::of(text()),
        tracking in "[A-Z0-9]{1,24}", weight_g in 1u32..2_000_000, dpi_300 in any::<bool>(),
    ) {
        let mut data = sample();
        data.recipient.name = format!("x{name}");
        data.recipient.company = company;
        data.recipient.street_lines = streets.clone();
        data.recipient.city = format!("x{city}");
        data.recipient.postal_code = postal;
        data.recipient.phone = phone;
        data.sender.name = format!("x{sender_name}");
        data.sender.street_lines = streets;
        data.carrier = carrier;
        data.service = service;
        data.routing_code = routing;
        data.order_ref = order_ref;
        data.tracking_number = tracking;
        data.weight_g = weight_g;
        data.qr_content = None;
        let dpi = if dpi_300 { Dpi::D300 } else { Dpi::D203 };
        assert_layout_sound(&data, dpi)?;
    }

    #[test]
    fn any_qr_content_fits_or_is_refused_cleanly(qr in "[ -~]{1,400}") {
        let mut data = sample();
        data.qr_content = Some(qr);
        for dpi in [Dpi::D203, Dpi::D300] {
            match layout(&data, dpi) {
                Ok(_) => assert_layout_sound(&data, dpi)?,
                Err(e) => prop_assert_eq!(e.code(), "label_does_not_fit"),
            }
        }
    }
}

#[test]
fn sample_layout_is_sound_at_both_resolutions() {
    for dpi in [Dpi::D203, Dpi::D300] {
        assert_layout_sound(&sample(), dpi).unwrap();
    }
}

#[test]
fn zones_run_top_to_bottom_with_the_sscc_lowest() {
    let l = layout(&sample(), Dpi::D203).unwrap();
    let top_of = |needle: &str| {
        l.elements
            .iter()
            .find_map(|e| match e {
                Element::Text(t) if t.text.contains(needle) => Some(t.baseline_mm),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no text {needle:?}"))
    };
    let barcodes: Vec<_> = l
        .elements
        .iter()
        .filter_map(|e| match e {
            Element::Code128(b) => Some(b),
            _ => None,
        })
        .collect();
    let qr_y = l
        .elements
        .iter()
        .find_map(|e| match e {
            Element::Qr(q) => Some(q.y_mm),
            _ => None,
        })
        .unwrap();
    let order = [
        top_of("Packbench Fulfilment"),
        top_of("Zofia"),
        top_of("DPD Polska"),
        barcodes[0].y_mm,
        top_of("2.35 kg"),
        top_of("SHOP-PL-2026-118457"),
        barcodes[1].y_mm,
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The QR code shares the weight/reference band, to their right.
    assert!(qr_y > barcodes[0].y_mm + barcodes[0].height_mm && qr_y < barcodes[1].y_mm);
    assert!(!barcodes[0].is_gs1() && barcodes[1].is_gs1());
    // GS1 logistic labels want an SSCC X-dimension of at least 0.495 mm.
    for dpi in [Dpi::D203, Dpi::D300] {
        let l = layout(&sample(), dpi).unwrap();
        let sscc = l
            .elements
            .iter()
            .rev()
            .find_map(|e| match e {
                Element::Code128(b) => Some(b),
                _ => None,
            })
            .unwrap();
        assert!(
            sscc.module_mm(dpi) >= 0.495,
            "{dpi:?}: {} mm",
            sscc.module_mm(dpi)
        );
    }
    let lowest = l
        .elements
        .iter()
        .map(|e| e.bounds(Dpi::D203).top)
        .fold(0.0, f64::max);
    assert!(
        lowest <= barcodes[1].y_mm + barcodes[1].height_mm + 1.0,
        "only the SSCC's own text is below its bars"
    );
}

#[test]
fn long_names_shrink_wrap_then_cut_with_an_ellipsis() {
    let mut data = sample();
    data.recipient.name = "Żaneta Grzegorzewska-Szczepańska ".repeat(10);
    let l = layout(&data, Dpi::D203).unwrap();
    let name_runs: Vec<_> = l
        .elements
        .iter()
        .filter_map(|e| match e {
            Element::Text(t) if t.text.contains("Żaneta") || t.text.contains("Szczepańska") => {
                Some(t)
            }
            _ => None,
        })
        .collect();
    assert_eq!(name_runs.len(), 2, "{name_runs:?}");
    assert!(name_runs[1].text.ends_with('…'));
    assert!(name_runs[0].size_mm < 4.6, "shrunk before cutting");
}

// ---------- read-back with real tools ----------

/// Runs an external tool, failing with the package to install when it is missing.
fn run(tool: &str, package: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {tool} ({e}): the read-back tests need `apt-get install -y {package}`")
    });
    assert!(
        out.status.success() || tool == "zbarimg",
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[derive(Debug, PartialEq)]
struct Symbol {
    kind: String,
    gs1: bool,
    data: String,
}

/// Decodes every barcode in a PNG with `zbarimg --xml`.
fn decode(png: &Path) -> Vec<Symbol> {
    let xml = run(
        "zbarimg",
        "zbar-tools",
        &["--nodbus", "--xml", "-q", png.to_str().unwrap()],
    );
    xml.split("<symbol ")
        .skip(1)
        .map(|s| {
            let attrs = &s[..s.find('>').unwrap()];
            let kind = attrs
                .split("type='")
                .nth(1)
                .unwrap()
                .split('\'')
                .next()
                .unwrap()
                .to_owned();
            let gs1 = attrs.contains("modifiers='GS1'");
            let data = s
                .split("<![CDATA[")
                .nth(1)
                .unwrap()
                .split("]]>")
                .next()
                .unwrap()
                .to_owned();
            Symbol { kind, gs1, data }
        })
        .collect()
}

fn assert_reads_back(symbols: &[Symbol], data: &LabelData, what: &str) {
    let find = |kind: &str, gs1: bool| {
        symbols
            .iter()
            .filter(|s| s.kind == kind && s.gs1 == gs1)
            .collect::<Vec<_>>()
    };
    let tracking = find("CODE-128", false);
    assert_eq!(
        tracking.len(),
        1,
        "{what}: one plain Code 128 in {symbols:?}"
    );
    assert_eq!(tracking[0].data, data.tracking_number, "{what}");
    let sscc = find("CODE-128", true);
    assert_eq!(sscc.len(), 1, "{what}: one GS1-128 in {symbols:?}");
    assert_eq!(sscc[0].data, format!("00{}", data.sscc.as_str()), "{what}");
    let qr = find("QR-Code", false);
    assert_eq!(qr.len(), 1, "{what}: one QR code in {symbols:?}");
    assert_eq!(qr[0].data, data.qr_payload(), "{what}");
    assert_eq!(symbols.len(), 3, "{what}: {symbols:?}");
}

fn read_back_pdf(data: &LabelData, dpi: Dpi) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("label.pdf");
    std::fs::write(&pdf, render(data, Format::Pdf, dpi).unwrap()).unwrap();
    let res = if dpi == Dpi::D203 { "203" } else { "300" };
    let prefix = dir.path().join("page");
    run(
        "pdftoppm",
        "poppler-utils",
        &[
            "-r",
            res,
            "-gray",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = dir.path().join("page-1.png");
    assert!(png.exists(), "pdftoppm wrote no page-1.png");
    assert_reads_back(&decode(&png), data, &format!("PDF at {res} dpi"));
}

fn read_back_zpl(data: &LabelData, dpi: Dpi) {
    let zpl = render(data, Format::Zpl, dpi).unwrap();
    let options = labelize::RenderOptions {
        width_mm: Some(LABEL_WIDTH_MM),
        height_mm: Some(LABEL_HEIGHT_MM),
        dpmm: dpi.dots_per_mm() as i32,
        ..Default::default()
    };
    let png = labelize::render_png(&zpl, options).expect("labelize renders our ZPL");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("label.png");
    std::fs::write(&path, png.bytes).unwrap();
    if let Ok(keep) = std::env::var("PACKBENCH_LABELS_KEEP") {
        let _ = std::fs::copy(&path, Path::new(&keep).join(format!("zpl-{:?}.png", dpi)));
    }
    assert_reads_back(
        &decode(&path),
        data,
        &format!("ZPL at {dpi:?} via labelize"),
    );
}

#[test]
fn pdf_barcodes_read_back_at_203_and_300_dpi() {
    read_back_pdf(&sample(), Dpi::D203);
    read_back_pdf(&sample(), Dpi::D300);
}

#[test]
fn zpl_barcodes_read_back_at_203_and_300_dpi() {
    read_back_zpl(&sample(), Dpi::D203);
    read_back_zpl(&sample(), Dpi::D300);
}

#[test]
fn other_barcode_data_reads_back_too() {
    let mut data = sample();
    data.tracking_number = "1Z999AA10123456784".into();
    data.sscc = packbench_labels::Sscc::new(0, "0614141", 987_654_321).unwrap();
    data.qr_content = None;
    data.recipient.name = "Ștefan Țărănescu ^XZ ~JA".into();
    read_back_pdf(&data, Dpi::D203);
    read_back_zpl(&data, Dpi::D203);
    data.tracking_number = "00340434161094015902".into();
    data.qr_content = Some("https://track.example/00340434161094015902?l=pl&q=a^b~c_d".into());
    read_back_pdf(&data, Dpi::D300);
    read_back_zpl(&data, Dpi::D300);
}

/// Long text in every field must not print past the content area in the ZPL render either
/// (the printer's font is not the one the layout measured): the strip right of the rules
/// stays white.
#[test]
fn zpl_long_text_stays_inside_the_margins_when_rendered() {
    let mut data = sample();
    data.recipient.name = "WWWWWWWWWW MMMMMMMMMM ŁŁŁŁŁŁŁŁŁ ŻŻŻŻŻŻŻŻŻ ".repeat(3);
    data.recipient.street_lines =
        vec!["ul. Grzegorza Brzęczyszczykiewicza 128/256 m. 1024".into(); 3];
    data.recipient.city = "Szczebrzeszyn-Wielkopolskie-Górne-Dolne-Środkowe".into();
    data.sender.name = "Przedsiębiorstwo Wielobranżowe ".repeat(4);
    data.carrier = "Carrier With An Exceptionally Long Marketing Name".into();
    data.service = "Service With An Exceptionally Long Description Too".into();
    data.routing_code = "ROUTE-WWW-MMM-0427".into();
    data.order_ref = "ORDER-WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW".into();
    for dpi in [Dpi::D203, Dpi::D300] {
        let zpl = render(&data, Format::Zpl, dpi).unwrap();
        let options = labelize::RenderOptions {
            width_mm: Some(LABEL_WIDTH_MM),
            height_mm: Some(LABEL_HEIGHT_MM),
            dpmm: dpi.dots_per_mm() as i32,
            ..Default::default()
        };
        let png = labelize::render_png(&zpl, options).unwrap();
        let img = image::load_from_memory(&png.bytes).unwrap().to_luma8();
        let dpmm = f64::from(dpi.dots_per_mm());
        // The rules end 3 mm from the right edge; allow 0.5 mm for the printer's rounding.
        let first_free = ((LABEL_WIDTH_MM - 2.5) * dpmm).ceil() as u32;
        let inked: Vec<(u32, u32)> = (first_free..img.width())
            .flat_map(|x| (0..img.height()).map(move |y| (x, y)))
            .filter(|&(x, y)| img.get_pixel(x, y).0[0] < 128)
            .collect();
        assert!(
            inked.is_empty(),
            "{dpi:?}: {} dark pixels right of the content, first {:?}",
            inked.len(),
            inked.first()
        );
    }
}

/// The PDF's text extracts as written, diacritics included: the embedded (subset) DejaVu
/// has the glyphs and the text maps back to Unicode.
#[test]
fn pdf_text_extracts_with_polish_and_romanian_letters() {
    let mut data = sample();
    data.sender.name = "Ștefan Țărănescu SRL, Brașov".into();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("label.pdf");
    let bytes = render(&data, Format::Pdf, Dpi::D203).unwrap();
    assert!(
        bytes.len() < 150_000,
        "fonts are subset: {} bytes",
        bytes.len()
    );
    std::fs::write(&pdf, bytes).unwrap();
    let text = run(
        "pdftotext",
        "poppler-utils",
        &["-layout", pdf.to_str().unwrap(), "-"],
    );
    for expected in [
        "Zofia Wiśniewska-Łukasik",
        "Pracownia Ceramiki „Żółta Łódź”",
        "ul. Źródlana 7 m. 14, klatka C, piętro 3",
        "80-288 Gdańsk",
        "Ștefan Țărănescu SRL, Brașov",
        "0000771234567U",
        "(00) 3 5901 2340 0000 0123 7",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let fonts = run("pdffonts", "poppler-utils", &[pdf.to_str().unwrap()]);
    assert_eq!(
        fonts.lines().filter(|l| l.contains("DejaVuSans")).count(),
        2,
        "{fonts}"
    );
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded:\n{fonts}"
    );
}

/// The text under each barcode is centred in the ZPL render too, where the printer's font
/// is narrower than the one the layout measured.
#[test]
fn zpl_barcode_text_is_centred_when_rendered() {
    for dpi in [Dpi::D203, Dpi::D300] {
        let l = layout(&sample(), dpi).unwrap();
        let zpl = render(&sample(), Format::Zpl, dpi).unwrap();
        let options = labelize::RenderOptions {
            width_mm: Some(LABEL_WIDTH_MM),
            height_mm: Some(LABEL_HEIGHT_MM),
            dpmm: dpi.dots_per_mm() as i32,
            ..Default::default()
        };
        let img = image::load_from_memory(&labelize::render_png(&zpl, options).unwrap().bytes)
            .unwrap()
            .to_luma8();
        let dpmm = f64::from(dpi.dots_per_mm());
        let centred: Vec<_> = l
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Text(t) if t.centred => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(centred.len(), 2);
        for t in centred {
            // Ink in the band between the cap height and the baseline of the run.
            let y0 = ((t.baseline_mm - 0.6 * t.size_mm) * dpmm) as u32;
            let y1 = (t.baseline_mm * dpmm) as u32;
            let xs: Vec<u32> = (0..img.width())
                .filter(|&x| (y0..y1).any(|y| img.get_pixel(x, y).0[0] < 128))
                .collect();
            let (left, right) = (
                *xs.first().unwrap() as f64 / dpmm,
                *xs.last().unwrap() as f64 / dpmm,
            );
            let centre = (left + right) / 2.0;
            assert!(
                (centre - LABEL_WIDTH_MM / 2.0).abs() < 1.5,
                "{dpi:?} {:?}: ink {left:.1}..{right:.1} mm",
                t.text
            );
        }
    }
}
