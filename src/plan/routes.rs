//! Route search: every way to a credential's exam the data gives — each required route,
//! combined with each recommended one where the credential's `aim` says so — tried out from
//! the person's standing; the best is kept with the runner-up.
//!
//! The rule, in order:
//! 1. routes that can be planned;
//! 2. those whose exam meets the target date (a date the person set outranks the rest);
//! 3. those that prepare the person for the exam (every topic it tests taught, or review)
//!    before one that sends them to sit it unprepared: an unprepared route is taken only when
//!    it meets the target date and no prepared one does. Being prepared is worth more than
//!    staying within the budget, so a prepared route over the budget beats an unprepared one
//!    within it, and the plan warns how much it is over (`over_budget`);
//! 4. when the target date is missed, the least late;
//! 5. the body's recommended routes before the bare requirement;
//! 6. budget fit: known costs within the budget, then may fit at the low end, then unknown,
//!    then over;
//! 7. within a fit: over the budget, the cheapest; of unknown fit, the fewer unknown costs;
//!    then the earliest exam, the fewer unknown costs and the lower known cost.
//!
//! The rule named is the first of these that tells the chosen route from the runner-up.

use std::cmp::Reverse;

use chrono::NaiveDate;

use super::education::{self, Need};
use super::standing::{Standing, Unmet};
use super::{
    Assumed, BudgetFit, Condition, Cost, CostItem, CostLine, Delta, Milestone, Planner,
    ProgrammeChoice, Review, RouteOption, RouteRule, Stage, Warning, exam,
};
use crate::data::catalog::{Competency, Credential, Route};
use crate::data::model::{Aim, CompetencyKind, Education, ExperienceKind};
use crate::dates;
use crate::rules::requirement::round2;

/// One way to a credential's exam, tried out.
pub(super) struct Reach<'c> {
    pub option: RouteOption<'c>,
    /// Every condition can be planned.
    pub feasible: bool,
    pub exam_start: NaiveDate,
    pub exam_date: NaiveDate,
    /// The standing after the exam, credential in hand.
    pub standing: Standing<'c>,
    pub lines: Vec<CostLine<'c>>,
    pub programme: Option<ProgrammeChoice<'c>>,
    pub alternatives: Vec<ProgrammeChoice<'c>>,
    /// When the first credential on the way is earned (the target's own exam if none).
    pub first_credential: NaiveDate,
    /// When coding work starts, if the route needed a job.
    pub job_start: Option<NaiveDate>,
    pub delta: Delta<'c>,
}

/// The best way to `c`'s exam from `s`, the runner-up, and the rule that chose; `None` when
/// `depth` allows no further first step.
pub(super) fn reach<'c>(
    p: &mut Planner<'_, 'c>,
    c: &'c Credential,
    s: &Standing<'c>,
    depth: u8,
) -> Option<(Reach<'c>, Option<Reach<'c>>, RouteRule)> {
    if depth > 1 {
        return None;
    }
    let mut tried: Vec<Reach> = candidates(c)
        .into_iter()
        .map(|(routes, prep)| {
            let (mut r, delta) = p.trial(|p| attempt(p, c, &routes, prep, s, depth));
            r.delta = delta;
            r
        })
        .collect();
    let count = tried.len();
    let by = p.person.target.as_ref().and_then(|t| t.by);
    let late = |r: &Reach| by.map_or(0, |by| dates::days_between(by, r.exam_date).max(0));
    tried.sort_by_key(|r| {
        let cents = (r.option.known_cost_usd * 100.0) as i64;
        let within = match r.option.budget {
            BudgetFit::Over => cents,
            BudgetFit::Unknown => r.option.unknown_costs as i64,
            _ => 0,
        };
        (
            Reverse(r.feasible),
            late(r) > 0,
            Reverse(r.option.prepared),
            late(r),
            Reverse(r.option.recommended),
            Reverse(r.option.budget),
            within,
            r.exam_date,
            r.option.unknown_costs,
            cents,
        )
    });
    let mut it = tried.into_iter();
    let best = it.next()?;
    let rest: Vec<Reach> = it.filter(|r| r.feasible).collect();
    // When the recommended preparation won over a sooner route, that one is the runner-up
    // (sitting sooner is allowed); otherwise the next in order.
    let soonest = rest
        .iter()
        .enumerate()
        .min_by_key(|(_, r)| r.exam_date)
        .filter(|(_, r)| best.option.recommended && r.exam_date < best.exam_date)
        .map(|(i, _)| i);
    let sooner = soonest.is_some();
    let runner_up = rest.into_iter().nth(soonest.unwrap_or(0));
    let rule = if best.option.unmet_now.is_empty() {
        RouteRule::MetToday
    } else if count == 1 {
        RouteRule::Only
    } else if best.option.recommended && sooner {
        RouteRule::Recommended
    } else {
        deciding(&best, runner_up.as_ref(), late)
    };
    Some((best, runner_up, rule))
}

