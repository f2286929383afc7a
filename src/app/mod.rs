//! One function per subcommand: the only code that reads the clock, touches files, stdout
//! and stderr.

mod gen_roster;
mod init;
mod report;

use std::io::{IsTerminal, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::cli::{
    AddArgs, CeuCommand, Cli, Command, DataCommand, DomainArg, Global, ListArgs, ListFormat,
    OutputArgs, PlanArgs, ProfileCommand, ReportArgs, ReportFormat, TemplatesCommand, WhatIfArgs,
    WhatIfFormat,
};
use crate::data::{DataSet, check};
use crate::error::{Diagnostic, EXIT_PROBLEMS, Error, Severity};
use crate::loader::Source;
use crate::person::append::{NewEntry, append};
use crate::person::log::Domain;
use crate::person::log::Log;
use crate::person::profile::Profile;
use crate::person::roster::Roster;
use crate::plan::{self, Plan};
use crate::render::ics::calendar;
use crate::render::lists::{ListFilter, list};
use crate::render::plan::PlanView;
use crate::render::status::StatusView;
use crate::render::templates::Templates;
use crate::track;

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
        Command::Report(args) => report::run(&cli.global, as_of, args),
        Command::GenRoster { count, dir } => gen_roster::run(*count, dir),
        Command::Init { kind, path, force } => init::init(*kind, path.as_deref(), *force),
        Command::Templates(TemplatesCommand::Eject { dir, force }) => init::eject(dir, *force),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "coderpath", &mut out);
            emit(&String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut out)
                .map_err(|source| Error::Write {
                    path: "standard output".into(),
                    source,
                })?;
            emit(&String::from_utf8_lossy(&out))
        }
        Command::Ceu(c) => match c {
            CeuCommand::Status(args) => ceu_status(&cli.global, as_of, args),
            CeuCommand::Add(args) => ceu_add(&cli.global, as_of, args),
            CeuCommand::Check { profile } => ceu_check(&cli.global, as_of, profile),
            CeuCommand::Calendar { profile, output } => {
                ceu_calendar(&cli.global, as_of, profile, output.as_deref())
            }
            CeuCommand::WhatIf(args) => ceu_what_if(&cli.global, as_of, args),
        },
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
        // A file that cannot be used as text is a problem found, like any other.
        let src = match Source::read(file) {
            Ok(src) => src,
            Err(e) if !e.diagnostics().is_empty() => {
                problems.extend(e.diagnostics().iter().cloned());
                continue;
            }
            Err(e) => return Err(e),
        };
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

/// A roster is a mapping with a `clients` or `counsellor` key.
fn is_roster(src: &Source) -> bool {
    serde_yaml::from_str::<serde_yaml::Mapping>(src.text())
        .is_ok_and(|m| m.contains_key("clients") || m.contains_key("counsellor"))
}

/// Loads a profile, turning its problems into located input errors.
fn load_profile(path: &Path, data: &DataSet, as_of: NaiveDate) -> Result<(Source, Profile), Error> {
    let src = if path == Path::new("-") {
        Source::read_stdin()?
    } else {
        Source::read(path)?
    };
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
        ReportFormat::Html => html_page(global, &view.title, "plan.html", &view)?,
        ReportFormat::Json => json(&plan),
        ReportFormat::Context => json(&view),
    };
    if let Some(cal) = &args.calendar {
        let events = crate::render::plan::calendar_events(&plan);
        write_replace(cal, &calendar(&view.title, &events, as_of))?;
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

/// One HTML page holding one rendered section.
fn html_page(
    global: &Global,
    title: &str,
    section: &str,
    model: &impl serde::Serialize,
) -> Result<String, Error> {
    let t = templates(global)?;
    t.page(title, &[t.render(section, model)?])
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
        Some(p) => write_replace(p, text).map(|()| 0),
        None => emit(text),
    }
}

/// Replaces `path` with `text` all at once and flushes it to disk first (for the user's own
/// files, such as the CEU log).
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
    replace_file(path, text, true)
}

/// Replaces `path` with `text` all at once, without waiting for the disk (for reports,
/// which can be made again): readers see the old file or the new one, never a part.
pub fn write_replace(path: &Path, text: &str) -> Result<(), Error> {
    replace_file(path, text, false)
}

