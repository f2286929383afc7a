//! The smaller reference files: competencies, clinical backgrounds, work settings, careers,
//! BLS outlook, code-set calendars and planning assumptions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Education, Source};
use crate::data::units::{MonthSpan, Months, WeekSpan, WeeklyHours};

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

/// `backgrounds.yaml`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundsFile {
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub as_of: NaiveDate,
    pub backgrounds: Vec<Background>,
}

/// A clinical background a career changer brings (a nurse, a medical assistant, …).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Background {
    pub id: String,
    pub name: String,
    /// Competencies the background's own training covers.
    pub credits: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
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
    /// Clinical backgrounds the path suits best (e.g. nursing for CDI); not a requirement.
    #[serde(default)]
    pub suits_backgrounds: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// What a source says an advancement path needs; a list left empty asks nothing.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CareerPrerequisites {
    pub credentials_any: Vec<String>,
    pub experience_months: Option<Months>,
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
    /// Older or broader SOC codes whose figures are shown apart from this occupation's own
    /// (they are not comparable).
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
    /// The code set whose holders it concerns, when this is a part of another (CPT
    /// Category III and PLA codes are part of CPT).
    #[serde(default)]
    pub part_of: Option<String>,
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
    pub hours_per_week: Assumption<WeeklyHours>,
    pub full_time_hours_per_week: Assumption<WeeklyHours>,
    pub exam_prep_weeks: Assumption<WeekSpan>,
    pub ged_months: Assumption<MonthSpan>,
    pub job_search_months: Assumption<MonthSpan>,
    pub unknown_length_months: Assumption<MonthSpan>,
    pub longest_sensible_months: Assumption<MonthSpan>,
    pub practicode_months: Assumption<MonthSpan>,
    pub experience_covers_skills_months: Assumption<MonthSpan>,
    pub credential_review_months: Assumption<MonthSpan>,
    pub advance_after_months: Assumption<MonthSpan>,
    pub pace_slack_months: Assumption<MonthSpan>,
}

/// A default value and why it is used.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption<T> {
    pub value: T,
    pub note: String,
}
