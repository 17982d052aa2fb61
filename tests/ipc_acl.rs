//! The window's capability, enforced by Tauri's runtime authority on the app's real builder,
//! config and capabilities (`tauri::test`'s mock runtime, no webview): the station's own
//! commands are accepted from the app's pages; a command or core plugin not granted to the
//! `main` window, and anything from a remote origin, is refused. The CSP allows nothing remote.

#[path = "support/mock_app.rs"]
mod mock_app;

use mock_app::{app, embedded, main_window, request, station, LOCAL};
use packbench_ipc::cmd;
use serde_json::json;
use tauri::test::get_ipc_response;

#[test]
fn the_main_window_may_call_the_station_commands_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tauri::async_runtime::block_on(station(&embedded("ST-ACL", dir.path())));
    let app = app(rt);
    let main = main_window(&app);

    // Granted: the station's commands answer.
    let flow = get_ipc_response(&main, request(cmd::get_flow, LOCAL, json!({"req": {}})));
    assert!(flow.is_ok(), "get_flow refused: {flow:?}");
    let station = get_ipc_response(&main, request(cmd::get_station, LOCAL, json!({"req": {}})))
        .expect("get_station refused")
        .deserialize::<serde_json::Value>()
        .unwrap();
    assert_eq!(station["station_id"], "ST-ACL");
    // Product pictures come from the (embedded) backend as data: URIs, nothing remote.
    let demo =
        packbench::training::demo_data::generate(packbench::training::demo_data::DEFAULT_SEED);
    let sku = &demo.skus[7].sku;
    let img = get_ipc_response(
        &main,
        request(cmd::sku_image, LOCAL, json!({"req": {"sku": sku}})),
    )
    .expect("sku_image refused")
    .deserialize::<serde_json::Value>()
    .unwrap();
    assert_eq!(img["sku"], sku.as_str());
    let uri = img["image"].as_str().expect("a picture");
    assert!(uri.starts_with("data:image/svg+xml;base64,"), "{uri}");
    let none = get_ipc_response(
        &main,
        request(
            cmd::sku_image,
            LOCAL,
            json!({"req": {"sku": "NO-SUCH-SKU"}}),
        ),
    )
    .unwrap()
    .deserialize::<serde_json::Value>()
    .unwrap();
    assert!(none["image"].is_null(), "{none}");
    // Training mode: on the embedded training backend the sign-in screen offers the badges.
    let hints = get_ipc_response(
        &main,
        request("training_hints", LOCAL, json!({"req": {"lang": "pl"}})),
    )
    .expect("training_hints refused")
    .deserialize::<serde_json::Value>()
    .unwrap();
    assert_eq!(hints["training"], true, "{hints}");
    assert_eq!(hints["targets"][0]["kind"], "badge", "{hints}");

    // The desk's commands are granted to the window, but the station refuses them unless a
    // supervisor signed in (nobody has here).
    for (name, req) in [
        (cmd::desk_overview, json!({})),
        (cmd::desk_productivity, json!({"period": "shift"})),
        (cmd::desk_records, json!({"filter": {}})),
        (cmd::desk_export, json!({"filter": {}})),
        (
            cmd::desk_action,
            json!({"action": {"action": "reprint", "order_id": "SO-1"}}),
        ),
    ] {
        let err =
            get_ipc_response(&main, request(name, LOCAL, json!({ "req": req }))).expect_err(name);
        let err = format!("{err:?}");
        assert!(err.contains("supervisor_only"), "{name}: {err}");
    }

    // Every command in the registry is granted and has a handler: called without its `req`,
    // each gets past the ACL and is refused by its handler for the missing argument.
    for name in cmd::ALL {
        let err = get_ipc_response(&main, request(name, LOCAL, json!({})))
            .expect_err(name)
            .to_string();
        assert!(!err.contains("not allowed"), "{name} refused: {err}");
        assert!(!err.contains("not found"), "{name} has no handler: {err}");
        assert!(err.contains("req"), "{name}: {err}");
    }

    // Not granted: a command the app does not declare, and core plugins (window, app, event,
    // webview) which the capability leaves out.
    for cmd in [
        "drop_database",
        "plugin:window|close",
        "plugin:app|version",
        "plugin:event|listen",
        "plugin:webview|print",
        "plugin:path|resolve_directory",
    ] {
        let res = get_ipc_response(&main, request(cmd, LOCAL, json!({})));
        let err = res.expect_err(cmd).to_string();
        assert!(err.contains("not allowed"), "{cmd}: {err}");
    }

    // A granted command from a remote page (a link someone got the webview to open) is refused.
    let res = get_ipc_response(
        &main,
        request(cmd::get_flow, "https://evil.example", json!({"req": {}})),
    );
    assert!(res.is_err(), "remote origin accepted: {res:?}");

    // Another window is not covered by the main window's capability.
    let other = tauri::WebviewWindowBuilder::new(&app, "other", Default::default())
        .build()
        .unwrap();
    let res = get_ipc_response(&other, request(cmd::get_flow, LOCAL, json!({"req": {}})));
    assert!(res
        .expect_err("other window")
        .to_string()
        .contains("not allowed"));
}

#[test]
fn the_csp_and_capability_allow_nothing_remote() {
    let root = env!("CARGO_MANIFEST_DIR");
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/tauri.conf.json")).unwrap())
            .unwrap();
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("a CSP is set");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    for (directive, sources) in csp {
        for source in sources.as_str().unwrap().split_whitespace() {
            let local = source.starts_with('\'')
                || matches!(
                    source,
                    "data:" | "asset:" | "ipc:" | "http://ipc.localhost" | "http://asset.localhost"
                );
            assert!(local, "{directive} allows {source}");
        }
    }
    assert!(conf["app"]["security"]["dangerousDisableAssetCspModification"].is_null());

    let cap: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/src-tauri/capabilities/main.json")).unwrap(),
    )
    .unwrap();
    assert!(cap.get("remote").is_none(), "no remote URLs may reach IPC");
    assert_eq!(cap["windows"], json!(["main"]));
    assert_eq!(
        cap["permissions"],
        json!(["station-commands"]),
        "the main window gets the app's own commands and nothing else (no core:default)"
    );
    // The set build.rs generated from the registry: `allow-` each registered command, no more.
    let manifests: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("OUT_DIR"), "/acl-manifests.json")).unwrap(),
    )
    .unwrap();
    let granted = &manifests["__app-acl__"]["permission_sets"]["station-commands"]["permissions"];
    let registered: Vec<String> = cmd::ALL
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(granted, &json!(registered));
}
