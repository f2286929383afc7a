//! The CEU status view model (text, Markdown, HTML) and the renewal calendar's events.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use super::format::num;
use super::ics::CalEvent;
use super::table::Table;
use crate::data::DataSet;
use crate::rules;
use crate::track::{BodyStatus, Status};

/// Everything a CEU status report shows.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub title: String,
    pub person: String,
    pub as_of: String,
    pub bodies: Vec<BodyView>,
}

/// One body, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct BodyView {
    pub body: String,
    pub credentials: String,
    pub rulebook: String,
    pub cycle: String,
    pub basis: String,
    pub required: String,
    pub earned: String,
    pub remaining: String,
    pub status: String,
    /// CSS class: `good`, `warn` or `bad`.
    pub tone: String,
    pub deadline: String,
    pub pace: String,
    pub requirements: Vec<RequirementRow>,
    pub allocations: Vec<Row3>,
    pub rejected: Vec<Row3>,
    pub fees: Vec<Row3>,
    pub notes: Vec<String>,
}

/// A requirement with its progress.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementRow {
    pub label: String,
    pub required: String,
    pub earned: String,
    pub percent: u32,
    pub met: bool,
    pub state: String,
}

/// Three text cells.
#[derive(Debug, Clone, Serialize)]
pub struct Row3 {
    pub a: String,
    pub b: String,
    pub c: String,
}

fn human(status: &str) -> (String, &'static str) {
    match status {
        "complete" => ("Complete".into(), "good"),
        "on_track" => ("On track".into(), "good"),
        "behind" => ("Behind".into(), "warn"),
        "revoked" => ("Revoked".into(), "bad"),
        other => (
            format!(
                "{}{} (past the due date)",
                other[..1].to_uppercase(),
                &other[1..]
            ),
            "bad",
        ),
    }
}

impl StatusView {
    /// Formats `status` for reports.
    pub fn new(status: &Status) -> StatusView {
        StatusView {
            title: format!("CEU status for {}", status.person),
            person: status.person.clone(),
            as_of: status.as_of.to_string(),
            bodies: status.bodies.iter().map(body_view).collect(),
        }
    }

    /// The terminal rendering.
    pub fn to_text(&self, width: Option<u16>, color: bool) -> String {
        let mut out = format!("{} (as of {})\n", self.title, self.as_of);
        for b in &self.bodies {
            out.push_str(&format!(
                "\n{} — {}\n  credentials: {}\n  cycle:       {}\n  required:    {} ({})\n  earned:      {}   remaining: {}\n  deadline:    {}\n  pace:        {}\n  rulebook:    {}\n",
                b.body, b.status, b.credentials, b.cycle, b.required, b.basis, b.earned, b.remaining, b.deadline, b.pace, b.rulebook
            ));
            let reqs = Table::new(
                String::new(),
                &["Requirement", "Required", "Earned", "Progress", "State"],
                b.requirements
                    .iter()
                    .map(|r| {
                        vec![
                            r.label.clone(),
                            r.required.clone(),
                            r.earned.clone(),
                            format!("{}%", r.percent),
                            r.state.clone(),
                        ]
                    })
                    .collect(),
            );
            out.push_str(reqs.to_text(width, color).trim_start_matches('\n'));
            for (title, rows, cols) in [
                (
                    "CEUs given to sub-requirements",
                    &b.allocations,
                    ["Line", "Entry", "Given to"],
                ),
                (
                    "Entries that do not count",
                    &b.rejected,
                    ["Line", "Entry", "Reason"],
                ),
                ("Fees", &b.fees, ["Due", "Fee", "Amount"]),
            ] {
                if rows.is_empty() {
                    continue;
                }
                let t = Table {
                    title: format!("{title}:"),
                    note: String::new(),
                    columns: cols.map(String::from).to_vec(),
                    rows: rows
                        .iter()
                        .map(|r| vec![r.a.clone(), r.b.clone(), r.c.clone()])
                        .collect(),
                };
                out.push_str(&t.to_text(width, color).replacen(":\n\n", ":\n", 1));
            }
            for n in &b.notes {
                out.push_str(&format!("  note: {n}\n"));
            }
        }
        if self.bodies.is_empty() {
            out.push_str("\nNo credentials held on this date: nothing to track.\n");
        }
        out
    }
}

