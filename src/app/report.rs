//! `coderpath report`: every client of a roster planned and/or tracked in parallel, one
//! report per client, an overview page and a CSV. Output order and bytes do not depend on
//! the number of threads.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};

use super::{Global, load_catalog, load_log, report, templates, write_replace};
use crate::cli::RosterArgs;
use crate::data::Catalog;
use crate::error::{Diagnostic, EXIT_PROBLEMS, Error};
use crate::loader::Source;
use crate::person::profile::Person;
use crate::person::roster::Roster;
use crate::render::plan::PlanView;
use crate::render::status::StatusView;
use crate::render::templates::Templates;
use crate::report::{Overview, Row, failed_row, names, row, table};

/// Marks a directory as made by `coderpath report`, so later runs may write into it.
const MARKER: &str = ".coderpath-report";

pub(super) fn run(global: &Global, as_of: NaiveDate, args: &RosterArgs) -> Result<u8, Error> {
    let data = load_catalog(global, as_of)?;
    let templates = templates(global)?;
    let (roster, paths) = clients(&args.input)?;
    prepare_out(&args.out, args.force)?;
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let progress = if std::io::IsTerminal::is_terminal(&std::io::stderr()) && !global.quiet {
        let bar = ProgressBar::new(2 * paths.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").expect("valid template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    progress.set_message("reading profiles");
    let loaded = par_map(
        &paths,
        jobs,
        &progress,
        |p| -> Result<(Source, Person), Failure> {
            let src = Source::read(p)?;
            let person = Person::load(&src, &data, as_of).map_err(|ds| ds[0].clone())?;
            Ok((src, person))
        },
    );
    let stems = names::unique_stems(loaded.iter().zip(&paths).map(|(l, p)| match l {
        Ok((_, person)) => person.profile.name.as_str(),
        Err(_) => p.file_stem().and_then(|s| s.to_str()).unwrap_or("client"),
    }));
    progress.set_message("writing reports");
    // Client files are spread over a few shelves (clients/00 … clients/0f): threads creating
    // files in one directory queue on its lock, which profiles showed as most of the run.
    let files: Vec<String> = stems
        .iter()
        .map(|s| format!("{}/{s}", names::shelf(s)))
        .collect();
    for shelf in files
        .iter()
        .filter_map(|f| f.split('/').next())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let dir = args.out.join("clients").join(shelf);
        std::fs::create_dir_all(&dir).map_err(|source| Error::Write {
            path: dir.display().to_string(),
            source,
        })?;
    }
    let setup = Setup {
        data: &data,
        templates: &templates,
        as_of,
        json: args.json,
    };
    let work: Vec<usize> = (0..paths.len()).collect();
    let results = par_map(&work, jobs, &progress, |&i| {
        let name = match &loaded[i] {
            Ok((_, p)) => p.profile.name.clone(),
            Err(_) => paths[i].display().to_string(),
        };
        let outcome = match &loaded[i] {
            Ok((src, profile)) => client(
                &setup,
                src,
                profile,
                &paths[i],
                &args.out.join("clients").join(&files[i]),
            ),
            Err(e) => Err(e.clone()),
        };
        // Each client gives a row, and a failed one also the diagnostic for stderr.
        match outcome {
            Ok(mut r) => {
                r.file = Some(files[i].clone());
                (r, None)
            }
            Err(Failure::Located(d)) => (failed_row(&name, d.to_string()), Some(d)),
            Err(Failure::Other(message)) => (failed_row(&name, message), None),
        }
    });
    progress.finish_and_clear();
    let (rows, failures): (Vec<Row>, Vec<Option<Diagnostic>>) = results.into_iter().unzip();
    let failures: Vec<Diagnostic> = failures.into_iter().flatten().collect();
    let overview = Overview::new(
        roster.as_ref().map(|r| r.counsellor.as_str()),
        roster.as_ref().and_then(|r| r.organisation.as_deref()),
        as_of,
        &rows,
    );
    write_replace(
        &args.out.join("index.html"),
        &templates.render("index.html", &overview)?,
    )?;
    let table = table(&rows);
    write_replace(&args.out.join("summary.csv"), &table.to_csv())?;
    report(global, &failures);
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
    super::emit(&summary.to_text(super::text_width(), false))?;
    Ok(if rows.iter().any(|r| r.stage == "failed") {
        EXIT_PROBLEMS
    } else {
        0
    })
}

/// The roster (if the input is one) and the client profile paths, in order.
fn clients(input: &Path) -> Result<(Option<Roster>, Vec<PathBuf>), Error> {
    if input.is_dir() {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(input)
            .map_err(|source| Error::Read {
                path: input.display().to_string(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                    && !p.to_string_lossy().ends_with(".ceus.yaml")
            })
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(Error::Usage(format!(
                "{}: no profiles (*.yaml) in this directory",
                input.display()
            )));
        }
        return Ok((None, paths));
    }
    let src = Source::read(input)?;
    let (roster, paths) = Roster::load(&src).map_err(Error::Inputs)?;
    Ok((Some(roster), paths))
}

/// Creates the output directory, or checks that coderpath may write into it.
fn prepare_out(out: &Path, force: bool) -> Result<(), Error> {
    let werr = |source| Error::Write {
        path: out.display().to_string(),
        source,
    };
    if out.exists() {
        let ours = out.join(MARKER).is_file();
        let empty = std::fs::read_dir(out).map_err(werr)?.next().is_none();
        if !ours && !empty && !force {
            return Err(Error::Usage(format!(
                "{} exists and was not made by coderpath; choose another --out or add --force",
                out.display()
            )));
        }
    } else {
        std::fs::create_dir_all(out).map_err(werr)?;
    }
    write_replace(
        &out.join(MARKER),
        "Made by coderpath report; later runs may replace the reports here.\n",
    )
}

/// Why a client failed: a located problem in their files, or another error.
#[derive(Clone)]
enum Failure {
    Located(Diagnostic),
    Other(String),
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Located(d)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e.diagnostics().first() {
            Some(d) => Failure::Located(d.clone()),
            None => Failure::Other(e.to_string()),
        }
    }
}