/// The first key of the order that tells `best` from `runner_up`: the target date, being
/// prepared, then the budget and the date of the exam.
fn deciding(best: &Reach, runner_up: Option<&Reach>, late: impl Fn(&Reach) -> i64) -> RouteRule {
    if let Some(r) = runner_up {
        if late(best) < late(r) {
            return RouteRule::TargetDate;
        }
        if best.option.prepared && !r.option.prepared {
            return RouteRule::Prepared;
        }
    }
    match best.option.budget {
        BudgetFit::Over => RouteRule::Cheapest,
        BudgetFit::NoBudget => RouteRule::Earliest,
        _ => RouteRule::EarliestWithinBudget,
    }
}

/// How a route combination prepares the person for the exam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prep {
    /// With the body's recommended route: its word that the person is prepared.
    Recommended,
    /// The requirement, with the exam's missing topics taught first.
    Taught,
    /// The bare requirement of a credential whose body recommends more: sitting is allowed
    /// unprepared (the exam stage warns).
    Bare,
}

/// The route combinations to try: each required route (or none, when nothing is required),
/// with the exam's topics taught; and when the credential aims at recommended routes, also
/// bare and with each recommended route.
fn candidates(c: &Credential) -> Vec<(Vec<&Route>, Prep)> {
    let Some(el) = &c.eligibility else {
        return vec![(Vec::new(), Prep::Taught)];
    };
    let required: Vec<Option<&Route>> = if el.required.is_empty() {
        vec![None]
    } else {
        el.required.iter().map(Some).collect()
    };
    let mut out = Vec::new();
    for r in &required {
        let bare: Vec<&Route> = r.iter().copied().collect();
        out.push((bare.clone(), Prep::Taught));
        if el.aim == Aim::Recommended {
            out.push((bare.clone(), Prep::Bare));
            for m in &el.recommended {
                let mut with = bare.clone();
                with.push(m);
                out.push((with, Prep::Recommended));
            }
        }
    }
    out
}

