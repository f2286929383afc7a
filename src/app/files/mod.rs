//! Writing files safely: outputs go only to new paths, regular files (replaced all at once,
//! keeping mode and owner), or straight into a character device or FIFO; never over an
//! input of the same run; temporary files are recognisable and cleaned when stale.
//! [`target`] says what may be written, [`tmp`] names and cleans temporary files, [`log`]
//! changes a CEU log in place under its lock.

pub mod log;
pub mod target;
pub mod tmp;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::error::Error;
use target::{Target, identity, parent, write_error};

/// Identities of the files this run has read, with the name each was read by.
static INPUTS: Mutex<Option<HashMap<(u64, u64), String>>> = Mutex::new(None);

/// Folders whose stale temporary files this run has already cleaned.
static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// Records that this run reads `path`, so no output may replace it. Paths that do not
/// exist are ignored (there is nothing to protect).
pub fn note_input(path: &Path) {
    if let Ok(meta) = std::fs::metadata(path) {
        INPUTS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert_default()
            .entry(identity(&meta))
            .or_insert_with(|| path.display().to_string());
    }
}

/// Refuses `output` if it names a file this run read.
pub fn check_not_input(output: &Path) -> Result<(), Error> {
    match std::fs::metadata(output) {
        Ok(meta) => refuse_input(output, &meta),
        Err(_) => Ok(()),
    }
}

/// Refuses `output`, whose (link-resolved) metadata is `meta`, if it is a file this run read.
fn refuse_input(output: &Path, meta: &std::fs::Metadata) -> Result<(), Error> {
    let inputs = INPUTS.lock().unwrap_or_else(PoisonError::into_inner);
    let id = identity(meta);
    // The input must still be that file (an input removed since could have freed its inode).
    let input = inputs
        .as_ref()
        .and_then(|m| m.get(&id))
        .filter(|input| std::fs::metadata(input).is_ok_and(|m| identity(&m) == id));
    match input {
        Some(input) if *input == output.display().to_string() => Err(Error::Usage(format!(
            "{input} is an input of this command; choose another output file"
        ))),
        Some(input) => Err(Error::Usage(format!(
            "{} is {input}, an input of this command; choose another output file",
            output.display()
        ))),
        None => Ok(()),
    }
}

/// Checks, before anything is written, that no two of `outputs` name one file and that
/// none of them is an input of this run.
pub fn check_outputs(outputs: &[&Path]) -> Result<(), Error> {
    let mut seen: Vec<PathBuf> = Vec::new();
    for out in outputs {
        check_not_input(out)?;
        let key = std::fs::canonicalize(out).unwrap_or_else(|_| {
            let dir = std::fs::canonicalize(parent(out)).unwrap_or_else(|_| parent(out).into());
            dir.join(out.file_name().unwrap_or_default())
        });
        if seen.contains(&key) {
            return Err(Error::Usage(format!(
                "{} is named as two outputs; give each output its own file",
                out.display()
            )));
        }
        seen.push(key);
    }
    Ok(())
}

/// Replaces `path` with `text` all at once and flushes it to disk first (for the user's own
/// files, such as starters).
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
    write(path, text, true)
}

/// Writes an output: replaces `path` all at once, without waiting for the disk (for
/// reports, which can be made again): readers see the old file or the new one, never a part.
pub fn write_replace(path: &Path, text: &str) -> Result<(), Error> {
    write(path, text, false)
}

fn write(path: &Path, text: &str, durable: bool) -> Result<(), Error> {
    match Target::of(path)? {
        Target::New { path } => replace(&path, None, text.as_bytes(), durable),
        Target::Regular { path: real, meta } => {
            refuse_input(path, &meta)?;
            replace(&real, Some(&meta), text.as_bytes(), durable)
        }
        Target::Stream { path, meta } => {
            refuse_input(&path, &meta)?;
            write_stream(&path, text)
        }
    }
}

