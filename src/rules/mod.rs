//! Dated renewal rulebooks: which rulebook judges a cycle, and when cycles fall due.

use chrono::{Datelike, Months, NaiveDate};

use crate::data::DataSet;
use crate::data::model::{Body, Rulebook};

/// The rulebook of `body` in force for a cycle starting on `cycle_start`: the one with the
/// latest `effective_from` on or before it.
pub fn rulebook_for(data: &DataSet, body: Body, cycle_start: NaiveDate) -> Option<&Rulebook> {
    data.rules
        .rulebooks
        .iter()
        .filter(|r| r.body == body && r.effective_from <= cycle_start)
        .max_by_key(|r| r.effective_from)
}

/// AAPC CEUs fall due every two years on the membership renewal date: memberships renewing
/// in January, March, … (odd months) are due in odd years; even months in even years.
/// Returns the first such due date strictly after `after`.
pub fn aapc_due_after(renewal: NaiveDate, after: NaiveDate) -> NaiveDate {
    let month = renewal.month();
    let parity = month % 2;
    let mut year = after.year();
    loop {
        if (year.rem_euclid(2) as u32) == parity {
            let due = same_day_in(year, month, renewal.day());
            if due > after {
                return due;
            }
        }
        year += 1;
    }
}

/// The day `day` of `month` in `year`, clamped to the month's last day (Feb 29 → Feb 28).
pub fn same_day_in(year: i32, month: u32, day: u32) -> NaiveDate {
    (0..4)
        .find_map(|back| NaiveDate::from_ymd_opt(year, month, day - back.min(day - 1)))
        .expect("days 28 and below exist in every month")
}

/// AHIMA's first cycle: two years beginning on the day the exam was passed.
pub fn ahima_cycle_end(start: NaiveDate) -> NaiveDate {
    start + Months::new(24) - chrono::Days::new(1)
}

/// CEUs for one credential under `book` (no sub-requirements), before any pro-rating.
pub fn single_credential_ceus(book: &Rulebook, credential: &str) -> Option<f64> {
    match book.body {
        Body::AAPC => book.ceus_by_count.first().copied(),
        Body::AHIMA => book.per_credential.get(credential).copied(),
    }
}

/// AAPC pro-rates the first requirement after certification to the renewal month. This
/// estimate scales the full requirement by the whole months from certification to the due
/// date over 24, rounded up: `ceil(full × months / 24)`.
pub fn aapc_prorated(full: f64, certified: NaiveDate, due: NaiveDate) -> f64 {
    let months = whole_months(certified, due).min(24);
    (full * f64::from(months) / 24.0).ceil()
}

/// Whole months from `a` to `b` (0 if `b` is not after `a`).
pub fn whole_months(a: NaiveDate, b: NaiveDate) -> u32 {
    let mut m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    if b.day() < a.day() {
        m -= 1;
    }
    m.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn aapc_due_dates_follow_month_parity() {
        // May (odd) renewals fall due in odd years.
        assert_eq!(
            aapc_due_after(d("2025-05-31"), d("2026-11-27")),
            d("2027-05-31")
        );
        assert_eq!(
            aapc_due_after(d("2025-05-31"), d("2027-06-01")),
            d("2029-05-31")
        );
        // February (even) renewals fall due in even years.
        assert_eq!(
            aapc_due_after(d("2027-02-28"), d("2026-11-27")),
            d("2028-02-28")
        );
        assert_eq!(
            aapc_due_after(d("2024-02-29"), d("2025-01-01")),
            d("2026-02-28")
        );
    }

    #[test]
    fn ahima_cycle_is_two_years_from_the_exam() {
        assert_eq!(ahima_cycle_end(d("2026-03-15")), d("2028-03-14"));
    }

    #[test]
    fn prorating_and_months() {
        assert_eq!(whole_months(d("2026-01-15"), d("2027-05-14")), 15);
        assert_eq!(whole_months(d("2026-01-15"), d("2027-05-15")), 16);
        assert_eq!(aapc_prorated(36.0, d("2026-01-15"), d("2027-05-15")), 24.0);
        assert_eq!(aapc_prorated(36.0, d("2024-01-15"), d("2027-05-15")), 36.0);
    }

    #[test]
    fn rulebook_is_chosen_by_cycle_start() {
        let data = DataSet::load(None).unwrap();
        assert_eq!(
            rulebook_for(&data, Body::AHIMA, d("2020-06-01"))
                .unwrap()
                .id,
            "ahima-2019"
        );
        assert_eq!(
            rulebook_for(&data, Body::AHIMA, d("2024-12-31"))
                .unwrap()
                .id,
            "ahima-2021"
        );
        assert_eq!(
            rulebook_for(&data, Body::AHIMA, d("2025-01-01"))
                .unwrap()
                .id,
            "ahima-2025"
        );
        assert!(rulebook_for(&data, Body::AAPC, d("2014-01-01")).is_none());
    }
}
