//! The code lists some GS1 linters check against (ISO 3166 num-3 and alpha-2 countries, ISO
//! 4217 currencies, AIDC media types, UN/ECE package types), read out of the tables of GS1's
//! reference linters vendored in `assets/gs1/vendor/lint/` and parsed once, never re-typed.

use std::sync::OnceLock;

/// Hex words of a bitfield in a GS1 linter's source: its `#else` fallback list after `name`.
fn bitfield(source: &str, name: &str) -> Vec<u64> {
    let start = source.find(name).expect("table in linter source");
    let rest = &source[start..];
    let from = rest.find("#else").expect("#else in linter table");
    let to = rest[from..].find("#endif").expect("#endif in linter table") + from;
    rest[from..to]
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter_map(|w| w.strip_prefix("0x"))
        .map(|h| u64::from_str_radix(h, 16).expect("hex in linter table"))
        .collect()
}

/// Bit `bit` of a bitfield of `width`-bit words, most significant bit first (as GS1's
/// `GS1_LINTER_BITFIELD_LOOKUP`).
pub(super) fn bit_set(words: &[u64], width: usize, bit: usize) -> bool {
    words
        .get(bit / width)
        .is_some_and(|w| w >> (width - 1 - bit % width) & 1 == 1)
}

pub(super) struct CodeLists {
    pub(super) iso3166: Vec<u64>,
    pub(super) iso3166alpha2: Vec<u64>,
    pub(super) iso4217: Vec<u64>,
    pub(super) mediatype: Vec<u64>,
    pub(super) packagetypes: Vec<&'static str>,
}

pub(super) fn code_lists() -> &'static CodeLists {
    static LISTS: OnceLock<CodeLists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let pkg = include_str!("../../../../../assets/gs1/vendor/lint/lint_packagetype.c");
        let from = pkg
            .find("packagetypes[][4] = {")
            .expect("package type table");
        let to = pkg[from..].find("};").expect("end of package type table") + from;
        CodeLists {
            iso3166: bitfield(
                include_str!("../../../../../assets/gs1/vendor/lint/lint_iso3166.c"),
                "iso3166[] = {",
            ),
            iso3166alpha2: bitfield(
                include_str!("../../../../../assets/gs1/vendor/lint/lint_iso3166alpha2.c"),
                "iso3166alpha2[] = {",
            ),
            iso4217: bitfield(
                include_str!("../../../../../assets/gs1/vendor/lint/lint_iso4217.c"),
                "iso4217[] = {",
            ),
            mediatype: bitfield(
                include_str!("../../../../../assets/gs1/vendor/lint/lint_mediatype.c"),
                "mediatypes[] = {",
            ),
            packagetypes: pkg[from..to].split('"').skip(1).step_by(2).collect(),
        }
    })
}

pub(super) fn num3(data: &str) -> Option<usize> {
    (data.len() == 3 && data.bytes().all(|b| b.is_ascii_digit()))
        .then(|| data.parse().ok())
        .flatten()
}

pub(super) fn iso3166(data: &str) -> bool {
    num3(data).is_some_and(|v| bit_set(&code_lists().iso3166, 64, v))
}

pub(super) fn iso3166alpha2(data: &str) -> bool {
    let b = data.as_bytes();
    b.len() == 2
        && b.iter().all(u8::is_ascii_uppercase)
        && bit_set(
            &code_lists().iso3166alpha2,
            64,
            usize::from(b[0] - b'A') * 26 + usize::from(b[1] - b'A'),
        )
}
