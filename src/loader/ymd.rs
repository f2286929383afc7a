//! `YYYY-MM-DD` date fields with a message that says what was wrong.

use chrono::NaiveDate;
use std::fmt;

use serde::de::{Error, Visitor};
use serde::{Deserialize, Deserializer};

/// Parses a `YYYY-MM-DD` date, naming impossible days such as 2026-02-30.
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    let shape_ok = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(format!("expected a date as YYYY-MM-DD, found `{text}`"));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a real calendar date"))
}

/// A date read through a visitor, so a bad date is reported at its own line and column.
struct Ymd(NaiveDate);

impl<'de> Deserialize<'de> for Ymd {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Ymd;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Ymd, E> {
                parse(v).map(Ymd).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// Deserializes a required date.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    Ymd::deserialize(d).map(|y| y.0)
}

/// Deserializes an optional date (`null` or absent is `None`).
pub mod option {
    use super::*;

    /// Deserializes `Option<NaiveDate>`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Ok(Option::<Ymd>::deserialize(d)?.map(|y| y.0))
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn parses_and_rejects() {
        assert!(parse("2026-11-27").is_ok());
        assert_eq!(
            parse("2026-02-30").unwrap_err(),
            "`2026-02-30` is not a real calendar date"
        );
        assert!(parse("27/11/2026").unwrap_err().contains("YYYY-MM-DD"));
    }
}
