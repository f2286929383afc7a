//! `programmes.yaml`: programme types and named examples.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DegreeLevel, Delivery, Education, Range, Source};
use crate::data::units::{Hours, MonthSpan, Usd};

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
    /// Where an on-campus programme is taught.
    #[serde(default)]
    pub location: Option<Location>,
    pub delivery: Vec<Delivery>,
    pub self_paced: bool,
    /// Calendar length: `min` when studied full time, `max` the longest allowed or usual.
    pub months: Option<Range<MonthSpan>>,
    pub contact_hours: Option<Hours>,
    /// Shorter lengths for an applicant who already holds an accredited award (an RHIT's
    /// associate degree counting for a bachelor's first two years).
    #[serde(default)]
    pub advanced_standing: Vec<AdvancedStanding>,
    #[serde(default)]
    pub credits: Option<Range<Hours>>,
    /// Tuition (for state colleges: the in-state price).
    pub cost_usd: Option<Range<Usd>>,
    /// Tuition for students from outside the college's state.
    #[serde(default)]
    pub out_of_state_cost_usd: Option<Range<Usd>>,
    #[serde(default)]
    pub accreditation: Option<String>,
    /// The CAHIIM-accredited award finishing the programme gives, if any.
    #[serde(default)]
    pub accredited_degree: Option<DegreeLevel>,
    pub grants: Option<Education>,
    pub prepares_for: Vec<String>,
    pub competencies: Vec<String>,
    /// Contact hours that count as a coding preparation course for apprentice removal.
    #[serde(default)]
    pub apprentice_course_hours: Option<Hours>,
    /// Whether AAPC Practicode comes with it.
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

/// A programme's length for an applicant who already holds a CAHIIM-accredited award.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AdvancedStanding {
    /// The accredited award held (a higher one counts as well).
    pub accredited_degree: DegreeLevel,
    /// Calendar length with it: `min` full time, `max` the longest allowed or usual.
    pub months: Range<MonthSpan>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// A city and US state.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub city: String,
    /// Two-letter USPS state code.
    pub state: String,
}

/// What a programme asks of an applicant.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prerequisites {
    pub education: Option<Education>,
    #[serde(default)]
    pub gpa: Option<f64>,
}
