//! One body's cycle lifecycle: the cycles the rulebooks give (from certification or a portal
//! override), the one that ended most recently judged with the credentials held at its end
//! and its lapse window, and the current one, with renewal-month CEUs and checkpoints taken
//! into account.

use chrono::{Datelike, NaiveDate};

use super::judge::{self, Tally};
use super::{
    BodyStatus, CycleState, CycleStatus, Evidence, RejectReason, Rejected, StaleRenewal, Unlogged,
    fees,
};
use crate::data::Catalog;
use crate::data::catalog::Rulebook;
use crate::data::model::{Anchor, Body};
use crate::dates;
use crate::person::Problem;
use crate::person::log::{Entry, Log};
use crate::person::profile::{CycleOverride, Person};
use crate::rules::cycles::CycleProblem;
use crate::rules::requirement::{Holding, required, round2};
use crate::rules::{Cycle, CycleAnchor, Cycles};

/// The status of `body` for `person` on `as_of`.
pub(super) fn body_status<'c>(
    body: Body,
    person: &Person<'c>,
    log: &Log,
    catalog: &'c Catalog,
    as_of: NaiveDate,
) -> Result<BodyStatus<'c>, Problem> {
    let held: Vec<Holding<'c>> = person
        .held_with(body)
        .filter(|h| h.earned <= as_of)
        .map(|h| Holding {
            credential: h.credential,
            earned: h.earned,
        })
        .collect();
    let first_cert = held.iter().map(|h| h.earned).min().unwrap_or(as_of);
    let cycles = cycles_for(person, catalog, body, first_cert);
    let over = override_of(person, body);
    let problem = |p| match p {
        CycleProblem::NoRenewalDate => Problem::NoRenewalDate { body },
        CycleProblem::NoRulebook { start } => Problem::NoRulebook {
            body,
            start,
            oldest: catalog.oldest_rulebook(body),
        },
    };
    let (current, before) = cycles.around(as_of).map_err(problem)?;
    let life = Life {
        catalog,
        held: &held,
        log,
        as_of,
        portal: over.and_then(|o| o.required.map(|r| r.get())),
        log_since: person.profile.ceu_log_since,
        certified: first_cert,
    };
    let current_book = cycles.book_or_oldest(current).map_err(problem)?;
    let mut ended = None;
    let mut carried = Vec::new();
    if let Some(last) = before {
        // The ended cycles the log covers, oldest first (judging needs each one's rulebook,
        // so the walk stops where the data does). One that ended unmet with its lapse window
        // closed is when the credential was revoked — unless a later cycle was met, which
        // shows it was reinstated.
        let mut chain = vec![last];
        let mut c = last;
        while !c.first {
            let p = cycles.previous(c).map_err(problem)?;
            if !life.covered(body, p) || cycles.book(p).is_err() {
                // A cycle left unjudged cannot say it needed its renewal-month CEUs: they
                // count toward the oldest cycle judged.
                if let Ok(book) = cycles.book_or_oldest(p) {
                    carried = life.renewal_month(p, book);
                }
                break;
            }
            chain.push(p);
            c = p;
        }
        let mut judged = Vec::with_capacity(chain.len());
        for e in chain.into_iter().rev() {
            let book = cycles.book_or_oldest(e).map_err(problem)?;
            let (status, moved) = life.ended(e, book, &carried);
            carried = moved;
            let window_end = dates::add_days(e.end, u64::from(book.lapse.days.get()));
            judged.push((status, window_end));
        }
        let met_after = judged
            .iter()
            .rposition(|(s, _)| s.state == CycleState::Complete)
            .map_or(0, |i| i + 1);
        let revoked = judged
            .iter()
            .skip(met_after)
            .position(|(s, _)| matches!(s.state, CycleState::Revoked { .. }));
        let last = judged.len() - 1;
        let (status, window_end) = judged.swap_remove(revoked.map_or(last, |i| met_after + i));
        if revoked.is_some() {
            carried.clear();
        }
        // An ended cycle matters while its lapse window is open, and after it when the log
        // shows it unmet (revoked), or holds CEUs of it but cannot tell whether it was met
        // (it may have been missed). A complete one, or one from before the log began, is
        // left out.
        let partly_logged =
            matches!(status.state, CycleState::NotInLog { .. }) && status.earned > 0.0;
        if as_of <= window_end
            || partly_logged
            || matches!(status.state, CycleState::Revoked { .. })
        {
            ended = Some(status);
        }
    }
    let shown_from = ended
        .as_ref()
        .map_or(current.start, |e: &super::CycleStatus| e.cycle.start);
    let mut current = life.current(current, current_book, &carried);
    if ended
        .as_ref()
        .is_some_and(|e| matches!(e.state, CycleState::Revoked { .. }))
    {
        current.state = CycleState::OnHold;
    }
    let member = person.profile.memberships.contains(&body);
    let fees = fees::due(
        current_book,
        person.profile.membership_renewal(body),
        member,
        ended.as_ref(),
        &current,
        as_of,
    );
    let membership_due = fees
        .iter()
        .find(|f| f.kind == crate::data::model::RuleFeeKind::MembershipRenewal)
        .map(|f| f.due);
    // Entries of older cycles than those shown, but for renewal-month entries carried into a
    // cycle shown (they count there).
    let mut shown: Vec<usize> = ended
        .iter()
        .chain([&current])
        .flat_map(|c| c.counted.iter().copied())
        .collect();
    shown.sort_unstable();
    let mut older_cycles: Vec<usize> = log
        .entries
        .iter()
        .filter(|e| e.date >= first_cert && e.date < shown_from)
        .map(|e| e.line)
        .collect();
    // In file order already (one pass to sort), then both lists are walked once together.
    older_cycles.sort_unstable();
    let mut shown = shown.into_iter().peekable();
    older_cycles.retain(|l| {
        while shown.next_if(|s| s < l).is_some() {}
        shown.peek() != Some(l)
    });
    Ok(BodyStatus {
        body,
        credentials: held.iter().map(|h| h.credential).collect(),
        apprentice: person
            .held_with(body)
            .filter(|h| h.apprentice && h.earned <= as_of)
            .map(|h| h.credential)
            .collect(),
        ended,
        current,
        fees,
        before_certification: log
            .entries
            .iter()
            .filter(|e| e.date < first_cert && !current_book.before_certification)
            .map(|e| Rejected {
                line: e.line,
                title: e.title.clone(),
                reason: RejectReason::BeforeCertification {
                    certified: first_cert,
                },
            })
            .collect(),
        after_as_of: log
            .entries
            .iter()
            .filter(|e| e.date > as_of)
            .map(|e| e.line)
            .chain(
                log.checkpoints
                    .iter()
                    .filter(|c| c.date > as_of)
                    .map(|c| c.line),
            )
            .collect(),
        older_cycles,
        membership_due,
        previous: before,
        placed_before_rulebooks: catalog
            .oldest_rulebook(body)
            .filter(|d| first_cert < *d && over.is_none_or(|o| o.start.is_none())),
        stale_renewal: stale_renewal(current_book, person.profile.membership_renewal(body), as_of),
        override_off_renewal: over.and_then(|o| o.end).filter(|end| {
            current_book.cycle.anchor == Anchor::MembershipRenewal
                && person
                    .profile
                    .membership_renewal(body)
                    .is_some_and(|r| (r.month(), r.day()) != (end.month(), end.day()))
        }),
        unlogged: if person.profile.ceu_log.is_none() {
            Some(Unlogged::NoLog)
        } else if log.entries.iter().all(|e| e.date > as_of)
            && !log
                .checkpoints
                .iter()
                .any(|c| c.body == body && c.date <= as_of)
        {
            Some(Unlogged::NothingForBody)
        } else {
            None
        },
    })
}

