//! The CEU log's own commands: `ceu add`, `ceu list`, `ceu import`, `ceu remove`. Each takes
//! the person's profile (its `ceu_log` is the log, and the new totals are shown) or the log
//! itself; changes go through [`super::log_edit`], under the log's lock.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::ceu::track_status;
use super::load_person;
use super::log_edit::{
    Appended, Duplicates, append_entries, appended_checked, item_range, remove_item,
    removed_checked,
};
use super::{
    deliver, deliver_json, emit, load_catalog, load_profile, log_location, render_one, text_width,
};
use crate::cli::{
    AddArgs, CeuImportArgs, CeuListArgs, CeuRemoveArgs, CycleArg, DomainArg, Global, ListFormat,
};
use crate::data::Catalog;
use crate::error::Error;
use crate::loader::Source;
use crate::person::append::NewEntry;
use crate::person::import::{self, Field, Imported};
use crate::person::log::{Domain, Log};
use crate::person::profile::Person;
use crate::render::escape::{terminal, terminal_line};
use crate::render::register::{checkpoint_line, entry_line, standing};
use crate::render::status_words::totals;
use crate::render::wrap::{fold_yaml, wrap};
use crate::track::register::{CycleFilter, Filter, register};

/// The log a command works on, and the person when a profile was given.
struct Target<'c> {
    log: PathBuf,
    person: Option<(Source, Person<'c>)>,
}

/// Whether `path` holds a CEU log (a YAML list, or a new log named `*.ceus.yaml`) rather
/// than a profile; `-` is a profile on stdin. Any other path that does not exist is refused,
/// so a mistyped profile never starts a new log.
fn is_log(path: &Path) -> Result<bool, Error> {
    if path == Path::new("-") {
        return Ok(false);
    }
    if path.to_string_lossy().ends_with(".ceus.yaml") {
        return Ok(true);
    }
    if path.symlink_metadata().is_err() {
        return Err(missing(path));
    }
    let src = Source::read(path)?;
    let first = src.first_line();
    Ok(first.is_none_or(|l| l.starts_with('-') || l.starts_with('[')))
}

/// The error for a PROFILE that does not exist (and is not named like a new log), with a
/// file of a near name in its folder, if any.
fn missing(path: &Path) -> Error {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .take(1000)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    let options: Vec<&str> = names.iter().map(String::as_str).collect();
    let given = path.file_name().unwrap_or_default().to_string_lossy();
    let hint = crate::loader::closest(&given, &options).map_or(String::new(), |n| {
        format!("; did you mean {}?", path.with_file_name(n).display())
    });
    Error::Usage(format!(
        "{} does not exist; give the profile (or an existing CEU log, or a new log named NAME.ceus.yaml){}",
        terminal_line(&path.display().to_string()),
        terminal_line(&hint)
    ))
}

/// The log named by `path`: the profile's `ceu_log` (which may not exist yet), or the log
/// itself with a note that totals need the profile.
fn target<'c>(
    global: &Global,
    catalog: &'c Catalog,
    as_of: NaiveDate,
    path: &Path,
) -> Result<Target<'c>, Error> {
    if is_log(path)? {
        super::say::note(&format!(
            "{} is a CEU log; give the person's profile to see their totals",
            terminal(&path.display().to_string())
        ));
        super::say::detail(&format!(
            "CEU log: {}",
            terminal(&path.display().to_string())
        ));
        return Ok(Target {
            log: path.to_path_buf(),
            person: None,
        });
    }
    let (src, person) = load_profile(path, catalog, as_of, |src, profile| {
        log_location(src, profile, path, global.allow_outside)
    })?;
    let log =
        log_location(&src, &person.profile, path, global.allow_outside)?.ok_or_else(|| {
            Error::from(
                src.at("name", "this profile names no CEU log")
                    .expected("a line `ceu_log: NAME.ceus.yaml` (a path beside the profile)"),
            )
        })?;
    super::say::detail(&format!(
        "CEU log: {}",
        terminal(&log.display().to_string())
    ));
    Ok(Target {
        log,
        person: Some((src, person)),
    })
}

/// The log's current text (empty when it does not exist yet).
fn current(log: &Path) -> Result<Source, Error> {
    if log.exists() {
        Source::read(log)
    } else {
        Ok(Source::new(log.display().to_string(), String::new()))
    }
}

