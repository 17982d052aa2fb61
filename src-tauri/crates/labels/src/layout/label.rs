//! `layout`: the shipping label's zones top to bottom (sender, recipient, carrier, tracking,
//! references, SSCC), each sized so its worst case fits above the next rule.

use crate::code128::Code128Plan;
use crate::data::{Address, LabelData};
use crate::font::FontWeight;
use crate::{Dpi, LabelError};

use super::barcode::{linear, qr};
use super::model::{
    Element, FilledBox, Layout, LABEL_HEIGHT_MM, LABEL_WIDTH_MM, MARGIN_MM, RULE_MM,
};
use super::text::{caption, place_centred, place_fields, Field};

// Zone tops in mm; each zone's fields are sized so their worst case fits above the next rule.
const SENDER_TOP: f64 = 2.5;
const RECIPIENT_TOP: f64 = 19.5;
const CARRIER_TOP: f64 = 59.0;
const TRACKING_TOP: f64 = 76.0;
const REFS_TOP: f64 = 101.5;
const SSCC_TOP: f64 = 125.0;

/// Lays out `data` for a printer of `dpi`. Fails when a field is invalid or a barcode
/// cannot fit at a scannable module width.
pub fn layout(data: &LabelData, dpi: Dpi) -> Result<Layout, LabelError> {
    crate::validate(data)?;
    let mut out = Vec::new();
    let content_w = LABEL_WIDTH_MM - 2.0 * MARGIN_MM;

    // Sender: small, one line per field.
    let s = &data.sender;
    let small = |text, weight, max_size| Field {
        text,
        weight,
        max_size,
        min_size: 1.6,
        max_lines: 1,
    };
    let sender_street = street(s);
    let sender_city = format!("{} {}", postal_line(s), s.country_code.trim());
    let sender_fields = [
        caption("FROM"),
        small(&s.name, FontWeight::Bold, 2.8),
        small(s.company.as_deref().unwrap_or(""), FontWeight::Regular, 2.6),
        small(&sender_street, FontWeight::Regular, 2.6),
        small(&sender_city, FontWeight::Regular, 2.6),
    ];
    check_budget(&sender_fields, SENDER_TOP, RECIPIENT_TOP - 1.0);
    place_fields(&mut out, MARGIN_MM, SENDER_TOP, content_w, &sender_fields);
    rule(&mut out, RECIPIENT_TOP - 1.0);

    // Recipient: large.
    let r = &data.recipient;
    let recipient_street = street(r);
    let recipient_city = postal_line(r);
    let country_phone = match r.phone.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => format!("{}   tel. {p}", r.country_code.trim()),
        _ => r.country_code.trim().to_owned(),
    };
    let recipient_fields = [
        caption("TO"),
        Field {
            text: &r.name,
            weight: FontWeight::Bold,
            max_size: 4.6,
            min_size: 2.6,
            max_lines: 2,
        },
        Field {
            text: r.company.as_deref().unwrap_or(""),
            weight: FontWeight::Regular,
            max_size: 3.6,
            min_size: 2.2,
            max_lines: 1,
        },
        Field {
            text: &recipient_street,
            weight: FontWeight::Regular,
            max_size: 3.8,
            min_size: 2.2,
            max_lines: 2,
        },
        Field {
            text: &recipient_city,
            weight: FontWeight::Bold,
            max_size: 4.6,
            min_size: 2.6,
            max_lines: 1,
        },
        Field {
            text: &country_phone,
            weight: FontWeight::Regular,
            max_size: 3.2,
            min_size: 2.0,
            max_lines: 1,
        },
    ];
    check_budget(&recipient_fields, RECIPIENT_TOP, CARRIER_TOP - 1.0);
    place_fields(
        &mut out,
        MARGIN_MM,
        RECIPIENT_TOP,
        content_w,
        &recipient_fields,
    );
    rule(&mut out, CARRIER_TOP - 1.0);

    // Carrier and service on the left, routing code large on the right.
    let parcel = data
        .parcel
        .map(|p| format!("Parcel {}/{}", p.index, p.count))
        .unwrap_or_default();
    let left_w = 52.0;
    let carrier_fields = [
        Field {
            text: &data.carrier,
            weight: FontWeight::Bold,
            max_size: 4.2,
            min_size: 2.4,
            max_lines: 1,
        },
        Field {
            text: &data.service,
            weight: FontWeight::Regular,
            max_size: 3.4,
            min_size: 2.2,
            max_lines: 1,
        },
        Field {
            text: &parcel,
            weight: FontWeight::Regular,
            max_size: 3.0,
            min_size: 3.0,
            max_lines: 1,
        },
    ];
    check_budget(&carrier_fields, CARRIER_TOP, TRACKING_TOP - 1.0);
    place_fields(&mut out, MARGIN_MM, CARRIER_TOP, left_w, &carrier_fields);
    let routing_x = MARGIN_MM + left_w + 2.0;
    let routing_rows = [
        caption("ROUTING"),
        Field {
            text: &data.routing_code,
            weight: FontWeight::Bold,
            max_size: 10.0,
            min_size: 3.0,
            max_lines: 1,
        },
    ];
    check_budget(&routing_rows, CARRIER_TOP, TRACKING_TOP - 1.0);
    place_fields(
        &mut out,
        routing_x,
        CARRIER_TOP,
        LABEL_WIDTH_MM - MARGIN_MM - routing_x,
        &routing_rows,
    );
    rule(&mut out, TRACKING_TOP - 1.0);

    // Tracking barcode, centred, with its number under it.
    let y = place_fields(
        &mut out,
        MARGIN_MM,
        TRACKING_TOP,
        content_w,
        &[caption("TRACKING")],
    );
    let tracking = Code128Plan::plain(&data.tracking_number)?;
    let bars_h = 16.0;
    out.push(Element::Code128(linear(
        tracking,
        &data.tracking_number,
        y + 0.3,
        bars_h,
        dpi,
        0.5,
        "tracking number",
    )?));
    let hrt = [Field {
        text: &data.tracking_number,
        weight: FontWeight::Bold,
        max_size: 3.2,
        min_size: 2.0,
        max_lines: 1,
    }];
    place_centred(&mut out, y + 0.3 + bars_h + 0.5, &hrt[0]);
    rule(&mut out, REFS_TOP - 1.0);

    // Weight and order reference on the left, QR code on the right.
    let weight = format_weight(data.weight_g);
    let refs_fields = [
        caption("WEIGHT"),
        Field {
            text: &weight,
            weight: FontWeight::Bold,
            max_size: 5.0,
            min_size: 5.0,
            max_lines: 1,
        },
        caption("ORDER"),
        Field {
            text: &data.order_ref,
            weight: FontWeight::Regular,
            max_size: 3.6,
            min_size: 2.2,
            max_lines: 2,
        },
    ];
    check_budget(&refs_fields, REFS_TOP, SSCC_TOP - 1.0);
    let qr_area = SSCC_TOP - 1.0 - REFS_TOP - 0.5;
    place_fields(
        &mut out,
        MARGIN_MM,
        REFS_TOP,
        content_w - qr_area - 2.0,
        &refs_fields,
    );
    out.push(Element::Qr(qr(
        data.qr_payload(),
        LABEL_WIDTH_MM - MARGIN_MM - qr_area,
        REFS_TOP,
        qr_area,
        dpi,
    )?));
    rule(&mut out, SSCC_TOP - 1.0);

    // SSCC lowest, as GS1-128 with AI 00.
    let y = place_fields(&mut out, MARGIN_MM, SSCC_TOP, content_w, &[caption("SSCC")]);
    let element_string = data.sscc.element_string();
    let sscc = Code128Plan::gs1_numeric(&element_string)?;
    let bars_h = 16.0;
    out.push(Element::Code128(linear(
        sscc,
        &element_string,
        y + 0.3,
        bars_h,
        dpi,
        0.6,
        "SSCC",
    )?));
    let hrt_text = data.sscc.human_readable();
    let hrt = Field {
        text: &hrt_text,
        weight: FontWeight::Bold,
        max_size: 3.2,
        min_size: 2.0,
        max_lines: 1,
    };
    place_centred(&mut out, y + 0.3 + bars_h + 0.5, &hrt);

    Ok(Layout {
        width_mm: LABEL_WIDTH_MM,
        height_mm: LABEL_HEIGHT_MM,
        dpi,
        elements: out,
    })
}

