//! Certificate files that CEU log entries name: `ceu add --certificate` takes a path from
//! the current folder and writes it into the log relative to the log's folder (where the
//! log's paths are read from); `ceu check` asks what is at each entry's path.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::person::within;
use crate::render::escape::terminal_line;
use crate::track::audit::CertificateFile;

/// What is at `path` (symbolic links followed).
pub(super) fn at(path: &Path) -> CertificateFile {
    match std::fs::metadata(path) {
        Err(_) => CertificateFile::Missing,
        Ok(m) if m.is_dir() => CertificateFile::Folder,
        Ok(m) if !m.is_file() => CertificateFile::Other,
        Ok(m) => CertificateFile::File {
            device: m.dev(),
            inode: m.ino(),
        },
    }
}

/// `given` (`ceu add --certificate`: a path from the current folder) as the CEU log at
/// `log` is to name it: relative to the log's folder, and within that folder (links
/// resolved) unless `allow_outside`. The file must be there: a path that names nothing is
/// refused, as `ceu check` would report it.
pub(super) fn for_log(given: &Path, log: &Path, allow_outside: bool) -> Result<PathBuf, Error> {
    let shown = terminal_line(&given.display().to_string());
    let refuse = |why: &str| Error::Usage(format!("--certificate {shown}: {why}"));
    match at(given) {
        CertificateFile::Missing => {
            return Err(refuse(
                "no such file (a path given on the command line is taken from the current folder); give the certificate's path, or add the entry without --certificate",
            ));
        }
        CertificateFile::Folder => {
            return Err(refuse(
                "is a folder, not a file; give the certificate file in it",
            ));
        }
        CertificateFile::Other => {
            return Err(refuse(
                "is a device, FIFO or socket, not a file; give the certificate file",
            ));
        }
        CertificateFile::File { .. } | CertificateFile::Unread => {}
    }
    let cwd = std::env::current_dir()
        .map_err(|e| refuse(&format!("the current folder cannot be read ({e})")))?;
    let dir = log.parent().unwrap_or(Path::new(""));
    let mut rel = within::relative(
        &within::lexical(&cwd.join(dir)),
        &within::lexical(&cwd.join(given)),
    );
    // A `..` after a linked folder leads where the link does, not where the names say:
    // then the path is taken between the folders as they really are (the file's own name
    // kept, so a link to a certificate stays a link).
    if at(&dir.join(&rel)) != at(given) {
        let real = |p: &Path| {
            std::fs::canonicalize(if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            })
        };
        let parent = given.parent().unwrap_or(Path::new(""));
        if let (Ok(d), Ok(p), Some(name)) = (real(dir), real(parent), given.file_name()) {
            rel = within::relative(&d, &p.join(name));
        }
    }
    if let Err(o) = within::resolve(dir, &rel, allow_outside) {
        let why = if within::climbs_out(&rel) {
            format!("is outside {}", within::shown(dir))
        } else {
            o.why
        };
        return Err(refuse(&format!(
            "{why}, the CEU log's folder, and a log's certificates are kept within its folder (expected {})",
            within::Outside::expected(dir)
        )));
    }
    if rel.to_str().is_none() {
        return Err(refuse(
            "the file's name is not valid UTF-8, which a YAML log cannot hold; rename the file",
        ));
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_paths_to_one_file_are_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let certs = dir.path().join("certs");
        std::fs::create_dir(&certs).unwrap();
        std::fs::write(certs.join("a.pdf"), "pdf").unwrap();
        std::os::unix::fs::symlink("a.pdf", certs.join("alias.pdf")).unwrap();
        let a = at(&certs.join("a.pdf"));
        assert!(matches!(a, CertificateFile::File { .. }));
        assert_eq!(at(&certs.join("alias.pdf")), a);
        assert_eq!(at(&dir.path().join("certs/../certs/./a.pdf")), a);
        assert_eq!(at(&certs), CertificateFile::Folder);
        assert_eq!(at(&certs.join("none.pdf")), CertificateFile::Missing);
    }
}
