//! GS1 identifiers: check digits for GTINs and SSCCs (the mod-10 rule of the GS1 General
//! Specifications, section 7.9).

/// The GS1 mod-10 check digit for the given digits (all but the check digit): weights 3 and 1
/// alternate from the rightmost digit. `None` if anything is not an ASCII digit.
pub fn check_digit(digits: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        let d = u32::from(c - b'0');
        sum += if i % 2 == 0 { 3 * d } else { d };
    }
    Some(((10 - sum % 10) % 10) as u8)
}

/// Whether `code` is a GTIN-8, -12, -13 or -14 with a correct check digit.
pub fn is_valid_gtin(code: &str) -> bool {
    matches!(code.len(), 8 | 12 | 13 | 14)
        && code
            .split_at(code.len() - 1)
            .1
            .parse::<u8>()
            .ok()
            .zip(check_digit(&code[..code.len() - 1]))
            .is_some_and(|(given, want)| given == want)
}

/// Completes 12 digits into a GTIN-13.
pub fn gtin13(first12: &str) -> Option<String> {
    if first12.len() != 12 {
        return None;
    }
    check_digit(first12).map(|c| format!("{first12}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_gtins_validate() {
        for good in [
            "4006381333931",
            "5901234123457",
            "036000291452",
            "96385074",
            "10012345678902",
        ] {
            assert!(is_valid_gtin(good), "{good}");
        }
        for bad in ["4006381333932", "400638133393", "40063813339x1", "", "123"] {
            assert!(!is_valid_gtin(bad), "{bad}");
        }
    }

    #[test]
    fn gtin13_completion_matches_validation() {
        assert_eq!(gtin13("400638133393").as_deref(), Some("4006381333931"));
        assert_eq!(gtin13("40063813339"), None);
        // Every completion validates, and no other last digit does.
        for n in 0..500u64 {
            let first = format!("{:012}", n * 7_919_993);
            let full = gtin13(&first).unwrap();
            assert!(is_valid_gtin(&full));
            for d in 0..10 {
                let other = format!("{first}{d}");
                assert_eq!(is_valid_gtin(&other), other == full);
            }
        }
    }

    #[test]
    fn sscc_check_digit() {
        // GS1 example SSCC 106141411234567897 (without the AI).
        assert_eq!(check_digit("10614141123456789"), Some(7));
    }
}