/// A temporary file in the same directory, optionally flushed, then renamed over the
/// target. A failure leaves the old file intact.
fn replace_file(path: &Path, text: &str, durable: bool) -> Result<(), Error> {
    let err = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // A temporary file starts private: it takes the replaced file's permissions, or the
    // usual ones for a new file.
    let mut builder = tempfile::Builder::new();
    if let Some(p) = std::fs::metadata(path)
        .map(|m| m.permissions())
        .ok()
        .or_else(new_file_permissions)
    {
        builder.permissions(p);
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    tmp.write_all(text.as_bytes()).map_err(err)?;
    if durable {
        tmp.as_file().sync_all().map_err(err)?;
    }
    // Fault injection for the crash-safety tests: die after writing, before the rename.
    if std::env::var_os("CODERPATH_FAULT").is_some_and(|v| v == "abort-before-rename") {
        std::process::abort();
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// A person's profile and CEU log, loaded and validated.
struct Person {
    profile_src: Source,
    profile: Profile,
    log_src: Option<Source>,
    log: Log,
}

fn load_person(data: &DataSet, as_of: NaiveDate, path: &Path) -> Result<Person, Error> {
    let (profile_src, profile) = load_profile(path, data, as_of)?;
    let (log_src, log) = match profile.log_path(path) {
        None => (None, Log::default()),
        Some(p) if !p.is_file() => {
            return Err(profile_src
                .at("ceu_log", format!("CEU log {} does not exist", p.display()))
                .expected("a path relative to the profile")
                .into());
        }
        Some(p) => {
            let src = Source::read(&p)?;
            let log = Log::load(&src, data, as_of).map_err(Error::Inputs)?;
            (Some(src), log)
        }
    };
    Ok(Person {
        profile_src,
        profile,
        log_src,
        log,
    })
}

/// The tracker's status, with its failures pointed at the profile.
fn track_status(p: &Person, data: &DataSet, as_of: NaiveDate) -> Result<track::Status, Error> {
    track::status(&p.profile, &p.log, data, as_of).map_err(|e| track_error(&p.profile_src, e))
}

fn track_error(src: &Source, e: track::TrackError) -> Error {
    src.at(&e.path, e.message).expected(e.expected).into()
}

fn ceu_status(global: &Global, as_of: NaiveDate, args: &ReportArgs) -> Result<u8, Error> {
    let format = args.output.resolve().map_err(Error::Usage)?;
    let data = load_data(global, as_of)?;
    let person = load_person(&data, as_of, &args.profile)?;
    let status = track_status(&person, &data, as_of)?;
    let view = StatusView::new(&status);
    let text = match format {
        ReportFormat::Text => view.to_text(text_width(), report_color(global, &args.output)),
        ReportFormat::Md => templates(global)?.render("status.md", &view)?,
        ReportFormat::Html => html_page(global, &view.title, "status.html", &view)?,
        ReportFormat::Json => json(&status),
        ReportFormat::Context => json(&view),
    };
    deliver(args.output.output.as_deref(), &text)
}

fn ceu_add(global: &Global, as_of: NaiveDate, args: &AddArgs) -> Result<u8, Error> {
    let data = load_data(global, as_of)?;
    let entry = NewEntry {
        date: args.date,
        title: args.title.trim().to_string(),
        provider: args.provider.trim().to_string(),
        ceus: args.ceus,
        aapc_index: args.aapc_index.clone().filter(|i| !i.trim().is_empty()),
        topics: args.topics.clone(),
        domain: args.domain.map(|d| match d {
            DomainArg::Hiim => Domain::Hiim,
            DomainArg::Other => Domain::Other,
        }),
        ahima_sourced: args.ahima_sourced,
        certificate: args.certificate.clone(),
    };
    let known = known_topics(&data);
    let problems = entry.problems(as_of, &known);
    if !problems.is_empty() {
        return Err(Error::Usage(problems.join("; ")));
    }
    let yaml = entry.to_yaml();
    if args.dry_run {
        return emit(&yaml);
    }
    // A lock file beside the log serialises concurrent adds; the log itself is replaced
    // by rename, so it cannot carry the lock.
    let lock_path = args.log.with_file_name(format!(
        "{}.lock",
        args.log
            .file_name()
            .map_or("log".into(), |n| n.to_string_lossy().into_owned())
    ));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|source| Error::Write {
            path: lock_path.display().to_string(),
            source,
        })?;
    lock.lock().map_err(|source| Error::Write {
        path: lock_path.display().to_string(),
        source,
    })?;
    let existing = if args.log.exists() {
        Source::read(&args.log)?.text().to_string()
    } else {
        String::new()
    };
    let name = args.log.display().to_string();
    let before = Log::load(&Source::new(name.clone(), existing.clone()), &data, as_of)
        .map_err(Error::Inputs)?;
    if let Some(dup) = before.entries.iter().find(|e| {
        e.date == entry.date
            && e.title.trim().eq_ignore_ascii_case(&entry.title)
            && e.provider.trim().eq_ignore_ascii_case(&entry.provider)
    }) {
        return Err(Error::Usage(format!(
            "{name}:{} already has \"{}\" from {} on {}; a course counts once",
            dup.line, dup.title, dup.provider, dup.date
        )));
    }
    let text = append(&existing, &yaml);
    let not_a_block_list = || {
        Error::Usage(format!(
            "{name} is not a block list (`- date: …` items), so an entry cannot be appended without rewriting it"
        ))
    };
    let after = Log::load(&Source::new(name.clone(), text.clone()), &data, as_of)
        .map_err(|_| not_a_block_list())?;
    if after.entries.len() != before.entries.len() + 1 {
        return Err(not_a_block_list());
    }
    write_atomic(&args.log, &text)?;
    drop(lock);
    if global.verbose {
        eprintln!("added to {name}:\n{yaml}");
    }
    Ok(0)
}

/// Ids a log entry's topics may use: competencies and credentials.
fn known_topics(data: &DataSet) -> Vec<&str> {
    data.competencies
        .competencies
        .iter()
        .map(|c| c.id.as_str())
        .chain(data.credentials.credentials.iter().map(|c| c.id.as_str()))
        .collect()
}

fn ceu_check(global: &Global, as_of: NaiveDate, path: &Path) -> Result<u8, Error> {
    let data = load_data(global, as_of)?;
    let person = load_person(&data, as_of, path)?;
    let (problems, reconciled) =
        track::audit::audit(&person.profile, &person.log, &data, &|p| p.is_file());
    if global.verbose {
        for r in &reconciled {
            eprintln!(
                "checkpoint {} {}: asserted {}, calculated {}, difference {}",
                r.date,
                r.body.as_str(),
                r.asserted,
                r.calculated.map_or("—".into(), |c| c.to_string()),
                r.difference.map_or("—".into(), |d| format!("{d:+}"))
            );
        }
    }
    let Some(src) = &person.log_src else {
        return Ok(0);
    };
    let diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            Diagnostic::new(src.name(), p.line, 1, p.message)
                .expected(p.expected)
                .with_excerpt(src.text())
        })
        .collect();
    Ok(if report(global, &diagnostics) {
        EXIT_PROBLEMS
    } else {
        0
    })
}

