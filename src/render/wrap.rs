//! Word wrapping for the terminal: text fitted to a width in display columns, continuation
//! lines indented under the first line's text (a hanging indent), words never split. A word
//! too long for its indent (a long URL) gets a line of its own at the margin; only a word
//! wider than the whole line goes past it.

use unicode_width::UnicodeWidthStr;

use super::escape;

/// Display columns of `s` (wide characters count two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `text` wrapped to `width` columns: the first line starts with `first`, later ones with
/// `rest`; each line of `text` is wrapped on its own (a line that fits is kept as it is,
/// spacing and all). Control characters are made visible.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut prefix = first;
    for line in escape::terminal(text).split('\n') {
        let mut start = out.len();
        out.push_str(prefix);
        let mut col = self::width(prefix);
        prefix = rest;
        // A line that fits keeps its spacing (aligned columns); only long lines are wrapped.
        if col + self::width(line) <= width {
            out.push_str(line);
            out.truncate(out.trim_end_matches(' ').len());
            out.push('\n');
            continue;
        }
        let mut empty = true;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let w = self::width(word);
            if !empty && col + 1 + w > width {
                out.push('\n');
                start = out.len();
                out.push_str(rest);
                col = self::width(rest);
                empty = true;
            }
            if empty && col + w > width {
                // Too long for the indent (a URL): start it at the margin instead.
                out.truncate(start);
                col = 0;
            }
            if !empty {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += w;
            empty = false;
        }
        if empty {
            out.truncate(out.trim_end_matches(' ').len());
        }
        out.push('\n');
    }
    out
}

/// A diagnostic as rendered for the terminal, fitted to `width` columns: a long heading
/// (`error: …`), label (`^^^ expected …`) or note (`= …`) wraps under its own text, keeping
/// the gutter and the carets; lines quoting the file (`12 | …`), the location (`--> …`) and
/// lines whose text starts too far right to wrap under itself are left whole.
pub fn fit_diagnostic(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split('\n') {
        match fitted(line, width) {
            Some(lines) => out.push_str(&lines),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.pop();
    out
}

/// One rendered diagnostic line wrapped under its own text, or `None` to keep it whole.
fn fitted(line: &str, width: usize) -> Option<String> {
    let trimmed = line.trim_start();
    let quoted = trimmed
        .split_once(" |")
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if self::width(line) <= width || quoted || trimmed.starts_with("-->") {
        return None;
    }
    // The heading's kind, or the gutter (spaces and `|`), the markers (`^^^`, `---`, `=`)
    // and the spaces after them.
    let head = match ["error: ", "warning: ", "note: "]
        .into_iter()
        .find(|h| line.starts_with(h))
    {
        Some(h) => h.len(),
        None => {
            let gutter = line.len() - line.trim_start_matches([' ', '|']).len();
            let rest = &line[gutter..];
            let marks = rest.len() - rest.trim_start_matches(['^', '-', '=', '~']).len();
            let rest = &rest[marks..];
            gutter + marks + rest.len() - rest.trim_start_matches(' ').len()
        }
    };
    let (first, body) = line.split_at(head);
    let rest: String = first
        .chars()
        .map(|c| if c == '|' { c } else { ' ' })
        .collect();
    let wrapped = wrap(body, width, first, &rest);
    // `wrap` moves a word too long for its indent to the margin: then the line stays whole.
    let kept = wrapped.lines().enumerate().all(|(i, l)| {
        let prefix = if i == 0 { first } else { rest.as_str() };
        l.starts_with(prefix) && l.len() > prefix.len()
    });
    kept.then_some(wrapped)
}

/// `label` then `value` wrapped under a column `label_width` wide: "Target:   CPC (…)".
pub fn labelled(label: &str, label_width: usize, value: &str, width: usize) -> String {
    let head = format!("{label:<label_width$} ");
    let indent = " ".repeat(self::width(&head));
    wrap(value, width, &escape::terminal(&head), &indent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_wrap_under_their_own_text() {
        let long = "word ".repeat(30);
        let text = format!(
            "error: {long}\n --> f.yaml:2:3\n  |\n2 | {long}\n  |   ^^^ expected {long}\n   = {long}"
        );
        let fitted = fit_diagnostic(&text, 40);
        for line in fitted.lines() {
            assert!(width(line) <= 40 || line.starts_with("2 |"), "{line:?}");
        }
        assert!(fitted.contains("\n       word"), "{fitted}");
        assert!(fitted.contains("\n  |       word"), "{fitted}");
        assert!(fitted.contains("\n     word"), "{fitted}");
        assert_eq!(
            fit_diagnostic("error: short\n --> f:1:1", 40),
            "error: short\n --> f:1:1"
        );
        // Text that starts too far right to wrap under itself, and the location, stay whole,
        // gutter and carets included.
        let far = format!("  |{}^^^^ expected a number such as 12.5", " ".repeat(36));
        assert_eq!(fit_diagnostic(&far, 40), far);
        let place = format!(" --> {}/profile.yaml:2:12", "long-folder-name".repeat(3));
        assert_eq!(fit_diagnostic(&place, 40), place);
        // A heading whose word is too long for its indent stays whole too.
        let heading = format!("error: unknown value; did you mean `{}`?", "x".repeat(20));
        assert_eq!(fit_diagnostic(&heading, 24), heading);
    }

    #[test]
    fn wraps_on_spaces_with_a_hanging_indent() {
        let text = wrap("one two three four five six", 14, "- ", "  ");
        assert_eq!(text, "- one two\n  three four\n  five six\n");
        for line in text.lines() {
            assert!(width(line) <= 14, "{line}");
        }
    }

    #[test]
    fn a_long_word_stands_alone_and_whole() {
        let url = "https://www.bls.gov/ooh/healthcare/medical-records-and-health-information-technicians.htm";
        let text = wrap(&format!("see {url} now"), 30, "", "  ");
        assert_eq!(text, format!("see\n{url}\n  now\n"));
    }

    #[test]
    fn labels_line_up_and_wide_characters_count_two() {
        let text = labelled("Cost:", 8, "$3,582 (budget $4,000) 学校学校", 20);
        assert_eq!(
            text,
            "Cost:    $3,582\n         (budget\n         $4,000)\n         学校学校\n"
        );
    }
}
