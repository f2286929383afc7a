//! Counsellor reports: one overview row per client from their plan and/or CEU status, and
//! the overview's views (index page, CSV). Pure; the runner in `app` reads and writes.

pub mod names;

use chrono::NaiveDate;
use serde::Serialize;

use crate::plan::{Plan, Stage};
use crate::render::table::Table;
use crate::render::{plan_words, status_words, warning_words};
use crate::track::Status;

/// One client in the overview.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    /// The client's report path under `clients/` without extension (`0a/jo-lee`), when written.
    pub file: Option<String>,
    /// `aspiring`, `certified` or `failed`.
    pub stage: String,
    pub target: String,
    pub next: String,
    pub next_date: String,
    /// Per body, e.g. `AAPC behind; AHIMA on_track`.
    pub ceu: String,
    pub days: Option<i64>,
    pub warnings: String,
    /// The located error of a failed client.
    pub error: Option<String>,
}

/// The overview row of a client who was planned and/or tracked.
pub fn row(name: &str, plan: Option<&Plan>, status: Option<&Status>, as_of: NaiveDate) -> Row {
    let certified = status.is_some_and(|s| !s.bodies.is_empty());
    let mut next: Option<(NaiveDate, String)> = plan.and_then(|p| {
        p.milestones
            .iter()
            .filter(|m| !matches!(m.stage, Stage::Advancement { .. }) && m.end >= as_of)
            .min_by_key(|m| m.end)
            .map(|m| (m.end, plan_words::title(m)))
    });
    if let Some(s) = status {
        for b in &s.bodies {
            let lead = b.lead();
            let due = match lead.state {
                crate::track::CycleState::Lapsed { until, .. } => until,
                _ => lead.cycle.end,
            };
            let label = format!(
                "{} CEUs due ({} to go)",
                b.body.as_str(),
                crate::render::words::num(lead.remaining)
            );
            if due >= as_of && next.as_ref().is_none_or(|(d, _)| due < *d) {
                next = Some((due, label));
            }
        }
    }
    let mut warnings: Vec<String> = plan
        .map(|p| {
            p.warnings
                .iter()
                .map(|w| warning_words::warning(w).0)
                .collect()
        })
        .unwrap_or_default();
    let states = |s: &Status| -> Vec<(String, String)> {
        s.bodies
            .iter()
            .map(|b| {
                let lead = b.lead();
                (
                    b.body.as_str().to_string(),
                    status_words::state(&lead.state).0,
                )
            })
            .collect()
    };
    if let Some(s) = status {
        for b in &s.bodies {
            let lead = b.lead();
            if !matches!(
                lead.state,
                crate::track::CycleState::Complete | crate::track::CycleState::OnTrack { .. }
            ) {
                warnings.push(format!(
                    "{} {}",
                    b.body.as_str(),
                    status_words::state(&lead.state).0.to_lowercase()
                ));
            }
        }
    }
    Row {
        name: name.to_string(),
        file: None,
        stage: if certified { "certified" } else { "aspiring" }.into(),
        target: plan.map_or_else(String::new, |p| p.target.credential.id.clone()),
        next: next.as_ref().map_or_else(String::new, |n| n.1.clone()),
        next_date: next.as_ref().map_or_else(String::new, |n| n.0.to_string()),
        ceu: status.map_or_else(String::new, |s| {
            states(s)
                .iter()
                .map(|(b, st)| format!("{b} {}", st.to_lowercase()))
                .collect::<Vec<_>>()
                .join("; ")
        }),
        days: next.map(|n| (n.0 - as_of).num_days()),
        warnings: warnings.join(", "),
        error: None,
    }
}

/// The overview row of a client whose files could not be used.
pub fn failed_row(name: &str, error: String) -> Row {
    Row {
        name: name.to_string(),
        file: None,
        stage: "failed".into(),
        target: String::new(),
        next: String::new(),
        next_date: String::new(),
        ceu: String::new(),
        days: None,
        warnings: String::new(),
        error: Some(error),
    }
}

/// The overview as a table (stdout, CSV): one line per client.
pub fn table(rows: &[Row]) -> Table {
    Table::new(
        "Clients",
        &[
            "Client",
            "Stage",
            "Target",
            "Next milestone",
            "Date",
            "CEU status",
            "Days to next deadline",
            "Warnings",
            "Report",
        ],
        rows.iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.stage.clone(),
                    r.target.clone(),
                    r.error.clone().unwrap_or_else(|| r.next.clone()),
                    r.next_date.clone(),
                    r.ceu.clone(),
                    r.days.map_or_else(String::new, |d| d.to_string()),
                    r.warnings.clone(),
                    r.file
                        .as_ref()
                        .map_or_else(String::new, |f| format!("clients/{f}.html")),
                ]
            })
            .collect(),
    )
}

/// The index page's model: the roster's names and every row.
#[derive(Debug, Clone, Serialize)]
pub struct Overview<'a> {
    pub title: String,
    pub counsellor: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub as_of: String,
    pub counts: Vec<(String, usize)>,
    pub rows: &'a [Row],
}

impl<'a> Overview<'a> {
    /// The overview of `rows`.
    pub fn new(
        counsellor: Option<&'a str>,
        organisation: Option<&'a str>,
        as_of: NaiveDate,
        rows: &'a [Row],
    ) -> Self {
        let count = |stage: &str| rows.iter().filter(|r| r.stage == stage).count();
        Overview {
            title: match organisation {
                Some(o) => format!("Client overview: {o}"),
                None => "Client overview".into(),
            },
            counsellor,
            organisation,
            as_of: as_of.to_string(),
            counts: vec![
                ("clients".into(), rows.len()),
                ("aspiring".into(), count("aspiring")),
                ("certified".into(), count("certified")),
                ("failed".into(), count("failed")),
                (
                    "with warnings".into(),
                    rows.iter().filter(|r| !r.warnings.is_empty()).count(),
                ),
            ],
            rows,
        }
    }
}
