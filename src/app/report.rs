//! `coderpath report`: every client of a roster planned and/or tracked in parallel, one
//! page per client (`clients/<name>.html`, `.md`, optionally `.json`), an overview page
//! (`index.html`) and a CSV (`summary.csv`). Output order and bytes do not depend on the
//! number of threads. A client whose files are broken — or whose report hits a bug
//! (a panic) — is listed as failed and costs only that client.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};

use super::files::{check_not_input, note_input, target::write_error};
use super::parallel::{QuietPanics, par_map};
use super::{Global, load_catalog, log_path, read_log, report, templates, write_replace};
use super::{folder, interrupt};
use crate::cli::RosterArgs;
use crate::data::Catalog;
use crate::error::{Diagnostic, EXIT_PROBLEMS, Error};
use crate::loader::Source;
use crate::person::profile::Person;
use crate::person::roster::{Found, Roster};
use crate::render::escape::terminal_line;
use crate::render::plan::PlanView;
use crate::render::status::StatusView;
use crate::render::templates::Templates;
use crate::render::words::{count, noun};
use crate::report::{
    Ceus, ClientHeader, Overview, Row, Upcoming, failed_row, manifest, names, row, skipped_folder,
    table, upcoming,
};

/// Marks a directory as made by `coderpath report`, so later runs may write into it.
const MARKER: &str = ".coderpath-report";

/// The folder of client pages inside `--out`.
const CLIENTS: &str = "clients";

/// The extensions of a client's pages: HTML, Markdown and, with `--json`, JSON.
const PAGES: [&str; 3] = ["html", "md", "json"];

