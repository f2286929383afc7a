//! What would put a plan right: the study hours or the other delivery that would meet a
//! missed target date, and a cheaper programme or target that would fit a budget the plan is
//! over. Each is found by planning again with that one change, in a trial (nothing of it
//! stays in the plan), so the warning names only what the planner itself would do.
//!
//! The preferences tried are those that can move the exam date: the study hours (a pace)
//! and the deliveries accepted (a filter on programmes). The budget is not: a programme or
//! route that meets the date always ranks before the budget is looked at.

use chrono::NaiveDate;

use super::standing::Standing;
use super::{
    BudgetFit, CheaperProgramme, CheaperTarget, Cost, CostItem, DeliveryRemedy, Planner, Prefs,
    ProgrammeChoice, Target, Warning, assemble, costs, routes,
};
use crate::data::catalog::{Credential, Programme};
use crate::data::model::Delivery;
use crate::data::units::WeeklyHours;
use crate::dates;

/// The `misses_target_date` warning for a target exam on `ready`, after `by`, with what would
/// meet the date: more study hours, another delivery (with more hours if need be), or a
/// programme ranked below the chosen one.
pub(super) fn misses_target_date<'c>(
    p: &mut Planner<'_, 'c>,
    target: &Target<'c>,
    now: &Standing<'c>,
    alternatives: &[ProgrammeChoice<'c>],
    ready: NaiveDate,
    by: NaiveDate,
) {
    let hours_now = p.hours_per_week();
    let (mut hours_needed, mut delivery) = (None, None);
    if !p.exploring {
        let c = target.credential;
        let wanted = p.prefs.delivery.clone();
        hours_needed = least_hours(p, c, now, &wanted, hours_now, by).map(|(h, ..)| h);
        if !wanted.is_empty() {
            for d in [Delivery::Online, Delivery::OnCampus] {
                if wanted.contains(&d) {
                    continue;
                }
                let other = [d];
                let at_hours_now = exam_with(p, c, now, &other, None).filter(|(e, _)| *e <= by);
                let found = match at_hours_now {
                    Some((exam_date, programme)) => Some(DeliveryRemedy {
                        delivery: d,
                        hours_needed: None,
                        programme,
                        exam_date,
                    }),
                    None => least_hours(p, c, now, &other, hours_now, by).map(
                        |(h, exam_date, programme)| DeliveryRemedy {
                            delivery: d,
                            hours_needed: Some(h),
                            programme,
                            exam_date,
                        },
                    ),
                };
                if found.is_some() {
                    delivery = found;
                    break;
                }
            }
        }
    }
    p.warn(Warning::MissesTargetDate {
        ready,
        by,
        // Whole weeks, rounded up as the words say them.
        weeks_late: (dates::days_between(by, ready) + 6) / 7,
        hours_needed,
        hours_now,
        alternative: alternatives
            .iter()
            .find(|a| a.meets_target_date == Some(true))
            .map(|a| a.programme),
        delivery,
    });
}

/// Runs `f` as a trial from where a plan starts: without the stages and memberships the plan
/// has already added, so that it costs and dates what `plan` with that one change would (a
/// body joined for the plan's own exam is still to be joined for another's).
fn afresh<'c, T>(p: &mut Planner<'_, 'c>, f: impl FnOnce(&mut Planner<'_, 'c>) -> T) -> T {
    let milestones = std::mem::take(&mut p.milestones);
    let joined = std::mem::take(&mut p.joined);
    let (out, _) = p.trial(f);
    p.milestones = milestones;
    p.joined = joined;
    out
}

/// The target exam's date, and the programme taken, when `c` is planned from `now` with
/// only the deliveries `delivery` accepted and `hours` of study a week (none: the plan's);
/// none when no feasible route is found.
fn exam_with<'c>(
    p: &mut Planner<'_, 'c>,
    c: &'c Credential,
    now: &Standing<'c>,
    delivery: &[Delivery],
    hours: Option<f64>,
) -> Option<(NaiveDate, Option<&'c Programme>)> {
    let prefs = Prefs {
        delivery: delivery.to_vec(),
        hours_per_week: hours.or(p.prefs.hours_per_week),
        ..p.prefs.clone()
    };
    let saved = std::mem::replace(&mut p.prefs, prefs);
    let found = afresh(p, |p| {
        routes::reach(p, c, now, 0)
            .filter(|(best, ..)| best.feasible)
            .map(|(best, ..)| (best.exam_date, best.programme.map(|x| x.programme)))
    });
    p.prefs = saved;
    found
}

