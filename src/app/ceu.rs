//! `ceu status | add | check | calendar | what-if`.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::log_edit::append_entries;
use super::{
    deliver, emit, html_page, json, load_data, load_log, load_profile, report, report_color,
    templates, text_width,
};
use crate::cli::{AddArgs, DomainArg, Global, ReportArgs, ReportFormat, WhatIfArgs, WhatIfFormat};
use crate::data::DataSet;
use crate::error::{Diagnostic, EXIT_PROBLEMS, Error};
use crate::loader::Source;
use crate::person::append::NewEntry;
use crate::person::log::{Domain, Log};
use crate::person::profile::Profile;
use crate::person::within::{self, Outside};
use crate::render::ics::calendar;
use crate::render::status::StatusView;
use crate::track;

/// A person's profile and CEU log, loaded and validated.
struct Person {
    profile_src: Source,
    profile: Profile,
    log_src: Option<Source>,
    log: Log,
}

fn load_person(
    global: &Global,
    data: &DataSet,
    as_of: NaiveDate,
    path: &Path,
) -> Result<Person, Error> {
    let (profile_src, profile) = load_profile(path, data, as_of)?;
    let (log_src, log) = load_log(
        &profile_src,
        &profile,
        path,
        data,
        as_of,
        global.allow_outside,
    )?;
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

pub(super) fn ceu_status(
    global: &Global,
    as_of: NaiveDate,
    args: &ReportArgs,
) -> Result<u8, Error> {
    let format = args.output.resolve().map_err(Error::Usage)?;
    let data = load_data(global, as_of)?;
    let person = load_person(global, &data, as_of, &args.profile)?;
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

pub(super) fn ceu_add(global: &Global, as_of: NaiveDate, args: &AddArgs) -> Result<u8, Error> {
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
    let known = data.topic_ids();
    let problems = entry.problems(as_of, &known);
    if !problems.is_empty() {
        return Err(Error::Usage(problems.join("; ")));
    }
    if let Some(c) = &entry.certificate {
        let dir = args.log.parent().unwrap_or(Path::new(""));
        within::resolve(dir, c, global.allow_outside).map_err(|o| {
            Error::Usage(format!(
                "--certificate: {} (expected {})",
                o.message("certificate"),
                Outside::expected(dir)
            ))
        })?;
    }
    if args.dry_run {
        return emit(&entry.to_yaml("\n"));
    }
    append_entries(&args.log, std::slice::from_ref(&entry), &data, as_of)?;
    if global.verbose {
        eprintln!(
            "added to {}:\n{}",
            args.log.display(),
            crate::render::escape::terminal(&entry.to_yaml("\n"))
        );
    }
    Ok(0)
}

pub(super) fn ceu_check(global: &Global, as_of: NaiveDate, path: &Path) -> Result<u8, Error> {
    let data = load_data(global, as_of)?;
    let person = load_person(global, &data, as_of, path)?;
    let outside = outside_certificates(&person, global.allow_outside);
    let unread: HashSet<&Path> = outside.iter().map(|(p, _)| p.as_path()).collect();
    let (problems, reconciled) = track::audit::audit(&person.profile, &person.log, &data, &|p| {
        unread.contains(p) || p.is_file()
    });
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
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            Diagnostic::new(src.name(), p.line, 1, p.message)
                .expected(p.expected)
                .with_excerpt(src.text())
        })
        .collect();
    diagnostics.extend(outside.into_iter().map(|(_, d)| d));
    diagnostics.sort_by_key(|d| d.line);
    Ok(if report(global, &diagnostics) {
        EXIT_PROBLEMS
    } else {
        0
    })
}

/// Certificates that lead outside the log's folder: never looked at (unless
/// `--allow-outside`), each a problem at its entry.
fn outside_certificates(person: &Person, allow_outside: bool) -> Vec<(PathBuf, Diagnostic)> {
    let Some(src) = &person.log_src else {
        return Vec::new();
    };
    let dir = Path::new(src.name()).parent().unwrap_or(Path::new(""));
    person
        .log
        .entries
        .iter()
        .filter_map(|e| {
            let cert = e.certificate.as_ref()?;
            let written = cert.strip_prefix(dir).unwrap_or(cert);
            let o = within::resolve(dir, written, allow_outside).err()?;
            let d = Diagnostic::new(src.name(), e.line, 1, o.message("certificate"))
                .expected(Outside::expected(dir))
                .with_excerpt(src.text());
            Some((cert.clone(), d))
        })
        .collect()
}

pub(super) fn ceu_calendar(
    global: &Global,
    as_of: NaiveDate,
    path: &Path,
    output: Option<&Path>,
) -> Result<u8, Error> {
    let data = load_data(global, as_of)?;
    let person = load_person(global, &data, as_of, path)?;
    let status = track_status(&person, &data, as_of)?;
    let events = crate::render::status::calendar_events(&status, &data);
    let text = calendar(
        &format!("CEU renewals for {}", status.person),
        &events,
        as_of,
    );
    deliver(output, &text)
}

pub(super) fn ceu_what_if(
    global: &Global,
    as_of: NaiveDate,
    args: &WhatIfArgs,
) -> Result<u8, Error> {
    if args.add.is_empty() && args.drop.is_empty() {
        return Err(Error::Usage(
            "say what to change: --add CREDENTIAL and/or --drop CREDENTIAL".into(),
        ));
    }
    let data = load_data(global, as_of)?;
    let person = load_person(global, &data, as_of, &args.profile)?;
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
