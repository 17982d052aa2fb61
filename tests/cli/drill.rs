//! `packbench drill` against a deliberately broken outbox: a debug build's station that reports
//! one kind of write delivered without sending it (`PACKBENCH_DRILL_DROP_WRITES`). The drill
//! must fail and name that kind, and only that kind, as lost.

use std::path::Path;
use std::process::Command;

/// Runs a short drill (its temporary files under `tmp`, its work dir `work_dir` if given) whose
/// station drops `outbox_kind` if given.
fn short_drill(
    tmp: &Path,
    work_dir: Option<&Path>,
    outbox_kind: Option<&str>,
) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_packbench"));
    c.args([
        "drill",
        "--trolleys",
        "2",
        "--kills",
        "4",
        "--backend-restarts",
        "0",
        "--seed",
        "5",
    ])
    .env("TMPDIR", tmp);
    if let Some(dir) = work_dir {
        c.arg("--work-dir").arg(dir);
    }
    if let Some(kind) = outbox_kind {
        c.env("PACKBENCH_DRILL_DROP_WRITES", kind);
    }
    c.output().unwrap()
}

/// Runs a short drill whose station drops `outbox_kind`; returns its exit code and JSON line.
fn drill_dropping(outbox_kind: &str) -> (Option<i32>, serde_json::Value) {
    let work = tempfile::tempdir().unwrap();
    let out = short_drill(work.path(), Some(work.path()), Some(outbox_kind));
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

/// Without `--work-dir` a clean drill leaves nothing in the temporary directory, and a failed
/// one keeps its work dir (the logs, databases and spool a diagnosis needs) and says where.
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the outbox's fault hook exists in debug builds only"
)]
fn a_clean_drill_leaves_no_files_and_a_failed_one_keeps_its_work_dir() {
    for dropped in [None, Some("release")] {
        let tmp = tempfile::tempdir().unwrap();
        let out = short_drill(tmp.path(), None, dropped);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.success(),
            dropped.is_none(),
            "{dropped:?}: {stderr}"
        );
        let left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path().display().to_string())
            .collect();
        match dropped {
            None => assert!(left.is_empty(), "left behind: {left:?}"),
            Some(_) => {
                assert_eq!(left.len(), 1, "{left:?}");
                assert!(
                    stderr.contains(&format!("its work dir is kept: {}", left[0])),
                    "{stderr}"
                );
            }
        }
    }
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
