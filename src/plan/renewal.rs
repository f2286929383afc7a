//! Renewals in the plan: for each body, every cycle from today until the first one that
//! ends after the last credential the plan earns with it, each judged with everything held
//! or planned by its end (CPC + CIC is 40 CEUs in one AAPC cycle), so nothing held is left
//! out.

use chrono::NaiveDate;

use super::{Cost, Milestone, Planner, RenewalStage, Stage, Warning};
use crate::data::catalog::Credential;
use crate::data::model::{Body, RuleFeeKind};
use crate::dates;
use crate::person::Problem;
use crate::rules::cycles::CycleProblem;
use crate::rules::fees;
use crate::rules::requirement::{Holding, required, round2};
use crate::rules::{CycleAnchor, Cycles};

/// Renewal stages for credentials held, and those `planned` (with the dates they are
/// earned and, for the first of a body, when its membership starts).
pub(super) fn stages<'c>(
    p: &mut Planner<'_, 'c>,
    planned: &[(&'c Credential, NaiveDate, NaiveDate)],
) {
    for body in Body::ALL {
        let mut holdings: Vec<Holding> = p
            .person
            .held_with(body)
            .map(|h| Holding {
                credential: h.credential,
                earned: h.earned,
            })
            .collect();
        let new: Vec<_> = planned.iter().filter(|(c, ..)| c.body == body).collect();
        // A revoked credential's cycle is on hold until it is reinstated (the restore stage).
        if new.is_empty() && p.restore.iter().any(|r| r.body == body && r.revoked) {
            continue;
        }
        holdings.extend(new.iter().map(|(c, date, _)| Holding {
            credential: c,
            earned: *date,
        }));
        let Some(first) = holdings.iter().map(|h| h.earned).min() else {
            continue;
        };
        let renewal = p
            .person
            .profile
            .membership_renewal(body)
            .or_else(|| new.first().map(|(_, _, joined)| *joined));
        let horizon = new
            .iter()
            .map(|(_, d, _)| *d)
            .max()
            .unwrap_or(p.as_of)
            .max(p.as_of);
        let over = p
            .person
            .profile
            .cycle_overrides
            .iter()
            .find(|o| o.body == body);
        let cycles = Cycles::new(
            p.catalog,
            CycleAnchor {
                body,
                first_certified: first,
                renewal,
                override_start: over.and_then(|o| o.start),
                override_end: over.and_then(|o| o.end),
            },
        );
        if let Err(problem) = place(p, body, &cycles, &holdings, &new, horizon) {
            let problem = match problem {
                CycleProblem::NoRenewalDate => Problem::NoRenewalDate { body },
                CycleProblem::NoRulebook { start } => Problem::NoRulebook {
                    body,
                    start,
                    oldest: p.catalog.oldest_rulebook(body),
                },
            };
            p.warn(Warning::RenewalUnknown { body, problem });
        }
    }
}

/// Pushes one renewal stage per cycle from the one running on `as_of` (or the first
/// planned) through the first ending after `horizon`.
fn place<'c>(
    p: &mut Planner<'_, 'c>,
    body: Body,
    cycles: &Cycles<'c>,
    holdings: &[Holding<'c>],
    new: &[&(&'c Credential, NaiveDate, NaiveDate)],
    horizon: NaiveDate,
) -> Result<(), CycleProblem> {
    let start = holdings
        .iter()
        .map(|h| h.earned)
        .min()
        .unwrap_or(p.as_of)
        .max(p.as_of);
    let (mut c, _) = cycles.around(start)?;
    let member = super::member_of(p.person, body);
    // Each step moves a whole cycle; the horizon is bounded by the plan.
    loop {
        let book = cycles.book(c)?;
        p.cite(&book.sources);
        let req = required(p.catalog, book, holdings, c);
        if !req.credentials.is_empty() {
            let stage_start = c.start.max(p.as_of);
            // A recertification fee once per cycle; else the membership dues, each time they
            // fall due in the stage (counted back from the cycle's end, a renewal date).
            let (fee, fee_times) = match fees::for_credentials(
                book,
                RuleFeeKind::Recertification,
                member,
                req.credentials.len(),
            ) {
                Some(f) => (Some(f), 1),
                None => (
                    fees::for_credentials(book, RuleFeeKind::MembershipRenewal, true, 1),
                    fees::renewal_months(book)
                        .map_or(1, |every| dues_between(stage_start, c.end, every)),
                ),
            };
            let first = c.first && new.iter().any(|(x, ..)| req.credentials.contains(x));
            p.milestones.push(Milestone {
                id: format!("renewal:{}:{}", body.as_str(), c.end),
                start: stage_start,
                end: c.end,
                cost: match &fee {
                    Some(f) => f.usd.map_or(Cost::Unknown, |v| {
                        Cost::Known(round2(v * f64::from(fee_times)))
                    }),
                    None => Cost::None,
                },
                stage: Stage::Renewal(Box::new(RenewalStage {
                    body,
                    credentials: req.credentials.clone(),
                    ceus: req.total,
                    due: c.end,
                    prorations: req.prorations.clone(),
                    minimums: req.minimums.clone(),
                    rulebook: book,
                    fee: fee.as_ref().and_then(|f| f.usd),
                    fee_times,
                    fee_known: fee.as_ref().is_some_and(|f| f.usd.is_some()),
                    first,
                })),
            });
        }
        if c.end >= horizon {
            return Ok(());
        }
        c = cycles.next(c)?;
    }
}

/// How many times a fee due every `every` months, on `end` and before it, falls in
/// `(start, end]` (at least once).
fn dues_between(start: NaiveDate, end: NaiveDate, every: u32) -> u32 {
    let mut n = 0;
    let mut d = end;
    while d > start {
        n += 1;
        d = dates::sub_months(d, every.max(1));
    }
    n.max(1)
}
