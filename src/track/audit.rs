//! Audit readiness of a CEU log: what an auditor asks of each entry, certificate files, and
//! checkpoints (portal totals) reconciled against the log — linear in the log's size. Issues
//! fail the check; cautions are worth knowing but leave the log usable as it is.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{judge, lifecycle};
use crate::data::Catalog;
use crate::data::catalog::Rulebook;
use crate::data::model::Body;
use crate::person::log::Log;
use crate::person::profile::Person;
use crate::rules::requirement::round2;
use crate::rules::{Cycle, Cycles};

/// What the audit of a log found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    /// Problems that fail the check, in line order.
    pub findings: Vec<Finding>,
    /// Things worth knowing that do not fail it, in line order.
    pub cautions: Vec<Caution>,
}

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
    /// What the certificate path names is not a file: a folder (`folder`), or a device,
    /// FIFO or socket.
    CertificateNotAFile { path: String, folder: bool },
    /// Another entry names the same certificate file (by any path: another spelling, a
    /// link to it).
    CertificateShared { path: String, with_line: usize },
    /// A checkpoint for a body the person holds nothing with (or with no cycle then).
    CheckpointNoCycle { body: Body, date: NaiveDate },
    /// Dated after the report date: not counted yet (a future date is usually a typo).
    AfterAsOf { date: NaiveDate },
    /// A checkpoint that disagrees with a log that covers its cycle, or shows less than the
    /// log.
    CheckpointDiffers {
        body: Body,
        date: NaiveDate,
        portal: f64,
        log: f64,
    },
}

/// A caution at a line of the log: worth knowing, not a failed check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caution {
    pub line: usize,
    pub concern: Concern,
}

/// What a caution is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "concern", rename_all = "snake_case")]
pub enum Concern {
    /// A checkpoint that shows more than a log that is not shown to reach back to the start
    /// of its cycle (`cycle_start`): the portal counts what the log leaves out, and the
    /// status uses its figure. `log_since` is the profile's `ceu_log_since` when it falls
    /// after the cycle began.
    CheckpointEvidence {
        body: Body,
        date: NaiveDate,
        portal: f64,
        log: f64,
        cycle_start: NaiveDate,
        log_since: Option<NaiveDate>,
    },
    /// An entry that counts toward an AHIMA cycle whose rulebook has a domain share, with no
    /// `domain`: it counts as outside the HIIM domains, of which at most `other_share` of the
    /// requirement counts.
    MissingDomain { other_share: f64 },
}

/// The profile's `ceu_log_since` when it cannot be the day the log started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "late", rename_all = "snake_case")]
pub enum LogSinceLate {
    /// After the report date.
    AfterAsOf { since: NaiveDate, as_of: NaiveDate },
    /// After every entry of the log (`last` is the latest, up to the report date).
    AfterEveryEntry { since: NaiveDate, last: NaiveDate },
}

/// Whether the profile's `ceu_log_since` is later than the log can have started: after
/// `as_of`, or after every entry dated up to it.
pub fn log_since_late(person: &Person, log: &Log, as_of: NaiveDate) -> Option<LogSinceLate> {
    let since = person.profile.ceu_log_since?;
    if since > as_of {
        return Some(LogSinceLate::AfterAsOf { since, as_of });
    }
    let last = log
        .entries
        .iter()
        .map(|e| e.date)
        .filter(|d| *d <= as_of)
        .max()?;
    (since > last).then_some(LogSinceLate::AfterEveryEntry { since, last })
}

/// What is at a certificate's path, as the caller (who owns the file system) finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateFile {
    /// Nothing.
    Missing,
    /// A folder.
    Folder,
    /// A device, FIFO or socket.
    Other,
    /// A file, known by its device and inode numbers: two paths naming one file (another
    /// spelling, a link) give the same.
    File { device: u64, inode: u64 },
    /// Not looked at (a path outside the log's folder, reported apart).
    Unread,
}

/// Every audit finding and caution in `log` on `as_of` (entries and checkpoints dated later
/// are only reported as such), in line order. `file` tells what is at a certificate's path
/// (the caller owns the file system).
pub fn audit(
    person: &Person,
    log: &Log,
    catalog: &Catalog,
    as_of: NaiveDate,
    file: &dyn Fn(&Path) -> CertificateFile,
) -> Audit {
    let mut out = Vec::new();
    let mut cautions = Vec::new();
    let holds = |b: Body| person.held_with(b).next().is_some();
    let aapc_only = holds(Body::AAPC) && !holds(Body::AHIMA);
    let first_cert = person.credentials.iter().map(|h| h.earned).min();
    let mut certificates: HashMap<CertificateFile, usize> = HashMap::new();
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
            match file(c) {
                CertificateFile::Missing => push(Issue::CertificateMissing { path }),
                CertificateFile::Folder => push(Issue::CertificateNotAFile { path, folder: true }),
                CertificateFile::Other => push(Issue::CertificateNotAFile {
                    path,
                    folder: false,
                }),
                CertificateFile::Unread => {}
                id @ CertificateFile::File { .. } => match certificates.entry(id) {
                    Entry::Occupied(first) => push(Issue::CertificateShared {
                        path,
                        with_line: *first.get(),
                    }),
                    Entry::Vacant(v) => {
                        v.insert(e.line);
                    }
                },
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
        checkpoints(person, log, catalog, as_of, body, &mut out, &mut cautions);
    }
    missing_domains(person, log, catalog, as_of, &mut cautions);
    out.sort_by_key(|f| f.line);
    cautions.sort_by_key(|c| c.line);
    Audit {
        findings: out,
        cautions,
    }
}

