//! Why a plan or a status cannot be made for a person: one problem type shared by the
//! planner and the tracker, naming the profile field to change. Render writes the words.

use chrono::NaiveDate;
use serde::Serialize;

use crate::data::model::Body;

/// A person's files do not give what a computation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// The profile names no target and holds no credential to plan from.
    NoTarget,
    /// The body's cycles follow the membership renewal date, which the profile lacks.
    NoRenewalDate { body: Body },
    /// No rulebook of the body covers a cycle starting on `start`.
    NoRulebook {
        body: Body,
        start: NaiveDate,
        oldest: Option<NaiveDate>,
    },
}

impl Problem {
    /// The profile field to change, as a key path for locating it.
    pub fn path(&self) -> &'static str {
        match self {
            Problem::NoTarget => "target",
            Problem::NoRenewalDate { .. } => "aapc_renewal",
            Problem::NoRulebook { .. } => "credentials",
        }
    }
}
