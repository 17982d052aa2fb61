//! Text on the label: fields shrunk, wrapped and cut to fit their column, one line centred, and
//! label data cleaned of control characters before a printer sees it.

use crate::font::{advances_em, text_width_mm, vertical_extent, FontWeight};

use super::model::{Element, TextRun, LABEL_WIDTH_MM, LINE_SPACING, MARGIN_MM};

/// One text field fitted into a column: shrinks from `max_size` to `min_size`, wraps onto
/// up to `max_lines`, and only then cuts the last line with an ellipsis.
pub(super) struct Field<'a> {
    pub(super) text: &'a str,
    pub(super) weight: FontWeight,
    pub(super) max_size: f64,
    pub(super) min_size: f64,
    pub(super) max_lines: usize,
}

impl Field<'_> {
    /// Worst-case height this field can take, for checking zone budgets.
    pub(super) fn max_height(&self) -> f64 {
        self.max_lines as f64 * self.max_size * LINE_SPACING
    }
}

/// Places fields one under another from `top` in a column; returns the y below the last line.
pub(super) fn place_fields(
    out: &mut Vec<Element>,
    x: f64,
    top: f64,
    width: f64,
    fields: &[Field],
) -> f64 {
    let mut y = top;
    for field in fields {
        let text = clean_text(field.text);
        if text.is_empty() {
            continue;
        }
        let (size, lines) = fit(&text, field, width);
        let (ascent, _) = vertical_extent(field.weight);
        for line in lines {
            let width_mm = text_width_mm(&line, field.weight, size);
            out.push(Element::Text(TextRun {
                x_mm: x,
                baseline_mm: y + ascent * size,
                size_mm: size,
                weight: field.weight,
                text: line,
                width_mm,
                centred: false,
            }));
            y += size * LINE_SPACING;
        }
    }
    y
}

/// Control characters (tabs, newlines, escapes) become spaces and runs of spaces collapse:
/// a printer must never see a control byte from label data.
fn clean_text(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn fit(text: &str, field: &Field, width: f64) -> (f64, Vec<String>) {
    let advances = advances_em(text, field.weight);
    let space = advances_em(" ", field.weight)[0].1;
    let mut size = field.max_size;
    loop {
        let lines = wrap(&advances, space, width / size);
        if lines.len() <= field.max_lines {
            return (size, lines);
        }
        if size <= field.min_size {
            break;
        }
        size = (size - 0.2).max(field.min_size);
    }
    let size = field.min_size;
    let mut lines = wrap(&advances, space, width / size);
    lines.truncate(field.max_lines);
    let last = lines.last_mut().expect("text is not empty");
    while !last.is_empty() && text_width_mm(&format!("{last}…"), field.weight, size) > width {
        last.pop();
    }
    let trimmed = last.trim_end().to_owned();
    *last = format!("{trimmed}…");
    (size, lines)
}

/// Greedy word wrap of characters with their advances (in em) into lines at most `max_em`
/// wide; a word wider than a line is broken between characters.
fn wrap(advances: &[(char, f64)], space: f64, max_em: f64) -> Vec<String> {
    // Lines are re-measured exactly by the caller; this slack absorbs float summation.
    let max_em = max_em - 1e-9;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_em = 0.0;
    for word in advances.split(|&(c, _)| c == ' ').filter(|w| !w.is_empty()) {
        let word_em: f64 = word.iter().map(|&(_, w)| w).sum();
        let joined = if line.is_empty() {
            word_em
        } else {
            line_em + space + word_em
        };
        if joined <= max_em {
            if !line.is_empty() {
                line.push(' ');
            }
            line.extend(word.iter().map(|&(c, _)| c));
            line_em = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_em = 0.0;
        }
        for &(c, w) in word {
            if !line.is_empty() && line_em + w > max_em {
                lines.push(std::mem::take(&mut line));
                line_em = 0.0;
            }
            line.push(c);
            line_em += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub(super) fn caption(text: &str) -> Field<'_> {
    Field {
        text,
        weight: FontWeight::Bold,
        max_size: 2.2,
        min_size: 2.2,
        max_lines: 1,
    }
}

/// One line centred on the label (the text under a barcode), shrunk or cut to fit.
pub(super) fn place_centred(out: &mut Vec<Element>, top: f64, field: &Field) {
    let text = clean_text(field.text);
    if text.is_empty() {
        return;
    }
    let (size, lines) = fit(&text, field, LABEL_WIDTH_MM - 2.0 * MARGIN_MM);
    let line = lines.into_iter().next().expect("fit returns a line");
    let width_mm = text_width_mm(&line, field.weight, size);
    let (ascent, _) = vertical_extent(field.weight);
    out.push(Element::Text(TextRun {
        x_mm: (LABEL_WIDTH_MM - width_mm) / 2.0,
        baseline_mm: top + ascent * size,
        size_mm: size,
        weight: field.weight,
        text: line,
        width_mm,
        centred: true,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_a_text_run() {
        assert_eq!(
            clean_text(" a\tb\r\nc\u{1b}[0m  d\u{a0}e "),
            "a b c [0m d e"
        );
    }

    #[test]
    fn wrap_breaks_at_spaces_then_inside_words() {
        let adv = advances_em("aa aa aa", FontWeight::Regular);
        let space = advances_em(" ", FontWeight::Regular)[0].1;
        let a = adv[0].1;
        assert_eq!(
            wrap(&adv, space, 2.0 * a + space + 2.0 * a + 1e-6),
            ["aa aa", "aa"]
        );
        assert_eq!(wrap(&adv, space, 2.0 * a + 1e-6), ["aa", "aa", "aa"]);
        let long = advances_em("aaaaaaa", FontWeight::Regular);
        assert_eq!(wrap(&long, space, 3.5 * a), ["aaa", "aaa", "a"]);
    }
}
