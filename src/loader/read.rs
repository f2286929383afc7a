//! Reading input bytes safely: only regular files, never blocking on a FIFO, and never more
//! than the size limit, whatever size the file claims.

use std::fs::{File, FileType, OpenOptions};
use std::io::Read;
use std::path::Path;

use super::MAX_FILE_BYTES;
use crate::error::{Code, Diagnostic, Error};

/// The bytes of the regular file at `path` (symlinks followed), read with the size limit.
pub fn regular_file(path: &Path, name: &str) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Read {
        path: name.to_string(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(|e| io(explained(path, e)))?;
    refuse_special(meta.file_type(), name)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(name).into());
    }
    let file = open(path).map_err(io)?;
    // The path may have been swapped for something else between the two looks.
    let meta = file.metadata().map_err(io)?;
    refuse_special(meta.file_type(), name)?;
    // Room for the size the file claims (plus the byte that would tell it grew past the
    // limit), so a large file is read into one buffer instead of a chain of doubling copies.
    let expected = meta.len().min(MAX_FILE_BYTES) as usize + 1;
    limited_with(file, name, expected)
}

/// `e`, from looking up `path`, in plain words when `path` is a symbolic link that leads
/// nowhere: to a missing file, or round in a loop.
pub fn explained(path: &Path, e: std::io::Error) -> std::io::Error {
    let linked = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
    match e.kind() {
        std::io::ErrorKind::NotFound if linked => std::io::Error::new(
            e.kind(),
            "it is a symbolic link to a file that does not exist",
        ),
        _ if linked && path.canonicalize().is_err() => {
            std::io::Error::new(e.kind(), "it is a symbolic link that loops back on itself")
        }
        _ => e,
    }
}

/// At most [`MAX_FILE_BYTES`] + 1 bytes of `input` (one more tells that it is too large).
pub fn limited(input: impl Read, name: &str) -> Result<Vec<u8>, Error> {
    limited_with(input, name, 0)
}

/// [`limited`], starting with room for `capacity` bytes (a hint; more are read if they come).
fn limited_with(input: impl Read, name: &str, capacity: usize) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::with_capacity(capacity);
    input
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: name.to_string(),
            source,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(name).into());
    }
    Ok(bytes)
}

/// The diagnostic for input over the size limit.
pub fn too_large(name: &str) -> Diagnostic {
    Diagnostic::new(
        name,
        1,
        1,
        format!("the file is over the {MAX_FILE_BYTES}-byte limit"),
    )
    .code(Code::TooLarge)
    .expected("a smaller file; split it or remove old entries")
}

/// Opens for reading without blocking (a FIFO that slipped in is refused, not waited on).
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// An error for anything but a regular file.
fn refuse_special(kind: FileType, name: &str) -> Result<(), Error> {
    if kind.is_file() {
        return Ok(());
    }
    let what = describe(kind);
    Err(Error::Read {
        path: name.to_string(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {what}, not a regular file"),
        ),
    })
}

fn describe(kind: FileType) -> &'static str {
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}
