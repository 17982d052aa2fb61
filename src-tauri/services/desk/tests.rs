//! The desk's pure parts: CSV rows.
use super::*;
use packbench_core::desk::RecordKind;

fn row(reason: &str, detail: &str) -> DeskRecord {
    DeskRecord {
        kind: RecordKind::PackagingOverride,
        recorded_at_ms: 1_764_158_400_000,
        recorded_at_local: "2025-11-26 13:00:00+01:00".into(),
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
    // The local time is the last column, so the columns before it keep their places.
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(",detail,recorded_at_local"),
        "{text}"
    );
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let back: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(back.len(), 2);
    assert_eq!(&back[0][6], "box \"XL\", crushed");
    assert_eq!(&back[0][7], "line one\nline two");
    assert_eq!(&back[1][2], "packaging_override");
    assert_eq!(&back[1][8], "2025-11-26 13:00:00+01:00");
}
