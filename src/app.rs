//! One function per subcommand: the only code that reads the clock, touches files, stdout
//! and stderr.

use std::io::{IsTerminal, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::cli::{
    Cli, Command, DataCommand, Global, ListArgs, ListFormat, OutputArgs, PlanArgs, ProfileCommand,
    ReportArgs, ReportFormat,
};
use crate::data::{DataSet, check};
use crate::error::{Diagnostic, EXIT_PROBLEMS, Error, Severity};
use crate::loader::Source;
use crate::person::log::Log;
use crate::person::profile::Profile;
use crate::person::roster::Roster;
use crate::plan::{self, Plan};
use crate::render::ics::calendar;
use crate::render::lists::{ListFilter, list};
use crate::render::plan::PlanView;
use crate::render::templates::Templates;

/// Runs the command; returns the exit code for a command that ran.
pub fn run(cli: Cli) -> Result<u8, Error> {
    let as_of = cli
        .global
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match &cli.command {
        Command::Data(DataCommand::Check) => data_check(&cli.global, as_of),
        Command::Data(DataCommand::List(args)) => data_list(&cli.global, as_of, args),
        Command::Profile(ProfileCommand::Check { files }) => {
            profile_check(&cli.global, as_of, files)
        }
        Command::Plan(args) => plan_cmd(&cli.global, as_of, args),
        Command::Readiness(args) => readiness_cmd(&cli.global, as_of, args),
    }
}

/// Writes a report to stdout; a closed pipe is not an error.
fn emit(text: &str) -> Result<u8, Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "standard output".into(),
            source: e,
        }),
        _ => Ok(0),
    }
}

/// Prints diagnostics to stderr (warnings only unless quiet); returns whether any was an error.
fn report(global: &Global, diagnostics: &[Diagnostic]) -> bool {
    let color = global.stderr_color();
    let mut stderr = std::io::stderr().lock();
    let mut errors = false;
    for d in diagnostics {
        errors |= d.severity == Severity::Error;
        if d.severity == Severity::Error || !global.quiet {
            let _ = writeln!(stderr, "{}\n", d.render(color));
        }
    }
    errors
}

fn data_check(global: &Global, as_of: NaiveDate) -> Result<u8, Error> {
    let data = match DataSet::load(global.data_dir.as_deref()) {
        Ok(d) => d,
        Err(e) if !e.diagnostics().is_empty() => {
            report(global, e.diagnostics());
            return Ok(EXIT_PROBLEMS);
        }
        Err(e) => return Err(e),
    };
    let problems = check(&data, as_of);
    let failed = report(global, &problems);
    if global.verbose {
        eprintln!(
            "checked {} data files: {} problems",
            data.as_of_dates().len(),
            problems.len()
        );
    }
    Ok(if failed { EXIT_PROBLEMS } else { 0 })
}

fn data_list(global: &Global, as_of: NaiveDate, args: &ListArgs) -> Result<u8, Error> {
    if let Some(m) = args.max_cost
        && !(m.is_finite() && m >= 0.0)
    {
        return Err(Error::Usage(format!(
            "--max-cost {m}: expected a non-negative amount"
        )));
    }
    let data = load_data(global, as_of)?;
    let filter = ListFilter {
        body: args.body,
        prepares_for: args.prepares_for.clone(),
        delivery: args.delivery.map(Into::into),
        max_cost: args.max_cost,
    };
    let listing = list(&data, args.kind, &filter)?;
    let text = match args.format {
        ListFormat::Text => listing.table.to_text(
            text_width(),
            global.color_for(std::io::stdout().is_terminal()),
        ),
        ListFormat::Md => templates(global)?.render("list.md", &listing.table.md_escaped())?,
        ListFormat::Csv => listing.table.to_csv(),
        ListFormat::Json => {
            serde_json::to_string_pretty(&listing.records).expect("JSON values serialise") + "\n"
        }
    };
    emit(&text)
}

/// Loads the reference data, refusing it when it has errors; warnings go to stderr.
fn load_data(global: &Global, as_of: NaiveDate) -> Result<DataSet, Error> {
    let data = DataSet::load_checked(global.data_dir.as_deref(), as_of)?;
    if global.verbose {
        let from = global
            .data_dir
            .as_ref()
            .map_or("embedded data".into(), |d| {
                format!("{} over embedded data", d.display())
            });
        eprintln!("reference data: {from}");
    }
    Ok(data)
}

fn profile_check(
    global: &Global,
    as_of: NaiveDate,
    files: &[std::path::PathBuf],
) -> Result<u8, Error> {
    let data = load_data(global, as_of)?;
    let mut problems = Vec::new();
    for file in files {
        let src = Source::read(file)?;
        let name = file.display();
        if is_log(file) {
            problems.extend(Log::load(&src, &data, as_of).err().unwrap_or_default());
        } else if is_roster(&src) {
            match Roster::load(&src) {
                Ok((_, clients)) => {
                    for client in clients {
                        problems.extend(check_profile(&client, &data, as_of)?);
                    }
                }
                Err(ds) => problems.extend(ds),
            }
        } else {
            problems.extend(check_profile(file, &data, as_of)?);
        }
        if global.verbose {
            eprintln!("checked {name}");
        }
    }
    let failed = report(global, &problems);
    Ok(if failed { EXIT_PROBLEMS } else { 0 })
}