/// What every client's report is made with.
struct Setup<'a> {
    data: &'a Catalog,
    templates: &'a Templates,
    as_of: NaiveDate,
    json: bool,
}

/// Plans and/or tracks one client and writes their reports at `base` (+ extension).
fn client(
    setup: &Setup,
    src: &Source,
    person: &Person,
    path: &Path,
    base: &Path,
) -> Result<Row, Failure> {
    let Setup {
        data,
        templates,
        as_of,
        json,
    } = *setup;
    let (_, log) = load_log(src, person, path, data)?;
    let wants_plan = person.target.is_some() || person.credentials.is_empty();
    let problem = |p: crate::person::Problem| {
        let (message, expected) = crate::render::problem(&p);
        src.at(p.path(), message).expected(expected)
    };
    let plan = if wants_plan {
        Some(crate::plan::plan(person, data, as_of).map_err(problem)?)
    } else {
        None
    };
    let status = if person.credentials.is_empty() {
        None
    } else {
        Some(crate::track::status(person, &log, data, as_of).map_err(problem)?)
    };
    let mut sections = Vec::new();
    let mut md = Vec::new();
    if let Some(p) = &plan {
        let view = PlanView::new(p);
        sections.push(templates.render("plan.html", &view)?);
        md.push(templates.render("plan.md", &view)?);
    }
    if let Some(s) = &status {
        let view = StatusView::new(s);
        sections.push(templates.render("status.html", &view)?);
        md.push(templates.render("status.md", &view)?);
    }
    let title = format!("Report for {}", person.profile.name);
    let html = templates.page(&title, &sections)?;
    let write = |ext: &str, text: &str| write_replace(&base.with_extension(ext), text);
    write("html", &html)?;
    write("md", &md.join("\n"))?;
    if json {
        let value = serde_json::json!({ "plan": plan, "status": status });
        write(
            "json",
            &(serde_json::to_string_pretty(&value).expect("reports serialise") + "\n"),
        )?;
    }
    Ok(row(
        &person.profile.name,
        plan.as_ref(),
        status.as_ref(),
        as_of,
    ))
}

/// Maps `items` on `jobs` threads; results keep the input order.
fn par_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    progress: &ProgressBar,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.clamp(1, items.len().max(1)))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, f(item)));
                        progress.inc(1);
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("report workers do not panic"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