/// The new totals for each body, with the log's text as given, and (for `line`, an entry
/// of that text) whether each body counts that entry, and why not.
fn totals_with(
    t: &Target,
    text: &str,
    catalog: &Catalog,
    as_of: NaiveDate,
    line: Option<usize>,
) -> Result<(Vec<String>, Vec<String>), Error> {
    let Some((src, person)) = &t.person else {
        return Ok((Vec::new(), Vec::new()));
    };
    let log = Log::load(&Source::new(t.log.display().to_string(), text), catalog)
        .map_err(Error::Inputs)?;
    let status =
        crate::track::status(person, &log, catalog, as_of).map_err(|p| super::located(src, p))?;
    let counts = line.map_or_else(Vec::new, |line| {
        let listed = register(&status, &log, &Filter::default());
        listed
            .entries
            .iter()
            .filter(|r| r.entry.line == line)
            .flat_map(|r| &r.standing)
            .map(|s| format!("{}: {}", s.body.as_str(), standing(s, as_of)))
            .collect()
    });
    Ok((totals(&status), counts))
}

/// `entries` appended to `log` under its lock, or with `dry_run` only checked.
fn append(
    log: &Path,
    entries: &[NewEntry],
    catalog: &Catalog,
    duplicates: Duplicates,
    dry_run: bool,
) -> Result<Appended, Error> {
    if dry_run {
        appended_checked(&current(log)?, entries, catalog, duplicates)
    } else {
        append_entries(log, entries, catalog, duplicates)
    }
}

/// Prints `out` followed by the totals (under `heading`) the log's new `text` gives, and
/// whether each body counts the entry at `line` (the one just added).
fn finish(
    mut out: String,
    heading: &str,
    t: &Target,
    text: &str,
    catalog: &Catalog,
    as_of: NaiveDate,
    line: Option<usize>,
) -> Result<u8, Error> {
    let (totals, counts) = totals_with(t, text, catalog, as_of, line)?;
    out.push_str(&block(heading, &totals));
    out.push_str(&block("How it counts:", &counts));
    emit(&terminal(&out))
}

/// Each line of `text` fitted to the width, wrapping under itself (for prose; the YAML an
/// entry is written as is fitted by [`fit_yaml`]).
fn fit(text: &str) -> String {
    let width = usize::from(text_width());
    text.lines()
        .map(|l| {
            let indent = &l[..l.len() - l.trim_start().len()];
            wrap(l.trim_start(), width, indent, &format!("{indent}    "))
        })
        .collect()
}

/// An entry's YAML fitted to the width: long quoted values folded so that they read back
/// the same (see [`fold_yaml`]).
fn fit_yaml(yaml: &str) -> String {
    let width = usize::from(text_width());
    yaml.lines()
        .map(|l| fold_yaml(&terminal(l), width))
        .collect()
}

/// `lines` as an indented block under `heading`, or nothing.
fn block(heading: &str, lines: &[String]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let mut out = fit(heading);
    for l in lines {
        out.push_str(&fit(&format!("  {l}")));
    }
    out
}

/// A new entry on one line.
fn new_entry_line(e: &NewEntry) -> String {
    entry_line(e.date, &e.title, &e.provider, e.ceus)
}

/// The entry or checkpoint of `log` that starts on `line`, on one line.
fn item_line(log: &Log, line: usize) -> Option<String> {
    log.entries
        .iter()
        .find(|e| e.line == line)
        .map(|e| entry_line(e.date, &e.title, &e.provider, e.ceus))
        .or_else(|| {
            log.checkpoints
                .iter()
                .find(|c| c.line == line)
                .map(checkpoint_line)
        })
}

