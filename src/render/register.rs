//! `ceu list`: the register of log entries in words, as a table (text, CSV) for people.

use chrono::NaiveDate;

use super::table::Table;
use super::words::{ceus, count, num};
use crate::data::units::plain;
use crate::person::log::Checkpoint;
use crate::track::RejectReason;
use crate::track::register::{
    CheckpointRow, CycleFilter, CycleKind, Filter, Place, Register, Row, Standing,
};

/// The register as a table: one row per entry, one column per body.
pub fn table(r: &Register, filter: &Filter) -> Table {
    let mut columns = vec!["Line", "Date", "Title", "Provider", "CEUs"];
    let heads: Vec<String> = r
        .bodies
        .iter()
        .map(|b| b.body.as_str().to_string())
        .collect();
    columns.extend(heads.iter().map(String::as_str));
    // Entries and checkpoints in log order.
    let mut lines: Vec<(usize, Vec<String>)> = r
        .entries
        .iter()
        .map(|row| (row.entry.line, cells(row, r.as_of)))
        .collect();
    lines.extend(
        r.checkpoints
            .iter()
            .map(|c| (c.checkpoint.line, checkpoint_cells(c, r))),
    );
    lines.sort_by_key(|(line, _)| *line);
    let rows = lines.into_iter().map(|(_, cells)| cells).collect();
    let mut t = Table::new(
        format!("CEU log of {} (as of {})", r.person, r.as_of),
        &columns,
        rows,
    );
    t.note = note(r, filter);
    t
}

fn cells(row: &Row, as_of: NaiveDate) -> Vec<String> {
    let e = row.entry;
    let mut out = vec![
        e.line.to_string(),
        e.date.to_string(),
        e.title.to_string(),
        e.provider.to_string(),
        // As logged: an entry's figure is data, not a sum to round.
        plain(e.ceus),
    ];
    out.extend(row.standing.iter().map(|s| standing(s, as_of)));
    out
}

fn checkpoint_cells(c: &CheckpointRow, r: &Register) -> Vec<String> {
    let cp = c.checkpoint;
    let mut out = vec![
        cp.line.to_string(),
        cp.date.to_string(),
        checkpoint_title(cp),
        String::new(),
        String::new(),
    ];
    out.extend(r.bodies.iter().map(|b| {
        if b.body != cp.body {
            String::new()
        } else if c.used {
            "used as the cycle's figure (more than the log)".into()
        } else {
            "checkpoint (the log shows as much)".into()
        }
    }));
    out
}

/// What a checkpoint says, as the Title column of the register shows it.
fn checkpoint_title(cp: &Checkpoint) -> String {
    format!(
        "Checkpoint: the {} portal showed {}",
        cp.body.as_str(),
        ceus(cp.earned)
    )
}

/// An entry on one line, as `ceu add`, `ceu import` and `ceu remove` name it: date, title
/// (provider), CEUs as logged; a line break in a title or provider shown as a space.
pub fn entry_line(date: NaiveDate, title: &str, provider: &str, figure: f64) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{date}  {} ({}), {}",
        one_line(title),
        one_line(provider),
        logged(figure)
    )
}

/// CEUs of one entry with their unit, as logged: a figure of the log is data, not a sum to
/// round ("0.25 CEUs", "1 CEU").
fn logged(v: f64) -> String {
    count(plain(v).as_str(), "CEU", "CEUs")
}

/// A checkpoint on one line, as [`entry_line`] writes an entry.
pub fn checkpoint_line(cp: &Checkpoint) -> String {
    format!("{}  {}", cp.date, checkpoint_title(cp))
}

/// Whether an entry counts with one body, and why not, in a few words.
pub fn standing(s: &Standing, as_of: NaiveDate) -> String {
    // The cycle an entry counts toward, and why when it is not the one its date falls in.
    let cycle = |toward: CycleKind| {
        if Some(toward) == s.cycle {
            format!("{} cycle", kind(toward))
        } else {
            format!("{} cycle (renewal month)", kind(toward))
        }
    };
    match s.place {
        Place::Counts { toward } => format!("yes, {}", cycle(toward)),
        Place::Capped {
            toward,
            counted,
            over_cap,
            cap,
        } if counted > 0.0 => format!(
            "in part: {} of {}, {}; {} over the {}-CEU cap outside the HIIM domains",
            plain(counted),
            logged(counted + over_cap),
            cycle(toward),
            plain(over_cap),
            num(cap)
        ),
        Place::Capped {
            toward,
            over_cap,
            cap,
            ..
        } => format!(
            "no: {} over the {}-CEU cap outside the HIIM domains ({})",
            logged(over_cap),
            num(cap),
            cycle(toward)
        ),
        Place::Rejected { reason } => match reason {
            RejectReason::Duplicate { of_line } => format!("no: same as line {of_line}"),
            RejectReason::NotApproved { body } => format!("no: no {} index", body.as_str()),
            RejectReason::BeforeCertification { certified } => {
                format!("no: before certification ({certified})")
            }
        },
        Place::BeforeCertification { certified } => {
            format!("no: before certification ({certified})")
        }
        Place::OlderCycle => "older cycle".into(),
        Place::AfterAsOf => format!("not yet: after {as_of}"),
        Place::PreviousNotJudged => "previous cycle (closed)".into(),
        Place::Outside => "no: before the first cycle".into(),
    }
}

fn kind(k: CycleKind) -> &'static str {
    match k {
        CycleKind::Current => "current",
        CycleKind::Previous => "previous",
    }
}

/// What the listing shows: each body's cycles, the filters and how many entries.
fn note(r: &Register, f: &Filter) -> String {
    let mut lines: Vec<String> = r
        .bodies
        .iter()
        .map(|b| {
            let previous = b.previous.map_or(String::new(), |p| {
                format!("; previous {} to {}", p.start, p.end)
            });
            format!(
                "{}: current cycle {} to {}{previous}",
                b.body.as_str(),
                b.current.start,
                b.current.end
            )
        })
        .collect();
    let mut parts = Vec::new();
    match f.cycle {
        CycleFilter::Current => parts.push("in the current cycle".to_string()),
        CycleFilter::Previous => parts.push("in the previous cycle".to_string()),
        CycleFilter::All => {}
    }
    if let Some(p) = &f.provider {
        parts.push(format!("provider containing \"{p}\""));
    }
    if let Some(t) = &f.topic {
        parts.push(format!("topic {t}"));
    }
    for b in &r.bodies {
        for c in &b.capped_other {
            let k = c.capped;
            lines.push(format!(
                "{} counts CEUs outside the HIIM domains (or unmarked) only up to {}% of the requirement: {} of the {} logged in the {} cycle count, oldest first.",
                b.body.as_str(),
                num(k.share * 100.0),
                num(k.counted),
                num(k.other),
                kind(c.cycle)
            ));
        }
    }
    lines.push(
        "Each body's column says whether the entry counts there, in which cycle, or why not."
            .into(),
    );
    let mut shown = format!(
        "{} of {}",
        r.entries.len(),
        count(r.total_entries, "entry", "entries")
    );
    if !r.checkpoints.is_empty() {
        shown.push_str(&format!(
            ", {}",
            count(r.checkpoints.len(), "checkpoint", "checkpoints")
        ));
    }
    lines.push(if parts.is_empty() {
        shown
    } else {
        format!("{shown}: {}", parts.join(", "))
    });
    lines.join("\n")
}
