//! `credentials.yaml`: AAPC and AHIMA credentials with their exams, eligibility routes and
//! apprentice rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Body, DegreeLevel, Delivery, Education, Source};
use crate::data::units::{Hours, Months, Usd};

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
    /// Competencies the exam tests, so holding the credential attests them.
    pub competencies: Vec<String>,
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
    pub usd: Usd,
}

/// Which price an exam fee is.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// One attempt (the body's membership is required separately).
    OneAttempt,
    /// A package with one free retake.
    TwoAttempts,
    /// The price for members of the body.
    Member,
    /// The price for non-members.
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
    /// Which routes a plan aims to meet before the exam.
    #[serde(default)]
    pub aim: Aim,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// Which of a credential's routes the planner prepares a person to meet.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Aim {
    /// A required route only (the body's recommendation is left as advice).
    #[default]
    Required,
    /// A required route and one of the recommended ones: the body's recommendation is how
    /// candidates are expected to prepare (AHIMA's CCA and CCS).
    Recommended,
}

/// One eligibility route; met when every condition it sets is met.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    #[serde(default)]
    pub education: Option<Education>,
    #[serde(default)]
    pub experience_months: Option<Months>,
    /// What the experience must be in (coding unless stated).
    #[serde(default)]
    pub experience: Option<ExperienceKind>,
    #[serde(default)]
    pub credentials_any: Vec<String>,
    /// A CAHIIM-accredited award at this level or higher.
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

/// One way to remove apprentice status: every condition it sets must be met.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RemovalRoute {
    pub id: String,
    /// Months of verified coding work.
    pub experience_months: Months,
    /// Contact hours of a finished coding preparation course.
    #[serde(default)]
    pub course_hours: Option<Hours>,
    /// All Practicode cases finished at the pass mark.
    #[serde(default)]
    pub practicode: bool,
    #[serde(default)]
    pub note: Option<String>,
}
