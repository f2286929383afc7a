//! The CEU tracker: for each credentialing body a person holds credentials with, the cycle,
//! what the rulebook in force requires, which log entries count (and why others do not),
//! and the resulting status. Pure: inputs and `as_of` in, a [`Status`] out.

pub mod audit;
pub mod cycle;
mod flow;
#[cfg(test)]
mod tests;
pub mod whatif;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::data::DataSet;
use crate::data::model::{Body, CredentialKind, Rulebook};
use crate::person::log::{Domain, Entry, Log};
use crate::person::profile::Profile;
use crate::plan::programmes::DAYS_PER_MONTH;
use crate::rules;
pub use cycle::Cycle;

/// Where a person stands with every body, on `as_of`.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub as_of: NaiveDate,
    pub person: String,
    pub bodies: Vec<BodyStatus>,
}

/// One body's cycle, requirement and progress.
#[derive(Debug, Clone, Serialize)]
pub struct BodyStatus {
    pub body: Body,
    pub credentials: Vec<String>,
    pub rulebook: String,
    pub cycle: Cycle,
    /// How the required figure was reached (pro-rating formula, override, cap).
    pub basis: String,
    pub required: f64,
    pub earned: f64,
    pub remaining: f64,
    /// `complete`, `on_track`, `behind`, the rulebook's state after the due date
    /// (`overdue`, `inactive`, `grace`), or `revoked`.
    pub status: String,
    /// Days to the due date, or during the window after it, to revocation.
    pub days_left: i64,
    pub pace_per_month: f64,
    pub requirements: Vec<Requirement>,
    pub allocations: Vec<Allocation>,
    pub rejected: Vec<Rejected>,
    pub fees: Vec<FeeDue>,
    pub notes: Vec<String>,
}

/// A requirement within the cycle: the total or a sub-requirement.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Requirement {
    pub id: String,
    pub label: String,
    pub required: f64,
    pub earned: f64,
    pub met: bool,
}

impl Requirement {
    /// A requirement, met when `earned` reaches `required` (to within rounding).
    fn new(id: &str, label: String, required: f64, earned: f64) -> Self {
        Requirement {
            id: id.into(),
            label,
            required: round2(required),
            earned,
            met: earned + 1e-9 >= required,
        }
    }
}

/// CEUs of one entry given to sub-requirements.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Allocation {
    pub line: usize,
    pub title: String,
    pub shares: Vec<Share>,
}

/// Part of an entry's CEUs counted toward one requirement.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Share {
    pub requirement: String,
    pub ceus: f64,
}

/// An entry that does not count, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Rejected {
    pub line: usize,
    pub title: String,
    pub reason: String,
}

/// A fee and when it falls due.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FeeDue {
    pub label: String,
    pub due: NaiveDate,
    pub usd: f64,
}

/// Why a status could not be worked out; `path` names the profile field to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackError {
    pub path: String,
    pub message: String,
    pub expected: String,
}

/// Status for every body the person holds a credential with.
pub fn status(
    profile: &Profile,
    log: &Log,
    data: &DataSet,
    as_of: NaiveDate,
) -> Result<Status, TrackError> {
    let mut bodies = Vec::new();
    for body in [Body::AAPC, Body::AHIMA] {
        let held: Vec<(&str, NaiveDate)> = profile
            .credentials
            .iter()
            .filter(|h| data.credential(&h.id).is_some_and(|c| c.body == body) && h.earned <= as_of)
            .map(|h| (h.id.as_str(), h.earned))
            .collect();
        if !held.is_empty() {
            bodies.push(body_status(body, &held, profile, log, data, as_of)?);
        }
    }
    Ok(Status {
        as_of,
        person: profile.name.clone(),
        bodies,
    })
}