fn body_view(b: &BodyStatus) -> BodyView {
    let (status, tone) = human(&b.status);
    let mut cycle = format!("{} to {}", b.cycle.start, b.cycle.end);
    if b.cycle.prorated {
        cycle.push_str(" (first cycle, pro-rated: the requirement is an estimate)");
    }
    if b.cycle.overridden {
        cycle.push_str(" (from the official portal: override)");
    }
    let deadline = match b.status.as_str() {
        "complete" | "on_track" | "behind" => {
            format!("{} ({} days left)", b.cycle.end, b.days_left)
        }
        "revoked" => format!(
            "{} (passed; the window before revocation has closed)",
            b.cycle.end
        ),
        _ => format!(
            "{} passed; {} days left before revocation",
            b.cycle.end, b.days_left
        ),
    };
    BodyView {
        body: b.body.as_str().into(),
        credentials: b.credentials.join(", "),
        rulebook: b.rulebook.clone(),
        cycle,
        basis: b.basis.clone(),
        required: num(b.required),
        earned: num(b.earned),
        remaining: num(b.remaining),
        status,
        tone: tone.into(),
        deadline,
        pace: match (b.status.as_str(), b.remaining > 0.0) {
            ("revoked", _) => {
                "—: reinstatement needs the missing CEUs and the reinstatement fee".into()
            }
            (_, true) => format!("{} CEUs a month to finish on time", num(b.pace_per_month)),
            (_, false) => "nothing left to earn".into(),
        },
        requirements: b
            .requirements
            .iter()
            .map(|r| RequirementRow {
                label: r.label.clone(),
                required: num(r.required),
                earned: num(r.earned),
                percent: if r.required > 0.0 {
                    ((r.earned / r.required).min(1.0) * 100.0).floor() as u32
                } else {
                    100
                },
                met: r.met,
                state: if r.met {
                    "met".into()
                } else {
                    format!(
                        "{} to go",
                        num(((r.required - r.earned) * 100.0).round() / 100.0)
                    )
                },
            })
            .collect(),
        allocations: b
            .allocations
            .iter()
            .map(|a| Row3 {
                a: a.line.to_string(),
                b: a.title.clone(),
                c: a.shares
                    .iter()
                    .map(|s| format!("{} CEUs to {}", num(s.ceus), s.requirement))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        rejected: b
            .rejected
            .iter()
            .map(|r| Row3 {
                a: r.line.to_string(),
                b: r.title.clone(),
                c: r.reason.clone(),
            })
            .collect(),
        fees: b
            .fees
            .iter()
            .map(|f| Row3 {
                a: f.due.to_string(),
                b: f.label.clone(),
                c: super::format::usd(f.usd),
            })
            .collect(),
        notes: b.notes.clone(),
    }
}

/// Renewal calendar events: due dates, AAPC's submission window, the end of the window
/// before revocation, fee dates, and code-set updates in the coming year.
pub fn calendar_events(status: &Status, data: &DataSet) -> Vec<CalEvent> {
    let who: String = status
        .person
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let as_of = status.as_of;
    let mut out = Vec::new();
    let mut add =
        |kind: &str, date: NaiveDate, summary: String, description: String, remind: u32| {
            out.push(CalEvent {
                uid: format!("{kind}.{date}.{who}@coderpath"),
                summary,
                description,
                date,
                remind_days_before: Some(remind),
            });
        };
    for b in &status.bodies {
        let body = b.body.as_str();
        let lower = body.to_lowercase();
        let end = b.cycle.end;
        add(
            &format!("due.{lower}"),
            end,
            format!(
                "{body} CEUs due ({} of {} still to earn)",
                num(b.remaining),
                num(b.required)
            ),
            format!("Cycle {} to {}; {}.", b.cycle.start, end, b.basis),
            30,
        );
        if b.body == crate::data::model::Body::AAPC {
            let opens = end - Months::new(1);
            add(
                "window.aapc",
                opens,
                "AAPC CEU submission window opens".into(),
                format!("Submit CEUs in the AAPC CEU tracker before {end}."),
                7,
            );
        }
        if let Some(book) = rules::rulebook_for(data, b.body, b.cycle.start) {
            let last = end + Days::new(u64::from(book.grace.days));
            add(
                &format!("revocation.{lower}"),
                last,
                format!("{body}: last day before revocation"),
                format!(
                    "After {end} the credential is {} for {} days, then revoked.",
                    book.grace.state, book.grace.days
                ),
                14,
            );
        }
        for f in &b.fees {
            if f.due >= as_of {
                add(
                    &format!("fee.{lower}"),
                    f.due,
                    format!("{}: {}", f.label, super::format::usd(f.usd)),
                    format!("{body} fee due."),
                    14,
                );
            }
        }
    }
    let horizon = as_of + Months::new(12);
    for cs in &data.code_sets.code_sets {
        for e in &cs.effective {
            for year in [as_of.year(), as_of.year() + 1] {
                if let Some(date) = NaiveDate::from_ymd_opt(year, e.month, e.day)
                    && date > as_of
                    && date <= horizon
                {
                    let note = e.note.clone().unwrap_or_default();
                    add(
                        &format!("codeset.{}", cs.id.to_lowercase()),
                        date,
                        format!("{} update takes effect", cs.id),
                        format!("{} ({}): {note}", cs.name, cs.maintainer),
                        7,
                    );
                }
            }
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.uid.cmp(&b.uid)));
    out
}