pub(super) fn run(global: &Global, as_of: NaiveDate, args: &RosterArgs) -> Result<u8, Error> {
    // Ctrl-C stops the run between files, never in the middle of one (see `interrupt`).
    let _signals = interrupt::Guard::install();
    let data = load_catalog(global, as_of)?;
    let templates = templates(global, None)?;
    let input = clients(&args.input, global)?;
    check_out(&args.out, args.force)?;
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let progress = progress_bar(global, input.clients.len());
    let quiet = QuietPanics::install();
    progress.set_message("reading profiles");
    let loaded = par_map(&input.clients, jobs, &progress, |c| {
        if interrupt::requested() {
            return Err(Failure::Other("interrupted".into()));
        }
        load_client(c, &data, as_of, global.allow_outside)
    });
    stop_if_asked(&progress)?;
    let loaded: Vec<Result<Loaded, Failure>> = loaded
        .into_iter()
        .map(|r| r.unwrap_or_else(|panic| Err(Failure::Panic(panic))))
        .collect();
    let sources: Vec<String> = input
        .clients
        .iter()
        .map(|c| relative(&c.path, &input.base))
        .collect();
    // A client is named by their profile (as far as it could be read), or by its file name.
    let client_names: Vec<String> = loaded
        .iter()
        .zip(&input.clients)
        .map(|(l, c)| match l {
            Ok(l) => l.person.profile.name.clone(),
            Err(Failure::Profile(_, Some(name))) => name.clone(),
            Err(_) => c
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        })
        .collect();
    let stems = names::unique_stems(
        loaded
            .iter()
            .zip(&input.clients)
            .zip(&client_names)
            .zip(&sources)
            .map(|(((l, c), name), source)| {
                let name = match l {
                    Ok(_) => name.as_str(),
                    Err(_) => c.path.file_stem().and_then(|s| s.to_str()).unwrap_or(""),
                };
                (name, source.as_str())
            }),
    );
    // Every output is checked against the inputs (profiles, logs, the roster) before the
    // first is written, so a refused run leaves the folder as it was. In a folder that does
    // not exist yet, no input can be.
    for l in loaded.iter().flatten() {
        if let Some(log) = &l.log {
            note_input(log);
        }
    }
    if std::fs::symlink_metadata(&args.out).is_ok() {
        let pages = stems.iter().flat_map(|stem| {
            PAGES[..if args.writes_json() { 3 } else { 2 }]
                .iter()
                .map(move |ext| args.out.join(format!("{CLIENTS}/{stem}.{ext}")))
        });
        let overview_files = [MARKER, "index.html", "summary.csv", manifest::FILE];
        for path in pages.chain(overview_files.map(|f| args.out.join(f))) {
            check_not_input(&path)?;
        }
    }
    make_out(&args.out)?;
    progress.set_message("writing reports");
    let setup = Setup {
        data: &data,
        templates: &templates,
        as_of,
        json: args.writes_json(),
        counsellor: input.roster.as_ref().and_then(|r| r.counsellor.as_deref()),
        organisation: input
            .roster
            .as_ref()
            .and_then(|r| r.organisation.as_deref()),
        out: &args.out,
    };
    let work: Vec<usize> = (0..input.clients.len()).collect();
    let results = par_map(&work, jobs, &progress, |&i| {
        if interrupt::requested() {
            return Err(Failure::Other("interrupted".into()));
        }
        let file = format!("{CLIENTS}/{}", stems[i]);
        match &loaded[i] {
            Ok(l) => client(&setup, l, &sources[i], &file),
            Err(e) => Err(e.clone()),
        }
    });
    drop(quiet);
    stop_if_asked(&progress)?;
    progress.finish_and_clear();
    let mut rows = Vec::with_capacity(results.len());
    let mut deadlines = Vec::new();
    let mut written = BTreeSet::new();
    let mut located = Vec::new();
    for (i, r) in results.into_iter().enumerate() {
        match r.unwrap_or_else(|panic| Err(Failure::Panic(panic))) {
            Ok(done) => {
                rows.push(done.row);
                deadlines.extend(done.deadlines);
                written.extend(done.pages);
            }
            Err(failure) => {
                let message = match failure {
                    Failure::Located(ds) | Failure::Profile(ds, _) => {
                        // Located from the roster's folder, as the Profile column is: the
                        // same wherever the report was run from, and no absolute paths.
                        let text: Vec<String> = ds
                            .iter()
                            .map(|d| {
                                let file = relative(Path::new(&d.file), &input.base);
                                Diagnostic { file, ..d.clone() }.to_string()
                            })
                            .collect();
                        located.extend(ds);
                        text.join("\n")
                    }
                    Failure::Other(m) | Failure::Panic(m) => {
                        eprintln!(
                            "error: {}: {}\n",
                            terminal_line(&sources[i]),
                            terminal_line(&m)
                        );
                        m
                    }
                };
                rows.push(failed_row(&client_names[i], &sources[i], message));
            }
        }
    }
    let stale = stale_pages(&args.out, &written, args.force)?;
    let mut overview = Overview::new(
        setup.counsellor,
        setup.organisation,
        as_of,
        &rows,
        deadlines,
        stale.clone(),
    );
    overview.notes = input.skipped.clone();
    write_replace(
        &args.out.join("index.html"),
        &templates.render("index.html", &overview)?,
    )?;
    let bom = if args.no_bom { "" } else { "\u{feff}" };
    write_replace(
        &args.out.join("summary.csv"),
        &format!("{bom}{}", table(&rows).to_csv()),
    )?;
    written.extend(stale);
    write_replace(&args.out.join(manifest::FILE), &manifest::format(&written))?;
    interrupt::check()?;
    report(global, &located);
    let summary = crate::render::table::Table::new(
        format!(
            "{} → {}",
            args.input.display(),
            args.out.join("index.html").display()
        ),
        &["", "Clients"],
        overview
            .counts
            .iter()
            .map(|(k, v)| vec![k.clone(), v.to_string()])
            .collect(),
    );
    if !super::say::quiet() {
        super::emit(&summary.to_text(super::text_width(), false))?;
    }
    Ok(if rows.iter().any(|r| r.stage == "failed") {
        EXIT_PROBLEMS
    } else {
        0
    })
}

/// Ends the run with [`Error::Interrupted`] if a signal asked it to stop (clearing the
/// progress bar first).
fn stop_if_asked(progress: &ProgressBar) -> Result<(), Error> {
    if interrupt::requested() {
        progress.finish_and_clear();
    }
    interrupt::check()
}

fn progress_bar(global: &Global, clients: usize) -> ProgressBar {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) || global.quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(2 * clients as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}

/// The clients of a run: from a roster file or a folder of profiles.
struct Input {
    roster: Option<Roster>,
    /// The folder client paths are shown relative to.
    base: PathBuf,
    clients: Vec<Found>,
    /// Subfolders of a folder of profiles that were not read, in words.
    skipped: Vec<String>,
}

/// The roster (if the input is one) and the client profiles, in order; warns of clients
/// listed twice.
fn clients(input: &Path, global: &Global) -> Result<Input, Error> {
    let allow_outside = global.allow_outside;
    if input.is_dir() {
        let tree = folder::profiles(input, allow_outside).map_err(|source| Error::Read {
            path: input.display().to_string(),
            source,
        })?;
        let skipped: Vec<String> = tree
            .skipped
            .iter()
            .map(|(dir, why)| skipped_folder(&relative(dir, Path::new("")), why))
            .collect();
        for note in &skipped {
            super::say::warning(note);
        }
        if tree.clients.is_empty() {
            return Err(Error::Usage(format!(
                "{}: no profiles (*.yaml) in this directory or its subfolders",
                input.display()
            )));
        }
        return Ok(Input {
            roster: None,
            base: input.to_path_buf(),
            clients: tree.clients,
            skipped,
        });
    }
    note_input(input);
    let src = Source::read(input)?;
    let (roster, clients, repeats) = Roster::load(&src, allow_outside).map_err(Error::Inputs)?;
    super::report(global, &repeats);
    Ok(Input {
        roster: Some(roster),
        base: input.parent().map(Path::to_path_buf).unwrap_or_default(),
        clients,
        skipped: Vec::new(),
    })
}

