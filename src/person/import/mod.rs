//! `ceu import`: CEU entries from a spreadsheet or a portal export (CSV with a header row).
//! Each column is matched to an entry field by its header (documented names and common
//! spellings, or `--map COLUMN=FIELD`); every bad cell is reported at its CSV line and
//! column, and nothing is returned unless every row is good. Pure: text in, entries out.

use chrono::NaiveDate;

mod quotes;
mod row;

use super::append::NewEntry;
use crate::error::{Diagnostic, quote};
use quotes::column_of;
use row::Row;

/// An entry field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Title,
    Provider,
    Ceus,
    AapcIndex,
    Topics,
    Domain,
    AhimaSourced,
    Certificate,
}

/// Each field's name (as in the log and in `--map`) and the headers that mean it, compared
/// after [`normal`].
pub const FIELDS: [(Field, &str, &[&str]); 9] = [
    (
        Field::Date,
        "date",
        &[
            "date",
            "completion date",
            "date completed",
            "completed",
            "completed on",
            "event date",
            "earned",
        ],
    ),
    (
        Field::Title,
        "title",
        &[
            "title",
            "course",
            "course title",
            "course name",
            "event",
            "event title",
            "activity",
            "program",
            "session",
        ],
    ),
    (
        Field::Provider,
        "provider",
        &[
            "provider",
            "sponsor",
            "vendor",
            "organization",
            "presented by",
        ],
    ),
    (
        Field::Ceus,
        "ceus",
        &[
            "ceus",
            "ceu",
            "ceu hours",
            "ceus earned",
            "credits",
            "credit hours",
            "ce hours",
            "ceu credits",
            "units",
        ],
    ),
    (
        Field::AapcIndex,
        "aapc_index",
        &[
            "aapc index",
            "index",
            "index number",
            "index no",
            "approval index",
            "approval number",
            "approval code",
        ],
    ),
    (
        Field::Topics,
        "topics",
        &["topics", "topic", "category", "categories"],
    ),
    (Field::Domain, "domain", &["domain", "ahima domain"]),
    (
        Field::AhimaSourced,
        "ahima_sourced",
        &["ahima sourced", "ahima source"],
    ),
    (
        Field::Certificate,
        "certificate",
        &["certificate", "certificate file"],
    ),
];

/// Fields every row needs.
const REQUIRED: [Field; 4] = [Field::Date, Field::Title, Field::Provider, Field::Ceus];

/// What the import found: good entries, and the columns it did not use.
#[derive(Debug, Clone)]
pub struct Import {
    pub entries: Vec<Imported>,
    pub unused_columns: Vec<String>,
}

/// A good row's entry and where the row is in the file.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The CSV line the row starts on.
    pub line: usize,
    /// The row as a spreadsheet numbers it: the header is row 1, each record one more (a
    /// cell holding a line break keeps a row on one number while the lines go on).
    pub row: usize,
    pub entry: NewEntry,
}

/// A header compared loosely: lower case, punctuation and runs of spaces as one space.
pub fn normal(header: &str) -> String {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field called `name` (`ceus`, `aapc_index`, …).
pub fn field_named(name: &str) -> Option<Field> {
    let n = normal(name);
    FIELDS
        .iter()
        .find(|(_, f, _)| normal(f) == n)
        .map(|(field, _, _)| *field)
}

fn name_of(field: Field) -> &'static str {
    FIELDS
        .iter()
        .find(|(f, _, _)| *f == field)
        .map_or("", |(_, n, _)| n)
}

