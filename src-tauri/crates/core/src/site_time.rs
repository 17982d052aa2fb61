//! The site's clock: its IANA time zone (DST-correct through `jiff` and the tz database bundled
//! in the binary) and its named shifts, which may cross midnight. Turns instants (ms since the
//! Unix epoch) into local hours, local days and shifts, and into text a supervisor reads.
//!
//! Local hours and days are bounded by instants, so a day with a DST change has 23 or 25 hours
//! and a night shift across it 7 or 9. A shift starting at a local time the change skips starts
//! at the first instant after the gap; one starting at a time the change repeats starts at the
//! first of the two (jiff's "compatible" rule, as RFC 5545 and Temporal do).

use std::fmt;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::Timestamp;

const HOUR_MS: i64 = 3_600_000;

/// What is wrong with a site's zone or shifts, in words a site admin can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SiteTimeError {
    #[error(
        "\"{0}\" is not an IANA time zone: use a name like Europe/Warsaw, Europe/London or UTC"
    )]
    UnknownZone(String),
    #[error("\"{0}\" is not a time of day: use HH:MM on a 24-hour clock, like 06:00 or 22:30")]
    BadClockTime(String),
    #[error("a shift needs a name")]
    NoName,
    #[error("two shifts are named \"{0}\": give each shift its own name")]
    DuplicateName(String),
    #[error("shift \"{0}\" starts when it ends: give it a length (it may cross midnight)")]
    NoLength(String),
    #[error("give at least one shift, or leave the shifts out for the default three")]
    NoShifts,
}

/// A time of day on the site's wall clock, in minutes since midnight (0..1440).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(u16);

impl ClockTime {
    /// `HH:MM`, 24-hour, two digits each.
    pub fn parse(text: &str) -> Result<ClockTime, SiteTimeError> {
        let bad = || SiteTimeError::BadClockTime(text.to_owned());
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !two_digits(h) || !two_digits(m) {
            return Err(bad());
        }
        let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if h > 23 || m > 59 {
            return Err(bad());
        }
        Ok(ClockTime(h * 60 + m))
    }

    pub fn hour(self) -> i8 {
        (self.0 / 60) as i8
    }

    pub fn minute(self) -> i8 {
        (self.0 % 60) as i8
    }

    fn on(self, date: Date) -> DateTime {
        date.at(self.hour(), self.minute(), 0, 0)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A named shift on the site's wall clock; `end` at or before `start` means it ends the next day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    pub name: String,
    pub start: ClockTime,
    pub end: ClockTime,
}

impl Shift {
    /// A shift from its name and its `HH:MM` start and end.
    pub fn new(name: &str, start: &str, end: &str) -> Result<Shift, SiteTimeError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SiteTimeError::NoName);
        }
        let (start, end) = (ClockTime::parse(start)?, ClockTime::parse(end)?);
        if start == end {
            return Err(SiteTimeError::NoLength(name.to_owned()));
        }
        Ok(Shift {
            name: name.to_owned(),
            start,
            end,
        })
    }

    /// `06:00–14:00`.
    pub fn hours_text(&self) -> String {
        format!("{}–{}", self.start, self.end)
    }
}

/// One shift as it happens on a given day: `[start_ms, end_ms)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftSpan {
    pub shift: Shift,
    pub start_ms: i64,
    pub end_ms: i64,
}

/// A `[start, end)` span of local time with its label ("06:00", "Mon 30 Mar").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalSpan {
    pub start_ms: i64,
    pub end_ms: i64,
    pub label: String,
}

/// The site's zone and shifts, checked.
#[derive(Clone, Debug)]
pub struct SiteTime {
    zone_name: String,
    tz: TimeZone,
    shifts: Vec<Shift>,
}

impl PartialEq for SiteTime {
    fn eq(&self, other: &Self) -> bool {
        self.zone_name == other.zone_name && self.shifts == other.shifts
    }
}

impl Default for SiteTime {
    /// UTC with three 8-hour shifts: early 06–14, late 14–22, night 22–06.
    fn default() -> Self {
        SiteTime::new("UTC", SiteTime::default_shifts()).expect("UTC and the default shifts")
    }
}

impl SiteTime {
    /// Early 06:00–14:00, late 14:00–22:00, night 22:00–06:00.
    pub fn default_shifts() -> Vec<Shift> {
        [
            ("early", "06:00", "14:00"),
            ("late", "14:00", "22:00"),
            ("night", "22:00", "06:00"),
        ]
        .into_iter()
        .map(|(n, s, e)| Shift::new(n, s, e).expect("the default shifts are well formed"))
        .collect()
    }

    /// The site's clock from an IANA zone name and its shifts (names unique).
    pub fn new(zone: &str, shifts: Vec<Shift>) -> Result<SiteTime, SiteTimeError> {
        let zone = zone.trim();
        // Only named zones: a POSIX TZ string or a bare offset would silently lose DST rules.
        let tz = TimeZone::get(zone)
            .ok()
            .filter(|tz| tz.iana_name().is_some())
            .ok_or_else(|| SiteTimeError::UnknownZone(zone.to_owned()))?;
        if shifts.is_empty() {
            return Err(SiteTimeError::NoShifts);
        }
        for (i, s) in shifts.iter().enumerate() {
            if shifts[..i].iter().any(|t| t.name == s.name) {
                return Err(SiteTimeError::DuplicateName(s.name.clone()));
            }
        }
        Ok(SiteTime {
            zone_name: zone.to_owned(),
            tz,
            shifts,
        })
    }

