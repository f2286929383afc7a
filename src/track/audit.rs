//! Audit readiness of a CEU log: what an auditor asks of each entry, certificate files, and
//! checkpoints (portal totals) reconciled against the log — linear in the log's size.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::judge;
use crate::data::Catalog;
use crate::data::model::Body;
use crate::person::log::Log;
use crate::person::profile::Person;
use crate::rules::requirement::round2;
use crate::rules::{CycleAnchor, Cycles};

/// One audit finding at a line of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub line: usize,
    pub issue: Issue,
}

/// What an auditor would object to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "issue", rename_all = "snake_case")]
pub enum Issue {
    /// The same title, date and provider as an earlier entry.
    Duplicate { of_line: usize },
    /// No AAPC approval index, for someone who holds only AAPC credentials.
    NoApprovalIndex,
    /// Earned before the first certification.
    BeforeCertification { certified: NaiveDate },
    /// The certificate file is missing.
    CertificateMissing { path: String },
    /// Another entry names the same certificate file.
    CertificateShared { path: String, with_line: usize },
    /// A checkpoint for a body the person holds nothing with (or with no cycle then).
    CheckpointNoCycle { body: Body, date: NaiveDate },
    /// Dated after the report date: not counted yet (a future date is usually a typo).
    AfterAsOf { date: NaiveDate },
    /// A checkpoint that disagrees with the log.
    CheckpointDiffers {
        body: Body,
        date: NaiveDate,
        portal: f64,
        log: f64,
    },
}

/// Every audit finding in `log` on `as_of` (entries and checkpoints dated later are only
/// reported as such), in line order. `exists` tells whether a certificate file is present (the caller owns the file
/// system).
pub fn audit(
    person: &Person,
    log: &Log,
    catalog: &Catalog,
    as_of: NaiveDate,
    exists: &dyn Fn(&Path) -> bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let holds = |b: Body| person.held_with(b).next().is_some();
    let aapc_only = holds(Body::AAPC) && !holds(Body::AHIMA);
    let first_cert = person.credentials.iter().map(|h| h.earned).min();
    let mut certificates: HashMap<&Path, usize> = HashMap::new();
    for e in log.entries.iter().filter(|e| e.date <= as_of) {
        let mut push = |issue| {
            out.push(Finding {
                line: e.line,
                issue,
            })
        };
        if let Some(of_line) = e.duplicate_of {
            push(Issue::Duplicate { of_line });
        }
        if aapc_only && e.aapc_index.is_none() {
            push(Issue::NoApprovalIndex);
        }
        if let Some(certified) = first_cert
            && e.date < certified
        {
            push(Issue::BeforeCertification { certified });
        }
        if let Some(c) = &e.certificate {
            let path = c.display().to_string();
            if !exists(c) {
                push(Issue::CertificateMissing { path });
            } else if let Some(with_line) = certificates.insert(c.as_path(), e.line) {
                push(Issue::CertificateShared { path, with_line });
            }
        }
    }
    let later = log
        .entries
        .iter()
        .map(|e| (e.line, e.date))
        .chain(log.checkpoints.iter().map(|c| (c.line, c.date)))
        .filter(|(_, date)| *date > as_of);
    out.extend(later.map(|(line, date)| Finding {
        line,
        issue: Issue::AfterAsOf { date },
    }));
    for body in Body::ALL {
        checkpoints(person, log, catalog, as_of, body, &mut out);
    }
    out.sort_by_key(|f| f.line);
    out
}

/// Reconciles each checkpoint of `body` with the log's CEUs in the cycle containing its
/// date, up to that date.
fn checkpoints(
    person: &Person,
    log: &Log,
    catalog: &Catalog,
    as_of: NaiveDate,
    body: Body,
    out: &mut Vec<Finding>,
) {
    let points: Vec<_> = log
        .checkpoints
        .iter()
        .filter(|c| c.body == body && c.date <= as_of)
        .collect();
    if points.is_empty() {
        return;
    }
    let first_cert = person.held_with(body).map(|h| h.earned).min();
    let over = person
        .profile
        .cycle_overrides
        .iter()
        .find(|o| o.body == body);
    // Counted entries of each cycle, by cycle start, as date-sorted prefix sums.
    let mut sums: HashMap<NaiveDate, (Vec<NaiveDate>, Vec<f64>)> = HashMap::new();
    for c in points {
        let cycle = first_cert.and_then(|first| {
            let cycles = Cycles::new(
                catalog,
                CycleAnchor {
                    body,
                    first_certified: first,
                    renewal: person.profile.membership_renewal(body),
                    override_start: over.and_then(|o| o.start),
                    override_end: over.and_then(|o| o.end),
                },
            );
            let (cycle, _) = cycles.around(c.date).ok()?;
            Some((cycle, cycles.book(cycle).ok()?))
        });
        let Some((cycle, book)) = cycle.filter(|(cy, _)| c.date >= cy.start) else {
            out.push(Finding {
                line: c.line,
                issue: Issue::CheckpointNoCycle { body, date: c.date },
            });
            continue;
        };
        let (dates, prefix) = sums.entry(cycle.start).or_insert_with(|| {
            let (counted, _) = judge::select(log, book, cycle.start, cycle.end);
            let mut acc = 0.0;
            let prefix = counted
                .iter()
                .map(|e| {
                    acc += e.ceus;
                    acc
                })
                .collect();
            (counted.iter().map(|e| e.date).collect(), prefix)
        });
        let n = dates.partition_point(|d| *d <= c.date);
        let logged = round2(if n == 0 { 0.0 } else { prefix[n - 1] });
        if (c.earned - logged).abs() > 1e-6 {
            out.push(Finding {
                line: c.line,
                issue: Issue::CheckpointDiffers {
                    body,
                    date: c.date,
                    portal: c.earned,
                    log: logged,
                },
            });
        }
    }
}
