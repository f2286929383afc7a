//! Changing a CEU log under its lock: the log file itself is locked (no lock file is left
//! beside it), read, changed, written to a temporary file that is flushed to disk, and
//! renamed over the log — the same file when the log path is a symbolic link, keeping the
//! log's mode and owner. A hard-linked or read-only log is refused (see [`super::target`]).
//!
//! Concurrent writers queue on the lock. A writer that waited may hold the lock of a file
//! that an earlier writer has since replaced by rename, so after locking it checks that the
//! path still names the file it locked, and starts over if not: no entry is ever lost.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::target::{check_replaceable, check_single_link, identity, write_error};
use crate::error::Error;
use crate::loader::{MAX_FILE_BYTES, Source};

/// Changes the CEU log at `path`: `change` gets the current text (empty for a new log, with
/// the log's display name) and returns the new text, or an error that leaves the log as it
/// was. A log that does not exist is created; if the change fails it is removed again.
pub fn update(
    path: &Path,
    change: impl FnOnce(&Source) -> Result<String, Error>,
) -> Result<(), Error> {
    let locked = Locked::open(path)?;
    let result = locked
        .read()
        .and_then(|old| Ok((change(&old)?, old)))
        .and_then(|(new, old)| {
            if new == old.text() {
                Ok(())
            } else {
                super::replace(&locked.path, Some(&locked.meta()?), new.as_bytes(), true)
            }
        });
    if result.is_err() && locked.created {
        // Still locked: a writer waiting on this file will see it gone and start over.
        let _ = std::fs::remove_file(&locked.path);
    }
    result
}

/// The log file, open and exclusively locked.
struct Locked {
    /// Where the log is (symbolic links resolved).
    path: PathBuf,
    /// The name to show (as given).
    name: String,
    file: File,
    /// Whether this writer created the (empty) file.
    created: bool,
}

impl Locked {
    fn open(given: &Path) -> Result<Locked, Error> {
        let name = given.display().to_string();
        loop {
            let path = resolve(given)?;
            let (file, created) = match open_existing(&path) {
                Ok(f) => (f, false),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match OpenOptions::new()
                        .read(true)
                        .write(true)
                        .create_new(true)
                        .open(&path)
                    {
                        Ok(f) => (f, true),
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                        Err(e) => return Err(write_error(given, e)),
                    }
                }
                Err(e) => return Err(write_error(given, e)),
            };
            let meta = file.metadata().map_err(|e| write_error(given, e))?;
            if !meta.is_file() {
                return Err(Error::Usage(format!(
                    "{name} is not a regular file; a CEU log must be one"
                )));
            }
            file.lock().map_err(|e| write_error(given, e))?;
            // The path may have been replaced (or removed) while this writer waited.
            let now = std::fs::metadata(&path).map(|m| identity(&m));
            if now.ok() != Some(identity(&meta)) {
                continue;
            }
            check_replaceable(given, &meta)?;
            check_single_link(given, &meta)?;
            return Ok(Locked {
                path,
                name,
                file,
                created,
            });
        }
    }

    fn meta(&self) -> Result<std::fs::Metadata, Error> {
        self.file.metadata().map_err(|e| write_error(&self.path, e))
    }

    /// The log's text, read from the locked file (at most one byte over the size limit, so
    /// an oversized log is refused by the loader).
    fn read(&self) -> Result<Source, Error> {
        let mut bytes = Vec::new();
        (&self.file)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: self.name.clone(),
                source,
            })?;
        Source::from_bytes(self.name.clone(), bytes)
    }
}

/// The log's own path: a symbolic link is followed to the file it names; a link to nothing
/// is refused.
fn resolve(given: &Path) -> Result<PathBuf, Error> {
    match std::fs::symlink_metadata(given) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(given).map_err(|_| {
            Error::Usage(format!(
                "{} is a symbolic link to a file that does not exist",
                given.display()
            ))
        }),
        _ => Ok(given.to_path_buf()),
    }
}

/// Opens an existing file for reading without ever blocking (a FIFO would block an
/// ordinary open until a writer appears).
#[cfg(unix)]
fn open_existing(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_existing(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn add(path: &Path, line: &str) -> Result<(), Error> {
        update(path, |old| Ok(format!("{}{line}\n", old.text())))
    }

    #[test]
    fn updates_in_place_through_a_link_without_a_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ceus.yaml");
        std::fs::write(&real, "# log\n").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o664)).unwrap();
        let link = dir.path().join("link.ceus.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        add(&link, "- a").unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "# log\n- a\n");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(
            std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o664
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_failed_change_leaves_no_new_file_and_an_old_one_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.ceus.yaml");
        let r = update(&new, |_| Err(Error::Usage("no".into())));
        assert!(r.is_err());
        assert!(!new.exists());
        let old = dir.path().join("old.ceus.yaml");
        std::fs::write(&old, "keep").unwrap();
        assert!(update(&old, |_| Err(Error::Usage("no".into()))).is_err());
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "keep");
    }

    #[test]
    fn concurrent_updates_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("c.ceus.yaml");
        std::thread::scope(|s| {
            for t in 0..4 {
                let log = &log;
                s.spawn(move || {
                    for i in 0..50 {
                        add(log, &format!("- {t}-{i}")).unwrap();
                    }
                });
            }
        });
        assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 200);
    }

    #[test]
    fn refuses_what_is_not_a_plain_writable_log() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("l.ceus.yaml");
        std::fs::write(&log, "x\n").unwrap();
        std::fs::hard_link(&log, dir.path().join("twin.ceus.yaml")).unwrap();
        let e = add(&log, "y").unwrap_err().to_string();
        assert!(e.contains("hard links"), "{e}");
        let fifo = dir.path().join("f.ceus.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let e = add(&fifo, "y").unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "x\n");
    }
}
