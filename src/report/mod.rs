//! Counsellor reports: one overview row per client from their plan and/or CEU status, the
//! deadlines coming up across clients, and the overview's views (index page, CSV). Pure;
//! the runner in `app` reads and writes.

pub mod manifest;
pub mod names;

use chrono::NaiveDate;
use serde::Serialize;

use crate::plan::{Plan, Stage};
use crate::render::code::code;
use crate::render::table::Table;
use crate::render::words::{ceus, in_sentence, noun};
use crate::render::{plan_words, status_words, warning_words};
use crate::track::{CycleState, Status};

/// How far ahead the overview lists deadlines, in days.
pub const DEADLINE_DAYS: i64 = 90;

/// One client in the overview.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Row {
    /// The client's name (their profile's, or its file name when it could not be read).
    pub name: String,
    /// The client's profile, relative to the roster (tells two clients of one name apart).
    pub source: String,
    /// The client's report path without extension (`clients/jo-lee`), when written.
    pub file: Option<String>,
    /// `aspiring`, `certified` or `failed`.
    pub stage: String,
    /// The credential an aspiring client aims at.
    pub target: String,
    /// The next milestone or deadline, and its date.
    pub next: String,
    pub next_date: String,
    /// Per body, e.g. `AAPC behind; AHIMA on_track`.
    pub ceu: String,
    /// Days from `--as-of` to `next_date`.
    pub days: Option<i64>,
    /// Warning codes, comma-separated.
    pub warnings: String,
    /// The located error of a failed client.
    pub error: Option<String>,
}

/// What became of a client's CEUs.
#[derive(Debug, Clone, Copy)]
pub enum Ceus<'s> {
    /// The client holds no credential: nothing to track.
    NoCredential,
    /// Tracked.
    Tracked(&'s Status<'s>),
    /// Held credentials that could not be tracked: the profile lacks what tracking needs
    /// (the plan's warnings say what).
    Untracked,
}

/// The overview row of a client who was planned (and tracked, when certified).
pub fn row(name: &str, source: &str, plan: &Plan, ceus: Ceus, as_of: NaiveDate) -> Row {
    let certified = !matches!(ceus, Ceus::NoCredential);
    let status = match ceus {
        Ceus::Tracked(s) => Some(s),
        _ => None,
    };
    let mut next: Option<(NaiveDate, String)> = plan
        .milestones
        .iter()
        .filter(|m| !matches!(m.stage, Stage::Advancement { .. }) && m.end >= as_of)
        .min_by_key(|m| m.end)
        .map(|m| (m.end, plan_words::title(m)));
    // A CEU deadline on the same day as a renewal stage says how many are still to go.
    for d in status.map(|s| deadlines(s, as_of)).unwrap_or_default() {
        if next.as_ref().is_none_or(|(n, _)| d.date <= *n) {
            next = Some((d.date, d.what));
        }
    }
    let mut warnings: Vec<String> = plan
        .warnings
        .iter()
        .map(|w| warning_words::warning(w).0)
        .collect();
    let states = |s: &Status| -> Vec<(String, String)> {
        s.bodies
            .iter()
            .map(|b| (b.body.as_str().to_string(), status_words::body_state(b).0))
            .collect()
    };
    if let Ceus::Untracked = ceus {
        warnings.push("CEUs not tracked".into());
    }
    if let Some(s) = status {
        // A lead cycle not going well, or no log to tell (an unknown last cycle is the
        // plan's "not in the log" warning already).
        for b in &s.bodies {
            let (words, tone) = status_words::state(&b.lead().state);
            let state = match b.unlogged {
                Some(crate::track::Unlogged::NoLog) => status_words::body_state(b).0,
                _ if tone == "good" => continue,
                _ => words,
            };
            warnings.push(format!("{} {}", b.body.as_str(), in_sentence(&state)));
        }
    }
    Row {
        name: name.to_string(),
        source: source.to_string(),
        file: None,
        stage: if certified { "certified" } else { "aspiring" }.into(),
        target: plan.target.credential.id.clone(),
        next: next.as_ref().map_or_else(String::new, |n| n.1.clone()),
        next_date: next.as_ref().map_or_else(String::new, |n| n.0.to_string()),
        ceu: match ceus {
            Ceus::NoCredential => String::new(),
            Ceus::Tracked(s) => states(s)
                .iter()
                .map(|(b, st)| format!("{b} {}", in_sentence(st)))
                .collect::<Vec<_>>()
                .join("; "),
            Ceus::Untracked => "not tracked".into(),
        },
        days: next.map(|n| (n.0 - as_of).num_days()),
        warnings: warnings.join(", "),
        error: None,
    }
}

