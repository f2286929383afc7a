//! Where a body's renewal cycles fall for a person.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::data::model::Body;
use crate::person::profile::CycleOverride;
use crate::rules;

/// A renewal cycle: CEUs earned from `start` to `end` (inclusive) count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cycle {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The first cycle after certification, shortened to the renewal date.
    pub prorated: bool,
    /// Start or end copied from the official portal (`cycle_overrides`).
    pub overridden: bool,
}

/// The cycle containing `as_of` and the one before it (if it began after certification).
/// `first_cert` is the body's earliest certification; `renewal` the AAPC membership renewal
/// date. Returns `None` when AAPC cycles cannot be placed without a renewal date.
pub fn cycles(
    body: Body,
    first_cert: NaiveDate,
    renewal: Option<NaiveDate>,
    over: Option<&CycleOverride>,
    as_of: NaiveDate,
) -> Option<(Cycle, Option<Cycle>)> {
    if let Some(o) = over.filter(|o| o.start.is_some() || o.end.is_some()) {
        let start = o
            .start
            .unwrap_or_else(|| o.end.expect("one is set") - Months::new(24) + Days::new(1));
        let end = o.end.unwrap_or_else(|| rules::ahima_cycle_end(start));
        return Some((
            Cycle {
                start,
                end,
                prorated: false,
                overridden: true,
            },
            None,
        ));
    }
    let (current, previous) = match body {
        Body::AHIMA => {
            let mut start = first_cert;
            while start + Months::new(24) <= as_of {
                start = start + Months::new(24);
            }
            let current = (start, rules::ahima_cycle_end(start));
            let previous = (start > first_cert).then(|| {
                let s = start - Months::new(24);
                (s, rules::ahima_cycle_end(s))
            });
            (current, previous)
        }
        Body::AAPC => {
            let renewal = renewal?;
            let end = rules::aapc_due_after(renewal, as_of - Days::new(1));
            let prev_end = rules::same_day_in(end.year() - 2, end.month(), renewal.day());
            let start = prev_end + Days::new(1);
            let previous = (prev_end > first_cert)
                .then(|| (prev_end - Months::new(24) + Days::new(1), prev_end));
            ((start, end), previous)
        }
    };
    let clip = |(s, e): (NaiveDate, NaiveDate)| Cycle {
        start: s.max(first_cert),
        end: e,
        prorated: s < first_cert,
        overridden: false,
    };
    Some((clip(current), previous.map(clip)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ahima_cycles_roll_forward_from_certification() {
        let (c, p) = cycles(Body::AHIMA, d("2021-09-30"), None, None, d("2026-11-27")).unwrap();
        assert_eq!((c.start, c.end), (d("2025-09-30"), d("2027-09-29")));
        assert_eq!(
            p.map(|p| (p.start, p.end)),
            Some((d("2023-09-30"), d("2025-09-29")))
        );
        let (first, none) =
            cycles(Body::AHIMA, d("2026-01-10"), None, None, d("2026-11-27")).unwrap();
        assert_eq!(
            (first.start, first.prorated, none),
            (d("2026-01-10"), false, None)
        );
    }

    #[test]
    fn aapc_cycles_end_on_the_renewal_date_and_the_first_is_prorated() {
        // Certified 2023-06-14; May renewals fall due in odd years.
        let (c, p) = cycles(
            Body::AAPC,
            d("2023-06-14"),
            Some(d("2025-05-31")),
            None,
            d("2026-11-27"),
        )
        .unwrap();
        assert_eq!(
            (c.start, c.end, c.prorated),
            (d("2025-06-01"), d("2027-05-31"), false)
        );
        let p = p.unwrap();
        assert_eq!(
            (p.start, p.end, p.prorated),
            (d("2023-06-14"), d("2025-05-31"), true)
        );
        assert!(cycles(Body::AAPC, d("2023-06-14"), None, None, d("2026-11-27")).is_none());
    }

    #[test]
    fn an_override_wins() {
        let o = CycleOverride {
            body: Body::AHIMA,
            start: Some(d("2025-09-30")),
            end: None,
            required: None,
        };
        let (c, p) = cycles(
            Body::AHIMA,
            d("2021-09-30"),
            None,
            Some(&o),
            d("2026-11-27"),
        )
        .unwrap();
        assert_eq!(
            (c.start, c.end, c.overridden, p),
            (d("2025-09-30"), d("2027-09-29"), true, None)
        );
    }
}
