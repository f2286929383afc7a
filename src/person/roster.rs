//! `roster.yaml`: a counsellor's list of client profiles (paths or globs, relative to the
//! roster), and the same list made from a folder of profiles.
//!
//! Client paths stay within the roster's folder (see [`super::within`]) unless
//! `--allow-outside`: a path or glob that leads out is an error, and a glob is never walked
//! outside the folder — it is matched by walking the folder's own tree from the pattern's
//! literal start, without entering symbolically linked folders.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use glob::{MatchOptions, Pattern};
use serde::{Deserialize, Serialize};

use super::within::{self, Outside};
use crate::error::Diagnostic;
use crate::loader::{Source, Taint, merged};

/// A counsellor's roster as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// The counsellor's name, shown on the overview and every client page.
    #[serde(default)]
    pub counsellor: Option<String>,
    /// The organisation's name, shown likewise.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Profile paths or glob patterns, relative to the roster file.
    pub clients: Vec<String>,
}

/// A file a folder or glob holds, and whether it may be followed.
#[derive(Debug, Clone)]
pub struct Found {
    /// The file, joined to the folder it was found from.
    pub path: PathBuf,
    /// Why the file is not followed: it resolves outside the folder.
    pub outside: Option<String>,
    /// A roster entry that cannot be followed (no such file, outside the folder, a glob
    /// that matches nothing), located in the roster: it costs only that client.
    pub problem: Option<Diagnostic>,
}

impl Roster {
    /// Parses a roster and expands its client list into profile paths, in listed order
    /// (each glob's matches sorted), each file once however it is reached (another path, a
    /// link). Globs skip CEU logs (`*.ceus.yaml`), hidden files and the roster itself. An
    /// entry that cannot be followed is listed with its problem; only an unreadable roster
    /// is an error, and then the entries that could be read are still checked, so all its
    /// problems come at once. Also returns a warning for each path written out that names
    /// a file listed before (a glob may match files listed by name without one).
    pub fn load(src: &Source, allow_outside: bool) -> Result<Expanded, Vec<Diagnostic>> {
        let (roster, parsing, taint) = src.parse_checkable::<Roster>()?;
        match Roster::expand(src, &roster, allow_outside, &taint) {
            Ok((listed, repeats)) if parsing.is_empty() => Ok((roster, listed, repeats)),
            Ok((listed, _)) => {
                let entries = listed.into_iter().filter_map(|f| f.problem).collect();
                Err(merged(parsing, entries))
            }
            Err(checks) => Err(merged(parsing, checks)),
        }
    }

