//! The CEU tracker: for each credentialing body a person holds credentials with, the cycle
//! lifecycle the rulebooks give — the cycle that ended most recently (complete, past due
//! within the lapse window, revoked, or not covered by the log) and the current one — with
//! what each requires, which log entries count and why others do not. Pure: a person, a log,
//! the catalog and `as_of` in; typed facts out (render writes the words).

pub mod audit;
mod fees;
mod flow;
mod judge;
mod lifecycle;
pub mod register;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_audit;
#[cfg(test)]
mod tests_late;
pub mod whatif;

use chrono::NaiveDate;
use serde::Serialize;

use crate::data::Catalog;
use crate::data::catalog::Credential;
use crate::data::model::{Body, LapseState, Payer, RuleFeeKind};
use crate::person::Problem;
use crate::person::log::{Log, Text};
use crate::person::profile::Person;
use crate::rules::{Cycle, MinimumKind, Required, ShareKind};

/// The version of the status JSON interface; see CHANGELOG.md for what changed.
pub const SCHEMA_VERSION: u32 = 2;

/// Where a person stands with every body, on `as_of`.
#[derive(Debug, Clone, Serialize)]
pub struct Status<'c> {
    pub schema_version: u32,
    pub as_of: NaiveDate,
    pub person: String,
    pub bodies: Vec<BodyStatus<'c>>,
}

/// One body: the cycle that ended most recently (when it matters) and the current one.
#[derive(Debug, Clone, Serialize)]
pub struct BodyStatus<'c> {
    pub body: Body,
    /// Credentials held with the body on `as_of`.
    pub credentials: Vec<&'c Credential>,
    /// Those of them held with apprentice status (CPC-A).
    pub apprentice: Vec<&'c Credential>,
    /// The last ended cycle, shown when it is unmet, not in the log, or ended within its
    /// lapse window.
    pub ended: Option<CycleStatus<'c>>,
    pub current: CycleStatus<'c>,
    pub fees: Vec<FeeDue>,
    /// Entries dated before the body's first certification.
    pub before_certification: Vec<Rejected>,
    /// Log lines dated after `as_of`, left out.
    pub after_as_of: Vec<usize>,
    /// Log lines of entries in older cycles than those shown (they count there, not here).
    pub older_cycles: Vec<usize>,
    /// The next membership renewal, when the body's membership renews on its own date.
    pub membership_due: Option<NaiveDate>,
    /// The cycle before the current one (shown in `ended` only when it matters).
    pub previous: Option<Cycle>,
    /// When the first certification predates every rulebook of the body: the oldest
    /// rulebook's start, whose cycle rule placed the cycles before it.
    pub placed_before_rulebooks: Option<NaiveDate>,
    /// The profile's membership renewal date, when it is more than a renewal period and the
    /// lapse window in the past (a portal shows the next one): stale, or a lapsed membership.
    pub stale_renewal: Option<StaleRenewal>,
    /// The end of a portal cycle override that does not fall on the membership renewal date
    /// the profile gives, for a body whose cycles end on it: one of the two is mistyped.
    pub override_off_renewal: Option<NaiveDate>,
    /// Set when nothing logged speaks for the body up to `as_of`: its figures are then only
    /// what is logged, not what was earned.
    pub unlogged: Option<Unlogged>,
}

/// Why nothing logged speaks for a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unlogged {
    /// The profile names no CEU log.
    NoLog,
    /// The log holds no entry dated up to `as_of` and no checkpoint of the body.
    NothingForBody,
}

/// A membership renewal date long past, and what it means if the dues went unpaid.
#[derive(Debug, Clone, Serialize)]
pub struct StaleRenewal {
    pub renewal: NaiveDate,
    /// Revoked since, if that renewal went unpaid (the rulebook's lapse window after it).
    pub revoked_if_unpaid: NaiveDate,
}

impl<'c> BodyStatus<'c> {
    /// The cycle whose state leads: the ended one while past due or revoked, else the
    /// current one.
    pub fn lead(&self) -> &CycleStatus<'c> {
        self.ended
            .as_ref()
            .filter(|e| {
                matches!(
                    e.state,
                    CycleState::Lapsed { .. } | CycleState::Revoked { .. }
                )
            })
            .unwrap_or(&self.current)
    }
}

/// One cycle judged.
#[derive(Debug, Clone, Serialize)]
pub struct CycleStatus<'c> {
    pub cycle: Cycle,
    pub requirement: Required<'c>,
    /// The total the portal shows (a cycle override), used instead of the computed one.
    pub portal_required: Option<f64>,
    /// CEUs the cycle needs: the portal's figure, else the computed one.
    pub required: f64,
    pub earned: f64,
    pub remaining: f64,
    pub state: CycleState,
    pub requirements: Vec<Progress<'c>>,
    pub allocations: Vec<Allocation<'c>>,
    pub rejected: Vec<Rejected>,
    /// A checkpoint that showed more than the log and was used as the figure.
    pub evidence: Option<Evidence>,
    /// Every checkpoint of the body inside the cycle, with the log's figure on its date.
    pub checkpoints: Vec<Evidence>,
    /// The log's CEUs outside the HIIM domains beyond what counts.
    pub capped_other: Option<Capped>,
    /// Counted entries without an AHIMA domain (treated as outside the HIIM domains).
    pub unmarked_domain: usize,
    /// Log lines of the entries that count in this cycle (renewal-month entries where they
    /// are used).
    pub counted: Vec<usize>,
    /// CEUs earned in the previous cycle's renewal month that count here instead.
    pub from_renewal_month: f64,
    /// CEUs earned in this cycle's renewal month that count toward the next cycle.
    pub to_next_cycle: f64,
}

