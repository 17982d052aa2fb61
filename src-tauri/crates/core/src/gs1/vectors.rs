//! GS1's own test vectors, run against the station's parser: the parse and validation cases of
//! `gs1-syntax-engine` (`ai.c`, `dl.c`, `scandata.c`) and its linters' unit tests
//! (`syntax/lint_*.c`), extracted into `assets/gs1/vectors/gs1-syntax-engine-vectors.jsonl`
//! (Apache-2.0, GS1 AISBL; its header lists what was left out and why).

use super::*;
use crate::gs1::dictionary::Cset;
use crate::gs1::linters::{check_cset, Linter};

const VECTORS: &str =
    include_str!("../../../../../assets/gs1/vectors/gs1-syntax-engine-vectors.jsonl");

/// GS1's raw form (`^` = FNC1) as the AI list the station reads from it.
fn raw_ais(raw: &str) -> Vec<(String, String)> {
    let scan = raw.strip_prefix('^').unwrap_or(raw).replace('^', "\u{1d}");
    let m = parse_scan(&scan, ParseOptions { requisites: false })
        .unwrap_or_else(|e| panic!("expected output {raw:?} does not parse: {e}"));
    m.ais().map(|(a, v)| (a.to_owned(), v.to_owned())).collect()
}

fn ais(m: &Gs1Message) -> Vec<(String, String)> {
    m.ais().map(|(a, v)| (a.to_owned(), v.to_owned())).collect()
}

#[test]
fn gs1_syntax_engine_vectors_pass() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for line in VECTORS.lines().filter(|l| !l.starts_with('#')) {
        let v: serde_json::Value = serde_json::from_str(line).expect("vector line is JSON");
        let input = v["input"].as_str().expect("input");
        let ok = v["ok"].as_bool().expect("ok");
        let requisites = v["requisites"].as_bool().unwrap_or(false);
        let opts = ParseOptions { requisites };
        let got: Result<Option<Vec<(String, String)>>, String> = match v["kind"].as_str() {
            Some("linter") => {
                let name = v["linter"].as_str().expect("linter");
                let r = match name {
                    "csetnumeric" => check_cset(Cset::N, input),
                    "cset82" => check_cset(Cset::X, input),
                    "cset39" => check_cset(Cset::Y, input),
                    "cset64" => check_cset(Cset::Z, input),
                    _ => Linter::from_name(name)
                        .unwrap_or_else(|| panic!("linter {name} not implemented"))
                        .check(input),
                };
                r.map(|_| None).map_err(|f| format!("{f:?}"))
            }
            Some("raw") => {
                // GS1's raw form starts with FNC1; without it GS1 refuses (the station's raw
                // form comes after an AIM identifier instead, so it has no such rule).
                match input.strip_prefix('^') {
                    None => Err("no leading FNC1".to_owned()),
                    Some(body) => parse_scan(&body.replace('^', "\u{1d}"), opts)
                        .map(|m| Some(ais(&m)))
                        .map_err(|e| e.to_string()),
                }
            }
            _ => parse_scan(input, opts)
                .map(|m| Some(ais(&m)))
                .map_err(|e| e.to_string()),
        };
        ran += 1;
        let verdict = match (&got, ok) {
            (Ok(_), false) => Some("accepted, GS1 refuses".to_owned()),
            (Err(e), true) => Some(format!("refused ({e}), GS1 accepts")),
            (Ok(Some(list)), true) => v["raw"]
                .as_str()
                .filter(|r| r.starts_with('^'))
                .map(raw_ais)
                .filter(|want| want != list)
                .map(|want| format!("AIs {list:?}, GS1 reads {want:?}")),
            _ => None,
        };
        if let Some(why) = verdict {
            failures.push(format!("{} {input:?}: {why}", v["src"]));
        }
    }
    assert!(ran > 5000, "only {ran} vectors ran");
    assert!(
        failures.is_empty(),
        "{} of {ran} GS1 vectors disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