/// The fewest whole study hours a week, above `from` and at most a profile's 80, at which
/// the target exam meets `by` with the deliveries `delivery`; with that exam's date and
/// programme. More hours never make a programme longer, so the search halves the range.
fn least_hours<'c>(
    p: &mut Planner<'_, 'c>,
    c: &'c Credential,
    now: &Standing<'c>,
    delivery: &[Delivery],
    from: f64,
    by: NaiveDate,
) -> Option<(f64, NaiveDate, Option<&'c Programme>)> {
    let max = WeeklyHours::MAX as u32;
    let mut lo = from.floor() as u32 + 1;
    if lo > max {
        return None;
    }
    let meets = |p: &mut Planner<'_, 'c>, h: u32| {
        exam_with(p, c, now, delivery, Some(f64::from(h))).filter(|(e, _)| *e <= by)
    };
    let mut best = (max, meets(p, max)?);
    let mut hi = max;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match meets(p, mid) {
            Some(found) => {
                best = (mid, found);
                hi = mid;
            }
            None => lo = mid + 1,
        }
    }
    let (h, (exam_date, programme)) = best;
    Some((f64::from(h), exam_date, programme))
}

/// `w` with what would fit the budget when it says the known costs are over it: a
/// programme ranked below the chosen one, as complete a preparation and priced, whose known
/// costs fit (it lost on the target date or the time it takes; the surest fit first), and
/// another credential the target's setting takes whose own plan, as `--target` would make
/// it, has known costs that fit (one whose programme is priced, then the best fit, then the
/// cheapest).
pub(super) fn within_budget<'c>(
    p: &mut Planner<'_, 'c>,
    w: Warning<'c>,
    target: &Target<'c>,
    now: &Standing<'c>,
    alternatives: &[ProgrammeChoice<'c>],
) -> Warning<'c> {
    let Warning::OverBudget {
        known_usd,
        budget_usd,
        unknown,
        ..
    } = w
    else {
        return w;
    };
    if p.exploring {
        return w;
    }
    let exam = target.first_step.unwrap_or(target.credential);
    // Priced in the data (its own cost is not the one left out), the surest fit first.
    let programme = alternatives
        .iter()
        .filter(|a| a.budget > BudgetFit::Over && a.budget != BudgetFit::NoBudget)
        .filter(|a| a.cost_usd.is_some())
        .filter(|a| {
            a.covers.len() == a.needed
                || a.programme
                    .prepares_for
                    .iter()
                    .any(|x| p.catalog.get(*x) == exam)
        })
        .max_by_key(|a| (a.budget, std::cmp::Reverse(a.rank)))
        .map(|a| CheaperProgramme {
            programme: a.programme,
            budget: a.budget,
            exam_date: a.exam_date,
            meets_target_date: a.meets_target_date,
        });
    let mut cheaper: Option<CheaperTarget> = None;
    // A credential held already is where the person is, not a cheaper way there.
    let held = |c: &Credential| p.person.credentials.iter().any(|h| h.credential == c);
    let others: Vec<&Credential> = target
        .alternatives
        .iter()
        .copied()
        .filter(|c| !held(c))
        .collect();
    for alt in others {
        // A route's own costs are part of its plan's: over the budget, so is the plan.
        let pruned = afresh(p, |p| {
            routes::reach(p, alt, now, 0)
                .is_none_or(|(b, ..)| !b.feasible || b.option.known_cost_usd > budget_usd)
        });
        if pruned {
            continue;
        }
        let t = Target {
            credential: alt,
            first_step: None,
            alternatives: Vec::new(),
            ..target.clone()
        };
        let plan = afresh(p, |p| {
            p.exploring = true;
            let plan = assemble::plan(p, t, now);
            p.exploring = false;
            plan
        });
        let (known, missing, job_ready) =
            (plan.costs.known_usd, plan.costs.unknown, plan.job_ready);
        let unpriced_programme = plan.costs.lines.iter().find_map(|l| match l.item {
            CostItem::Programme { programme, .. } if l.cost == Cost::Unknown => Some(programme),
            _ => None,
        });
        let Some(fit) = fit(plan, budget_usd) else {
            continue;
        };
        let candidate = CheaperTarget {
            credential: alt,
            known_usd: known,
            unknown: missing,
            budget: fit,
            job_ready,
            unpriced_programme,
        };
        // Priced (its programme's cost is known), the best fit, then the cheapest.
        let key = |c: &CheaperTarget| {
            (
                c.unpriced_programme.is_some(),
                std::cmp::Reverse(c.budget),
                (c.known_usd * 100.0).round() as i64,
            )
        };
        let better = cheaper.as_ref().is_none_or(|b| key(&candidate) < key(b));
        if better {
            cheaper = Some(candidate);
        }
    }
    Warning::OverBudget {
        known_usd,
        budget_usd,
        unknown,
        programme,
        cheaper_target: cheaper,
    }
}

/// How `plan`'s known costs compare with `budget`, when they fit it at all (as the plan's
/// own budget warning would say).
fn fit(plan: super::Plan, budget: f64) -> Option<BudgetFit> {
    match costs::summarise(plan.costs.lines, Some(budget)).1 {
        None => Some(BudgetFit::Fits),
        Some(Warning::RangeOverBudget { .. }) => Some(BudgetFit::MayFit),
        Some(Warning::BudgetUnknown { .. }) => Some(BudgetFit::Unknown),
        _ => None,
    }
}
