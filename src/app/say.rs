//! What goes to stderr beside errors and the requested output: warnings, notes and status
//! lines (silenced by `-q`), and what `-v` adds (the files loaded, the rulebooks and
//! planning assumptions used). Every such line goes through here, so `-q` and `-v` mean
//! the same for every command.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::cli::Global;

const QUIET: u8 = 0;
const NORMAL: u8 = 1;
const VERBOSE: u8 = 2;

/// How much this run says; set once from the command line by [`set`].
static LEVEL: AtomicU8 = AtomicU8::new(NORMAL);

/// Takes `-q` and `-v` from the command line for the rest of the run.
pub fn set(global: &Global) {
    let level = if global.quiet {
        QUIET
    } else if global.verbose {
        VERBOSE
    } else {
        NORMAL
    };
    LEVEL.store(level, Ordering::Relaxed);
}

/// Whether `-q` was given: only errors and the requested output.
pub fn quiet() -> bool {
    LEVEL.load(Ordering::Relaxed) == QUIET
}

/// Whether `-v` was given.
pub fn verbose() -> bool {
    LEVEL.load(Ordering::Relaxed) == VERBOSE
}

/// `warning: TEXT`, unless quiet.
pub fn warning(text: &str) {
    status(&format!("warning: {text}"));
}

/// `note: TEXT`, unless quiet.
pub fn note(text: &str) {
    status(&format!("note: {text}"));
}

/// A line saying what was done ("wrote profile.yaml"), unless quiet.
pub fn status(text: &str) {
    if !quiet() {
        let width = super::stderr_width().into();
        eprintln!("{}", crate::render::wrap::fit_diagnostic(text, width));
    }
}

/// A line only `-v` asks for.
pub fn detail(text: &str) {
    if verbose() {
        eprintln!("{text}");
    }
}
