//! `packbench token set|clear` against the real OS keyring (the kernel's keyutils on Linux):
//! the token goes in through standard input and comes out through the station's config.

#![cfg(target_os = "linux")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use packbench::token_store::OsKeyring;

fn packbench(station: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_packbench"))
        .args(args)
        .env("PACKBENCH_STATION_ID", station)
        .env("PACKBENCH_CONFIG", "/dev/null")
        .env_remove("PACKBENCH_BACKEND_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn token_set_reads_stdin_and_clear_removes_it() {
    let station = format!("T-CLI-{}", std::process::id());
    let out = packbench(&station, &["token", "set"], "cli-secret-42\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(!said.contains("cli-secret-42"), "{said}");
    assert_eq!(
        OsKeyring.get(&station).unwrap().unwrap().expose(),
        "cli-secret-42"
    );

    // Never from argv.
    let out = packbench(&station, &["token", "set", "argv-secret"], "");
    assert!(!out.status.success());
    assert_eq!(
        OsKeyring.get(&station).unwrap().unwrap().expose(),
        "cli-secret-42"
    );

    // An empty token is refused, the stored one kept.
    let out = packbench(&station, &["token", "set"], "\n");
    assert!(!out.status.success());
    assert_eq!(
        OsKeyring.get(&station).unwrap().unwrap().expose(),
        "cli-secret-42"
    );

    let out = packbench(&station, &["token", "clear"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(OsKeyring.get(&station).unwrap(), None);
}
