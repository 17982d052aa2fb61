//! Code 128 symbol plans: which code set carries which characters. One plan feeds both the
//! module pattern (via `barcoders`) drawn in the PDF and the `^BC` data sent to a Zebra, so
//! the printer draws exactly the bars the layout measured.

use crate::LabelError;

/// Code set of a Code 128 symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeSet {
    B,
    C,
}

/// One step of a Code 128 plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code128Part {
    /// Start or switch to a code set (the first part is the start character).
    Set(CodeSet),
    /// Function 1: in first position it makes the symbol GS1-128.
    Fnc1,
    /// Characters in the current set (digit pairs in set C).
    Data(String),
}

/// A planned Code 128 symbol with its module pattern (true = bar), quiet zones excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code128Plan {
    pub parts: Vec<Code128Part>,
    pub modules: Vec<bool>,
}

impl Code128Plan {
    /// Plain Code 128 of `data` (printable ASCII): digit runs long enough to save space go
    /// in set C, the rest in set B.
    pub fn plain(data: &str) -> Result<Self, LabelError> {
        if data.is_empty() || !data.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return Err(LabelError::Barcode {
                what: "Code 128",
                detail: format!("{data:?} is not printable ASCII"),
            });
        }
        Self::from_parts(plan_sets(data))
    }

    /// GS1-128 of an element string whose AIs are all fixed-length digits (such as AI 00):
    /// start C, FNC1, then the digits.
    pub fn gs1_numeric(element_string: &str) -> Result<Self, LabelError> {
        if element_string.is_empty()
            || !element_string.len().is_multiple_of(2)
            || !element_string.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(LabelError::Barcode {
                what: "GS1-128",
                detail: format!("{element_string:?} is not an even count of digits"),
            });
        }
        Self::from_parts(vec![
            Code128Part::Set(CodeSet::C),
            Code128Part::Fnc1,
            Code128Part::Data(element_string.to_owned()),
        ])
    }

    fn from_parts(parts: Vec<Code128Part>) -> Result<Self, LabelError> {
        let mut text = String::new();
        for part in &parts {
            match part {
                Code128Part::Set(CodeSet::B) => text.push('Ɓ'),
                Code128Part::Set(CodeSet::C) => text.push('Ć'),
                Code128Part::Fnc1 => text.push('Ź'),
                Code128Part::Data(d) => text.push_str(d),
            }
        }
        let symbol =
            barcoders::sym::code128::Code128::new(&text).map_err(|e| LabelError::Barcode {
                what: "Code 128",
                detail: format!("{e:?} for {text:?}"),
            })?;
        let modules = symbol.encode().into_iter().map(|m| m == 1).collect();
        Ok(Self { parts, modules })
    }

    /// Symbol width in modules, quiet zones excluded.
    pub fn width_modules(&self) -> usize {
        self.modules.len()
    }
}

/// Splits `data` into set B text and set C digit pairs. A digit run goes to set C when it
/// is at least 4 digits at either end of the data or 6 in the middle (below that the switch
/// costs more than it saves); an odd run leaves its first digit in set B.
fn plan_sets(data: &str) -> Vec<Code128Part> {
    let bytes = data.as_bytes();
    let mut segments: Vec<(CodeSet, String)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let run = &data[start..i];
            let at_edge = start == 0 || i == bytes.len();
            let worth = if at_edge {
                run.len() >= 4
            } else {
                run.len() >= 6
            };
            if worth {
                let (odd, pairs) = run.split_at(run.len() % 2);
                if !odd.is_empty() {
                    push_segment(&mut segments, CodeSet::B, odd);
                }
                push_segment(&mut segments, CodeSet::C, pairs);
            } else {
                push_segment(&mut segments, CodeSet::B, run);
            }
        } else {
            while i < bytes.len() && !bytes[i].is_ascii_digit() {
                i += 1;
            }
            push_segment(&mut segments, CodeSet::B, &data[start..i]);
        }
    }
    segments
        .into_iter()
        .flat_map(|(set, text)| [Code128Part::Set(set), Code128Part::Data(text)])
        .collect()
}

fn push_segment(segments: &mut Vec<(CodeSet, String)>, set: CodeSet, text: &str) {
    match segments.last_mut() {
        Some((last, acc)) if *last == set => acc.push_str(text),
        _ => segments.push((set, text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets(plan: &Code128Plan) -> Vec<(CodeSet, String)> {
        let mut out = Vec::new();
        let mut set = None;
        for p in &plan.parts {
            match p {
                Code128Part::Set(s) => set = Some(*s),
                Code128Part::Data(d) => out.push((set.unwrap(), d.clone())),
                Code128Part::Fnc1 => {}
            }
        }
        out
    }

    #[test]
    fn all_digit_tracking_numbers_use_set_c() {
        let plan = Code128Plan::plain("00340434161094015902").unwrap();
        assert_eq!(
            sets(&plan),
            vec![(CodeSet::C, "00340434161094015902".into())]
        );
        // start + 10 pairs + check = 12 symbols of 11 modules, stop is 13.
        assert_eq!(plan.width_modules(), 12 * 11 + 13);
    }

    #[test]
    fn odd_digit_runs_and_letters_mix_sets() {
        let plan = Code128Plan::plain("1Z999AA10123456784").unwrap();
        assert_eq!(
            sets(&plan),
            vec![
                (CodeSet::B, "1Z999AA1".into()),
                (CodeSet::C, "0123456784".into())
            ]
        );
        let plan = Code128Plan::plain("12345").unwrap();
        assert_eq!(
            sets(&plan),
            vec![(CodeSet::B, "1".into()), (CodeSet::C, "2345".into())]
        );
        let plan = Code128Plan::plain("AB1234CD").unwrap();
        assert_eq!(sets(&plan), vec![(CodeSet::B, "AB1234CD".into())]);
    }

    #[test]
    fn gs1_sscc_is_start_c_fnc1_digits() {
        let plan = Code128Plan::gs1_numeric("00106141411234567897").unwrap();
        // start C, FNC1, 10 pairs, check: 13 symbols, plus the 13-module stop.
        assert_eq!(plan.width_modules(), 13 * 11 + 13);
        // Start C is 11010011100, FNC1 is 11110101110.
        let bits: String = plan.modules[..22]
            .iter()
            .map(|&m| if m { '1' } else { '0' })
            .collect();
        assert_eq!(bits, "1101001110011110101110");
        assert!(Code128Plan::gs1_numeric("0010614141123456789").is_err());
    }

    #[test]
    fn refuses_non_ascii() {
        assert!(Code128Plan::plain("ŁÓDŹ1").is_err());
        assert!(Code128Plan::plain("").is_err());
    }
}
