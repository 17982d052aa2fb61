//! Builds the wasm UI (via `ui/build.sh`, with Debian's wasm-capable rustc) into `ui/dist`
//! before tauri-build and `generate_context!` embed it, so a plain `cargo build` builds all.
//! Set `PACKBENCH_SKIP_UI_BUILD=1` to embed an existing `ui/dist` as it is.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    for p in [
        "ui/src",
        "ui/Cargo.toml",
        "ui/index.html",
        "ui/main.js",
        "ui/style.css",
        "ui/build.sh",
        "src-tauri/crates/core/src",
        "src-tauri/crates/core/Cargo.toml",
        "src-tauri/crates/ipc/src",
        "src-tauri/crates/ipc/Cargo.toml",
        "src-tauri/migrations",
        "src-tauri/capabilities",
    ] {
        println!("cargo:rerun-if-changed={p}");
    }
    println!("cargo:rerun-if-env-changed=PACKBENCH_SKIP_UI_BUILD");
    build_ui(&root);

    tauri_build::try_build(
        tauri_build::Attributes::new()
            // The top level holds only what the design names, so capabilities live in src-tauri/.
            .capabilities_path_pattern("./src-tauri/capabilities/*.json")
            .app_manifest(
                tauri_build::AppManifest::new().commands(&["claim_trolley", "get_station"]),
            ),
    )
    .expect("tauri-build failed");
}

fn build_ui(root: &Path) {
    let dist = root.join("ui/dist");
    if std::env::var_os("PACKBENCH_SKIP_UI_BUILD").is_some() {
        assert!(
            dist.join("index.html").is_file(),
            "PACKBENCH_SKIP_UI_BUILD is set but ui/dist has no index.html"
        );
        return;
    }
    // Beside the native target dir (target/<profile>/build/<pkg>/out -> target/wasm-ui).
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let wasm_target = out_dir
        .ancestors()
        .nth(4)
        .map(|t| t.join("wasm-ui"))
        .unwrap_or_else(|| root.join("target/wasm-ui"));
    let mut cmd = Command::new("sh");
    cmd.arg(root.join("ui/build.sh"))
        .arg(&dist)
        .current_dir(root);
    // The outer cargo's settings must not leak into the nested wasm build.
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if (k.starts_with("CARGO") && k != "CARGO_HOME")
            || (k.starts_with("RUST") && k != "RUSTUP_HOME")
        {
            cmd.env_remove(&k);
        }
    }
    cmd.env("PACKBENCH_WASM_TARGET_DIR", &wasm_target);
    let status = cmd.status().expect("cannot run ui/build.sh");
    assert!(
        status.success(),
        "building the wasm UI failed (see above). Run the README's set-up command to install the toolchain."
    );
}
