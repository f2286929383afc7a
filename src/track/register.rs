//! The CEU register behind `ceu list`: every log entry with, for each body the person holds
//! credentials with, the cycle it falls in and whether it counts there (in full, or only in
//! part under the status's cap on CEUs outside the HIIM domains), or why not. Built from a
//! [`Status`], so the register and the status never disagree.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{BodyStatus, Capped, CycleStatus, RejectReason, Status};
use crate::data::model::Body;
use crate::person::log::{Checkpoint, Domain, Entry, Log};
use crate::rules::Cycle;
use crate::rules::requirement::round2;

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this body's standing (and entries it places in the chosen cycle).
    pub body: Option<Body>,
    pub cycle: CycleFilter,
    /// Entries whose provider contains this text (any case).
    pub provider: Option<String>,
    /// Entries tagged with this topic id (any case).
    pub topic: Option<String>,
}

/// Which cycle's entries to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CycleFilter {
    /// Entries dated in a body's current cycle.
    Current,
    /// Entries dated in a body's previous cycle.
    Previous,
    #[default]
    All,
}

/// The register: entries in log order.
#[derive(Debug, Clone, Serialize)]
pub struct Register<'l> {
    pub schema_version: u32,
    pub as_of: NaiveDate,
    pub person: String,
    pub bodies: Vec<BodyCycles>,
    pub entries: Vec<Row<'l>>,
    /// Checkpoints of the bodies shown (none when filtering by provider or topic).
    pub checkpoints: Vec<CheckpointRow<'l>>,
    /// Entries the log holds in all (before filtering).
    pub total_entries: usize,
}

/// A checkpoint: what a portal showed on a date, and whether the status uses it as the
/// figure (it showed more than the log).
#[derive(Debug, Clone, Serialize)]
pub struct CheckpointRow<'l> {
    pub checkpoint: &'l Checkpoint,
    pub cycle: Option<CycleKind>,
    pub used: bool,
}

/// A body's current and previous cycle.
#[derive(Debug, Clone, Serialize)]
pub struct BodyCycles {
    pub body: Body,
    pub current: Cycle,
    pub previous: Option<Cycle>,
    /// The cycles whose CEUs outside the body's main domains go beyond the share that
    /// counts (the status's `capped_other`).
    pub capped_other: Vec<CycleCap>,
}

/// A cycle's `capped_other` figures, as the status gives them.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CycleCap {
    pub cycle: CycleKind,
    #[serde(flatten)]
    pub capped: Capped,
}

/// One entry and where it stands with each body.
#[derive(Debug, Clone, Serialize)]
pub struct Row<'l> {
    pub entry: &'l Entry,
    pub standing: Vec<Standing>,
}

/// One body's view of an entry.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Standing {
    pub body: Body,
    /// The cycle the entry's date falls in, when it is the current or the previous one.
    pub cycle: Option<CycleKind>,
    #[serde(flatten)]
    pub place: Place,
}

/// Which of a body's cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CycleKind {
    Current,
    Previous,
}

/// Whether an entry counts with a body, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "place", rename_all = "snake_case")]
pub enum Place {
    /// Counts toward this cycle (a renewal-month entry may count in the cycle after the one
    /// its date falls in).
    Counts { toward: CycleKind },
    /// Counts only in part, or not at all: it lies outside the body's main domains, whose
    /// CEUs count only up to `cap` in the cycle, and the entries counted before it (oldest
    /// first) used up the rest. `counted + over_cap` is the entry's CEUs.
    Capped {
        toward: CycleKind,
        counted: f64,
        over_cap: f64,
        cap: f64,
    },
    /// In a shown cycle, but does not count.
    Rejected { reason: RejectReason },
    /// Dated in an older cycle than the previous one.
    OlderCycle,
    /// Dated before the body's first certification.
    BeforeCertification { certified: NaiveDate },
    /// Dated after `as_of`: left out until then.
    AfterAsOf,
    /// In the previous cycle, which the status leaves out (complete, or not covered by the
    /// log and past its lapse window).
    PreviousNotJudged,
    /// Dated outside every cycle judged (before the first cycle began).
    Outside,
}

