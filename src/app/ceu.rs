//! `ceu status | check | calendar | what-if` (the log's own commands are in `ceu_log`).

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{
    Loaded, deliver, deliver_json, emit, html_page, json, load_catalog, load_person, located,
    render_one, report_color, text_width,
};
use crate::cli::{CheckFormat, Global, ReportArgs, ReportFormat, WhatIfArgs, WhatIfFormat};
use crate::data::Catalog;
use crate::data::catalog::Credential;
use crate::data::model::InForceFor;
use crate::error::{Code, Diagnostic, Error, MAX_PER_FILE, Severity};
use crate::person::within::{self, Outside};
use crate::render::ics::calendar;
use crate::render::status::StatusView;
use crate::track;
use crate::track::audit::{Concern, Issue};

/// The tracker's status, with its failures pointed at the profile.
pub(super) fn track_status<'c>(
    p: &Loaded<'c>,
    catalog: &'c Catalog,
    as_of: NaiveDate,
) -> Result<track::Status<'c>, Error> {
    let status =
        track::status(&p.person, &p.log, catalog, as_of).map_err(|e| located(&p.profile_src, e))?;
    say_rulebooks(&status);
    // With `-v`: the default that decides between on track and behind, when one was judged.
    let running = status.bodies.iter().any(|b| {
        matches!(
            b.current.state,
            track::CycleState::OnTrack { .. } | track::CycleState::Behind { .. }
        )
    });
    if running {
        let a = &catalog.assumptions().pace_slack_months;
        super::say::detail(&format!(
            "assumption: Months of CEUs a running cycle may be short of an even pace before it is behind: {} — {}",
            crate::render::words::num(a.value.get()),
            a.note
        ));
    }
    Ok(status)
}

/// With `-v`: the rulebook each cycle shown was judged by.
fn say_rulebooks(status: &track::Status) {
    for b in &status.bodies {
        for c in b.ended.iter().chain([&b.current]) {
            let book = c.requirement.rulebook;
            super::say::detail(&format!(
                "rulebook for the {} cycle {} to {}: {} ({} from {})",
                b.body.as_str(),
                c.cycle.start,
                c.cycle.end,
                book.id,
                match book.in_force_for {
                    InForceFor::CyclesStarting => "cycles starting",
                    InForceFor::CyclesRunning => "cycles running",
                },
                book.effective_from
            ));
        }
    }
}

pub(super) fn ceu_status(
    global: &Global,
    as_of: NaiveDate,
    args: &ReportArgs,
) -> Result<u8, Error> {
    let format = args.output.resolve().map_err(Error::Usage)?;
    let catalog = load_catalog(global, as_of)?;
    let person = load_person(global, &catalog, as_of, &args.profile)?;
    let status = track_status(&person, &catalog, as_of)?;
    if let Some(d) = log_since_warning(&person.profile_src, &person.person, &person.log, as_of) {
        super::report(global, &[d]);
    }
    let view = StatusView::new(&status);
    let out = args.output.output.as_deref();
    let delivered = match format {
        ReportFormat::Text => deliver(
            out,
            &view.to_text(text_width(), report_color(global, &args.output)),
        ),
        ReportFormat::Md => deliver(out, &render_one(global, "status.md", &view)?),
        ReportFormat::Html => deliver(out, &html_page(global, &view.title, "status.html", &view)?),
        ReportFormat::Json => deliver_json(out, &status),
        ReportFormat::Context => deliver_json(out, &view),
    };
    // The process ends here: freeing a large log entry by entry would only lengthen the run
    // (about 0.6 ms for 10,000 entries), so its memory is left for the system to take back.
    std::mem::forget(person);
    delivered
}