/// The membership `renewal` date when it lies more than a renewal period and the lapse
/// window before `as_of`: a member's portal always shows the next renewal.
fn stale_renewal(
    book: &Rulebook,
    renewal: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Option<StaleRenewal> {
    let renewal = renewal?;
    let every = crate::rules::fees::renewal_months(book)?;
    let lapse = u64::from(book.lapse.days.get());
    let revoked_if_unpaid = dates::add_days(renewal, lapse + 1);
    (dates::add_days(dates::add_months(renewal, every), lapse) < as_of).then_some(StaleRenewal {
        renewal,
        revoked_if_unpaid,
    })
}

/// What stays the same across one body's cycles.
struct Life<'a, 'c> {
    catalog: &'c Catalog,
    held: &'a [Holding<'c>],
    log: &'a Log,
    as_of: NaiveDate,
    /// The portal's total for the overridden cycle.
    portal: Option<f64>,
    log_since: Option<NaiveDate>,
    /// The first certification with the body: log items before it say nothing about its
    /// cycles after the first.
    certified: NaiveDate,
}

impl<'a, 'c> Life<'a, 'c> {
    /// The ended cycle `e` (with the renewal-month entries `carried` from the one before),
    /// and the renewal-month entries it does not need (they count toward the next cycle).
    fn ended(
        &self,
        e: Cycle,
        book: &'c Rulebook,
        carried: &[&'a Entry],
    ) -> (CycleStatus<'c>, Vec<&'a Entry>) {
        let (mut counted, rejected) = judge::select(self.log, book, e.start, e.end);
        let from_rm = round2(carried.iter().map(|x| x.ceus).sum());
        counted.splice(0..0, carried.iter().copied());
        let req = required(self.catalog, book, self.held, e);
        let total = self.total(e, req.total);
        let evidence = self.evidence(book.body, e, &counted);
        let floor = evidence.map(|x| x.portal + later_than(&counted, x.date));
        // Renewal-month entries count toward whichever submission needs them: the cycle
        // keeps the fewest it needs (oldest first) and the rest count toward the next one;
        // a cycle the log cannot speak for gives them all to the next. Entries are in date
        // order.
        let first_rm = if book.cycle.renewal_month_counts_either {
            let month = dates::month_start(e.end);
            counted.partition_point(|x| x.date < month)
        } else {
            counted.len()
        };
        let completes = |n: usize| judge::tally(&req, total, &counted[..n], floor, false).complete;
        let keep = if first_rm == counted.len() {
            counted.len()
        } else if completes(counted.len()) {
            // The fewest renewal-month entries that complete the cycle; usually none are
            // needed, which one tally tells.
            let (mut lo, mut hi) = (first_rm, counted.len());
            if completes(lo) {
                hi = lo;
            }
            while lo < hi {
                let mid = (lo + hi) / 2;
                if completes(mid) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            lo
        } else if self.covered(book.body, e) {
            counted.len()
        } else {
            first_rm
        };
        let tally = judge::tally(&req, total, &counted[..keep], floor, true);
        let moved: Vec<&Entry> = counted[keep..].to_vec();
        let to_next = round2(moved.iter().map(|x| x.ceus).sum());
        let state = if tally.complete {
            CycleState::Complete
        } else if !self.covered(book.body, e) {
            CycleState::NotInLog {
                log_since: self.log_since.filter(|d| *d > e.start),
            }
        } else {
            let until = dates::add_days(e.end, u64::from(book.lapse.days.get()));
            if self.as_of <= until {
                let days_left = dates::days_between(self.as_of, until);
                CycleState::Lapsed {
                    lapse: book.lapse.state,
                    due: e.end,
                    until,
                    days_left,
                    per_month: pace(tally.remaining, days_left),
                }
            } else {
                CycleState::Revoked {
                    since: dates::add_days(until, 1),
                    reinstate_until: book
                        .lapse
                        .reinstate_within_months
                        .map(|m| dates::add_months(until, m.get())),
                    appeal_until: book
                        .lapse
                        .appeal_days
                        .map(|d| dates::add_days(until, u64::from(d.get()))),
                }
            }
        };
        let status = self.status(
            e, req, total, tally, rejected, evidence, state, from_rm, to_next,
        );
        (status, moved)
    }

    /// The entries of cycle `c`'s renewal month that count under `book` (none when the
    /// rulebook does not let them count for either submission).
    fn renewal_month(&self, c: Cycle, book: &Rulebook) -> Vec<&'a Entry> {
        if !book.cycle.renewal_month_counts_either {
            return Vec::new();
        }
        let month = dates::month_start(c.end);
        let (counted, _) = judge::select(self.log, book, month, c.end);
        counted
    }

    /// The running cycle `c`, with renewal-month entries carried from the ended one.
    fn current(&self, c: Cycle, book: &'c Rulebook, carried: &[&'a Entry]) -> CycleStatus<'c> {
        let upto = c.end.min(self.as_of);
        let (mut counted, rejected) = judge::select(self.log, book, c.start, upto);
        let from_rm = round2(carried.iter().map(|x| x.ceus).sum());
        counted.splice(0..0, carried.iter().copied());
        let req = required(self.catalog, book, self.held, c);
        let total = self.total(c, req.total);
        let evidence = self.evidence(book.body, c, &counted);
        let floor = evidence.map(|x| x.portal + later_than(&counted, x.date));
        let tally = judge::tally(&req, total, &counted, floor, true);
        let days_left = dates::days_between(self.as_of, c.end);
        let state = if tally.complete {
            CycleState::Complete
        } else {
            let span = dates::days_between(c.start, c.end).max(1) as f64;
            let gone = (dates::days_between(c.start, self.as_of).max(0) as f64 / span).min(1.0);
            // Behind only when short of an even pace by more than the slack the assumptions
            // allow, which shrinks to the time left: at the deadline nothing may be missing.
            let slack = (self.catalog.assumptions().pace_slack_months.value.get()
                * dates::DAYS_PER_MONTH
                / span)
                .min(1.0 - gone);
            let per_month = pace(tally.remaining, days_left);
            if tally.earned + 1e-9 >= total * (gone - slack) {
                CycleState::OnTrack {
                    days_left,
                    per_month,
                }
            } else {
                CycleState::Behind {
                    days_left,
                    per_month,
                }
            }
        };
        self.status(
            c, req, total, tally, rejected, evidence, state, from_rm, 0.0,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn status(
        &self,
        cycle: Cycle,
        requirement: crate::rules::Required<'c>,
        total: f64,
        t: Tally<'c>,
        rejected: Vec<Rejected>,
        evidence: Option<Evidence>,
        state: CycleState,
        from_renewal_month: f64,
        to_next_cycle: f64,
    ) -> CycleStatus<'c> {
        let requirement_body = requirement.rulebook.body;
        CycleStatus {
            cycle,
            portal_required: self.portal.filter(|_| cycle.overridden),
            requirement,
            required: total,
            earned: t.earned,
            remaining: t.remaining,
            state,
            requirements: t.requirements,
            allocations: t.allocations,
            rejected,
            evidence,
            checkpoints: self.checkpoints(requirement_body, cycle),
            capped_other: t.capped_other,
            unmarked_domain: t.unmarked_domain,
            counted: t.counted,
            from_renewal_month,
            to_next_cycle,
        }
    }

