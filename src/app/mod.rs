//! One function per subcommand: the only code that reads the clock, touches files, stdout
//! and stderr.

// The edge of the program: printing is its job, and the few `expect`s here guard
// invariants of its own making (see each).
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::unwrap_used,
    clippy::expect_used
)]

mod certificates;
mod ceu;
mod ceu_log;
mod check;
mod completions;
mod files;
mod folder;
mod gen_roster;
mod init;
mod interrupt;
pub mod log_edit;
mod man;
mod parallel;
mod plan;
mod report;
mod say;
mod show;
mod whatif;

pub use files::{write_atomic, write_replace};

use std::io::{BufWriter, IsTerminal, StdoutLock, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::cli::{
    CeuCommand, Cli, Command, DEFAULT_PROFILE, DataCommand, Global, OutputArgs, PROFILE_ENV,
    ProfileCommand, TemplatesCommand,
};
use crate::data::Catalog;
use crate::error::{Diagnostic, Error, Severity, quote};
use crate::loader::Source;
use crate::person::Problem;
use crate::person::log::Log;
use crate::person::profile::{Person, Profile, Unloaded};
use crate::person::within::{self, Outside};
use crate::render::escape::terminal_line;
use crate::render::templates::Templates;
use crate::render::words::count;

/// The program: parses the command line, runs the command and prints an error that stopped
/// it; the exit code follows README's "Exit codes".
pub fn main() -> std::process::ExitCode {
    let cli = crate::cli::parse();
    let color = cli.global.stderr_color();
    match run(cli) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) => {
            eprintln!("{}", for_stderr(e.render(color), color));
            std::process::ExitCode::from(e.exit_code())
        }
    }
}

/// Runs the command; returns the exit code for a command that ran.
pub fn run(cli: Cli) -> Result<u8, Error> {
    say::set(&cli.global);
    if cli.global.profile_defaulted && !Path::new(DEFAULT_PROFILE).exists() {
        return Err(Error::Usage(format!(
            "no profile given: name one (PROFILE), set {PROFILE_ENV}, or run where ./{DEFAULT_PROFILE} exists"
        )));
    }
    let as_of = cli
        .global
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match &cli.command {
        Command::Data(DataCommand::Check { format }) => {
            check::data_check(&cli.global, as_of, *format)
        }
        Command::Data(DataCommand::List(args)) => check::data_list(&cli.global, as_of, args),
        Command::Data(DataCommand::Show(args)) => show::data_show(&cli.global, as_of, args),
        Command::Profile(ProfileCommand::Check { files, format }) => {
            check::profile_check(&cli.global, as_of, files, *format)
        }
        Command::Plan(args) => plan::plan_cmd(&cli.global, as_of, args),
        Command::Report(args) => report::run(&cli.global, as_of, args),
        Command::GenRoster { count, dir } => gen_roster::run(*count, dir),
        Command::Init { kind, path, force } => init::init(*kind, path.as_deref(), *force),
        Command::Templates(TemplatesCommand::Eject { dir, force }) => init::eject(dir, *force),
        Command::Completions { shell } => completions::run(&cli.global, as_of, *shell),
        Command::Man { out } => man::run(out.as_deref()),
        Command::Ceu(c) => match c {
            CeuCommand::Status(args) => ceu::ceu_status(&cli.global, as_of, args),
            CeuCommand::Add(args) => ceu_log::add(&cli.global, as_of, args),
            CeuCommand::Check { profile, format } => check::checked(*format, || {
                ceu::ceu_check(&cli.global, as_of, profile, *format)
            }),
            CeuCommand::Calendar { profile, output } => {
                ceu::ceu_calendar(&cli.global, as_of, profile, output.as_deref())
            }
            CeuCommand::WhatIf(args) => ceu::ceu_what_if(&cli.global, as_of, args),
            CeuCommand::List(args) => ceu_log::list(&cli.global, as_of, args),
            CeuCommand::Import(args) => ceu_log::import(&cli.global, as_of, args),
            CeuCommand::Remove(args) => ceu_log::remove(&cli.global, as_of, args),
        },
        Command::Readiness(args) => plan::readiness_cmd(&cli.global, as_of, args),
    }
}

