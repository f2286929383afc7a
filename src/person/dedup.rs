//! When two CEU log entries are the same course: one rule for `ceu add`, `ceu import` and
//! `ceu check`.
//!
//! Two entries are duplicates when their dates are equal and their titles and providers
//! are equal after [`fold`]: surrounding whitespace trimmed, every run of whitespace
//! (spaces, tabs, line breaks, no-break spaces) made one space, and Unicode canonical
//! caseless matching applied (canonical decomposition, full default case folding,
//! decomposition again — so `Straße` = `STRASSE`, `ÉTUDE` = `étude` whether the accent is
//! one character or two).

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

/// The key two duplicate entries share.
pub type Key = (String, NaiveDate, String);

/// The duplicate key of an entry.
pub fn key(title: &str, date: NaiveDate, provider: &str) -> Key {
    (fold(title), date, fold(provider))
}

/// `s` as compared for duplicates (see the module comment).
pub fn fold(s: &str) -> String {
    let folded: String = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        caseless::Caseless::default_case_fold(s.nfd())
            .nfd()
            .collect()
    };
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_space_and_composition() {
        assert_eq!(
            fold("  Risk\tAdjustment \n Update "),
            "risk adjustment update"
        );
        assert_eq!(fold("Straße"), fold("STRASSE"));
        assert_eq!(fold("ÉTUDE"), fold("e\u{301}tude"));
        assert_eq!(fold("Ana\u{a0}María"), fold("ana maría"));
        assert_ne!(fold("Coding 1"), fold("Coding 2"));
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(key("Webinar", d, "AAPC"), key(" WEBINAR ", d, "aapc"));
    }
}