pub(super) fn ceu_check(
    global: &Global,
    as_of: NaiveDate,
    path: &Path,
    format: CheckFormat,
) -> Result<u8, Error> {
    let catalog = load_catalog(global, as_of)?;
    let person = load_person(global, &catalog, as_of, path)?;
    let outside = outside_certificates(&person, global.allow_outside);
    let unread: HashSet<&Path> = outside.iter().map(|(p, _)| p.as_path()).collect();
    let audit = track::audit::audit(&person.person, &person.log, &catalog, as_of, &|p| {
        if unread.contains(p) {
            track::audit::CertificateFile::Unread
        } else {
            super::certificates::at(p)
        }
    });
    let mut on_profile: Vec<Diagnostic> =
        log_since_warning(&person.profile_src, &person.person, &person.log, as_of)
            .into_iter()
            .collect();
    let Some(src) = &person.log_src else {
        let (message, expected) = crate::render::audit_words::no_log();
        let mut d = person.profile_src.at("name", message).expected(expected);
        d = d.code(Code::NoCeuLog);
        d.severity = Severity::Warning;
        on_profile.push(d);
        return super::check::finish(global, format, on_profile);
    };
    // Findings and cautions, then certificates outside the folder, in line order.
    let mut problems: Vec<(usize, Said)> = audit
        .findings
        .iter()
        .map(|f| (f.line, Said::Finding(&f.issue)))
        .chain(
            audit
                .cautions
                .iter()
                .map(|c| (c.line, Said::Caution(&c.concern))),
        )
        .chain(outside.into_iter().map(|(_, d)| (d.line, Said::Outside(d))))
        .collect();
    problems.sort_by_key(|(line, _)| *line);
    // All of them are in the log, of which only the first MAX_PER_FILE problems are shown
    // and the rest counted (`cap_per_file`), so later findings stand in with their place
    // and severity only: a log with a finding on every line is checked in linear time and
    // little memory.
    let diagnostics = problems
        .into_iter()
        .enumerate()
        .map(|(i, (line, said))| {
            let shown = i < MAX_PER_FILE;
            let (severity, code, words) = match said {
                Said::Outside(d) => return d,
                Said::Finding(issue) => (
                    Severity::Error,
                    code(issue),
                    shown.then(|| crate::render::status_words::finding(issue)),
                ),
                Said::Caution(concern) => (
                    caution_severity(concern),
                    caution_code(concern),
                    shown.then(|| crate::render::audit_words::concern(concern)),
                ),
            };
            let (message, expected) = words.unwrap_or_default();
            let mut d = Diagnostic::new(src.name(), line, 1, message).code(code);
            d.severity = severity;
            if shown {
                src.with_excerpt(d.expected(expected))
            } else {
                d
            }
        })
        .collect::<Vec<_>>();
    on_profile.extend(diagnostics);
    super::check::finish(global, format, on_profile)
}

/// A warning at the profile's `ceu_log_since` when it is later than the log can have
/// started (see [`track::audit::log_since_late`]).
pub(super) fn log_since_warning(
    profile_src: &crate::loader::Source,
    person: &crate::person::profile::Person,
    log: &crate::person::log::Log,
    as_of: NaiveDate,
) -> Option<Diagnostic> {
    let late = track::audit::log_since_late(person, log, as_of)?;
    let (message, expected) = crate::render::audit_words::log_since_late(&late);
    let mut d = profile_src
        .at("ceu_log_since", message)
        .expected(expected)
        .code(Code::LogSinceLate);
    d.severity = Severity::Warning;
    Some(d)
}

