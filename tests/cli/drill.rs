//! `packbench drill` against a deliberately broken outbox: a debug build's station that reports
//! one kind of write delivered without sending it (`PACKBENCH_DRILL_DROP_WRITES`). The drill
//! must fail and name that kind, and only that kind, as lost.

use std::process::Command;

/// Runs a short drill whose station drops `outbox_kind`; returns its exit code and JSON line.
fn drill_dropping(outbox_kind: &str) -> (Option<i32>, serde_json::Value) {
    let work = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_packbench"))
        .args([
            "drill",
            "--trolleys",
            "2",
            "--kills",
            "4",
            "--backend-restarts",
            "0",
            "--seed",
            "5",
            "--work-dir",
        ])
        .arg(work.path())
        .env("PACKBENCH_DRILL_DROP_WRITES", outbox_kind)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    let report = serde_json::from_str(line).unwrap_or_else(|e| {
        panic!(
            "no JSON line ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), report)
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the outbox's fault hook exists in debug builds only"
)]
fn a_drill_fails_naming_the_kind_of_write_a_broken_outbox_drops() {
    for (outbox_kind, audited) in [
        ("release", "releases"),
        ("packaging_override", "packaging_overrides"),
    ] {
        let (code, report) = drill_dropping(outbox_kind);
        assert_eq!(code, Some(1), "{report}");
        assert_eq!(report["ok"], false, "{report}");
        let kinds = report["kinds"].as_object().expect("per-kind audit");
        let dropped = &kinds[audited];
        assert!(dropped["expected"].as_u64().unwrap() > 0, "{report}");
        assert_eq!(dropped["lost"], dropped["expected"], "{report}");
        for (kind, a) in kinds {
            if kind != audited {
                assert_eq!(
                    (&a["lost"], &a["duplicates"]),
                    (&0.into(), &0.into()),
                    "{kind}: {report}"
                );
            }
        }
        let failures: Vec<&str> = report["failures"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f.as_str())
            .collect();
        assert!(
            failures.len() == 1 && failures[0].starts_with(&format!("{audited}:")),
            "{failures:?}"
        );
    }
}
