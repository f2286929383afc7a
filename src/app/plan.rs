//! `plan` and `readiness`.

use std::path::Path;

use chrono::NaiveDate;

use super::whatif;
use super::{
    deliver, html_page, json, load_catalog, load_person, located, render_one, report_color,
    text_width, write_replace,
};
use crate::cli::{Global, OutputArgs, PlanArgs, PlanChanges, ReportArgs, ReportFormat};
use crate::data::Catalog;
use crate::error::Error;
use crate::loader::Source;
use crate::person::log::Log;
use crate::person::profile::Person;
use crate::plan::{self, Plan};
use crate::render::compare::CompareView;
use crate::render::ics::calendar;
use crate::render::plan::PlanView;

/// Plans for a profile; planning failures point at the profile field at fault.
fn make_plan<'c>(
    global: &Global,
    catalog: &'c Catalog,
    as_of: NaiveDate,
    path: &Path,
) -> Result<Plan<'c>, Error> {
    let p = load_person(global, catalog, as_of, path)?;
    let plan =
        plan::plan(&p.person, &p.log, catalog, as_of).map_err(|e| located(&p.profile_src, e))?;
    say_assumptions(std::slice::from_ref(&plan));
    Ok(plan)
}

/// With `-v`: the planning defaults the plans relied on (each once).
fn say_assumptions(plans: &[Plan]) {
    let mut said = Vec::new();
    for a in plans.iter().flat_map(|p| &p.assumptions) {
        let line = format!(
            "assumption: {}: {} — {}",
            crate::render::warning_words::assumption(a.key),
            crate::render::words::num(a.value),
            a.note
        );
        if !said.contains(&line) {
            super::say::detail(&line);
            said.push(line);
        }
    }
}

/// Plans for the profile in `src` with what-if `changes` applied (the file is unchanged).
fn plan_with<'c>(
    catalog: &'c Catalog,
    as_of: NaiveDate,
    (src, person, log): (&Source, &Person<'c>, &Log),
    changes: &PlanChanges,
) -> Result<Plan<'c>, Error> {
    if whatif::is_empty(changes) {
        return plan::plan(person, log, catalog, as_of).map_err(|e| located(src, e));
    }
    let mut profile = person.profile.clone();
    whatif::apply(&mut profile, changes, catalog, as_of)?;
    let changed = Person::resolve(profile, src, catalog, as_of).map_err(Error::Inputs)?;
    plan::plan(&changed, log, catalog, as_of).map_err(|e| located(src, e))
}

pub(super) fn plan_cmd(global: &Global, as_of: NaiveDate, args: &PlanArgs) -> Result<u8, Error> {
    let out = &args.report.output;
    let format = out.resolve().map_err(Error::Usage)?;
    if args.compare.len() > 2 {
        return Err(Error::Usage(format!(
            "--compare given {} times; up to 2 scenarios sit beside the profile's own plan",
            args.compare.len()
        )));
    }
    let mut scenarios = vec![args.changes.clone()];
    for text in &args.compare {
        scenarios.push(whatif::overlay(&args.changes, whatif::scenario(text)?));
    }
    let catalog = load_catalog(global, as_of)?;
    let path = &args.report.profile;
    let p = load_person(global, &catalog, as_of, path)?;
    let plans = scenarios
        .iter()
        .map(|c| plan_with(&catalog, as_of, (&p.profile_src, &p.person, &p.log), c))
        .collect::<Result<Vec<_>, _>>()?;
    say_assumptions(&plans);
    let text = if plans.len() > 1 {
        compare_text(global, format, &scenarios, &plans, &catalog)?
    } else {
        plan_text(global, format, out, &plans[0])?
    };
    let outputs = [args.calendar.as_deref(), out.output.as_deref()];
    super::files::check_outputs(&outputs.into_iter().flatten().collect::<Vec<_>>())?;
    if let Some(cal) = &args.calendar {
        let view = PlanView::new(&plans[0]);
        let events = crate::render::plan::calendar_events(&plans[0]);
        write_replace(cal, &calendar(&view.title, &events, as_of))?;
    }
    deliver(out.output.as_deref(), &text)
}

/// One plan in the chosen format.
fn plan_text(
    global: &Global,
    format: ReportFormat,
    out: &OutputArgs,
    plan: &Plan,
) -> Result<String, Error> {
    let view = PlanView::new(plan);
    Ok(match format {
        ReportFormat::Text => view.to_text(text_width(), report_color(global, out)),
        ReportFormat::Md => render_one(global, "plan.md", &view)?,
        ReportFormat::Html => html_page(global, &view.title, "plan.html", &view)?,
        ReportFormat::Json => json(plan),
        ReportFormat::Context => json(&view),
    })
}

/// Plans side by side, each column one scenario; JSON holds each scenario's changes and plan.
fn compare_text(
    global: &Global,
    format: ReportFormat,
    scenarios: &[PlanChanges],
    plans: &[Plan],
    catalog: &Catalog,
) -> Result<String, Error> {
    let columns: Vec<_> = scenarios
        .iter()
        .zip(plans)
        .map(|(c, p)| (c, PlanView::new(p)))
        .collect();
    let view = CompareView::new(&columns, catalog);
    Ok(match format {
        ReportFormat::Text => view.table().to_text(text_width(), false),
        ReportFormat::Md => render_one(global, "compare.md", &view)?,
        ReportFormat::Html => html_page(global, &view.title, "compare.html", &view)?,
        ReportFormat::Json => json(&serde_json::json!({
            "schema_version": plans.first().map_or(2, |p| p.schema_version),
            "scenarios": scenarios.iter().zip(plans).map(|(c, p)| serde_json::json!({
                "changes": c,
                "plan": p,
            })).collect::<Vec<_>>(),
        })),
        ReportFormat::Context => json(&view),
    })
}

pub(super) fn readiness_cmd(
    global: &Global,
    as_of: NaiveDate,
    args: &ReportArgs,
) -> Result<u8, Error> {
    let format = args.output.resolve().map_err(Error::Usage)?;
    let catalog = load_catalog(global, as_of)?;
    let plan = make_plan(global, &catalog, as_of, &args.profile)?;
    let view = PlanView::new(&plan);
    let text = match format {
        ReportFormat::Text => view.readiness_text(text_width()),
        ReportFormat::Md => render_one(global, "readiness.md", &view)?,
        ReportFormat::Html => html_page(global, &view.title, "readiness.html", &view)?,
        ReportFormat::Json => json(&serde_json::json!({
            "schema_version": plan.schema_version,
            "as_of": plan.as_of,
            "person": plan.person,
            "target": plan.target,
            "job_ready": plan.job_ready,
            "readiness": plan.readiness,
        })),
        ReportFormat::Context => json(&view),
    };
    deliver(args.output.output.as_deref(), &text)
}