    /// The total a cycle needs: the portal's figure for the overridden cycle, else computed.
    fn total(&self, c: Cycle, computed: f64) -> f64 {
        match self.portal {
            Some(p) if c.overridden => p,
            _ => computed,
        }
    }

    /// The latest checkpoint of `body` inside the cycle (up to `as_of`) that shows more than
    /// the log had counted by its date.
    fn evidence(&self, body: Body, c: Cycle, counted: &[&Entry]) -> Option<Evidence> {
        let cp = self
            .log
            .checkpoints
            .iter()
            .filter(|x| x.body == body && x.date >= c.start && x.date <= c.end.min(self.as_of))
            .max_by_key(|x| (x.date, x.line))?;
        let log = round2(
            counted
                .iter()
                .filter(|e| e.date <= cp.date)
                .map(|e| e.ceus)
                .sum(),
        );
        (cp.earned > log + 1e-9).then_some(Evidence {
            line: cp.line,
            date: cp.date,
            portal: cp.earned,
            log,
        })
    }

    /// Every checkpoint of `body` inside `c` (up to `as_of`), with what the log counts for the
    /// cycle by its date.
    fn checkpoints(&self, body: Body, c: Cycle) -> Vec<Evidence> {
        let book = self.catalog.rulebook_judging(body, c.start, c.end);
        let Some(book) = book else { return Vec::new() };
        let upto = c.end.min(self.as_of);
        let mut points = self
            .log
            .checkpoints
            .iter()
            .filter(|x| x.body == body && x.date >= c.start && x.date <= upto)
            .peekable();
        if points.peek().is_none() {
            return Vec::new();
        }
        // Counted entries are in date order: running sums answer each checkpoint in log time.
        let (counted, _) = judge::select(self.log, book, c.start, upto);
        let mut acc = 0.0;
        let sums: Vec<f64> = counted
            .iter()
            .map(|e| {
                acc += e.ceus;
                acc
            })
            .collect();
        points
            .map(|x| {
                let n = counted.partition_point(|e| e.date <= x.date);
                Evidence {
                    line: x.line,
                    date: x.date,
                    portal: x.earned,
                    log: round2(if n == 0 { 0.0 } else { sums[n - 1] }),
                }
            })
            .collect()
    }

