//! Putting the stages together: the route to the target (or nothing, when it is held), the
//! first job for someone not yet working, apprentice removal, renewals, advancement,
//! readiness, costs and the target-date check.

use super::standing::Standing;
use super::{
    Assumed, Cost, Milestone, Plan, Planner, RouteChoice, SCHEMA_VERSION, Stage, Target, Warning,
    advancement, apprentice, costs, outlook, readiness, remedies, renewal, routes,
};
use crate::data::catalog::Competency;
use crate::data::model::CompetencyKind;
use crate::data::{Catalog, Ix};
use crate::dates;

/// The whole plan for `target` from standing `now`.
pub(super) fn plan<'c>(
    p: &mut Planner<'_, 'c>,
    mut target: Target<'c>,
    now: &Standing<'c>,
) -> Plan<'c> {
    let as_of = p.as_of;
    let working = now.working_since.is_some();
    let mut lines = Vec::new();
    let mut route = None;
    let mut programme = None;
    let mut alternatives = Vec::new();
    let mut after = now.clone();
    let mut planned = Vec::new();
    let mut job_start = now.working_since;
    let mut job_ready;
    if now.holds(target.credential) {
        job_ready = Some(as_of);
    } else if let Some((best, runner_up, rule)) = routes::reach(p, target.credential, now, 0) {
        p.commit(best.delta);
        target.first_step = best.option.first_step;
        if let Some(step) = best.option.first_step {
            let date = exam_end(&p.milestones, step.id.as_str()).unwrap_or(best.first_credential);
            planned.push((
                step,
                date,
                exam_start(&p.milestones, step.id.as_str()).unwrap_or(date),
            ));
        }
        planned.push((target.credential, best.exam_date, best.exam_start));
        let cat = p.catalog;
        let fits_setting = now
            .credentials
            .iter()
            .any(|c| target.setting.credentials.iter().any(|x| cat.get(*x) == *c));
        // Ready for the target's setting with a credential it takes (working elsewhere, or
        // with another credential, is not that).
        job_ready = Some(if fits_setting {
            as_of
        } else {
            best.first_credential
        });
        job_start = job_start.or(best.job_start);
        lines = best.lines;
        programme = best.programme;
        alternatives = best.alternatives;
        after = best.standing;
        route = Some(RouteChoice {
            chosen: best.option,
            runner_up: runner_up.map(|r| r.option),
            rule,
        });
    } else {
        job_ready = None;
    }
    // Credentials held but not in force are restored first; while every credential the
    // person holds is out of force, they are job-ready only once restored.
    let restored = restore(p, &mut lines);
    if job_ready == Some(as_of)
        && now
            .credentials
            .iter()
            .all(|c| p.restore.iter().any(|r| r.body == c.body))
    {
        job_ready = restored;
    }
    // A first coding job for someone not working, once they hold a credential.
    if job_start.is_none()
        && let Some(ready) = job_ready.or(now.credentials.first().map(|_| as_of))
        && !after.credentials.is_empty()
    {
        let months = p.assume(Assumed::JobSearchMonths);
        let start = dates::add_fractional_months(ready, months);
        let credential = planned.first().map_or(target.credential, |(c, ..)| *c);
        job_stage(p, credential, ready, start);
        job_start = Some(start);
        after.working_since = Some(start);
    }
    for h in p.person.credentials.iter().filter(|h| h.apprentice) {
        apprentice::stage(p, h.credential, now, as_of, job_start, true);
    }
    for (c, date, _) in &planned {
        let s = after.at(*date);
        apprentice::stage(p, c, &s, *date, job_start, false);
    }
    // What apprentice removal costs belongs with the target: a plan is not paid for while a
    // course or Practicode is still to buy (known or not).
    for m in &p.milestones {
        if let Stage::Apprentice(a) = &m.stage
            && m.cost != Cost::None
        {
            lines.push(super::CostLine {
                milestone: m.id.clone(),
                item: super::CostItem::Apprentice {
                    credential: a.credential,
                    designation: a.designation.clone(),
                },
                cost: m.cost,
            });
        }
    }
    renewal::stages(p, &planned);
    advancement::options(p, &after, job_start);
    let skills_after = p.assume(Assumed::ExperienceCoversSkillsMonths);
    let closers = closers(p.catalog, &p.milestones);
    // Someone coding now practises the job skills at work.
    let practised_on = working.then(|| {
        let left = (skills_after - now.experience_months).max(0.0);
        dates::add_fractional_months(as_of, left)
    });
    let readiness = readiness::assess(
        p.person,
        p.catalog,
        target.setting,
        skills_after,
        &closers,
        practised_on,
    );
    let unclosed: Vec<&Competency> = readiness
        .missing
        .iter()
        .filter(|g| g.closed_by.is_none() && g.practised_on.is_none())
        .map(|g| g.competency)
        .collect();
    if !unclosed.is_empty() {
        p.warn(Warning::ReadinessGap {
            competencies: unclosed,
        });
    }
    let target_exam = planned.last().map(|(_, d, _)| *d);
    if let (Some(by), Some(ready)) = (target.by.filter(|b| *b >= as_of), target_exam)
        && ready > by
    {
        remedies::misses_target_date(p, &target, now, &alternatives, ready, by);
    }
    let budget = p.budget();
    let (costs, budget_warning) = costs::summarise(lines, budget);
    if let Some(w) = budget_warning {
        let w = remedies::within_budget(p, w, &target, now, &alternatives);
        p.warn(w);
    }
    let outlook = outlook::for_credential(p, target.credential);
    Plan {
        schema_version: SCHEMA_VERSION,
        as_of,
        person: p.person.profile.name.clone(),
        target,
        route,
        milestones: Vec::new(),
        programme,
        alternatives,
        costs,
        budget_usd: budget,
        job_ready,
        warnings: Vec::new(),
        readiness,
        outlook,
        assumptions: Vec::new(),
        sources: Vec::new(),
    }
}

