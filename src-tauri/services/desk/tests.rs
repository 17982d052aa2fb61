//! The desk's pure parts: CSV rows and alert posting (with a recording webhook).
use super::*;
use crate::ports::WebhookError;
use packbench_core::desk::{Alert, RecordKind};

fn row(reason: &str, detail: &str) -> DeskRecord {
    DeskRecord {
        kind: RecordKind::PackagingOverride,
        recorded_at_ms: 1_764_158_400_000,
        station: "ST-01".into(),
        packer_id: "PK-0001".into(),
        order_id: "SO-1".into(),
        reason: reason.into(),
        detail: detail.into(),
    }
}

#[test]
fn csv_quotes_commas_quotes_and_line_breaks_and_reads_back() {
    let rows = vec![
        row("box \"XL\", crushed", "line one\nline two"),
        row("plain", "parcel 1: suggested BX-S, used BX-M"),
    ];
    let bytes = records_csv(&rows).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.starts_with("recorded_at_utc,recorded_at_ms,kind,"),
        "{text}"
    );
    assert!(text.contains("\"box \"\"XL\"\", crushed\""), "{text}");
    assert!(text.contains("\"line one\nline two\""), "{text}");
    assert!(text.contains("2025-11-26 12:00:00"), "{text}");
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let back: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(back.len(), 2);
    assert_eq!(&back[0][6], "box \"XL\", crushed");
    assert_eq!(&back[0][7], "line one\nline two");
    assert_eq!(&back[1][2], "packaging_override");
}

/// A webhook that keeps what it was sent, or refuses everything.
#[derive(Default)]
struct RecordingWebhook {
    texts: std::sync::Mutex<Vec<String>>,
    refuse: bool,
}

#[async_trait::async_trait]
impl AlertWebhook for RecordingWebhook {
    async fn post(&self, text: &str) -> Result<(), WebhookError> {
        if self.refuse {
            return Err(WebhookError("it answered 404 Not Found".into()));
        }
        self.texts.lock().unwrap().push(text.to_owned());
        Ok(())
    }
}

#[tokio::test]
async fn raised_alerts_are_posted_once_per_raise() {
    let mut stale = StationFacts {
        station_id: "ST-09".into(),
        stale: true,
        last_seen_ms: 0,
        oldest_pending_age_ms: None,
        failed_writes: 0,
        devices: vec![],
    };
    let mut tracker = AlertTracker::default();
    let hook = RecordingWebhook::default();
    // Three polls of the same offline station: one post.
    for now in [120_000, 123_000, 126_000] {
        let c = tracker.update(
            now,
            desk::evaluate(std::slice::from_ref(&stale), &AlertPolicy::default(), now),
        );
        post_alerts(&hook, &c.raised).await.unwrap();
    }
    stale.stale = false;
    let c = tracker.update(
        130_000,
        desk::evaluate(&[stale], &AlertPolicy::default(), 130_000),
    );
    post_alerts(&hook, &c.raised).await.unwrap();
    let got = hook.texts.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].contains("CRITICAL") && got[0].contains("ST-09 is offline"),
        "{}",
        got[0]
    );

    let refusing = RecordingWebhook {
        refuse: true,
        ..Default::default()
    };
    let refused = post_alerts(&refusing, &tracker_alert()).await;
    assert!(refused.unwrap_err().to_string().contains("404"));
}

fn tracker_alert() -> Vec<Alert> {
    let st = StationFacts {
        station_id: "ST-01".into(),
        stale: true,
        last_seen_ms: 0,
        oldest_pending_age_ms: None,
        failed_writes: 0,
        devices: vec![],
    };
    desk::evaluate(&[st], &AlertPolicy::default(), 60_000)
}
