//! `renewal_rules.yaml`: dated rulebooks. Every renewal rule the tracker and planner apply
//! is a field here, so changing the data changes the result.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Body, Source};
use crate::data::units::{Ceus, DayCount, Months, Share, Usd};

/// `renewal_rules.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub rulebooks: Vec<Rulebook>,
}

/// One body's renewal rules from `effective_from` (for the cycles `in_force_for` says).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rulebook {
    pub id: String,
    pub body: Body,
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub effective_from: NaiveDate,
    /// Which cycles the rules judge: those starting on or after `effective_from` (the
    /// default), or every cycle still running on it.
    #[serde(default)]
    pub in_force_for: InForceFor,
    #[serde(default)]
    pub note: Option<String>,
    pub cycle: CycleRule,
    /// How many CEUs a cycle needs for the credentials held.
    pub requirement: RequirementRule,
    /// AAPC: minimum related CEUs per discipline credential.
    #[serde(default)]
    pub discipline_minimums: BTreeMap<String, Ceus>,
    /// AAPC: minimum CEUs per specialty credential.
    #[serde(default)]
    pub specialty_minimum: Option<Ceus>,
    /// Whether a CEU counted toward a specialty minimum also counts toward the core total;
    /// when false the core total (the requirement less the specialty minimums) needs CEUs
    /// of its own.
    #[serde(default)]
    pub specialty_counts_toward_core: bool,
    /// Only CEUs with the body's approval index count.
    #[serde(default)]
    pub approved_only: bool,
    /// Whether CEUs earned before certification count.
    #[serde(default)]
    pub before_certification: bool,
    /// Minimum share of CEUs within the body's own domains (AHIMA HIIM).
    #[serde(default)]
    pub domain_share_min: Option<Share>,
    /// Minimum share of CEUs sourced from the body itself.
    #[serde(default)]
    pub sourced_share_min: Option<Share>,
    #[serde(default)]
    pub self_assessments: Option<SelfAssessments>,
    /// What happens when a cycle ends with its requirement unmet.
    pub lapse: LapseRule,
    pub fees: Vec<RuleFee>,
    pub sources: Vec<Source>,
}

/// How a body's cycles are laid out.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CycleRule {
    pub months: Months,
    pub anchor: Anchor,
    /// `membership_renewal` anchors: renewal months of this parity fall due in odd years.
    /// AAPC: odd months (January, March, …) in odd years, even months in even years.
    #[serde(default)]
    pub odd_years_for: Option<MonthParity>,
    pub first_cycle: FirstCycle,
    /// CEUs earned in the calendar month a cycle ends may count toward that cycle or the
    /// next one (AAPC).
    #[serde(default)]
    pub renewal_month_counts_either: bool,
    /// How a credential earned during a cycle changes that cycle's requirement.
    pub added_credential: AddedCredential,
    /// For `added_credential: prorated`: how its share is pro-rated.
    #[serde(default)]
    pub added_prorate: Option<Prorate>,
}

/// Where cycles are anchored.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Cycles run from the day of the first certification, `months` long (AHIMA).
    CertificationDate,
    /// Cycles end on the membership renewal date, in alternate years (AAPC).
    MembershipRenewal,
}

/// Odd or even calendar months.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MonthParity {
    OddMonths,
    EvenMonths,
}

/// The first cycle after certification.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FirstCycle {
    /// Pro-rating of a first cycle shorter than `months`; absent: the full requirement.
    #[serde(default)]
    pub prorate: Option<Prorate>,
}

/// `requirement × whole months / cycle months`, rounded as stated.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Prorate {
    pub rounding: Rounding,
    /// True when the body does not publish the formula and this is an estimate.
    #[serde(default)]
    pub estimated: bool,
}

/// Which way a fractional requirement is rounded.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    Up,
    Nearest,
    Down,
}

