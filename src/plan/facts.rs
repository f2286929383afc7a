//! The roadmap as typed facts: stages, choices and costs carrying their figures (warnings
//! are in `warnings`). Serialised as the `plan --format json` interface (see
//! docs/plan-json.md); render writes the words.

use chrono::NaiveDate;
use serde::Serialize;

use super::readiness::Readiness;
use super::standing::Unmet;
use super::warnings::Warning;
use crate::data::catalog::{
    Background, Career, Competency, Credential, Occupation, Programme, Rulebook, Setting,
};
use crate::data::model::{
    self, Body, DegreeLevel, Delivery, Education, FeeKind, Location, Payer, Source,
};
use crate::rules::{Minimum, Proration};

/// The version of the JSON interface; see CHANGELOG.md for what changed.
pub const SCHEMA_VERSION: u32 = 2;

/// A personalised roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct Plan<'c> {
    pub schema_version: u32,
    pub as_of: NaiveDate,
    pub person: String,
    pub target: Target<'c>,
    /// How the target credential's eligibility is met, when it is not yet held.
    pub route: Option<RouteChoice<'c>>,
    pub milestones: Vec<Milestone<'c>>,
    pub programme: Option<ProgrammeChoice<'c>>,
    pub alternatives: Vec<ProgrammeChoice<'c>>,
    pub costs: Costs<'c>,
    pub budget_usd: Option<f64>,
    /// When the person is certified and can apply for coding jobs (already, if so).
    pub job_ready: Option<NaiveDate>,
    pub warnings: Vec<Warning<'c>>,
    pub readiness: Readiness<'c>,
    pub outlook: Option<Outlook<'c>>,
    pub assumptions: Vec<AssumptionUsed<'c>>,
    pub sources: Vec<&'c Source>,
}

/// The credential and setting the plan aims at, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Target<'c> {
    pub credential: &'c Credential,
    pub setting: &'c Setting,
    pub why: TargetReason,
    /// A credential earned first on the way (e.g. CCA before CCS).
    pub first_step: Option<&'c Credential>,
    pub by: Option<NaiveDate>,
    /// The setting's other credentials, best first.
    pub alternatives: Vec<&'c Credential>,
}

/// Why the target is the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetReason {
    /// Named in the profile, or on the command line (`--target`) when `command_line`;
    /// `fits` says whether the setting lists it.
    Named { fits: bool, command_line: bool },
    /// Held already; the profile names none.
    Held,
    /// The setting's best fit in the data.
    BestFit,
    /// Held once, revoked past reinstatement: earned again (the profile names no target).
    Regain,
}

/// An eligibility route chosen, with the runner-up.
#[derive(Debug, Clone, Serialize)]
pub struct RouteChoice<'c> {
    pub chosen: RouteOption<'c>,
    pub runner_up: Option<RouteOption<'c>>,
    /// Why the chosen route beat the runner-up.
    pub rule: RouteRule,
}

/// One way to reach the exam.
#[derive(Debug, Clone, Serialize)]
pub struct RouteOption<'c> {
    /// What the route asks, as the data states it.
    pub asks: Vec<Condition<'c>>,
    /// What is still missing today.
    pub unmet_now: Vec<Unmet<'c>>,
    /// Recommended by the body rather than required.
    pub recommended: bool,
    /// Every topic the exam tests is taught on the way, or review (see [`Review`]).
    pub prepared: bool,
    pub exam_date: NaiveDate,
    pub known_cost_usd: f64,
    pub unknown_costs: usize,
    pub budget: BudgetFit,
    /// A credential taken first on this route.
    pub first_step: Option<&'c Credential>,
    /// A programme the route needs.
    pub programme: Option<&'c Programme>,
}

/// A condition of a route.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "condition", rename_all = "snake_case")]
pub enum Condition<'c> {
    Education {
        level: Education,
    },
    AccreditedDegree {
        level: DegreeLevel,
    },
    Experience {
        months: u32,
    },
    Credential {
        any: Vec<&'c Credential>,
    },
    Coursework {
        topics: Vec<&'c Competency>,
    },
    /// The body asks for no proof.
    Nothing,
    /// The sources give no eligibility (the plan assumes the exam can be sat).
    NotInData,
}

