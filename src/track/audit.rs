//! Audit readiness of a CEU log: what an auditor asks of each entry, certificate files, and
//! checkpoints (portal totals) reconciled against the log.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::status;
use crate::data::DataSet;
use crate::data::model::Body;
use crate::person::log::Log;
use crate::person::profile::Profile;

/// One audit problem at a line of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub line: usize,
    pub message: String,
    pub expected: String,
}

/// A checkpoint reconciled: what the portal showed against what the log adds up to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconciled {
    pub line: usize,
    pub date: NaiveDate,
    pub body: Body,
    pub asserted: f64,
    pub calculated: Option<f64>,
    pub difference: Option<f64>,
}

/// Every audit problem in `log`, and each checkpoint reconciled. `exists` tells whether a
/// certificate file is present (the caller owns the file system).
pub fn audit(
    profile: &Profile,
    log: &Log,
    data: &DataSet,
    exists: &dyn Fn(&std::path::Path) -> bool,
) -> (Vec<Problem>, Vec<Reconciled>) {
    let mut problems = Vec::new();
    let holds = |b: Body| {
        profile
            .credentials
            .iter()
            .any(|h| data.credential(&h.id).is_some_and(|c| c.body == b))
    };
    let aapc_only = holds(Body::AAPC) && !holds(Body::AHIMA);
    let first_cert = profile.credentials.iter().map(|h| h.earned).min();
    let mut certificates: HashMap<&std::path::Path, usize> = HashMap::new();
    for e in &log.entries {
        if let Some(first) = e.duplicate_of {
            problems.push(Problem {
                line: e.line,
                message: format!(
                    "duplicate of the entry at line {first} (same title, date and provider)"
                ),
                expected: "each course once; remove this entry".into(),
            });
        }
        if aapc_only && e.aapc_index.is_none() {
            problems.push(Problem {
                line: e.line,
                message: "no AAPC approval index: AAPC will not count this entry".into(),
                expected: "`aapc_index:` from the certificate".into(),
            });
        }
        if let Some(first) = first_cert
            && e.date < first
        {
            problems.push(Problem {
                line: e.line,
                message: format!(
                    "dated {} before the first certification on {first}; it cannot count",
                    e.date
                ),
                expected: "CEUs earned after certification".into(),
            });
        }
        if let Some(c) = &e.certificate {
            if !exists(c) {
                problems.push(Problem {
                    line: e.line,
                    message: format!("certificate {} does not exist", c.display()),
                    expected: "the path of the certificate file, relative to the log".into(),
                });
            } else if let Some(first) = certificates.insert(c.as_path(), e.line) {
                problems.push(Problem {
                    line: e.line,
                    message: format!(
                        "certificate {} is also used by the entry at line {first}",
                        c.display()
                    ),
                    expected: "one certificate per course".into(),
                });
            }
        }
    }
    let mut reconciled = Vec::new();
    for c in &log.checkpoints {
        let calculated = status(profile, log, data, c.date)
            .ok()
            .and_then(|s| s.bodies.into_iter().find(|b| b.body == c.body))
            .map(|b| b.earned);
        let difference = calculated.map(|v| ((c.earned - v) * 100.0).round() / 100.0);
        match difference {
            None => problems.push(Problem {
                line: c.line,
                message: format!("checkpoint for {}: no {} cycle on {} to compare with", c.body.as_str(), c.body.as_str(), c.date),
                expected: "a checkpoint for a body the person holds a credential with".into(),
            }),
            Some(d) if d.abs() > 1e-6 => problems.push(Problem {
                line: c.line,
                message: format!(
                    "checkpoint {}: {} showed {} CEUs, the log adds up to {} (difference {:+})",
                    c.date,
                    c.body.as_str(),
                    c.earned,
                    calculated.unwrap_or(0.0),
                    d
                ),
                expected: "the log's total to match the portal; add the missing entries or correct the checkpoint".into(),
            }),
            _ => {}
        }
        reconciled.push(Reconciled {
            line: c.line,
            date: c.date,
            body: c.body,
            asserted: c.earned,
            calculated,
            difference,
        });
    }
    problems.sort_by_key(|p| p.line);
    (problems, reconciled)
}
