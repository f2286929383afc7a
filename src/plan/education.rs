//! Programme choice: filter by what a route or an exam needs and what the person can and
//! will take, schedule each at the person's study hours, then rank (see [`rank`]).

use std::cmp::Reverse;

use chrono::NaiveDate;

use super::standing::Standing;
use super::{
    Assumed, BudgetFit, Length, Planner, ProgrammeChoice, ProgrammeFilter, Residency, Tuition,
    Warning, readiness,
};
use crate::data::catalog::{Competency, Credential, Programme};
use crate::data::model::{AdvancedStanding, CompetencyKind, DegreeLevel, Delivery, Education};
use crate::dates::{self, DAYS_PER_MONTH};

/// What a programme must give.
pub(super) struct Need<'c> {
    /// Topics a route or the exam asks that the person lacks.
    pub topics: Vec<&'c Competency>,
    /// An education level the route asks for.
    pub education: Option<Education>,
    /// A CAHIIM-accredited award the route asks for.
    pub degree: Option<DegreeLevel>,
    /// The exam it leads to (programmes preparing for it rank first among equals).
    pub exam: &'c Credential,
    /// The topics are the exam's alone, which can be self-studied: a course preparing for
    /// the exam is then useful even when it teaches none of them (the rest is self-study).
    pub self_study: bool,
    /// Known costs beside the programme on the way to the exam (those before it and the
    /// exam's own fees), for the budget.
    pub other_known: f64,
}

/// Candidate programmes for `need` starting on `start`, best first; or the filter that
/// left none. Filters: what the need asks, admission, the deliveries the person accepts,
/// and, when the profile gives a state, no programme they could take only on campus in
/// another state. Ranking: a complete preparation first (the programme prepares for the exam
/// or teaches every topic needed: a short course for another exam is no way to be on time);
/// with no state given, programmes open to anyone before one college's campus; then meeting
/// the target date, or when late, the least late (on time beats late, even when the cost is
/// unknown: the plan then says so); then known cost within the budget with the exam's fees
/// (then may fit at the low end, unknown, over); then preparing for the exam, covering more
/// of the topics, being built for the education the person holds (admitted holders of more
/// than a diploma alone), a known length (a type's counts for its examples), fewer months,
/// lower cost, and id.
pub(super) fn rank<'c>(
    p: &mut Planner<'_, 'c>,
    need: &Need<'c>,
    s: &Standing<'c>,
    start: NaiveDate,
) -> Result<Vec<ProgrammeChoice<'c>>, ProgrammeFilter> {
    let all: Vec<&Programme> = p.catalog.all::<Programme>().map(|(_, x)| x).collect();
    let award = need.education.is_some() || need.degree.is_some();
    let useful: Vec<&Programme> = all
        .into_iter()
        .filter(|x| {
            if award {
                need.education
                    .is_none_or(|e| x.grants.is_some_and(|g| g >= e))
                    && need
                        .degree
                        .is_none_or(|d| x.accredited_degree.is_some_and(|a| a >= d))
            } else {
                need.topics.iter().any(|t| teaches(p, x, t))
                    || (need.self_study && prepares(p, x, need.exam))
            }
        })
        .collect();
    if useful.is_empty() {
        return Err(if award {
            ProgrammeFilter::Award
        } else {
            ProgrammeFilter::Teaches
        });
    }
    let admitted: Vec<&Programme> = useful
        .into_iter()
        .filter(|x| x.prerequisites.education.is_none_or(|e| s.education >= e))
        .collect();
    if admitted.is_empty() {
        return Err(ProgrammeFilter::Admission);
    }
    let wanted = p.delivery().to_vec();
    let offered: Vec<&Programme> = admitted
        .into_iter()
        .filter(|x| wanted.is_empty() || x.delivery.iter().any(|d| wanted.contains(d)))
        .collect();
    if offered.is_empty() {
        return Err(ProgrammeFilter::Delivery);
    }
    // Someone who gives their state attends a campus in it: a programme they could take
    // only at a campus in another state is left out.
    let home = p.person.profile.state.clone();
    let near: Vec<&Programme> = offered
        .into_iter()
        .filter(|x| {
            let elsewhere = x
                .location
                .as_ref()
                .is_some_and(|l| home.as_deref().is_some_and(|h| h != l.state));
            !(elsewhere && campus_only(x, &wanted))
        })
        .collect();
    if near.is_empty() {
        return Err(ProgrammeFilter::Campus);
    }
    let missing = still_missing(p, need, s);
    let mut choices: Vec<ProgrammeChoice> = near
        .into_iter()
        .map(|x| schedule(p, x, need, &missing, s, start))
        .collect();
    let by = p.person.target.as_ref().and_then(|t| t.by);
    let nowhere = home.is_none();
    choices.sort_by_key(|c| {
        let taught = need
            .topics
            .iter()
            .filter(|t| teaches(p, c.programme, t))
            .count();
        (
            Reverse(prepares(p, c.programme, need.exam) || taught == need.topics.len()),
            // With no state given, one college's campus may be out of reach: programmes open
            // to anyone (online, or a kind of programme taught everywhere) come first.
            nowhere && c.campus_only,
            by.map_or(0, |by| dates::days_between(by, c.exam_date).max(0)),
            Reverse(c.budget),
            Reverse(prepares(p, c.programme, need.exam)),
            Reverse(taught),
            // A programme built for the education the person holds (a post-baccalaureate
            // certificate for a bachelor's) before one that starts from school.
            Reverse(
                c.programme
                    .prerequisites
                    .education
                    .is_some_and(|e| e > Education::HighSchool),
            ),
            // A known length before one the sources do not give: the assumed length is a
            // planning default, not a reason to win. (A length borrowed from the programme's
            // type is known as the type's own.)
            Reverse(c.length != super::Length::Assumed),
            (c.months * 100.0) as i64,
            c.cost_usd.map_or(i64::MAX, |v| v as i64),
            c.programme.id.clone(),
        )
    });
    for (i, c) in choices.iter_mut().enumerate() {
        c.rank = i + 1;
    }
    Ok(choices)
}