/// The rule that picked the route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteRule {
    /// The only route that can be planned.
    Only,
    /// Met today: straight to exam preparation.
    MetToday,
    /// Its exam meets the target date and the runner-up's does not, or when none does, it
    /// is the least late.
    TargetDate,
    /// It prepares for the exam (every topic taught, or review) where the runner-up sits it
    /// unprepared.
    Prepared,
    /// The earliest exam among routes whose known costs fit the budget.
    EarliestWithinBudget,
    /// The earliest exam (no budget given, or the budget fits both).
    Earliest,
    /// No route fits the budget: the cheapest.
    Cheapest,
    /// The body's recommended preparation, though a bare requirement would be sooner (it
    /// meets the target date, or none is given).
    Recommended,
}

/// How known costs compare with the budget, best first when sorted descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetFit {
    Over,
    /// Known costs fit, but some costs are unknown.
    Unknown,
    /// Fits at the low end of a price range.
    MayFit,
    Fits,
    NoBudget,
}

/// One dated stage of the roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone<'c> {
    /// Stable id: `diploma`, `programme`, `exam:CPC`, `work:CCS`, `job`, `apprentice:CPC`,
    /// `renewal:AAPC:2027-05-31`, `advance:cdi`.
    pub id: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub cost: Cost,
    pub stage: Stage<'c>,
}

/// A cost: known, unknown, or none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "cost", content = "usd", rename_all = "snake_case")]
pub enum Cost {
    None,
    Known(f64),
    Unknown,
}

/// What a stage is, with its figures.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Stage<'c> {
    /// A high-school diploma or GED first.
    Diploma,
    /// A programme.
    Programme {
        programme: &'c Programme,
        teaches: Vec<&'c Competency>,
        /// What it also covers that the person already knows (ask about credit).
        already_known: Vec<&'c Competency>,
        /// The accredited award held that shortens it, if any.
        advanced_standing: Option<DegreeLevel>,
    },
    /// Coding work until a route's experience is met.
    Work { months: u32, toward: &'c Credential },
    /// Preparing for and sitting an exam.
    Exam(Box<ExamStage<'c>>),
    /// Finding a first coding job.
    Job {
        setting: &'c Setting,
        credential: &'c Credential,
        skills: Vec<&'c Competency>,
    },
    /// Removing an apprentice designation.
    Apprentice(Box<ApprenticeStage<'c>>),
    /// A renewal falling due.
    Renewal(Box<RenewalStage<'c>>),
    /// Restoring credentials that are not in force (AHIMA inactive, or revoked within the
    /// reinstatement window): the CEUs the ended cycle still lacks and the fee, by `end`.
    Restore {
        body: Body,
        credentials: Vec<&'c Credential>,
        /// Revoked (reinstated with the fee), else inactive.
        revoked: bool,
        ceus: f64,
    },
    /// An advancement option.
    Advancement {
        career: &'c Career,
        /// The credentials the path leads to.
        credentials: Vec<&'c Credential>,
        unmet: Vec<Prerequisite<'c>>,
        /// The person's background the path suits.
        suits: Option<&'c Background>,
    },
}

/// An exam stage.
#[derive(Debug, Clone, Serialize)]
pub struct ExamStage<'c> {
    pub credential: &'c Credential,
    /// Eligible by the exam date.
    pub eligible: bool,
    /// Required routes' unmet conditions on the exam date, when not eligible.
    pub unmet: Vec<Vec<Unmet<'c>>>,
    /// Recommended routes' unmet conditions, when the plan does not aim at them and none is
    /// met (advice only).
    pub recommended_unmet: Vec<Vec<Unmet<'c>>>,
    pub fees: ExamFees,
    pub prep_weeks: f64,
    /// Topics the exam tests that no stage of the plan teaches (self-study).
    pub self_study: Vec<&'c Competency>,
    /// The person counts as prepared, so `self_study` is review (`review` says why).
    pub review_only: bool,
    /// Why the topics left are review, when they are.
    pub review: Option<Review<'c>>,
    /// A step toward the target, not the target itself.
    pub first_step: bool,
    pub format: Option<ExamFormat>,
}

/// Why the exam's topics that no stage teaches are review during exam preparation rather
/// than a programme.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "because", rename_all = "snake_case")]
pub enum Review<'c> {
    /// The route is one the body recommends as preparation.
    Route,
    /// A coding credential held with months of coding work (the `credential_review_months`
    /// assumption).
    Experience {
        credential: &'c Credential,
        months: u32,
    },
    /// The person passed this exam before (the credential was revoked and is earned again).
    PassedBefore,
}

/// The exam's format as the data gives it.
#[derive(Debug, Clone, Serialize)]
pub struct ExamFormat {
    pub questions: Option<u32>,
    pub minutes: Option<u32>,
    pub passing: Option<String>,
    pub delivery: Vec<Delivery>,
}

/// What sitting an exam costs.
#[derive(Debug, Clone, Serialize)]
pub struct ExamFees {
    pub exam: Option<ExamFee>,
    /// A two-attempt package, shown as an option when the plan uses a one-attempt price.
    pub two_attempts: Option<f64>,
    /// Joining the body, when membership is required and not held.
    pub membership: Option<MembershipFee>,
    pub body: Body,
}

/// An exam price.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ExamFee {
    pub kind: FeeKind,
    pub usd: f64,
}

