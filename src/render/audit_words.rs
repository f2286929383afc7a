//! The words of `ceu check`'s cautions: what each says and what would settle it.

use super::code::code;
use super::words::{ceus, num, signed};
use crate::track::audit::{Concern, LogSinceLate};

/// A caution's message and what would settle it.
pub fn concern(c: &Concern) -> (String, String) {
    match c {
        Concern::CheckpointEvidence {
            body,
            date,
            portal,
            log,
            cycle_start,
            log_since,
        } => {
            let why = match log_since {
                Some(since) => format!(
                    "the log starts {since} ({}), after this cycle began on {cycle_start}",
                    code("ceu_log_since")
                ),
                None => format!(
                    "nothing shows the log goes back to this cycle's start on {cycle_start}"
                ),
            };
            let settle = match log_since {
                Some(_) => format!("move {} back", code("ceu_log_since")),
                None => code(&format!("ceu_log_since: {cycle_start}")),
            };
            (
                format!(
                    "checkpoint {date}: {} showed {}, the log adds up to {} (difference {}); {why}, so the status uses the portal's figure",
                    body.as_str(),
                    ceus(*portal),
                    num(*log),
                    signed(portal - log)
                ),
                format!(
                    "nothing to change: the portal counts CEUs the log leaves out; to reconcile, log what was earned from {cycle_start} and add {settle}"
                ),
            )
        }
        Concern::MissingDomain { other_share } => {
            let pct = num(other_share * 100.0);
            (
                format!(
                    "no {}: counted as outside the HIIM domains, where at most {pct}% of an AHIMA cycle's CEUs count",
                    code("domain")
                ),
                format!(
                    "{} for a course within the HIIM domains, else {}",
                    code("domain: hiim"),
                    code("domain: other")
                ),
            )
        }
    }
}

/// The message for a `ceu_log_since` later than the log can have started, and what to
/// write instead.
pub fn log_since_late(late: &LogSinceLate) -> (String, String) {
    let key = code("ceu_log_since");
    match late {
        LogSinceLate::AfterAsOf { since, as_of } => (
            format!(
                "{key} {since} is after the report date {as_of}: the log cannot have started yet"
            ),
            format!("the day the log started, on or before {as_of} (or leave {key} out)"),
        ),
        LogSinceLate::AfterEveryEntry { since, last } => (
            format!(
                "{key} {since} is after every entry of the log (the latest is dated {last}): the log started earlier"
            ),
            format!("the day the log started, on or before its first entry (or leave {key} out)"),
        ),
    }
}

/// The note that a profile names no CEU log, so `ceu check` has nothing to check.
pub fn no_log() -> (String, String) {
    (
        format!(
            "the profile names no CEU log ({}), so there is nothing to check",
            code("ceu_log")
        ),
        format!(
            "{} beside the profile; {} starts it",
            code("ceu_log: NAME.ceus.yaml"),
            code("coderpath ceu add PROFILE …")
        ),
    )
}
