//! `data check`, `data list` and `profile check`.

use std::io::IsTerminal;
use std::path::Path;

use chrono::NaiveDate;

use super::{emit, json, load_catalog, load_log, render_one, report, text_width};
use crate::cli::{CheckFormat, Global, ListArgs, ListFormat};
use crate::data::{Catalog, DataSet};
use crate::error::{Diagnostic, EXIT_PROBLEMS, EXIT_USAGE, Error, Severity, cap_per_file};
use crate::loader::Source;
use crate::person::log::Log;
use crate::person::profile::Person;
use crate::person::roster::Roster;
use crate::render::lists::{ListFilter, list};
use crate::render::words::count;

pub(super) fn data_check(
    global: &Global,
    as_of: NaiveDate,
    format: CheckFormat,
) -> Result<u8, Error> {
    let data = match DataSet::load(global.data_dir.as_deref()) {
        Ok(d) => d,
        Err(e) if !e.diagnostics().is_empty() => {
            return finish(global, format, e.diagnostics().to_vec());
        }
        Err(e) => return Err(e),
    };
    let files = data.as_of_dates().len();
    let (_, problems) = Catalog::check(data, as_of);
    super::say::detail(&format!(
        "checked {}: {}",
        count(files, "data file", "data files"),
        count(problems.len(), "problem", "problems")
    ));
    finish(global, format, problems)
}

/// The JSON a check command prints with `--format json`.
#[derive(serde::Serialize)]
struct CheckReport<'a> {
    ok: bool,
    diagnostics: &'a [Diagnostic],
}

/// Reports what a check found — located problems on stderr, or JSON on stdout — and gives
/// the exit code: 1 when any is an error, else 0.
pub(super) fn finish(
    global: &Global,
    format: CheckFormat,
    problems: Vec<Diagnostic>,
) -> Result<u8, Error> {
    let problems = cap_per_file(problems);
    let failed = problems.iter().any(|d| d.severity == Severity::Error);
    match format {
        CheckFormat::Text => {
            report(global, &problems);
        }
        CheckFormat::Json => {
            emit(&json(&CheckReport {
                ok: !failed,
                diagnostics: &problems,
            }))?;
        }
    }
    Ok(if failed { EXIT_PROBLEMS } else { 0 })
}

/// Runs a check; with `--format json`, input errors that stop it (exit 2) are printed as
/// JSON too.
pub(super) fn checked(
    format: CheckFormat,
    run: impl FnOnce() -> Result<u8, Error>,
) -> Result<u8, Error> {
    match run() {
        Err(e) if format == CheckFormat::Json && !e.diagnostics().is_empty() => {
            emit(&json(&CheckReport {
                ok: false,
                diagnostics: &cap_per_file(e.diagnostics().to_vec()),
            }))?;
            Ok(EXIT_USAGE)
        }
        other => other,
    }
}

pub(super) fn data_list(global: &Global, as_of: NaiveDate, args: &ListArgs) -> Result<u8, Error> {
    if let Some(m) = args.max_cost
        && !(m.is_finite() && m >= 0.0)
    {
        return Err(Error::Usage(format!(
            "--max-cost {m}: expected a non-negative amount"
        )));
    }
    let data = load_catalog(global, as_of)?;
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
        ListFormat::Md => render_one(global, "list.md", &listing.table.md_escaped())?,
        ListFormat::Csv => listing.table.to_csv(),
        ListFormat::Json => json(&listing.records),
    };
    emit(&text)
}

pub(super) fn profile_check(
    global: &Global,
    as_of: NaiveDate,
    files: &[std::path::PathBuf],
    format: CheckFormat,
) -> Result<u8, Error> {
    checked(format, || profile_check_files(global, as_of, files, format))
}

fn profile_check_files(
    global: &Global,
    as_of: NaiveDate,
    files: &[std::path::PathBuf],
    format: CheckFormat,
) -> Result<u8, Error> {
    let data = load_catalog(global, as_of)?;
    let mut problems = Vec::new();
    // A profile named twice (on the command line and by a roster) is checked once.
    let mut seen = std::collections::HashSet::new();
    let mut first_time = |p: &Path| seen.insert(std::fs::canonicalize(p).unwrap_or(p.into()));
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
            problems.extend(Log::load(&src, &data).err().unwrap_or_default());
        } else if is_roster(&src) {
            match Roster::load(&src, global.allow_outside) {
                Ok((_, clients, repeats)) => {
                    problems.extend(repeats);
                    for client in clients {
                        match client.problem {
                            Some(d) => problems.push(d),
                            None if !first_time(&client.path) => {}
                            None => problems.extend(check_profile(
                                &client.path,
                                &data,
                                as_of,
                                global.allow_outside,
                            )?),
                        }
                    }
                }
                Err(ds) => problems.extend(ds),
            }
        } else if first_time(file) {
            problems.extend(check_profile(file, &data, as_of, global.allow_outside)?);
        }
        super::say::detail(&format!("checked {name}"));
    }
    finish(global, format, problems)
}

/// Problems in a profile and in the CEU log it names.
fn check_profile(
    path: &Path,
    data: &Catalog,
    as_of: NaiveDate,
    allow_outside: bool,
) -> Result<Vec<Diagnostic>, Error> {
    let src = Source::read(path)?;
    let person = match Person::load_partly(&src, data, as_of) {
        Ok(p) => p,
        Err(u) => {
            return Ok(super::unloaded(&src, u, |src, profile| {
                super::log_path(src, profile, path, allow_outside)
            }));
        }
    };
    match load_log(&src, &person, path, data, allow_outside) {
        Ok((_, log)) => Ok(super::ceu::log_since_warning(&src, &person, &log, as_of)
            .into_iter()
            .collect()),
        Err(e) if !e.diagnostics().is_empty() => Ok(e.diagnostics().to_vec()),
        Err(e) => Err(e),
    }
}

fn is_log(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".ceus.yaml")
}

/// A roster is a mapping with a `clients` or `counsellor` key.
fn is_roster(src: &Source) -> bool {
    src.parse::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>()
        .is_ok_and(|m| m.contains_key("clients") || m.contains_key("counsellor"))
}
