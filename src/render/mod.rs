//! Output: view models written from the planner's and the tracker's facts, rendered as text
//! tables, CSV, JSON, iCalendar, or through tera templates. All the words a person reads are
//! written here and in the templates.

pub mod audit_words;
pub mod calendar;
pub mod code;
pub mod compare;
pub mod escape;
pub mod ics;
pub mod json;
pub mod lists;
pub mod plan;
pub mod plan_words;
pub mod register;
pub mod route_words;
pub mod status;
pub mod status_words;
pub mod table;
pub mod templates;
pub mod timeline;
pub mod warning_words;
pub mod words;
pub mod wrap;

use crate::person::Problem;
use code::code;

/// A problem that stopped a plan or a status: what is wrong and what to give instead.
pub fn problem(p: &Problem) -> (String, String) {
    match p {
        Problem::NoTarget => (
            "the profile has no target and holds no credential to plan from".into(),
            format!(
                "{} in the profile, or {} for one run (settings: {})",
                code("target: { setting: physician_office }"),
                code("--setting physician_office"),
                code("coderpath data list settings")
            ),
        ),
        Problem::NoRenewalDate { body } => (
            format!(
                "{body} CEUs fall due on the membership renewal date, which the profile does not give",
                body = body.as_str()
            ),
            format!(
                "{} (or a cycle_overrides entry with the portal's cycle)",
                code("aapc_renewal: YYYY-MM-DD")
            ),
        ),
        Problem::NoRulebook {
            body,
            start,
            oldest,
        } => (
            format!(
                "no {} rulebook covers a cycle starting {start}{}",
                body.as_str(),
                oldest.map_or(String::new(), |d| format!("; the oldest starts {d}"))
            ),
            "a cycle_overrides entry with the current cycle, or an older rulebook in --data-dir"
                .into(),
        ),
    }
}
