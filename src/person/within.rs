//! Paths written inside a person's file — a profile's `ceu_log`, a roster's clients, a CEU
//! log entry's `certificate` — resolve relative to that file and must stay within that
//! file's folder (and its subfolders): lexically (no absolute path, no `..` above the
//! folder) and after symbolic links are resolved. Otherwise a client's file could make a
//! counsellor's report copy any file the counsellor can read. `--allow-outside` lifts the
//! rule for a run.

use std::path::{Component, Path, PathBuf};

/// A path that leads outside the folder it must stay in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outside {
    /// The path as written.
    pub written: String,
    /// How it leaves the folder.
    pub why: String,
}

impl Outside {
    /// The problem, in words: what was written and where it leads.
    pub fn message(&self, what: &str) -> String {
        format!(
            "{what} `{}` {}; coderpath follows such paths only within the folder of the file that names them",
            self.written, self.why
        )
    }

    /// What is expected instead, naming the flag.
    pub fn expected(dir: &Path) -> String {
        format!(
            "a path inside {}, or --allow-outside to follow it anyway",
            shown(dir)
        )
    }
}

pub(crate) fn shown(dir: &Path) -> String {
    if dir.as_os_str().is_empty() || dir == Path::new(".") {
        "the current folder".into()
    } else {
        format!("the folder {}", dir.display())
    }
}

/// Whether `written`, taken relative to a folder, leaves it without looking at the disk:
/// an absolute path, or a `..` that climbs above the start.
pub fn climbs_out(written: &Path) -> bool {
    let mut depth = 0usize;
    for c in written.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => return true,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return true,
            },
            Component::Normal(_) => depth += 1,
        }
    }
    false
}

/// `written` (relative to `dir`, the folder of the file that names it) joined to `dir`, if
/// it stays within `dir` both as written and after resolving symbolic links — or whatever
/// it is when `allow_outside`. A path that does not exist is judged by the part of it that
/// does.
pub fn resolve(dir: &Path, written: &Path, allow_outside: bool) -> Result<PathBuf, Outside> {
    let joined = dir.join(written);
    if allow_outside {
        return Ok(joined);
    }
    let outside = |why: String| Outside {
        written: written.display().to_string(),
        why,
    };
    if climbs_out(written) {
        return Err(outside(format!("leaves {}", shown(dir))));
    }
    check_real(dir, &joined).map_err(outside)?;
    Ok(joined)
}

/// Checks that `path` (inside `dir` as written) is still inside `dir` once symbolic links
/// are resolved; the error says where it really leads.
pub fn check_real(dir: &Path, path: &Path) -> Result<(), String> {
    if path
        .strip_prefix(dir)
        .is_ok_and(|rel| no_link_below(dir, rel))
    {
        return Ok(());
    }
    let base_dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(base) = std::fs::canonicalize(base_dir) else {
        return Ok(());
    };
    let real = existing_real(path);
    if real.starts_with(&base) {
        Ok(())
    } else {
        Err(format!(
            "is a link to {}, outside {}",
            real.display(),
            shown(dir)
        ))
    }
}

/// Whether `rel`, taken down from `dir`, passes no symbolic link and no `..` (so it stays
/// below `dir` without resolving anything): one `lstat` per component, where resolving
/// both paths would take several calls each.
fn no_link_below(dir: &Path, rel: &Path) -> bool {
    let mut cur = dir.to_path_buf();
    for c in rel.components() {
        match c {
            Component::CurDir => {}
            Component::Normal(name) => {
                cur.push(name);
                match std::fs::symlink_metadata(&cur) {
                    Ok(m) if m.file_type().is_symlink() => return false,
                    Ok(_) => {}
                    // Nothing below a missing part exists, so nothing there can be a link.
                    Err(_) => return true,
                }
            }
            _ => return false,
        }
    }
    true
}

/// `path` with `.` left out and each `..` taking out the name before it, without looking
/// at the disk (so a `..` after a symbolic link to a folder is taken as written; callers
/// check the result names the file they meant).
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                match last {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The path that leads from the folder `dir` to `to`, both absolute and [`lexical`]: the
/// part of `to` below `dir`, after a `..` for each folder of `dir` that `to` is not in.
pub fn relative(dir: &Path, to: &Path) -> PathBuf {
    let (d, t): (Vec<_>, Vec<_>) = (dir.components().collect(), to.components().collect());
    let common = d.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out: PathBuf = d[common..].iter().map(|_| "..").collect();
    out.extend(&t[common..]);
    out
}

/// The resolved form of the longest part of `path` that exists, with the rest appended.
fn existing_real(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut cur = path;
    loop {
        if let Ok(real) = std::fs::canonicalize(cur) {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
            }
            _ => return path.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_escapes_are_caught_without_the_disk() {
        for p in ["/etc/passwd", "../x", "a/../../x", "./../x"] {
            assert!(climbs_out(Path::new(p)), "{p}");
        }
        for p in ["x", "a/../x", "./a/b", "a/b/../../c"] {
            assert!(!climbs_out(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn paths_are_normalised_and_made_relative_without_the_disk() {
        let l = |p: &str| lexical(Path::new(p));
        assert_eq!(l("/a/./b/../c/"), PathBuf::from("/a/c"));
        assert_eq!(l("/../a"), PathBuf::from("/a"));
        assert_eq!(l("a/../../b"), PathBuf::from("../b"));
        let r = |d: &str, t: &str| relative(Path::new(d), Path::new(t));
        assert_eq!(
            r("/w/log", "/w/log/certs/a.pdf"),
            PathBuf::from("certs/a.pdf")
        );
        assert_eq!(r("/w/log/h", "/w/log/c.pdf"), PathBuf::from("../c.pdf"));
        assert_eq!(r("/w/a/b", "/w/c/d.pdf"), PathBuf::from("../../c/d.pdf"));
        assert_eq!(r("/", "/x"), PathBuf::from("x"));
    }

    #[test]
    fn links_out_of_the_folder_are_caught() {
        let top = tempfile::tempdir().unwrap();
        let dir = top.path().join("client");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(top.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(top.path().join("secret.txt"), dir.join("log.ceus.yaml"))
            .unwrap();
        std::os::unix::fs::symlink(top.path(), dir.join("up")).unwrap();
        std::fs::write(dir.join("ok.ceus.yaml"), "").unwrap();
        assert!(resolve(&dir, Path::new("ok.ceus.yaml"), false).is_ok());
        assert!(resolve(&dir, Path::new("not-yet.ceus.yaml"), false).is_ok());
        let e = resolve(&dir, Path::new("log.ceus.yaml"), false).unwrap_err();
        assert!(e.why.starts_with("is a link to "), "{e:?}");
        assert!(resolve(&dir, Path::new("up/secret.txt"), false).is_err());
        assert!(resolve(&dir, Path::new("up/nothing/here"), false).is_err());
        let e = resolve(&dir, Path::new("../secret.txt"), false).unwrap_err();
        assert!(
            e.message("ceu_log").contains("`../secret.txt` leaves"),
            "{e:?}"
        );
        assert_eq!(
            resolve(&dir, Path::new("../secret.txt"), true).unwrap(),
            dir.join("../secret.txt")
        );
    }
}