/// A first-time membership.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MembershipFee {
    pub payer: Option<Payer>,
    /// `None` when the data has no first-time price.
    pub usd: Option<f64>,
}

/// Apprentice removal by the best route, with the others.
#[derive(Debug, Clone, Serialize)]
pub struct ApprenticeStage<'c> {
    pub credential: &'c Credential,
    pub designation: String,
    pub chosen: RemovalPlan<'c>,
    pub others: Vec<RemovalPlan<'c>>,
}

/// One apprentice removal route from the person's state.
#[derive(Debug, Clone, Serialize)]
pub struct RemovalPlan<'c> {
    pub route: String,
    pub work_months: u32,
    /// Months of work still to do.
    pub work_left: u32,
    pub course_hours: Option<f64>,
    /// A course still to take (none when a finished or planned one counts).
    pub course: Option<&'c Programme>,
    /// The course that counts is the plan's programme, not one finished already.
    pub course_planned: bool,
    pub practicode: bool,
    /// Practicode still to finish.
    pub practicode_left: bool,
    /// Practicode comes with a programme in the plan (no separate purchase).
    pub practicode_included: bool,
    pub done: NaiveDate,
    pub cost: Cost,
}

/// A renewal of everything held or planned with one body in one cycle.
#[derive(Debug, Clone, Serialize)]
pub struct RenewalStage<'c> {
    pub body: Body,
    pub credentials: Vec<&'c Credential>,
    pub ceus: f64,
    pub due: NaiveDate,
    pub prorations: Vec<Proration<'c>>,
    /// CEUs of the total that must relate to a discipline or specialty credential.
    pub minimums: Vec<Minimum<'c>>,
    pub rulebook: &'c Rulebook,
    /// The fee each time it falls due, and how many times it does in the stage (yearly
    /// membership dues fall twice in a two-year cycle).
    pub fee: Option<f64>,
    pub fee_times: u32,
    pub fee_known: bool,
    /// The first renewal after a credential the plan earns.
    pub first: bool,
}

/// An advancement prerequisite not yet met.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "needs", rename_all = "snake_case")]
pub enum Prerequisite<'c> {
    Credential { any: Vec<&'c Credential> },
    Education { level: Education },
    Experience { months: u32 },
}