/// Writes a report to stdout; a closed pipe is not an error.
fn emit(text: &str) -> Result<u8, Error> {
    let mut out = std::io::stdout().lock();
    written(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// Writes a report to stdout with `write`, through a small buffer, as [`emit`] does.
fn emit_with(
    write: impl FnOnce(&mut BufWriter<StdoutLock<'static>>) -> std::io::Result<()>,
) -> Result<u8, Error> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    written(write(&mut out).and_then(|()| out.flush()))
}

/// The outcome of writing to stdout: a closed pipe is not an error.
fn written(result: std::io::Result<()>) -> Result<u8, Error> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "standard output".into(),
            source: e,
        }),
        _ => Ok(0),
    }
}

/// Prints diagnostics to stderr (warnings only unless quiet; at most 20 a file); returns
/// whether any was an error.
fn report(global: &Global, diagnostics: &[Diagnostic]) -> bool {
    let color = global.stderr_color();
    let mut stderr = std::io::stderr().lock();
    let mut errors = false;
    for d in &crate::error::cap_per_file(diagnostics.to_vec()) {
        errors |= d.severity == Severity::Error;
        if d.severity == Severity::Error || !global.quiet {
            let _ = writeln!(stderr, "{}\n", for_stderr(d.render(color), color));
        }
    }
    errors
}

/// Loads and checks the reference data, refusing it when it has errors. Warnings go to
/// stderr (unless quiet), stale files collapsed into one line.
fn load_catalog(global: &Global, as_of: NaiveDate) -> Result<Catalog, Error> {
    if let Some(dir) = &global.data_dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        for e in entries.flatten() {
            files::note_input(&e.path());
        }
    }
    let (catalog, warnings) = Catalog::load(global.data_dir.as_deref(), as_of)?;
    if !say::quiet() {
        let raw = catalog.raw();
        let (stale, newer) = (raw.stale_files(as_of), raw.newer_files(as_of));
        let names = |files: &[(crate::data::File, NaiveDate)]| {
            let names: Vec<String> = files
                .iter()
                .map(|(f, d)| format!("{} ({d})", raw.source(*f).name()))
                .collect();
            names.join(", ")
        };
        if !stale.is_empty() {
            say::warning(&format!(
                "reference data more than 2 years old: {}; fees and rules may have changed (`coderpath data check` lists them)",
                names(&stale)
            ));
        }
        if let Some(newest) = newer.iter().map(|(_, d)| *d).max() {
            say::warning(&format!(
                "{} dated after {as_of} (newest {newest}); it may hold fees and rules that came later (`coderpath data check` lists them)",
                count(newer.len(), "reference data file", "reference data files")
            ));
        }
        let rest: Vec<Diagnostic> = warnings
            .into_iter()
            .filter(|d| {
                !stale
                    .iter()
                    .chain(&newer)
                    .any(|(f, _)| d.file == raw.source(*f).name())
            })
            .collect();
        report(global, &rest);
    }
    say_data(global.data_dir.as_deref(), &catalog);
    Ok(catalog)
}

/// With `-v`: where each reference data file came from — embedded, or `dir` — and its date.
fn say_data(dir: Option<&Path>, catalog: &Catalog) {
    if !say::verbose() {
        return;
    }
    say::detail(&match dir {
        Some(d) => format!(
            "reference data: the embedded files, each one {} holds replacing its twin",
            terminal_line(&d.display().to_string())
        ),
        None => "reference data: the embedded files".into(),
    });
    for ((name, _), (file, date)) in crate::data::FILES.iter().zip(catalog.raw().as_of_dates()) {
        let read_as = catalog.raw().source(file).name();
        let from_dir = dir.is_some_and(|d| read_as == d.join(name).display().to_string());
        let from = if from_dir { read_as } else { "embedded" };
        say::detail(&format!("  {name}: {} (as of {date})", terminal_line(from)));
    }
}

