//! Typed reference data: one struct per record kind, parsed strictly (unknown keys are
//! errors) and serialised unchanged for `--format json`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a fact comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Address of the page; absent only for the project's source article.
    #[serde(default)]
    pub url: Option<String>,
    pub title: String,
    /// Date shown on the page or the year the figure refers to ("not shown" when absent).
    pub date: String,
    pub tag: SourceTag,
}

/// How much a source can be trusted.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SourceTag {
    Official,
    OfficialMirror,
    Gov,
    School,
    Secondary,
}

/// A credentialing body.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Body {
    AAPC,
    AHIMA,
}

impl Body {
    /// The body's name as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Body::AAPC => "AAPC",
            Body::AHIMA => "AHIMA",
        }
    }
}

/// Education levels, lowest first. A GED counts as `high_school`.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    None,
    HighSchool,
    Certificate,
    Associate,
    Bachelor,
    Master,
}

/// A degree level that CAHIIM accredits.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DegreeLevel {
    Associate,
    Bachelor,
}

/// How a programme or exam is delivered.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Online,
    OnCampus,
    TestCentre,
}

/// A `min`..`max` range.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

// ---------------------------------------------------------------- credentials

/// `credentials.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialsFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub credentials: Vec<Credential>,
}

/// One AAPC or AHIMA credential.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    pub id: String,
    pub body: Body,
    pub name: String,
    pub kind: CredentialKind,
    pub settings: Vec<String>,
    pub code_sets: Vec<String>,
    pub exam: Option<Exam>,
    pub membership_required: bool,
    pub eligibility: Option<Eligibility>,
    #[serde(default)]
    pub apprentice: Option<Apprentice>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// How a credential counts in AAPC renewal.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    Core,
    Discipline,
    Specialty,
}

/// The certification exam.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exam {
    pub questions: Option<u32>,
    pub minutes: Option<u32>,
    pub passing: Option<String>,
    pub delivery: Vec<Delivery>,
    pub fees: Vec<Fee>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// An exam fee.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub kind: FeeKind,
    pub usd: f64,
}

/// Which price an exam fee is.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    OneAttempt,
    TwoAttempts,
    Member,
    NonMember,
}

/// Who may sit the exam.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// At least one must be met; empty means no proof is needed.
    pub required: Vec<Route>,
    /// Recommended, not required.
    pub recommended: Vec<Route>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// One eligibility route; met when every field it sets is met.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    #[serde(default)]
    pub education: Option<Education>,
    #[serde(default)]
    pub experience_months: Option<u32>,
    /// What the experience must be in (coding unless stated).
    #[serde(default)]
    pub experience: Option<ExperienceKind>,
    #[serde(default)]
    pub credentials_any: Vec<String>,
    #[serde(default)]
    pub accredited_degree: Option<DegreeLevel>,
    #[serde(default)]
    pub coursework: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Kind of work experience.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExperienceKind {
    Coding,
    PrivacySecurity,
}

/// The apprentice designation given to new holders without experience.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Apprentice {
    pub designation: String,
    pub removal_routes: Vec<RemovalRoute>,
    pub sources: Vec<Source>,
}

/// One way to remove apprentice status.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RemovalRoute {
    pub id: String,
    pub experience_months: u32,
    #[serde(default)]
    pub course_hours: Option<u32>,
    #[serde(default)]
    pub practicode: bool,
    #[serde(default)]
    pub note: Option<String>,
}

// ---------------------------------------------------------------- renewal rules

/// `renewal_rules.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub rulebooks: Vec<Rulebook>,
}

/// One body's renewal rules for cycles starting on or after `effective_from`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rulebook {
    pub id: String,
    pub body: Body,
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub effective_from: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
    pub cycle_months: u32,
    /// AAPC: CEUs for 1, 2, … credentials; the last entry covers any larger count.
    #[serde(default)]
    pub ceus_by_count: Vec<f64>,
    /// AAPC: minimum related CEUs per discipline credential.
    #[serde(default)]
    pub discipline_minimums: BTreeMap<String, f64>,
    /// AAPC: minimum CEUs per specialty credential.
    #[serde(default)]
    pub specialty_minimum: Option<f64>,
    #[serde(default)]
    pub specialty_counts_toward_core: bool,
    /// AAPC: only CEUs with an AAPC approval index count.
    #[serde(default)]
    pub approved_only: bool,
    #[serde(default)]
    pub carry_over: bool,
    #[serde(default)]
    pub before_certification: bool,
    /// AHIMA: CEUs for one credential.
    #[serde(default)]
    pub per_credential: BTreeMap<String, f64>,
    #[serde(default)]
    pub additional_credential: Option<f64>,
    #[serde(default)]
    pub max_total: Option<f64>,
    /// Pairs `[holder, dropped]`: holding the first removes the second's requirement.
    #[serde(default)]
    pub supersedes: Vec<[String; 2]>,
    /// Minimum share of CEUs in the body's own domains (AHIMA HIIM).
    #[serde(default)]
    pub domain_share_min: Option<f64>,
    /// Minimum share of CEUs sourced from the body itself.
    #[serde(default)]
    pub sourced_share_min: Option<f64>,
    #[serde(default)]
    pub self_assessments: Option<SelfAssessments>,
    pub grace: Grace,
    pub fees: Vec<RuleFee>,
    pub sources: Vec<Source>,
}

/// AHIMA's former mandatory coding self-assessments.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessments {
    pub ceus_each: f64,
    pub per_cycle: u32,
    pub credentials: Vec<String>,
}

