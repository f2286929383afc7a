//! Ctrl-C (SIGINT) and SIGTERM during a command that writes many files (`report`): the
//! signal only asks the run to stop. Work in hand finishes — a file being written is
//! renamed into place whole, or its temporary file removed — no new work starts, and the
//! command ends with [`Error::Interrupted`] (exit status 128 + the signal: 130 for Ctrl-C).
//! A second signal ends the process at once, as it would without this (the next run
//! removes any temporary file that leaves, see [`super::files::tmp`]).

use std::sync::atomic::{AtomicI32, Ordering};

use crate::error::Error;

/// The signal received while a [`Guard`] was alive (0: none).
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// While alive, SIGINT and SIGTERM set the flag [`check`] reads instead of ending the
/// process; dropping it restores what they did before.
pub(super) struct Guard {
    #[cfg(unix)]
    previous: Vec<(libc::c_int, libc::sigaction)>,
}

#[cfg(unix)]
extern "C" fn on_signal(signal: libc::c_int) {
    // Only an atomic store: all a signal handler may safely do here.
    SIGNAL.store(signal, Ordering::SeqCst);
}

impl Guard {
    /// Installs the handlers.
    #[cfg(unix)]
    pub fn install() -> Guard {
        SIGNAL.store(0, Ordering::SeqCst);
        let mut previous = Vec::new();
        for signal in [libc::SIGINT, libc::SIGTERM] {
            // SAFETY: a zeroed sigaction is a valid "no handler, empty mask" value; the
            // handler only stores to an atomic; `old` is written by the call.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
                // Blocking calls carry on; the next signal of the kind ends the process.
                action.sa_flags = libc::SA_RESTART | libc::SA_RESETHAND;
                libc::sigemptyset(&mut action.sa_mask);
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, &action, &mut old) == 0 {
                    previous.push((signal, old));
                }
            }
        }
        Guard { previous }
    }

    /// Installs nothing where there are no such signals.
    #[cfg(not(unix))]
    pub fn install() -> Guard {
        Guard {}
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        #[cfg(unix)]
        for (signal, old) in &self.previous {
            // SAFETY: `old` is what sigaction returned for this signal.
            unsafe {
                libc::sigaction(*signal, old, std::ptr::null_mut());
            }
        }
    }
}

/// Whether a signal asked the run to stop.
pub(super) fn requested() -> bool {
    SIGNAL.load(Ordering::SeqCst) != 0
}

/// [`Error::Interrupted`] if a signal asked the run to stop.
pub(super) fn check() -> Result<(), Error> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => Ok(()),
        signal => Err(Error::Interrupted { signal }),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_signal_is_a_request_to_stop_while_guarded() {
        let guard = Guard::install();
        assert!(check().is_ok());
        // SAFETY: raising SIGTERM on this process, whose handler the guard installed.
        unsafe {
            libc::raise(libc::SIGTERM);
        }
        assert!(requested());
        let e = check().unwrap_err();
        assert_eq!(e.exit_code(), 128 + 15);
        drop(guard);
        SIGNAL.store(0, Ordering::SeqCst);
    }
}
