//! Temporary files: named so a person can tell what they are, and cleaned up when stale.
//!
//! A file being replaced is first written beside it as `.NAME.coderpath-tmp-PID-XXXXXX`
//! (NAME: the file's own name, PID: the writing process, XXXXXX: random), then renamed over
//! it. A writer killed before the rename (power cut, `kill -9`) leaves that file behind; the
//! next write into the same directory removes every such file whose process is gone, or
//! which is over an hour old (the PID may have been reused, or the file may come from
//! another machine sharing the folder).

use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The marker in every temporary file name.
pub const MARKER: &str = ".coderpath-tmp-";

/// A temporary file older than this is stale whatever its PID says.
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// Longest part of the target's name kept in a temporary name (file names are at most
/// 255 bytes on common file systems).
const NAME_BYTES: usize = 200;

/// A new temporary file in `dir` for replacing the file named `name`, created with
/// read-write permissions for all, less the umask (as any new file).
pub fn create(dir: &Path, name: &str) -> io::Result<tempfile::NamedTempFile> {
    let mut end = name.len().min(NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = format!(".{}{MARKER}{}-", &name[..end], std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Whether `name` is the name of a temporary file made by [`create`].
pub fn is_temporary(name: &str) -> bool {
    pid_of(name).is_some()
}

/// The PID in a temporary file name made by [`create`], if `name` is one.
fn pid_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(MARKER)?;
    let (pid, random) = tail.split_once('-')?;
    (!random.is_empty() && random.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether process `pid` is running (on this machine).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

/// Removes the stale temporary files in `dir` (see the module comment); returns how many.
/// Files that are not regular files, or not named as [`create`] names them, are left.
pub fn clean_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(pid_of) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file()
            && pid != std::process::id()
            && (old || !alive(pid))
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_recognisable_and_parse_back() {
        let dir = tempfile::tempdir().unwrap();
        let t = create(dir.path(), "log.ceus.yaml").unwrap();
        let name = t.path().file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            name.starts_with(&format!(".log.ceus.yaml{MARKER}{}-", std::process::id())),
            "{name}"
        );
        assert_eq!(pid_of(&name), Some(std::process::id()));
        assert_eq!(pid_of("log.ceus.yaml"), None);
        assert_eq!(pid_of(".x.coderpath-tmp-12-"), None);
        assert_eq!(pid_of(".x.coderpath-tmp-ab-cdef12"), None);
        // Our own temporary file is in use, not stale.
        assert_eq!(clean_stale(dir.path()), 0);
        assert!(t.path().exists());
    }

    #[test]
    fn stale_files_of_dead_processes_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A process that has exited (and been reaped) has a PID nobody uses for a while.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = dir.path().join(format!(".r.html{MARKER}{dead}-abc123"));
        let mine = dir
            .path()
            .join(format!(".r.html{MARKER}{}-abc123", std::process::id()));
        let other = dir.path().join("notes.coderpath-tmp-1-x");
        let linked = dir.path().join(format!(".l{MARKER}{dead}-abc123"));
        for p in [&stale, &mine, &other] {
            std::fs::write(p, "x").unwrap();
        }
        std::os::unix::fs::symlink(&other, &linked).unwrap();
        assert_eq!(clean_stale(dir.path()), 1);
        assert!(!stale.exists());
        assert!(mine.exists() && other.exists() && linked.symlink_metadata().is_ok());
    }

    #[test]
    fn long_names_are_cut_on_a_character_boundary() {
        let dir = tempfile::tempdir().unwrap();
        let name = "é".repeat(150);
        let t = create(dir.path(), &name).unwrap();
        assert!(t.path().file_name().unwrap().len() < 255);
    }
}