/// The cycles of `body` for `person`, when they hold a credential with it.
fn cycles_of<'c>(
    person: &Person,
    catalog: &'c Catalog,
    body: Body,
) -> Option<(Cycles<'c>, NaiveDate)> {
    let first = person.held_with(body).map(|h| h.earned).min()?;
    Some((
        super::lifecycle::cycles_for(person, catalog, body, first),
        first,
    ))
}

/// Cautions for entries that count toward an AHIMA cycle judged with a domain share but
/// have no `domain` (the status counts them outside the HIIM domains). Entries that cannot
/// count toward AHIMA — repeats, earned before its first certification or after `as_of` —
/// are left out.
fn missing_domains(
    person: &Person,
    log: &Log,
    catalog: &Catalog,
    as_of: NaiveDate,
    out: &mut Vec<Caution>,
) {
    let Some((cycles, first)) = cycles_of(person, catalog, Body::AHIMA) else {
        return;
    };
    let mut unmarked: Vec<_> = log
        .entries
        .iter()
        .filter(|e| e.domain.is_none() && e.duplicate_of.is_none())
        .filter(|e| e.date >= first && e.date <= as_of)
        .collect();
    unmarked.sort_by_key(|e| (e.date, e.line));
    // Entries in date order: the cycle (and its rulebook) changes only between cycles.
    let mut cycle: Option<(Cycle, Option<&Rulebook>)> = None;
    for e in unmarked {
        if cycle.is_none_or(|(c, _)| e.date > c.end) {
            cycle = cycles
                .around(e.date)
                .ok()
                .map(|(c, _)| (c, cycles.book_or_oldest(c).ok()));
        }
        let Some((_, Some(book))) = cycle else {
            continue;
        };
        let Some(share) = book.domain_share_min else {
            continue;
        };
        if book.approved_only && e.aapc_index.is_none() {
            continue;
        }
        out.push(Caution {
            line: e.line,
            concern: Concern::MissingDomain {
                // The rest of the share, exact to a millionth (1 - 0.8 is not 0.2 in binary).
                other_share: ((1.0 - share) * 1e6).round() / 1e6,
            },
        });
    }
}

/// Reconciles each checkpoint of `body` with the log's CEUs in the cycle containing its
/// date, up to that date. One that shows more than a log not shown to reach back to the
/// cycle's start is evidence the status uses (a caution); any other difference is an issue.
fn checkpoints(
    person: &Person,
    log: &Log,
    catalog: &Catalog,
    as_of: NaiveDate,
    body: Body,
    out: &mut Vec<Finding>,
    cautions: &mut Vec<Caution>,
) {
    let points: Vec<_> = log
        .checkpoints
        .iter()
        .filter(|c| c.body == body && c.date <= as_of)
        .collect();
    if points.is_empty() {
        return;
    }
    let cycles = cycles_of(person, catalog, body);
    let log_since = person.profile.ceu_log_since;
    // Per cycle, by its start: the counted entries' dates and date-sorted prefix sums, and
    // whether the log reaches back to the start.
    let mut sums: HashMap<NaiveDate, (Vec<NaiveDate>, Vec<f64>, bool)> = HashMap::new();
    for c in points {
        let cycle = cycles.as_ref().and_then(|(cycles, first)| {
            let (cycle, _) = cycles.around(c.date).ok()?;
            Some((cycle, cycles.book(cycle).ok()?, *first))
        });
        let Some((cycle, book, first)) = cycle.filter(|(cy, _, _)| c.date >= cy.start) else {
            out.push(Finding {
                line: c.line,
                issue: Issue::CheckpointNoCycle { body, date: c.date },
            });
            continue;
        };
        let (dates, prefix, reaches_back) = sums.entry(cycle.start).or_insert_with(|| {
            let (counted, _) = judge::select(log, book, cycle.start, cycle.end);
            let mut acc = 0.0;
            let prefix = counted
                .iter()
                .map(|e| {
                    acc += e.ceus;
                    acc
                })
                .collect();
            let back = lifecycle::reaches_back(log, log_since, first, cycle);
            (counted.iter().map(|e| e.date).collect(), prefix, back)
        });
        let n = dates.partition_point(|d| *d <= c.date);
        let logged = round2(if n == 0 { 0.0 } else { prefix[n - 1] });
        if (c.earned - logged).abs() <= 1e-6 {
            continue;
        }
        if c.earned > logged && !*reaches_back {
            cautions.push(Caution {
                line: c.line,
                concern: Concern::CheckpointEvidence {
                    body,
                    date: c.date,
                    portal: c.earned,
                    log: logged,
                    cycle_start: cycle.start,
                    log_since: log_since.filter(|d| *d > cycle.start),
                },
            });
        } else {
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
