//! The coupon linters of AIs (8110) and (8112): North American coupon codes, a chain of
//! variable-length fields each announced by a length digit (GS1 "AI (8110) Coupon Code
//! Identification for Use in North America", as in GS1's `lint_couponcode.c` and
//! `lint_couponposoffer.c`).

use super::linters::{Fault, Rule};

/// A cursor over an all-digit coupon value; every failure is `Rule::Coupon` at the cursor.
struct Cursor<'a> {
    b: &'a [u8],
    p: usize,
}

impl Cursor<'_> {
    fn bad<T>(&self) -> Result<T, Fault> {
        Err(Fault {
            rule: Rule::Coupon,
            pos: self.p.min(self.b.len().saturating_sub(1)),
        })
    }

    fn done(&self) -> bool {
        self.p >= self.b.len()
    }

    /// The next digit, which must satisfy `ok`.
    fn digit(&mut self, ok: impl Fn(u8) -> bool) -> Result<u8, Fault> {
        match self.b.get(self.p) {
            Some(&c) if ok(c - b'0') => {
                self.p += 1;
                Ok(c - b'0')
            }
            _ => self.bad(),
        }
    }

    /// Skips `n` digits, which must be there.
    fn take(&mut self, n: usize) -> Result<&[u8], Fault> {
        if self.b.len() - self.p < n {
            return self.bad();
        }
        self.p += n;
        Ok(&self.b[self.p - n..self.p])
    }

    /// A company prefix of `n` digits (at least 4, as `gcppos1` wants).
    fn gcp(&mut self, n: usize) -> Result<(), Fault> {
        self.take(n)?;
        if n < 4 {
            return self.bad();
        }
        Ok(())
    }

    /// A purchase requirement: length digit 1-5, the value, a code 0-4 or 9, a family code.
    fn purchase_requirement(&mut self) -> Result<(), Fault> {
        let vli = self.digit(|d| (1..=5).contains(&d))?;
        self.take(usize::from(vli))?;
        self.digit(|d| d <= 4 || d == 9)?;
        self.take(3).map(|_| ())
    }

    /// A further company prefix: length digit 0-6 (6 + n digits) or 9 (none).
    fn optional_gcp(&mut self) -> Result<(), Fault> {
        let vli = self.digit(|d| d <= 6 || d == 9)?;
        if vli != 9 {
            self.gcp(usize::from(vli) + 6)?;
        }
        Ok(())
    }

    fn date(&mut self) -> Result<[u8; 6], Fault> {
        let at = self.p;
        let d = self.take(6)?;
        let s = std::str::from_utf8(d).unwrap_or_default();
        super::linters::Linter::Yymmdd.check(s).map_err(|_| Fault {
            rule: Rule::Coupon,
            pos: at,
        })?;
        let mut out = [0; 6];
        out.copy_from_slice(d);
        Ok(out)
    }
}

fn all_digits(data: &str) -> Result<Cursor<'_>, Fault> {
    match data.bytes().position(|b| !b.is_ascii_digit()) {
        Some(pos) => Err(Fault {
            rule: Rule::NotDigit,
            pos,
        }),
        None => Ok(Cursor {
            b: data.as_bytes(),
            p: 0,
        }),
    }
}

/// AI (8110).
pub fn coupon_code(data: &str) -> Result<(), Fault> {
    let mut c = all_digits(data)?;
    let vli = c.digit(|d| d <= 6)?;
    c.gcp(usize::from(vli) + 6)?;
    c.take(6)?; // offer code
    let vli = c.digit(|d| (1..=5).contains(&d))?;
    c.take(usize::from(vli))?; // save value
    c.purchase_requirement()?;
    if c.b.get(c.p) == Some(&b'1') {
        c.p += 1;
        c.digit(|d| d <= 3)?; // additional purchase rules
        c.purchase_requirement()?;
        c.optional_gcp()?;
    }
    if c.b.get(c.p) == Some(&b'2') {
        c.p += 1;
        c.purchase_requirement()?;
        c.optional_gcp()?;
    }
    let mut expiry = None;
    if c.b.get(c.p) == Some(&b'3') {
        c.p += 1;
        expiry = Some(c.date()?);
    }
    if c.b.get(c.p) == Some(&b'4') {
        c.p += 1;
        let start = c.date()?;
        if expiry.is_some_and(|e| start > e) {
            return c.bad();
        }
    }
    if c.b.get(c.p) == Some(&b'5') {
        c.p += 1;
        let vli = c.digit(|_| true)?;
        c.take(usize::from(vli) + 6)?; // serial number
    }
    if c.b.get(c.p) == Some(&b'6') {
        c.p += 1;
        let vli = c.digit(|d| (1..=7).contains(&d))?;
        c.gcp(usize::from(vli) + 6)?; // retailer GCP or GLN
    }
    if c.b.get(c.p) == Some(&b'9') {
        c.p += 1;
        c.digit(|d| matches!(d, 0 | 1 | 2 | 5 | 6))?; // save value code
        c.digit(|d| d <= 2)?; // applies to item
        c.digit(|_| true)?; // store coupon flag
        c.digit(|d| d <= 1)?; // don't multiply flag
    }
    if !c.done() {
        return c.bad();
    }
    Ok(())
}

/// AI (8112).
pub fn coupon_pos_offer(data: &str) -> Result<(), Fault> {
    let mut c = all_digits(data)?;
    c.digit(|d| d <= 1)?; // format code
    let vli = c.digit(|d| d <= 6)?;
    c.take(usize::from(vli) + 6)?; // funder
    c.take(6)?; // offer code
    let vli = c.digit(|_| true)?;
    c.take(usize::from(vli) + 6)?; // serial number
    if !c.done() {
        return c.bad();
    }
    Ok(())
}
