//! The configuration's tests: loading, precedence, and each section's checks, through the
//! file a station would have.

use std::path::PathBuf;

use packbench_devices::scale::Protocol;

use super::load::{resolve, TokenLookup};
use super::*;
use crate::token_store::{BackendToken, OsKeyring, TokenStoreError};

fn with_file(toml: &str, o: Overrides) -> Result<Config, ConfigError> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("station.toml");
    std::fs::write(&p, toml).unwrap();
    load(&Overrides {
        config_file: Some(p),
        ..o
    })
}

#[test]
fn nothing_configured_means_training_backend_and_default_station() {
    let c = resolve(
        ConfigFile::default(),
        None,
        &Overrides {
            data_dir: Some("/tmp/x".into()),
            ..Default::default()
        },
        &|_| Ok(None),
    )
    .unwrap();
    assert_eq!(c.station_id, DEFAULT_STATION_ID);
    assert_eq!(c.backend_url, None);
    assert_eq!(c.backend_token.expose(), TRAINING_TOKEN);
}

#[test]
fn the_token_comes_from_the_environment_then_the_keyring_then_training() {
    let o = |token: Option<&str>, url: Option<&str>| Overrides {
        station_id: Some("ST-07".into()),
        backend_token: token.map(BackendToken::from),
        backend_url: url.map(str::to_owned),
        data_dir: Some("/tmp/x".into()),
        ..Default::default()
    };
    let stored = |station: &str| {
        assert_eq!(
            station, "ST-07",
            "the keyring is asked for this station's token"
        );
        Ok(Some(BackendToken::from("from-keyring")))
    };
    let broken = |_: &str| Err(TokenStoreError::Unavailable("no keyutils".into()));
    let none = |_: &str| Ok(None);
    let token = |o: Overrides, k: TokenLookup| {
        resolve(ConfigFile::default(), None, &o, k).map(|c| c.backend_token.expose().to_owned())
    };
    assert_eq!(
        token(o(Some("from-env"), None), &stored).unwrap(),
        "from-env"
    );
    assert_eq!(token(o(None, None), &stored).unwrap(), "from-keyring");
    assert_eq!(token(o(None, None), &none).unwrap(), TRAINING_TOKEN);
    // Training needs no real token; a real backend does, so a broken keyring is said.
    assert_eq!(token(o(None, None), &broken).unwrap(), TRAINING_TOKEN);
    let err = token(o(None, Some("https://wms.example")), &broken)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("backend_token") && err.contains("PACKBENCH_BACKEND_TOKEN"),
        "{err}"
    );
    assert_eq!(
        token(o(Some("from-env"), Some("https://wms.example")), &broken).unwrap(),
        "from-env"
    );
}

#[test]
fn the_token_is_never_in_the_file_nor_in_debug_output() {
    let err = with_file("backend_token = \"abc\"\n", Overrides::default()).unwrap_err();
    assert!(err.to_string().contains("backend_token"), "{err}");
    let o = Overrides {
        backend_token: Some("s3cr3t-token".into()),
        data_dir: Some("/tmp/x".into()),
        ..Default::default()
    };
    let c = resolve(ConfigFile::default(), None, &o, &|_| Ok(None)).unwrap();
    assert_eq!(c.backend_token.expose(), "s3cr3t-token");
    for dump in [format!("{c:?}"), format!("{o:?}"), format!("{c:#?}")] {
        assert!(!dump.contains("s3cr3t"), "{dump}");
    }
}

/// The real store (the kernel's keyutils on Linux): what `packbench token set` stored is
/// what the station loads when the environment has no token.
#[cfg(target_os = "linux")]
#[test]
fn load_falls_back_to_the_os_keyring() {
    let station = format!("T-CFG-{}", std::process::id());
    let keyring = OsKeyring;
    keyring.set(&station, &"keyring-token-1".into()).unwrap();
    let c = with_file(
        &format!("station_id = \"{station}\"\nbackend_url = \"https://wms.example\"\n"),
        Overrides::default(),
    );
    keyring.clear(&station).unwrap();
    assert_eq!(c.unwrap().backend_token.expose(), "keyring-token-1");
}

