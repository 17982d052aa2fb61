//! GS1's Barcode Syntax Dictionary (`assets/gs1/gs1-syntax-dictionary.txt`), compiled in and
//! parsed once: every AI with its components, character sets, linters, mutually exclusive AIs
//! (`ex=`), required associations (`req=`) and Digital Link key qualifiers (`dlpkey=`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::linters::Linter;

/// The dictionary as GS1 publishes it (Apache-2.0; see `assets/gs1/README.md`).
pub const DICTIONARY_TEXT: &str =
    include_str!("../../../../../assets/gs1/gs1-syntax-dictionary.txt");

/// The character set of one component: `N` digits, `X` CSET 82, `Y` CSET 39, `Z` CSET 64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cset {
    N,
    X,
    Y,
    Z,
}

/// One component of an AI's data field, e.g. `N13,csum,gcppos1` or `[X..17]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Component {
    pub cset: Cset,
    pub min: usize,
    pub max: usize,
    pub optional: bool,
    pub linters: Vec<Linter>,
}

/// One AI of the dictionary (ranges such as `3100-3105` are expanded, one entry per AI).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AiEntry {
    pub ai: &'static str,
    /// `*`: a predefined-length AI, no FNC1 (GS) needed after it.
    pub predefined_length: bool,
    /// `?`: allowed as a GS1 Digital Link data attribute (query parameter).
    pub dl_attribute: bool,
    pub components: Vec<Component>,
    /// Each `req=` attribute must be met: one of its alternatives, each a set of AI patterns
    /// (`01+21`) that must all be present.
    pub req: Vec<Vec<Vec<&'static str>>>,
    /// AI patterns (`394n`) that may not appear with this AI.
    pub ex: Vec<&'static str>,
    /// Digital Link primary key: its alternative sequences of key qualifiers.
    pub dlpkey: Option<Vec<Vec<&'static str>>>,
    pub title: &'static str,
}

impl AiEntry {
    /// The greatest length the whole value may have.
    pub fn max_len(&self) -> usize {
        self.components.iter().map(|c| c.max).sum()
    }
}

/// The parsed dictionary, with an index by AI.
#[derive(Debug)]
pub struct Dictionary {
    /// The `Release:` line of the header, e.g. `2026-01-27`.
    pub release: &'static str,
    pub entries: Vec<AiEntry>,
    by_ai: HashMap<&'static str, usize>,
}

impl Dictionary {
    /// The entry of exactly this AI.
    pub fn get(&self, ai: &str) -> Option<&AiEntry> {
        self.by_ai.get(ai).map(|&i| &self.entries[i])
    }

    /// The AI that `data` starts with (AIs are prefix-free, 2 to 4 digits).
    pub fn at_start(&self, data: &str) -> Option<&AiEntry> {
        (2..=4)
            .filter(|&n| data.len() >= n && data.as_bytes()[..n].iter().all(u8::is_ascii_digit))
            .find_map(|n| self.get(&data[..n]))
    }
}

/// Why a line of the dictionary could not be read (a newer dictionary with a construct or a
/// linter the station does not know yet).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("GS1 Syntax Dictionary line {line}: {problem}")]
pub struct DictionaryError {
    pub line: usize,
    pub problem: String,
}

/// The compiled-in dictionary, parsed on first use.
pub fn dictionary() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(|| {
        // Tests check that the vendored file parses; a failure here is a build defect.
        parse(DICTIONARY_TEXT).expect("the vendored GS1 Syntax Dictionary parses")
    })
}

