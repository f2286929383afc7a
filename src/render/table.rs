//! A plain table view model, rendered as a terminal table, Markdown or CSV.

use comfy_table::{Attribute, Cell, ContentArrangement, Table as Comfy, presets};
use serde::Serialize;

use super::escape;

/// Rows of strings under named columns.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub title: String,
    /// A line under the title (filters applied, counts, caveats).
    pub note: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table without a note.
    pub fn new(title: impl Into<String>, columns: &[&str], rows: Vec<Vec<String>>) -> Table {
        Table {
            title: title.into(),
            note: String::new(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
        }
    }

    /// A comfy-table rendering, `width` columns wide (None: the terminal's width, or
    /// unconstrained when not a terminal), bold headers when `color`. Control characters
    /// in the title, note and cells are made visible ([`escape::terminal`]).
    pub fn to_text(&self, width: Option<u16>, color: bool) -> String {
        let mut t = Comfy::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(w) = width {
            t.set_width(w);
        }
        if color {
            t.enforce_styling();
        }
        t.set_header(self.columns.iter().map(|c| {
            let cell = Cell::new(escape::terminal(c));
            if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
        for row in &self.rows {
            t.add_row(row.iter().map(|c| escape::terminal(c)));
        }
        format!(
            "{}\n{}\n{t}\n",
            escape::terminal(&self.title),
            escape::terminal(&self.note)
        )
    }

    /// The same table with every text escaped for Markdown ([`escape::md`]).
    pub fn md_escaped(&self) -> Table {
        let esc = |s: &String| escape::md(s);
        Table {
            title: esc(&self.title),
            note: esc(&self.note),
            columns: self.columns.iter().map(esc).collect(),
            rows: self
                .rows
                .iter()
                .map(|r| r.iter().map(esc).collect())
                .collect(),
        }
    }

    /// RFC 4180 CSV with a header row; cells a spreadsheet would run as a formula are
    /// neutralised with a leading `'`.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let neutral = |s: &String| escape::csv_cell(s);
        let mut write = |r: Vec<String>| w.write_record(&r).expect("writing to memory cannot fail");
        write(self.columns.iter().map(neutral).collect());
        for row in &self.rows {
            write(row.iter().map(neutral).collect());
        }
        String::from_utf8(w.into_inner().expect("in-memory flush"))
            .expect("csv of UTF-8 cells is UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    fn table(cell: &str) -> Table {
        Table {
            title: "t".into(),
            note: String::new(),
            columns: vec!["a".into(), "b".into()],
            rows: vec![vec![cell.into(), "x, \"y\"".into()]],
        }
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(
            table("=HYPERLINK(1)").to_csv(),
            "a,b\r\n'=HYPERLINK(1),\"x, \"\"y\"\"\"\r\n"
        );
        assert_eq!(
            table("@x").to_csv().lines().nth(1).unwrap(),
            "'@x,\"x, \"\"y\"\"\""
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        assert_eq!(table("a|b").md_escaped().rows[0][0], "a\\|b");
    }

    #[test]
    fn terminal_cells_show_control_characters() {
        let text = table("\u{1b}[2Jgone\rx").to_text(None, false);
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
        assert!(text.contains("\u{241b}[2Jgone\u{240d}x"), "{text}");
    }
}
