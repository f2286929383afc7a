//! The CEU status view model (text, Markdown, HTML) and the renewal calendar's events, written
//! from the tracker's facts.

use chrono::NaiveDate;
use serde::Serialize;

use super::status_words as words;
use super::table::Table;
use super::words::{ceus, count, noun, num, num_down, num_up, percent, rule_fee, rulebook};
use super::wrap::{labelled, wrap};
use crate::track::{BodyStatus, CycleState, CycleStatus, Status};

/// Everything a CEU status report shows.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub title: String,
    pub person: String,
    pub as_of: String,
    /// One line per body: earned, required, what is left, state and due date.
    pub headline: Vec<String>,
    pub bodies: Vec<BodyView>,
}

/// One body, formatted: its cycles (the ended one first when it matters), fees and notes.
#[derive(Debug, Clone, Serialize)]
pub struct BodyView {
    pub body: String,
    pub credentials: String,
    /// The state that matters most (the ended cycle's when it is not complete).
    pub status: String,
    /// CSS class: `good`, `warn` or `bad`.
    pub tone: String,
    pub cycles: Vec<CycleView>,
    pub fees: Vec<Row3>,
    pub rejected: Vec<Row3>,
    pub notes: Vec<String>,
}

/// One cycle, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct CycleView {
    /// `Current cycle` or `Last cycle`.
    pub label: String,
    pub status: String,
    pub tone: String,
    pub dates: String,
    pub credentials: String,
    pub rulebook: String,
    pub required: String,
    pub basis: String,
    pub earned: String,
    pub remaining: String,
    pub deadline: String,
    pub pace: String,
    pub requirements: Vec<RequirementRow>,
    pub allocations: Vec<Row3>,
    pub rejected: Vec<Row3>,
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

impl StatusView {
    /// Formats `status` for reports.
    pub fn new(status: &Status) -> StatusView {
        StatusView {
            title: format!("CEU status for {}", status.person),
            person: status.person.clone(),
            as_of: status.as_of.to_string(),
            headline: words::totals(status),
            bodies: status
                .bodies
                .iter()
                .map(|b| body_view(b, status.as_of))
                .collect(),
        }
    }

