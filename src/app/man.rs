//! `coderpath man`: the top manual page on stdout, or with `--out DIR` one page per command
//! (`coderpath.1`, `coderpath-plan.1`, `coderpath-ceu-status.1`, …). Each page has what clap
//! writes (name, synopsis, options, subcommands, examples) and the sections it does not:
//! EXIT STATUS, ENVIRONMENT, FILES and SEE ALSO.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, roman};

use super::{emit, files, say, write_replace};
use crate::cli::{Cli, DEFAULT_PROFILE, PROFILE_ENV};
use crate::error::{EXIT_PROBLEMS, EXIT_USAGE, Error};

/// Prints the top page, or writes every page into `out`.
pub(super) fn run(out: Option<&Path>) -> Result<u8, Error> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = out else {
        return emit(&page(&cmd)?);
    };
    let mut pages = Vec::new();
    collect(&cmd, &mut pages)?;
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.display().to_string(),
        source,
    })?;
    let paths: Vec<PathBuf> = pages.iter().map(|(name, _)| dir.join(name)).collect();
    files::check_outputs(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
    for (path, (_, text)) in paths.iter().zip(&pages) {
        write_replace(path, text)?;
    }
    say::status(&format!(
        "wrote {} to {}",
        crate::render::words::count(pages.len(), "manual page", "manual pages"),
        crate::render::escape::terminal_line(&dir.display().to_string())
    ));
    Ok(0)
}

/// Each visible command's page, with its file name, the command's own first.
fn collect(cmd: &clap::Command, pages: &mut Vec<(String, String)>) -> Result<(), Error> {
    let man = man(cmd);
    pages.push((man.get_filename(), page(cmd)?));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, pages)?;
    }
    Ok(())
}

fn man(cmd: &clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd.clone())
        .source(format!("coderpath {}", env!("CARGO_PKG_VERSION")))
        .manual("coderpath manual")
}

/// One command's page in roff: clap's sections, then ours.
fn page(cmd: &clap::Command) -> Result<String, Error> {
    let mut out = Vec::new();
    man(cmd).render(&mut out).map_err(|source| Error::Write {
        path: "manual page".into(),
        source,
    })?;
    let mut text = String::from_utf8_lossy(&out).into_owned();
    let ours = sections(cmd).render();
    // Each rendering starts with the same preamble; the page needs it once.
    let preamble = Roff::new().render();
    text.push_str(ours.strip_prefix(preamble.as_str()).unwrap_or(&ours));
    Ok(text)
}

/// EXIT STATUS, ENVIRONMENT, FILES and SEE ALSO.
fn sections(cmd: &clap::Command) -> Roff {
    let mut r = Roff::new();
    r.control("SH", ["EXIT STATUS"]);
    item(&mut r, "0", "Success.");
    item(
        &mut r,
        &EXIT_PROBLEMS.to_string(),
        "The command ran and found problems: data check, profile check and ceu check with \
         problems to fix, or a roster with failed clients (the other clients' reports are \
         still written).",
    );
    item(
        &mut r,
        &EXIT_USAGE.to_string(),
        "A usage or input error: a bad flag or id, an unreadable file, a profile, CEU log or \
         reference data with errors. Nothing is written.",
    );
    item(
        &mut r,
        "130",
        "report stopped by Ctrl-C (143: by SIGTERM) between files: the pages written are \
         whole and no temporary file is left; run it again to finish.",
    );
    r.control("SH", ["ENVIRONMENT"]);
    item(
        &mut r,
        PROFILE_ENV,
        &format!(
            "The profile a command (plan, readiness, ceu …) uses when its PROFILE is left \
             out; without it, ./{DEFAULT_PROFILE} is used when it exists."
        ),
    );
    item(
        &mut r,
        "COLUMNS",
        "The width text output is fitted to; without it, the terminal's width, or 100 columns when standard output is not a terminal.",
    );
    item(
        &mut r,
        "NO_COLOR",
        "When set and not empty, --color auto gives no colour.",
    );
    r.control("SH", ["FILES"]);
    item(
        &mut r,
        DEFAULT_PROFILE,
        "A person's profile: credentials and dates, education, work, target, budget. The \
         profile a command uses when PROFILE is left out and CODERPATH_PROFILE is not set.",
    );
    item(
        &mut r,
        "*.ceus.yaml",
        "A CEU log: entries and checkpoints, named by the profile's ceu_log (a path relative \
         to the profile). ceu add, import and remove change it in place, under a lock.",
    );
    item(
        &mut r,
        "roster.yaml",
        "A counsellor's roster: counsellor, organisation and client profiles (paths or \
         globs, relative to the roster), for report.",
    );
    let data: Vec<&str> = crate::data::FILES.iter().map(|(name, _)| *name).collect();
    item(
        &mut r,
        "--data-dir DIR",
        &format!(
            "Reference data: each of {} found in DIR replaces its embedded twin.",
            data.join(", ")
        ),
    );
    item(
        &mut r,
        "--templates DIR",
        "Report templates: each found in DIR replaces the embedded one of the same name \
         (coderpath templates eject DIR writes them).",
    );
    r.control("SH", ["SEE ALSO"]);
    if cmd.get_display_name().is_some_and(|n| n != "coderpath") {
        r.text([bold("coderpath"), roman("(1)")]);
        r.control("PP", []);
    }
    r.text([roman(
        "The README and docs/file-formats.md in the coderpath sources: the file formats, \
         field by field.",
    )]);
    r
}

/// A tagged paragraph: `term` in bold, `text` below it.
fn item(r: &mut Roff, term: &str, text: &str) {
    r.control("TP", []);
    r.text([bold(term)]);
    r.text([roman(text)]);
}
