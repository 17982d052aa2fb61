//! GS1 Digital Link URIs (`https://id.example.com/01/09506000134352/10/ABC?17=271231`), as QR
//! codes and DataMatrix carry them: the primary key and its qualifiers in the path, data
//! attributes in the query, each value held to the same dictionary rules as an element string
//! (GS1 Digital Link URI Syntax 1.x; behaviour as GS1's `gs1-syntax-engine` `dl.c`).

use super::dictionary::{dictionary, AiEntry};
use super::element::{check_value, Element};
use super::error::{DlProblem, Gs1Error, Gs1ErrorKind as K};

/// Whether `s` starts like a web address (any case), i.e. is meant as a Digital Link.
pub fn looks_like_uri(s: &str) -> bool {
    let lower = |n: usize| s.get(..n).map(str::to_ascii_lowercase);
    lower(7).as_deref() == Some("http://") || lower(8).as_deref() == Some("https://")
}

/// Whether `s` starts with a scheme a Digital Link may have: `http://` or `https://` in all
/// lower or all upper case.
pub fn has_dl_scheme(s: &str) -> bool {
    ["http://", "https://", "HTTP://", "HTTPS://"]
        .iter()
        .any(|p| s.starts_with(p))
}

fn dl_err(p: DlProblem, pos: usize) -> Gs1Error {
    Gs1Error::new(K::DigitalLink(p), pos)
}

/// The characters RFC 3986 allows in a URI (unreserved, reserved and `%`).
fn uri_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

/// Percent-decodes `s` (at byte `pos` of the scan); `plus_is_space` in the query.
fn decode(s: &str, pos: usize, plus_is_space: bool) -> Result<String, Gs1Error> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = s
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .filter(|&v| v != 0);
                out.push(hex.ok_or_else(|| dl_err(DlProblem::Escape, pos + i))?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| dl_err(DlProblem::Escape, pos))
}

/// Whether `qualifiers` appear in `seq` in its order (some may be left out).
fn in_order(qualifiers: &[&str], seq: &[&str]) -> bool {
    let mut it = seq.iter();
    qualifiers.iter().all(|q| it.any(|s| s == q))
}

/// Parses a Digital Link URI into its AIs: the key, its qualifiers, then the query's data
/// attributes, in the order written. `base` is the URI's byte offset in the scan.
pub fn parse_digital_link(uri: &str, base: usize) -> Result<Vec<Element>, Gs1Error> {
    let after_scheme = ["http://", "https://", "HTTP://", "HTTPS://"]
        .iter()
        .find_map(|s| uri.strip_prefix(s).map(|_| s.len()))
        .ok_or_else(|| dl_err(DlProblem::Scheme, base))?;
    if let Some(i) = uri.bytes().position(|b| !uri_char(b)) {
        return Err(dl_err(DlProblem::Character, base + i));
    }
    let rest = &uri[after_scheme..];
    let end = rest.find('#').unwrap_or(rest.len());
    let rest = &rest[..end];
    let (path_part, query) = match rest.split_once('?') {
        Some((p, q)) => (p, q),
        None => (rest, ""),
    };
    let Some(slash) = path_part.find('/') else {
        return Err(dl_err(DlProblem::NoKey, base + uri.len()));
    };
    let domain = &path_part[..slash];
    let domain_ok = !domain.is_empty()
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    if !domain_ok {
        return Err(dl_err(DlProblem::Domain, base + after_scheme));
    }
    let path_pos = base + after_scheme + slash;
    let path = &path_part[slash..];
    if path.ends_with('/') {
        return Err(dl_err(DlProblem::NoKey, path_pos + path.len() - 1));
    }
    // Segments with their byte offsets, then the key: the rightmost AI segment with a
    // `dlpkey`, everything after it being AI/value pairs.
    let mut segs = Vec::new();
    let mut at = path_pos + 1;
    for s in path[1..].split('/') {
        segs.push((s, at));
        at += s.len() + 1;
    }
    let dict = dictionary();
    let mut idx = segs.len();
    let key: &AiEntry = loop {
        if idx < 2 {
            return Err(dl_err(DlProblem::NoKey, path_pos));
        }
        let ai = segs[idx - 2].0;
        let entry = (ai.bytes().all(|b| b.is_ascii_digit()))
            .then(|| dict.get(ai))
            .flatten()
            .ok_or_else(|| dl_err(DlProblem::NoKey, path_pos))?;
        idx -= 2;
        if entry.dlpkey.is_some() {
            break entry;
        }
    };
    let pairs: Vec<_> = segs[idx..].chunks(2).collect();
    let qualifiers: Vec<&str> = pairs[1..].iter().map(|p| p[0].0).collect();
    let alternatives = key.dlpkey.as_deref().unwrap_or_default();
    let fitting: Vec<&Vec<&str>> = alternatives
        .iter()
        .filter(|alt| in_order(&qualifiers, alt))
        .collect();
    if fitting.is_empty() {
        return Err(dl_err(
            DlProblem::Qualifiers,
            pairs[1.min(pairs.len() - 1)][0].1,
        ));
    }
    let mut out = Vec::new();
    for p in &pairs {
        let ((ai, ai_pos), (raw, v_pos)) = (p[0], p[1]);
        let entry = dict
            .get(ai)
            .ok_or_else(|| dl_err(DlProblem::NoKey, ai_pos))?;
        let value = decode(raw, v_pos, false)?;
        check_value(entry, &value, v_pos)?;
        out.push(Element {
            ai: ai.to_owned(),
            value,
            pos: ai_pos,
        });
    }
    let mut q_pos = path_pos + path.len() + 1;
    for param in query.split('&') {
        let here = q_pos;
        q_pos += param.len() + 1;
        let Some((k, raw)) = param.split_once('=') else {
            continue;
        };
        if k.is_empty() || !k.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(entry) = dict.get(k) else {
            let mut e = Gs1Error::new(K::UnknownAi, here);
            e.ai = Some(k.to_owned());
            return Err(e);
        };
        let v_pos = here + k.len() + 1;
        let value = decode(raw, v_pos, true)?;
        let qualifier = fitting.iter().any(|alt| alt.contains(&k)) || k == key.ai;
        if !entry.dl_attribute || qualifier {
            let kind = K::DigitalLink(DlProblem::Attribute);
            return Err(Gs1Error::at_ai(kind, k, &value, here));
        }
        check_value(entry, &value, v_pos)?;
        out.push(Element {
            ai: k.to_owned(),
            value,
            pos: here,
        });
    }
    // A Digital Link names each AI once.
    for (i, e) in out.iter().enumerate() {
        if out[..i].iter().any(|o| o.ai == e.ai) {
            let kind = K::Repeated {
                other: e.value.clone(),
            };
            return Err(Gs1Error::at_ai(kind, &e.ai, &e.value, e.pos));
        }
    }
    Ok(out)
}
