//! The words of `ceu check`'s cautions: what each says and what would settle it.

use super::code::code;
use super::words::{ceus, num, signed};
use crate::track::audit::Concern;

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