/// The topics still missing at `s`: the target setting's gaps as readiness counts them, then
/// those the route or the exam asks beside them. A programme is said to teach those of them
/// it covers (the choice itself looks at `need.topics` alone).
fn still_missing<'c>(
    p: &Planner<'_, 'c>,
    need: &Need<'c>,
    s: &Standing<'c>,
) -> Vec<&'c Competency> {
    let mut out: Vec<&Competency> = p
        .setting
        .into_iter()
        .flat_map(|st| readiness::gaps(st, |ix| s.competencies.contains(&ix)))
        .map(|ix| p.catalog.get(ix))
        .filter(|c| c.kind == CompetencyKind::Topic)
        .collect();
    for t in &need.topics {
        if !out.contains(t) {
            out.push(t);
        }
    }
    out
}

/// Of the deliveries `wanted` (empty: any), `x` is offered only at its campus.
fn campus_only(x: &Programme, wanted: &[Delivery]) -> bool {
    x.location.is_some()
        && x.delivery
            .iter()
            .filter(|d| wanted.is_empty() || wanted.contains(d))
            .all(|d| *d == Delivery::OnCampus)
}

fn prepares(p: &Planner, x: &Programme, exam: &Credential) -> bool {
    x.prepares_for.iter().any(|c| p.catalog.get(*c) == exam)
}

fn teaches(p: &Planner, x: &Programme, t: &Competency) -> bool {
    x.competencies.iter().any(|c| p.catalog.get(*c) == t)
}

/// Schedules `x` from `start` at the person's hours (at the shorter length an award held
/// earns), priced for their state.
fn schedule<'c>(
    p: &mut Planner<'_, 'c>,
    x: &'c Programme,
    need: &Need<'c>,
    missing: &[&'c Competency],
    s: &Standing<'c>,
    start: NaiveDate,
) -> ProgrammeChoice<'c> {
    let hours = p.hours_per_week();
    let standing = advanced_standing(x, s);
    let (months, length) = length(p, x, standing, hours);
    let end = dates::add_fractional_months(start, months);
    let exam_date = p.exam_date(end);
    let tuition = tuition(x, p.person.profile.state.as_deref());
    let out_of_state = tuition.is_some_and(|t| t.residency != Residency::InState);
    let range = match tuition {
        Some(t) if out_of_state => Some(t.out_of_state_usd),
        _ => x.cost_usd.map(|r| (r.min.get(), r.max.get())),
    };
    let budget = match (p.budget(), range) {
        (None, _) => BudgetFit::NoBudget,
        // The exam's fees alone over the budget: over, whatever the programme costs.
        (Some(b), _) if need.other_known > b + 1e-9 => BudgetFit::Over,
        (Some(_), None) => BudgetFit::Unknown,
        (Some(b), Some((_, max))) if max + need.other_known <= b => BudgetFit::Fits,
        (Some(b), Some((min, _))) if min + need.other_known <= b => BudgetFit::MayFit,
        _ => BudgetFit::Over,
    };
    let by = p
        .person
        .target
        .and_then(|t| t.by)
        .filter(|by| *by >= p.as_of);
    ProgrammeChoice {
        programme: x,
        rank: 0,
        cost_usd: range.map(|r| r.0),
        cost_range_usd: range,
        out_of_state,
        tuition,
        campus_only: campus_only(x, p.delivery()),
        months: (months * 10.0).round() / 10.0,
        length,
        length_of: x
            .type_of
            .filter(|_| x.length_of_type)
            .map(|t| p.catalog.get(t)),
        advanced_standing: standing.map(|a| a.accredited_degree),
        start,
        end,
        exam_date,
        budget,
        meets_target_date: by.map(|by| exam_date <= by),
        covers: missing
            .iter()
            .copied()
            .filter(|t| teaches(p, x, t))
            .collect(),
        needed: missing.len(),
        location: x.location.as_ref(),
        hours_per_week: hours,
    }
}