/// A programme as the planner would schedule it, with its rank.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeChoice<'c> {
    pub programme: &'c Programme,
    pub rank: usize,
    /// Lowest known cost for this person (out-of-state price when that applies).
    pub cost_usd: Option<f64>,
    pub cost_range_usd: Option<(f64, f64)>,
    /// The cost counted is the out-of-state price (the person lives elsewhere, or gives no
    /// state: see `tuition`).
    pub out_of_state: bool,
    /// A college that charges its state's residents less: both prices and which one counts.
    pub tuition: Option<Tuition>,
    /// Of the deliveries the person accepts, the programme is offered only on campus at its
    /// location: with no state in the profile, whether they can attend is unknown.
    pub campus_only: bool,
    pub months: f64,
    pub length: Length,
    /// The programme type whose length is used, when the programme's own sources give none
    /// (an assumed length, warned like [`Length::Assumed`]).
    pub length_of: Option<&'c Programme>,
    /// The accredited award held that earns the programme's shorter length (see
    /// `advanced_standing` in `data/programmes.yaml`), if any.
    pub advanced_standing: Option<DegreeLevel>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub exam_date: NaiveDate,
    pub budget: BudgetFit,
    pub meets_target_date: Option<bool>,
    pub covers: Vec<&'c Competency>,
    pub needed: usize,
    pub location: Option<&'c Location>,
    pub hours_per_week: f64,
}

/// A state college's tuition when its state's residents pay less: both prices, and which one
/// the plan counts. Not a price range: one of the two applies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tuition {
    pub residency: Residency,
    pub in_state_usd: (f64, f64),
    pub out_of_state_usd: (f64, f64),
}

/// Which of a state college's prices applies to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Residency {
    /// They live in the college's state: the in-state price.
    InState,
    /// They live in another state: the out-of-state price.
    OutOfState,
    /// The profile gives no state: the out-of-state price is counted (residents pay less).
    Unknown,
}

/// How a programme's length was reached.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "length", rename_all = "snake_case")]
pub enum Length {
    /// Contact hours at the study hours a week.
    Hours { hours: f64 },
    /// The calendar range, stretched for part-time study.
    Calendar { min: f64, max: f64 },
    /// Not in the sources: the assumption.
    Assumed,
}

/// Costs through the target credential.
#[derive(Debug, Clone, Serialize)]
pub struct Costs<'c> {
    pub lines: Vec<CostLine<'c>>,
    /// Sum of the known lines.
    pub known_usd: f64,
    /// Lines whose cost is not in the data.
    pub unknown: usize,
}

/// One cost line.
#[derive(Debug, Clone, Serialize)]
pub struct CostLine<'c> {
    pub milestone: String,
    pub item: CostItem<'c>,
    pub cost: Cost,
}

/// What a cost line pays for.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum CostItem<'c> {
    Diploma,
    Programme {
        programme: &'c Programme,
        range: Option<(f64, f64)>,
        out_of_state: bool,
        tuition: Option<Tuition>,
    },
    ExamFee {
        credential: &'c Credential,
        kind: Option<FeeKind>,
    },
    Membership {
        body: Body,
        payer: Option<Payer>,
    },
    /// Restoring a body's credentials before they can be used again.
    Restore {
        body: Body,
    },
    /// Removing an apprentice designation (a course or Practicode to buy).
    Apprentice {
        credential: &'c Credential,
        designation: String,
    },
}

/// BLS figures for the target's occupation: its own rows, and apart from them older or
/// broader groups' (not comparable).
#[derive(Debug, Clone, Serialize)]
pub struct Outlook<'c> {
    pub occupation: &'c Occupation,
    pub title: &'c str,
    pub own: &'c [model::Outlook],
    pub related: &'c [model::Outlook],
}

/// A planning default the plan relied on, with its value and why it is used.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct AssumptionUsed<'c> {
    pub key: Assumed,
    pub value: f64,
    pub note: &'c str,
}

/// A planning default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assumed {
    HoursPerWeek,
    FullTimeHoursPerWeek,
    ExamPrepWeeks,
    GedMonths,
    JobSearchMonths,
    UnknownLengthMonths,
    LongestSensibleMonths,
    PracticodeMonths,
    ExperienceCoversSkillsMonths,
    CredentialReviewMonths,
    AdvanceAfterMonths,
}