    /// Whether the log can speak for cycle `e`: a checkpoint inside it, or the log shown to
    /// reach back to its start ([`reaches_back`]).
    fn covered(&self, body: Body, e: Cycle) -> bool {
        let checkpoint = self
            .log
            .checkpoints
            .iter()
            .any(|x| x.body == body && x.date >= e.start && x.date <= e.end);
        checkpoint || reaches_back(self.log, self.log_since, self.certified, e)
    }
}

/// Whether the log is shown to reach back to the start of cycle `e`, checkpoints inside it
/// aside. A declared start of complete logging (`log_since`) decides: on or before the
/// cycle's start it does, after it it does not (older items are then a partial record).
/// Without one, log items show that logging had begun by then: one dated between the first
/// certification (`certified`) and its start; or, for a cycle starting less than a full cycle
/// after certification, one dated before certification together with one inside the cycle
/// (a lone course from before certification, kept as history, shows no log being kept).
pub(super) fn reaches_back(
    log: &Log,
    log_since: Option<NaiveDate>,
    certified: NaiveDate,
    e: Cycle,
) -> bool {
    if let Some(since) = log_since {
        return since <= e.start;
    }
    let dates = || {
        let entries = log.entries.iter().map(|x| x.date);
        entries.chain(log.checkpoints.iter().map(|x| x.date))
    };
    let since_certified = dates().any(|d| d >= certified && d < e.start);
    let early = e.first || e.start - certified < e.end - e.start;
    let kept_through =
        early && dates().any(|d| d < certified) && dates().any(|d| d >= e.start && d <= e.end);
    since_certified || kept_through
}

