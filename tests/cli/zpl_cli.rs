//! `packbench zpl-check`, `packbench preview` and `packbench print` as IT runs them on real
//! carriers' labels (the zebrash corpus kept in the labels crate's fixtures): labels longer than
//! 6 in pass on the labels they are made for and are refused on 4x6 in with both lengths, the
//! preview is drawn on the loaded labels, and a label goes to the printer byte for byte.

use std::io::Read;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_packbench");

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/crates/labels/tests/fixtures/zebrash")
        .join(format!("{name}.zpl"))
}

/// Runs packbench with no station config (the defaults: 4x6 in, 203 dpi) unless `config` says.
fn packbench(args: &[&str], config: Option<&std::path::Path>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("PACKBENCH_CONFIG")
        .env("HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"));
    if let Some(c) = config {
        cmd.env("PACKBENCH_CONFIG", c);
    }
    cmd.output().expect("packbench runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// PNG width and height, from its header.
fn png_size(path: &std::path::Path) -> (u32, u32) {
    let b = std::fs::read(path).unwrap();
    assert_eq!(&b[1..4], b"PNG", "{} is a PNG", path.display());
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    (be(16), be(20))
}

#[test]
fn labels_longer_than_6_in_pass_on_their_media_and_are_refused_on_4x6_in_figures() {
    for (label, media) in [
        ("dhlpaket", "103x199mm"),
        ("posten", "4x8in"),
        ("porterbuddy", "4x8in"),
        ("ups_surepost", "4x8in"),
    ] {
        let path = fixture(label);
        let p = path.to_str().unwrap();
        let ok = packbench(
            &["zpl-check", "--zpl", p, "--dpi", "203", "--media", media],
            None,
        );
        assert!(ok.status.success(), "{label}: {}", text(&ok.stderr));
        assert!(
            text(&ok.stdout).contains(&format!("fit for {media} labels on a 203 dpi printer")),
            "{label}: {}",
            text(&ok.stdout)
        );
        let refused = packbench(&["zpl-check", "--zpl", p, "--dpi", "203"], None);
        assert_eq!(refused.status.code(), Some(1), "{label}");
        let err = text(&refused.stderr);
        assert!(
            err.contains("this label is ")
                && err.contains(" mm long")
                && err.contains("the loaded labels are 101.6 mm wide and 152.4 mm long (4x6in)"),
            "{label}: {err}"
        );
        assert!(!err.contains("made for 300 dpi"), "{label}: {err}");
    }
    // A 4x6 in carrier label is fine on the default set-up.
    let ok = packbench(
        &[
            "zpl-check",
            "--zpl",
            fixture("dhlparceluk").to_str().unwrap(),
        ],
        None,
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
}

#[test]
fn the_station_config_gives_the_media_when_no_flag_does() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("station.toml");
    std::fs::write(
        &cfg,
        format!(
            "data_dir = \"{}\"\n[printers]\nlabel_media = \"103x199mm\"\n",
            dir.path().display()
        ),
    )
    .unwrap();
    let p = fixture("dhlpaket");
    let ok = packbench(&["zpl-check", "--zpl", p.to_str().unwrap()], Some(&cfg));
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    // The flag wins over the file.
    let refused = packbench(
        &[
            "zpl-check",
            "--zpl",
            p.to_str().unwrap(),
            "--media",
            "100x150mm",
        ],
        Some(&cfg),
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("150 mm long (100x150mm)"));
}

#[test]
fn preview_draws_the_loaded_labels_and_exits_1_with_the_reason_when_the_label_does_not_suit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dhl.png");
    let p = fixture("dhlpaket");
    let args = |media: &'static str| {
        vec![
            "preview".to_owned(),
            "--zpl".into(),
            p.to_str().unwrap().into(),
            "--media".into(),
            media.into(),
            "--out".into(),
            out.to_str().unwrap().into(),
        ]
    };
    let run = |a: Vec<String>| packbench(&a.iter().map(String::as_str).collect::<Vec<_>>(), None);
    let ok = run(args("103x199mm"));
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    // 8 dots a millimetre on 103 x 199 mm.
    assert_eq!(png_size(&out), (824, 1592));
    std::fs::remove_file(&out).unwrap();

    let refused = run(args("4x6in"));
    assert_eq!(refused.status.code(), Some(1));
    let err = text(&refused.stderr);
    assert!(
        err.contains("does not suit 4x6in labels on a 203 dpi printer") && err.contains("mm long"),
        "{err}"
    );
    // IT still sees what the carrier sent, cut at the label's end.
    let (w, h) = png_size(&out);
    assert!(
        (812..=813).contains(&w) && (1219..=1220).contains(&h),
        "{w}x{h}"
    );

    // Several formats in one file: one picture each.
    let multi = dir.path().join("pn.png");
    let ok = packbench(
        &[
            "preview",
            "--zpl",
            fixture("pnldpd").to_str().unwrap(),
            "--out",
            multi.to_str().unwrap(),
        ],
        None,
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(dir.path().join("pn-2.png").exists());

    let bad = packbench(
        &[
            "preview",
            "--zpl",
            p.to_str().unwrap(),
            "--media",
            "4x6",
            "--out",
            "x.png",
        ],
        None,
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("write it like 4x6in"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn a_carrier_label_goes_to_the_printer_byte_for_byte() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let printer = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut got = Vec::new();
        conn.read_to_end(&mut got).unwrap();
        got
    });
    let p = fixture("dhlpaket");
    let out = packbench(
        &[
            "print",
            "--printer",
            &format!("tcp://127.0.0.1:{port}?status=off"),
            p.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(printer.join().unwrap(), std::fs::read(&p).unwrap());
}

/// A Zebra on a TCP port answering SGD `getvar` as the SGD manual shows (`"832"`), one
/// connection; unknown variables answer `"?"`.
fn zebra_answering(
    vars: &'static [(&'static str, &'static str)],
) -> (u16, std::thread::JoinHandle<Vec<String>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (conn, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(conn.try_clone().unwrap());
        let mut writer = conn;
        let mut asked = Vec::new();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            let request = line.trim_end().to_owned();
            line.clear();
            let var = request
                .strip_prefix("! U1 getvar \"")
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or("")
                .to_owned();
            let value = vars.iter().find(|(k, _)| *k == var).map_or("?", |(_, v)| v);
            writer.write_all(format!("\"{value}\"").as_bytes()).unwrap();
            asked.push(request);
        }
        asked
    });
    (port, handle)
}