fn body_status(
    body: Body,
    held: &[(&str, NaiveDate)],
    profile: &Profile,
    log: &Log,
    data: &DataSet,
    as_of: NaiveDate,
) -> Result<BodyStatus, TrackError> {
    let first_cert = held.iter().map(|h| h.1).min().expect("held is not empty");
    let over = profile.cycle_overrides.iter().find(|o| o.body == body);
    let (current, previous) = cycle::cycles(body, first_cert, profile.aapc_renewal, over, as_of)
        .ok_or_else(|| TrackError {
            path: "aapc_renewal".into(),
            message:
                "AAPC CEUs fall due on the membership renewal date, which the profile does not give"
                    .into(),
            expected: "`aapc_renewal: YYYY-MM-DD` (or a cycle_overrides entry for AAPC)".into(),
        })?;
    let ids: Vec<&str> = held.iter().map(|h| h.0).collect();
    let holdings = Holdings {
        body,
        held: &ids,
        first_cert,
        log,
        data,
    };
    // The previous cycle is judged while its window before revocation is open, and after it
    // when the log records CEUs for that cycle (otherwise its renewal was handled before
    // the log began).
    if let Some(p) = previous {
        let book = rules::rulebook_for(data, body, p.start);
        let window_end = book.map(|b| p.end + Days::new(u64::from(b.grace.days)));
        let mut prev = evaluate(&holdings, p, None, p.end)?;
        let covered = prev.status.earned > 0.0
            || log
                .checkpoints
                .iter()
                .any(|c| c.body == body && c.date >= p.start && c.date <= p.end);
        if !prev.complete && (covered || window_end.is_some_and(|w| as_of <= w)) {
            let book = book.expect("evaluate found it");
            let window_end = window_end.expect("set with the rulebook");
            if as_of <= window_end {
                prev.status.status = book.grace.state.clone();
                prev.status.days_left = (window_end - as_of).num_days();
            } else {
                prev.status.status = "revoked".into();
                prev.status.days_left = 0;
            }
            prev.status.notes.push(format!(
                "The cycle ended {} with its requirement unmet; {} allows {} days ({}) before revocation.",
                p.end,
                body.as_str(),
                book.grace.days,
                book.grace.state
            ));
            prev.status.pace_per_month = if prev.status.status == "revoked" {
                0.0
            } else {
                pace(prev.status.remaining, prev.status.days_left)
            };
            prev.status.fees = fees(body, book, &ids, profile, p, as_of, &prev.status.status);
            return Ok(prev.status);
        }
    }
    let required_override = over.and_then(|o| o.required);
    let mut eval = evaluate(&holdings, current, required_override, as_of)?;
    let s = &mut eval.status;
    s.status = if eval.complete {
        "complete".into()
    } else {
        let span = (current.end - current.start).num_days().max(1) as f64;
        let elapsed = ((as_of - current.start).num_days().max(0) as f64 / span).min(1.0);
        if s.earned >= s.required * elapsed {
            "on_track".into()
        } else {
            "behind".into()
        }
    };
    s.days_left = (current.end - as_of).num_days();
    s.pace_per_month = if eval.complete {
        0.0
    } else {
        pace(s.remaining, s.days_left)
    };
    let book = rules::rulebook_for(data, body, current.start).expect("evaluate found it");
    s.fees = fees(body, book, &ids, profile, current, as_of, &s.status);
    Ok(eval.status)
}

/// CEUs a month needed to finish `remaining` in `days`.
fn pace(remaining: f64, days: i64) -> f64 {
    let months = days.max(1) as f64 / DAYS_PER_MONTH;
    (remaining / months * 10.0).ceil() / 10.0
}

struct Evaluation {
    status: BodyStatus,
    complete: bool,
}

/// What stays the same across the cycles of one body: who holds what, and the log.
struct Holdings<'a> {
    body: Body,
    held: &'a [&'a str],
    first_cert: NaiveDate,
    log: &'a Log,
    data: &'a DataSet,
}