pub(super) fn add(global: &Global, as_of: NaiveDate, args: &AddArgs) -> Result<u8, Error> {
    let catalog = load_catalog(global, as_of)?;
    let entry = NewEntry {
        date: args.date,
        title: args.title.trim().to_string(),
        provider: args.provider.trim().to_string(),
        ceus: args.ceus.value,
        aapc_index: args.aapc_index.clone().filter(|i| !i.trim().is_empty()),
        topics: args.topics.clone(),
        domain: args.domain.map(|d| match d {
            DomainArg::Hiim => Domain::Hiim,
            DomainArg::Other => Domain::Other,
        }),
        ahima_sourced: args.ahima_sourced,
        certificate: args.certificate.clone(),
    };
    let problems = entry.problems(as_of, &catalog.topic_ids(), &args.ceus.text);
    if !problems.is_empty() {
        return Err(Error::Usage(problems.join("; ")));
    }
    let t = target(global, &catalog, as_of, &args.profile)?;
    // Given from the current folder; written relative to the log's folder.
    let mut entry = entry;
    if let Some(c) = &args.certificate {
        entry.certificate = Some(super::certificates::for_log(
            c,
            &t.log,
            global.allow_outside,
        )?);
    }
    let one = std::slice::from_ref(&entry);
    let done = append(&t.log, one, &catalog, Duplicates::Refuse, args.dry_run)?;
    let line = last_line(&t.log, &done, &catalog)?;
    let log = t.log.display();
    let out = if args.dry_run {
        fit(&format!(
            "Would add to {log} at line {line} (dry run: nothing written):"
        )) + &fit_yaml(&entry.to_yaml("\n"))
    } else {
        fit(&format!(
            "Added to {log} at line {line}:\n  {}",
            new_entry_line(&entry)
        ))
    };
    let heading = if args.dry_run {
        "Totals with it:"
    } else {
        "New totals:"
    };
    finish(out, heading, &t, &done.text, &catalog, as_of, Some(line))
}

/// The line the last entry of the new text starts on.
fn last_line(log: &Path, done: &Appended, catalog: &Catalog) -> Result<usize, Error> {
    let after = Log::load(
        &Source::new(log.display().to_string(), done.text.as_str()),
        catalog,
    )
    .map_err(Error::Inputs)?;
    Ok(after.entries.last().map_or(1, |e| e.line))
}

pub(super) fn list(global: &Global, as_of: NaiveDate, args: &CeuListArgs) -> Result<u8, Error> {
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
    let person = load_person(global, &catalog, as_of, &args.profile)?;
    let status = track_status(&person, &catalog, as_of)?;
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
    let reg = register(&status, &person.log, &filter);
    let table = crate::render::register::table(&reg, &filter);
    let out = args.output.as_deref();
    let text = match args.format {
        ListFormat::Text => table.to_text(
            text_width(),
            out.is_none() && global.color_for(std::io::stdout().is_terminal()),
        ),
        ListFormat::Md => render_one(global, "list.md", &table.md_escaped())?,
        ListFormat::Csv => table.to_csv(),
        ListFormat::Json => return deliver_json(out, &reg),
    };
    deliver(out, &text)
}

/// `--map COLUMN=FIELD` pairs, each field checked.
fn mappings(map: &[String]) -> Result<Vec<(String, Field)>, Error> {
    map.iter()
        .map(|m| {
            let (column, field) = m
                .rsplit_once('=')
                .ok_or_else(|| Error::Usage(format!("--map {m}: expected COLUMN=FIELD")))?;
            let names: Vec<&str> = import::FIELDS.iter().map(|(_, n, _)| *n).collect();
            let f = import::field_named(field).ok_or_else(|| {
                Error::Usage(format!(
                    "--map {m}: `{field}` is not a field; expected one of {}",
                    names.join(", ")
                ))
            })?;
            Ok((column.trim().to_string(), f))
        })
        .collect()
}