/// Plans one route combination from `s0`.
fn attempt<'c>(
    p: &mut Planner<'_, 'c>,
    c: &'c Credential,
    routes: &[&'c Route],
    prep: Prep,
    s0: &Standing<'c>,
    depth: u8,
) -> Reach<'c> {
    let recommended = prep == Prep::Recommended;
    let cat = p.catalog;
    let unmet_now: Vec<Unmet> = routes.iter().flat_map(|r| s0.unmet(cat, r)).collect();
    let mut s = s0.clone();
    let mut t = s0.date;
    let mut feasible = true;
    let mut lines = Vec::new();
    let mut programme: Option<ProgrammeChoice> = None;
    let mut alternatives = Vec::new();
    let mut first_step = None;
    let mut first_credential = None;
    let mut job_start = None;
    let award_edu = routes
        .iter()
        .filter_map(|r| r.education)
        .filter(|e| *e > Education::HighSchool && s.education < *e)
        .max();
    let award_deg = routes
        .iter()
        .filter_map(|r| r.accredited_degree)
        .filter(|d| s.degree.is_none_or(|x| x < *d))
        .max();
    let needs_step = routes.iter().any(|r| {
        !r.credentials_any.is_empty() && !r.credentials_any.iter().any(|x| s.holds(cat.get(*x)))
    });
    // A recommended route met is the body's own word that the person is prepared; having
    // passed the exam before (a revoked credential earned again) and a coding credential
    // held with enough coding work prepare as well, so the exam's topics
    // then call for review, not a programme. Taking the bare requirement of a credential
    // whose body recommends more, the person may sit unprepared (the exam stage warns);
    // otherwise the exam's topics need teaching.
    let review = if recommended {
        Some(Review::Route)
    } else if p.regain == Some(c) {
        Some(Review::PassedBefore)
    } else {
        seasoned(p, s0)
    };
    let teach = review.is_none() && prep == Prep::Taught;
    let topics = |s: &Standing<'c>| missing_topics(p.catalog, c, routes, teach, s);
    if s.education == Education::None
        && (award_edu.is_some()
            || award_deg.is_some()
            || needs_step
            || !topics(&s).is_empty()
            || routes.iter().any(|r| r.education.is_some()))
    {
        let months = p.assume(Assumed::GedMonths);
        let end = dates::add_fractional_months(t, months);
        p.milestones.push(Milestone {
            id: "diploma".into(),
            start: t,
            end,
            cost: Cost::Unknown,
            stage: Stage::Diploma,
        });
        lines.push(CostLine {
            milestone: "diploma".into(),
            item: CostItem::Diploma,
            cost: Cost::Unknown,
        });
        s.education = Education::HighSchool;
        t = end;
        s = s.at(t);
    }
    // An award the route asks for (an accredited degree, a higher education level).
    if award_edu.is_some() || award_deg.is_some() {
        let need = Need {
            topics: topics(&s),
            education: award_edu,
            degree: award_deg,
            exam: c,
            self_study: false,
            other_known: known(&lines) + exam::known_fees(p, c, t, true),
        };
        match take_programme(p, &need, &s, t, &mut lines) {
            Ok((chosen, rest)) => {
                s = s.at(chosen.end).with_programme(chosen.programme);
                t = chosen.end;
                alternatives = rest;
                programme = Some(chosen);
            }
            Err(filter) => {
                feasible = false;
                p.warn(Warning::NoProgramme {
                    credential: c,
                    filter,
                });
            }
        }
    }
    // A credential taken first (CCA before CCS).
    if needs_step {
        // A first step is a credential the target setting takes, so the person can work in
        // it meanwhile (CCA before CCS, not CCS-P).
        let setting = p.setting;
        let any: Vec<&Credential> = routes
            .iter()
            .flat_map(|r| r.credentials_any.iter().map(|x| cat.get(*x)))
            .filter(|x| *x != c)
            .filter(|x| setting.is_none_or(|st| st.credentials.iter().any(|y| cat.get(*y) == *x)))
            .collect();
        let mut best: Option<(&Credential, Reach)> = None;
        for step in any {
            if let Some((r, _, _)) = reach(p, step, &s, depth + 1)
                && r.feasible
                && best.as_ref().is_none_or(|(_, b)| r.exam_date < b.exam_date)
            {
                best = Some((step, r));
            }
        }
        match best {
            Some((step, r)) => {
                p.commit(r.delta);
                lines.extend(r.lines);
                s = r.standing;
                t = r.exam_date;
                first_step = Some(step);
                first_credential = Some(r.first_credential);
                job_start = r.job_start;
                if programme.is_none() {
                    programme = r.programme;
                    alternatives = r.alternatives;
                }
            }
            None => feasible = false,
        }
    }
    // Topics the route's coursework or the exam asks for that nothing so far taught.
    let left = topics(&s);
    if !left.is_empty() {
        let coursework_left = routes
            .iter()
            .any(|r| r.coursework.iter().any(|x| !s.competencies.contains(x)));
        let need = Need {
            topics: left,
            education: None,
            degree: None,
            exam: c,
            self_study: !coursework_left,
            other_known: known(&lines) + exam::known_fees(p, c, t, true),
        };
        match take_programme(p, &need, &s, t, &mut lines) {
            Ok((chosen, rest)) => {
                s = s.at(chosen.end).with_programme(chosen.programme);
                t = chosen.end;
                if programme.is_none() {
                    alternatives = rest;
                    programme = Some(chosen);
                }
            }
            Err(filter) => {
                // Coursework a route asks for cannot be self-studied; exam topics can.
                feasible &= !coursework_left;
                p.warn(Warning::NoProgramme {
                    credential: c,
                    filter,
                });
            }
        }
    }
    // Coding work the route asks for: it accrues while working; a job needs a credential.
    for r in routes {
        let Some(months) = r.experience_months.map(|m| m.get()) else {
            continue;
        };
        if s.at(t).whole_months() >= months {
            continue;
        }
        if r.experience == ExperienceKind::PrivacySecurity {
            feasible = false;
            continue;
        }
        if s.working_since.is_none() {
            if s.credentials.is_empty() {
                feasible = false;
                continue;
            }
            let search = p.assume(Assumed::JobSearchMonths);
            let start = dates::add_fractional_months(t, search);
            job_start = Some(start);
            s.working_since = Some(start);
            super::assemble::job_stage(p, s.credentials.last().copied().unwrap_or(c), t, start);
        }
        let from = t.max(s.working_since.unwrap_or(t));
        let met = s.at(from).reaches(f64::from(months), from);
        p.milestones.push(Milestone {
            id: format!("work:{}", c.id),
            start: from,
            end: met,
            cost: Cost::None,
            stage: Stage::Work { months, toward: c },
        });
        t = t.max(met);
    }
    let exam_start = t;
    let exam_date = p.exam_date(t);
    let at_exam = s.at(exam_date);
    let student = programme.is_some();
    let (milestone, fee_lines) = exam::sit(
        p,
        c,
        &at_exam,
        (exam_start, exam_date),
        exam::Sitting {
            first_step: depth > 0,
            student,
            review,
        },
    );
    let prepared = match &milestone.stage {
        Stage::Exam(e) => e.self_study.is_empty() || e.review_only,
        _ => true,
    };
    p.milestones.push(milestone);
    lines.extend(fee_lines);
    let known_cost = known(&lines);
    let unknown_costs = lines.iter().filter(|l| l.cost == Cost::Unknown).count();
    let budget = match p.budget() {
        None => BudgetFit::NoBudget,
        Some(b) if known_cost > b + 1e-9 => BudgetFit::Over,
        Some(_) if unknown_costs > 0 => BudgetFit::Unknown,
        Some(_)
            if programme
                .as_ref()
                .is_some_and(|x| x.budget == BudgetFit::MayFit) =>
        {
            BudgetFit::MayFit
        }
        Some(_) => BudgetFit::Fits,
    };
    Reach {
        option: RouteOption {
            asks: conditions(cat, c, routes),
            unmet_now,
            recommended,
            prepared,
            exam_date,
            known_cost_usd: known_cost,
            unknown_costs,
            budget,
            first_step,
            programme: programme.as_ref().map(|x| x.programme),
        },
        feasible,
        exam_start,
        exam_date,
        standing: at_exam.with_credential(c),
        lines,
        programme,
        alternatives,
        first_credential: first_credential.unwrap_or(exam_date),
        job_start,
        delta: Default::default(),
    }
}

