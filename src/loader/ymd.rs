//! `YYYY-MM-DD` date fields with a message that says what was wrong.
//!
//! A date field asks the deserializer for a newtype struct named [`TOKEN`]; the loader's own
//! deserializer checks the text itself, so a bad date is reported at its place and reading
//! goes on. Any other deserializer simply hands over the string.

use chrono::NaiveDate;
use std::fmt;

use serde::de::{Error, Visitor};
use serde::{Deserialize, Deserializer};

/// The newtype-struct name by which a date field announces itself to the loader.
pub(crate) const TOKEN: &str = "$coderpath::loader::ymd::Date";

/// The date handed to a date field whose text was wrong (after the problem is recorded).
pub(crate) const PLACEHOLDER: &str = "1970-01-01";

/// Why text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not in the `YYYY-MM-DD` shape.
    Shape,
    /// The shape is right but the day does not exist (2026-02-30).
    NotReal,
}

/// Reads a `YYYY-MM-DD` date.
pub fn read(text: &str) -> Result<NaiveDate, DateError> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(DateError::Shape);
    }
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(DateError::Shape);
    };
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or(DateError::NotReal)
}

/// Parses a `YYYY-MM-DD` date, with a message naming what was wrong.
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    read(text).map_err(|e| {
        let q = crate::error::quote(text);
        match e {
            DateError::Shape => format!("expected a date as YYYY-MM-DD, found {q}"),
            DateError::NotReal => format!("{q} is not a real calendar date"),
        }
    })
}

/// A date read through a visitor, so a bad date is reported at its own line and column.
struct Ymd(NaiveDate);

impl<'de> Deserialize<'de> for Ymd {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ymd;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Ymd, E> {
                parse(v).map(Ymd).map_err(E::custom)
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Ymd, D::Error> {
                d.deserialize_str(self)
            }
        }
        d.deserialize_newtype_struct(TOKEN, V)
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
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert!(parse("2026-11-27").is_ok());
        assert_eq!(
            parse("2026-02-30").unwrap_err(),
            "`2026-02-30` is not a real calendar date"
        );
        assert!(parse("27/11/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(read("2026-1-05"), Err(DateError::Shape));
        assert!(read(PLACEHOLDER).is_ok());
        assert_eq!(
            read("2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(read("0000-00-00"), Err(DateError::NotReal));
        assert_eq!(read("2026-+1-05"), Err(DateError::Shape));
        assert_eq!(read("２０２６-01-0"), Err(DateError::Shape));
    }
}
