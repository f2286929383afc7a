//! Plan warnings as typed facts, each carrying its figures (render writes the words); part of
//! the `plan --format json` interface (see docs/plan-json.md).

use chrono::NaiveDate;
use serde::Serialize;

use super::standing::Unmet;
use super::{BudgetFit, Tuition};
use crate::data::catalog::{Competency, Credential, Programme};
use crate::data::model::{Body, Delivery, Education, LapseState, Location};
use crate::person::Problem;

/// A problem with the plan, with its figures.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Warning<'c> {
    TargetDatePassed {
        by: NaiveDate,
    },
    /// The target exam falls after the target date; with what would meet it, each found by
    /// planning again with that one change.
    MissesTargetDate {
        ready: NaiveDate,
        by: NaiveDate,
        weeks_late: i64,
        /// Study hours a week that would meet it, deliveries as the profile has them (at
        /// most the 80 a profile takes).
        hours_needed: Option<f64>,
        hours_now: f64,
        /// A programme ranked below the one chosen that meets it.
        alternative: Option<&'c Programme>,
        /// Studying another way than the profile allows that would meet it.
        delivery: Option<DeliveryRemedy<'c>>,
    },
    OverBudget {
        known_usd: f64,
        budget_usd: f64,
        unknown: usize,
        /// A programme ranked below the one chosen, as complete a preparation and priced in
        /// the data, whose known costs fit the budget with the exam's fees.
        programme: Option<CheaperProgramme<'c>>,
        /// Another credential the target setting takes whose plan's known costs fit.
        cheaper_target: Option<CheaperTarget<'c>>,
    },
    BudgetUnknown {
        known_usd: f64,
        budget_usd: f64,
        unknown: usize,
    },
    /// Known costs fit the budget only with each price range at its low end.
    RangeOverBudget {
        known_usd: f64,
        /// The known costs with every range at its high end.
        high_usd: f64,
        budget_usd: f64,
        unknown: usize,
    },
    NotEligible {
        credential: &'c Credential,
        unmet: Vec<Vec<Unmet<'c>>>,
    },
    EligibilityUnknown {
        credential: &'c Credential,
    },
    NoProgramme {
        credential: &'c Credential,
        filter: ProgrammeFilter,
    },
    UnknownFee {
        credential: &'c Credential,
    },
    UnknownCost {
        programme: &'c Programme,
    },
    /// The programme chosen prepares for other exams than the target's (it teaches topics
    /// the target's exam asks, but is not aimed at it).
    AimsElsewhere {
        programme: &'c Programme,
        prepares_for: Vec<&'c Credential>,
        exam: &'c Credential,
    },
    UnknownLength {
        programme: &'c Programme,
        months: f64,
        /// The programme type whose length is used, if any (else the assumption).
        length_of: Option<&'c Programme>,
    },
    /// The person's degree may earn credit toward the programme (it leads to a higher
    /// award), but the data gives no shorter length for it: the plan takes the full length.
    DegreeCredit {
        programme: &'c Programme,
        education: Education,
    },
    HoursTooFew {
        programme: &'c Programme,
        months: f64,
        limit_months: f64,
        stated_limit: bool,
        hours_needed: f64,
    },
    ExamNotPrepared {
        credential: &'c Credential,
        topics: Vec<&'c Competency>,
    },
    ReadinessGap {
        competencies: Vec<&'c Competency>,
    },
    ResidencyPrice {
        programme: &'c Programme,
        state: Option<String>,
        location: &'c Location,
        /// Both prices, when the data gives the out-of-state one.
        tuition: Option<Tuition>,
    },
    RenewalUnknown {
        body: Body,
        problem: Problem,
    },
    /// A cycle ended unmet and its lapse window is open.
    RenewalLapsed {
        body: Body,
        credentials: Vec<&'c Credential>,
        lapse: LapseState,
        due: NaiveDate,
        until: NaiveDate,
        remaining: f64,
    },
    /// Revoked since `since`; reinstatable without an exam until `reinstate_until` (none:
    /// the window has closed or the data gives none, and the plan treats them as not held).
    CredentialRevoked {
        body: Body,
        credentials: Vec<&'c Credential>,
        since: NaiveDate,
        reinstate_until: Option<NaiveDate>,
        fee_usd: Option<f64>,
    },
    /// The last cycle ended, and the log does not cover it.
    RenewalNotInLog {
        body: Body,
        cycle_end: NaiveDate,
    },
    /// The profile's membership renewal date is long past: stale, or a lapsed membership.
    RenewalDateStale {
        body: Body,
        renewal: NaiveDate,
        revoked_if_unpaid: NaiveDate,
    },
    StaleData {
        files: Vec<(String, NaiveDate)>,
    },
}

/// The programme filter that left none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeFilter {
    /// None teaches what is needed.
    Teaches,
    /// None admits the person's education.
    Admission,
    /// None gives the award the route asks.
    Award,
    /// None is offered the way the profile prefers; the offered deliveries.
    Delivery,
    /// Those offered the way the profile prefers are taught only on campus in other states
    /// than the profile's.
    Campus,
}

/// Another delivery that would meet the target date.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryRemedy<'c> {
    /// The delivery to accept instead of the profile's.
    pub delivery: Delivery,
    /// Study hours a week it needs as well; none: at the hours of the plan.
    pub hours_needed: Option<f64>,
    /// The programme it would take.
    pub programme: Option<&'c Programme>,
    pub exam_date: NaiveDate,
}

/// A cheaper programme within the budget: how it fits and when its exam falls.
#[derive(Debug, Clone, Serialize)]
pub struct CheaperProgramme<'c> {
    pub programme: &'c Programme,
    /// How its known costs compare with the budget (`fits`, `may_fit`: only at the low end of
    /// its price range, or `unknown`: an exam fee is not found).
    pub budget: BudgetFit,
    pub exam_date: NaiveDate,
    pub meets_target_date: Option<bool>,
}

/// A cheaper target within the budget.
#[derive(Debug, Clone, Serialize)]
pub struct CheaperTarget<'c> {
    pub credential: &'c Credential,
    /// The known costs of its plan, and those not found.
    pub known_usd: f64,
    pub unknown: usize,
    /// How they compare with the budget (`fits`, `may_fit` or `unknown`).
    pub budget: BudgetFit,
    /// When its plan is job-ready.
    pub job_ready: Option<NaiveDate>,
    /// Its plan's programme, when that programme's price is not found (the known costs
    /// leave out the main one).
    pub unpriced_programme: Option<&'c Programme>,
}