/// Loads a profile and resolves it against the catalog; its problems are located input
/// errors. When it does not load, `log` checks the CEU log it names in what was read of it
/// (see [`unloaded`]).
fn load_profile<'c, L>(
    path: &Path,
    catalog: &'c Catalog,
    as_of: NaiveDate,
    log: impl FnOnce(&Source, &Profile) -> Result<L, Error>,
) -> Result<(Source, Person<'c>), Error> {
    let src = if path == Path::new("-") {
        Source::read_stdin()?
    } else {
        files::note_input(path);
        Source::read(path)?
    };
    say::detail(&format!("profile: {}", terminal_line(src.name())));
    let person = Person::load_partly(&src, catalog, as_of)
        .map_err(|u| Error::Inputs(unloaded(&src, u, log)))?;
    Ok((src, person))
}

/// The problems of a profile that did not load, with those `log` finds with the CEU log
/// named in what was read of it, in file order: all in one run.
fn unloaded<L>(
    src: &Source,
    u: Unloaded,
    log: impl FnOnce(&Source, &Profile) -> Result<L, Error>,
) -> Vec<Diagnostic> {
    match u.profile.map(|p| log(src, &p)) {
        Some(Err(e)) => crate::loader::merged(u.problems, e.diagnostics().to_vec()),
        _ => u.problems,
    }
}

/// A person's profile and CEU log, loaded and validated.
struct Loaded<'c> {
    profile_src: Source,
    person: Person<'c>,
    log_src: Option<Source>,
    log: Log,
}

fn load_person<'c>(
    global: &Global,
    catalog: &'c Catalog,
    as_of: NaiveDate,
    path: &Path,
) -> Result<Loaded<'c>, Error> {
    let (profile_src, person) = load_profile(path, catalog, as_of, |src, profile| {
        log_path(src, profile, path, global.allow_outside)
    })?;
    let (log_src, log) = load_log(&profile_src, &person, path, catalog, global.allow_outside)?;
    Ok(Loaded {
        profile_src,
        person,
        log_src,
        log,
    })
}

/// A problem that stopped a plan or a status, located at the profile field to change.
fn located(src: &Source, p: Problem) -> Error {
    let (message, expected) = crate::render::problem(&p);
    src.at(p.path(), message).expected(expected).into()
}

/// The CEU log a profile (read from `path`) names, loaded and validated; none named gives an
/// empty log. A missing file, or one outside the profile's folder (unless `allow_outside`),
/// is reported at the profile's `ceu_log`.
fn load_log(
    profile_src: &Source,
    person: &Person,
    path: &Path,
    catalog: &Catalog,
    allow_outside: bool,
) -> Result<(Option<Source>, Log), Error> {
    let log_path = log_path(profile_src, &person.profile, path, allow_outside)?;
    read_log(log_path.as_deref(), catalog)
}

/// The path of the CEU log a profile (read from `path`) names, if any: within the
/// profile's folder unless `allow_outside`, existing, and noted as an input of the run.
fn log_path(
    profile_src: &Source,
    profile: &Profile,
    path: &Path,
    allow_outside: bool,
) -> Result<Option<std::path::PathBuf>, Error> {
    let Some(log_path) = log_location(profile_src, profile, path, allow_outside)? else {
        return Ok(None);
    };
    if !log_path.is_file() {
        // `ceu add` creates a log that does not exist, but replaces nothing else.
        let (what, expected) = match std::fs::metadata(&log_path) {
            Err(_) => (
                "does not exist",
                "the path of a log file, relative to the profile (`coderpath ceu add PROFILE …` creates it with the first entry)",
            ),
            Ok(m) if m.is_dir() => (
                "is a folder, not a file",
                "the path of a log file (a regular file), relative to the profile",
            ),
            Ok(_) => (
                "is not a regular file (a FIFO, device or socket)",
                "the path of a log file (a regular file), relative to the profile; move what is there aside, then `coderpath ceu add PROFILE …` creates the log with the first entry",
            ),
        };
        // Named as the profile writes it, at that line: the same wherever the command runs.
        let written = profile.ceu_log.as_deref().unwrap_or(Path::new(""));
        return Err(profile_src
            .at(
                "ceu_log",
                format!("CEU log {} {what}", quote(&written.display().to_string())),
            )
            .expected(expected)
            .into());
    }
    files::note_input(&log_path);
    Ok(Some(log_path))
}

