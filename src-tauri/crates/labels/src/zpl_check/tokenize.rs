//! ZPL split into commands, following the prefix changes (`^CC`/`~CC`, `^CT`/`~CT`, `^CD`/`~CD`);
//! field data is skipped to the next prefix.

/// One command as read: its prefix (`^` or `~` role), two-letter name (upper case) and
/// parameters as raw bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZplCommand {
    /// True for a control (`~`-role) command.
    pub control: bool,
    pub name: String,
    pub params: Vec<u8>,
    /// The parameter delimiter in effect (`,` unless `^CD` changed it).
    pub delimiter: u8,
}

/// Splits ZPL into commands, following prefix changes. Text outside commands is dropped.
pub fn tokenize(zpl: &[u8]) -> Vec<ZplCommand> {
    let mut caret = b'^';
    let mut tilde = b'~';
    let mut delimiter = b',';
    let mut out = Vec::new();
    let mut i = 0;
    while i < zpl.len() {
        let b = zpl[i];
        if b != caret && b != tilde {
            i += 1;
            continue;
        }
        let control = b == tilde && b != caret;
        if i + 3 > zpl.len() {
            break;
        }
        let name: String = zpl[i + 1..i + 3]
            .iter()
            .map(|&c| (c as char).to_ascii_uppercase())
            .collect();
        let mut j = i + 3;
        // Prefix changes take exactly the next byte as the new character.
        if matches!(name.as_str(), "CC" | "CT" | "CD") {
            let param = zpl.get(j).copied();
            if let Some(p) = param {
                match name.as_str() {
                    "CC" => caret = p,
                    "CT" => tilde = p,
                    "CD" => delimiter = p,
                    _ => {}
                }
                j += 1;
            }
            out.push(ZplCommand {
                control,
                name,
                params: param.map(|p| vec![p]).unwrap_or_default(),
                delimiter,
            });
            i = j;
            continue;
        }
        let start = j;
        while j < zpl.len() && zpl[j] != caret && zpl[j] != tilde {
            j += 1;
        }
        out.push(ZplCommand {
            control,
            name,
            params: zpl[start..j].to_vec(),
            delimiter,
        });
        i = j;
    }
    out
}
