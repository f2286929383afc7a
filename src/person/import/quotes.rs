//! Where the quotes of a CSV text open and close, read as the `csv` reader reads them
//! (RFC 4180: a quote opens a cell only as its first character, `""` inside a quoted cell
//! is one quote, a comma or line break outside quotes ends a cell): so that a quote left
//! open is reported where it opens, not as a row with too few cells.

/// A quoted cell that is never closed: it runs to the end of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Unclosed {
    /// The byte where its row (record) starts.
    pub record: usize,
    /// The 1-based line and character column of its opening quote.
    pub line: usize,
    pub column: usize,
}

/// The quoted cell of `text` left open, if any.
pub(super) fn unclosed(text: &str) -> Option<Unclosed> {
    #[derive(PartialEq)]
    enum State {
        /// At the start of a cell.
        Start,
        Unquoted,
        Quoted,
        /// Just past a quote inside a quoted cell: its end, or the first of `""`.
        AfterQuote,
    }
    let mut state = State::Start;
    let (mut record, mut opened) = (0, 0);
    for (at, c) in text.char_indices() {
        state = match (state, c) {
            (State::Quoted, '"') => State::AfterQuote,
            (State::Quoted, _) => State::Quoted,
            (State::AfterQuote, '"') => State::Quoted,
            // A line break outside quotes ends the row (a blank line is no row).
            (_, '\r' | '\n') => {
                record = at + 1;
                State::Start
            }
            (_, ',') => State::Start,
            (State::Start, '"') => {
                opened = at;
                State::Quoted
            }
            _ => State::Unquoted,
        };
    }
    (state == State::Quoted).then(|| {
        let before = &text[..opened];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Unclosed {
            record,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    })
}

/// The 1-based character column where cell `n` of a CSV line starts.
pub(super) fn column_of(line: &str, n: usize) -> usize {
    let mut quoted = false;
    let mut cell = 0;
    for (col, ch) in line.chars().enumerate() {
        if cell == n {
            return col + 1;
        }
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => cell += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_quote_is_found_where_it_opens() {
        let text = "date,title\r\n2026-01-01,\"a, \"\"b\"\"\"\n\n2026-01-02,é \"x\n2026-01-03,\"never\nclosed,1\n";
        let u = unclosed(text).unwrap();
        assert_eq!((u.line, u.column), (5, 12));
        assert_eq!(&text[u.record..u.record + 10], "2026-01-03");
        // Closed quotes, quotes inside unquoted cells and a quoted cell over two lines.
        for ok in [
            "a,b\n\"x\ny\",\"\"\"\"\n",
            "a,b\nx\"y,z\n",
            "\"a\"b,c\n",
            "",
        ] {
            assert_eq!(unclosed(ok), None, "{ok:?}");
        }
        let header = unclosed("\"date,title\n1,2\n").unwrap();
        assert_eq!((header.record, header.line, header.column), (0, 1, 1));
    }
}