/// The overview row of a client whose files could not be used.
pub fn failed_row(name: &str, source: &str, error: String) -> Row {
    Row {
        name: name.to_string(),
        source: source.to_string(),
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

/// A client's CEU deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// When it falls due.
    pub date: NaiveDate,
    /// E.g. `AAPC CEUs due (27 to go)`.
    pub what: String,
}

/// The next deadline of each body the client tracks: the end of the cycle that leads;
/// during a lapse window, its last day before revocation; once revoked, the last day of
/// reinstatement without a new exam (none after it). An ended cycle the log cannot judge,
/// with CEUs still short in what is logged, adds the last day before revocation if it was
/// not met.
pub fn deadlines(status: &Status, as_of: NaiveDate) -> Vec<Deadline> {
    let num = crate::render::words::num;
    status
        .bodies
        .iter()
        .flat_map(|b| {
            let lead = b.lead();
            let body = b.body.as_str();
            let next = match lead.state {
                CycleState::Lapsed { until, .. } => Some((
                    until,
                    format!(
                        "{body}: last day before revocation ({} missing)",
                        ceus(lead.remaining)
                    ),
                )),
                CycleState::Revoked {
                    reinstate_until, ..
                } => reinstate_until.map(|u| {
                    (
                        u,
                        format!("{body}: revoked; last day to reinstate without an exam"),
                    )
                }),
                // Without a log the CEUs to go are not known.
                _ if b.unlogged == Some(crate::track::Unlogged::NoLog) => {
                    Some((lead.cycle.end, format!("{body} CEUs due (not logged)")))
                }
                _ => Some((
                    lead.cycle.end,
                    format!("{body} CEUs due ({} to go)", num(lead.remaining)),
                )),
            };
            let if_unmet = b
                .ended
                .as_ref()
                .filter(|e| matches!(e.state, CycleState::NotInLog { .. }) && e.remaining > 0.0)
                .map(|e| {
                    (
                        e.last_day_before_revocation(),
                        format!(
                            "{body}: last day before revocation if the cycle that ended {} was not met ({} of {} logged)",
                            e.cycle.end,
                            num(e.earned),
                            num(e.required)
                        ),
                    )
                });
            [next, if_unmet]
                .into_iter()
                .flatten()
                .filter(|(date, _)| *date >= as_of)
                .map(|(date, what)| Deadline { date, what })
        })
        .collect()
}

/// One line of the overview's "Deadlines in the next 90 days".
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Upcoming {
    /// When it falls due, and in how many days from `--as-of`.
    pub date: String,
    pub days: i64,
    /// The client, and their page (without extension).
    pub name: String,
    pub file: Option<String>,
    /// What falls due.
    pub what: String,
}

/// The deadlines of one client within [`DEADLINE_DAYS`] of `as_of`.
pub fn upcoming(row: &Row, status: &Status, as_of: NaiveDate) -> Vec<Upcoming> {
    deadlines(status, as_of)
        .into_iter()
        .filter(|d| (d.date - as_of).num_days() <= DEADLINE_DAYS)
        .map(|d| Upcoming {
            date: d.date.to_string(),
            days: (d.date - as_of).num_days(),
            name: row.name.clone(),
            file: row.file.clone(),
            what: d.what,
        })
        .collect()
}

/// The overview as a table (CSV): one line per client.
pub fn table(rows: &[Row]) -> Table {
    Table::new(
        "Clients",
        &[
            "Client",
            "Profile",
            "Stage",
            "Target",
            "Next milestone",
            "Date",
            "CEU status",
            "Days to next milestone",
            "Warnings",
            "Error",
            "Report",
        ],
        rows.iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.source.clone(),
                    r.stage.clone(),
                    r.target.clone(),
                    r.next.clone(),
                    r.next_date.clone(),
                    r.ceu.clone(),
                    r.days.map_or_else(String::new, |d| d.to_string()),
                    r.warnings.clone(),
                    r.error.clone().unwrap_or_default(),
                    r.file
                        .as_ref()
                        .map_or_else(String::new, |f| format!("{f}.html")),
                ]
            })
            .collect(),
    )
}

