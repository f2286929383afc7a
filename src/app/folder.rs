//! `coderpath report DIR`: a folder of profiles stands for a roster, its subfolders
//! included, so a counsellor who keeps a folder per client or per cohort gets every client.
//! In each folder the profiles are found as [`roster::folder_profiles`] finds them (no
//! `roster.yaml`, CEU logs or hidden files). Hidden folders are passed over like hidden
//! files; a folder that cannot be read as part of the tree — a link to a folder (it may
//! lead out of the tree, or back into it), one nested too deep, one that cannot be listed —
//! is named, with how to include it, never passed over in silence.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::person::roster::{self, Found};
use crate::person::within;
use crate::report::FolderSkip;

/// Subfolders deeper than this below the folder given are not read.
pub const MAX_DEPTH: usize = 16;

/// The profiles found in a folder tree, and the subfolders not read.
pub(super) struct Tree {
    /// Sorted by path, each file once.
    pub clients: Vec<Found>,
    /// Each skipped folder, relative to the top, and why.
    pub skipped: Vec<(PathBuf, FolderSkip)>,
}

/// The profiles in `top` and its subfolders (see the module comment). Only an unreadable
/// `top` is an error.
pub(super) fn profiles(top: &Path, allow_outside: bool) -> std::io::Result<Tree> {
    let mut tree = Tree {
        clients: Vec::new(),
        skipped: Vec::new(),
    };
    let mut folders = vec![(top.to_path_buf(), 0)];
    while let Some((dir, depth)) = folders.pop() {
        let listed = roster::folder_profiles(&dir, true).and_then(|found| {
            let subfolders = subfolders(&dir)?;
            Ok((found, subfolders))
        });
        let (found, subfolders) = match listed {
            Ok(l) => l,
            Err(e) if dir == top => return Err(e),
            Err(e) => {
                tree.skipped
                    .push((relative(&dir, top), FolderSkip::Unreadable(e.to_string())));
                continue;
            }
        };
        tree.clients.extend(found);
        for (sub, linked) in subfolders {
            if linked {
                tree.skipped.push((relative(&sub, top), FolderSkip::Link));
            } else if depth == MAX_DEPTH {
                tree.skipped
                    .push((relative(&sub, top), FolderSkip::TooDeep));
            } else {
                folders.push((sub, depth + 1));
            }
        }
    }
    // The walk enters no linked folder, so only a link to a file can lead outside.
    for c in &mut tree.clients {
        if !allow_outside && c.path.is_symlink() {
            c.outside = within::check_real(top, &c.path).err();
        }
    }
    tree.clients.sort_by(|a, b| a.path.cmp(&b.path));
    // One file reached by two names (a link to a profile in another folder) is one client.
    let mut seen = HashSet::new();
    tree.clients
        .retain(|c| c.outside.is_some() || seen.insert(roster::identity(&c.path)));
    tree.skipped.sort();
    Ok(tree)
}

/// The folders in `dir` that are not hidden, each with whether it is a link to a folder.
fn subfolders(dir: &Path) -> std::io::Result<Vec<(PathBuf, bool)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let kind = entry.file_type()?;
        let path = entry.path();
        if hidden {
            continue;
        }
        if kind.is_dir() {
            out.push((path, false));
        } else if kind.is_symlink() && path.is_dir() {
            out.push((path, true));
        }
    }
    Ok(out)
}

fn relative(path: &Path, top: &Path) -> PathBuf {
    path.strip_prefix(top).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subfolders_are_read_and_what_is_not_read_is_named() {
        let top = tempfile::tempdir().unwrap();
        let d = top.path();
        for f in [
            "a.yaml",
            "spring/b.yaml",
            "spring/b.ceus.yaml",
            "spring/jo/c.yml",
            ".old/d.yaml",
            "notes/e.txt",
        ] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::os::unix::fs::symlink(d.join("spring"), d.join("current")).unwrap();
        std::os::unix::fs::symlink(d.join("a.yaml"), d.join("notes/a-again.yaml")).unwrap();
        let mut deep = d.join("deep");
        for _ in 0..=MAX_DEPTH {
            deep.push("x");
        }
        std::fs::create_dir_all(&deep).unwrap();
        let tree = profiles(d, false).unwrap();
        let names: Vec<String> = tree
            .clients
            .iter()
            .map(|c| relative(&c.path, d).display().to_string())
            .collect();
        assert_eq!(names, ["a.yaml", "spring/b.yaml", "spring/jo/c.yml"]);
        assert_eq!(
            tree.skipped,
            [
                (PathBuf::from("current"), FolderSkip::Link),
                (
                    PathBuf::from(format!("deep{}", "/x".repeat(MAX_DEPTH))),
                    FolderSkip::TooDeep
                ),
            ]
        );
    }
}