/// Where the CEU log a profile (read from `path`) names is, whether or not it exists yet:
/// within the profile's folder unless `allow_outside`.
fn log_location(
    profile_src: &Source,
    profile: &Profile,
    path: &Path,
    allow_outside: bool,
) -> Result<Option<std::path::PathBuf>, Error> {
    let Some(written) = &profile.ceu_log else {
        return Ok(None);
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    within::resolve(dir, written, allow_outside)
        .map(Some)
        .map_err(|o| {
            profile_src
                .at("ceu_log", o.message("ceu_log"))
                .expected(Outside::expected(dir))
                .into()
        })
}

/// The CEU log at `log_path` (from [`log_path`]), loaded and validated; none gives an empty
/// log.
fn read_log(log_path: Option<&Path>, catalog: &Catalog) -> Result<(Option<Source>, Log), Error> {
    let Some(log_path) = log_path else {
        return Ok((None, Log::default()));
    };
    let src = Source::read(log_path)?;
    say::detail(&format!("CEU log: {}", terminal_line(src.name())));
    let log = Log::load(&src, catalog).map_err(Error::Inputs)?;
    Ok((Some(src), log))
}

/// One HTML page holding one rendered section.
fn html_page(
    global: &Global,
    title: &str,
    section: &str,
    model: &impl serde::Serialize,
) -> Result<String, Error> {
    let t = templates(global, Some(&[section]))?;
    t.page(title, |out| t.render_into([section], model, [out]))
}

/// One template (a Markdown report or listing) rendered alone.
fn render_one(global: &Global, name: &str, model: &impl serde::Serialize) -> Result<String, Error> {
    templates(global, Some(&[name]))?.render(name, model)
}

/// The templates `names` (all when `None`), with those in `--templates DIR` replacing them.
fn templates(global: &Global, names: Option<&[&str]>) -> Result<Templates, Error> {
    if let Some(dir) = &global.templates {
        for (name, _) in crate::render::templates::EMBEDDED {
            files::note_input(&dir.join(name));
        }
    }
    Templates::only(global.templates.as_deref(), names)
}

fn json(value: &impl serde::Serialize) -> String {
    crate::render::json::to_json(value)
}

/// Columns text output is fitted to: `COLUMNS` when set, else the terminal's width, else
/// (piped or redirected) [`PIPED_WIDTH`].
fn text_width() -> u16 {
    width_of(comfy_table::Table::new())
}

/// [`text_width`] for what goes to stderr, which may be a terminal while stdout is not (or
/// the other way round).
fn stderr_width() -> u16 {
    let mut table = comfy_table::Table::new();
    table.use_stderr();
    width_of(table)
}

/// `COLUMNS`, else the width of the terminal `table` is printed to, else [`PIPED_WIDTH`].
fn width_of(table: comfy_table::Table) -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c >= MIN_WIDTH)
        .or_else(|| table.width())
        .unwrap_or(PIPED_WIDTH)
        .max(MIN_WIDTH)
}

/// Rendered diagnostics fitted to the text width (colour codes would be counted as
/// columns, so coloured output is left as it is).
fn for_stderr(rendered: String, color: bool) -> String {
    if color {
        rendered
    } else {
        crate::render::wrap::fit_diagnostic(&rendered, stderr_width().into())
    }
}

/// Text width when stdout is not a terminal (a pager, a file, an e-mail).
const PIPED_WIDTH: u16 = 100;
/// The narrowest width text is fitted to.
const MIN_WIDTH: u16 = 20;

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

/// [`deliver`] for `value` as JSON, which goes to stdout as it is made (a long CEU log's
/// status need not be held whole first).
fn deliver_json(path: Option<&Path>, value: &impl serde::Serialize) -> Result<u8, Error> {
    match path {
        Some(_) => deliver(path, &json(value)),
        None => emit_with(|out| crate::render::json::write_json(value, out)),
    }
}
