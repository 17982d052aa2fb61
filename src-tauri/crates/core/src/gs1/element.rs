//! GS1 element strings by the dictionary's rules: the raw form (AIs run together, GS after a
//! variable-length value), the bracketed human-readable form `(01)...(10)...`, each value
//! checked component by component, and the rules between AIs (repeats, `ex=`, `req=`).

use super::dictionary::{dictionary, matches_pattern, AiEntry};
use super::error::{Gs1Error, Gs1ErrorKind as K};
use super::linters::{check_cset, Fault, Rule};

/// The group separator (ASCII 29) a scanner transmits for FNC1.
pub const GS: char = '\u{1d}';

/// One AI and its value, as scanned; `pos` is the byte offset of the AI in the scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    pub ai: String,
    pub value: String,
    pub pos: usize,
}

/// Checks a whole value against its AI's components and linters; `pos` is the value's byte
/// offset in the scan.
pub fn check_value(entry: &AiEntry, value: &str, pos: usize) -> Result<(), Gs1Error> {
    let err = |kind, at: usize| Gs1Error::at_ai(kind, entry.ai, value, pos + at);
    if value.is_empty() {
        return Err(err(K::EmptyValue, 0));
    }
    if let Some(at) = value.bytes().position(|b| !b.is_ascii()) {
        return Err(err(K::Rule(Rule::NotCset82), at));
    }
    let min: usize = entry
        .components
        .iter()
        .filter(|c| !c.optional)
        .map(|c| c.min)
        .sum();
    let mut at = 0;
    for c in &entry.components {
        let left = value.len() - at;
        if left == 0 && c.optional {
            break;
        }
        if left < c.min {
            return Err(err(K::TooShort { min }, value.len()));
        }
        let piece = &value[at..at + left.min(c.max)];
        let lint = |r: Result<(), Fault>| r.map_err(|f| err(K::Rule(f.rule), at + f.pos));
        lint(check_cset(c.cset, piece))?;
        for l in &c.linters {
            lint(l.check(piece))?;
        }
        at += piece.len();
    }
    if at < value.len() {
        return Err(err(
            K::TooLong {
                max: entry.max_len(),
            },
            at,
        ));
    }
    Ok(())
}

/// How much of `region` (the data up to the next GS) the AI's components take.
fn value_len(entry: &AiEntry, region: &str) -> usize {
    let mut n = 0;
    for c in &entry.components {
        let left = region.len() - n;
        if left == 0 && c.optional {
            break;
        }
        n += left.min(c.max);
    }
    while !region.is_char_boundary(n) {
        n += 1;
    }
    n
}

/// Parses the raw form: AIs run together, GS ending a value whose AI needs it, superfluous
/// GS tolerated. `base` is the byte offset of `body` in the scan.
pub fn parse_raw(body: &str, base: usize) -> Result<Vec<Element>, Gs1Error> {
    let dict = dictionary();
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with(GS) {
            i += 1;
            continue;
        }
        let Some(entry) = dict.at_start(rest) else {
            let ai: String = rest.chars().take(4).collect();
            let mut e = Gs1Error::new(K::UnknownAi, base + i);
            e.ai = Some(ai);
            return Err(e);
        };
        let v = i + entry.ai.len();
        let region = &body[v..];
        let region = &region[..region.find(GS).unwrap_or(region.len())];
        let n = value_len(entry, region);
        let value = &region[..n];
        check_value(entry, value, base + v)?;
        if !entry.predefined_length && n < region.len() {
            let kind = K::TooLong {
                max: entry.max_len(),
            };
            return Err(Gs1Error::at_ai(kind, entry.ai, region, base + v + n));
        }
        out.push(Element {
            ai: entry.ai.to_owned(),
            value: value.to_owned(),
            pos: base + i,
        });
        i = v + n;
    }
    Ok(out)
}

/// Whether `s` opens a known AI in the bracketed form, e.g. `(17)`; its length if so.
fn ai_opening(s: &str, open: char, close: char) -> Option<(usize, &'static AiEntry)> {
    let inner = s.strip_prefix(open)?;
    let end = inner.find(close)?;
    let ai = &inner[..end];
    if !(2..=4).contains(&ai.len()) || !ai.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    dictionary().get(ai).map(|e| (end + 2, e))
}

