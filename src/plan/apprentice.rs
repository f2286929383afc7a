//! Apprentice removal (CPC-A, COC-A): every removal route from the person's standing — work
//! still to do, a course still to take, Practicode still to finish (a programme that includes
//! Practicode gives access, not the finished cases) — and the earliest.

use chrono::NaiveDate;

use super::standing::Standing;
use super::{ApprenticeStage, Assumed, Cost, Milestone, Planner, RemovalPlan, Stage};
use crate::data::catalog::{Credential, Programme};
use crate::dates::{self, DAYS_PER_MONTH};
use crate::rules::requirement::round2;

/// The removal stage for `c`, earned (or held as apprentice) with standing `s` on `from`;
/// `job_start` is when coding work begins if the person is not working yet. Nothing when
/// the credential has no apprentice status or the person already has the experience.
pub(super) fn stage<'c>(
    p: &mut Planner<'_, 'c>,
    c: &'c Credential,
    s: &Standing<'c>,
    from: NaiveDate,
    job_start: Option<NaiveDate>,
    held_as_apprentice: bool,
) {
    let Some(a) = &c.apprentice else { return };
    let full = a
        .removal_routes
        .iter()
        .map(|r| r.experience_months.get())
        .max()
        .unwrap_or(0);
    if !held_as_apprentice && s.whole_months() >= full {
        return;
    }
    p.cite(&a.sources);
    let work_from = s.working_since.or(job_start).map(|w| w.max(from));
    let mut plans: Vec<RemovalPlan> = a
        .removal_routes
        .iter()
        .filter_map(|r| {
            let need = r.experience_months.get();
            let here = s.at(from);
            let work_left = (f64::from(need) - here.experience_months).max(0.0);
            let work_done = if work_left <= 0.0 {
                from
            } else {
                here.reaches(f64::from(need), work_from?)
            };
            let mut done = work_done;
            let mut cost = Cost::None;
            let mut course = None;
            let mut practicode_from = from;
            let finished_hours = p.person.courses.iter().map(|c| c.hours).fold(0.0, f64::max);
            let course_planned = r.course_hours.is_some_and(|h| {
                finished_hours + 1e-9 < h.get() && s.course_hours + 1e-9 >= h.get()
            });
            if let Some(h) = r.course_hours.map(|h| h.get())
                && s.course_hours + 1e-9 < h
            {
                let (x, end) = course_for(p, h, from)?;
                course = Some(x);
                done = done.max(end);
                practicode_from = end;
                cost = add(
                    cost,
                    x.cost_usd
                        .map_or(Cost::Unknown, |c| Cost::Known(c.min.get())),
                );
            }
            let practicode_left = r.practicode && !s.practicode;
            let practicode_included =
                practicode_left && (s.practicode_access || course.is_some_and(|x| x.practicode));
            if practicode_left {
                // Practicode's cases are worked after the course, not on the same hours.
                let months = p.assume(Assumed::PracticodeMonths);
                done = done.max(dates::add_fractional_months(practicode_from, months));
                if !practicode_included {
                    cost = add(cost, Cost::Unknown);
                }
            }
            Some(RemovalPlan {
                route: r.id.clone(),
                work_months: need,
                work_left: work_left.ceil() as u32,
                course_hours: r.course_hours.map(|h| h.get()),
                course,
                course_planned,
                practicode: r.practicode,
                practicode_left,
                practicode_included,
                done,
                cost,
            })
        })
        .collect();
    plans.sort_by_key(|x| (x.done, matches!(x.cost, Cost::Unknown), x.route.clone()));
    if plans.is_empty() {
        return;
    }
    let chosen = plans.remove(0);
    p.milestones.push(Milestone {
        id: format!("apprentice:{}", c.id),
        start: from,
        end: chosen.done,
        cost: chosen.cost,
        stage: Stage::Apprentice(Box::new(ApprenticeStage {
            credential: c,
            designation: a.designation.clone(),
            chosen,
            others: plans,
        })),
    });
}

/// The quickest programme that counts as a coding course of `hours` contact hours, and
/// when it would end if started on `from`.
fn course_for<'c>(
    p: &mut Planner<'_, 'c>,
    hours: f64,
    from: NaiveDate,
) -> Option<(&'c Programme, NaiveDate)> {
    let per_week = p.hours_per_week();
    p.catalog
        .all::<Programme>()
        .map(|(_, x)| x)
        .filter(|x| {
            x.apprentice_course_hours
                .is_some_and(|h| h.get() + 1e-9 >= hours)
        })
        .filter_map(|x| {
            let h = x.contact_hours?.get();
            let months =
                (h / per_week * 7.0 / DAYS_PER_MONTH).max(x.months.map_or(0.0, |m| m.min.get()));
            Some((x, months))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(x, months)| (x, dates::add_fractional_months(from, months)))
}

fn add(a: Cost, b: Cost) -> Cost {
    match (a, b) {
        (Cost::Unknown, _) | (_, Cost::Unknown) => Cost::Unknown,
        (Cost::Known(x), Cost::Known(y)) => Cost::Known(round2(x + y)),
        (Cost::None, x) | (x, Cost::None) => x,
    }
}
