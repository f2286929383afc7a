//! Where a body's renewal cycles fall: anchored on the first certification date or on the
//! membership renewal date (in years of the rulebook's parity), `cycle.months` long, the
//! rulebook chosen by each cycle's start date. A portal override fixes one cycle and the
//! others follow from it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::data::Catalog;
use crate::data::catalog::Rulebook;
use crate::data::model::{Anchor, Body, MonthParity};
use crate::dates;

/// A renewal cycle: CEUs earned from `start` to `end` (inclusive) count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cycle {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The first cycle after certification, shorter than a full cycle.
    pub first: bool,
    /// Dates copied from the official portal (`cycle_overrides`).
    pub overridden: bool,
}

/// What places a person's cycles with one body.
#[derive(Debug, Clone, Copy)]
pub struct CycleAnchor {
    pub body: Body,
    /// The body's earliest certification.
    pub first_certified: NaiveDate,
    /// The membership renewal date (for membership-renewal anchors).
    pub renewal: Option<NaiveDate>,
    /// A cycle copied from the portal: its start, its end, or both.
    pub override_start: Option<NaiveDate>,
    pub override_end: Option<NaiveDate>,
}

/// Why cycles cannot be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleProblem {
    /// No rulebook of the body covers a cycle starting on this date.
    NoRulebook { start: NaiveDate },
    /// The body's cycles follow the membership renewal date, which is not given.
    NoRenewalDate,
}

/// The cycles of one body, walked forward or back from an anchor cycle.
pub struct Cycles<'c> {
    catalog: &'c Catalog,
    anchor: CycleAnchor,
}

impl<'c> Cycles<'c> {
    /// Cycles for `anchor` under the catalog's rulebooks.
    pub fn new(catalog: &'c Catalog, anchor: CycleAnchor) -> Self {
        Cycles { catalog, anchor }
    }