/// Parses a dictionary text.
pub fn parse(text: &'static str) -> Result<Dictionary, DictionaryError> {
    let mut release = "";
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let err = |problem: String| DictionaryError {
            line: n + 1,
            problem,
        };
        if let Some(r) = line.trim().strip_prefix("# Release:") {
            release = r.trim();
        }
        let (body, title) = match line.split_once('#') {
            Some((b, t)) => (b, t.trim()),
            None => (line, ""),
        };
        let mut words = body.split_whitespace().peekable();
        let Some(ais) = words.next() else { continue };
        let (first, last) = match ais.split_once('-') {
            Some((a, b)) => (a, b),
            None => (ais, ais),
        };
        let (lo, hi) = match (first.parse::<u32>(), last.parse::<u32>()) {
            (Ok(lo), Ok(hi)) if first.len() == last.len() && lo <= hi => (lo, hi),
            _ => return Err(err(format!("bad AI or range {ais:?}"))),
        };
        let mut predefined_length = false;
        let mut dl_attribute = false;
        if let Some(flags) = words.next_if(|w| w.chars().all(|c| !c.is_ascii_alphanumeric())) {
            predefined_length = flags.contains('*');
            dl_attribute = flags.contains('?');
        }
        let mut components = Vec::new();
        let mut req = Vec::new();
        let mut ex = Vec::new();
        let mut dlpkey = None;
        for w in words {
            if let Some(v) = w.strip_prefix("req=") {
                req.push(v.split(',').map(|alt| alt.split('+').collect()).collect());
            } else if let Some(v) = w.strip_prefix("ex=") {
                ex.extend(v.split(','));
            } else if w == "dlpkey" {
                dlpkey = Some(vec![Vec::new()]);
            } else if let Some(v) = w.strip_prefix("dlpkey=") {
                dlpkey = Some(v.split('|').map(|s| s.split(',').collect()).collect());
            } else if w.contains('=') {
                // An attribute this version does not act on: kept out, not refused.
            } else {
                components.push(component(w).map_err(err)?);
            }
        }
        if components.is_empty() {
            return Err(err(format!("AI {ais} has no components")));
        }
        // The leaked names live as long as the program, like the dictionary itself.
        for ai in lo..=hi {
            let ai: &'static str = if lo == hi {
                first
            } else {
                Box::leak(format!("{ai:0width$}", width = first.len()).into_boxed_str())
            };
            entries.push(AiEntry {
                ai,
                predefined_length,
                dl_attribute,
                components: components.clone(),
                req: req.clone(),
                ex: ex.clone(),
                dlpkey: dlpkey.clone(),
                title,
            });
        }
    }
    let by_ai = entries.iter().enumerate().map(|(i, e)| (e.ai, i)).collect();
    Ok(Dictionary {
        release,
        entries,
        by_ai,
    })
}

/// One component: `N13,csum,gcppos1`, `[X..17]`, `[N3],iso3166`, `X..30,pcenc`.
fn component(w: &str) -> Result<Component, String> {
    let mut parts = w.split(',');
    let spec = parts.next().unwrap_or_default();
    let (spec, optional) = match spec.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        Some(s) => (s, true),
        None => (spec, false),
    };
    let cset = match spec.as_bytes().first() {
        Some(b'N') => Cset::N,
        Some(b'X') => Cset::X,
        Some(b'Y') => Cset::Y,
        Some(b'Z') => Cset::Z,
        _ => return Err(format!("unknown component type in {w:?}")),
    };
    let len = &spec[1..];
    let (min, max) = match len.strip_prefix("..") {
        Some(max) => (1, max),
        None => (0, len),
    };
    let max: usize = max.parse().map_err(|_| format!("bad length in {w:?}"))?;
    let min = if min == 0 { max } else { min };
    let linters = parts
        .map(|name| Linter::from_name(name).ok_or_else(|| format!("unknown linter {name:?}")))
        .collect::<Result<_, _>>()?;
    Ok(Component {
        cset,
        min,
        max,
        optional,
        linters,
    })
}

/// Whether `ai` matches a dictionary pattern such as `394n` or `31nn` (`n`: any digit).
pub fn matches_pattern(pattern: &str, ai: &str) -> bool {
    pattern.len() == ai.len()
        && pattern
            .bytes()
            .zip(ai.bytes())
            .all(|(p, a)| p == a || (p == b'n' && a.is_ascii_digit()))
}