    /// The client list expanded (see [`Roster::load`]), leaving out entries that were not
    /// read as written (`taint`).
    fn expand(
        src: &Source,
        roster: &Roster,
        allow_outside: bool,
        taint: &Taint,
    ) -> Result<(Vec<Found>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let dir = match Path::new(src.name()).parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        // The roster itself, named as its folder's entries are (a glob may match it).
        let roster_path = dir.join(Path::new(src.name()).file_name().unwrap_or_default());
        let mut listed = Vec::new();
        // Each file followed, by what it resolves to, with the path it was first listed as.
        let mut seen: HashMap<Identity, PathBuf> = HashMap::new();
        let mut repeats = Vec::new();
        if roster.clients.is_empty() && taint.clean("clients") {
            return Err(vec![
                src.at("clients", "the roster lists no clients")
                    .expected("profile paths or globs"),
            ]);
        }
        for (i, pattern) in roster.clients.iter().enumerate() {
            let at = format!("clients[{i}]");
            if !taint.clean(&at) {
                continue;
            }
            let mut problem = |d: Diagnostic| {
                listed.push(Found {
                    path: dir.join(pattern),
                    outside: None,
                    problem: Some(d),
                })
            };
            let outside = |o: Outside| {
                src.at(&at, o.message("client path"))
                    .expected(Outside::expected(dir))
            };
            let glob = pattern.contains(['*', '?', '[']);
            let found = if glob {
                match glob_files(dir, pattern, allow_outside) {
                    Ok(found) => found,
                    Err(GlobError::Outside(o)) => {
                        problem(outside(o));
                        continue;
                    }
                    Err(GlobError::Pattern(msg)) => {
                        problem(src.at(&at, format!("bad pattern: {msg}")));
                        continue;
                    }
                }
            } else {
                match within::resolve(dir, Path::new(pattern), allow_outside) {
                    Ok(p) if p.is_file() => vec![Found {
                        path: p,
                        outside: None,
                        problem: None,
                    }],
                    Ok(p) => {
                        if let Some(why) = not_a_file(&p) {
                            problem(
                                src.at(&at, format!("`{pattern}` cannot be read: {why}"))
                                    .expected("a profile path relative to the roster"),
                            );
                            continue;
                        }
                        vec![]
                    }
                    Err(o) => {
                        problem(outside(o));
                        continue;
                    }
                }
            };
            let found: Vec<Found> = found
                .into_iter()
                .filter(|f| f.path != roster_path)
                .collect();
            if found.is_empty() {
                problem(
                    src.at(&at, format!("`{pattern}` matches no file"))
                        .expected("a profile path relative to the roster"),
                );
            }
            for f in found {
                if let Some(why) = f.outside.clone() {
                    let written = f.path.display().to_string();
                    listed.push(Found {
                        problem: Some(outside(Outside { written, why })),
                        ..f
                    });
                    continue;
                }
                match seen.entry(identity(&f.path)) {
                    Entry::Vacant(v) => {
                        v.insert(f.path.clone());
                        listed.push(f);
                    }
                    Entry::Occupied(first) if !glob => {
                        let first = first.get().strip_prefix(dir).unwrap_or(first.get());
                        repeats.push(
                            src.at(
                                &at,
                                format!(
                                    "`{pattern}` is the same profile as `{}`, listed before; that client is reported once",
                                    first.display()
                                ),
                            )
                            .warning(),
                        );
                    }
                    Entry::Occupied(_) => {}
                }
            }
        }
        // Named as a person would type them: `clients/a.yaml`, not `./clients/a.yaml`.
        for f in &mut listed {
            if let Ok(p) = f.path.strip_prefix(".") {
                f.path = p.to_path_buf();
            }
        }
        Ok((listed, repeats))
    }
}

/// A roster, its clients (see [`Found`]) and the warnings about clients listed twice.
pub type Expanded = (Roster, Vec<Found>, Vec<Diagnostic>);

/// Why something at `path` is not a file to read, or `None` when nothing is there.
fn not_a_file(path: &Path) -> Option<String> {
    path.symlink_metadata().ok()?;
    Some(match std::fs::metadata(path) {
        Err(e) => crate::loader::explained(path, e).to_string(),
        Ok(m) if m.is_dir() => "it is a folder".into(),
        Ok(_) => "it is not a regular file".into(),
    })
}

/// Why a glob was not expanded.
#[derive(Debug)]
pub enum GlobError {
    /// Its literal start leads out of the folder.
    Outside(Outside),
    /// It is not a valid pattern.
    Pattern(String),
}

/// The profiles a glob (relative to `dir`) matches, sorted: regular files (or links to
/// them) that are not CEU logs or hidden. Matches that resolve outside `dir` are returned
/// with the reason, unless `allow_outside`.
pub fn glob_files(dir: &Path, pattern: &str, allow_outside: bool) -> Result<Vec<Found>, GlobError> {
    // `./clients/*.yaml` matches as `clients/*.yaml` (paths are matched relative to `dir`).
    let pattern: PathBuf = Path::new(pattern)
        .components()
        .filter(|c| *c != std::path::Component::CurDir)
        .collect();
    let pattern = pattern.to_string_lossy();
    let compiled = Pattern::new(&pattern).map_err(|e| GlobError::Pattern(e.msg.to_string()))?;
    // The literal folders the pattern starts with: the walk starts there.
    let literal: PathBuf = Path::new(pattern.as_ref())
        .components()
        .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
        .collect();
    let start = within::resolve(dir, &literal, allow_outside).map_err(GlobError::Outside)?;
    let options = MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let deep = pattern.contains("**");
    let depth = Path::new(pattern.as_ref()).components().count();
    let mut found = Vec::new();
    let mut stack = vec![start];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            if kind.is_dir() {
                if deep || rel.components().count() < depth {
                    stack.push(path);
                }
                continue;
            }
            if !compiled.matches_path_with(rel, options) || !is_profile_name(&path) {
                continue;
            }
            // The walk enters no linked folder, so only a link can lead outside.
            let outside = if !kind.is_symlink() {
                None
            } else if !path.is_file() {
                continue;
            } else if allow_outside {
                None
            } else {
                within::check_real(dir, &path).err()
            };
            if kind.is_file() || kind.is_symlink() {
                found.push(Found {
                    path,
                    outside,
                    problem: None,
                });
            }
        }
    }
    sorted_once(&mut found);
    Ok(found)
}

