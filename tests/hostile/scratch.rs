//! A scratch folder for one hostile case, beside an `outside` folder that holds what an
//! attack would read or clobber (a secret, a FIFO, a shared log). Every run checks the
//! exit code, that there is no panic, the messages on stderr, and that nothing outside the
//! scratch folder changed (each file's kind, size, mode and modification time).

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;

/// Text that must never appear in anything coderpath writes.
pub const SECRET: &str = "TOP-SECRET-4242";

/// A certified person with a CEU log `p.ceus.yaml`.
pub const CERTIFIED: &str = "name: Pat Doe\neducation: certificate\ncredentials: [{ id: CPC, earned: 2024-01-10 }]\naapc_renewal: 2025-05-31\nceu_log: p.ceus.yaml\n";

/// A one-entry log.
pub const LOG: &str = "# my log\n- date: 2026-01-05\n  title: Webinar\n  provider: AAPC\n  ceus: 1\n  aapc_index: A1\n";

/// An aspiring coder's profile, after its `name:` line.
pub const ASPIRING: &str = "education: high_school\ntarget: { setting: physician_office }\npreferences: { hours_per_week: 10 }\n";

pub struct Scratch {
    _top: tempfile::TempDir,
    /// Where the case's own files are, and the working directory of every run.
    pub dir: PathBuf,
    /// What must not change.
    pub outside: PathBuf,
}

/// Makes a FIFO.
pub fn mkfifo(path: &Path) {
    assert!(
        std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap()
            .success()
    );
}

impl Scratch {
    pub fn new() -> Scratch {
        let top = tempfile::tempdir().unwrap();
        let outside = top.path().join("outside");
        let dir = top.path().join("scratch");
        std::fs::create_dir_all(outside.join("sub")).unwrap();
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(outside.join("secret.txt"), format!("{SECRET}\n")).unwrap();
        std::fs::write(
            outside.join("secret.yaml"),
            format!("name: {SECRET}\n{ASPIRING}"),
        )
        .unwrap();
        std::fs::write(
            outside.join("secret.ceus.yaml"),
            format!("- date: 2026-01-05\n  title: {SECRET}\n  provider: AAPC\n  ceus: 1\n"),
        )
        .unwrap();
        std::fs::write(
            outside.join("sub/secret.yaml"),
            format!("name: {SECRET}\n{ASPIRING}"),
        )
        .unwrap();
        mkfifo(&outside.join("fifo"));
        // Other users may enter (for the runs as `nobody`).
        for d in [top.path(), &dir, &outside] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Scratch {
            _top: top,
            dir,
            outside,
        }
    }

    /// Writes `text` at `rel` in the scratch folder.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }

    /// A certified person `p.yaml` with the log `p.ceus.yaml`.
    pub fn certified(&self) -> (PathBuf, PathBuf) {
        (
            self.write("p.yaml", CERTIFIED),
            self.write("p.ceus.yaml", LOG),
        )
    }

    /// Every file under `root`: kind, size, mode, modification time (links not followed).
    pub fn state(root: &Path) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let m = std::fs::symlink_metadata(&p).unwrap();
                if m.is_dir() {
                    stack.push(p.clone());
                }
                out.insert(
                    p.strip_prefix(root).unwrap().display().to_string(),
                    format!(
                        "{:o} {} {} {}.{} {}:{}",
                        m.mode(),
                        m.len(),
                        m.nlink(),
                        m.mtime(),
                        m.mtime_nsec(),
                        m.uid(),
                        m.gid()
                    ),
                );
            }
        }
        out
    }

    /// `coderpath --as-of 2026-11-27`, run in the scratch folder.
    pub fn command(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("coderpath"));
        c.current_dir(&self.dir)
            .env("COLUMNS", "120")
            .env("NO_COLOR", "1")
            .args(["--as-of", super::common::AS_OF]);
        c
    }

    /// Runs `command` and checks the exit code, that stderr holds each of `texts` and no
    /// panic, and that nothing outside the scratch folder changed. Returns the output.
    pub fn check(&self, mut command: std::process::Command, code: i32, texts: &[&str]) -> Output {
        let before = Self::state(&self.outside);
        let out = command.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{command:?}\n{stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{stderr}"
        );
        for t in texts {
            assert!(stderr.contains(t), "expected `{t}` in\n{stderr}");
        }
        assert_eq!(
            Self::state(&self.outside),
            before,
            "{command:?} changed files outside"
        );
        out
    }

    /// [`Scratch::check`] of `coderpath ARGS`.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S], code: i32, texts: &[&str]) -> Output {
        let mut c = self.command();
        c.args(args);
        self.check(c, code, texts)
    }

    /// Every file coderpath wrote into the scratch folder, with its text (lossy).
    pub fn written(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut stack = vec![self.dir.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let m = std::fs::symlink_metadata(&p).unwrap();
                if m.is_dir() {
                    stack.push(p);
                } else if m.is_file() {
                    out.insert(
                        p.strip_prefix(&self.dir).unwrap().display().to_string(),
                        String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
                    );
                }
            }
        }
        out
    }

    /// Asserts the secret appears in no file of the scratch folder.
    pub fn assert_no_secret(&self) {
        for (name, text) in self.written() {
            assert!(!text.contains(SECRET), "{name} holds the secret");
        }
    }
}

/// A program to run a command as the unprivileged user `nobody`, when this test runs as
/// root and `setpriv` exists; else `None` (the caller prints why it skips).
pub fn as_nobody() -> Option<Vec<String>> {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let setpriv = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (root && setpriv).then(|| {
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
        .map(String::from)
        .to_vec()
    })
}
