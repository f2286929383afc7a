//! A document read only in part: the problems found while parsing it, the value read with
//! stand-ins in the wrong places, and which places those are — so that the checks made after
//! parsing still judge every field that was read as written, and a file's problems all come
//! in one run.

use crate::error::Diagnostic;

/// A document that did not parse cleanly (see [`super::Source::parse_partly`]).
pub struct Partial<T> {
    /// The value, with stand-ins where the file was wrong, when reading got to the end.
    pub value: Option<T>,
    /// The parsing problems, located, in file order (never empty).
    pub problems: Vec<Diagnostic>,
    /// The places of `value` that hold stand-ins.
    pub taint: Taint,
}

/// Record paths (`credentials[0].earned`, `[3].ceus`) whose values are stand-ins for wrong
/// ones, or absent because a misspelt key was meant for them. A check of a tainted place, of
/// a place within one, or of a record that holds one would judge a stand-in, so it is left
/// out: the problem there is already reported.
#[derive(Debug, Clone, Default)]
pub struct Taint {
    paths: Vec<String>,
}

impl Taint {
    /// Taint at these paths.
    pub(crate) fn new(paths: Vec<String>) -> Self {
        Taint { paths }
    }

    /// Whether a check of the value at `path` judges only what was read as written.
    pub fn clean(&self, path: &str) -> bool {
        !self.paths.iter().any(|t| nested(t, path))
    }
}

/// Whether one of two record paths is the other or lies within it.
fn nested(a: &str, b: &str) -> bool {
    let (outer, inner) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    inner.starts_with(outer)
        && (outer.is_empty()
            || matches!(inner.as_bytes().get(outer.len()), None | Some(b'.' | b'[')))
}

/// The parsing problems of one file followed by the problems found by the checks after
/// parsing, merged into file order (a stable sort, so checks at one place keep their order),
/// without repeats.
pub fn merged(parsing: Vec<Diagnostic>, checks: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let parsed = parsing.len();
    let mut all = parsing;
    for d in checks {
        if !all[..parsed].contains(&d) {
            all.push(d);
        }
    }
    all.sort_by_key(|d| (d.line, d.column));
    all
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::loader::Source;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Held {
        id: String,
        #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
        earned: chrono::NaiveDate,
        count: u32,
    }

    /// What a document gives when it does not parse cleanly, read by both readers.
    fn partly(text: &str) -> Vec<(Vec<String>, Taint)> {
        let src = Source::new("t.yaml", text);
        let full = src.parse_full_partly::<Vec<Held>>();
        [src.parse_partly::<Vec<Held>>(), full]
            .into_iter()
            .map(|r| match r {
                Err(Partial {
                    value: Some(v),
                    taint,
                    ..
                }) => (
                    v.iter()
                        .map(|h| format!("{} {} {}", h.id, h.earned, h.count))
                        .collect(),
                    taint,
                ),
                other => panic!(
                    "no value: {:?}",
                    other.map(|v| v.len()).err().map(|p| p.problems)
                ),
            })
            .collect()
    }

    #[test]
    fn a_document_with_problems_is_read_to_the_end_with_its_stand_ins_marked() {
        let text = "\
- id: A
  earned: 2026-02-30
  count: 1
- id: B
  earned: 2025-01-01
  cuont: 2
- id: C
  earned: 2025-01-01
  count: two
- earned: 2025-01-01
  count: 3
";
        for (ids, taint) in partly(text) {
            // Stand-ins: a placeholder date, 0, "".
            let read = [
                "A 1970-01-01 1",
                "B 2025-01-01 0",
                "C 2025-01-01 0",
                " 2025-01-01 3",
            ];
            assert_eq!(ids, read);
            assert!(!taint.clean("[0].earned"), "an impossible date");
            assert!(taint.clean("[0].id"));
            assert!(
                !taint.clean("[1].count"),
                "the field a misspelt key was meant for"
            );
            assert!(!taint.clean("[2].count"), "a wrong type");
            assert!(!taint.clean("[3].id"), "a missing key");
            assert!(taint.clean("[3].earned"));
        }
    }

    /// A repeated key or a tag leaves the rest of the document to check: the value is kept
    /// (the first of the repeated keys) and only the places of the problems are left out.
    #[test]
    fn the_readers_own_problems_leave_only_their_places_out() {
        let src = Source::new(
            "t.yaml",
            "- id: A\n  id: B\n  earned: 2025-01-01\n  count: 1\n- id: !x C\n  earned: 2025-01-02\n  count: 2\n",
        );
        let Err(p) = src.parse_partly::<Vec<Held>>() else {
            panic!("a repeated key is a problem");
        };
        let held = p.value.expect("the rest is read");
        assert_eq!((held[0].id.as_str(), held[1].count), ("A", 2));
        assert_eq!(p.problems.len(), 2, "{:?}", p.problems);
        assert!(!p.taint.clean("[0].id"), "the repeated key");
        assert!(p.taint.clean("[0].earned"));
        assert!(!p.taint.clean("[1].id"), "the tagged value");
        assert!(p.taint.clean("[1].count"));
    }

    /// A document the reader cannot get to the end of gives no value.
    #[test]
    fn a_document_that_cannot_be_read_gives_no_value() {
        let src = Source::new("t.yaml", "- id: A\n  earned: [2025\n");
        let Err(p) = src.parse_partly::<Vec<Held>>() else {
            panic!("a syntax error is a problem");
        };
        assert!(p.value.is_none());
        assert!(!p.problems.is_empty());
    }

    #[test]
    fn a_check_is_left_out_where_a_stand_in_is_read() {
        let t = Taint::new(vec!["credentials[0].earned".into(), "[2].ceus".into()]);
        assert!(!t.clean("credentials[0].earned"));
        assert!(!t.clean("credentials[0]"), "the record holding it");
        assert!(!t.clean("[2].ceus"));
        assert!(!t.clean("[2]"));
        assert!(t.clean("credentials[0].id"), "a sibling read as written");
        assert!(
            t.clean("credentials[0].earned_on"),
            "a longer name is not within"
        );
        assert!(t.clean("credentials[1]"));
        assert!(t.clean("[20].ceus"));
        assert!(
            !Taint::new(vec![String::new()]).clean("name"),
            "the whole file"
        );
        assert!(Taint::default().clean(""));
    }

    #[test]
    fn merged_problems_are_in_file_order_without_repeats() {
        let d = |line, column, m: &str| Diagnostic::new("f", line, column, m.into());
        let all = merged(
            vec![d(2, 3, "a"), d(7, 1, "b")],
            vec![d(1, 1, "c"), d(7, 1, "b"), d(5, 9, "e"), d(5, 9, "f")],
        );
        let order: Vec<&str> = all.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["c", "a", "e", "f", "b"]);
    }
}
