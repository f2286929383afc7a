//! Programme choice: filter by what the person can and will take, then rank by fit.

use std::cmp::Reverse;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::eligibility::Standing;
use crate::data::DataSet;
use crate::data::model::{Credential, DegreeLevel, Delivery, Education, Programme, Range};
use crate::render::format::{num, range, usd};

/// Average days in a month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// What the planner needs to judge programmes.
pub struct Needs<'a> {
    pub exam: &'a Credential,
    pub standing: &'a Standing,
    pub delivery: &'a [Delivery],
    pub budget: Option<f64>,
    /// Fees other than the programme on the way to job-ready (exam, membership).
    pub other_costs: f64,
    pub hours_per_week: f64,
    pub full_time_hours: f64,
    pub unknown_length_months: f64,
    pub prep_weeks: f64,
    pub start: NaiveDate,
    pub target_by: Option<NaiveDate>,
    /// Competencies the person lacks for the target setting.
    pub missing: &'a [String],
}

/// How a programme fits the budget, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetFit {
    Over,
    Unknown,
    MayFit,
    Fits,
    NoBudget,
}

/// A programme as the planner would schedule it, with the reasons for its rank.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeChoice {
    pub id: String,
    pub name: String,
    pub rank: usize,
    /// Lowest known cost (the figure the plan's totals use).
    pub cost_usd: Option<f64>,
    pub cost_range_usd: Option<Range>,
    /// Planned length in months.
    pub months: f64,
    pub length_known: bool,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub exam_date: NaiveDate,
    pub budget_fit: BudgetFit,
    pub meets_target_date: Option<bool>,
    pub covers: Vec<String>,
    pub why: Vec<String>,
    /// Contact hours, when the length scales with study hours.
    #[serde(skip)]
    pub scalable_hours: Option<f64>,
}

