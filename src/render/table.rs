//! A plain table view model, rendered as a terminal table, Markdown or CSV.

use comfy_table::{
    Attribute, Cell, ColumnConstraint, ContentArrangement, Table as Comfy, Width, presets,
};
use serde::Serialize;

use super::{escape, wrap};

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

    /// The table fitted to `width` display columns, bold headers when `color`: a grid whose
    /// columns are at least as wide as their longest word (so words are never split), or,
    /// when that does not fit, one block per row with each column as a labelled line (a
    /// word too long for its line broken under the label, see [`wrap::wrap`]).
    /// Control characters in the title, note and cells are made visible.
    pub fn to_text(&self, width: u16, color: bool) -> String {
        let w = usize::from(width);
        let mut out = wrap::wrap(&self.title, w, "", "");
        if !self.note.is_empty() {
            out.push_str(&wrap::wrap(&self.note, w, "", ""));
        }
        let longest = |i: usize| {
            std::iter::once(&self.columns[i])
                .chain(self.rows.iter().filter_map(|r| r.get(i)))
                .map(|c| {
                    let shown = escape::terminal(c);
                    shown.split_whitespace().map(wrap::width).max().unwrap_or(0)
                })
                .max()
                .unwrap_or(0)
        };
        let least: Vec<usize> = (0..self.columns.len()).map(longest).collect();
        // Each column takes its text plus a space either side and a border.
        let frame = 3 * self.columns.len() + 1;
        if least.iter().sum::<usize>() + frame <= w {
            out.push_str(&self.grid(width, &least, color));
        } else {
            out.push_str(&self.blocks(w));
        }
        out
    }

    /// The comfy-table grid, each column at least `least[i]` wide.
    fn grid(&self, width: u16, least: &[usize], color: bool) -> String {
        let mut t = Comfy::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(width);
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
        for (i, n) in least.iter().enumerate() {
            if let Some(col) = t.column_mut(i) {
                // The constraint counts the cell padding, one space either side.
                let n = u16::try_from(*n + 2).unwrap_or(u16::MAX);
                col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(n)));
            }
        }
        format!("{t}\n")
    }

    /// One block per row: "Column: value" lines (empty cells left out), values wrapped
    /// under each other.
    fn blocks(&self, width: usize) -> String {
        let label = self
            .columns
            .iter()
            .map(|c| wrap::width(c) + 1)
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for row in &self.rows {
            out.push('\n');
            for (c, v) in self.columns.iter().zip(row).filter(|(_, v)| !v.is_empty()) {
                let c = if c.is_empty() {
                    String::new()
                } else {
                    format!("{c}:")
                };
                out.push_str(&wrap::labelled(&c, label, v, width));
            }
        }
        out
    }

    /// The same table with every text escaped for Markdown ([`escape::md`]).
    pub fn md_escaped(&self) -> Table {
        let esc = |s: &String| escape::md(s);
        Table {
            title: esc(&self.title),
            // Each line of the note its own paragraph.
            note: self
                .note
                .lines()
                .map(escape::md)
                .collect::<Vec<_>>()
                .join("\n\n"),
            columns: self.columns.iter().map(esc).collect(),
            rows: self
                .rows
                .iter()
                .map(|r| r.iter().map(esc).collect())
                .collect(),
        }
    }

    /// RFC 4180 CSV with a header row and CRLF line ends; cells a spreadsheet would run as
    /// a formula are neutralised with a leading `'`.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for row in std::iter::once(&self.columns).chain(&self.rows) {
            let cells: Vec<String> = row
                .iter()
                .map(|c| csv_field(&escape::csv_cell(c)))
                .collect();
            match cells.as_slice() {
                // A lone empty field is quoted, or the row would read as a blank line.
                [one] if one.is_empty() => out.push_str("\"\""),
                _ => out.push_str(&cells.join(",")),
            }
            out.push_str("\r\n");
        }
        out
    }
}

/// A CSV field: quoted (inner quotes doubled) when it holds a comma, quote or line break.
fn csv_field(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
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
        let text = table("\u{1b}[2Jgone\rx").to_text(100, false);
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
        assert!(text.contains("\u{241b}[2Jgone\u{240d}x"), "{text}");
    }
}