    /// The terminal rendering, fitted to `width`: the headline of each body first, then each
    /// body's cycles, requirements, entries that do not count, fees and notes.
    pub fn to_text(&self, width: u16, color: bool) -> String {
        let w = usize::from(width);
        let mut out = wrap(&format!("{} (as of {})", self.title, self.as_of), w, "", "");
        for line in &self.headline {
            out.push_str(&wrap(line, w, "  ", "    "));
        }
        for b in &self.bodies {
            out.push('\n');
            out.push_str(&wrap(&format!("{} — {}", b.body, b.status), w, "", ""));
            out.push_str(&labelled("  credentials:", 14, &b.credentials, w));
            for c in &b.cycles {
                out.push('\n');
                out.push_str(&wrap(
                    &format!("{}: {}", c.label, c.status),
                    w,
                    "  ",
                    "    ",
                ));
                for (label, value) in [
                    ("cycle:", c.dates.clone()),
                    ("required:", format!("{} ({})", c.required, c.basis)),
                    ("earned:", c.earned.clone()),
                    ("remaining:", c.remaining.clone()),
                    ("deadline:", c.deadline.clone()),
                    ("pace:", c.pace.clone()),
                    ("rules:", c.rulebook.clone()),
                ] {
                    out.push_str(&labelled(&format!("  {label}"), 14, &value, w));
                }
                let reqs = Table::new(
                    String::new(),
                    &["Requirement", "Required", "Earned", "Progress", "State"],
                    c.requirements
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
                let sub = ["Line", "Entry", "Given to"];
                table3(
                    &mut out,
                    "CEUs given to sub-requirements",
                    sub,
                    &c.allocations,
                    width,
                    color,
                );
                let rejected = ["Line", "Entry", "Reason"];
                table3(
                    &mut out,
                    "Entries that do not count",
                    rejected,
                    &c.rejected,
                    width,
                    color,
                );
                for n in &c.notes {
                    out.push_str(&wrap(&format!("note: {n}"), w, "  ", "        "));
                }
            }
            let rejected = ["Line", "Entry", "Reason"];
            table3(
                &mut out,
                "Entries that do not count",
                rejected,
                &b.rejected,
                width,
                color,
            );
            table3(
                &mut out,
                "Fees",
                ["Due", "Fee", "Amount"],
                &b.fees,
                width,
                color,
            );
            for n in &b.notes {
                out.push_str(&wrap(&format!("note: {n}"), w, "  ", "        "));
            }
        }
        if self.bodies.is_empty() {
            out.push_str("\nNo credentials held on this date: nothing to track.\n");
        }
        out
    }
}

fn table3(out: &mut String, title: &str, cols: [&str; 3], rows: &[Row3], width: u16, color: bool) {
    if rows.is_empty() {
        return;
    }
    let t = Table::new(
        format!("{title}:"),
        &cols,
        rows.iter()
            .map(|r| vec![r.a.clone(), r.b.clone(), r.c.clone()])
            .collect(),
    );
    out.push_str(&t.to_text(width, color));
}

fn body_view(b: &BodyStatus, as_of: NaiveDate) -> BodyView {
    let (status, tone) = words::body_state(b);
    let mut cycles: Vec<CycleView> = Vec::new();
    if let Some(e) = &b.ended {
        cycles.push(cycle_view("Last cycle", e, b, as_of));
    }
    cycles.push(cycle_view("Current cycle", &b.current, b, as_of));
    let mut notes = Vec::new();
    if let Some(u) = b.unlogged {
        notes.push(words::unlogged(b.body, u, as_of));
    }
    if !b.after_as_of.is_empty() {
        notes.push(format!(
            "{} dated after {as_of} and left out: {}.",
            count(b.after_as_of.len(), "log item is", "log items are"),
            lines(&b.after_as_of)
        ));
    }
    if !b.older_cycles.is_empty() {
        notes.push(format!(
            "{} not count here (CEUs count only in the cycle they were earned in): {}.",
            count(
                b.older_cycles.len(),
                "entry belongs to an older cycle and does",
                "entries belong to older cycles and do"
            ),
            lines(&b.older_cycles)
        ));
    }
    if let Some(from) = b.placed_before_rulebooks {
        notes.push(format!(
            "The reference data has {} rules from {from} only; earlier cycles were placed with the rule of {from}. If the {} portal shows other cycle dates, copy them into the profile's cycle_overrides.",
            b.body.as_str(),
            b.body.as_str()
        ));
    }
    if let (Some(end), Some(due)) = (b.override_off_renewal, b.membership_due) {
        notes.push(format!(
            "The portal cycle in cycle_overrides ends {end}, but the profile's {body} renewal date falls on {}, and {body} CEUs are due on the renewal date: one of the two is mistyped; check both in the portal.",
            due.format("%B %-d"),
            body = b.body.as_str()
        ));
    }
    if let Some(s) = &b.stale_renewal {
        notes.push(words::stale_renewal(b.body, s.renewal, s.revoked_if_unpaid));
    }
    // While the credential is revoked no CEUs are due for the current cycle.
    if let Some(due) = b.membership_due
        && due != b.current.cycle.end
        && b.current.state != CycleState::OnHold
    {
        notes.push(format!(
            "{} membership renews every year on {}; CEUs are due at the cycle's end, {}.",
            b.body.as_str(),
            due.format("%B %-d"),
            b.current.cycle.end
        ));
    }
    BodyView {
        body: b.body.as_str().into(),
        credentials: b
            .credentials
            .iter()
            .map(|c| match &c.apprentice {
                Some(a) if b.apprentice.iter().any(|x| x.id == c.id) => a.designation.as_str(),
                _ => c.id.as_str(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        status,
        tone: tone.into(),
        cycles,
        fees: b
            .fees
            .iter()
            .map(|f| Row3 {
                a: f.due.to_string(),
                b: {
                    let name = rule_fee(b.body, f.kind, f.payer);
                    let name = if f.credentials > 1 {
                        format!(
                            "{name}, {}",
                            count(f.credentials, "credential", "credentials")
                        )
                    } else {
                        name
                    };
                    match &f.note {
                        Some(n) => format!("{name} ({n})"),
                        None => name,
                    }
                },
                c: words::amount(f.usd),
            })
            .collect(),
        rejected: rejected_rows(&b.before_certification),
        notes,
    }
}

/// Line numbers after `line` or `lines`, shortened after ten: "line 4", "lines 4, 9".
fn lines(ls: &[usize]) -> String {
    let shown: Vec<String> = ls.iter().take(10).map(|l| l.to_string()).collect();
    let which = noun(ls.len(), "line", "lines");
    if ls.len() > 10 {
        format!("{which} {} and {} more", shown.join(", "), ls.len() - 10)
    } else {
        format!("{which} {}", shown.join(", "))
    }
}

fn rejected_rows(r: &[crate::track::Rejected]) -> Vec<Row3> {
    r.iter()
        .map(|r| Row3 {
            a: r.line.to_string(),
            b: r.title.to_string(),
            c: words::reject(&r.reason),
        })
        .collect()
}

fn cycle_view(label: &str, c: &CycleStatus, b: &BodyStatus, as_of: NaiveDate) -> CycleView {
    let (status, tone) = words::state(&c.state);
    let mut dates = format!("{} to {}", c.cycle.start, c.cycle.end);
    let about: Vec<&str> = [
        (c.cycle.first, "first cycle after certification"),
        (c.cycle.overridden, "from the official portal"),
    ]
    .into_iter()
    .filter_map(|(yes, what)| yes.then_some(what))
    .collect();
    if !about.is_empty() {
        dates.push_str(&format!(" ({})", about.join("; ")));
    }
    CycleView {
        label: label.into(),
        status,
        tone: tone.into(),
        dates,
        credentials: words::credentials(&c.requirement),
        rulebook: rulebook(c.requirement.rulebook),
        required: num(c.required),
        basis: words::basis(c),
        earned: num_down(c.earned),
        remaining: num_up(c.remaining),
        deadline: words::deadline(c, as_of),
        pace: words::pace(c, as_of),
        requirements: c
            .requirements
            .iter()
            .map(|r| RequirementRow {
                label: words::measure(&r.what, b.body),
                required: num(r.required),
                earned: num_down(r.earned),
                percent: percent(r.earned, r.required),
                met: r.met,
                state: if r.met {
                    "met".into()
                } else {
                    format!("{} to go", num_up(r.required - r.earned))
                },
            })
            .collect(),
        allocations: c
            .allocations
            .iter()
            .map(|a| Row3 {
                a: a.line.to_string(),
                b: a.title.to_string(),
                c: a.shares
                    .iter()
                    .map(|(cred, given)| format!("{} to {}", ceus(*given), cred.id))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        rejected: rejected_rows(&c.rejected),
        notes: words::notes(c, b.body),
    }
}

/// One measure of one body, before and after a what-if change.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Change {
    pub body: String,
    pub measure: String,
    pub now: String,
    pub after: String,
    pub changed: bool,
}

/// The measures of each body in `before` and `after`, side by side (`—` where the body has
/// no credential on one side).
pub fn compare(before: &Status, after: &Status) -> Vec<Change> {
    let mut bodies: Vec<crate::data::model::Body> = before
        .bodies
        .iter()
        .chain(&after.bodies)
        .map(|b| b.body)
        .collect();
    bodies.sort();
    bodies.dedup();
    let mut out = Vec::new();
    for body in bodies {
        let find = |s: &Status| s.bodies.iter().find(|b| b.body == body).map(body_measures);
        let (now, then) = (find(before), find(after));
        let get = |m: &Option<[(&'static str, String); 8]>, k: usize| {
            m.as_ref()
                .map_or_else(|| "—".to_string(), |m| m[k].1.clone())
        };
        for (k, name) in MEASURES.iter().enumerate() {
            let (a, b) = (get(&now, k), get(&then, k));
            out.push(Change {
                body: body.as_str().into(),
                changed: a != b,
                measure: (*name).into(),
                now: a,
                after: b,
            });
        }
    }
    out
}

/// A membership renewal date a what-if assumed, in words.
pub fn assumed_renewal(a: &crate::track::whatif::AssumedRenewal) -> String {
    let body = a.body.as_str();
    format!(
        "{body}: the profile gives no membership renewal date, so the membership is taken to start on {} (the day the credential is earned: {body} membership is needed to sit its exams) and to renew on that day each year; {} in the profile gives another date.",
        a.renewal,
        super::code::code("aapc_renewal:")
    )
}

const MEASURES: [&str; 8] = [
    "credentials",
    "status",
    "cycle ended",
    "required",
    "earned",
    "remaining",
    "sub-requirements",
    "due",
];

/// The measures of a body's current cycle, in [`MEASURES`] order, with the state of an ended
/// cycle still in view (an overdue one, say), which a change of credentials leaves as it is.
fn body_measures(b: &BodyStatus) -> [(&'static str, String); 8] {
    let c = &b.current;
    let subs: Vec<String> = c
        .requirements
        .iter()
        .skip(1)
        .map(|r| words::short(&r.what, r.required, b.body))
        .collect();
    [
        (MEASURES[0], words::credentials(&c.requirement)),
        (MEASURES[1], words::body_state(b).0),
        (
            MEASURES[2],
            b.ended.as_ref().map_or_else(
                || "none pending".into(),
                |e| format!("{}, ended {}", words::state(&e.state).0, e.cycle.end),
            ),
        ),
        (MEASURES[3], num(c.required)),
        (MEASURES[4], num_down(c.earned)),
        (MEASURES[5], num_up(c.remaining)),
        (
            MEASURES[6],
            if subs.is_empty() {
                "none".into()
            } else {
                subs.join(", ")
            },
        ),
        (
            MEASURES[7],
            match c.state {
                // Nothing falls due toward a cycle while the credential is revoked.
                CycleState::OnHold => "none while revoked".into(),
                _ => c.cycle.end.to_string(),
            },
        ),
    ]
}