impl CycleStatus<'_> {
    /// The last day of the body's lapse window after this cycle: if its CEUs are still short
    /// then, the credential is revoked.
    pub fn last_day_before_revocation(&self) -> NaiveDate {
        let days = self.requirement.rulebook.lapse.days.get();
        crate::dates::add_days(self.cycle.end, u64::from(days))
    }
}

/// Where a cycle stands.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CycleState {
    /// Every requirement met.
    Complete,
    /// Running, and earned keeps pace with the time gone.
    OnTrack { days_left: i64, per_month: f64 },
    /// Running, and behind the pace.
    Behind { days_left: i64, per_month: f64 },
    /// Ended unmet; the body's lapse window is open until `until`.
    Lapsed {
        lapse: LapseState,
        due: NaiveDate,
        until: NaiveDate,
        days_left: i64,
        per_month: f64,
    },
    /// Ended unmet and the lapse window closed: revoked since `since`.
    Revoked {
        since: NaiveDate,
        /// Last day it can be reinstated without a new exam, when the data says.
        reinstate_until: Option<NaiveDate>,
        /// Last day to appeal the revocation, when the data says.
        appeal_until: Option<NaiveDate>,
    },
    /// Ended, and the log does not cover it: unknown. `log_since` is the profile's
    /// `ceu_log_since` when it falls after the cycle began (the log starts too late to speak
    /// for it).
    NotInLog { log_since: Option<NaiveDate> },
    /// The current cycle of a credential revoked in an ended cycle: nothing to earn toward
    /// it until the credential is reinstated or earned again.
    OnHold,
}

impl CycleState {
    /// A stable code for JSON and CSS.
    pub fn code(&self) -> &'static str {
        match self {
            CycleState::Complete => "complete",
            CycleState::OnTrack { .. } => "on_track",
            CycleState::Behind { .. } => "behind",
            CycleState::Lapsed { lapse, .. } => match lapse {
                LapseState::Overdue => "overdue",
                LapseState::Grace => "grace",
                LapseState::Inactive => "inactive",
            },
            CycleState::Revoked { .. } => "revoked",
            CycleState::NotInLog { .. } => "not_in_log",
            CycleState::OnHold => "on_hold",
        }
    }
}

/// Progress on one requirement of a cycle.
#[derive(Debug, Clone, Serialize)]
pub struct Progress<'c> {
    pub what: Measure<'c>,
    pub required: f64,
    pub earned: f64,
    pub met: bool,
}

/// What a requirement measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Measure<'c> {
    /// Every CEU of the cycle.
    Total,
    /// CEUs not used for specialty minimums, when those do not also count toward the core.
    Core,
    /// CEUs related to one credential.
    Minimum {
        credential: &'c Credential,
        minimum: MinimumKind,
    },
    /// A minimum share of the total.
    Share { share: ShareKind, fraction: f64 },
    /// Coding self-assessments.
    SelfAssessments,
}

/// CEUs of one entry given to minimums.
#[derive(Debug, Clone, Serialize)]
pub struct Allocation<'c> {
    pub line: usize,
    pub title: Text,
    pub shares: Vec<(&'c Credential, f64)>,
}

/// An entry that does not count, and why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Rejected {
    pub line: usize,
    pub title: Text,
    pub reason: RejectReason,
}

/// Why an entry does not count.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RejectReason {
    BeforeCertification { certified: NaiveDate },
    Duplicate { of_line: usize },
    NotApproved { body: Body },
}

/// A checkpoint used as evidence for a cycle's total.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Evidence {
    pub line: usize,
    pub date: NaiveDate,
    /// What the portal showed.
    pub portal: f64,
    /// What the log adds up to by that date.
    pub log: f64,
}

/// CEUs outside the body's domains beyond the share that counts.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Capped {
    pub other: f64,
    pub counted: f64,
    pub share: f64,
}

/// A fee and when it falls due.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FeeDue {
    pub kind: RuleFeeKind,
    pub payer: Option<Payer>,
    pub due: NaiveDate,
    /// `None` when a part of the amount is not in the data.
    pub usd: Option<f64>,
    /// Credentials the amount counts.
    pub credentials: usize,
    /// What the data says about the fee (its conditions, conflicting sources).
    pub note: Option<String>,
}

/// Status for every body the person holds a credential with.
pub fn status<'c>(
    person: &Person<'c>,
    log: &Log,
    catalog: &'c Catalog,
    as_of: NaiveDate,
) -> Result<Status<'c>, Problem> {
    let mut bodies = Vec::new();
    for body in Body::ALL {
        if person.held_with(body).any(|h| h.earned <= as_of) {
            bodies.push(lifecycle::body_status(body, person, log, catalog, as_of)?);
        }
    }
    Ok(Status {
        schema_version: SCHEMA_VERSION,
        as_of,
        person: person.profile.name.clone(),
        bodies,
    })
}
