//! `packbench gs1 parse` as IT runs it: the built binary reading scans on standard input (raw
//! bytes, GS as 0x1D, a line that is not UTF-8) and answering every line, in the documented
//! JSON shape, in the packer's language, then exiting 0.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_packbench");

/// Runs `packbench gs1 parse ARGS` with `input` on stdin; its exit status and stdout lines.
fn parse(args: &[&str], input: &[u8]) -> (bool, Vec<String>) {
    let mut child = Command::new(BIN)
        .args(["gs1", "parse"])
        .args(args)
        .env_remove("PACKBENCH_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("packbench starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input)
        .expect("stdin takes the scans");
    let out = child.wait_with_output().expect("packbench answers");
    let stdout = String::from_utf8(out.stdout).expect("answers are UTF-8");
    (
        out.status.success(),
        stdout.lines().map(str::to_owned).collect(),
    )
}

#[test]
fn every_scan_line_gets_one_json_answer() {
    let input: &[u8] = b"]d2010950600013435210ABC\n\
        https://id.example.com/01/09506000134352/10/ABC?17=271231\r\n\
        (01)09506000134352(17)251399\n\
        \n\
        \xff\xfe\x1d\n\
        ]C1010950600013435217271231\x1d91COMPANY-INTERNAL\x1d10B1\n\
        (3106)123456";
    let (ok, lines) = parse(&["--json"], input);
    assert!(ok, "exit status");
    assert_eq!(lines.len(), 7, "{lines:#?}");
    assert_eq!(
        lines[0],
        r#"{"ok": true, "ais": [["01", "09506000134352"], ["10", "ABC"]]}"#
    );
    assert_eq!(
        lines[1],
        r#"{"ok": true, "ais": [["01", "09506000134352"], ["10", "ABC"], ["17", "271231"]]}"#
    );
    let v: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert_eq!(v[2]["error"]["code"], "gs1_date_month");
    let msg = v[2]["error"]["message"].as_str().unwrap();
    assert!(
        msg.starts_with("(17) 251399: month 13 does not exist"),
        "{msg}"
    );
    assert_eq!(v[3]["error"]["code"], "gs1_empty");
    assert_eq!(v[4]["error"]["code"], "gs1_not_text");
    assert_eq!(
        v[5]["ais"][2],
        serde_json::json!(["91", "COMPANY-INTERNAL"])
    );
    // (310n) takes n = 0-5 decimals: (3106) is no AI.
    assert_eq!(v[6]["error"]["code"], "gs1_unknown_ai");
}

#[test]
fn messages_follow_the_language_and_text_mode_is_one_line_per_scan() {
    let (ok, lines) = parse(&["--json", "--lang", "pl"], b"(17)251399\n");
    assert!(ok);
    let v: Value = serde_json::from_str(&lines[0]).unwrap();
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(
        msg.starts_with("(17) 251399: miesi\u{105}c 13 nie istnieje"),
        "{msg}"
    );

    let (ok, lines) = parse(&["--lang", "ro"], b"(17)251399\n]E04006381333931\n");
    assert!(ok);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with("REFUSED gs1_date_month: (17) 251399: luna 13"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "OK (01) \"04006381333931\"");
}

#[test]
fn associations_within_one_scan_are_checked_on_request() {
    let input = b"(02)09506000134352(37)10\n";
    let (_, plain) = parse(&["--json"], input);
    assert!(plain[0].starts_with(r#"{"ok": true"#), "{}", plain[0]);
    // (37) needs (00) as well: a pallet label's SSCC.
    let (ok, strict) = parse(&["--json", "--requisites"], input);
    assert!(ok);
    let v: Value = serde_json::from_str(&strict[0]).unwrap();
    assert_eq!(v["error"]["code"], "gs1_ai_requires");
}
