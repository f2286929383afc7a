//! Writing files: every file is replaced all at once, so a crash leaves the old one.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Replaces `path` with `text` all at once and flushes it to disk first (for the user's own
/// files, such as the CEU log).
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
    replace_file(path, text, true)
}

/// Replaces `path` with `text` all at once, without waiting for the disk (for reports,
/// which can be made again): readers see the old file or the new one, never a part.
pub fn write_replace(path: &Path, text: &str) -> Result<(), Error> {
    replace_file(path, text, false)
}

/// A temporary file in the same directory, optionally flushed, then renamed over the
/// target. A failure leaves the old file intact.
fn replace_file(path: &Path, text: &str, durable: bool) -> Result<(), Error> {
    let err = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // A temporary file starts private: it takes the replaced file's permissions, or the
    // usual ones for a new file.
    let mut builder = tempfile::Builder::new();
    if let Some(p) = std::fs::metadata(path)
        .map(|m| m.permissions())
        .ok()
        .or_else(new_file_permissions)
    {
        builder.permissions(p);
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    tmp.write_all(text.as_bytes()).map_err(err)?;
    if durable {
        tmp.as_file().sync_all().map_err(err)?;
    }
    // Fault injection for the crash-safety tests: die after writing, before the rename.
    if std::env::var_os("CODERPATH_FAULT").is_some_and(|v| v == "abort-before-rename") {
        std::process::abort();
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Read-write for the owner, readable by others (as files made under the common umask 022).
#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere new files keep the system's defaults.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}
