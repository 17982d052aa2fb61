//! Carrier ZPL checks before printing: labels wider or longer than the loaded labels are
//! refused in millimetres, labels made for another resolution only on evidence of one, with
//! stable codes; the reader follows prefix changes, multi-format files and ^FH escapes, and
//! never panics (proptest).

use packbench_labels::zpl_check::{read_zpl, tokenize, Orientation, Units};
use packbench_labels::{
    check_zpl_for_printer, render, Dpi, Format, LabelData, LabelError, Media, PrinterProfile,
};
use proptest::prelude::*;

const P203: PrinterProfile = PrinterProfile {
    dpi: Dpi::D203,
    media: Media::FOUR_BY_SIX_IN,
    width_dots: 812,
    label_length_dots: 1218,
    head_width_dots: 832,
};
const P300: PrinterProfile = PrinterProfile {
    dpi: Dpi::D300,
    media: Media::FOUR_BY_SIX_IN,
    width_dots: 1218,
    label_length_dots: 1827,
    head_width_dots: 1248,
};
/// A 6-inch-wide 203-dpi printer (6x4 labels).
const P203_WIDE: PrinterProfile = PrinterProfile {
    dpi: Dpi::D203,
    media: Media {
        width_um: 152_400,
        length_um: 101_600,
        inches: true,
    },
    width_dots: 1218,
    label_length_dots: 812,
    head_width_dots: 1218,
};

#[test]
fn profiles_come_from_the_loaded_labels() {
    let p = PrinterProfile::new(Dpi::D203, "103x199mm".parse().unwrap());
    assert_eq!(
        (p.width_dots, p.label_length_dots, p.head_width_dots),
        (824, 1592, 832)
    );
    let p = PrinterProfile::new(Dpi::D300, "6x4in".parse().unwrap());
    assert_eq!((p.width_dots, p.head_width_dots), (1828, 1828));
    assert_eq!(PrinterProfile::four_by_six(Dpi::D203).width_dots, 812);
}

fn sample_label(dpi: Dpi) -> Vec<u8> {
    let data: LabelData =
        serde_json::from_str(include_str!("../../../../assets/samples/label-data.json")).unwrap();
    render(&data, Format::Zpl, dpi).unwrap()
}

fn code(zpl: &str, printer: PrinterProfile) -> Result<(), String> {
    check_zpl_for_printer(zpl.as_bytes(), printer)
        .map(|_| ())
        .map_err(|e| format!("{}: {e}", e.code()))
}

#[test]
fn our_own_labels_pass_on_their_printer_and_fail_on_the_other() {
    let l203 = sample_label(Dpi::D203);
    let l300 = sample_label(Dpi::D300);
    let facts = check_zpl_for_printer(&l203, P203).expect("203 label on 203 printer");
    assert_eq!(facts.formats.len(), 1);
    let f = &facts.formats[0];
    assert_eq!(f.print_width_dots, Some(812));
    assert_eq!(f.label_length_dots, Some(1218));
    assert!(f.fields > 5 && f.max_module_dots.is_some());
    check_zpl_for_printer(&l300, P300).expect("300 label on 300 printer");

    let e = check_zpl_for_printer(&l300, P203).unwrap_err();
    assert_eq!(e.code(), "label_wrong_dpi", "{e}");
    assert!(matches!(
        e,
        LabelError::WrongDpi {
            label_dpi: 300,
            printer_dpi: 203,
            ..
        }
    ));
    let e = check_zpl_for_printer(&l203, P300).unwrap_err();
    assert_eq!(e.code(), "label_wrong_dpi", "{e}");
    assert!(matches!(
        e,
        LabelError::WrongDpi {
            label_dpi: 203,
            printer_dpi: 300,
            ..
        }
    ));
}