/// Problems in a profile and in the CEU log it names.
fn check_profile(path: &Path, data: &DataSet, as_of: NaiveDate) -> Result<Vec<Diagnostic>, Error> {
    let src = Source::read(path)?;
    let profile = match Profile::load(&src, data, as_of) {
        Ok(p) => p,
        Err(ds) => return Ok(ds),
    };
    let Some(log_path) = profile.log_path(path) else {
        return Ok(Vec::new());
    };
    if !log_path.is_file() {
        return Ok(vec![
            src.at(
                "ceu_log",
                format!("CEU log {} does not exist", log_path.display()),
            )
            .expected("a path relative to the profile"),
        ]);
    }
    let log_src = Source::read(&log_path)?;
    Ok(Log::load(&log_src, data, as_of).err().unwrap_or_default())
}

fn is_log(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".ceus.yaml")
}

/// A roster is a mapping with a `clients` key.
fn is_roster(src: &Source) -> bool {
    serde_yaml::from_str::<serde_yaml::Mapping>(src.text()).is_ok_and(|m| m.contains_key("clients"))
}

/// Loads a profile, turning its problems into located input errors.
fn load_profile(path: &Path, data: &DataSet, as_of: NaiveDate) -> Result<(Source, Profile), Error> {
    let src = Source::read(path)?;
    let profile = Profile::load(&src, data, as_of).map_err(Error::Inputs)?;
    Ok((src, profile))
}

/// Plans for a profile; planning failures point at the profile field at fault.
fn make_plan(global: &Global, as_of: NaiveDate, path: &Path) -> Result<Plan, Error> {
    let data = load_data(global, as_of)?;
    let (src, profile) = load_profile(path, &data, as_of)?;
    plan::plan(&profile, &data, as_of)
        .map_err(|e| Error::from(src.at(e.path, e.message).expected(e.expected)))
}

fn plan_cmd(global: &Global, as_of: NaiveDate, args: &PlanArgs) -> Result<u8, Error> {
    let out = &args.report.output;
    let format = out.resolve().map_err(Error::Usage)?;
    let plan = make_plan(global, as_of, &args.report.profile)?;
    let view = PlanView::new(&plan);
    let text = match format {
        ReportFormat::Text => view.to_text(text_width(), report_color(global, out)),
        ReportFormat::Md => templates(global)?.render("plan.md", &view)?,
        ReportFormat::Html => templates(global)?.render("plan.html", &view)?,
        ReportFormat::Json => json(&plan),
    };
    if let Some(cal) = &args.calendar {
        let events = crate::render::plan::calendar_events(&plan);
        write_atomic(cal, &calendar(&view.title, &events, as_of))?;
    }
    deliver(out.output.as_deref(), &text)
}

fn readiness_cmd(global: &Global, as_of: NaiveDate, args: &ReportArgs) -> Result<u8, Error> {
    let format = args.output.resolve().map_err(Error::Usage)?;
    let plan = make_plan(global, as_of, &args.profile)?;
    let view = PlanView::new(&plan);
    let text = match format {
        ReportFormat::Text => view.readiness_text(),
        ReportFormat::Md => templates(global)?.render("readiness.md", &view)?,
        ReportFormat::Html => templates(global)?.render("readiness.html", &view)?,
        ReportFormat::Json => json(&serde_json::json!({
            "as_of": plan.as_of,
            "person": plan.person,
            "target": plan.target,
            "job_ready": plan.job_ready,
            "readiness": plan.readiness,
        })),
    };
    deliver(args.output.output.as_deref(), &text)
}

fn templates(global: &Global) -> Result<Templates, Error> {
    Templates::new(global.templates.as_deref())
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("view models serialise") + "\n"
}

/// Width for text tables: `COLUMNS` when set, else the terminal's own.
fn text_width() -> Option<u16> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

/// Colour only for a report going to a terminal.
fn report_color(global: &Global, out: &OutputArgs) -> bool {
    out.output.is_none() && global.color_for(std::io::stdout().is_terminal())
}

/// Writes a report to `path` atomically, or to stdout.
fn deliver(path: Option<&Path>, text: &str) -> Result<u8, Error> {
    match path {
        Some(p) => write_atomic(p, text).map(|()| 0),
        None => emit(text),
    }
}

/// Replaces `path` with `text` all at once: a temporary file in the same directory,
/// flushed to disk, then renamed over the target. A failure leaves the old file intact.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
    let err = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    tmp.write_all(text.as_bytes()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
