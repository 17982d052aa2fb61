//! Idempotency keys for the writes a step asks for. Each is built only from what identifies the
//! fact (trolley, order, parcel, line, or a counter kept in the state), never from a clock or a
//! random source, so replaying a step from the persisted state yields the same keys.

use crate::trolley::TrolleyCode;

/// Escapes `:` and `%` so that fields cannot run into each other (`A:1` + `2` vs `A` + `1:2`).
fn part(s: &str) -> String {
    s.replace('%', "%25").replace(':', "%3A")
}

fn order_key(kind: &str, trolley: &TrolleyCode, order_id: &str) -> String {
    format!("{kind}:{trolley}:{}", part(order_id))
}

pub fn movement(trolley: &TrolleyCode, order_id: &str, parcel_no: u32, line_no: u32) -> String {
    format!(
        "{}:p{parcel_no}:l{line_no}",
        order_key("mv", trolley, order_id)
    )
}

/// `seq` counts the exception records of the order, so two reports on one line differ.
pub fn line_exception(trolley: &TrolleyCode, order_id: &str, line_no: u32, seq: u32) -> String {
    format!("{}:l{line_no}:e{seq}", order_key("ex", trolley, order_id))
}

pub fn order_exception(trolley: &TrolleyCode, order_id: &str) -> String {
    order_key("ox", trolley, order_id)
}

pub fn shipment(trolley: &TrolleyCode, order_id: &str) -> String {
    order_key("sh", trolley, order_id)
}

/// `revision` is the state's step counter: a parcel reopened and re-boxed gets a new record.
pub fn packaging_override(
    trolley: &TrolleyCode,
    order_id: &str,
    parcel_no: u32,
    revision: u64,
) -> String {
    format!(
        "{}:p{parcel_no}:r{revision}",
        order_key("po", trolley, order_id)
    )
}

pub fn weight_override(
    trolley: &TrolleyCode,
    order_id: &str,
    parcel_no: u32,
    revision: u64,
) -> String {
    format!(
        "{}:p{parcel_no}:r{revision}",
        order_key("wo", trolley, order_id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_deterministic_and_fields_cannot_collide() {
        let t: TrolleyCode = "TR-0042".parse().unwrap();
        assert_eq!(movement(&t, "SO-1", 2, 3), "mv:TR-0042:SO-1:p2:l3");
        assert_eq!(movement(&t, "SO-1", 2, 3), movement(&t, "SO-1", 2, 3));
        assert_ne!(movement(&t, "SO-1", 2, 3), movement(&t, "SO-1", 3, 2));
        assert_ne!(movement(&t, "A:p1", 2, 3), movement(&t, "A", 1, 3));
        assert_eq!(movement(&t, "A:p1", 2, 3), "mv:TR-0042:A%3Ap1:p2:l3");
        assert_ne!(
            line_exception(&t, "SO-1", 1, 0),
            line_exception(&t, "SO-1", 1, 1)
        );
        assert_ne!(order_exception(&t, "SO-1"), shipment(&t, "SO-1"));
    }
}