/// Sorts files found by path, each file once: a link to a profile found as well is not a
/// second client (the file itself is kept rather than the link).
fn sorted_once(found: &mut Vec<Found>) {
    found.sort_by_cached_key(|f| (f.path.is_symlink(), f.path.clone()));
    let mut files = HashSet::new();
    found.retain(|f| f.outside.is_some() || files.insert(identity(&f.path)));
    found.sort_by(|a, b| a.path.cmp(&b.path));
}

/// What a path resolves to, so that one file reached two ways is known as one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    /// The file's device and inode numbers.
    Inode(u64, u64),
    /// The canonical path (where there are no inode numbers), or the path as given when it
    /// cannot be resolved.
    Path(PathBuf),
}

/// The [`Identity`] of `path`: one `stat` (a roster of thousands of clients would spend
/// more resolving each path's folders one by one).
#[cfg(unix)]
pub fn identity(path: &Path) -> Identity {
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata(path) {
        Ok(m) => Identity::Inode(m.dev(), m.ino()),
        Err(_) => Identity::Path(path.to_path_buf()),
    }
}

#[cfg(not(unix))]
pub fn identity(path: &Path) -> Identity {
    Identity::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Whether a file may be a profile by its name: not hidden, not a CEU log.
pub fn is_profile_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| !n.starts_with('.') && !n.ends_with(".ceus.yaml"))
}

