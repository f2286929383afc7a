//! Plain words for problems: what a value is, what the scanner's complaint means, and
//! "did you mean" hints.

use super::node::{Kind, Node, is_null};
use super::scalar::{self, Resolved};
use crate::error::quote;

/// Most options listed in "one of: …".
const MAX_OPTIONS: usize = 12;

/// What a node is, for "found …": `a list`, `text \`abc\``, `the number \`5\``, `nothing`.
pub fn found(node: &Node<'_>) -> String {
    match &node.kind {
        Kind::Seq(_) => "a list".into(),
        Kind::Map(_) => "a mapping".into(),
        Kind::Scalar { text, plain: true } if text.is_empty() => "nothing".into(),
        Kind::Scalar { text, plain: true } if is_null(text) => format!("{} (nothing)", quote(text)),
        Kind::Scalar { text, plain: true } => match scalar::resolve(text) {
            Resolved::Int(_) | Resolved::BigInt | Resolved::Float(_) => {
                format!("the number {}", quote(text))
            }
            Resolved::Bool(_) => quote(text),
            _ => format!("text {}", quote(text)),
        },
        Kind::Scalar { text, plain: false } => {
            if matches!(
                scalar::resolve(text),
                Resolved::Int(_) | Resolved::BigInt | Resolved::Float(_) | Resolved::Bool(_)
            ) {
                format!("text {} (in quotes)", quote(text))
            } else {
                format!("text {}", quote(text))
            }
        }
    }
}

/// The number someone most likely meant by text such as `$4,000`, `4 000`, `12%` or
/// `"4000"`: currency signs, spaces, a percent sign and thousands separators removed.
pub fn as_number(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_start_matches(['$', '€', '£'])
        .trim_end_matches('%')
        .replace(' ', "");
    // Commas only as thousands separators (`4,000`, not `1,5`).
    let groups: Vec<&str> = t.split(',').collect();
    let thousands = groups.len() > 1
        && groups[1..]
            .iter()
            .all(|g| g.split('.').next().is_some_and(|d| d.len() == 3));
    let t = if thousands { t.replace(',', "") } else { t };
    let ok = !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
        && t.parse::<f64>().is_ok();
    ok.then_some(t)
}

/// "one of: a, b, c", with at most [`MAX_OPTIONS`] named.
pub fn one_of(options: &[&str]) -> String {
    if options.is_empty() {
        return "no value here".into();
    }
    let shown: Vec<&str> = options.iter().take(MAX_OPTIONS).copied().collect();
    let mut s = format!("one of: {}", shown.join(", "));
    if options.len() > MAX_OPTIONS {
        s.push_str(&format!(" (and {} more)", options.len() - MAX_OPTIONS));
    }
    s
}

/// "; did you mean `x`?" when `word` is a likely typo of an option, else nothing.
pub fn did_you_mean(word: &str, options: &[&str]) -> String {
    closest(word, options).map_or(String::new(), |best| {
        format!("; did you mean {}?", quote(best))
    })
}

/// The option nearest to `word`, if it is near enough to be a likely typo, or whose words'
/// initials it is (`rn` for `registered_nurse`).
pub fn closest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    if word.chars().count() > 64 {
        return None;
    }
    let initials = |o: &str| -> String {
        o.split(['_', '-', ' '])
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if word.len() >= 2
        && let Some(o) = options
            .iter()
            .find(|o| o.contains(['_', '-', ' ']) && initials(o) == word)
    {
        return Some(o);
    }
    options
        .iter()
        .map(|o| (edit_distance(&word, &o.to_lowercase()), *o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A scanner complaint (`saphyr-parser`'s words) as a message and what was expected.
pub fn syntax(info: &str) -> (String, String) {
    let known: &[(&str, &str, &str)] = &[
        (
            "tab",
            "a tab is used for indentation",
            "spaces for indentation; YAML does not allow tabs",
        ),
        (
            "mapping values are not allowed",
            "unexpected `:` (is this line indented more than the keys above it?)",
            "keys of one mapping at the same indentation, and quotes around a value that holds `: `",
        ),
        (
            "illegal placement of ':'",
            "unexpected `:` inside `[…]` or `{…}` (is a bracket not closed?)",
            "a closing `]` or `}` before the next key",
        ),
        (
            "quoted scalar",
            "a quoted value runs on past its line (is the closing quote missing?)",
            "a closing quote",
        ),
        (
            "flow sequence",
            "a `[…]` list is not closed, or its items are not separated by commas",
            "`,` between items and `]` at the end",
        ),
        (
            "flow mapping",
            "a `{…}` mapping is not closed, or its entries are not separated by commas",
            "`,` between entries and `}` at the end",
        ),
        (
            "did not find expected key",
            "this line does not fit the mapping it is in (check its indentation)",
            "a `key: value` line at the indentation of the other keys",
        ),
        (
            "did not find expected '-' indicator",
            "this line does not fit the list it is in (check its indentation)",
            "a `- item` line at the indentation of the other items",
        ),
        (
            "block sequence entries are not allowed",
            "a `- ` list item where a value on the same line was expected",
            "the list on the following lines, indented under its key",
        ),
        (
            "did not find expected node content",
            "a value is missing, or starts with a character YAML reserves",
            "a value; quote it when it starts with `@`, `` ` ``, `%`, `|` or `>`",
        ),
        (
            "unknown anchor",
            "an alias `*name` refers to no anchor `&name` before it",
            "an anchor defined before its alias",
        ),
        (
            "unknown escape character",
            "an unknown escape in a double-quoted value",
            "escapes such as \\n, \\t, \\\" and \\\\, or single quotes",
        ),
        (
            "trailing content after double-quoted",
            "text after the closing quote",
            "nothing after the closing quote but a comment",
        ),
        (
            "recursion limit",
            "the document is nested too deeply",
            "at most 128 levels of nesting",
        ),
    ];
    for (needle, message, expected) in known {
        if info.contains(needle) {
            return ((*message).into(), (*expected).into());
        }
    }
    (
        format!("the text is not valid YAML: {info}"),
        "valid YAML".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(
            closest("programes", &["programmes", "credentials"]),
            Some("programmes")
        );
        assert_eq!(closest("zzz", &["programmes", "credentials"]), None);
        assert_eq!(closest("aapc", &["AAPC", "AHIMA"]), Some("AAPC"));
        let bg = [
            "registered_nurse",
            "licensed_practical_nurse",
            "medical_assistant",
        ];
        assert_eq!(closest("rn", &bg), Some("registered_nurse"));
        assert_eq!(closest("LPN", &bg), Some("licensed_practical_nurse"));
        assert_eq!(closest("x", &bg), None);
    }

    #[test]
    fn numbers_meant_by_text() {
        for (text, want) in [
            ("$4,000", Some("4000")),
            ("4 000", Some("4000")),
            ("12%", Some("12")),
            ("1,234,567.5", Some("1234567.5")),
            ("4000", Some("4000")),
            ("1,5", None),
            ("lots", None),
            ("4k", None),
        ] {
            assert_eq!(as_number(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn options_are_capped() {
        let many: Vec<String> = (0..20).map(|i| format!("o{i}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(one_of(&refs).ends_with("o11 (and 8 more)"));
    }
}
