//! The desk's sentences in the supervisor's language: alerts rendered from what the desk knows
//! of them (kind, station, key `kind/station[/device]`) and of the stations (devices, problem
//! codes, the outbox), device faults by their short desk names (`desk-fault-<code>`), ages.
//! An alert of a kind this build does not know, or whose station the desk no longer lists,
//! shows the backend's own (English) `message`.

use crate::desk::{Alert, DecisionView, DeskDone, HealthMetric, RingStep, StationRow};
use crate::i18n::{message_id, Arg, Words};
use crate::DeviceStatus;

/// A device fault by its short desk name (`paper_out` -> "out of labels"); the code itself
/// when this build does not know it.
pub fn fault_name(w: &Words, code: &str) -> String {
    w.try_fmt(&message_id("desk-fault", code), &[])
        .unwrap_or_else(|| code.to_owned())
}

/// How old an age in ms reads: "42 s", "7 min", "3 h" (the units as the language writes them).
pub fn age(w: &Words, ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (id, n) = if s < 120 {
        ("desk-age-seconds", s)
    } else if s < 2 * 3600 {
        ("desk-age-minutes", s / 60)
    } else {
        ("desk-age-hours", s / 3600)
    };
    w.fmt(id, &[("n", n.into())])
}

/// What a device has, for the stations table and the alerts: "ready", "not ready", or each
/// fault by name.
pub fn device_state(w: &Words, d: &DeviceStatus) -> String {
    if d.ready {
        w.text("desk-device-ready")
    } else if d.problems.is_empty() {
        w.text("desk-device-not-ready")
    } else {
        d.problems
            .iter()
            .map(|p| fault_name(w, p))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A station's step by its stable name (`verify_units`), as the desk says it.
pub fn step(w: &Words, step: &str) -> String {
    w.try_fmt(&message_id("desk-step", step), &[])
        .unwrap_or_else(|| step.replace('_', " "))
}

/// An alert's sentence in the supervisor's language, from the stations the desk shows (`now_ms`
/// is the overview's clock); the backend's `message` when the facts are not there.
pub fn alert_text(w: &Words, a: &Alert, stations: &[StationRow], now_ms: i64) -> String {
    render_alert(w, a, stations, now_ms).unwrap_or_else(|| a.message.clone())
}

fn render_alert(w: &Words, a: &Alert, stations: &[StationRow], now_ms: i64) -> Option<String> {
    // The fleet's, not a station's: `release_held/<ring>/<version>`.
    if a.kind == "release_held" {
        let mut parts = a.key.splitn(3, '/').skip(1);
        let (ring, version) = (parts.next()?, parts.next()?);
        return Some(w.fmt(
            "desk-alert-release-held",
            &[("ring", ring.into()), ("version", version.into())],
        ));
    }
    let row = stations.iter().find(|s| s.station_id == a.station_id)?;
    let station = || ("station", Arg::from(a.station_id.as_str()));
    // The device's kind is the key's third part (`device_not_ready/ST-03/scale`).
    let device = || {
        let kind = a.key.splitn(3, '/').nth(2)?;
        row.devices.iter().find(|d| d.kind == kind)
    };
    let minutes = |ms: i64| ((ms.max(0) as u64).div_ceil(60_000)).max(1);
    Some(match a.kind.as_str() {
        "station_offline" => w.fmt(
            "desk-alert-station-offline",
            &[
                station(),
                (
                    "minutes",
                    ((now_ms - row.last_seen_ms).max(0) / 60_000).max(1).into(),
                ),
            ],
        ),
        "outbox_backlog" => w.fmt(
            "desk-alert-outbox-backlog",
            &[
                station(),
                ("minutes", minutes(row.oldest_pending_age_ms? as i64).into()),
            ],
        ),
        "outbox_refused" => w.fmt(
            "desk-alert-outbox-refused",
            &[station(), ("count", row.outbox_failed.into())],
        ),
        "printer_out_of_labels" => w.fmt(
            "desk-alert-printer-out-of-labels",
            &[station(), ("printer", device()?.name.as_str().into())],
        ),
        "device_not_ready" => {
            let d = device()?;
            w.fmt(
                "desk-alert-device-not-ready",
                &[
                    station(),
                    ("device", w.device_kind(&d.kind).into()),
                    ("name", d.name.as_str().into()),
                    ("problems", device_state(w, d).into()),
                ],
            )
        }
        _ => return None,
    })
}

/// What a desk action did, as the supervisor reads it.
pub fn done_text(w: &Words, done: &DeskDone) -> String {
    match done {
        DeskDone::Released { trolley } => {
            w.fmt("desk-done-released", &[("trolley", trolley.into())])
        }
        DeskDone::Voided {
            order_id,
            shipment_id,
            tracking,
        } => w.fmt(
            "desk-done-voided",
            &[
                ("shipment", shipment_id.into()),
                ("order", order_id.into()),
                ("tracking", tracking.join(", ").into()),
            ],
        ),
        DeskDone::Reprinted {
            order_id,
            labels,
            printer,
        } => w.fmt(
            "desk-done-reprinted",
            &[
                ("labels", (*labels).into()),
                ("order", order_id.into()),
                ("printer", printer.into()),
            ],
        ),
        DeskDone::Decided {
            request_id,
            approved,
            order_id,
            parcel_no,
            station,
        } => {
            let args = [
                ("request", request_id.into()),
                ("order", order_id.into()),
                ("parcel", (*parcel_no).into()),
                ("station", station.into()),
            ];
            if *approved {
                w.fmt("desk-done-approved", &args)
            } else {
                w.fmt("desk-done-declined", &args)
            }
        }
        DeskDone::Rollout {
            ring,
            step,
            version,
        } => {
            let args = [
                ("ring", ring.into()),
                ("version", version.clone().unwrap_or_default().into()),
            ];
            match step {
                RingStep::Hold => w.fmt("desk-done-rollout-held", &args),
                RingStep::Resume => w.fmt("desk-done-rollout-resumed", &args),
                RingStep::RollBack => w.fmt("desk-done-rollout-rolled-back", &args),
            }
        }
    }
}

/// A health metric's name at the desk (`desk-rollout-metric-<metric>`).
pub fn metric_name(w: &Words, m: HealthMetric) -> String {
    w.try_fmt(&message_id("desk-rollout-metric", m.as_str()), &[])
        .unwrap_or_else(|| m.as_str().replace('_', " "))
}

/// A ring's state at the desk (`desk-rollout-state-<state>`).
pub fn ring_state(w: &Words, state: &str) -> String {
    w.try_fmt(&message_id("desk-rollout-state", state), &[])
        .unwrap_or_else(|| state.replace('_', " "))
}

/// A roll-out decision at the desk (`desk-rollout-decision-<kind>`), naming the release.
pub fn decision_text(w: &Words, d: &DecisionView) -> String {
    w.try_fmt(
        &message_id("desk-rollout-decision", &d.kind),
        &[
            ("version", d.version.as_str().into()),
            ("by", d.by.clone().unwrap_or_default().into()),
        ],
    )
    .unwrap_or_else(|| d.reason.clone())
}

/// A rate as the desk shows it: three decimals, or a dash when there was nothing to count over.
pub fn rate(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_owned(), |r| format!("{r:.3}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Severity;
    use crate::device_words::CODES;
    use crate::i18n::Lang;

    fn row(id: &str, devices: Vec<DeviceStatus>) -> StationRow {
        StationRow {
            station_id: id.into(),
            packer_id: None,
            trolley: None,
            slot: None,
            step: None,
            orders_last_hour: 0,
            units_last_hour: 0,
            shift_orders: 0,
            shift_units: 0,
            devices,
            outbox_pending: 3,
            outbox_failed: 2,
            oldest_pending_age_ms: Some(25 * 60_000),
            app_version: "1.0.0".into(),
            last_seen_ms: 0,
            stale: false,
            healthy: false,
        }
    }

    fn alert(kind: &str, station: &str, device: Option<&str>) -> Alert {
        Alert {
            key: match device {
                Some(d) => format!("{kind}/{station}/{d}"),
                None => format!("{kind}/{station}"),
            },
            kind: kind.into(),
            severity: Severity::Warning,
            station_id: station.into(),
            message: "the backend's English".into(),
            raised_at_ms: 0,
        }
    }

    fn scale(problems: &[&str]) -> DeviceStatus {
        DeviceStatus {
            kind: "scale".into(),
            name: "MT-SICS /dev/ttyUSB0".into(),
            ready: false,
            problems: problems.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    #[test]
    fn a_scale_fault_and_an_offline_station_in_polish_and_ukrainian() {
        let stations = [
            row("ST-03", vec![scale(&["scale_disconnected"])]),
            row("ST-07", vec![]),
        ];
        let faulty = alert("device_not_ready", "ST-03", Some("scale"));
        let offline = alert("station_offline", "ST-07", None);
        let min = 60_000;
        let (pl, uk) = (Lang::Pl.words(), Lang::Uk.words());
        assert_eq!(
            alert_text(&pl, &faulty, &stations, 0),
            "ST-03: Waga MT-SICS /dev/ttyUSB0: odłączona. Sprawdź urządzenie."
        );
        assert_eq!(
            alert_text(&uk, &faulty, &stations, 0),
            "ST-03: Ваги MT-SICS /dev/ttyUSB0: від'єднані. Перевірте пристрій."
        );
        // Minutes select the language's plural form.
        let off = |w: &Words, m: i64| alert_text(w, &offline, &stations, m * min);
        assert_eq!(
            off(&pl, 1),
            "ST-07 jest offline: brak sygnału od 1 minuty. Sprawdź komputer i połączenie sieciowe."
        );
        assert_eq!(
            off(&pl, 5),
            "ST-07 jest offline: brak sygnału od 5 minut. Sprawdź komputer i połączenie sieciowe."
        );
        assert_eq!(
            off(&pl, 22),
            "ST-07 jest offline: brak sygnału od 22 minut. Sprawdź komputer i połączenie sieciowe."
        );
        assert_eq!(
            off(&uk, 1),
            "ST-07 не на зв'язку: немає сигналу 1 хвилину. Перевірте комп'ютер і мережу."
        );
        assert_eq!(
            off(&uk, 3),
            "ST-07 не на зв'язку: немає сигналу 3 хвилини. Перевірте комп'ютер і мережу."
        );
        assert_eq!(
            off(&uk, 11),
            "ST-07 не на зв'язку: немає сигналу 11 хвилин. Перевірте комп'ютер і мережу."
        );
    }

    #[test]
    fn the_roll_out_is_worded_at_the_desk_with_no_station_row() {
        let held = Alert {
            key: "release_held/canary/1.1.0".into(),
            kind: "release_held".into(),
            severity: Severity::Critical,
            station_id: "(roll-out)".into(),
            message: "the backend's English".into(),
            raised_at_ms: 0,
        };
        let (en, pl) = (Lang::En.words(), Lang::Pl.words());
        assert_eq!(
            alert_text(&en, &held, &[], 0),
            "Release 1.1.0 is held at the canary ring: its stations ran worse than on the release before. Resume or roll back the ring on the Roll-out tab."
        );
        assert!(alert_text(&pl, &held, &[], 0).contains("canary"));
        let done = |step| DeskDone::Rollout {
            ring: "early".into(),
            step,
            version: Some("1.0.0".into()),
        };
        assert_eq!(
            done_text(&en, &done(RingStep::RollBack)),
            "Ring early rolled back to release 1.0.0."
        );
        assert_eq!(
            done_text(&pl, &done(RingStep::Hold)),
            "Pierścień early wstrzymany (wydanie 1.0.0)."
        );
        assert_eq!(
            metric_name(&pl, HealthMetric::CrashRestartsPerStationHour),
            "restarty po awarii na stanowisko-godzinę"
        );
        assert_eq!(ring_state(&en, "rolled_back"), "rolled back");
        let d = DecisionView {
            kind: "held".into(),
            version: "1.1.0".into(),
            by: None,
            reason: "the backend's English".into(),
            decided_at_ms: 0,
            comparison: None,
        };
        assert_eq!(
            decision_text(&en, &d),
            "1.1.0 held automatically: worse than the release before"
        );
        let unknown = DecisionView {
            kind: "something_new".into(),
            ..d
        };
        assert_eq!(decision_text(&en, &unknown), "the backend's English");
        assert_eq!(rate(Some(0.25)), "0.250");
        assert_eq!(rate(None), "–");
    }

    #[test]
    fn every_known_kind_renders_and_the_unknown_falls_back() {
        let mut printer = scale(&["paper_out"]);
        printer.kind = "label_printer".into();
        printer.name = "ZD420".into();
        let stations = [row("ST-01", vec![printer])];
        let en = Lang::En.words();
        let said = |kind: &str, device: Option<&str>| {
            alert_text(&en, &alert(kind, "ST-01", device), &stations, 0)
        };
        assert_eq!(
            said("printer_out_of_labels", Some("label_printer")),
            "ST-01: label printer ZD420 is out of labels. Load a new roll."
        );
        assert_eq!(
            said("outbox_backlog", None),
            "ST-01: backend writes waiting for 25 minutes. Check its connection to the backend."
        );
        assert_eq!(
            said("outbox_refused", None),
            "ST-01: 2 backend writes refused for good. Look at its log and the orders concerned."
        );
        assert_eq!(said("fridge_warm", None), "the backend's English");
        // A station the desk does not list (or a device it no longer reports): the backend's.
        assert_eq!(
            alert_text(&en, &alert("station_offline", "ST-99", None), &stations, 0),
            "the backend's English"
        );
        assert_eq!(
            said("device_not_ready", Some("scale")),
            "the backend's English"
        );
    }

    #[test]
    fn every_fault_code_has_a_short_desk_name_in_every_language() {
        for lang in Lang::ALL {
            let w = lang.words();
            for code in CODES {
                let id = message_id("desk-fault", code);
                assert!(w.has(&id), "{}: no {id}", lang.tag());
                let name = fault_name(&w, code);
                assert!(
                    !name.contains(" — "),
                    "{} {code}: a name, not an instruction",
                    lang.tag()
                );
            }
        }
        assert_eq!(fault_name(&Lang::Pl.words(), "paper_out"), "brak etykiet");
        assert_eq!(fault_name(&Lang::En.words(), "fridge_warm"), "fridge_warm");
    }

    #[test]
    fn what_an_action_did_reads_in_the_language() {
        let reprinted = |labels| DeskDone::Reprinted {
            order_id: "SO-100001".into(),
            labels,
            printer: "ZD420".into(),
        };
        let (en, pl) = (Lang::En.words(), Lang::Pl.words());
        assert_eq!(
            done_text(&en, &reprinted(1)),
            "1 label of SO-100001 sent to ZD420."
        );
        assert_eq!(
            done_text(&pl, &reprinted(2)),
            "Wysłano do ZD420 2 etykiety zamówienia SO-100001."
        );
        assert_eq!(
            done_text(&pl, &reprinted(5)),
            "Wysłano do ZD420 5 etykiet zamówienia SO-100001."
        );
        let released = DeskDone::Released {
            trolley: "TR-0013".into(),
        };
        assert_eq!(
            done_text(&en, &released),
            "TR-0013 released: another station may claim it now."
        );
    }

    #[test]
    fn ages_read_in_the_language() {
        let (en, uk) = (Lang::En.words(), Lang::Uk.words());
        assert_eq!(age(&en, 42_000), "42 s");
        assert_eq!(age(&en, 7 * 60_000), "7 min");
        assert_eq!(age(&en, 3 * 3_600_000), "3 h");
        assert_eq!(age(&uk, 7 * 60_000), "7 хв");
    }
}