/// Writes into a character device or FIFO as into standard output. A FIFO nobody reads is
/// refused rather than waited on.
#[cfg(unix)]
fn write_stream(path: &Path, text: &str) -> Result<(), Error> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
            return Err(Error::Usage(format!(
                "{} is a FIFO that no program is reading; start the reader first",
                path.display()
            )));
        }
        Err(e) => return Err(write_error(path, e)),
    };
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor owned by `file`, which lives through both calls.
    let blocking = unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) == 0
    };
    if !blocking {
        return Err(write_error(path, std::io::Error::last_os_error()));
    }
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| write_error(path, e))
}

#[cfg(not(unix))]
fn write_stream(path: &Path, _text: &str) -> Result<(), Error> {
    Err(Error::Usage(format!(
        "{} is not a regular file",
        path.display()
    )))
}

/// Removes stale temporary files from `dir`, once per run and folder.
fn clean_once(dir: &Path) {
    let first = CLEANED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_or_insert_default()
        .insert(dir.to_path_buf());
    if first {
        tmp::clean_stale(dir);
    }
}

/// Writes `bytes` to a temporary file beside `path` (which is a resolved regular file, or
/// new), with `old`'s mode and owner when replacing, optionally flushed to disk, and renames
/// it over `path`. A failure leaves the old file as it was.
fn replace(
    path: &Path,
    old: Option<&std::fs::Metadata>,
    bytes: &[u8],
    durable: bool,
) -> Result<(), Error> {
    let err = |e| write_error(path, e);
    let dir = parent(path);
    clean_once(dir);
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut tmp = tmp::create(dir, &name).map_err(err)?;
    if let Some(meta) = old {
        keep_mode_and_owner(tmp.as_file(), meta, path)?;
    }
    tmp.write_all(bytes).map_err(err)?;
    if durable {
        tmp.as_file().sync_all().map_err(err)?;
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    if durable {
        sync_dir(dir).map_err(err)?;
    }
    Ok(())
}

/// Gives the temporary file the replaced file's owner, group and permission bits (exactly:
/// the umask does not apply), refusing when this user cannot.
#[cfg(unix)]
fn keep_mode_and_owner(
    tmp: &std::fs::File,
    old: &std::fs::Metadata,
    path: &Path,
) -> Result<(), Error> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let now = tmp.metadata().map_err(|e| write_error(path, e))?;
    if (now.uid(), now.gid()) != (old.uid(), old.gid())
        && std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid())).is_err()
    {
        return Err(Error::Usage(format!(
            "{} belongs to another user or group (uid {}, gid {}); a new copy would not, so \
             coderpath does not replace it",
            path.display(),
            old.uid(),
            old.gid()
        )));
    }
    tmp.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o777))
        .map_err(|e| write_error(path, e))
}

#[cfg(not(unix))]
fn keep_mode_and_owner(
    tmp: &std::fs::File,
    old: &std::fs::Metadata,
    path: &Path,
) -> Result<(), Error> {
    tmp.set_permissions(old.permissions())
        .map_err(|e| write_error(path, e))
}

/// Flushes a folder's entries (the rename) to disk.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn replacing_keeps_the_mode_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("shared.html");
        std::fs::write(&f, "old").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_replace(&f, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "new");
        assert_eq!(std::fs::metadata(&f).unwrap().mode() & 0o777, 0o664);
    }

    #[test]
    fn a_symlinked_output_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ics");
        let link = dir.path().join("link.ics");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_replace(&link, "new").unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn inputs_and_repeated_outputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("profile-for-input-test.yaml");
        std::fs::write(&input, "name: x\n").unwrap();
        note_input(&input);
        let e = write_replace(&input, "clobbered").unwrap_err().to_string();
        assert!(e.contains("an input of this command"), "{e}");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "name: x\n");
        let a = dir.path().join("a.html");
        let also_a = dir.path().join(".").join("a.html");
        let e = check_outputs(&[&a, &also_a]).unwrap_err().to_string();
        assert!(e.contains("named as two outputs"), "{e}");
        assert!(check_outputs(&[&a, &dir.path().join("b.html")]).is_ok());
    }
}