#[test]
fn table_of_carrier_labels() {
    // (name, zpl, printer, expected code or "ok", words the message must contain)
    let cases: &[(&str, &str, PrinterProfile, &str, &[&str])] = &[
        (
            "4in 203 on 203",
            "^XA^PW812^LL1218^FO40,40^A0N,30^FDx^FS^XZ",
            P203,
            "ok",
            &[],
        ),
        (
            "4in 300 on 203",
            "^XA^PW1218^LL1827^FO40,40^FDx^FS^XZ",
            P203,
            "label_wrong_dpi",
            &[
                "^PW1218",
                "^LL1827",
                "at 300 dpi, which fits",
                "152.4 mm long",
            ],
        ),
        (
            "4in 203 on 300",
            "^XA^PW812^LL1218^FO40,40^FDx^FS^XZ",
            P300,
            "label_wrong_dpi",
            &["812", "203", "300"],
        ),
        ("4in 300 on 300", "^XA^PW1218^LL1827^XZ", P300, "ok", &[]),
        (
            "6in wide 203 on 6in 203",
            "^XA^PW1218^LL812^FO1100,700^FDx^FS^XZ",
            P203_WIDE,
            "ok",
            &[],
        ),
        (
            "6in wide 203 on 4in 203: a size, not a resolution",
            "^XA^PW1218^LL812^FO1100,700^FDx^FS^XZ",
            P203,
            "label_too_wide",
            &["this label is 152.2 mm wide", "101.6 mm wide"],
        ),
        (
            "8in 203 on 4in 203",
            "^XA^PW1624^FO10,10^FDx^FS^XZ",
            P203,
            "label_too_wide",
            &["203 mm wide", "^PW1624", "101.6 mm wide", "at most 104 mm"],
        ),
        (
            "6in 300 on 4in 300",
            "^XA^PW1800^FO10,10^FDx^FS^XZ",
            P300,
            "label_too_wide",
            &["150 mm wide", "101.6 mm wide"],
        ),
        (
            "no ^PW, 300-dpi coordinates",
            "^XA^FO1100,1700^A0N,40^FDx^FS^XZ",
            P203,
            "label_wrong_dpi",
            &["1100 dots", "1700 dots", "at 300 dpi"],
        ),
        (
            "no ^PW, far too wide",
            "^XA^FO1500,100^FDx^FS^XZ",
            P203,
            "label_too_wide",
            &["187.5 mm wide", "a field starts there: 1500 dots"],
        ),
        (
            "too long",
            "^XA^PW812^LL2436^XZ",
            P203,
            "label_too_long",
            &["this label is 304.5 mm long (^LL2436", "152.4 mm long"],
        ),
        (
            "9 in long, no other sign of 300 dpi: a length",
            "^XA^LL1827^XZ",
            P203,
            "label_too_long",
            &["228.4 mm long", "152.4 mm long"],
        ),
        (
            "rotated barcode too long",
            "^XA^PW812^LL1218^FO100,900^BY4^BCR,100^FD12345678901234567890^FS^XZ",
            P203,
            "label_too_long",
            &["a rotated barcode reaches there"],
        ),
        (
            "a field origin a few dots past ^PW is ordinary",
            "^XA^PW812^LL1218^FO826,1230^A0N,20^FDx^FS^XZ",
            P203,
            "ok",
            &[],
        ),
        (
            "^FT inverted barcode reads leftwards from its origin",
            "^XA^PW812^LL1218^FT800,300^BY3^BCI,80^FD12345678901234567890^FS^XZ",
            P203,
            "ok",
            &[],
        ),
        (
            "^FO inverted barcode still starts at its field box",
            "^XA^PW812^LL1218^FO600,300^BY3^BCI,80^FD12345678901234567890^FS^XZ",
            P203,
            "label_too_wide",
            &["a barcode reaches there"],
        ),
        (
            "inverted print is fine",
            "^XA^POI^PW812^LL1218^FO10,10^FDx^FS^XZ",
            P203,
            "ok",
            &[],
        ),
        (
            "^MU 200->300 on 300",
            "^XA^MUD,200,300^PW812^LL1218^FO700,1100^FDx^FS^XZ",
            P300,
            "ok",
            &[],
        ),
        (
            "^MU 200->300 on 203",
            "^XA^MUD,200,300^PW812^LL1218^XZ",
            P203,
            "label_wrong_dpi",
            &["300", "203"],
        ),
        (
            "^MU inches on 203",
            "^XA^MUI^PW4^LL6^FO0.5,0.5^FDx^FS^XZ",
            P203,
            "ok",
            &[],
        ),
        (
            "^MU mm 6in wide",
            "^XA^MUM^PW200^FO10,10^FDx^FS^XZ",
            P203,
            "label_too_wide",
            &["200 mm wide", "^PW1600"],
        ),
        (
            "^JMB half density fits",
            "^XA^JMB^PW406^LL609^FO380,10^FDx^FS^XZ",
            P203,
            "ok",
            &[],
        ),
        (
            "^JMB doubles",
            "^XA^JMB^PW812^XZ",
            P203,
            "label_too_wide",
            &["203 mm wide"],
        ),
        (
            "barcode module 5 at 300",
            "^XA^PW812^FO150,100^BY5^BCN,100,Y,N,N^FD123456789012345678901234^FS^XZ",
            P203,
            "label_too_wide",
            &["123.1 mm wide", "a barcode reaches there"],
        ),
        (
            "barcode module 3 fits",
            "^XA^PW812^FO150,100^BY3^BCN,100,Y,N,N^FD123456789012345678901234^FS^XZ",
            P203,
            "ok",
            &[],
        ),
        (
            "barcode module 5 on 300",
            "^XA^FO150,100^BY5^BCN,100,Y,N,N^FD123456789012345678901234^FS^XZ",
            P300,
            "ok",
            &[],
        ),
        ("garbage", "hello printer", P203, "label_not_zpl", &[]),
        ("empty", "", P203, "label_not_zpl", &[]),
    ];
    let mut failures = Vec::new();
    for (name, zpl, printer, want, words) in cases {
        let got = check_zpl_for_printer(zpl.as_bytes(), *printer);
        let (got_code, msg) = match &got {
            Ok(_) => ("ok".to_owned(), String::new()),
            Err(e) => (e.code().to_owned(), e.to_string()),
        };
        if got_code != *want {
            failures.push(format!("{name}: want {want}, got {got_code} {msg}"));
            continue;
        }
        for w in *words {
            if !msg.contains(w) {
                failures.push(format!("{name}: message lacks {w}: {msg}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reads_units_orientation_and_density() {
    let f = read_zpl(b"^XA^MUM^PW101.5^LL152^POI^XZ", Dpi::D203).unwrap();
    let f = &f.formats[0];
    assert_eq!(f.units, Units::Millimetres);
    assert_eq!(f.print_width_dots, Some(812));
    assert_eq!(f.label_length_dots, Some(1216));
    assert_eq!(f.orientation, Some(Orientation::Inverted));
    let f = read_zpl(b"^XA^PON^JMB^PW300^XZ", Dpi::D300).unwrap();
    assert_eq!(f.formats[0].orientation, Some(Orientation::Normal));
    assert!(f.formats[0].half_density);
    assert_eq!(f.formats[0].print_width_dots, Some(600));
    let f = read_zpl(b"^XA^MUD,200,300^PW812^BY2^XZ", Dpi::D300).unwrap();
    assert_eq!(f.formats[0].mu_base_dpi, Some(200));
    assert_eq!(f.formats[0].mu_target_dpi, Some(300));
    assert_eq!(f.formats[0].print_width_dots, Some(1218));
    assert_eq!(f.formats[0].max_module_dots, Some(3));
}

#[test]
fn multi_format_files_are_checked_format_by_format() {
    let ok = "^XA^PW812^LL1218^FO10,10^FDa^FS^XZ";
    let bad = "^XA^PW1218^LL1827^FO10,10^FDb^FS^XZ";
    let two = format!("{ok}\r\n{ok}\n");
    let facts = check_zpl_for_printer(two.as_bytes(), P203).unwrap();
    assert_eq!(facts.formats.len(), 2);
    assert!(facts.formats.iter().all(|f| f.fields == 1));
    let mixed = format!("{ok}\n{bad}\n{ok}");
    let e = check_zpl_for_printer(mixed.as_bytes(), P203).unwrap_err();
    assert_eq!(e.code(), "label_wrong_dpi");
    assert!(e.to_string().contains("format 2 of 3"), "{e}");
    // ^PW persists into later formats, as on the printer.
    let f = read_zpl(b"^XA^PW1218^XZ^XA^FDx^FS^XZ", Dpi::D300).unwrap();
    assert_eq!(f.formats[1].print_width_dots, Some(1218));
    // A missing final ^XZ still yields the format.
    assert_eq!(read_zpl(b"^XA^PW812", Dpi::D203).unwrap().formats.len(), 1);
}

#[test]
fn follows_caret_tilde_and_delimiter_changes() {
    // ^CC changes the caret: +PW is a command afterwards, ^PW is data.
    let z = "^XA^CC+ +PW1218+LL1827+XZ";
    assert_eq!(
        code(z, P203).unwrap_err().split(':').next(),
        Some("label_wrong_dpi")
    );
    let z = "~CC+ +XA+PW812+FO10,10+FD^PW1218 is data+FS+XZ";
    let facts = check_zpl_for_printer(z.as_bytes(), P203).unwrap();
    assert_eq!(facts.formats[0].print_width_dots, Some(812));
    assert_eq!(facts.formats[0].fields, 1);
    // Back to the caret.
    let z = "^XA^CC!!PW812!CC^^PW1624^XZ";
    assert_eq!(
        code(z, P203).unwrap_err().split(':').next(),
        Some("label_too_wide")
    );
    // ~CT changes the tilde: a later '~' is data.
    let z = "~CT#^XA^PW812^FO10,10^FDa~b^FS#JA^XZ";
    let cmds = tokenize(z.as_bytes());
    assert!(cmds.iter().any(|c| c.control && c.name == "JA"));
    assert!(cmds
        .iter()
        .any(|c| c.name == "FD" && c.params == b"a~b".to_vec()));
    assert!(code(z, P203).is_ok());
    // ^CD changes the parameter delimiter.
    let z = "^XA^CD;^FO1100;1700^FDx^FS^XZ";
    assert_eq!(
        code(z, P203).unwrap_err().split(':').next(),
        Some("label_wrong_dpi")
    );
    let z = "^XA^CD;^FO1100,1700^FDx^FS^XZ";
    assert!(code(z, P203).is_ok(), "',' is no longer a delimiter");
    // Control commands around formats are tolerated.
    assert!(code("~SD15~JA^XA^PW812^XZ~PS", P203).is_ok());
}

#[test]
fn fh_escaped_carets_in_field_data_are_data() {
    // _5E is '^' under ^FH: it must not be read as ^PW1218.
    let z = "^XA^PW812^FO10,10^FH^FD_5EPW1218 _7E price_5E2^FS^XZ";
    let facts = check_zpl_for_printer(z.as_bytes(), P203).unwrap();
    assert_eq!(facts.formats[0].print_width_dots, Some(812));
    assert_eq!(facts.formats[0].fields, 1);
    // Escapes count as one character in a barcode's length: 40 escaped digits fit at ^BY2,
    // while the same escape text read literally would be 3 times longer.
    let digits: String = (0..40).map(|i| format!("_3{}", i % 10)).collect();
    let z = format!("^XA^PW812^FO50,50^BY2^BCN,80^FH^FD{digits}^FS^XZ");
    assert!(code(&z, P203).is_ok(), "{:?}", code(&z, P203));
}

#[test]
fn error_codes_are_stable_and_messages_name_both_values() {
    let e = check_zpl_for_printer(b"^XA^PW1624^XZ", P203).unwrap_err();
    match &e {
        LabelError::TooWide {
            label_dots,
            printer_dots,
            ..
        } => {
            assert_eq!((*label_dots, *printer_dots), (1624, 812));
        }
        other => panic!("{other:?}"),
    }
    let msg = e.to_string();
    assert!(
        msg.contains("this label is 203 mm wide") && msg.contains("101.6 mm wide"),
        "{msg}"
    );
    assert_eq!(e.code(), "label_too_wide");
}

/// Fragments that carriers' files are made of, to build plausible and broken ZPL from.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("^XA".to_owned()),
        Just("^XZ".to_owned()),
        Just("^FS".to_owned()),
        Just("^FH".to_owned()),
        Just("^BCN,100".to_owned()),
        Just("^JMB".to_owned()),
        Just("^POI".to_owned()),
        "[\\^~]C[CTD].".prop_map(|s| s),
        "\\^(PW|LL|FO|FT|LH|BY|MU)[-0-9.,A-Za-z]{0,24}".prop_map(|s| s),
        "\\^FD[ -~]{0,40}".prop_map(|s| s),
        "~[A-Z]{2}[0-9]{0,3}".prop_map(|s| s),
        "[^\\^~]{0,10}".prop_map(|s| s),
        Just("^MUD,200,300".to_owned()),
        Just("^MUI,0,0".to_owned()),
        Just("^PW99999999999999999999999".to_owned()),
        Just("^FO1e308,-1e308".to_owned()),
        Just("^BY1e30^BCN^FD_".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for p in [P203, P300, P203_WIDE] {
            let _ = check_zpl_for_printer(&bytes, p);
        }
        let _ = tokenize(&bytes);
    }

    #[test]
    fn zpl_like_input_never_panics_and_reports_each_format(
        parts in proptest::collection::vec(fragment(), 0..40),
        width_dots in prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>(), 100u32..2000],
        label_length_dots in prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>(), 100u32..3000],
        high in any::<bool>(),
    ) {
        let z = parts.concat();
        let odd = PrinterProfile {
            dpi: if high { Dpi::D300 } else { Dpi::D203 },
            media: Media::FOUR_BY_SIX_IN,
            width_dots,
            label_length_dots,
            head_width_dots: width_dots,
        };
        for p in [P203, P300, odd] {
            match check_zpl_for_printer(z.as_bytes(), p) {
                Ok(facts) => prop_assert!(!facts.formats.is_empty()),
                Err(e) => prop_assert!(!e.code().is_empty() && !e.to_string().is_empty()),
            }
        }
    }
}