/// Judges one cycle by the rulebook in force at its start, counting entries up to `upto`.
fn evaluate(
    h: &Holdings,
    cycle: Cycle,
    required_override: Option<f64>,
    upto: NaiveDate,
) -> Result<Evaluation, TrackError> {
    let Holdings {
        body,
        held,
        first_cert,
        log,
        data,
    } = *h;
    let book = rules::rulebook_for(data, body, cycle.start).ok_or_else(|| {
        let oldest = data
            .rules
            .rulebooks
            .iter()
            .filter(|r| r.body == body)
            .map(|r| r.effective_from)
            .min();
        TrackError {
            path: "credentials".into(),
            message: format!(
                "no {} rulebook covers a cycle starting {}{}",
                body.as_str(),
                cycle.start,
                oldest.map_or(String::new(), |d| format!("; the oldest starts {d}"))
            ),
            expected:
                "a cycle_overrides entry with the current cycle, or an older rulebook in --data-dir"
                    .into(),
        }
    })?;
    let (counted, rejected, notes) = select(body, book, first_cert, cycle, log, upto);
    let (base, mut basis) = base_requirement(book, held);
    let mut required = base;
    if cycle.prorated && body == Body::AAPC {
        required = rules::aapc_prorated(base, cycle.start, cycle.end);
        basis = format!(
            "{basis}; estimated pro-rating of the first cycle: ceil({} × {} months / 24) = {}",
            crate::render::format::num(base),
            rules::whole_months(cycle.start, cycle.end).min(24),
            crate::render::format::num(required)
        );
    }
    if let Some(r) = required_override {
        basis = format!(
            "{r} CEUs as shown by the {} portal (override; computed: {required})",
            body.as_str()
        );
        required = r;
    }
    let mut out = Evaluation {
        status: BodyStatus {
            body,
            credentials: held.iter().map(|s| s.to_string()).collect(),
            rulebook: book.id.clone(),
            cycle,
            basis,
            required,
            earned: 0.0,
            remaining: 0.0,
            status: String::new(),
            days_left: 0,
            pace_per_month: 0.0,
            requirements: Vec::new(),
            allocations: Vec::new(),
            rejected,
            fees: Vec::new(),
            notes,
        },
        complete: false,
    };
    match body {
        Body::AAPC => aapc_requirements(&mut out.status, book, held, data, &counted),
        Body::AHIMA => ahima_requirements(&mut out.status, book, held, &counted),
    }
    let s = &mut out.status;
    let total = Requirement::new(
        "total",
        format!("{} CEUs in the cycle", body.as_str()),
        s.required,
        s.earned,
    );
    s.requirements.insert(0, total);
    let shortfall = |r: &Requirement| (r.required - r.earned).max(0.0);
    let subs: f64 = match body {
        // AAPC minimums take distinct CEUs; AHIMA's shares may overlap in one CEU.
        Body::AAPC => s.requirements[1..].iter().map(shortfall).sum(),
        Body::AHIMA => s.requirements[1..]
            .iter()
            .map(shortfall)
            .fold(0.0, f64::max),
    };
    s.remaining = round2(shortfall(&s.requirements[0]).max(subs));
    out.complete = s.requirements.iter().all(|r| r.met);
    Ok(out)
}

/// Rounded to cents of a CEU; `+ 0.0` turns the empty sum's -0 into 0.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0 + 0.0
}

/// Held credentials another held credential supersedes (RHIT once RHIA is held).
fn superseded<'h>(book: &Rulebook, held: &[&'h str]) -> Vec<&'h str> {
    held.iter()
        .copied()
        .filter(|d| {
            book.supersedes
                .iter()
                .any(|[holder, dropped]| dropped == d && held.contains(&holder.as_str()))
        })
        .collect()
}

/// The cycle's total for the credentials held, and how it was reached.
fn base_requirement(book: &Rulebook, held: &[&str]) -> (f64, String) {
    match book.body {
        Body::AAPC => {
            let n = held.len().max(1);
            let ceus = book.ceus_by_count[(n - 1).min(book.ceus_by_count.len() - 1)];
            (
                ceus,
                format!(
                    "{ceus} CEUs for {n} AAPC credential{}",
                    if n == 1 { "" } else { "s" }
                ),
            )
        }
        Body::AHIMA => {
            let dropped = superseded(book, held);
            let mut each: Vec<(f64, &str)> = held
                .iter()
                .filter(|id| !dropped.contains(id))
                .filter_map(|id| book.per_credential.get(*id).map(|c| (*c, *id)))
                .collect();
            each.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            let Some((first, first_id)) = each.first().copied() else {
                return (0.0, "no AHIMA credential with a CEU requirement".into());
            };
            let extra = book.additional_credential.unwrap_or(0.0) * (each.len() - 1) as f64;
            let uncapped = first + extra;
            let total = book.max_total.map_or(uncapped, |m| uncapped.min(m));
            let mut basis = format!("{first} for {first_id}");
            if each.len() > 1 {
                basis.push_str(&format!(
                    " + {} for {} more credential{}",
                    extra,
                    each.len() - 1,
                    if each.len() == 2 { "" } else { "s" }
                ));
            }
            if total < uncapped {
                basis.push_str(&format!(", capped at {total}"));
            }
            for d in &dropped {
                basis.push_str(&format!("; {d} is superseded and needs no CEUs of its own"));
            }
            (total, basis)
        }
    }
}

