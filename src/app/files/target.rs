//! What an output path names, and whether coderpath may write there.
//!
//! - a new path (its folder exists): a new regular file is made;
//! - a regular file: replaced atomically, keeping its mode and owner; refused when it is
//!   read-only or not writable by the user. Other hard links to it keep the old content
//!   (as a backup made with `cp -al` should); a CEU log with other links is refused
//!   instead (see [`super::log`]);
//! - a symbolic link: followed, and the file it resolves to is written as above (the link
//!   stays a link); a link to nothing is refused;
//! - a character device or a FIFO: written directly, as standard output would be, never
//!   replaced; a FIFO that no process is reading is refused instead of waiting;
//! - anything else (a directory, a block device, a socket): refused.

use std::fs::Metadata;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Where an output goes.
#[derive(Debug)]
pub enum Target {
    /// No file there yet: `path` is made.
    New { path: PathBuf },
    /// An existing regular file, `path` being its resolved location.
    Regular { path: PathBuf, meta: Metadata },
    /// A character device or FIFO, written directly.
    Stream { path: PathBuf, meta: Metadata },
}

impl Target {
    /// Classifies `path`, refusing what must not be written (see the module comment).
    pub fn of(path: &Path) -> Result<Target, Error> {
        let refuse = |why: &str| Err(Error::Usage(format!("{}: {why}", path.display())));
        let link = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            // A missing folder shows when the file is made.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Target::New {
                    path: path.to_path_buf(),
                });
            }
            Err(source) => return Err(write_error(path, source)),
        };
        let is_link = link.file_type().is_symlink();
        let meta = if is_link {
            match std::fs::metadata(path) {
                Ok(m) => m,
                Err(_) => {
                    return refuse(
                        "is a symbolic link to a file that does not exist; \
                         write to the intended file itself",
                    );
                }
            }
        } else {
            link
        };
        let kind = meta.file_type();
        if kind.is_file() {
            let resolved = if is_link {
                std::fs::canonicalize(path).map_err(|e| write_error(path, e))?
            } else {
                path.to_path_buf()
            };
            check_replaceable(path, &meta)?;
            return Ok(Target::Regular {
                path: resolved,
                meta,
            });
        }
        if is_stream(&kind) {
            return Ok(Target::Stream {
                path: path.to_path_buf(),
                meta,
            });
        }
        if kind.is_dir() {
            refuse("is a folder; name a file")
        } else {
            refuse(
                "is not a regular file, character device or FIFO; coderpath will not write to it",
            )
        }
    }
}

#[cfg(unix)]
fn is_stream(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_char_device() || kind.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_kind: &std::fs::FileType) -> bool {
    false
}

/// The folder holding `path` (`.` for a bare file name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// An I/O failure writing `path`.
pub fn write_error(path: &Path, source: std::io::Error) -> Error {
    use std::io::ErrorKind::{NotFound, PermissionDenied};
    let folder = parent(path);
    let said = |words: String| std::io::Error::new(source.kind(), words);
    let source = match source.kind() {
        NotFound if !folder.is_dir() => {
            said(format!("the folder {} does not exist", folder.display()))
        }
        PermissionDenied => said(format!(
            "permission denied (the folder {} may not be writable by you)",
            folder.display()
        )),
        // Without the temporary file's name, which tempfile adds ("… at path …").
        _ => said(
            source
                .to_string()
                .split(" at path ")
                .next()
                .unwrap_or("")
                .into(),
        ),
    };
    Error::Write {
        path: path.display().to_string(),
        source,
    }
}

/// Refuses a regular file that must not be replaced: read-only, or not writable by this
/// user.
pub fn check_replaceable(path: &Path, meta: &Metadata) -> Result<(), Error> {
    let refuse = |why: &str| Err(Error::Usage(format!("{}: {why}", path.display())));
    if meta.permissions().readonly() {
        return refuse(
            "is read-only; coderpath does not replace read-only files (make it writable first)",
        );
    }
    if !writable(path) {
        return refuse("is not writable by you");
    }
    Ok(())
}

/// Refuses a file with other hard links (for a file whose every name must see the change).
pub fn check_single_link(path: &Path, meta: &Metadata) -> Result<(), Error> {
    let links = link_count(meta);
    if links > 1 {
        return Err(Error::Usage(format!(
            "{}: has {links} hard links; replacing it would leave the other names with the old \
             content, so coderpath refuses (keep one name: `cp` the file over itself via a new \
             name, then remove the other links)",
            path.display()
        )));
    }
    Ok(())
}

#[cfg(unix)]
fn link_count(meta: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn link_count(_meta: &Metadata) -> u64 {
    1
}

/// Whether the real user may write `path` (root may write any file; read-only files are
/// refused before this by their mode).
#[cfg(unix)]
fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn writable(_path: &Path) -> bool {
    true
}

/// A file's identity (device and inode), to tell whether two paths name one file.
#[cfg(unix)]
pub fn identity(meta: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
pub fn identity(_meta: &Metadata) -> (u64, u64) {
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_and_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert!(matches!(
            Target::of(&d.join("new.html")).unwrap(),
            Target::New { .. }
        ));
        let file = d.join("f.html");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(Target::of(&file).unwrap(), Target::Regular { .. }));
        let link = d.join("l.html");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        match Target::of(&link).unwrap() {
            Target::Regular { path, .. } => {
                assert_eq!(path, std::fs::canonicalize(&file).unwrap())
            }
            t => panic!("{t:?}"),
        }
        std::os::unix::fs::symlink(d.join("gone"), d.join("dangling")).unwrap();
        assert!(Target::of(&d.join("dangling")).is_err());
        assert!(Target::of(d).is_err());
        std::fs::hard_link(&file, d.join("twin.html")).unwrap();
        let Target::Regular { meta, .. } = Target::of(&file).unwrap() else {
            panic!("a hard-linked report is replaced")
        };
        let e = check_single_link(&file, &meta).unwrap_err().to_string();
        assert!(e.contains("has 2 hard links"), "{e}");
        let ro = d.join("ro.html");
        std::fs::write(&ro, "x").unwrap();
        let mut p = std::fs::metadata(&ro).unwrap().permissions();
        p.set_readonly(true);
        std::fs::set_permissions(&ro, p).unwrap();
        assert!(
            Target::of(&ro)
                .unwrap_err()
                .to_string()
                .contains("read-only")
        );
    }
}