/// Candidates ranked best first, or the filter that left none.
pub fn rank(data: &DataSet, needs: &Needs) -> Result<Vec<ProgrammeChoice>, String> {
    let all: Vec<&Programme> = data.programmes.programmes.iter().collect();
    let prepares: Vec<&Programme> = all
        .iter()
        .copied()
        .filter(|p| p.prepares_for.contains(&needs.exam.id))
        .collect();
    if prepares.is_empty() {
        return Err(format!(
            "no programme in the data prepares for {}",
            needs.exam.id
        ));
    }
    let admitted: Vec<&Programme> = prepares
        .iter()
        .copied()
        .filter(|p| {
            p.prerequisites
                .education
                .is_none_or(|e| needs.standing.education >= e)
        })
        .collect();
    if admitted.is_empty() {
        return Err(format!(
            "every programme for {} needs more education than the person has",
            needs.exam.id
        ));
    }
    let eligible: Vec<&Programme> = admitted
        .iter()
        .copied()
        .filter(|p| leaves_eligible(p, needs))
        .collect();
    if eligible.is_empty() {
        return Err(format!(
            "no programme for {} leads to its exam eligibility",
            needs.exam.id
        ));
    }
    let delivered: Vec<&Programme> = eligible
        .iter()
        .copied()
        .filter(|p| {
            needs.delivery.is_empty() || p.delivery.iter().any(|d| needs.delivery.contains(d))
        })
        .collect();
    if delivered.is_empty() {
        let offered: Vec<&str> = eligible
            .iter()
            .flat_map(|p| &p.delivery)
            .map(|d| crate::render::lists::delivery(*d))
            .collect();
        return Err(format!(
            "no programme for {} is offered the way the profile prefers; relax preferences.delivery (offered: {})",
            needs.exam.id,
            dedup(offered).join(", ")
        ));
    }
    let mut choices: Vec<ProgrammeChoice> = delivered.iter().map(|p| evaluate(p, needs)).collect();
    choices.sort_by_key(|c| {
        // Over budget, the smallest shortfall comes first.
        let shortfall = if c.budget_fit == BudgetFit::Over {
            c.cost_usd.map_or(i64::MAX, |v| v as i64)
        } else {
            0
        };
        (
            Reverse(c.budget_fit),
            shortfall,
            Reverse(c.meets_target_date.unwrap_or(true)),
            Reverse(c.covers.len()),
            Reverse(c.length_known),
            (c.months * 100.0) as i64,
            c.cost_usd.map_or(i64::MAX, |v| v as i64),
            c.id.clone(),
        )
    });
    for (i, c) in choices.iter_mut().enumerate() {
        c.rank = i + 1;
    }
    Ok(choices)
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether finishing `p` leaves the person eligible for the exam.
fn leaves_eligible(p: &Programme, needs: &Needs) -> bool {
    let Some(el) = &needs.exam.eligibility else {
        return true;
    };
    after(needs.standing, p).meets_any(&el.required)
}

/// The person's standing after finishing `p`.
pub fn after(s: &Standing, p: &Programme) -> Standing {
    let mut s = s.clone();
    if let Some(g) = p.grants {
        s.education = s.education.max(g);
        if p.accredited {
            let level = match g {
                Education::Bachelor | Education::Master => DegreeLevel::Bachelor,
                _ => DegreeLevel::Associate,
            };
            s.accredited_degree = s.accredited_degree.max(Some(level));
        }
    }
    s.competencies.extend(p.competencies.iter().cloned());
    s
}

/// Months a programme takes at `hours_per_week`, whether that length is sourced, and the
/// contact hours when the length scales with study hours.
fn length(p: &Programme, needs: &Needs) -> (f64, bool, Option<f64>) {
    match (p.contact_hours, p.months) {
        (Some(h), m) if p.self_paced || m.is_none() => {
            let months = h / needs.hours_per_week * 7.0 / DAYS_PER_MONTH;
            (months, true, Some(h))
        }
        (_, Some(m)) => (
            if needs.hours_per_week >= needs.full_time_hours {
                m.min
            } else {
                m.max
            },
            true,
            None,
        ),
        _ => (needs.unknown_length_months, false, None),
    }
}

/// Adds `months` (fractional) to a date.
pub fn add_months(d: NaiveDate, months: f64) -> NaiveDate {
    d + Days::new((months * DAYS_PER_MONTH).round().max(0.0) as u64)
}

fn evaluate(p: &Programme, needs: &Needs) -> ProgrammeChoice {
    let (months, length_known, scalable_hours) = length(p, needs);
    let start = needs.start;
    let end = add_months(start, months);
    let exam_date = end + Days::new((needs.prep_weeks * 7.0).round() as u64);
    let covers: Vec<String> = needs
        .missing
        .iter()
        .filter(|m| p.competencies.contains(m))
        .cloned()
        .collect();
    let budget_fit = match (needs.budget, p.cost_usd) {
        (None, _) => BudgetFit::NoBudget,
        (Some(_), None) => BudgetFit::Unknown,
        (Some(b), Some(c)) if c.max + needs.other_costs <= b => BudgetFit::Fits,
        (Some(b), Some(c)) if c.min + needs.other_costs <= b => BudgetFit::MayFit,
        _ => BudgetFit::Over,
    };
    let meets_target_date = needs.target_by.map(|by| exam_date <= by);
    let mut why = Vec::new();
    let total = |c: f64| usd(c + needs.other_costs);
    match (budget_fit, needs.budget, p.cost_usd) {
        (BudgetFit::Fits, Some(b), Some(c)) => why.push(format!(
            "within the {} budget ({} with exam fees)",
            usd(b),
            range(c.min + needs.other_costs, c.max + needs.other_costs, usd)
        )),
        (BudgetFit::MayFit, Some(b), Some(c)) => why.push(format!(
            "may fit the {} budget: {} at the low end, {} at the high end",
            usd(b),
            total(c.min),
            total(c.max)
        )),
        (BudgetFit::Over, Some(b), Some(c)) => why.push(format!(
            "over the {} budget by {} even at the low end",
            usd(b),
            usd(c.min + needs.other_costs - b)
        )),
        (BudgetFit::Unknown, _, _) => why.push("cost not found in the sources".into()),
        (_, None, Some(c)) => why.push(format!("costs {}", range(c.min, c.max, usd))),
        _ => {}
    }
    match (meets_target_date, needs.target_by) {
        (Some(true), Some(by)) => why.push(format!(
            "exam by {exam_date}, {} weeks before the {by} target",
            (by - exam_date).num_weeks()
        )),
        (Some(false), Some(by)) => why.push(format!(
            "exam on {exam_date}, {} weeks after the {by} target",
            (exam_date - by).num_weeks()
        )),
        _ => why.push(format!("exam by {exam_date}")),
    }
    if !needs.missing.is_empty() {
        why.push(format!(
            "covers {} of the {} competencies still missing",
            covers.len(),
            needs.missing.len()
        ));
    }
    why.push(match (length_known, scalable_hours) {
        (true, Some(h)) => format!(
            "{} contact hours at {} hours a week: about {} months",
            num(h),
            num(needs.hours_per_week),
            num((months * 10.0).round() / 10.0)
        ),
        (true, None) => format!("about {} months", num((months * 10.0).round() / 10.0)),
        (false, _) => format!("length not found; {} months assumed", num(months)),
    });
    ProgrammeChoice {
        id: p.id.clone(),
        name: p.name.clone(),
        rank: 0,
        cost_usd: p.cost_usd.map(|c| c.min),
        cost_range_usd: p.cost_usd,
        months: (months * 10.0).round() / 10.0,
        length_known,
        start,
        end,
        exam_date,
        budget_fit,
        meets_target_date,
        covers,
        why,
        scalable_hours,
    }
}
