//! `packbench gs1 parse`: IT checks a scanner's set-up by piping its scans through the
//! station's GS1 parser, one answer line per scan line (`--json` for machines).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use packbench_core::gs1::{parse_scan_bytes, Gs1Error, Gs1Message, ParseOptions};

#[derive(Debug, Subcommand)]
pub enum Gs1Command {
    /// Read scans from standard input, one per line (GS as the raw 0x1D byte), and answer each
    /// with the AIs it carries or why it is refused.
    Parse(ParseArgs),
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// One JSON object per line: {"ok": true, "ais": [["01", "..."]]} or
    /// {"ok": false, "error": {"code": "...", "message": "..."}}.
    #[arg(long)]
    pub json: bool,
    /// Language of the messages: en, pl or ro (GS1's rule sentences have no other yet: English).
    #[arg(long, default_value = "en", value_parser = super::args::lang())]
    pub lang: String,
    /// Also require, within each scan, the AIs the dictionary says an AI needs (like (02)
    /// needing (37)). Off by default: GS1 checks those over all the codes on an item.
    #[arg(long)]
    pub requisites: bool,
}

pub fn run(cmd: Gs1Command) -> ExitCode {
    let Gs1Command::Parse(args) = cmd;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    match answer_all(stdin.lock(), stdout.lock(), &args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("packbench gs1 parse: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Answers every line of `input` (LF or CR LF ended; the last may lack its ending).
pub fn answer_all(
    mut input: impl BufRead,
    mut out: impl Write,
    args: &ParseArgs,
) -> std::io::Result<()> {
    let opts = ParseOptions {
        requisites: args.requisites,
    };
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        let result = parse_scan_bytes(&line, opts);
        let text = if args.json {
            json_line(&result, &args.lang)
        } else {
            text_line(&result, &args.lang)
        };
        writeln!(out, "{text}")?;
    }
    out.flush()
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Exactly `{"ok": true, "ais": [["01", "09506000134352"], ["10", "ABC"]]}` or
/// `{"ok": false, "error": {"code": "...", "message": "..."}}`.
pub fn json_line(result: &Result<Gs1Message, Gs1Error>, lang: &str) -> String {
    match result {
        Ok(m) => {
            let ais: Vec<String> = m
                .ais()
                .map(|(ai, v)| format!("[{}, {}]", quoted(ai), quoted(v)))
                .collect();
            format!("{{\"ok\": true, \"ais\": [{}]}}", ais.join(", "))
        }
        Err(e) => format!(
            "{{\"ok\": false, \"error\": {{\"code\": {}, \"message\": {}}}}}",
            quoted(e.code()),
            quoted(&e.message_in(lang))
        ),
    }
}

/// `OK (01) 09506000134352 (10) ABC` or `REFUSED gs1_date_month: (17) 251399: ...`.
pub fn text_line(result: &Result<Gs1Message, Gs1Error>, lang: &str) -> String {
    match result {
        Ok(m) => {
            let ais: Vec<String> = m.ais().map(|(ai, v)| format!("({ai}) {v:?}")).collect();
            format!("OK {}", ais.join(" "))
        }
        Err(e) => format!("REFUSED {}: {}", e.code(), e.message_in(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &[u8], json: bool) -> String {
        let args = ParseArgs {
            json,
            lang: "en".into(),
            requisites: false,
        };
        let mut out = Vec::new();
        answer_all(input, &mut out, &args).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_answers_match_the_documented_shape() {
        let out = run_on(b"]d2010950600013435210ABC\n", true);
        assert_eq!(
            out,
            "{\"ok\": true, \"ais\": [[\"01\", \"09506000134352\"], [\"10\", \"ABC\"]]}\n"
        );
        let out = run_on(b"(01)09506000134352(17)251399\r\n", true);
        let v: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"]["code"], "gs1_date_month");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("(17) 251399: month 13 does not exist"),
            "{out}"
        );
    }

    #[test]
    fn every_line_is_answered_even_empty_or_binary_ones() {
        let out = run_on(b"\n\xff\xfe\n(99)A\"B\n]C1\x1d0109506000134352", true);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{out}");
        assert!(lines[0].contains("gs1_empty"), "{out}");
        assert!(lines[1].contains("gs1_not_text"), "{out}");
        assert_eq!(lines[2], "{\"ok\": true, \"ais\": [[\"99\", \"A\\\"B\"]]}");
        assert!(lines[3].starts_with("{\"ok\": true"), "{out}");
    }
}