/// A stage for each body whose credentials are held but not in force, with its fee as a
/// cost line; the last date by which they are restored.
fn restore<'c>(
    p: &mut Planner<'_, 'c>,
    lines: &mut Vec<super::CostLine<'c>>,
) -> Option<chrono::NaiveDate> {
    let as_of = p.as_of;
    let mut last = None;
    for r in p.restore.clone() {
        let id = format!("restore:{}", r.body.as_str());
        if r.cost != Cost::None {
            lines.push(super::CostLine {
                milestone: id.clone(),
                item: super::CostItem::Restore { body: r.body },
                cost: r.cost,
            });
        }
        p.milestones.push(Milestone {
            id,
            start: as_of,
            end: r.by,
            cost: r.cost,
            stage: Stage::Restore {
                body: r.body,
                credentials: r.credentials,
                revoked: r.revoked,
                ceus: r.ceus,
            },
        });
        last = last.max(Some(r.by));
    }
    last
}

/// The first-job stage: searching from `from`, at work on `start`, with `credential` in hand.
pub(super) fn job_stage<'c>(
    p: &mut Planner<'_, 'c>,
    credential: &'c crate::data::catalog::Credential,
    from: chrono::NaiveDate,
    start: chrono::NaiveDate,
) {
    let cat = p.catalog;
    let Some(setting) = p.setting else { return };
    let skills = setting
        .competencies
        .iter()
        .map(|x| cat.get(*x))
        .filter(|c| c.kind == CompetencyKind::Skill)
        .collect();
    p.milestones.push(Milestone {
        id: "job".into(),
        start: from,
        end: start,
        cost: Cost::None,
        stage: Stage::Job {
            setting,
            credential,
            skills,
        },
    });
}

/// The end and start of the exam milestone of credential `id`.
fn exam_end(ms: &[Milestone], id: &str) -> Option<chrono::NaiveDate> {
    ms.iter()
        .find(|m| m.id == format!("exam:{id}"))
        .map(|m| m.end)
}

fn exam_start(ms: &[Milestone], id: &str) -> Option<chrono::NaiveDate> {
    ms.iter()
        .find(|m| m.id == format!("exam:{id}"))
        .map(|m| m.start)
}

/// Stages that close competency gaps, in plan order: programmes with what they teach, exams
/// with what they test, the first job with the job skills.
fn closers(cat: &Catalog, ms: &[Milestone]) -> Vec<(String, Vec<Ix<Competency>>)> {
    let mut ordered: Vec<&Milestone> = ms.iter().collect();
    ordered.sort_by_key(|m| m.end);
    ordered
        .into_iter()
        .filter_map(|m| {
            let comps: Vec<Ix<Competency>> = match &m.stage {
                Stage::Programme { programme, .. } => programme.competencies.clone(),
                Stage::Exam(e) => e.credential.competencies.clone(),
                Stage::Job { .. } => cat
                    .all::<Competency>()
                    .filter(|(_, c)| c.kind == CompetencyKind::Skill)
                    .map(|(ix, _)| ix)
                    .collect(),
                _ => return None,
            };
            Some((m.id.clone(), comps))
        })
        .collect()
}