pub(super) fn import(global: &Global, as_of: NaiveDate, args: &CeuImportArgs) -> Result<u8, Error> {
    let catalog = load_catalog(global, as_of)?;
    let map = mappings(&args.map)?;
    let csv = Source::read(&args.csv)?;
    let found = import::import(csv.name(), csv.text(), &map, &catalog.topic_ids(), as_of)
        .map_err(Error::Inputs)?;
    let t = target(global, &catalog, as_of, &args.profile)?;
    // Appended oldest first, as the log is kept.
    let mut found = found;
    found.entries.sort_by_key(|f| (f.entry.date, f.line));
    let entries: Vec<NewEntry> = found.entries.iter().map(|f| f.entry.clone()).collect();
    let done = append(&t.log, &entries, &catalog, Duplicates::Skip, args.dry_run)?;
    let log = t.log.display();
    let rows = found.entries.len();
    let rows = crate::render::words::count(rows, "row", "rows");
    let mut out = fit(&if args.dry_run {
        format!(
            "Would import {} of {rows} into {log} (dry run: nothing written).",
            done.added
        )
    } else {
        format!("Imported {} of {rows} into {log}.", done.added)
    });
    let name = csv.name();
    let row_line = |f: &Imported| format!("{name}:{}  {}", f.line, new_entry_line(&f.entry));
    // A course the log has, and one another row of the file has (named by its row).
    let (mut in_log, mut in_file) = (Vec::new(), Vec::new());
    for s in &done.skipped {
        let row = row_line(&found.entries[s.index]);
        match s.earlier.and_then(|i| found.entries.get(i)) {
            Some(first) => in_file.push(format!(
                "{row}: repeats row {} of the file ({name}:{})",
                first.row, first.line
            )),
            None => in_log.push(format!("{row}: already at {}", s.at)),
        }
    }
    out.push_str(&block(
        "Skipped, already in the log (a course counts once):",
        &in_log,
    ));
    out.push_str(&block(
        &format!("Skipped, the same course as another row of {name} (a course counts once):"),
        &in_file,
    ));
    if args.dry_run {
        let skipped_rows: std::collections::HashSet<usize> =
            done.skipped.iter().map(|s| s.index).collect();
        let adding: Vec<String> = found
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| !skipped_rows.contains(i))
            .map(|(_, f)| row_line(f))
            .collect();
        out.push_str(&block("Would add:", &adding));
    }
    out.push_str(&block("Columns not used:", &found.unused_columns));
    let heading = if args.dry_run {
        "Totals with them:"
    } else {
        "New totals:"
    };
    finish(out, heading, &t, &done.text, &catalog, as_of, None)
}

pub(super) fn remove(global: &Global, as_of: NaiveDate, args: &CeuRemoveArgs) -> Result<u8, Error> {
    if args.profile == Path::new("-") && !(args.yes || args.dry_run) {
        return Err(Error::Usage(format!(
            "nothing removed: the profile is read from stdin (`-`), so the question cannot be asked there; add --yes to remove line {} without asking",
            args.line
        )));
    }
    let catalog = load_catalog(global, as_of)?;
    let t = target(global, &catalog, as_of, &args.profile)?;
    let old = Source::read(&t.log)?;
    let log = Log::load(&old, &catalog).map_err(Error::Inputs)?;
    let name = t.log.display();
    let not_an_item = || {
        Error::Usage(format!(
            "line {} of {name} is not where an entry or checkpoint starts; `coderpath ceu list` shows each entry's line",
            args.line
        ))
    };
    let range = item_range(&old, &log, args.line).ok_or_else(not_an_item)?;
    let item = item_line(&log, args.line).ok_or_else(not_an_item)?;
    let shown = &old.text()[range];
    let at = format!("line {} of {name}", args.line);
    if args.dry_run {
        let text = removed_checked(&old, args.line, shown, &catalog)?;
        let out = fit(&format!(
            "Would remove {at} (dry run: nothing written):\n  {item}"
        ));
        return finish(out, "Totals without it:", &t, &text, &catalog, as_of, None);
    }
    if !args.yes && !confirm(&at, &item, shown)? {
        super::say::status("Nothing removed.");
        return Ok(0);
    }
    remove_item(&t.log, args.line, shown, &catalog)?;
    let text = current(&t.log)?;
    let out = fit(&format!("Removed {at}:\n  {item}"));
    finish(out, "New totals:", &t, text.text(), &catalog, as_of, None)
}

/// Asks on the terminal whether to remove the `item` at `at`, showing its lines as written
/// (`shown`); without a terminal, refuses and says how to go ahead.
fn confirm(at: &str, item: &str, shown: &str) -> Result<bool, Error> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(format!(
            "nothing removed: not asked (stdin is not a terminal); add --yes to remove {at} ({}) without asking",
            terminal_line(item)
        )));
    }
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "{}{}Remove it? [y/N] ",
        terminal(&fit(&format!("Remove {at}:\n  {item}"))),
        terminal(shown)
    );
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|source| Error::Read {
            path: "<stdin>".into(),
            source,
        })?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