/// The window after a cycle ends before the credential is revoked.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Grace {
    pub days: u32,
    /// The credential's state during the window (`overdue`, `grace`, `inactive`).
    pub state: String,
}

/// A renewal-related fee.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFee {
    pub id: String,
    pub label: String,
    pub usd: f64,
    #[serde(default)]
    pub every_months: Option<u32>,
    #[serde(default)]
    pub per_credential: bool,
}

// ---------------------------------------------------------------- programmes

/// `programmes.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammesFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub programmes: Vec<Programme>,
}

/// A programme type or a named example of one.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: String,
    pub kind: ProgrammeKind,
    /// For examples: the id of the type they belong to.
    #[serde(default, rename = "type")]
    pub type_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub provider: Option<String>,
    pub delivery: Vec<Delivery>,
    pub self_paced: bool,
    pub months: Option<Range>,
    pub contact_hours: Option<f64>,
    #[serde(default)]
    pub credits: Option<Range>,
    pub cost_usd: Option<Range>,
    #[serde(default)]
    pub accreditation: Option<String>,
    pub accredited: bool,
    pub grants: Option<Education>,
    pub prepares_for: Vec<String>,
    pub competencies: Vec<String>,
    #[serde(default)]
    pub apprentice_course_hours: Option<f64>,
    #[serde(default)]
    pub practicode: bool,
    pub prerequisites: Prerequisites,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// A programme type or an example of one.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeKind {
    Type,
    Example,
}

/// What a programme asks of an applicant.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prerequisites {
    pub education: Option<Education>,
    #[serde(default)]
    pub gpa: Option<f64>,
}

// ---------------------------------------------------------------- competencies, settings

/// `competencies.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompetenciesFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub competencies: Vec<Competency>,
}

/// A course topic or job skill.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: String,
    pub name: String,
    pub kind: CompetencyKind,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// Taught in a course, or practised on the job.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CompetencyKind {
    Topic,
    Skill,
}

/// `settings.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub settings: Vec<Setting>,
}

/// A work setting.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    pub id: String,
    pub name: String,
    pub code_sets: Vec<String>,
    /// Credentials that fit, best first.
    pub credentials: Vec<String>,
    pub competencies: Vec<String>,
    #[serde(default)]
    pub share_note: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

// ---------------------------------------------------------------- careers, outlook, code sets

/// `careers.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CareersFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub careers: Vec<Career>,
}

/// An advancement path.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Career {
    pub id: String,
    pub name: String,
    pub credentials: Vec<String>,
    pub prerequisites: CareerPrerequisites,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// What a source says an advancement path needs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CareerPrerequisites {
    pub credentials_any: Vec<String>,
    pub experience_months: Option<u32>,
    pub education: Option<Education>,
}

/// `outlook.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutlookFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    /// Which BLS occupation each credential's holders work in.
    pub occupations: Vec<Occupation>,
    pub outlook: Vec<Outlook>,
}

/// A BLS occupation and the credentials whose holders it counts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Occupation {
    pub soc: String,
    pub title: String,
    /// Older or broader SOC codes whose figures are shown after this occupation's own.
    #[serde(default)]
    pub related: Vec<String>,
    pub credentials: Vec<String>,
    pub sources: Vec<Source>,
}

/// One BLS projection vintage for one occupation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outlook {
    pub id: String,
    pub soc: String,
    pub title: String,
    /// Projection decade, e.g. `2024-34`.
    pub vintage: String,
    pub base_year: u16,
    pub base_employment: Option<u32>,
    pub projected_employment: Option<u32>,
    pub percent_change: Option<f64>,
    pub change: Option<i32>,
    pub annual_openings: Option<u32>,
    pub median_pay_usd: Option<u32>,
    pub median_pay_year: Option<u16>,
    pub entry_education: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// `code_sets.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeSetsFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub code_sets: Vec<CodeSet>,
}

/// A code set and the days of the year its updates take effect.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeSet {
    pub id: String,
    pub name: String,
    pub maintainer: String,
    pub effective: Vec<Effective>,
    pub sources: Vec<Source>,
}

/// A month and day on which a code-set update takes effect each year.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Effective {
    pub month: u32,
    pub day: u32,
    #[serde(default)]
    pub note: Option<String>,
}

// ---------------------------------------------------------------- planning assumptions

/// `assumptions.yaml`: planning defaults where no source gives a figure.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssumptionsFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub assumptions: Assumptions,
}

/// Every planning default, each with the reason it is used.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    pub hours_per_week: Assumption,
    pub full_time_hours_per_week: Assumption,
    pub exam_prep_weeks: Assumption,
    pub ged_months: Assumption,
    pub job_search_months: Assumption,
    pub unknown_length_months: Assumption,
    pub experience_covers_skills_months: Assumption,
    pub advance_after_months: Assumption,
}

impl Assumptions {
    /// Every assumption with its key.
    pub fn all(&self) -> [(&'static str, &Assumption); 8] {
        [
            ("hours_per_week", &self.hours_per_week),
            ("full_time_hours_per_week", &self.full_time_hours_per_week),
            ("exam_prep_weeks", &self.exam_prep_weeks),
            ("ged_months", &self.ged_months),
            ("job_search_months", &self.job_search_months),
            ("unknown_length_months", &self.unknown_length_months),
            (
                "experience_covers_skills_months",
                &self.experience_covers_skills_months,
            ),
            ("advance_after_months", &self.advance_after_months),
        ]
    }
}

/// A default value and why it is used.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    pub value: f64,
    pub note: String,
}