    /// The IANA name, as configured ("Europe/Warsaw").
    pub fn zone_name(&self) -> &str {
        &self.zone_name
    }

    pub fn shifts(&self) -> &[Shift] {
        &self.shifts
    }

    fn local(&self, ms: i64) -> DateTime {
        self.tz.to_datetime(ts(ms))
    }

    /// The instant a wall-clock time happens (the later side of a gap, the first of a fold).
    fn instant(&self, dt: DateTime) -> i64 {
        self.tz
            .to_timestamp(dt)
            .map_or(i64::MAX, Timestamp::as_millisecond)
    }

    /// The UTC offset in force at `ms`, in ms.
    fn offset_ms(&self, ms: i64) -> i64 {
        i64::from(self.tz.to_offset(ts(ms)).seconds()) * 1000
    }

    /// `2026-03-29 03:15:00+02:00`: local time with its offset (exports).
    pub fn local_text(&self, ms: i64) -> String {
        ts(ms)
            .to_zoned_datetime(self.tz.clone())
            .strftime("%Y-%m-%d %H:%M:%S%:z")
            .to_string()
    }

    /// `03:15`: the local time of day.
    pub fn hour_label(&self, ms: i64) -> String {
        self.local(ms).strftime("%H:%M").to_string()
    }

    /// `Mon 30 Mar`: the local day.
    pub fn day_label(&self, ms: i64) -> String {
        self.local(ms).strftime("%a %-d %b").to_string()
    }

    /// The shift `s` as it starts on local `date`.
    fn span_on(&self, s: &Shift, date: Date) -> ShiftSpan {
        let end_date = if s.end <= s.start {
            date.tomorrow().unwrap_or(date)
        } else {
            date
        };
        ShiftSpan {
            shift: s.clone(),
            start_ms: self.instant(s.start.on(date)),
            end_ms: self.instant(s.end.on(end_date)),
        }
    }

    /// Every shift starting on the local days from `days_back` days before `ms`'s to its own.
    fn spans_around(&self, ms: i64, days_back: i64) -> Vec<ShiftSpan> {
        let today = self.local(ms).date();
        let mut out = Vec::new();
        for back in (0..=days_back).rev() {
            let Ok(date) = today.checked_sub(jiff::Span::new().days(back)) else {
                continue;
            };
            out.extend(self.shifts.iter().map(|s| self.span_on(s, date)));
        }
        out
    }

    /// The shift running at `ms`: the one that began last at or before it (so yesterday's
    /// night shift just after midnight; in a gap between shifts, the one that ended last).
    pub fn shift_at(&self, ms: i64) -> ShiftSpan {
        self.spans_around(ms, 2)
            .into_iter()
            .filter(|s| s.start_ms <= ms)
            .max_by_key(|s| s.start_ms)
            .expect("a shift starts within two days")
    }

    /// The shift before the one running at `ms`.
    pub fn previous_shift(&self, ms: i64) -> ShiftSpan {
        let current = self.shift_at(ms);
        self.spans_around(ms, 3)
            .into_iter()
            .filter(|s| s.start_ms < current.start_ms)
            .max_by_key(|s| s.start_ms)
            .expect("a shift starts within three days")
    }

    /// Local clock hours covering `[from_ms, to_ms)`, the first and last cut to it; labelled by
    /// their local start, so an hour repeated by a DST change appears twice and a skipped one
    /// not at all.
    pub fn local_hours(&self, from_ms: i64, to_ms: i64) -> Vec<LocalSpan> {
        let mut out = Vec::new();
        let mut t = from_ms;
        while t < to_ms {
            let into_hour = (t + self.offset_ms(t)).rem_euclid(HOUR_MS);
            let next = (t - into_hour + HOUR_MS).min(to_ms);
            out.push(LocalSpan {
                start_ms: t,
                end_ms: next,
                label: self.hour_label(t),
            });
            t = next;
        }
        out
    }

    /// The last `n` local days up to and including `ms`'s, midnight to midnight, oldest first.
    pub fn local_days(&self, ms: i64, n: u32) -> Vec<LocalSpan> {
        let today = self.local(ms).date();
        (0..i64::from(n))
            .rev()
            .filter_map(|back| today.checked_sub(jiff::Span::new().days(back)).ok())
            .map(|date| {
                let start_ms = self.instant(date.at(0, 0, 0, 0));
                let next = date.tomorrow().unwrap_or(date);
                LocalSpan {
                    start_ms,
                    end_ms: self.instant(next.at(0, 0, 0, 0)),
                    label: self.day_label(start_ms),
                }
            })
            .collect()
    }
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

#[cfg(test)]
mod tests;
