//! Date arithmetic that cannot panic: every addition saturates at chrono's limits instead of
//! overflowing. Inputs are bounded (see `data::units`), so saturation only guards the edges.

use chrono::{Datelike, Days, Months, NaiveDate};

/// Average days in a month (365.25 / 12), for fractional month lengths.
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// `d` plus `n` whole months (the day clamped to the month's end, as chrono does).
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// `d` minus `n` whole months.
pub fn sub_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n))
        .unwrap_or(NaiveDate::MIN)
}

/// `d` plus `n` days.
pub fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// `d` minus `n` days.
pub fn sub_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

/// `d` plus a fractional number of months: the whole months on the calendar (12 months from
/// 2027-04-09 is 2028-04-09), the part of a month in average-length days, rounded.
pub fn add_fractional_months(d: NaiveDate, months: f64) -> NaiveDate {
    let months = months.max(0.0);
    // Bounded month spans keep these far below u32::MAX; `as` saturates anyway.
    let whole = months.trunc();
    let days = ((months - whole) * DAYS_PER_MONTH).round();
    add_days(add_months(d, whole as u32), days as u64)
}

/// `d` plus a fractional number of weeks, rounded to days.
pub fn add_weeks(d: NaiveDate, weeks: f64) -> NaiveDate {
    add_days(d, (weeks.max(0.0) * 7.0).round() as u64)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Months (fractional) from `a` to `b`, the inverse of [`add_fractional_months`]: whole
/// calendar months, then the days left by average month length; 0 when `b` is not later.
pub fn months_between(a: NaiveDate, b: NaiveDate) -> f64 {
    if b <= a {
        return 0.0;
    }
    // Whole months as `add_months` counts them (a month from Jan 31 is Feb 28).
    let mut whole = whole_months(a, b) + 1;
    while whole > 0 && add_months(a, whole) > b {
        whole -= 1;
    }
    let rest = days_between(add_months(a, whole), b);
    f64::from(whole) + rest as f64 / DAYS_PER_MONTH
}

/// Whole calendar months from `a` to `b` (0 if `b` is not after `a`).
pub fn whole_months(a: NaiveDate, b: NaiveDate) -> u32 {
    let mut m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    if b.day() < a.day() {
        m -= 1;
    }
    m.max(0) as u32
}

/// Whole calendar months in the span from `a` through `last`, both days included (a cycle
/// from 2025-01-01 through 2026-06-30 spans 18).
pub fn months_through(a: NaiveDate, last: NaiveDate) -> u32 {
    whole_months(a, last.succ_opt().unwrap_or(last))
}

/// Day `day` of `month` in `year`, clamped to the month's last day (Feb 29 → Feb 28).
pub fn day_in(year: i32, month: u32, day: u32) -> NaiveDate {
    let month = month.clamp(1, 12);
    (0..4)
        .find_map(|back| {
            NaiveDate::from_ymd_opt(year, month, day.clamp(1, 31).saturating_sub(back))
        })
        .unwrap_or(NaiveDate::MIN)
}

/// The last day of the month `d` falls in.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    day_in(d.year(), d.month(), 31)
}

/// The first day of the month `d` falls in.
pub fn month_start(d: NaiveDate) -> NaiveDate {
    day_in(d.year(), d.month(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn saturates_instead_of_panicking() {
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_days(NaiveDate::MAX, u64::MAX), NaiveDate::MAX);
        assert_eq!(
            add_fractional_months(d("2026-01-01"), 1e308),
            NaiveDate::MAX
        );
        assert_eq!(sub_months(NaiveDate::MIN, 24), NaiveDate::MIN);
    }

    #[test]
    fn calendar_helpers() {
        assert_eq!(whole_months(d("2026-01-15"), d("2027-05-14")), 15);
        assert_eq!(whole_months(d("2026-01-15"), d("2027-05-15")), 16);
        // A span's last day counts: a cycle that starts on the 1st ends on a month's last day.
        assert_eq!(months_through(d("2025-01-01"), d("2026-06-30")), 18);
        assert_eq!(months_through(d("2025-06-01"), d("2025-09-30")), 4);
        assert_eq!(months_through(d("2025-03-01"), d("2025-03-31")), 1);
        assert_eq!(months_through(d("2025-01-31"), d("2025-03-31")), 2);
        assert_eq!(months_through(d("2026-01-10"), d("2026-06-30")), 5);
        assert_eq!(day_in(2026, 2, 29), d("2026-02-28"));
        assert_eq!(month_end(d("2024-02-10")), d("2024-02-29"));
        assert_eq!(month_start(d("2024-02-10")), d("2024-02-01"));
    }

    #[test]
    fn whole_months_fall_on_the_calendar_date() {
        assert_eq!(
            add_fractional_months(d("2027-04-09"), 12.0),
            d("2028-04-09")
        );
        assert_eq!(add_fractional_months(d("2026-11-27"), 4.0), d("2027-03-27"));
        assert_eq!(add_fractional_months(d("2027-01-31"), 1.0), d("2027-02-28"));
        // The part of a month in average-length days: half a month is 15 days.
        assert_eq!(add_fractional_months(d("2026-01-01"), 2.5), d("2026-03-16"));
        assert_eq!(
            add_fractional_months(d("2026-01-01"), -3.0),
            d("2026-01-01")
        );
        for (a, b, months) in [
            ("2027-04-09", "2028-04-09", 12.0),
            ("2027-01-31", "2027-02-28", 1.0),
            ("2026-03-01", "2026-03-01", 0.0),
            ("2026-03-05", "2026-02-01", 0.0),
        ] {
            assert_eq!(months_between(d(a), d(b)), months, "{a} to {b}");
        }
        // Each is the other's inverse, to within the rounding of days.
        for start in ["2026-01-31", "2026-02-28", "2024-02-29", "2026-07-15"] {
            for tenths in 0..400 {
                let months = f64::from(tenths) / 10.0;
                let end = add_fractional_months(d(start), months);
                let back = months_between(d(start), end);
                assert!(
                    (back - months).abs() <= 0.5 / DAYS_PER_MONTH + 1e-9,
                    "{start} + {months}: {back}"
                );
            }
        }
    }
}