/// How a credential earned during a cycle counts in it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AddedCredential {
    /// Judged with the credentials held at the cycle's end, in full.
    Full,
    /// Its additional CEUs pro-rated to the whole months left in the cycle (`added_prorate`).
    Prorated,
    /// It counts from the next cycle.
    NextCycle,
}

/// CEUs a cycle needs: exactly one of the two forms.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementRule {
    /// AAPC: CEUs for 1, 2, … credentials of the body; the last entry covers any larger count.
    #[serde(default)]
    pub by_count: Option<Vec<Ceus>>,
    /// AHIMA: per-credential figures.
    #[serde(default)]
    pub per_credential: Option<PerCredential>,
}

/// The highest single requirement among the credentials, plus `additional` for each further
/// one, capped at `max_total`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PerCredential {
    pub ceus: BTreeMap<String, Ceus>,
    pub additional: Ceus,
    #[serde(default)]
    pub max_total: Option<Ceus>,
    /// Pairs `[holder, dropped]`: holding the first removes the second's requirement.
    #[serde(default)]
    pub supersedes: Vec<[String; 2]>,
}

/// AHIMA's former mandatory coding self-assessments.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessments {
    pub ceus_each: Ceus,
    pub per_cycle: u8,
    pub credentials: Vec<String>,
}

/// The window after an unmet cycle ends, and what follows it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LapseRule {
    /// The credential's state during the window.
    pub state: LapseState,
    /// Days after the cycle end before the credential is revoked.
    pub days: DayCount,
    /// Months after revocation during which it can be reinstated without a new exam;
    /// absent: not found in the sources.
    #[serde(default)]
    pub reinstate_within_months: Option<Months>,
    /// Days after revocation to appeal it; absent: not found in the sources.
    #[serde(default)]
    pub appeal_days: Option<DayCount>,
}

/// Which cycles a rulebook judges from its `effective_from`.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InForceFor {
    /// Cycles that start on or after it.
    #[default]
    CyclesStarting,
    /// Cycles that end on or after it (a change for everyone, mid-cycle included).
    CyclesRunning,
}

/// What a credential is called while its cycle's requirement is past due.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LapseState {
    /// AAPC: past due, still held.
    Overdue,
    /// AHIMA before 2021: a grace period.
    Grace,
    /// AHIMA from 2021: inactive until the requirement is met.
    Inactive,
}

/// A renewal-related fee.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFee {
    pub kind: RuleFeeKind,
    pub usd: Usd,
    /// Who pays this price (anyone when absent).
    #[serde(default)]
    pub payer: Option<Payer>,
    /// What the amount is counted per.
    #[serde(default)]
    pub per: FeePer,
    /// For recurring fees (membership): months between payments.
    #[serde(default)]
    pub every_months: Option<Months>,
    /// For late fees: days after the due date from which it is charged.
    #[serde(default)]
    pub after_days: Option<DayCount>,
    /// For late fees: what is late (a data check requires it, so nothing is guessed).
    #[serde(default)]
    pub trigger: Option<FeeTrigger>,
    #[serde(default)]
    pub note: Option<String>,
}

/// What a late fee is charged for.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum FeeTrigger {
    /// Membership dues unpaid after the renewal date (AAPC): a CEU log cannot tell, so the
    /// tracker never charges it for CEUs short.
    DuesUnpaid,
    /// A cycle's CEUs still short after its end.
    CeusShort,
}

/// What a renewal fee is for.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RuleFeeKind {
    /// Joining the body for the first time.
    MembershipFirst,
    /// Renewing a membership.
    MembershipRenewal,
    /// Recertification at the end of a cycle.
    Recertification,
    /// More time to finish a cycle's CEUs.
    Extension,
    /// Paying dues or CEUs after the due date.
    Late,
    /// Reinstating a revoked credential.
    Reinstatement,
}

/// Who a price is for.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    Member,
    NonMember,
    Student,
    Individual,
}

/// What a fee amount is counted per.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum FeePer {
    /// Once.
    #[default]
    Once,
    /// Each credential renewed.
    Credential,
    /// Each credential after the first.
    AdditionalCredential,
}
