//! `plan` and `readiness`.

use std::path::Path;

use chrono::NaiveDate;

use super::{
    deliver, html_page, json, load_data, load_profile, report_color, templates, text_width,
    write_replace,
};
use crate::cli::{Global, PlanArgs, ReportArgs, ReportFormat};
use crate::error::Error;
use crate::plan::{self, Plan};
use crate::render::ics::calendar;
use crate::render::plan::PlanView;

/// Plans for a profile; planning failures point at the profile field at fault.
fn make_plan(global: &Global, as_of: NaiveDate, path: &Path) -> Result<Plan, Error> {
    let data = load_data(global, as_of)?;
    let (src, profile) = load_profile(path, &data, as_of)?;
    plan::plan(&profile, &data, as_of)
        .map_err(|e| Error::from(src.at(e.path, e.message).expected(e.expected)))
}

pub(super) fn plan_cmd(global: &Global, as_of: NaiveDate, args: &PlanArgs) -> Result<u8, Error> {
    let out = &args.report.output;
    let format = out.resolve().map_err(Error::Usage)?;
    let plan = make_plan(global, as_of, &args.report.profile)?;
    let view = PlanView::new(&plan);
    let text = match format {
        ReportFormat::Text => view.to_text(text_width(), report_color(global, out)),
        ReportFormat::Md => templates(global)?.render("plan.md", &view)?,
        ReportFormat::Html => html_page(global, &view.title, "plan.html", &view)?,
        ReportFormat::Json => json(&plan),
        ReportFormat::Context => json(&view),
    };
    let outputs = [args.calendar.as_deref(), out.output.as_deref()];
    super::files::check_outputs(&outputs.into_iter().flatten().collect::<Vec<_>>())?;
    if let Some(cal) = &args.calendar {
        let events = crate::render::plan::calendar_events(&plan);
        write_replace(cal, &calendar(&view.title, &events, as_of))?;
    }
    deliver(out.output.as_deref(), &text)
}

pub(super) fn readiness_cmd(
    global: &Global,
    as_of: NaiveDate,
    args: &ReportArgs,
) -> Result<u8, Error> {
    let format = args.output.resolve().map_err(Error::Usage)?;
    let plan = make_plan(global, as_of, &args.profile)?;
    let view = PlanView::new(&plan);
    let text = match format {
        ReportFormat::Text => view.readiness_text(),
        ReportFormat::Md => templates(global)?.render("readiness.md", &view)?,
        ReportFormat::Html => html_page(global, &view.title, "readiness.html", &view)?,
        ReportFormat::Json => json(&serde_json::json!({
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