/// The index page's model: the roster's names, counts, the rows of the clients reported
/// and of those that failed, the coming deadlines, and pages left from earlier runs.
#[derive(Debug, Clone, Serialize)]
pub struct Overview<'a> {
    pub title: String,
    pub counsellor: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub as_of: String,
    /// `(what, how many)`: clients, aspiring, certified, failed, with warnings.
    pub counts: Vec<(String, usize)>,
    /// The clients reported, and those that failed.
    pub rows: Vec<&'a Row>,
    pub failed: Vec<&'a Row>,
    /// Deadlines within `deadline_days`, soonest first.
    pub deadlines: Vec<Upcoming>,
    pub deadline_days: i64,
    /// Pages of clients no longer in the roster that were kept (without `--force`).
    pub stale: Vec<String>,
    /// What the counsellor should know about the run: folders of profiles not read
    /// ([`skipped_folder`]).
    pub notes: Vec<String>,
}

impl<'a> Overview<'a> {
    /// The overview of `rows`, with `deadlines` sorted by date.
    pub fn new(
        counsellor: Option<&'a str>,
        organisation: Option<&'a str>,
        as_of: NaiveDate,
        rows: &'a [Row],
        mut deadlines: Vec<Upcoming>,
        stale: Vec<String>,
    ) -> Self {
        let count = |stage: &str| rows.iter().filter(|r| r.stage == stage).count();
        deadlines.sort_by(|a, b| (a.days, &a.name).cmp(&(b.days, &b.name)));
        Overview {
            title: match organisation {
                Some(o) => format!("Client overview: {o}"),
                None => "Client overview".into(),
            },
            counsellor,
            organisation,
            as_of: as_of.to_string(),
            counts: vec![
                (noun(rows.len(), "client", "clients").into(), rows.len()),
                ("aspiring".into(), count("aspiring")),
                ("certified".into(), count("certified")),
                ("failed".into(), count("failed")),
                (
                    "with warnings".into(),
                    rows.iter().filter(|r| !r.warnings.is_empty()).count(),
                ),
            ],
            rows: rows.iter().filter(|r| r.error.is_none()).collect(),
            failed: rows.iter().filter(|r| r.error.is_some()).collect(),
            deadlines,
            deadline_days: DEADLINE_DAYS,
            stale,
            notes: Vec::new(),
        }
    }
}

/// Why a subfolder of a folder of profiles was not read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FolderSkip {
    /// A link to a folder (not followed: it may lead out of the tree, or round in a loop).
    Link,
    /// Nested deeper than the limit.
    TooDeep,
    /// It could not be listed (the system's reason).
    Unreadable(String),
}

/// A subfolder not read (`folder`, relative to the folder given), and how to include its
/// clients.
pub fn skipped_folder(folder: &str, why: &FolderSkip) -> String {
    let reason = match why {
        FolderSkip::Link => "it is a link to a folder, which is not followed".to_string(),
        FolderSkip::TooDeep => "it is nested too deep".to_string(),
        FolderSkip::Unreadable(e) => format!("it could not be read ({e})"),
    };
    format!(
        "The folder {} was not read: {reason}; any clients in it are not in this report. To include them, list them in a roster ({}) or run {} on that folder.",
        code(&format!("{folder}/")),
        code(&format!("clients: [\"{folder}/*.yaml\"]")),
        code("coderpath report")
    )
}

/// What a client page says above the client's own reports.
#[derive(Debug, Clone, Serialize)]
pub struct ClientHeader<'a> {
    pub name: &'a str,
    /// The profile, relative to the roster.
    pub source: &'a str,
    pub counsellor: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub as_of: String,
    /// The overview, relative to the client page.
    pub overview: &'static str,
    /// Why a credential holder's CEUs could not be tracked, in words.
    pub untracked: Option<String>,
}
