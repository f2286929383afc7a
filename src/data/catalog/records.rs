//! Catalog records: the raw records with their references resolved to handles. Each
//! serialises as its id, so facts that hold a `&Credential` give `"CPC"` in JSON.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::Ix;
use crate::data::model::{
    AdvancedStanding, Aim, Apprentice, Body, CompetencyKind, CredentialKind, CycleRule,
    DegreeLevel, Delivery, Education, Effective, Exam, ExperienceKind, InForceFor, LapseRule,
    Location, Outlook, Prerequisites, ProgrammeKind, Range, RuleFee, Source,
};
use crate::data::units::{Ceus, Hours, MonthSpan, Months, Usd};

/// One AAPC or AHIMA credential.
#[derive(Debug)]
pub struct Credential {
    pub id: String,
    pub body: Body,
    pub name: String,
    pub kind: CredentialKind,
    pub settings: Vec<Ix<Setting>>,
    pub code_sets: Vec<Ix<CodeSet>>,
    /// What its exam tests, so what holding it attests.
    pub competencies: Vec<Ix<Competency>>,
    pub exam: Option<Exam>,
    pub membership_required: bool,
    /// `None` when the sources give no eligibility.
    pub eligibility: Option<Eligibility>,
    pub apprentice: Option<Apprentice>,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// Who may sit an exam.
#[derive(Debug)]
pub struct Eligibility {
    /// One must be met; empty means no proof is needed.
    pub required: Vec<Route>,
    /// Recommended, not required.
    pub recommended: Vec<Route>,
    pub aim: Aim,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// One eligibility route: met when every condition it sets is met.
#[derive(Debug)]
pub struct Route {
    pub education: Option<Education>,
    pub experience_months: Option<Months>,
    pub experience: ExperienceKind,
    pub credentials_any: Vec<Ix<Credential>>,
    pub accredited_degree: Option<DegreeLevel>,
    pub coursework: Vec<Ix<Competency>>,
    pub note: Option<String>,
}

/// A course topic or job skill.
#[derive(Debug)]
pub struct Competency {
    pub id: String,
    pub name: String,
    pub kind: CompetencyKind,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// A clinical background and the competencies its training covers.
#[derive(Debug)]
pub struct Background {
    pub id: String,
    pub name: String,
    pub credits: Vec<Ix<Competency>>,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// A work setting.
#[derive(Debug)]
pub struct Setting {
    pub id: String,
    pub name: String,
    pub code_sets: Vec<Ix<CodeSet>>,
    /// Credentials that fit, best first (never empty).
    pub credentials: Vec<Ix<Credential>>,
    pub competencies: Vec<Ix<Competency>>,
    pub share_note: Option<String>,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// A programme type or a named example of one.
#[derive(Debug)]
pub struct Programme {
    pub id: String,
    pub kind: ProgrammeKind,
    pub type_of: Option<Ix<Programme>>,
    pub name: String,
    pub provider: Option<String>,
    pub location: Option<Location>,
    pub delivery: Vec<Delivery>,
    pub self_paced: bool,
    pub months: Option<Range<MonthSpan>>,
    pub contact_hours: Option<Hours>,
    /// Shorter lengths for an applicant holding an accredited award (the type's, with its
    /// length, when the example's sources give none).
    pub advanced_standing: Vec<AdvancedStanding>,
    /// The example's sources give no length: `months` and `contact_hours` are its type's.
    pub length_of_type: bool,
    pub cost_usd: Option<Range<Usd>>,
    pub out_of_state_cost_usd: Option<Range<Usd>>,
    pub accreditation: Option<String>,
    pub accredited_degree: Option<DegreeLevel>,
    pub grants: Option<Education>,
    pub prepares_for: Vec<Ix<Credential>>,
    pub competencies: Vec<Ix<Competency>>,
    pub apprentice_course_hours: Option<Hours>,
    pub practicode: bool,
    pub prerequisites: Prerequisites,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// An advancement path.
#[derive(Debug)]
pub struct Career {
    pub id: String,
    pub name: String,
    pub credentials: Vec<Ix<Credential>>,
    pub credentials_any: Vec<Ix<Credential>>,
    pub experience_months: Option<Months>,
    pub education: Option<Education>,
    /// Backgrounds the path suits best; not a requirement.
    pub suits_backgrounds: Vec<Ix<Background>>,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// A code set and its yearly update days.
#[derive(Debug)]
pub struct CodeSet {
    pub id: String,
    pub name: String,
    pub maintainer: String,
    /// The code set this is a part of (its holders get its updates).
    pub part_of: Option<Ix<CodeSet>>,
    pub effective: Vec<Effective>,
    pub sources: Vec<Source>,
}

/// A BLS occupation with its projection rows, newest first: its own SOC code's, and
/// apart from them those of older or broader groups (not comparable).
#[derive(Debug)]
pub struct Occupation {
    /// The SOC code.
    pub id: String,
    pub title: String,
    pub credentials: Vec<Ix<Credential>>,
    pub own: Vec<Outlook>,
    pub related: Vec<Outlook>,
    pub sources: Vec<Source>,
}

/// One body's renewal rules from `effective_from`, for the cycles `in_force_for` says.
#[derive(Debug)]
pub struct Rulebook {
    pub id: String,
    pub body: Body,
    pub effective_from: NaiveDate,
    pub in_force_for: InForceFor,
    pub note: Option<String>,
    pub cycle: CycleRule,
    pub requirement: Requirement,
    pub discipline_minimums: Vec<(Ix<Credential>, Ceus)>,
    pub specialty_minimum: Option<Ceus>,
    pub specialty_counts_toward_core: bool,
    pub approved_only: bool,
    pub before_certification: bool,
    pub domain_share_min: Option<f64>,
    pub sourced_share_min: Option<f64>,
    pub self_assessments: Option<SelfAssessments>,
    pub lapse: LapseRule,
    pub fees: Vec<RuleFee>,
    pub sources: Vec<Source>,
}

/// CEUs a cycle needs, with credential references resolved.
#[derive(Debug)]
pub enum Requirement {
    /// CEUs for 1, 2, … credentials (never empty; the last covers larger counts).
    ByCount(Vec<Ceus>),
    /// The highest single figure, plus `additional` per further credential, capped.
    PerCredential {
        ceus: Vec<(Ix<Credential>, Ceus)>,
        additional: Ceus,
        max_total: Option<Ceus>,
        /// `(holder, dropped)`: holding the first removes the second's requirement.
        supersedes: Vec<(Ix<Credential>, Ix<Credential>)>,
    },
}

/// AHIMA's former coding self-assessments.
#[derive(Debug)]
pub struct SelfAssessments {
    pub ceus_each: Ceus,
    pub per_cycle: u8,
    pub credentials: Vec<Ix<Credential>>,
}

/// Serialises records as their ids and compares them by id.
macro_rules! by_id {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.id)
            }
        }
        impl PartialEq for $t {
            fn eq(&self, o: &Self) -> bool {
                self.id == o.id
            }
        }
        impl Eq for $t {}
    )*};
}

by_id!(
    Credential, Competency, Background, Setting, Programme, Career, CodeSet, Occupation, Rulebook
);
