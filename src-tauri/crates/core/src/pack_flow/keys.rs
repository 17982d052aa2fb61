//! Idempotency keys for the writes a step asks for. Each is built only from what identifies the
//! fact (the claim of the trolley, order, parcel, line, or a counter kept in the state), never
//! from a clock or a random source, so replaying a step from the persisted state yields the same
//! keys. The claim is part of every key: an order re-picked onto the same trolley and packed in a
//! later claim gets new keys, so the backend does not drop its movements as duplicates.

use crate::trolley::TrolleyCode;

/// Escapes `:` and `%` so that fields cannot run into each other (`A:1` + `2` vs `A` + `1:2`).
fn part(s: &str) -> String {
    s.replace('%', "%25").replace(':', "%3A")
}

/// The claim a trolley's keys are scoped to: the trolley, the station that claimed it and the
/// station's state revision at the claim (unique per station, and persisted with the state).
pub fn claim(trolley: &TrolleyCode, station_id: &str, revision: u64) -> String {
    format!("{trolley}@{}#{revision}", part(station_id))
}

fn order_key(kind: &str, claim: &str, order_id: &str) -> String {
    format!("{kind}:{claim}:{}", part(order_id))
}

pub fn movement(claim: &str, order_id: &str, parcel_no: u32, line_no: u32) -> String {
    format!(
        "{}:p{parcel_no}:l{line_no}",
        order_key("mv", claim, order_id)
    )
}

/// `seq` counts the exception records of the order, so two reports on one line differ.
pub fn line_exception(claim: &str, order_id: &str, line_no: u32, seq: u32) -> String {
    format!("{}:l{line_no}:e{seq}", order_key("ex", claim, order_id))
}

pub fn order_exception(claim: &str, order_id: &str) -> String {
    order_key("ox", claim, order_id)
}

pub fn shipment(claim: &str, order_id: &str) -> String {
    order_key("sh", claim, order_id)
}

/// `revision` is the state's step counter: a parcel reopened and re-boxed gets a new record.
pub fn packaging_override(claim: &str, order_id: &str, parcel_no: u32, revision: u64) -> String {
    format!(
        "{}:p{parcel_no}:r{revision}",
        order_key("po", claim, order_id)
    )
}

pub fn weight_override(claim: &str, order_id: &str, parcel_no: u32, revision: u64) -> String {
    format!(
        "{}:p{parcel_no}:r{revision}",
        order_key("wo", claim, order_id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_deterministic_and_fields_cannot_collide() {
        let t: TrolleyCode = "TR-0042".parse().unwrap();
        let c = claim(&t, "ST-01", 7);
        assert_eq!(c, "TR-0042@ST-01#7");
        assert_eq!(movement(&c, "SO-1", 2, 3), "mv:TR-0042@ST-01#7:SO-1:p2:l3");
        assert_eq!(movement(&c, "SO-1", 2, 3), movement(&c, "SO-1", 2, 3));
        assert_ne!(movement(&c, "SO-1", 2, 3), movement(&c, "SO-1", 3, 2));
        assert_ne!(movement(&c, "A:p1", 2, 3), movement(&c, "A", 1, 3));
        assert_eq!(
            movement(&c, "A:p1", 2, 3),
            "mv:TR-0042@ST-01#7:A%3Ap1:p2:l3"
        );
        let later = claim(&t, "ST-01", 90);
        assert_ne!(movement(&c, "SO-1", 1, 1), movement(&later, "SO-1", 1, 1));
        assert_ne!(claim(&t, "ST:1", 7), claim(&t, "ST", 7));
        assert_ne!(
            line_exception(&c, "SO-1", 1, 0),
            line_exception(&c, "SO-1", 1, 1)
        );
        assert_ne!(order_exception(&c, "SO-1"), shipment(&c, "SO-1"));
    }
}
