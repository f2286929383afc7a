//! `init` (starter files) and `templates eject`.

use std::path::{Path, PathBuf};

use super::write_atomic;
use crate::cli::InitKind;
use crate::error::Error;
use crate::render::templates::EMBEDDED;

const ASPIRING: &str = include_str!("../../templates/starters/aspiring.yaml");
const CERTIFIED: &str = include_str!("../../templates/starters/certified.yaml");
const ROSTER: &str = include_str!("../../templates/starters/roster.yaml");

/// Writes each `(path, text)`, refusing all of them if any exists and `force` is not set.
fn write_new(files: &[(PathBuf, impl AsRef<str>)], force: bool) -> Result<u8, Error> {
    if !force && let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(Error::Usage(format!(
            "{} exists; add --force to replace it",
            p.display()
        )));
    }
    for (path, text) in files {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                path: dir.display().to_string(),
                source,
            })?;
        }
        write_atomic(path, text.as_ref())?;
        super::say::status(&format!("wrote {}", path.display()));
    }
    Ok(0)
}

pub(super) fn init(kind: InitKind, path: Option<&Path>, force: bool) -> Result<u8, Error> {
    let (default, text) = match kind {
        InitKind::Aspiring => ("profile.yaml", ASPIRING),
        InitKind::Certified => ("certified.yaml", CERTIFIED),
        InitKind::Roster => ("roster.yaml", ROSTER),
    };
    let path = path.map_or_else(|| PathBuf::from(default), Path::to_path_buf);
    let mut files = vec![(path.clone(), naming(text, default, &path))];
    if kind == InitKind::Roster {
        let dir = path.parent().unwrap_or(Path::new(""));
        let client = dir.join("clients").join("first-client.yaml");
        files.push((client.clone(), naming(ASPIRING, "profile.yaml", &client)));
    }
    write_new(&files, force)
}

/// Starter `text` with the command in its opening comment naming `path`, the file as written,
/// instead of `default`.
fn naming(text: &str, default: &str, path: &Path) -> String {
    let shown = path.display().to_string();
    let shown = if shown.contains(char::is_whitespace) {
        format!("\"{shown}\"")
    } else {
        shown
    };
    text.replacen(&format!(" {default}"), &format!(" {shown}"), 1)
}

pub(super) fn eject(dir: &Path, force: bool) -> Result<u8, Error> {
    let files: Vec<(PathBuf, &str)> = EMBEDDED
        .iter()
        .map(|(name, text)| (dir.join(name), *text))
        .collect();
    write_new(&files, force)
}