    /// The rulebook that judges cycle `c` (see [`Catalog::rulebook_judging`]).
    pub fn book(&self, c: Cycle) -> Result<&'c Rulebook, CycleProblem> {
        self.catalog
            .rulebook_judging(self.anchor.body, c.start, c.end)
            .ok_or(CycleProblem::NoRulebook { start: c.start })
    }

    /// [`Cycles::book`], or for a cycle older than every rulebook of the body, the oldest one
    /// (the status says so): the cycle a person is in, or has just ended, is always judged.
    pub fn book_or_oldest(&self, c: Cycle) -> Result<&'c Rulebook, CycleProblem> {
        self.book(c)
            .or_else(|e| self.oldest_after(c.start).ok_or(e))
    }

    /// The rulebook whose cycle rule places a cycle starting on `start`: the one in force,
    /// or for a date before every rulebook of the body, the oldest one (cycles older than the
    /// data are placed by its rule).
    fn placing(&self, start: NaiveDate) -> Result<&'c Rulebook, CycleProblem> {
        self.catalog
            .rulebook_for(self.anchor.body, start)
            .or_else(|| self.oldest_after(start))
            .ok_or(CycleProblem::NoRulebook { start })
    }

    /// The body's oldest rulebook, when it takes effect after `date`.
    fn oldest_after(&self, date: NaiveDate) -> Option<&'c Rulebook> {
        self.catalog
            .oldest_rulebook(self.anchor.body)
            .filter(|d| date < *d)
            .and_then(|d| self.catalog.rulebook_for(self.anchor.body, d))
    }

    /// The cycle that contains `date` (the first cycle for a date before certification),
    /// and the one right before it, if any.
    pub fn around(&self, date: NaiveDate) -> Result<(Cycle, Option<Cycle>), CycleProblem> {
        let mut c = match (self.anchor.override_start, self.anchor.override_end) {
            (None, None) => self.first()?,
            _ => self.overridden()?,
        };
        let mut before = None;
        // Each step moves a whole cycle, and dates have four-digit years, so this ends.
        while date < c.start && !c.first {
            c = self.previous(c)?;
        }
        while date > c.end {
            before = Some(c);
            c = self.next(c)?;
        }
        if before.is_none() && !c.first {
            before = Some(self.previous(c)?);
        }
        Ok((c, before))
    }

    /// The cycle right after `c`.
    pub fn next(&self, c: Cycle) -> Result<Cycle, CycleProblem> {
        let start = dates::add_days(c.end, 1);
        let book = self.placing(start)?;
        let months = book.cycle.months.get().max(1);
        let end = match book.cycle.anchor {
            Anchor::CertificationDate => {
                dates::sub_days(self.anniversary(dates::add_months(start, months)), 1)
            }
            Anchor::MembershipRenewal => {
                let day = self.anchor.renewal.map_or(c.end.day(), |r| r.day());
                let e = dates::add_months(c.end, months);
                dates::day_in(e.year(), e.month(), day)
            }
        };
        Ok(Cycle {
            start,
            end,
            first: false,
            overridden: false,
        })
    }

    /// The anniversary of the certification (or of an overridden cycle's start) in the
    /// month `d` falls in: cycles anchored on 29 February keep it in leap years instead of
    /// drifting to the 28th, then the 27th.
    fn anniversary(&self, d: NaiveDate) -> NaiveDate {
        let day = self
            .anchor
            .override_start
            .unwrap_or(self.anchor.first_certified)
            .day();
        dates::day_in(d.year(), d.month(), day)
    }

    /// The cycle right before `c` (`c` itself when it is the first).
    pub fn previous(&self, c: Cycle) -> Result<Cycle, CycleProblem> {
        if c.first {
            return Ok(c);
        }
        let end = dates::sub_days(c.start, 1);
        let book = self.placing(end)?;
        let months = book.cycle.months.get().max(1);
        let start = match book.cycle.anchor {
            Anchor::CertificationDate => self.anniversary(dates::sub_months(c.start, months)),
            Anchor::MembershipRenewal => dates::add_days(dates::sub_months(end, months), 1),
        };
        let first_cert = self.anchor.first_certified;
        Ok(Cycle {
            start: start.max(first_cert),
            end,
            first: start <= first_cert,
            overridden: false,
        })
    }

    /// The first cycle after certification.
    fn first(&self) -> Result<Cycle, CycleProblem> {
        let start = self.anchor.first_certified;
        let book = self.placing(start)?;
        let months = book.cycle.months.get().max(1);
        let end = match book.cycle.anchor {
            Anchor::CertificationDate => dates::sub_days(dates::add_months(start, months), 1),
            Anchor::MembershipRenewal => self.due_after(book, start)?,
        };
        Ok(Cycle {
            start,
            end,
            first: true,
            overridden: false,
        })
    }

    /// The first membership due date strictly after `after`: the renewal month and day, in
    /// a year of the parity the rulebook gives that month (any year when it gives none).
    fn due_after(&self, book: &Rulebook, after: NaiveDate) -> Result<NaiveDate, CycleProblem> {
        let renewal = self.anchor.renewal.ok_or(CycleProblem::NoRenewalDate)?;
        let month = renewal.month();
        let odd_years = match book.cycle.odd_years_for {
            Some(MonthParity::OddMonths) => Some(month % 2 == 1),
            Some(MonthParity::EvenMonths) => Some(month % 2 == 0),
            None => None,
        };
        let mut year = after.year();
        loop {
            let due = dates::day_in(year, month, renewal.day());
            let parity_ok = odd_years.is_none_or(|odd| (year.rem_euclid(2) == 1) == odd);
            if parity_ok && due > after {
                return Ok(due);
            }
            year += 1;
        }
    }

    /// The cycle the portal override gives.
    fn overridden(&self) -> Result<Cycle, CycleProblem> {
        let a = self.anchor;
        let (start, end) = match (a.override_start, a.override_end) {
            (Some(s), Some(e)) => (s, e),
            (Some(s), None) => {
                let months = self.placing(s)?.cycle.months.get().max(1);
                (s, dates::sub_days(dates::add_months(s, months), 1))
            }
            (None, Some(e)) => {
                let months = self.placing(e)?.cycle.months.get().max(1);
                (dates::add_days(dates::sub_months(e, months), 1), e)
            }
            (None, None) => return self.first(),
        };
        Ok(Cycle {
            start,
            end,
            first: start <= a.first_certified,
            overridden: true,
        })
    }
}