/// The review a held coding credential gives: its holder with the `credential_review_months`
/// of coding work reviews another exam's missing topics during preparation.
fn seasoned<'c>(p: &mut Planner<'_, 'c>, s: &Standing<'c>) -> Option<Review<'c>> {
    let credential = *s.credentials.first()?;
    let months = p.assume(Assumed::CredentialReviewMonths);
    (s.experience_months + 1e-9 >= months).then(|| Review::Experience {
        credential,
        months: s.whole_months(),
    })
}

/// Schedules the best programme for `need` (with its cost line and caveats) and returns it
/// with the runners-up.
fn take_programme<'c>(
    p: &mut Planner<'_, 'c>,
    need: &Need<'c>,
    s: &Standing<'c>,
    t: NaiveDate,
    lines: &mut Vec<CostLine<'c>>,
) -> Result<(ProgrammeChoice<'c>, Vec<ProgrammeChoice<'c>>), super::ProgrammeFilter> {
    let mut ranked = education::rank(p, need, s, t)?;
    let chosen = ranked.remove(0);
    ranked.truncate(3);
    education::caveats(p, &chosen, need.exam, s);
    p.cite(&chosen.programme.sources);
    if let Some(a) = education::advanced_standing(chosen.programme, s) {
        p.cite(&a.sources);
    }
    let cost = chosen.cost_usd.map_or(Cost::Unknown, Cost::Known);
    lines.push(CostLine {
        milestone: "programme".into(),
        item: CostItem::Programme {
            programme: chosen.programme,
            range: chosen.cost_range_usd,
            out_of_state: chosen.out_of_state,
            tuition: chosen.tuition,
        },
        cost,
    });
    p.milestones.push(Milestone {
        id: "programme".into(),
        start: chosen.start,
        end: chosen.end,
        cost,
        stage: Stage::Programme {
            programme: chosen.programme,
            teaches: chosen.covers.clone(),
            already_known: chosen
                .programme
                .competencies
                .iter()
                .filter(|x| s.competencies.contains(x))
                .map(|x| p.catalog.get(*x))
                .filter(|x| x.kind == CompetencyKind::Topic)
                .collect(),
            advanced_standing: chosen.advanced_standing,
        },
    });
    Ok((chosen, ranked))
}