/// Entries of the cycle that count, those rejected with reasons, and notes.
fn select<'l>(
    body: Body,
    book: &Rulebook,
    first_cert: NaiveDate,
    cycle: Cycle,
    log: &'l Log,
    upto: NaiveDate,
) -> (Vec<&'l Entry>, Vec<Rejected>, Vec<String>) {
    let mut counted = Vec::new();
    let mut rejected = Vec::new();
    let mut outside = 0;
    for e in &log.entries {
        let reject = |reason: String| Rejected {
            line: e.line,
            title: e.title.clone(),
            reason,
        };
        if e.date < first_cert && !book.before_certification {
            rejected.push(reject(format!(
                "earned before certification on {first_cert}"
            )));
        } else if e.date < cycle.start || e.date > cycle.end.min(upto) {
            outside += 1;
        } else if let Some(first) = e.duplicate_of {
            rejected.push(reject(format!(
                "duplicate of line {first}: a course counts once"
            )));
        } else if book.approved_only && e.aapc_index.is_none() {
            rejected.push(reject(format!(
                "no {} approval index; only approved CEUs count",
                body.as_str()
            )));
        } else {
            counted.push(e);
        }
    }
    let mut notes = Vec::new();
    if outside > 0 {
        notes.push(format!(
            "{outside} log entries fall outside this cycle and do not count (no carry-over)."
        ));
    }
    (counted, rejected, notes)
}

/// AAPC: every counted CEU adds to the total; discipline and specialty minimums are met by
/// a maximum flow from entries (by their topics) to minimums, each CEU used for one minimum.
fn aapc_requirements(
    s: &mut BodyStatus,
    book: &Rulebook,
    held: &[&str],
    data: &DataSet,
    counted: &[&Entry],
) {
    s.earned = round2(counted.iter().map(|e| e.ceus).sum());
    let mut mins: Vec<(String, String, f64)> = Vec::new();
    for id in held {
        if let Some(m) = book.discipline_minimums.get(*id) {
            mins.push((
                id.to_string(),
                format!("{id} discipline CEUs (tagged {id})"),
                *m,
            ));
        } else if let (Some(m), Some(c)) = (book.specialty_minimum, data.credential(id))
            && c.kind == CredentialKind::Specialty
        {
            mins.push((
                id.to_string(),
                format!("{id} specialty CEUs (tagged {id})"),
                m,
            ));
        }
    }
    if mins.is_empty() {
        return;
    }
    let feeding: Vec<&Entry> = counted
        .iter()
        .copied()
        .filter(|e| mins.iter().any(|m| e.topics.contains(&m.0)))
        .collect();
    let (src, sink) = (0, 1);
    let entry_node = |i: usize| 2 + i;
    let min_node = |j: usize| 2 + feeding.len() + j;
    let mut net = flow::Network::new(2 + feeding.len() + mins.len());
    let mut edges = Vec::new();
    for (i, e) in feeding.iter().enumerate() {
        net.edge(src, entry_node(i), e.ceus);
        for (j, m) in mins.iter().enumerate() {
            if e.topics.contains(&m.0) {
                edges.push((i, j, net.edge(entry_node(i), min_node(j), f64::INFINITY)));
            }
        }
    }
    let min_edges: Vec<_> = mins
        .iter()
        .enumerate()
        .map(|(j, m)| net.edge(min_node(j), sink, m.2))
        .collect();
    net.max_flow(src, sink);
    let mut shares: BTreeMap<usize, Vec<Share>> = BTreeMap::new();
    for (i, j, h) in edges {
        let f = round2(net.flow_on(h));
        if f > 0.0 {
            shares.entry(i).or_default().push(Share {
                requirement: mins[j].0.clone(),
                ceus: f,
            });
        }
    }
    s.allocations = shares
        .into_iter()
        .map(|(i, shares)| Allocation {
            line: feeding[i].line,
            title: feeding[i].title.clone(),
            shares,
        })
        .collect();
    for (j, (id, label, min)) in mins.iter().enumerate() {
        let earned = round2(net.flow_on(min_edges[j]));
        s.requirements
            .push(Requirement::new(id, label.clone(), *min, earned));
    }
}