/// The profiles in a folder (a roster without a roster file): `*.yaml` and `*.yml` files,
/// sorted, except `roster.yaml`, CEU logs and hidden files.
pub fn folder_profiles(dir: &Path, allow_outside: bool) -> std::io::Result<Vec<Found>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let yaml = path.extension().is_some_and(|x| x == "yaml" || x == "yml");
        let roster = path
            .file_name()
            .is_some_and(|n| n == "roster.yaml" || n == "roster.yml");
        if !yaml || roster || !is_profile_name(&path) || !path.is_file() {
            continue;
        }
        let outside = if allow_outside {
            None
        } else {
            within::check_real(dir, &path).err()
        };
        found.push(Found {
            path,
            outside,
            problem: None,
        });
    }
    sorted_once(&mut found);
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let top = tempfile::tempdir().unwrap();
        let d = top.path().join("team");
        std::fs::create_dir_all(d.join("clients/deep")).unwrap();
        for f in [
            "clients/a.yaml",
            "clients/b.yaml",
            "clients/a.ceus.yaml",
            "clients/.hidden.yaml",
            "clients/deep/c.yaml",
            "roster.yaml",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::write(top.path().join("outside.yaml"), "x").unwrap();
        std::os::unix::fs::symlink(top.path().join("outside.yaml"), d.join("clients/z.yaml"))
            .unwrap();
        std::os::unix::fs::symlink(top.path(), d.join("clients/up")).unwrap();
        top
    }

    fn names(found: &[Found]) -> Vec<String> {
        found
            .iter()
            .map(|f| {
                let n = f.path.file_name().unwrap().to_string_lossy().into_owned();
                if f.outside.is_some() {
                    format!("!{n}")
                } else {
                    n
                }
            })
            .collect()
    }

    #[test]
    fn globs_stay_in_the_folder_and_skip_logs_and_hidden_files() {
        let top = tree();
        let d = top.path().join("team");
        let g = |p: &str| glob_files(&d, p, false);
        assert_eq!(
            names(&g("clients/*.yaml").unwrap()),
            ["a.yaml", "b.yaml", "!z.yaml"]
        );
        assert_eq!(
            names(&g("**/*.yaml").unwrap()),
            ["a.yaml", "b.yaml", "c.yaml", "!z.yaml", "roster.yaml"]
        );
        assert!(matches!(g("../*.yaml"), Err(GlobError::Outside(_))));
        assert!(matches!(g("/**"), Err(GlobError::Outside(_))));
        assert!(matches!(g("clients/up/*.yaml"), Err(GlobError::Outside(_))));
        assert!(matches!(g("clients/[.yaml"), Err(GlobError::Pattern(_))));
        assert_eq!(
            names(&glob_files(&d, "../*.yaml", true).unwrap()),
            ["outside.yaml"]
        );
    }

    #[test]
    fn a_roster_refuses_paths_that_leave_its_folder() {
        // Each such entry is a located problem of its own; the other clients are followed.
        let top = tree();
        let d = top.path().join("team");
        let text = "clients:\n  - clients/a.yaml\n  - ../outside.yaml\n  - /etc/passwd\n  - clients/*.yaml\n";
        let name = d.join("roster.yaml").display().to_string();
        let (_, found, _) = Roster::load(&Source::new(name.clone(), text), false).unwrap();
        let ds: Vec<&Diagnostic> = found.iter().filter_map(|f| f.problem.as_ref()).collect();
        assert_eq!(found.len() - ds.len(), 2, "a.yaml and b.yaml are followed");
        let messages: Vec<String> = ds
            .iter()
            .map(|d| format!("{}:{}", d.line, d.message))
            .collect();
        assert_eq!(ds.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("3:client path `../outside.yaml` leaves"),
            "{messages:?}"
        );
        assert!(
            messages[1].starts_with("4:client path `/etc/passwd` leaves"),
            "{messages:?}"
        );
        assert!(messages[2].contains("z.yaml` is a link to"), "{messages:?}");
        assert!(
            ds[0]
                .expected
                .as_deref()
                .unwrap()
                .contains("--allow-outside")
        );
        let (_, paths, _) = Roster::load(&Source::new(name, text), true).unwrap();
        // `z.yaml` is a link to `../outside.yaml`, listed before: the same client.
        assert_eq!(paths.len(), 4);
        assert!(paths.iter().all(|f| f.problem.is_none()));
    }

    #[test]
    fn a_folder_run_skips_the_roster_and_logs() {
        let top = tree();
        let found = folder_profiles(&top.path().join("team/clients"), false).unwrap();
        assert_eq!(names(&found), ["a.yaml", "b.yaml", "!z.yaml"]);
        let found = folder_profiles(&top.path().join("team"), false).unwrap();
        assert!(found.is_empty());
    }

    #[test]
    fn one_profile_reached_several_ways_is_one_client() {
        // By another spelling of its path or through a link: one client, and a warning at
        // each entry written out; a glob that matches it again says nothing.
        let top = tree();
        let d = top.path().join("team");
        std::os::unix::fs::symlink("a.yaml", d.join("clients/again.yaml")).unwrap();
        let text = "clients:\n  - clients/a.yaml\n  - ./clients/a.yaml\n  - clients/deep/../a.yaml\n  - clients/again.yaml\n  - clients/*.yaml\n";
        let name = d.join("roster.yaml").display().to_string();
        let (_, found, repeats) = Roster::load(&Source::new(name, text), false).unwrap();
        assert_eq!(names(&found), ["a.yaml", "b.yaml", "!z.yaml"]);
        let lines: Vec<usize> = repeats.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert_eq!(
            repeats[2].message,
            "`clients/again.yaml` is the same profile as `clients/a.yaml`, listed before; that client is reported once"
        );
        assert!(
            repeats
                .iter()
                .all(|d| d.severity == crate::error::Severity::Warning)
        );
        let folder = folder_profiles(&d.join("clients"), false).unwrap();
        assert_eq!(names(&folder), ["a.yaml", "b.yaml", "!z.yaml"]);
    }
}