/// The two prices of a college at `x`'s location that charges its state's residents less,
/// and which one applies to someone living in `home`: with no state given, the
/// out-of-state price (the in-state one is for residents only, so it is no low end).
fn tuition(x: &Programme, home: Option<&str>) -> Option<Tuition> {
    let (l, r, o) = (x.location.as_ref()?, x.cost_usd?, x.out_of_state_cost_usd?);
    let residency = match home {
        Some(h) if h == l.state => Residency::InState,
        Some(_) => Residency::OutOfState,
        None => Residency::Unknown,
    };
    Some(Tuition {
        residency,
        in_state_usd: (r.min.get(), r.max.get()),
        out_of_state_usd: (o.min.get(), o.max.get()),
    })
}

/// The advanced standing the accredited award held in `s` earns in `x` (the shortest, when
/// several do).
pub(super) fn advanced_standing<'c>(
    x: &'c Programme,
    s: &Standing,
) -> Option<&'c AdvancedStanding> {
    x.advanced_standing
        .iter()
        .filter(|a| s.degree.is_some_and(|d| d >= a.accredited_degree))
        .min_by(|a, b| a.months.min.get().total_cmp(&b.months.min.get()))
}

/// Months `x` takes at `hours` a week, and how that was reached. Contact hours scale with
/// the hours a week, never below the stated minimum length nor above the stated maximum; a
/// calendar length (an advanced standing's, when one applies) is its minimum at full-time
/// hours, stretched in proportion for fewer hours up to its maximum.
fn length(
    p: &mut Planner,
    x: &Programme,
    standing: Option<&AdvancedStanding>,
    hours: f64,
) -> (f64, Length) {
    let (contact_hours, months) = match standing {
        Some(a) => (None, Some(a.months)),
        None => (x.contact_hours, x.months),
    };
    match (contact_hours, months) {
        (Some(h), range) if x.self_paced || range.is_none() => {
            let h = h.get();
            let mut months = h / hours * 7.0 / DAYS_PER_MONTH;
            if let Some(r) = range {
                months = months.max(r.min.get()).min(r.max.get());
            }
            (months, Length::Hours { hours: h })
        }
        (_, Some(r)) => {
            let (min, max) = (r.min.get(), r.max.get());
            let full_time = p.assume(Assumed::FullTimeHoursPerWeek);
            let months = (min * full_time / hours).clamp(min, max);
            (months, Length::Calendar { min, max })
        }
        _ => (p.assume(Assumed::UnknownLengthMonths), Length::Assumed),
    }
}

/// Warnings about the chosen programme: aimed at another exam, unknown cost or length, a
/// degree held that may shorten it with no shorter length in the data, too few study hours,
/// and a residency price caveat for a campus outside the person's state (or when no state is
/// given).
pub(super) fn caveats<'c>(
    p: &mut Planner<'_, 'c>,
    c: &ProgrammeChoice<'c>,
    exam: &'c Credential,
    s: &Standing<'c>,
) {
    let x = c.programme;
    let aims: Vec<&'c Credential> = x.prepares_for.iter().map(|i| p.catalog.get(*i)).collect();
    if !aims.is_empty() && !aims.contains(&exam) {
        p.warn(Warning::AimsElsewhere {
            programme: x,
            prepares_for: aims,
            exam,
        });
    }
    if c.cost_usd.is_none() {
        p.warn(Warning::UnknownCost { programme: x });
    }
    if c.length == Length::Assumed || c.length_of.is_some() {
        p.warn(Warning::UnknownLength {
            programme: x,
            months: c.months,
            length_of: c.length_of,
        });
    }
    if c.advanced_standing.is_none()
        && s.education >= Education::Associate
        && x.grants.is_some_and(|g| g > s.education)
    {
        p.warn(Warning::DegreeCredit {
            programme: x,
            education: s.education,
        });
    }
    if let Length::Hours { hours } = c.length {
        let raw = hours / c.hours_per_week * 7.0 / DAYS_PER_MONTH;
        let (limit, stated) = match x.months {
            Some(r) => (r.max.get(), true),
            None => (p.assume(Assumed::LongestSensibleMonths), false),
        };
        if raw > limit + 1e-9 && limit > 0.0 {
            p.warn(Warning::HoursTooFew {
                programme: x,
                months: (raw * 10.0).round() / 10.0,
                limit_months: limit,
                stated_limit: stated,
                hours_needed: (hours / (limit * DAYS_PER_MONTH / 7.0)).ceil(),
            });
        }
    }
    if let Some(l) = &x.location {
        let state = p.person.profile.state.clone();
        if state.as_deref() != Some(l.state.as_str()) {
            p.warn(Warning::ResidencyPrice {
                programme: x,
                state,
                location: l,
                tuition: c.tuition,
            });
        }
    }
}