fn ceu_calendar(
    global: &Global,
    as_of: NaiveDate,
    path: &Path,
    output: Option<&Path>,
) -> Result<u8, Error> {
    let data = load_data(global, as_of)?;
    let person = load_person(&data, as_of, path)?;
    let status = track_status(&person, &data, as_of)?;
    let events = crate::render::status::calendar_events(&status, &data);
    let text = calendar(
        &format!("CEU renewals for {}", status.person),
        &events,
        as_of,
    );
    deliver(output, &text)
}

fn ceu_what_if(global: &Global, as_of: NaiveDate, args: &WhatIfArgs) -> Result<u8, Error> {
    if args.add.is_empty() && args.drop.is_empty() {
        return Err(Error::Usage(
            "say what to change: --add CREDENTIAL and/or --drop CREDENTIAL".into(),
        ));
    }
    let data = load_data(global, as_of)?;
    let person = load_person(&data, as_of, &args.profile)?;
    let changes = track::whatif::what_if(
        &person.profile,
        &person.log,
        &data,
        as_of,
        &args.add,
        &args.drop,
    )
    .map_err(|e| match e {
        track::whatif::WhatIfError::Request(m) => Error::Usage(m),
        track::whatif::WhatIfError::Track(t) => track_error(&person.profile_src, t),
    })?;
    let text = match args.format {
        WhatIfFormat::Json => json(&changes),
        WhatIfFormat::Text => {
            let mut what: Vec<String> = args.add.iter().map(|a| format!("add {a}")).collect();
            what.extend(args.drop.iter().map(|d| format!("drop {d}")));
            let table = crate::render::table::Table {
                title: format!(
                    "What if {} ({}), as of {as_of}",
                    person.profile.name,
                    what.join(", ")
                ),
                note: "Changed measures are marked *.".into(),
                columns: ["Body", "Measure", "Now", "With the change", ""]
                    .map(String::from)
                    .to_vec(),
                rows: changes
                    .iter()
                    .map(|c| {
                        vec![
                            c.body.as_str().into(),
                            c.measure.clone(),
                            c.now.clone(),
                            c.after.clone(),
                            if c.changed { "*".into() } else { String::new() },
                        ]
                    })
                    .collect(),
            };
            table.to_text(
                text_width(),
                global.color_for(std::io::stdout().is_terminal()),
            )
        }
    };
    emit(&text)
}

/// Read-write for the owner, readable by others (as files made under the common umask 022).
#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere new files keep the system's defaults.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}
