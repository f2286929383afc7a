//! One CSV row of `ceu import`, cell by cell: each cell read as its field reads it, or a
//! problem in words with what was expected.

use chrono::NaiveDate;

use super::Field;
use crate::data::units::plain;
use crate::error::quote;
use crate::person::append::NewEntry;
use crate::person::log::{Domain, MAX_ENTRY_CEUS};

/// A row's cells, read.
#[derive(Default)]
pub(super) struct Row {
    date: Option<NaiveDate>,
    title: String,
    provider: String,
    ceus: Option<f64>,
    aapc_index: Option<String>,
    topics: Vec<String>,
    domain: Option<Domain>,
    ahima_sourced: bool,
    certificate: Option<std::path::PathBuf>,
}

type CellError = (String, String);

impl Row {
    pub(super) fn set(
        &mut self,
        field: Field,
        v: &str,
        topics: &[&str],
        as_of: NaiveDate,
    ) -> Result<(), CellError> {
        if v.is_empty() {
            return Ok(());
        }
        match field {
            Field::Date => {
                let d = date(v).ok_or_else(|| {
                    (
                        format!("{} is not a date", quote(v)),
                        "a date as YYYY-MM-DD or MM/DD/YYYY, with a four-digit year".into(),
                    )
                })?;
                if d > as_of {
                    return Err((
                        format!("{d} is after {as_of}; CEUs are logged once earned"),
                        format!("a date on or before {as_of}"),
                    ));
                }
                self.date = Some(d);
            }
            Field::Title => self.title = v.into(),
            Field::Provider => self.provider = v.into(),
            Field::Ceus => {
                let n: f64 = v.parse().map_err(|_| {
                    (
                        format!("{} is not a number", quote(v)),
                        "a number of CEUs such as 1.5".into(),
                    )
                })?;
                if !(n.is_finite() && n > 0.0 && n <= MAX_ENTRY_CEUS) {
                    return Err((
                        format!("{} CEUs is out of range", plain(n)),
                        format!("more than 0 and at most {}", plain(MAX_ENTRY_CEUS)),
                    ));
                }
                self.ceus = Some(n);
            }
            Field::AapcIndex => self.aapc_index = Some(v.into()),
            Field::Topics => {
                for t in v
                    .split([';', ',', '|'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                {
                    let known = topics
                        .iter()
                        .find(|k| k.eq_ignore_ascii_case(t))
                        .ok_or_else(|| {
                            let hint = crate::loader::closest(t, topics)
                                .map_or(String::new(), |b| format!("; did you mean `{b}`?"));
                            (
                                format!("unknown topic {}{hint}", quote(t)),
                                "competency or credential ids separated by `;`".into(),
                            )
                        })?;
                    self.topics.push((*known).to_string());
                }
            }
            Field::Domain => {
                self.domain = Some(match v.to_lowercase().as_str() {
                    "hiim" => Domain::Hiim,
                    "other" => Domain::Other,
                    _ => {
                        return Err((
                            format!("{} is not a domain", quote(v)),
                            "hiim or other".into(),
                        ));
                    }
                })
            }
            Field::AhimaSourced => {
                self.ahima_sourced = match v.to_lowercase().as_str() {
                    "yes" | "y" | "true" | "1" | "x" => true,
                    "no" | "n" | "false" | "0" => false,
                    _ => {
                        return Err((format!("{} is not yes or no", quote(v)), "yes or no".into()));
                    }
                }
            }
            Field::Certificate => self.certificate = Some(v.into()),
        }
        Ok(())
    }

    /// The entry, or the required fields left empty.
    pub(super) fn entry(self) -> Result<NewEntry, Vec<Field>> {
        let mut missing = Vec::new();
        if self.date.is_none() {
            missing.push(Field::Date);
        }
        if self.title.is_empty() {
            missing.push(Field::Title);
        }
        if self.provider.is_empty() {
            missing.push(Field::Provider);
        }
        if self.ceus.is_none() {
            missing.push(Field::Ceus);
        }
        match (self.date, self.ceus) {
            (Some(date), Some(ceus)) if missing.is_empty() => Ok(NewEntry {
                date,
                title: self.title,
                provider: self.provider,
                ceus,
                aapc_index: self.aapc_index,
                topics: self.topics,
                domain: self.domain,
                ahima_sourced: self.ahima_sourced,
                certificate: self.certificate,
            }),
            _ => Err(missing),
        }
    }
}

/// `YYYY-MM-DD`, or the US `M/D/YYYY` portals export (with all four digits of the year:
/// `2/3/25` and `2/3/0025` are refused, not read as the year 25).
fn date(v: &str) -> Option<NaiveDate> {
    let four_digit_year = |v: &str| {
        v.rsplit('/').next().is_some_and(|y| {
            y.len() == 4 && !y.starts_with('0') && y.bytes().all(|b| b.is_ascii_digit())
        })
    };
    crate::loader::ymd::parse(v).ok().or_else(|| {
        four_digit_year(v)
            .then(|| NaiveDate::parse_from_str(v, "%m/%d/%Y").ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// US dates need their four-digit year: `2/3/25` is not the year 25.
    #[test]
    fn us_dates_need_a_four_digit_year() {
        assert_eq!(date("2/3/2025"), NaiveDate::from_ymd_opt(2025, 2, 3));
        assert_eq!(date("2/3/25"), None);
        assert_eq!(date("2/3/025"), None);
        assert_eq!(date("2/3/+202"), None);
        assert_eq!(date("2/3/0025"), None);
    }
}