/// What `ceu check` says at a line of the log.
enum Said<'a> {
    Finding(&'a Issue),
    Caution(&'a Concern),
    /// A certificate outside the log's folder, already a diagnostic.
    Outside(Diagnostic),
}

/// The stable code of an audit finding (`--format json`).
fn code(issue: &Issue) -> Code {
    match issue {
        Issue::Duplicate { .. } => Code::DuplicateEntry,
        Issue::NoApprovalIndex => Code::NoApprovalIndex,
        Issue::BeforeCertification { .. } => Code::BeforeCertification,
        Issue::CertificateMissing { .. } => Code::CertificateMissing,
        Issue::CertificateNotAFile { .. } => Code::CertificateMissing,
        Issue::CertificateShared { .. } => Code::CertificateShared,
        Issue::CheckpointNoCycle { .. } => Code::CheckpointNoCycle,
        Issue::AfterAsOf { .. } => Code::AfterAsOf,
        Issue::CheckpointDiffers { .. } => Code::CheckpointDiffers,
    }
}

/// The stable code of an audit caution (`--format json`).
fn caution_code(concern: &Concern) -> Code {
    match concern {
        Concern::CheckpointEvidence { .. } => Code::CheckpointEvidence,
        Concern::MissingDomain { .. } => Code::MissingDomain,
    }
}

/// How loudly a caution is said: a checkpoint the status uses is a note; an entry that
/// counts for less than it may is a warning.
fn caution_severity(concern: &Concern) -> Severity {
    match concern {
        Concern::CheckpointEvidence { .. } => Severity::Note,
        Concern::MissingDomain { .. } => Severity::Warning,
    }
}

/// Certificates that lead outside the log's folder: never looked at (unless
/// `--allow-outside`), each a problem at its entry.
fn outside_certificates(person: &Loaded, allow_outside: bool) -> Vec<(PathBuf, Diagnostic)> {
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
            let d = src.with_excerpt(
                Diagnostic::new(src.name(), e.line, 1, o.message("certificate"))
                    .expected(Outside::expected(dir)),
            );
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
    let catalog = load_catalog(global, as_of)?;
    let person = load_person(global, &catalog, as_of, path)?;
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

/// `ceu what-if --format json`: the change, the measures compared (in words, as the text
/// shows them) and both statuses in full (typed figures).
#[derive(serde::Serialize)]
struct WhatIfJson<'a> {
    schema_version: u32,
    as_of: NaiveDate,
    person: &'a str,
    add: &'a [String],
    drop: &'a [String],
    measures: &'a [crate::render::status::Change],
    /// Membership renewal dates the change assumed (see `track::whatif::AssumedRenewal`).
    assumed_renewals: &'a [track::whatif::AssumedRenewal],
    before: &'a track::Status<'a>,
    after: &'a track::Status<'a>,
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
    let person = load_person(global, &catalog, as_of, &args.profile)?;
    let add = credentials(&catalog, "--add", &args.add)?;
    let drop = credentials(&catalog, "--drop", &args.drop)?;
    let mut what: Vec<String> = args.add.iter().map(|a| format!("add {a}")).collect();
    what.extend(args.drop.iter().map(|d| format!("drop {d}")));
    let w = track::whatif::what_if(&person.person, &person.log, &catalog, as_of, &add, &drop)
        .map_err(|e| match e {
            track::whatif::WhatIfError::AlreadyHeld(id) => {
                Error::Usage(format!("--add {id}: already held"))
            }
            track::whatif::WhatIfError::NotHeld(id) => {
                Error::Usage(format!("--drop {id}: not held"))
            }
            track::whatif::WhatIfError::Track(t) => located(&person.profile_src, t),
            // The profile's own status is fine: the change asked for is the problem.
            track::whatif::WhatIfError::Changed(t) => {
                let (message, expected) = crate::render::problem(&t);
                Error::Usage(format!(
                    "with the change ({}): {message} (expected {expected})",
                    what.join(", ")
                ))
            }
        })?;
    let (before, after) = (&w.before, &w.after);
    let changes = crate::render::status::compare(before, after);
    let text = match args.format {
        WhatIfFormat::Json => json(&WhatIfJson {
            schema_version: track::SCHEMA_VERSION,
            as_of,
            person: &person.person.profile.name,
            add: &args.add,
            drop: &args.drop,
            measures: &changes,
            assumed_renewals: &w.assumed,
            before,
            after,
        }),
        WhatIfFormat::Text => {
            let table = crate::render::table::Table {
                title: format!(
                    "What if {} ({}), as of {as_of}",
                    person.person.profile.name,
                    what.join(", ")
                ),
                note: std::iter::once("Changed measures are marked *.".to_string())
                    .chain(w.assumed.iter().map(crate::render::status::assumed_renewal))
                    .collect::<Vec<_>>()
                    .join(" "),
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