#[test]
fn label_media_asks_the_zebra_and_says_where_it_disagrees_with_the_station() {
    // A printer loaded with DHL Paket's 103 x 199 mm labels.
    let (port, zebra) = zebra_answering(&[
        ("ezpl.print_width", "832"),
        ("zpl.label_length", "1592"),
        ("head.resolution.in_dpi", "203"),
    ]);
    let uri = format!("tcp://127.0.0.1:{port}");
    let out = packbench(
        &[
            "label-media",
            "--printer",
            &uri,
            "--media",
            "4x6in",
            "--dpi",
            "203",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("the printer's labels are 199 mm long (label length 1592 dots)")
            && err.contains("4x6in labels (101.6 mm x 152.4 mm)"),
        "{err}"
    );
    assert_eq!(
        zebra.join().unwrap(),
        [
            "! U1 getvar \"ezpl.print_width\"",
            "! U1 getvar \"zpl.label_length\"",
            "! U1 getvar \"head.resolution.in_dpi\""
        ]
    );

    // The same printer agrees with a station set for its labels; an older one that does not
    // know its resolution is still compared by size.
    let (port, _zebra) =
        zebra_answering(&[("ezpl.print_width", "832"), ("zpl.label_length", "1592")]);
    let uri = format!("tcp://127.0.0.1:{port}");
    let out = packbench(
        &[
            "label-media",
            "--printer",
            &uri,
            "--media",
            "103x199mm",
            "--dpi",
            "203",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("resolution not said"),
        "{}",
        text(&out.stdout)
    );
}