/// AHIMA: CEUs outside the HIIM domains count up to the "other" share; AHIMA-sourced and
/// self-assessment minimums apply where the rulebook has them.
fn ahima_requirements(s: &mut BodyStatus, book: &Rulebook, held: &[&str], counted: &[&Entry]) {
    let sum =
        |f: &dyn Fn(&Entry) -> bool| round2(counted.iter().filter(|e| f(e)).map(|e| e.ceus).sum());
    let hiim = sum(&|e| e.domain == Some(Domain::Hiim));
    let other = sum(&|e| e.domain != Some(Domain::Hiim));
    let required = s.required;
    s.earned = hiim + other;
    if let Some(share) = book.domain_share_min {
        let cap = round2(required * (1.0 - share));
        if other > cap {
            s.notes.push(format!("{other} CEUs are outside the HIIM domains (or unmarked); only {cap} of them count ({}% of {required}).", crate::render::format::num((1.0 - share) * 100.0)));
            s.earned = hiim + cap;
        }
        let unmarked = counted.iter().filter(|e| e.domain.is_none()).count();
        if unmarked > 0 {
            s.notes.push(format!(
                "{unmarked} entries have no `domain`; they are counted as outside the HIIM domains."
            ));
        }
        s.requirements.push(share_of(
            required,
            "hiim_domain",
            "CEUs in HIIM domains",
            share,
            hiim,
        ));
    }
    if let Some(share) = book.sourced_share_min {
        let sourced = sum(&|e| e.ahima_sourced);
        s.requirements.push(share_of(
            required,
            "ahima_sourced",
            "AHIMA-sourced CEUs",
            share,
            sourced,
        ));
    }
    if let Some(sa) = &book.self_assessments
        && held.iter().any(|h| sa.credentials.iter().any(|c| c == h))
    {
        let need = sa.ceus_each * f64::from(sa.per_cycle);
        let done = sum(&|e| e.self_assessment);
        let label = format!(
            "Coding self-assessments ({} of {} CEUs each)",
            sa.per_cycle,
            crate::render::format::num(sa.ceus_each)
        );
        s.requirements
            .push(Requirement::new("self_assessments", label, need, done));
    }
    s.earned = round2(s.earned);
}

/// A minimum share of the cycle's requirement, e.g. "AHIMA-sourced CEUs (at least 40%)".
fn share_of(required: f64, id: &str, what: &str, share: f64, earned: f64) -> Requirement {
    let label = format!(
        "{what} (at least {}%)",
        crate::render::format::num(share * 100.0)
    );
    Requirement::new(id, label, required * share, earned)
}

/// Fees falling due: AAPC membership each year (and the extension or reinstatement fee
/// after the due date); AHIMA recertification by the cycle end.
fn fees(
    body: Body,
    book: &Rulebook,
    held: &[&str],
    profile: &Profile,
    cycle: Cycle,
    as_of: NaiveDate,
    status: &str,
) -> Vec<FeeDue> {
    let fee = |id: &str| book.fees.iter().find(|f| f.id == id);
    let mut out = Vec::new();
    match body {
        Body::AAPC => {
            if let (Some(f), Some(r)) = (fee("membership"), profile.aapc_renewal) {
                let mut due = rules::same_day_in(as_of.year(), r.month(), r.day());
                if due < as_of {
                    due = rules::same_day_in(as_of.year() + 1, r.month(), r.day());
                }
                out.push(FeeDue {
                    label: f.label.clone(),
                    due,
                    usd: f.usd,
                });
            }
            let late = match status {
                "revoked" => fee("reinstatement"),
                s if s == book.grace.state => fee("extension"),
                _ => None,
            };
            if let Some(f) = late {
                out.push(FeeDue {
                    label: f.label.clone(),
                    due: as_of,
                    usd: f.usd,
                });
            }
        }
        Body::AHIMA => {
            // A superseded credential (RHIT under RHIA) is no longer renewed or charged for.
            let n = held.len() - superseded(book, held).len();
            if let Some(f) = fee("recertification") {
                let extra = fee("recertification_additional")
                    .map_or(0.0, |a| a.usd * n.saturating_sub(1) as f64);
                let label = if n > 1 {
                    format!("{} + {} more credential(s)", f.label, n - 1)
                } else {
                    f.label.clone()
                };
                out.push(FeeDue {
                    label,
                    due: cycle.end,
                    usd: f.usd + extra,
                });
            }
            if status == book.grace.state
                && let Some(f) = fee("extension")
            {
                out.push(FeeDue {
                    label: format!("{} × {n}", f.label),
                    due: as_of,
                    usd: f.usd * if f.per_credential { n as f64 } else { 1.0 },
                });
            }
        }
    }
    out
}
