//! JSON as coderpath writes it (`--format json`, `--format context`, a report's client
//! pages): pretty-printed, each figure as the decimal it stands for, code in its words
//! between backticks.
//!
//! Figures are decimals (CEUs, dollars, shares such as 0.8), held as binary floats, and a
//! sum or difference of them can come out a hair off: `1 - 0.8` is `0.19999999999999996`,
//! `0.1 + 0.2 + 35.6` is `35.900000000000006`. The figure meant has at most a dozen
//! significant digits, so each number is written as the shortest decimal that is equal to
//! it at [`DIGITS`] significant digits (`0.2`, `35.9`). The arithmetic should still round
//! where it makes a figure (CEUs and dollars to hundredths); this keeps a figure it missed
//! from reaching a script as noise. Numbers stay numbers.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// Significant digits a figure is written to (an f64 holds 15 to 17).
pub const DIGITS: usize = 12;

/// `value` as pretty JSON and a line break (see the module comment).
pub fn to_json(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(4096);
    // Facts and views hold only strings, numbers and dates, which always serialise, and a
    // vector takes every byte written.
    if write_json(value, &mut out).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Writes [`to_json`]`(value)` to `out` as it is made, without holding the whole text.
pub fn write_json<W: Write + ?Sized>(value: &impl Serialize, out: &mut W) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Figures::default());
    value.serialize(&mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// `v` at [`DIGITS`] significant digits: the decimal figure a computation meant.
pub fn figure(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v + 0.0;
    }
    // Most figures are whole or in hundredths already: nothing to do, nothing to format.
    if v.abs() < 1e9 && ((v * 100.0).round() / 100.0 == v) {
        return v;
    }
    format!("{v:.*e}", DIGITS - 1).parse().unwrap_or(v) + 0.0
}

/// A pretty formatter that writes figures with [`figure`] and code as [`super::code::plain`].
#[derive(Default)]
struct Figures(PrettyFormatter<'static>);

impl Formatter for Figures {
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        self.0.write_f64(w, figure(value))
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        w.write_all(super::code::plain(s).as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_the_decimals_meant() {
        let sum: f64 = [0.1, 0.2, 35.6].iter().sum();
        assert_eq!(figure(1.0 - 0.8), 0.2);
        assert_eq!(figure(sum), 35.9);
        assert_eq!(figure(-0.0).to_string(), "0");
        for v in [0.8, 36.0, 1748.5, 0.125, 194_800.0, 1e-9] {
            assert_eq!(figure(v), v);
        }
        let json = to_json(&serde_json::json!({
            "share": 1.0 - 0.8,
            "ceus": sum,
            "whole": 36.0,
            "n": 3,
            "words": crate::render::code::code("ceu add"),
        }));
        assert_eq!(
            json,
            "{\n  \"ceus\": 35.9,\n  \"n\": 3,\n  \"share\": 0.2,\n  \"whole\": 36.0,\n  \"words\": \"`ceu add`\"\n}\n"
        );
    }
}
