//! Every subcommand's flags, given values out of range or malformed, stop at the command line:
//! exit 2 (clap's usage error), the flag named, never a panic or a half-done run.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_packbench");

#[test]
fn out_of_range_and_malformed_flags_exit_2_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    let out = out.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["drill", "--trolleys", "0"], "--trolleys"),
        (&["drill", "--trolleys", "61"], "--trolleys"),
        (&["drill", "--trolleys", "three"], "--trolleys"),
        (&["drill", "--kills=-1"], "--kills"),
        (&["drill", "--kills", "100001"], "--kills"),
        (
            &["drill", "--backend-restarts", "4294967295"],
            "--backend-restarts",
        ),
        (
            &["drill", "--max-kill-delay-ms", "0"],
            "--max-kill-delay-ms",
        ),
        (
            &["drill", "--max-kill-delay-ms", "99999999999"],
            "--max-kill-delay-ms",
        ),
        (&["drill", "--max-crash-point", "0"], "--max-crash-point"),
        (&["drill", "--seed", "1.5"], "--seed"),
        (&["doctor", "--scale-timeout-ms", "0"], "--scale-timeout-ms"),
        (
            &["doctor", "--scale-timeout-ms", "5s"],
            "--scale-timeout-ms",
        ),
        (
            &["scale", "read", "--port", "/dev/null", "--protocol", "zz"],
            "--protocol",
        ),
        (
            &[
                "scale",
                "read",
                "--port",
                "/dev/null",
                "--protocol",
                "nci",
                "--baud",
                "7",
            ],
            "--baud",
        ),
        (
            &[
                "scale",
                "read",
                "--port",
                "/dev/null",
                "--protocol",
                "nci",
                "--timeout-ms",
                "0",
            ],
            "--timeout-ms",
        ),
        (
            &[
                "scale",
                "simulate",
                "--protocol",
                "nci",
                "--grams",
                "99999999999",
            ],
            "--grams",
        ),
        (
            &[
                "carton",
                "--instance",
                "x.json",
                "--out",
                "y.json",
                "--repeat",
                "0",
            ],
            "--repeat",
        ),
        (
            &["slip", "--data", "x.json", "--paper", "a3", "--out", out],
            "--paper",
        ),
        (&["action-sheet", "--lang", "xx", "--out", out], "--lang"),
        (
            &["training-sheet", "--paper", "legal", "--out", out],
            "--paper",
        ),
        (&["training-sheet", "--lang", "de", "--out", out], "--lang"),
        (&["gs1", "parse", "--lang", "xx"], "--lang"),
        (&["training-backend", "--listen", "nonsense"], "--listen"),
    ];
    for (args, flag) in cases {
        let o = Command::new(BIN)
            .args(*args)
            .env("PACKBENCH_DATA_DIR", dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(flag),
            "{args:?} does not name {flag}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