#[test]
fn the_otlp_endpoint_comes_from_the_environment_or_the_file_and_is_checked() {
    let c = with_file(
        "otlp_endpoint = \"http://otel:4318\"\n",
        Overrides::default(),
    )
    .unwrap();
    assert_eq!(c.otlp_endpoint.as_deref(), Some("http://otel:4318"));
    let env = Overrides {
        otlp_endpoint: Some("https://collector.example".into()),
        ..Default::default()
    };
    let c = with_file("otlp_endpoint = \"http://otel:4318\"\n", env).unwrap();
    assert_eq!(
        c.otlp_endpoint.as_deref(),
        Some("https://collector.example")
    );
    assert_eq!(
        with_file("", Overrides::default()).unwrap().otlp_endpoint,
        None
    );
    for bad in ["otel:4318", "grpc://otel:4317", "http://", "http:// x"] {
        let err = with_file(
            &format!("otlp_endpoint = \"{bad}\"\n"),
            Overrides::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("otlp_endpoint")
                && err.contains("station.toml")
                && err.contains("http://"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn file_values_apply_and_overrides_win() {
    let c = with_file(
        "station_id = \"ST-07\"\nbackend_url = \"https://wms.example/api\"\ndata_dir = \"/var/lib/pb\"\n",
        Overrides::default(),
    )
    .unwrap();
    assert_eq!(c.station_id, "ST-07");
    assert_eq!(c.backend_url.as_deref(), Some("https://wms.example/api"));
    assert_eq!(c.data_dir, PathBuf::from("/var/lib/pb"));
    let c = with_file(
        "station_id = \"ST-07\"\n",
        Overrides {
            station_id: Some("ST-09".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(c.station_id, "ST-09");
}

#[test]
fn devices_are_read_from_their_tables() {
    let c = with_file(
        "[scale]\nport = \"/dev/ttyUSB0\"\nprotocol = \"nci\"\nbaud = 19200\nparity = \"odd\"\n\n[printers]\nlabel = \"tcp://10.0.0.9:9100\"\ndocument = \"cups://office\"\n",
        Overrides::default(),
    )
    .unwrap();
    let scale = c.scale.unwrap();
    assert_eq!(scale.port, "/dev/ttyUSB0");
    assert_eq!(scale.protocol, Protocol::Nci);
    assert_eq!(scale.serial.to_string(), "19200 7O1");
    // Unless told, the scale's own stability flag decides.
    assert_eq!((scale.settle.readings, scale.settle.band_g), (1, 5));
    assert_eq!(c.printers.label.as_deref(), Some("tcp://10.0.0.9:9100"));
    assert_eq!(c.printers.document.as_deref(), Some("cups://office"));
    let c = with_file("", Overrides::default()).unwrap();
    assert_eq!((c.scale, c.printers.clone()), (None, Printers::default()));
    // Unless told, the label printer holds 4x6 in labels and its resolution is not forced.
    assert_eq!(c.printers.label_media.to_string(), "4x6in");
    assert_eq!(c.printers.label_dpi, None);
}

#[test]
fn a_scale_that_flags_stability_early_gets_a_settle_rule() {
    let c = with_file(
        "[scale]\nport = \"/dev/ttyUSB0\"\nprotocol = \"toledo-8217\"\nsettle_readings = 3\nsettle_band_g = 10\n",
        Overrides::default(),
    )
    .unwrap();
    let settle = c.scale.unwrap().settle;
    assert_eq!((settle.readings, settle.band_g), (3, 10));
}

#[test]
fn the_label_printers_media_and_resolution_are_read_from_printers() {
    let c = with_file(
        "[printers]\nlabel = \"tcp://10.0.0.9:9100\"\nlabel_media = \"103x199mm\"\nlabel_dpi = 300\n",
        Overrides::default(),
    )
    .unwrap();
    assert_eq!(c.printers.label_media, "103x199mm".parse().unwrap());
    assert_eq!(c.printers.label_dpi, Some(packbench_labels::Dpi::D300));
}

#[test]
fn bad_device_settings_name_the_file_the_key_and_what_is_allowed() {
    for (toml, key, allowed) in [
        (
            "[scale]\nport = \"/dev/x\"\nprotocol = \"dibal\"\n",
            "scale.protocol",
            "mt-sics, nci, toledo-8217 or toledo-continuous",
        ),
        (
            "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\nbaud = 9601\n",
            "scale.baud",
            "9600",
        ),
        (
            "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\ndata_bits = 9\n",
            "scale.data_bits",
            "7 or 8",
        ),
        (
            "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\nparity = \"mark\"\n",
            "scale.parity",
            "none, even or odd",
        ),
        (
            "[scale]\nport = \"\"\nprotocol = \"nci\"\n",
            "scale.port",
            "/dev/ttyUSB0",
        ),
        (
            "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\nsettle_readings = 0\n",
            "scale.settle_readings",
            "1 (the scale's own stability flag) to 10",
        ),
        (
            "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\nsettle_band_g = 5000\n",
            "scale.settle_band_g",
            "1 to 1000",
        ),
        (
            "[printers]\nlabel = \"lpt1\"\n",
            "printers.label",
            "tcp://host:9100",
        ),
        (
            "[printers]\nlabel_media = \"4x6\"\n",
            "printers.label_media",
            "4x6in, 4x8in, 100x150mm or 103x199mm",
        ),
        (
            "[printers]\nlabel_dpi = 600\n",
            "printers.label_dpi",
            "203 or 300",
        ),
        (
            "[printers]\nlabel = \"tcp://p:9100\"\nreceipt = \"x\"\n",
            "receipt",
            "label",
        ),
        (
            "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\nstop_bits = 2\n",
            "stop_bits",
            "parity",
        ),
        (
            "[desk]\nwebhook_url = \"hooks.slack.com/x\"\n",
            "desk.webhook_url",
            "https://",
        ),
        (
            "[desk]\nbacklog_alert_min = 0\n",
            "desk.backlog_alert_min",
            "1 to 1440",
        ),
        (
            "[desk]\nwebhook = \"https://x\"\n",
            "webhook",
            "webhook_url",
        ),
        (
            "[site]\ntime_zone = \"Europe/Warsow\"\n",
            "site.time_zone",
            "Europe/Warsaw",
        ),
        (
            "[site]\ntime_zone = \"+02:00\"\n",
            "site.time_zone",
            "IANA",
        ),
        (
            "[[site.shifts]]\nname = \"early\"\nstart = \"6:00\"\nend = \"14:00\"\n",
            "site.shifts",
            "HH:MM",
        ),
        (
            "[[site.shifts]]\nname = \"early\"\nstart = \"06:00\"\nend = \"24:00\"\n",
            "site.shifts",
            "HH:MM",
        ),
        (
            "[[site.shifts]]\nname = \"a\"\nstart = \"06:00\"\nend = \"14:00\"\n[[site.shifts]]\nname = \"a\"\nstart = \"14:00\"\nend = \"22:00\"\n",
            "site.shifts",
            "own name",
        ),
        (
            "[site]\nzone = \"UTC\"\n",
            "zone",
            "time_zone",
        ),
    ] {
        let msg = with_file(toml, Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains(key) && msg.contains("station.toml") && msg.contains(allowed),
            "{toml:?}: {msg}"
        );
    }
}

/// A release public key as `cargo tauri signer generate` prints it: base64 of the `.pub`
/// file's text.
fn release_pubkey() -> String {
    use base64::Engine;
    let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    base64::engine::general_purpose::STANDARD.encode(kp.pk.to_box().unwrap().into_string())
}

#[test]
fn updates_are_configured_by_their_table_and_each_value_is_checked() {
    assert_eq!(with_file("", Overrides::default()).unwrap().update, None);
    let key = release_pubkey();
    let c = with_file(
        &format!("[update]\nendpoints = [\"https://updates.example.com/pb/latest.json\", \"https://mirror.example.com/latest.json\"]\npubkey = \"{key}\"\n"),
        Overrides::default(),
    )
    .unwrap();
    let u = c.update.unwrap();
    assert_eq!(u.endpoints.len(), 2);
    assert_eq!(
        u.endpoints[0].as_str(),
        "https://updates.example.com/pb/latest.json"
    );
    assert_eq!(u.pubkey, key);
    assert_eq!(
        u.check_every,
        std::time::Duration::from_secs(60 * u64::from(DEFAULT_UPDATE_CHECK_MINUTES))
    );
    let c = with_file(
        &format!("[update]\nendpoints = [\"https://u.example.com/latest.json\"]\npubkey = \"{key}\"\ncheck_minutes = 15\n"),
        Overrides::default(),
    )
    .unwrap();
    assert_eq!(
        c.update.unwrap().check_every,
        std::time::Duration::from_secs(900)
    );
    let ok = "https://u.example.com/latest.json";
    for (endpoints, pubkey, extra, key_name, allowed) in [
        (
            "",
            key.as_str(),
            "",
            "update.endpoints",
            "at least one https://",
        ),
        (
            "\"http://u.example.com/latest.json\"",
            &key,
            "",
            "update.endpoints",
            "https://",
        ),
        (
            "\"updates.example.com\"",
            &key,
            "",
            "update.endpoints",
            "https://",
        ),
        (
            &format!("\"{ok}\""),
            "not-a-key",
            "",
            "update.pubkey",
            "cargo tauri signer generate",
        ),
        (
            &format!("\"{ok}\""),
            "dW50cnVzdGVkIGNvbW1lbnQ6",
            "",
            "update.pubkey",
            ".pub",
        ),
        (
            &format!("\"{ok}\""),
            &key,
            "check_minutes = 0\n",
            "update.check_minutes",
            "1 to 1440",
        ),
        (
            &format!("\"{ok}\""),
            &key,
            "interval = 5\n",
            "interval",
            "check_minutes",
        ),
        (
            &format!("\"{ok}\""),
            &key,
            "ring = \"Canary Ring\"\n",
            "update.ring",
            "canary, early, general",
        ),
    ] {
        let toml = format!("[update]\nendpoints = [{endpoints}]\npubkey = \"{pubkey}\"\n{extra}");
        let msg = with_file(&toml, Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains(key_name) && msg.contains("station.toml") && msg.contains(allowed),
            "{toml:?}: {msg}"
        );
    }
}

#[test]
fn a_station_is_in_the_general_ring_unless_its_update_table_names_another() {
    let key = release_pubkey();
    let base = format!(
        "[update]\nendpoints = [\"https://u.example.com/latest.json\"]\npubkey = \"{key}\"\n"
    );
    let c = with_file(&base, Overrides::default()).unwrap();
    assert_eq!(c.update.unwrap().ring, "general");
    for ring in ["canary", "early", "general", "night-shift"] {
        let c = with_file(&format!("{base}ring = \"{ring}\"\n"), Overrides::default()).unwrap();
        assert_eq!(c.update.unwrap().ring, ring);
    }
}

#[test]
fn the_site_table_sets_the_zone_and_the_shifts() {
    use packbench_core::site_time::SiteTime;
    // Nothing configured: UTC and the three default shifts, so existing configs keep working.
    let c = with_file("", Overrides::default()).unwrap();
    assert_eq!(c.site, SiteTime::default());
    assert_eq!(c.site.zone_name(), "UTC");
    assert_eq!(c.site.shifts().len(), 3);
    let c = with_file(
        "[site]\ntime_zone = \"Europe/Warsaw\"\n",
        Overrides::default(),
    )
    .unwrap();
    assert_eq!(c.site.zone_name(), "Europe/Warsaw");
    assert_eq!(c.site.shifts(), SiteTime::default_shifts());
    let c = with_file(
        "[site]\ntime_zone = \"Europe/London\"\n\n[[site.shifts]]\nname = \"days\"\nstart = \"07:00\"\nend = \"19:00\"\n\n[[site.shifts]]\nname = \"nights\"\nstart = \"19:00\"\nend = \"07:00\"\n",
        Overrides::default(),
    )
    .unwrap();
    let shifts: Vec<(String, String)> = c
        .site
        .shifts()
        .iter()
        .map(|s| (s.name.clone(), s.hours_text()))
        .collect();
    assert_eq!(
        shifts,
        [
            ("days".to_owned(), "07:00–19:00".to_owned()),
            ("nights".to_owned(), "19:00–07:00".to_owned())
        ]
    );
}

#[test]
fn the_desk_table_sets_the_webhook_and_the_backlog_threshold() {
    let c = with_file("", Overrides::default()).unwrap();
    assert_eq!(c.desk, DeskSettings::default());
    assert_eq!(c.desk.backlog_alert_ms, 600_000);
    let c = with_file(
        "[desk]\nwebhook_url = \"http://127.0.0.1:9/hook\"\nbacklog_alert_min = 3\n",
        Overrides::default(),
    )
    .unwrap();
    assert_eq!(
        c.desk.webhook_url.as_deref(),
        Some("http://127.0.0.1:9/hook")
    );
    assert_eq!(c.desk.backlog_alert_ms, 180_000);
}

#[test]
fn invalid_values_name_the_file_and_key() {
    let err = with_file("station_id = \"ST 07!\"\n", Overrides::default()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("station_id") && msg.contains("station.toml"),
        "{msg}"
    );
    let err = with_file("backend_url = \"ftp://x\"\n", Overrides::default()).unwrap_err();
    assert!(err.to_string().contains("backend_url"), "{err}");
    let err = with_file("staton_id = \"ST-01\"\n", Overrides::default()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("staton_id") && msg.contains("station.toml"),
        "{msg}"
    );
    let err = load(&Overrides {
        config_file: Some("/nonexistent/station.toml".into()),
        ..Default::default()
    })
    .unwrap_err();
    assert!(
        err.to_string().contains("/nonexistent/station.toml"),
        "{err}"
    );
}

#[test]
fn weight_tolerances_are_bounded_and_named_by_key() {
    let err = with_file(
        "[weight.default]\nabs_g = 1000000\npct = 5\n",
        Overrides::default(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("weight.abs_g") && msg.contains("1000000") && msg.contains("station.toml"),
        "{msg}"
    );
    let err = with_file(
        "[weight.per_client.\"Lumen\"]\nabs_g = 30\npct = 400\n",
        Overrides::default(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("weight.per_client.*.pct") && msg.contains("Lumen"),
        "{msg}"
    );
    let ok = with_file(
        "[weight.default]\nabs_g = 2000\npct = 10\n",
        Overrides::default(),
    )
    .unwrap();
    assert_eq!(ok.tolerances.default.abs_g, 2000);
}

/// The update endpoints and key decide what the station installs: a config the station's user
/// could write (their own file, a world-writable one, one in a writable directory) may not set
/// them; a root-owned one that only root can write may.
#[test]
fn update_settings_come_only_from_a_file_the_station_user_cannot_write() {
    use std::os::unix::fs::PermissionsExt;
    let key = release_pubkey();
    let toml = format!(
        "[update]\nendpoints = [\"https://u.example.com/latest.json\"]\npubkey = \"{key}\"\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("station.toml");
    std::fs::write(&p, &toml).unwrap();
    let read = || {
        load(&Overrides {
            config_file: Some(p.clone()),
            ..Overrides::default()
        })
    };
    // Root's own file (the tests run as root, as the station's installer does).
    assert!(read().unwrap().update.is_some());

    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666)).unwrap();
    let msg = read().unwrap_err().to_string();
    assert!(
        msg.contains("writable by group or others") && msg.contains("[update]"),
        "{msg}"
    );
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();

    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let msg = read().unwrap_err().to_string();
    assert!(msg.contains("writable by group or others"), "{msg}");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();

    // A user's file: owned by someone other than root.
    let chown = std::process::Command::new("chown")
        .arg("65534")
        .arg(&p)
        .status()
        .unwrap();
    assert!(
        chown.success(),
        "the test needs root to hand the file to another user"
    );
    let msg = read().unwrap_err().to_string();
    assert!(
        msg.contains("owned by uid 65534") && msg.contains("/etc/packbench/station.toml"),
        "{msg}"
    );
    // Without [update], the same user's file is fine.
    std::fs::write(&p, "station_id = \"ST-07\"\n").unwrap();
    assert_eq!(read().unwrap().station_id, "ST-07");
}
