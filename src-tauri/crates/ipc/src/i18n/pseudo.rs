//! The pseudo-locale `en-XA`, made from English when formatted (never a file to keep): every
//! ASCII letter accented, and each piece of text about 30 % longer (vowels doubled, then `~`),
//! as German or Lithuanian often run. A screen in `en-XA` shows at a glance text that is not a
//! message (plain English) and text that a longer translation would clip. Placeables (codes,
//! names, numbers) are left as they are.

use std::borrow::Cow;

/// The letters the pseudo-locale replaces, and what with (same order).
pub const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub const ACCENTED: &str = "àƀçðéƒĝĥîĵķļɱñöþǫŕšŧûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŦÛṼŴẊÝŽ";

/// How much longer the pseudo-locale's text is, in percent.
pub const LONGER_PCT: usize = 30;

fn accent(c: char) -> char {
    PLAIN
        .chars()
        .position(|p| p == c)
        .and_then(|i| ACCENTED.chars().nth(i))
        .unwrap_or(c)
}

/// One piece of a message's text, pseudo-localised (fluent's transform hook).
pub fn transform(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_ascii_alphabetic()) {
        return Cow::Borrowed(s);
    }
    let len = s.chars().count();
    let mut extra = (len * LONGER_PCT).div_ceil(100);
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        out.push(accent(c));
        if extra > 0 && "aeiouAEIOU".contains(c) {
            out.push(accent(c));
            extra -= 1;
        }
    }
    out.extend(std::iter::repeat_n('~', extra));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_accented_and_longer() {
        let t = transform("Scan your badge");
        assert!(!t.chars().any(|c| c.is_ascii_alphabetic()), "{t}");
        assert!(t.chars().count() >= 15 + 5, "{t}");
        assert_eq!(transform(": "), ": ");
        assert_eq!(PLAIN.chars().count(), ACCENTED.chars().count());
    }
}