/// Topics of the route's coursework (and of the exam, when `exam`) that `s` lacks.
fn missing_topics<'c>(
    cat: &'c crate::data::Catalog,
    c: &'c Credential,
    routes: &[&'c Route],
    exam: bool,
    s: &Standing<'c>,
) -> Vec<&'c Competency> {
    let mut out: Vec<&Competency> = Vec::new();
    let exam_topics: &[crate::data::Ix<Competency>] = if exam { &c.competencies } else { &[] };
    let wanted = routes
        .iter()
        .flat_map(|r| r.coursework.iter())
        .chain(exam_topics.iter());
    for ix in wanted {
        let comp = cat.get(*ix);
        if comp.kind == CompetencyKind::Topic
            && !s.competencies.contains(ix)
            && !out.contains(&comp)
        {
            out.push(comp);
        }
    }
    out
}

/// Sum of the known cost lines, in dollars and cents (prices such as $19.99 add up to a
/// figure in cents, not $19.990000000000002).
pub(super) fn known(lines: &[CostLine]) -> f64 {
    // round2 also turns the empty sum's -0.0 into 0.0 (no "-0" in the JSON).
    round2(
        lines
            .iter()
            .filter_map(|l| match l.cost {
                Cost::Known(v) => Some(v),
                _ => None,
            })
            .sum::<f64>(),
    )
}

/// What a route combination asks, as conditions.
fn conditions<'c>(
    cat: &'c crate::data::Catalog,
    c: &Credential,
    routes: &[&'c Route],
) -> Vec<Condition<'c>> {
    if c.eligibility.is_none() {
        return vec![Condition::NotInData];
    }
    let mut out = Vec::new();
    for r in routes {
        if let Some(level) = r.education {
            out.push(Condition::Education { level });
        }
        if let Some(level) = r.accredited_degree {
            out.push(Condition::AccreditedDegree { level });
        }
        if let Some(m) = r.experience_months {
            out.push(Condition::Experience { months: m.get() });
        }
        if !r.credentials_any.is_empty() {
            out.push(Condition::Credential {
                any: r.credentials_any.iter().map(|x| cat.get(*x)).collect(),
            });
        }
        if !r.coursework.is_empty() {
            out.push(Condition::Coursework {
                topics: r.coursework.iter().map(|x| cat.get(*x)).collect(),
            });
        }
    }
    if out.is_empty() {
        out.push(Condition::Nothing);
    }
    out
}