/// The register of `log` as judged in `status`, filtered. Linear in the log's size.
pub fn register<'l>(status: &Status, log: &'l Log, filter: &Filter) -> Register<'l> {
    let bodies: Vec<Judged> = status
        .bodies
        .iter()
        .filter(|b| filter.body.is_none_or(|x| x == b.body))
        .map(|b| Judged::new(b, log))
        .collect();
    let provider = filter.provider.as_ref().map(|p| p.to_lowercase());
    let entries = log
        .entries
        .iter()
        .filter(|e| {
            provider
                .as_ref()
                .is_none_or(|p| e.provider.to_lowercase().contains(p))
                && filter
                    .topic
                    .as_ref()
                    .is_none_or(|t| e.topics.iter().any(|x| x.eq_ignore_ascii_case(t)))
        })
        .map(|entry| Row {
            entry,
            standing: bodies
                .iter()
                .map(|b| b.standing(entry, status.as_of))
                .collect(),
        })
        .filter(|row| {
            let kind = match filter.cycle {
                CycleFilter::All => return true,
                CycleFilter::Current => CycleKind::Current,
                CycleFilter::Previous => CycleKind::Previous,
            };
            // Dated in that cycle, or counted toward it (a renewal-month entry carried).
            row.standing
                .iter()
                .any(|s| s.cycle == Some(kind) || s.place.toward() == Some(kind))
        })
        .collect();
    let checkpoints = if filter.provider.is_some() || filter.topic.is_some() {
        Vec::new()
    } else {
        log.checkpoints
            .iter()
            .filter_map(|c| {
                let b = bodies.iter().find(|b| b.status.body == c.body)?;
                let cycle = b.cycle_of(c.date);
                let used = b
                    .status
                    .ended
                    .iter()
                    .chain(std::iter::once(&b.status.current))
                    .any(|x| x.evidence.is_some_and(|e| e.line == c.line));
                let wanted = match filter.cycle {
                    CycleFilter::All => true,
                    CycleFilter::Current => cycle == Some(CycleKind::Current),
                    CycleFilter::Previous => cycle == Some(CycleKind::Previous),
                };
                wanted.then_some(CheckpointRow {
                    checkpoint: c,
                    cycle,
                    used,
                })
            })
            .collect()
    };
    Register {
        schema_version: super::SCHEMA_VERSION,
        as_of: status.as_of,
        person: status.person.clone(),
        bodies: bodies
            .iter()
            .map(|b| BodyCycles {
                body: b.status.body,
                current: b.status.current.cycle,
                previous: b.status.previous,
                capped_other: cycles(b.status)
                    .filter_map(|(cycle, c)| {
                        Some(CycleCap {
                            cycle,
                            capped: c.capped_other?,
                        })
                    })
                    .collect(),
            })
            .collect(),
        entries,
        checkpoints,
        total_entries: log.entries.len(),
    }
}

/// A body's judged cycles (the ended one, then the current one), each with its kind.
fn cycles<'s, 'c>(b: &'s BodyStatus<'c>) -> impl Iterator<Item = (CycleKind, &'s CycleStatus<'c>)> {
    b.ended.iter().chain(std::iter::once(&b.current)).map(|c| {
        let kind = if c.cycle == b.current.cycle {
            CycleKind::Current
        } else {
            CycleKind::Previous
        };
        (kind, c)
    })
}

/// One body's status with its verdicts indexed by log line.
struct Judged<'s, 'c> {
    status: &'s BodyStatus<'c>,
    verdicts: HashMap<usize, Place>,
}

impl Place {
    /// The cycle the entry counts toward (in full or in part).
    pub fn toward(&self) -> Option<CycleKind> {
        match *self {
            Place::Counts { toward } | Place::Capped { toward, .. } => Some(toward),
            _ => None,
        }
    }
}

impl<'s, 'c> Judged<'s, 'c> {
    fn new(b: &'s BodyStatus<'c>, log: &Log) -> Self {
        let mut verdicts = HashMap::new();
        for line in &b.older_cycles {
            verdicts.insert(*line, Place::OlderCycle);
        }
        for r in &b.before_certification {
            let place = match r.reason {
                RejectReason::BeforeCertification { certified } => {
                    Place::BeforeCertification { certified }
                }
                reason => Place::Rejected { reason },
            };
            verdicts.insert(r.line, place);
        }
        let mut judged = Judged {
            status: b,
            verdicts,
        };
        for (toward, c) in cycles(b) {
            for r in &c.rejected {
                judged
                    .verdicts
                    .insert(r.line, Place::Rejected { reason: r.reason });
            }
            for line in &c.counted {
                judged.verdicts.insert(*line, Place::Counts { toward });
            }
            if let Some(k) = c.capped_other {
                judged.cap(toward, c, k.counted, log);
            }
        }
        judged
    }

    /// Marks the counted entries of cycle `c` outside the HIIM domains that the status's
    /// `cap` (its `capped_other.counted`) leaves out in whole or in part: the cap goes to
    /// them in the order the status counted them (oldest first), so their counted parts
    /// add up to the cap.
    fn cap(&mut self, toward: CycleKind, c: &CycleStatus, cap: f64, log: &Log) {
        let mut left = cap;
        for line in &c.counted {
            let Ok(i) = log.entries.binary_search_by_key(line, |e| e.line) else {
                continue;
            };
            let e = &log.entries[i];
            if e.domain == Some(Domain::Hiim) {
                continue;
            }
            let counted = round2(e.ceus.min(left));
            left = round2(left - counted);
            if counted + 1e-9 < e.ceus {
                let over_cap = round2(e.ceus - counted);
                self.verdicts.insert(
                    *line,
                    Place::Capped {
                        toward,
                        counted,
                        over_cap,
                        cap,
                    },
                );
            }
        }
    }

    /// The body's cycle `date` falls in, when it is the current or the previous one.
    fn cycle_of(&self, date: NaiveDate) -> Option<CycleKind> {
        let b = self.status;
        let within = |c: &Cycle| date >= c.start && date <= c.end;
        if within(&b.current.cycle) {
            Some(CycleKind::Current)
        } else if b.previous.as_ref().is_some_and(within) {
            Some(CycleKind::Previous)
        } else {
            None
        }
    }

    /// Where `e` stands with this body.
    fn standing(&self, e: &Entry, as_of: NaiveDate) -> Standing {
        let b = self.status;
        let cycle = self.cycle_of(e.date);
        let place = if e.date > as_of {
            Place::AfterAsOf
        } else {
            match self.verdicts.get(&e.line) {
                Some(Place::OlderCycle) if cycle == Some(CycleKind::Previous) => {
                    Place::PreviousNotJudged
                }
                Some(p) => *p,
                None => Place::Outside,
            }
        };
        Standing {
            body: b.body,
            cycle,
            place,
        }
    }
}
