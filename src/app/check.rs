//! `data check`, `data list` and `profile check`.

use std::io::IsTerminal;
use std::path::Path;

use chrono::NaiveDate;

use super::{emit, load_data, load_log, report, templates, text_width};
use crate::cli::{Global, ListArgs, ListFormat};
use crate::data::{DataSet, check};
use crate::error::{Diagnostic, EXIT_PROBLEMS, Error};
use crate::loader::Source;
use crate::person::log::Log;
use crate::person::profile::Profile;
use crate::person::roster::Roster;
use crate::render::lists::{ListFilter, list};

pub(super) fn data_check(global: &Global, as_of: NaiveDate) -> Result<u8, Error> {
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

pub(super) fn data_list(global: &Global, as_of: NaiveDate, args: &ListArgs) -> Result<u8, Error> {
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

pub(super) fn profile_check(
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
            match Roster::load(&src, global.allow_outside) {
                Ok((_, clients)) => {
                    for client in clients {
                        problems.extend(check_profile(
                            &client,
                            &data,
                            as_of,
                            global.allow_outside,
                        )?);
                    }
                }
                Err(ds) => problems.extend(ds),
            }
        } else {
            problems.extend(check_profile(file, &data, as_of, global.allow_outside)?);
        }
        if global.verbose {
            eprintln!("checked {name}");
        }
    }
    let failed = report(global, &problems);
    Ok(if failed { EXIT_PROBLEMS } else { 0 })
}

/// Problems in a profile and in the CEU log it names.
fn check_profile(
    path: &Path,
    data: &DataSet,
    as_of: NaiveDate,
    allow_outside: bool,
) -> Result<Vec<Diagnostic>, Error> {
    let src = Source::read(path)?;
    let profile = match Profile::load(&src, data, as_of) {
        Ok(p) => p,
        Err(ds) => return Ok(ds),
    };
    match load_log(&src, &profile, path, data, as_of, allow_outside) {
        Ok(_) => Ok(Vec::new()),
        Err(e) if !e.diagnostics().is_empty() => Ok(e.diagnostics().to_vec()),
        Err(e) => Err(e),
    }
}

fn is_log(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".ceus.yaml")
}

/// A roster is a mapping with a `clients` or `counsellor` key.
fn is_roster(src: &Source) -> bool {
    src.parse::<serde_yaml::Mapping>()
        .is_ok_and(|m| m.contains_key("clients") || m.contains_key("counsellor"))
}