/// CEUs of entries dated after `date`.
fn later_than(counted: &[&Entry], date: NaiveDate) -> f64 {
    counted
        .iter()
        .filter(|e| e.date > date)
        .map(|e| e.ceus)
        .sum()
}

/// CEUs a month needed to finish `remaining` in `days`, rounded up to a tenth.
fn pace(remaining: f64, days: i64) -> f64 {
    if remaining <= 0.0 {
        return 0.0;
    }
    let months = days.max(1) as f64 / dates::DAYS_PER_MONTH;
    (remaining / months * 10.0).ceil() / 10.0
}

/// The cycles of `body` for `person`, first certified with it on `first`: placed from the
/// profile's membership renewal date and its portal cycle override for the body.
pub(super) fn cycles_for<'c>(
    person: &Person,
    catalog: &'c Catalog,
    body: Body,
    first: NaiveDate,
) -> Cycles<'c> {
    let over = override_of(person, body);
    Cycles::new(
        catalog,
        CycleAnchor {
            body,
            first_certified: first,
            renewal: person.profile.membership_renewal(body),
            override_start: over.and_then(|o| o.start),
            override_end: over.and_then(|o| o.end),
        },
    )
}

/// The profile's portal cycle override for `body`, if any.
fn override_of<'p>(person: &'p Person, body: Body) -> Option<&'p CycleOverride> {
    person
        .profile
        .cycle_overrides
        .iter()
        .find(|o| o.body == body)
}
