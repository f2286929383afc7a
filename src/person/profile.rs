//! `profile.yaml`: one person — where they are now and where they want to go.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::DataSet;
use crate::data::model::{Body, DegreeLevel, Delivery, Education};
use crate::error::Diagnostic;
use crate::loader::Source;

/// One person.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    /// Highest education completed; a GED counts as `high_school`.
    pub education: Education,
    /// A CAHIIM-accredited HIM degree, if any.
    #[serde(default)]
    pub accredited_degree: Option<DegreeLevel>,
    /// Months of paid or externship coding work.
    #[serde(default)]
    pub experience_months: u32,
    /// Competencies (ids from competencies.yaml) covered by courses already completed.
    #[serde(default)]
    pub completed: Vec<String>,
    /// Whether the person has finished AAPC Practicode.
    #[serde(default)]
    pub practicode: bool,
    /// Bodies the person is a member of.
    #[serde(default)]
    pub memberships: Vec<Body>,
    /// Credentials held.
    #[serde(default)]
    pub credentials: Vec<Held>,
    /// The AAPC membership renewal date (sets the AAPC CEU due month).
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub aapc_renewal: Option<NaiveDate>,
    /// What the person is aiming for (aspiring coders).
    #[serde(default)]
    pub target: Option<Target>,
    #[serde(default)]
    pub preferences: Preferences,
    /// The CEU log, relative to this file.
    #[serde(default)]
    pub ceu_log: Option<PathBuf>,
    /// Cycle figures copied from an official portal; they win over computed ones.
    #[serde(default)]
    pub cycle_overrides: Vec<CycleOverride>,
}

/// A credential the person holds.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Held {
    pub id: String,
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub earned: NaiveDate,
    /// Still an apprentice (CPC-A, COC-A).
    #[serde(default)]
    pub apprentice: bool,
}

/// Where the person wants to work, and by when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub setting: String,
    #[serde(default)]
    pub credential: Option<String>,
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub by: Option<NaiveDate>,
}

/// How the person can study.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// Only these deliveries (empty: any).
    #[serde(default)]
    pub delivery: Vec<Delivery>,
    #[serde(default)]
    pub budget_usd: Option<f64>,
    #[serde(default)]
    pub hours_per_week: Option<f64>,
}

/// What an official portal shows for a cycle.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CycleOverride {
    pub body: Body,
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub required: Option<f64>,
}

impl Profile {
    /// Parses and validates a profile; problems are located in `src`.
    pub fn load(
        src: &Source,
        data: &DataSet,
        as_of: NaiveDate,
    ) -> Result<Profile, Vec<Diagnostic>> {
        let p: Profile = src.parse()?;
        let problems = p.validate(src, data, as_of);
        if problems.is_empty() {
            Ok(p)
        } else {
            Err(problems)
        }
    }

    /// The CEU log's path, resolved against the profile's own location.
    pub fn log_path(&self, profile_path: &Path) -> Option<PathBuf> {
        let dir = profile_path.parent().unwrap_or(Path::new("."));
        self.ceu_log.as_ref().map(|l| dir.join(l))
    }

    fn validate(&self, src: &Source, data: &DataSet, as_of: NaiveDate) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let creds: Vec<&str> = data
            .credentials
            .credentials
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let comps: Vec<&str> = data
            .competencies
            .competencies
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let settings: Vec<&str> = data
            .settings
            .settings
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        if self.name.trim().is_empty() {
            out.push(
                src.at("name", "the name is empty")
                    .expected("the person's name"),
            );
        }
        for (i, c) in self.completed.iter().enumerate() {
            out.extend(src.unknown(&format!("completed[{i}]"), c, &comps, "competency"));
        }
        for (i, h) in self.credentials.iter().enumerate() {
            out.extend(src.unknown(&format!("credentials[{i}].id"), &h.id, &creds, "credential"));
            if h.earned > as_of {
                out.push(
                    src.at(
                        &format!("credentials[{i}].earned"),
                        format!("earned {} is after {as_of}", h.earned),
                    )
                    .expected("a date on or before --as-of"),
                );
            }
            if self.credentials[..i].iter().any(|o| o.id == h.id) {
                out.push(src.at(
                    &format!("credentials[{i}].id"),
                    format!("{} is listed twice", h.id),
                ));
            }
        }
        if let Some(t) = &self.target {
            out.extend(src.unknown("target.setting", &t.setting, &settings, "setting"));
            if let Some(c) = &t.credential {
                out.extend(src.unknown("target.credential", c, &creds, "credential"));
            }
            if let Some(by) = t.by
                && by <= as_of
            {
                out.push(
                    src.at(
                        "target.by",
                        format!("target date {by} is not after {as_of}"),
                    )
                    .expected("a future date"),
                );
            }
        }
        let prefs = &self.preferences;
        if let Some(b) = prefs.budget_usd
            && (!b.is_finite() || b < 0.0)
        {
            out.push(
                src.at("preferences.budget_usd", format!("`{b}` is not a budget"))
                    .expected("a non-negative amount in USD"),
            );
        }
        if let Some(h) = prefs.hours_per_week
            && (!h.is_finite() || h <= 0.0 || h > 80.0)
        {
            out.push(
                src.at(
                    "preferences.hours_per_week",
                    format!("`{h}` hours a week is not possible"),
                )
                .expected("a number of hours between 1 and 80"),
            );
        }
        if self.experience_months > 12 * 60 {
            out.push(
                src.at(
                    "experience_months",
                    format!("{} months is over 60 years", self.experience_months),
                )
                .expected("months of coding work"),
            );
        }
        for (i, o) in self.cycle_overrides.iter().enumerate() {
            if let (Some(s), Some(e)) = (o.start, o.end)
                && s >= e
            {
                out.push(src.at(
                    &format!("cycle_overrides[{i}].end"),
                    format!("cycle end {e} is not after its start {s}"),
                ));
            }
            if let Some(r) = o.required
                && (!r.is_finite() || r <= 0.0)
            {
                out.push(
                    src.at(
                        &format!("cycle_overrides[{i}].required"),
                        format!("`{r}` CEUs is not a requirement"),
                    )
                    .expected("a positive number of CEUs"),
                );
            }
        }
        out
    }
}