/// Parses the bracketed form with `open`/`close` brackets (`()` as printed under barcodes, or
/// `[]`). A value runs until the next bracket that opens a known AI, so values may hold
/// brackets of their own; `\(` is a literal bracket too.
pub fn parse_bracketed(
    body: &str,
    base: usize,
    open: char,
    close: char,
) -> Result<Vec<Element>, Gs1Error> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        let Some((head, entry)) = ai_opening(rest, open, close) else {
            let inner = rest.strip_prefix(open).and_then(|r| r.split_once(close));
            return Err(match inner {
                Some((ai, _))
                    if (2..=4).contains(&ai.len()) && ai.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    let mut e = Gs1Error::new(K::UnknownAi, base + i + 1);
                    e.ai = Some(ai.to_owned());
                    e
                }
                _ => Gs1Error::new(K::Malformed, base + i),
            });
        };
        let v = i + head;
        let mut value = String::new();
        let mut j = v;
        while j < body.len() {
            let r = &body[j..];
            if r.starts_with('\\') && r[1..].starts_with(open) {
                value.push(open);
                j += 1 + open.len_utf8();
                continue;
            }
            if ai_opening(r, open, close).is_some() {
                break;
            }
            let c = r.chars().next().unwrap_or_default();
            value.push(c);
            j += c.len_utf8();
        }
        let value = value.trim_end_matches(GS);
        if let Err(e) = check_value(entry, value, base + v) {
            // A bracket in a value that breaks its AI's rules is taken for a broken AI.
            return Err(match value.find(open) {
                Some(at) => Gs1Error::new(K::Malformed, base + v + at),
                None => e,
            });
        }
        out.push(Element {
            ai: entry.ai.to_owned(),
            value: value.to_owned(),
            pos: base + i + 1,
        });
        i = j;
    }
    Ok(out)
}

/// The rules between the AIs of one message: an AI repeated only with the same value, no
/// mutually exclusive pair (`ex=`), and, if `requisites`, every association it requires
/// (`req=`) present.
pub fn check_pairs(elements: &[Element], requisites: bool) -> Result<(), Gs1Error> {
    let dict = dictionary();
    for (k, b) in elements.iter().enumerate() {
        if let Some(a) = elements[..k]
            .iter()
            .find(|a| a.ai == b.ai && a.value != b.value)
        {
            let kind = K::Repeated {
                other: a.value.clone(),
            };
            return Err(Gs1Error::at_ai(kind, &b.ai, &b.value, b.pos));
        }
    }
    for b in elements {
        let Some(entry) = dict.get(&b.ai) else {
            continue;
        };
        for a in elements {
            if a.ai != b.ai && entry.ex.iter().any(|p| matches_pattern(p, &a.ai)) {
                let later = if a.pos > b.pos { a } else { b };
                let other = if a.pos > b.pos { b } else { a };
                let kind = K::Exclusive {
                    other: other.ai.clone(),
                };
                return Err(Gs1Error::at_ai(kind, &later.ai, &later.value, later.pos));
            }
        }
    }
    if requisites {
        let present = |p: &str| elements.iter().any(|e| matches_pattern(p, &e.ai));
        for b in elements {
            let Some(entry) = dict.get(&b.ai) else {
                continue;
            };
            for group in &entry.req {
                if !group.iter().any(|alt| alt.iter().all(|p| present(p))) {
                    let wanted = group
                        .iter()
                        .map(|alt| {
                            alt.iter()
                                .map(|p| format!("({p})"))
                                .collect::<Vec<_>>()
                                .join("+")
                        })
                        .collect::<Vec<_>>()
                        .join(" | ");
                    return Err(Gs1Error::at_ai(
                        K::Requires { wanted },
                        &b.ai,
                        &b.value,
                        b.pos,
                    ));
                }
            }
        }
    }
    // A digital signature (8030) signs a serialised key: GDTI, GCN and GRAI with their
    // serial component (GS1 General Specifications 3.9.17).
    if elements.iter().any(|e| e.ai == "8030") {
        for e in elements {
            let bare = match e.ai.as_str() {
                "253" | "255" => e.value.len() <= 13,
                "8003" => e.value.len() <= 14,
                _ => false,
            };
            if bare {
                let kind = K::Requires {
                    wanted: "a serial component".to_owned(),
                };
                return Err(Gs1Error::at_ai(kind, &e.ai, &e.value, e.pos));
            }
        }
    }
    Ok(())
}