fn check_budget(fields: &[Field], top: f64, bottom: f64) {
    let worst: f64 = fields.iter().map(Field::max_height).sum();
    debug_assert!(
        top + worst <= bottom + 1e-9,
        "zone at {top} mm needs {worst} mm"
    );
}

fn rule(out: &mut Vec<Element>, y: f64) {
    out.push(Element::Box(FilledBox {
        x_mm: MARGIN_MM,
        y_mm: y,
        width_mm: LABEL_WIDTH_MM - 2.0 * MARGIN_MM,
        height_mm: RULE_MM,
    }));
}

fn postal_line(a: &Address) -> String {
    format!("{} {}", a.postal_code.trim(), a.city.trim())
}

fn street(a: &Address) -> String {
    a.street_lines.join(", ")
}

/// "2.35 kg" from grams.
pub fn format_weight(weight_g: u32) -> String {
    let centi_kg = (weight_g + 5) / 10;
    format!("{}.{:02} kg", centi_kg / 100, centi_kg % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_print_in_kg_rounded_to_10_g() {
        for (g, text) in [
            (2350, "2.35 kg"),
            (2999, "3.00 kg"),
            (5, "0.01 kg"),
            (994, "0.99 kg"),
            (30_000, "30.00 kg"),
        ] {
            assert_eq!(format_weight(g), text, "{g} g");
        }
    }
}