/// Reads `text` (the CSV file `file`), with `map` pairs of (header, field) that override
/// the header matching: a field `map` gives one column is no other column's. `topics` are
/// the known topic ids; dates after `as_of` are refused. A quote left open is reported
/// where it opens, with the problems of the rows before it.
pub fn import(
    file: &str,
    text: &str,
    map: &[(String, Field)],
    topics: &[&str],
    as_of: NaiveDate,
) -> Result<Import, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(open) = quotes::unclosed(text) else {
        return read(file, text, map, topics, as_of);
    };
    let before = &text[..open.record];
    let mut problems = if before.trim().is_empty() {
        Vec::new()
    } else {
        read(file, before, map, topics, as_of)
            .err()
            .unwrap_or_default()
    };
    problems.push(
        Diagnostic::new(
            file,
            open.line,
            open.column,
            "this quote opens a cell that is never closed: the rest of the file would be one cell"
                .into(),
        )
        .with_excerpt(text)
        .expected("a closing `\"` at the end of the cell (a quote inside a quoted cell is written twice: `\"\"`)"),
    );
    Err(problems)
}

/// [`import`] of a text whose quotes all close.
fn read(
    file: &str,
    text: &str,
    map: &[(String, Field)],
    topics: &[&str],
    as_of: NaiveDate,
) -> Result<Import, Vec<Diagnostic>> {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = |line: usize, column: usize, msg: String| {
        let d = Diagnostic::new(file, line, column, msg);
        match lines.get(line.saturating_sub(1)) {
            Some(l) => d.with_line(l),
            None => d,
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![csv_error(file, text, &e)]),
        None => {
            return Err(vec![
                at(1, 1, "the file is empty".into())
                    .expected("a header row, then one row per entry"),
            ]);
        }
    };
    // A spreadsheet saved with another separator reads as one column.
    if let [only] = header.iter().collect::<Vec<_>>()[..]
        && let Some(sep) = [';', '\t', '|'].into_iter().find(|c| only.contains(*c))
    {
        let name = if sep == '\t' {
            "tabs".to_string()
        } else {
            format!("`{sep}`")
        };
        return Err(vec![
            at(
                1,
                1,
                format!("the header is one column: the file looks separated by {name}, not commas"),
            )
            .whole_line()
            .expected("comma-separated values (in a spreadsheet: save as CSV, comma delimited)"),
        ]);
    }
    let mut problems = Vec::new();
    let mut columns: Vec<Option<Field>> = Vec::new();
    let mut unused = Vec::new();
    let mapped = |h: &str| {
        map.iter()
            .find(|(m, _)| normal(m) == normal(h))
            .map(|(_, f)| *f)
    };
    for (i, h) in header.iter().enumerate() {
        let field = mapped(h).or_else(|| {
            FIELDS
                .iter()
                .find(|(_, _, names)| names.contains(&normal(h).as_str()))
                .map(|(f, _, _)| *f)
                .filter(|f| !header.iter().any(|o| mapped(o) == Some(*f)))
        });
        if let Some(f) = field
            && let Some(j) = columns.iter().position(|c| *c == Some(f))
        {
            problems.push(
                at(
                    1,
                    column_of(lines[0], i),
                    format!(
                        "columns {} and {} both give `{}`",
                        quote(&header[j]),
                        quote(h),
                        name_of(f)
                    ),
                )
                .expected(format!(
                    "one column per field; say which with --map {} or --map {}",
                    map_arg(&header[j], f),
                    map_arg(h, f)
                )),
            );
        }
        if field.is_none() && !h.trim().is_empty() {
            unused.push(h.to_string());
        }
        columns.push(field);
    }
    for (m, _) in map {
        if !header.iter().any(|h| normal(h) == normal(m)) {
            problems.push(
                at(
                    1,
                    1,
                    format!(
                        "--map names column {}, which the header does not have",
                        quote(m)
                    ),
                )
                .whole_line()
                .expected(format!(
                    "one of: {}",
                    header.iter().collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
    let missing: Vec<Field> = REQUIRED
        .into_iter()
        .filter(|f| !columns.contains(&Some(*f)))
        .collect();
    for &f in &missing {
        // The columns not recognised may hold it: one, with one field missing, is named.
        let map_hint = match (&unused[..], missing.len()) {
            ([only], 1) => format!("--map {}", map_arg(only, f)),
            ([], _) => format!("--map COLUMN={}", name_of(f)),
            (others, _) => format!(
                "--map COLUMN={} with one of the columns not recognised: {}",
                name_of(f),
                others
                    .iter()
                    .map(|h| quote(h))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        problems.push(
            at(1, 1, format!("no column gives `{}`", name_of(f)))
                .whole_line()
                .expected(format!(
                    "a header such as {}, or {map_hint}",
                    quote(FIELDS.iter().find(|x| x.0 == f).map_or("", |x| x.2[0])),
                )),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut entries = Vec::new();
    for (n, record) in records.enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_error(file, text, &e));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let raw = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
        if record.len() != header.len() {
            problems.push(
                at(
                    line,
                    1,
                    format!(
                        "this row has {} cells; the header has {}",
                        record.len(),
                        header.len()
                    ),
                )
                .expected("one cell per header column (quote cells that hold commas)"),
            );
            continue;
        }
        let mut row = Row::default();
        let mut bad = Vec::new();
        for (i, cell) in record.iter().enumerate() {
            let Some(field) = columns[i] else { continue };
            if let Err((msg, expected)) = row.set(field, cell.trim(), topics, as_of) {
                bad.push(field);
                let msg = format!("{}: {msg}", column_words(&header[i], field));
                problems.push(at(line, column_of(raw, i), msg).expected(expected));
            }
        }
        match row.entry() {
            Ok(entry) => entries.push(Imported {
                line,
                // The header is row 1.
                row: n + 2,
                entry,
            }),
            Err(missing) => {
                for f in missing.into_iter().filter(|f| !bad.contains(f)) {
                    let i = columns.iter().position(|c| *c == Some(f)).unwrap_or(0);
                    let msg = format!("{} is empty", column_words(&header[i], f));
                    problems.push(
                        at(line, column_of(raw, i), msg)
                            .expected(format!("the entry's {}", name_of(f))),
                    );
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(Import {
            entries,
            unused_columns: unused,
        })
    } else {
        Err(problems)
    }
}

/// `HEADER=FIELD` as one word of a POSIX shell command line, for a `--map` hint a person
/// may paste: as it is when it holds only characters no shell treats specially, else in
/// single quotes (`'Course Name=title'`), each `'` inside written `'\''`.
fn map_arg(header: &str, field: Field) -> String {
    let arg = format!("{}={}", header.trim(), name_of(field));
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c);
    if arg.chars().all(plain) {
        arg
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// "column `ceus`", or "column `CEU Hours` (ceus)" when the header is not the field's name.
fn column_words(header: &str, field: Field) -> String {
    if normal(header) == normal(name_of(field)) {
        format!("column {}", quote(header))
    } else {
        format!("column {} ({})", quote(header), name_of(field))
    }
}

/// The 1-based line a record starting at byte `at` is on (past any line break the reader
/// had not consumed yet).
fn line_at(text: &str, at: u64) -> usize {
    let at = usize::try_from(at).unwrap_or(text.len()).min(text.len());
    let rest = text.get(at..).unwrap_or("");
    let skip = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
    let upto = text.get(..at + skip).unwrap_or(text);
    upto.matches('\n').count() + 1
}

/// A CSV syntax problem the reader found, located (a quote left open is found before).
fn csv_error(file: &str, text: &str, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(1, |p| line_at(text, p.byte()));
    Diagnostic::new(file, line, 1, format!("not readable as CSV: {e}"))
        .expected("comma-separated cells, quotes around cells that hold commas or quotes")
}

#[cfg(test)]
mod tests {
    use super::*;

    const AS_OF: &str = "2026-11-27";
    const TOPICS: [&str; 3] = ["cpt", "icd10cm", "CPMA"];

    fn run(text: &str, map: &[(String, Field)]) -> Result<Import, Vec<Diagnostic>> {
        import(
            "ceus.csv",
            text,
            map,
            &TOPICS,
            NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap(),
        )
    }

    #[test]
    fn headers_map_to_fields_in_any_order_and_spelling() {
        let text = "\u{feff}Course Title,CEU Hours,Completion Date,Sponsor,Index #,Notes\r\n\
                    \"Modifiers, part 2\",1.5,11/02/2026,AAPC,AAPC-1,good\r\n\
                    ICD-10 update,2,2026-10-01,AHIMA,,\r\n";
        let got = run(text, &[]).unwrap();
        assert_eq!(got.unused_columns, vec!["Notes"]);
        let (first, e) = (&got.entries[0], &got.entries[0].entry);
        assert_eq!(
            (first.line, first.row, e.title.as_str(), e.ceus),
            (2, 2, "Modifiers, part 2", 1.5)
        );
        assert_eq!(e.date.to_string(), "2026-11-02");
        assert_eq!(e.aapc_index.as_deref(), Some("AAPC-1"));
        assert_eq!(got.entries[1].entry.aapc_index, None);
    }

    #[test]
    fn a_map_names_a_column_the_headers_do_not() {
        let text = "When,What,Who,How many\n2026-10-01,a,b,1\n";
        assert!(run(text, &[]).is_err());
        let map: Vec<(String, Field)> = [
            ("When", Field::Date),
            ("What", Field::Title),
            ("Who", Field::Provider),
            ("How many", Field::Ceus),
        ]
        .into_iter()
        .map(|(h, f)| (h.to_string(), f))
        .collect();
        assert_eq!(run(text, &map).unwrap().entries.len(), 1);
        // A column the header lacks is a problem of the whole header, underlined whole.
        let errs = run(text, &[("Nope".to_string(), Field::Title)]).unwrap_err();
        let shown = errs[0].render(false);
        assert!(shown.contains("`Nope`"), "{shown}");
        assert!(
            shown.contains(&"^".repeat("When,What,Who,How many".len())),
            "{shown}"
        );
    }

    #[test]
    fn another_separator_is_named() {
        for (text, name) in [
            ("date;title;provider;ceus\n2026-10-01;a;b;1\n", "`;`"),
            ("date\ttitle\tprovider\tceus\n2026-10-01\ta\tb\t1\n", "tabs"),
        ] {
            let errs = run(text, &[]).unwrap_err();
            assert_eq!(errs.len(), 1, "{errs:?}");
            assert!(
                errs[0].message.contains(&format!("separated by {name}")),
                "{errs:?}"
            );
        }
    }

    #[test]
    fn every_bad_cell_is_located() {
        let text = "date,title,provider,ceus,topics\n\
                    2026-13-01,a,b,1,cpt\n\
                    2026-10-01,a,b,-2,cpx\n\
                    2026-10-01,,b,1,\n\
                    2027-01-01,a,b,1\n";
        let errs = run(text, &[]).unwrap_err();
        let at: Vec<(usize, usize)> = errs.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            at,
            vec![(2, 1), (3, 16), (3, 19), (4, 12), (5, 1)],
            "{errs:#?}"
        );
        assert!(errs[2].message.contains("did you mean `cpt`"));
        assert!(errs[4].message.contains("5 cells") || errs[4].message.contains("4 cells"));
    }

    #[test]
    fn map_hints_survive_the_shell() {
        for (header, hint) in [
            ("Hours", "Hours=ceus"),
            (" Course Name ", "'Course Name=ceus'"),
            ("Index #", "'Index #=ceus'"),
            ("Coder's Hours", r"'Coder'\''s Hours=ceus'"),
            ("$HOME", "'$HOME=ceus'"),
        ] {
            assert_eq!(map_arg(header, Field::Ceus), hint);
        }
    }

    /// A US date with a two-digit year is a located problem, not the year 25.
    #[test]
    fn a_two_digit_year_is_located() {
        let errs = run("date,title,provider,ceus\n2/3/25,X,AAPC,1\n", &[]).unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (2, 1), "{errs:#?}");
    }

    #[test]
    fn missing_columns_and_clashes_are_reported_at_the_header() {
        let errs = run("date,title,ceus,credits\n", &[]).unwrap_err();
        let msgs: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("both give `ceus`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("no column gives `provider`")),
            "{msgs:?}"
        );
        assert!(run("", &[]).is_err());
    }
}
