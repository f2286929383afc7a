//! `ceu status | add | check | calendar | what-if`.

use std::io::IsTerminal;
use std::path::Path;

use chrono::NaiveDate;

use super::{
    deliver, emit, html_page, json, load_catalog, load_log, load_profile, located, report_color,
    templates, text_width, write_atomic,
};
use crate::cli::{
    AddArgs, CeuListArgs, CheckFormat, CycleArg, DomainArg, Global, ListFormat, ReportArgs,
    ReportFormat, WhatIfArgs, WhatIfFormat,
};
use crate::data::Catalog;
use crate::data::catalog::Credential;
use crate::error::{Diagnostic, Error};
use crate::loader::Source;
use crate::person::append::{NewEntry, append};
use crate::person::log::{Domain, Log};
use crate::person::profile::Person;
use crate::render::ics::calendar;
use crate::render::status::StatusView;
use crate::track;
use crate::track::register::{CycleFilter, Filter, register};

/// A person's profile and CEU log, loaded and validated.
struct Loaded<'c> {
    profile_src: Source,
    person: Person<'c>,
    log_src: Option<Source>,
    log: Log,
}

fn load_person<'c>(
    catalog: &'c Catalog,
    as_of: NaiveDate,
    path: &Path,
) -> Result<Loaded<'c>, Error> {
    let (profile_src, person) = load_profile(path, catalog, as_of)?;
    let (log_src, log) = load_log(&profile_src, &person, path, catalog)?;
    Ok(Loaded {
        profile_src,
        person,
        log_src,
        log,
    })
}

/// The tracker's status, with its failures pointed at the profile.
fn track_status<'c>(
    p: &Loaded<'c>,
    catalog: &'c Catalog,
    as_of: NaiveDate,
) -> Result<track::Status<'c>, Error> {
    track::status(&p.person, &p.log, catalog, as_of).map_err(|e| located(&p.profile_src, e))
}