/// `path` relative to `base`, with `/` separators (as shown and hashed for names).
fn relative(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .filter(|c| *c != std::path::Component::CurDir)
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Checks that coderpath may write into the output folder: a new one, an empty one, one it
/// made before, or any with `--force`.
fn check_out(out: &Path, force: bool) -> Result<(), Error> {
    let werr = |source| write_error(out, source);
    if out.exists() {
        if !out.is_dir() {
            return Err(Error::Usage(format!(
                "{} is not a directory; --out names the folder for the reports",
                out.display()
            )));
        }
        let ours = out.join(MARKER).is_file();
        let empty = only_leftovers(out).map_err(werr)?;
        if !ours && !empty && !force {
            return Err(Error::Usage(format!(
                "{} exists and was not made by coderpath; choose another --out or add --force",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Whether `out` is empty but for what a first run stopped before it marked the folder
/// left: temporary files, and a `clients` folder of nothing else.
fn only_leftovers(out: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(out)? {
        let entry = entry?;
        let name = entry.file_name();
        let temporary = name.to_str().is_some_and(super::files::tmp::is_temporary);
        let clients = name == CLIENTS && entry.file_type()?.is_dir() && {
            let inside = std::fs::read_dir(entry.path())?;
            inside.flatten().all(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(super::files::tmp::is_temporary)
            })
        };
        if !temporary && !clients {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Makes the report folder (see [`check_out`]) and marks it as coderpath's.
fn make_out(out: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(out.join(CLIENTS)).map_err(|source| write_error(out, source))?;
    write_replace(
        &out.join(MARKER),
        "Made by coderpath report; later runs may replace the reports here.\n",
    )
}

/// Pages listed in the previous run's manifest that this run did not write: removed with
/// `--force`, else kept, named in a warning and returned (so the overview lists them).
fn stale_pages(out: &Path, written: &BTreeSet<String>, force: bool) -> Result<Vec<String>, Error> {
    let previous = std::fs::read_to_string(out.join(manifest::FILE))
        .map(|t| manifest::parse(&t))
        .unwrap_or_default();
    let stale: Vec<String> = previous.difference(written).cloned().collect();
    if force {
        for page in &stale {
            match std::fs::remove_file(out.join(page)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(write_error(&out.join(page), e));
                }
                _ => {}
            }
        }
        if !stale.is_empty() {
            super::say::detail(&format!(
                "removed {} of clients no longer in the roster",
                count(stale.len(), "page", "pages")
            ));
        }
        return Ok(Vec::new());
    }
    let stale: Vec<String> = stale
        .into_iter()
        .filter(|p| out.join(p).is_file())
        .collect();
    if !stale.is_empty() {
        super::say::warning(&format!(
            "{} of clients no longer in the roster {} still in {}: {}; run with --force to remove them\n",
            count(stale.len(), "page", "pages"),
            noun(stale.len(), "is", "are"),
            out.display(),
            stale.join(", ")
        ));
    }
    Ok(stale)
}

/// Why a client failed: located problems in their files (every one found, at least one),
/// those of a profile with the name it gives (when that could be read), another error, or a
/// bug.
#[derive(Clone)]
enum Failure {
    Located(Vec<Diagnostic>),
    Profile(Vec<Diagnostic>, Option<String>),
    Other(String),
    Panic(String),
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Located(vec![d])
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e.diagnostics() {
            [] => Failure::Other(e.to_string()),
            ds => Failure::Located(ds.to_vec()),
        }
    }
}

/// A client's profile, read and validated, and where their CEU log is (read when their
/// report is made, so the logs of all clients are never in memory at once).
struct Loaded<'c> {
    src: Source,
    person: Person<'c>,
    log: Option<PathBuf>,
}

fn load_client<'c>(
    c: &Found,
    data: &'c Catalog,
    as_of: NaiveDate,
    allow_outside: bool,
) -> Result<Loaded<'c>, Failure> {
    if let Some(d) = &c.problem {
        return Err(Failure::Located(vec![d.clone()]));
    }
    if let Some(why) = &c.outside {
        return Err(Failure::Other(format!(
            "{} {why}; it is not read (--allow-outside reads it)",
            c.path.display()
        )));
    }
    note_input(&c.path);
    let src = Source::read(&c.path)?;
    let person = Person::load_partly(&src, data, as_of).map_err(|u| {
        let name = u.profile.map(|p| p.name).filter(|n| !n.trim().is_empty());
        if u.problems.is_empty() {
            Failure::Other("the profile is not valid".into())
        } else {
            Failure::Profile(u.problems, name)
        }
    })?;
    let named = |e: Error| match Failure::from(e) {
        Failure::Located(ds) => Failure::Profile(ds, Some(person.profile.name.clone())),
        other => other,
    };
    let log = log_path(&src, &person.profile, &c.path, allow_outside).map_err(named)?;
    Ok(Loaded { src, person, log })
}

/// What every client's report is made with.
struct Setup<'a> {
    data: &'a Catalog,
    templates: &'a Templates,
    as_of: NaiveDate,
    json: bool,
    counsellor: Option<&'a str>,
    organisation: Option<&'a str>,
    out: &'a Path,
}

/// A client's written report.
struct Done {
    row: Row,
    deadlines: Vec<Upcoming>,
    /// The pages written, relative to `--out`.
    pages: Vec<String>,
}

/// Plans and/or tracks one client and writes their pages at `file` (relative to `--out`,
/// without extension).
fn client(setup: &Setup, l: &Loaded, source: &str, file: &str) -> Result<Done, Failure> {
    let (person, as_of) = (&l.person, setup.as_of);
    let profile = &person.profile;
    let (_, log) = read_log(l.log.as_deref(), setup.data)?;
    let problem = |p: crate::person::Problem| {
        let (message, expected) = crate::render::problem(&p);
        l.src.at(p.path(), message).expected(expected)
    };
    // Every client gets a plan: a credential holder's shows apprentice-status removal, the
    // first renewal and advancement (the target defaults to a credential held).
    let plan = crate::plan::plan(person, &log, setup.data, as_of).map_err(problem)?;
    // A holder whose CEUs cannot be tracked (no renewal date, say) still gets the plan, whose
    // warnings say what the profile lacks; the page and the overview say it is not tracked.
    let (status, untracked) = if person.credentials.is_empty() {
        (None, None)
    } else {
        match crate::track::status(person, &log, setup.data, as_of) {
            Ok(s) => (Some(s), None),
            Err(p) => (None, Some(p)),
        }
    };
    let ceus = match (&status, untracked) {
        (Some(s), _) => Ceus::Tracked(s),
        (None, Some(_)) => Ceus::Untracked,
        (None, None) => Ceus::NoCredential,
    };
    let header = ClientHeader {
        name: &profile.name,
        source,
        counsellor: setup.counsellor,
        organisation: setup.organisation,
        as_of: as_of.to_string(),
        overview: "../index.html",
        untracked: untracked.map(|p| {
            let (message, expected) = crate::render::problem(&p);
            format!("{message}; add {expected}")
        }),
    };
    let t = setup.templates;
    // Sections one after another, a line apart, into the page and the Markdown.
    let mut md = Vec::with_capacity(32 * 1024);
    let html = t.page(&format!("Report for {}", profile.name), |html| {
        let names = ["report-client.html", "report-client.md"];
        t.render_into(names, &header, [&mut *html, &mut md])?;
        html.push(b'\n');
        md.push(b'\n');
        let names = ["plan.html", "plan.md"];
        t.render_into(names, &PlanView::new(&plan), [&mut *html, &mut md])?;
        if let Some(s) = &status {
            html.push(b'\n');
            md.push(b'\n');
            let names = ["status.html", "status.md"];
            t.render_into(names, &StatusView::new(s), [&mut *html, &mut md])?;
        }
        Ok(())
    })?;
    let mut pages = Vec::new();
    let mut write = |ext: &str, text: &str| {
        let page = format!("{file}.{ext}");
        write_replace(&setup.out.join(&page), text)?;
        pages.push(page);
        Ok::<(), Error>(())
    };
    write(PAGES[0], &html)?;
    write(PAGES[1], &crate::render::templates::utf8(md)?)?;
    if setup.json {
        let value = serde_json::json!({ "plan": plan, "status": status, "untracked": untracked });
        write(PAGES[2], &(super::json(&value)))?;
    }
    let mut row = row(&profile.name, source, &plan, ceus, as_of);
    row.file = Some(file.to_string());
    let deadlines = status
        .as_ref()
        .map(|s| upcoming(&row, s, as_of))
        .unwrap_or_default();
    Ok(Done {
        row,
        deadlines,
        pages,
    })
}