pub(super) fn ceu_status(
    global: &Global,
    as_of: NaiveDate,
    args: &ReportArgs,
) -> Result<u8, Error> {
    let format = args.output.resolve().map_err(Error::Usage)?;
    let catalog = load_catalog(global, as_of)?;
    let person = load_person(&catalog, as_of, &args.profile)?;
    let status = track_status(&person, &catalog, as_of)?;
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
    let catalog = load_catalog(global, as_of)?;
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
    let known = catalog.topic_ids();
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
    let before =
        Log::load(&Source::new(name.clone(), existing.clone()), &catalog).map_err(Error::Inputs)?;
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
    let after = Log::load(&Source::new(name.clone(), text.clone()), &catalog)
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

pub(super) fn ceu_check(
    global: &Global,
    as_of: NaiveDate,
    path: &Path,
    format: CheckFormat,
) -> Result<u8, Error> {
    let catalog = load_catalog(global, as_of)?;
    let person = load_person(&catalog, as_of, path)?;
    let findings = track::audit::audit(&person.person, &person.log, &catalog, as_of, &|p| {
        p.is_file()
    });
    let Some(src) = &person.log_src else {
        return super::check::finish(global, format, Vec::new());
    };
    let diagnostics: Vec<Diagnostic> = findings
        .iter()
        .map(|f| {
            let (message, expected) = crate::render::status_words::finding(&f.issue);
            Diagnostic::new(src.name(), f.line, 1, message)
                .expected(expected)
                .with_excerpt(src.text())
        })
        .collect();
    super::check::finish(global, format, diagnostics)
}

pub(super) fn ceu_calendar(
    global: &Global,
    as_of: NaiveDate,
    path: &Path,
    output: Option<&Path>,
) -> Result<u8, Error> {
    let catalog = load_catalog(global, as_of)?;
    let person = load_person(&catalog, as_of, path)?;
    let status = track_status(&person, &catalog, as_of)?;
    let events = crate::render::calendar::calendar_events(&status, &catalog);
    let text = calendar(
        &format!("CEU renewals for {}", status.person),
        &events,
        as_of,
    );
    deliver(output, &text)
}

/// Credentials named on the command line, or a usage error with a hint.
fn credentials<'c>(
    catalog: &'c Catalog,
    flag: &str,
    ids: &[String],
) -> Result<Vec<&'c Credential>, Error> {
    ids.iter()
        .map(|id| {
            catalog
                .find::<Credential>(id)
                .map(|x| catalog.get(x))
                .ok_or_else(|| {
                    let known = catalog.ids::<Credential>();
                    let hint = crate::loader::closest(id, &known)
                        .map_or(String::new(), |b| format!("; did you mean {b}?"));
                    Error::Usage(format!("{flag} {id}: no such credential{hint}"))
                })
        })
        .collect()
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
    let catalog = load_catalog(global, as_of)?;
    let person = load_person(&catalog, as_of, &args.profile)?;
    let add = credentials(&catalog, "--add", &args.add)?;
    let drop = credentials(&catalog, "--drop", &args.drop)?;
    let (before, after) =
        track::whatif::what_if(&person.person, &person.log, &catalog, as_of, &add, &drop).map_err(
            |e| match e {
                track::whatif::WhatIfError::AlreadyHeld(id) => {
                    Error::Usage(format!("--add {id}: already held"))
                }
                track::whatif::WhatIfError::NotHeld(id) => {
                    Error::Usage(format!("--drop {id}: not held"))
                }
                track::whatif::WhatIfError::Track(t) => located(&person.profile_src, t),
            },
        )?;
    let changes = crate::render::status::compare(&before, &after);
    let text = match args.format {
        WhatIfFormat::Json => json(&changes),
        WhatIfFormat::Text => {
            let mut what: Vec<String> = args.add.iter().map(|a| format!("add {a}")).collect();
            what.extend(args.drop.iter().map(|d| format!("drop {d}")));
            let table = crate::render::table::Table {
                title: format!(
                    "What if {} ({}), as of {as_of}",
                    person.person.profile.name,
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
                            c.body.clone(),
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

pub(super) fn ceu_list(global: &Global, as_of: NaiveDate, args: &CeuListArgs) -> Result<u8, Error> {
    let catalog = load_catalog(global, as_of)?;
    if let Some(t) = &args.topic
        && !catalog
            .topic_ids()
            .iter()
            .any(|id| id.eq_ignore_ascii_case(t))
    {
        let hint = crate::loader::closest(t, &catalog.topic_ids())
            .map_or(String::new(), |b| format!("; did you mean {b}?"));
        return Err(Error::Usage(format!(
            "--topic {t}: not a competency or credential id{hint}"
        )));
    }
    let person = load_person(&catalog, as_of, &args.profile)?;
    let status = track_status(&person, &catalog, as_of)?;
    let filter = Filter {
        body: args.body,
        cycle: match args.cycle {
            CycleArg::Current => CycleFilter::Current,
            CycleArg::Previous => CycleFilter::Previous,
            CycleArg::All => CycleFilter::All,
        },
        provider: args.provider.clone(),
        topic: args.topic.clone(),
    };
    if let Some(b) = args.body
        && !status.bodies.iter().any(|s| s.body == b)
    {
        return Err(Error::Usage(format!(
            "--body {}: {} holds no {} credential",
            b.as_str(),
            status.person,
            b.as_str()
        )));
    }
    let reg = register(&status, &person.log, &filter);
    let table = crate::render::register::table(&reg, &filter);
    let text = match args.format {
        ListFormat::Text => table.to_text(
            text_width(),
            args.output.is_none() && global.color_for(std::io::stdout().is_terminal()),
        ),
        ListFormat::Md => templates(global)?.render("list.md", &table.md_escaped())?,
        ListFormat::Csv => table.to_csv(),
        ListFormat::Json => json(&reg),
    };
    deliver(args.output.as_deref(), &text)
}
