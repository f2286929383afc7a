//! The sentences of a CEU status: states, deadlines, how a requirement was reached, why an
//! entry does not count, and the notes a coder needs, written from the tracker's facts.

use chrono::NaiveDate;

use super::code::code;
use super::plan_words::proration;
use super::words::{and_list, ceus, ceus_up, count, lapse, noun, num, num_down, num_up, usd};
use crate::data::model::Body;
use crate::rules::{MinimumKind, Required, ShareKind};
use crate::track::{BodyStatus, CycleState, CycleStatus, Measure, RejectReason, Unlogged};

/// A state in words, and its tone (`good`, `warn`, `bad`).
/// A body's standing in words and its tone: the state of its lead cycle, unless the profile
/// names no CEU log (nothing to judge by), with a last cycle the log cannot judge added.
pub fn body_state(b: &BodyStatus) -> (String, &'static str) {
    if b.unlogged == Some(Unlogged::NoLog) {
        return ("CEUs not logged".into(), "warn");
    }
    let (mut status, mut tone) = state(&b.lead().state);
    if b.ended
        .as_ref()
        .is_some_and(|e| matches!(e.state, CycleState::NotInLog { .. }))
    {
        status.push_str("; last cycle unknown (not in the log)");
        if tone == "good" {
            tone = "warn";
        }
    }
    (status, tone)
}

/// A cycle state in words and its tone (`good`, `warn` or `bad`).
pub fn state(s: &CycleState) -> (String, &'static str) {
    match s {
        CycleState::Complete => ("Complete".into(), "good"),
        CycleState::OnTrack { .. } => ("On track".into(), "good"),
        CycleState::Behind { .. } => ("Behind".into(), "warn"),
        CycleState::Lapsed { lapse: l, .. } => {
            let w = lapse(*l);
            let mut c = w.chars();
            let cap = c
                .next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect());
            (format!("{cap} (past the due date)"), "bad")
        }
        CycleState::Revoked { .. } => ("Revoked".into(), "bad"),
        CycleState::NotInLog { .. } => ("Not in the log".into(), "warn"),
        CycleState::OnHold => ("On hold (credential revoked)".into(), "bad"),
    }
}

/// The deadline, in words, as seen on `as_of`.
pub fn deadline(c: &CycleStatus, as_of: NaiveDate) -> String {
    let end = c.cycle.end;
    match c.state {
        CycleState::Complete => format!("{end}: met"),
        CycleState::OnTrack { days_left, .. } | CycleState::Behind { days_left, .. } => {
            format!("{end} ({} left)", count(days_left, "day", "days"))
        }
        CycleState::Lapsed {
            until,
            days_left,
            lapse: l,
            ..
        } => format!(
            "{end} has passed unmet; the credential is {} until {until} ({} left), then revoked",
            lapse(l),
            count(days_left, "day", "days")
        ),
        CycleState::Revoked {
            since,
            reinstate_until,
            appeal_until,
        } => {
            let mut out = match reinstate_until {
                Some(u) if u >= as_of => format!(
                    "{end} passed; revoked since {since}; it can be reinstated until {u} without a new exam"
                ),
                Some(u) => format!(
                    "{end} passed; revoked since {since}; reinstatement without a new exam ended {u}"
                ),
                None => format!("{end} passed; revoked since {since}"),
            };
            match appeal_until {
                Some(a) if a >= as_of => out.push_str(&format!("; it can be appealed until {a}")),
                Some(a) => out.push_str(&format!("; the time to appeal ended {a}")),
                None => {}
            }
            out
        }
        CycleState::NotInLog { .. } => format!(
            "{end} has passed; the log does not cover this cycle, so whether it was met is unknown"
        ),
        CycleState::OnHold => "none while the credential is revoked".into(),
    }
}

/// The pace needed, in words.
pub fn pace(c: &CycleStatus, as_of: NaiveDate) -> String {
    match c.state {
        CycleState::OnTrack {
            days_left,
            per_month,
        }
        | CycleState::Behind {
            days_left,
            per_month,
        } => match days_left {
            // Under a month left, a monthly rate says less than the days do.
            0 => format!("{} still needed, due today", ceus_up(c.remaining)),
            d if (d as f64) < crate::dates::DAYS_PER_MONTH => format!(
                "{} still needed in {}",
                ceus_up(c.remaining),
                count(d, "day", "days")
            ),
            _ => format!("{} a month to finish on time", ceus_up(per_month)),
        },
        CycleState::Lapsed { due, until, .. } => format!(
            "{} missing; CEUs earned after {due} count for this cycle only with an extension (see the fees), bought by {until}",
            ceus_up(c.remaining)
        ),
        CycleState::Complete => "nothing left to earn".into(),
        CycleState::Revoked {
            reinstate_until: Some(u),
            ..
        } if u < as_of => format!("the exam is taken again (see {})", code("coderpath plan")),
        CycleState::Revoked {
            reinstate_until: Some(_),
            ..
        } => "reinstatement needs the missing CEUs, back dues and the reinstatement fee (see the fees)".into(),
        CycleState::Revoked { .. } => format!(
            "the sources give no way back without passing the exam again (see {})",
            code("coderpath plan")
        ),
        CycleState::OnHold => "nothing counts here until the credential is reinstated or earned again".into(),
        CycleState::NotInLog { log_since: None } => format!(
            "add a checkpoint with the portal's figure for this cycle, or {} to the profile if the log is complete",
            code("ceu_log_since")
        ),
        CycleState::NotInLog {
            log_since: Some(since),
        } => format!(
            "the log starts {since} ({key}), after this cycle began on {start}: add a checkpoint with the portal's figure for this cycle, or log what was earned from {start} and move {key} back",
            key = code("ceu_log_since"),
            start = c.cycle.start
        ),
    }
}

/// How the required figure was reached.
pub fn basis(c: &CycleStatus) -> String {
    let r = &c.requirement;
    let ids: Vec<String> = r.credentials.iter().map(|x| x.id.clone()).collect();
    let body = r.rulebook.body.as_str();
    let mut out = format!(
        "{} for {} ({})",
        ceus(r.full),
        count(
            r.credentials.len(),
            &format!("{body} credential"),
            &format!("{body} credentials")
        ),
        and_list(&ids)
    );
    if let Some(cap) = r.capped_at {
        out.push_str(&format!(", capped at {}", num(cap)));
    }
    for p in &r.prorations {
        out.push_str(&format!("; {}", proration(p)));
    }
    for s in &r.superseded {
        out.push_str(&format!(
            "; {} is superseded and needs no CEUs of its own",
            s.id
        ));
    }
    for d in &r.deferred {
        out.push_str(&format!(
            "; {} was earned during the cycle and counts from the next one",
            d.id
        ));
    }
    if let Some(p) = c.portal_required {
        out = format!(
            "{} as the {body} portal shows (override; computed: {out})",
            ceus(p)
        );
    }
    out
}

/// A requirement's label.
pub fn measure(m: &Measure, body: Body) -> String {
    match m {
        Measure::Total => format!("{body} CEUs in the cycle", body = body.as_str()),
        Measure::Core => "Core CEUs (not used for specialty minimums)".into(),
        Measure::Minimum {
            credential,
            minimum,
        } => match minimum {
            MinimumKind::Discipline => {
                format!("{id} discipline CEUs (tagged {id})", id = credential.id)
            }
            MinimumKind::Specialty => {
                format!("{id} specialty CEUs (tagged {id})", id = credential.id)
            }
        },
        Measure::Share { share, fraction } => {
            let pct = num(fraction * 100.0);
            match share {
                ShareKind::Domain => format!("CEUs in the HIIM domains (at least {pct}%)"),
                ShareKind::Sourced => format!("{}-sourced CEUs (at least {pct}%)", body.as_str()),
            }
        }
        Measure::SelfAssessments => "Coding self-assessments".into(),
    }
}

/// A sub-requirement in a few words, with its figure: `CPMA 16`, `HIIM domains 80% (16)`.
pub fn short(m: &Measure, required: f64, body: Body) -> String {
    match m {
        Measure::Total => format!("total {}", num(required)),
        Measure::Core => format!("core {}", num(required)),
        Measure::Minimum { credential, .. } => format!("{} {}", credential.id, num(required)),
        Measure::Share { share, fraction } => {
            let what = match share {
                ShareKind::Domain => "HIIM domains".to_string(),
                ShareKind::Sourced => format!("{}-sourced", body.as_str()),
            };
            format!("{what} {}% ({})", num(fraction * 100.0), num(required))
        }
        Measure::SelfAssessments => format!("self-assessments {}", num(required)),
    }
}

/// Why an entry does not count.
pub fn reject(r: &RejectReason) -> String {
    match r {
        RejectReason::BeforeCertification { certified } => {
            format!("earned before certification on {certified}")
        }
        RejectReason::Duplicate { of_line } => {
            format!("duplicate of line {of_line}: a course counts once")
        }
        RejectReason::NotApproved { body } => format!(
            "no {} approval index; only approved CEUs count",
            body.as_str()
        ),
    }
}

/// Notes on one cycle: checkpoints, capped topics, renewal-month CEUs.
pub fn notes(c: &CycleStatus, body: Body) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = c.evidence {
        let mut note = format!(
            "The {} portal showed {} on {} (checkpoint, line {}) against {} in the log; the portal's figure is used for the total.",
            body.as_str(),
            ceus(e.portal),
            e.date,
            e.line,
            num(e.log)
        );
        let r = &c.requirement;
        if !(r.minimums.is_empty() && r.shares.is_empty()) {
            note.push_str(" A portal total does not say which CEUs meet the minimums and shares, so those are judged from the log's entries alone.");
        }
        out.push(note);
    }
    for x in &c.checkpoints {
        if (x.portal - x.log).abs() > 0.005 && c.evidence.is_none_or(|e| e.line != x.line) {
            out.push(format!(
                "Checkpoint at line {} ({}): the portal showed {}, the log adds up to {}; {} lists it.",
                x.line,
                x.date,
                ceus(x.portal),
                num(x.log),
                code("ceu check")
            ));
        }
    }
    if let Some(k) = c.capped_other {
        out.push(format!(
            "{} outside the HIIM domains (or unmarked); only {} of them count ({}% of the requirement).",
            count(num(k.other), "CEU is", "CEUs are"),
            num(k.counted),
            num(k.share * 100.0)
        ));
    }
    if c.unmarked_domain > 0 {
        out.push(format!(
            "{} no {}; {} as outside the HIIM domains.",
            count(c.unmarked_domain, "entry has", "entries have"),
            code("domain"),
            noun(c.unmarked_domain, "it counts", "they count")
        ));
    }
    if c.to_next_cycle > 0.0 && matches!(c.state, CycleState::NotInLog { .. }) {
        // Not judged, so not "not needed": they go where they can be counted.
        out.push(format!(
            "{} toward the next cycle, since this one is not in the log ({} allows either).",
            count(
                num(c.to_next_cycle),
                "CEU earned in the renewal month counts",
                "CEUs earned in the renewal month count"
            ),
            body.as_str()
        ));
    } else if c.to_next_cycle > 0.0 {
        out.push(format!(
            "{} not needed here and will count toward the next cycle ({} allows either).",
            count(
                num(c.to_next_cycle),
                "CEU earned in the renewal month was",
                "CEUs earned in the renewal month were"
            ),
            body.as_str()
        ));
    }
    if c.from_renewal_month > 0.0 {
        out.push(format!(
            "{} here ({} lets them count for either submission).",
            count(
                num(c.from_renewal_month),
                "CEU from the last cycle's renewal month counts",
                "CEUs from the last cycle's renewal month count"
            ),
            body.as_str()
        ));
    }
    out
}

/// The requirement's credentials, joined.
pub fn credentials(r: &Required) -> String {
    let ids: Vec<String> = r.credentials.iter().map(|c| c.id.clone()).collect();
    and_list(&ids)
}

/// A fee amount, or `not found`.
pub fn amount(v: Option<f64>) -> String {
    v.map_or_else(|| "not found".into(), usd)
}

/// An audit finding's message and what was expected instead.
pub fn finding(i: &crate::track::audit::Issue) -> (String, String) {
    use crate::track::audit::Issue;
    match i {
        Issue::Duplicate { of_line } => (
            format!("duplicate of the entry at line {of_line} (same title, date and provider, or same AAPC index)"),
            "each course once; remove this entry".into(),
        ),
        Issue::NoApprovalIndex => (
            "no AAPC approval index: AAPC will not count this entry".into(),
            format!("{} from the certificate", code("aapc_index:")),
        ),
        Issue::BeforeCertification { certified } => (
            format!("dated before the first certification on {certified}; it cannot count"),
            "CEUs earned after certification".into(),
        ),
        Issue::CertificateMissing { path } => (
            format!("certificate {path} does not exist"),
            "the path of the certificate file, relative to the log".into(),
        ),
        Issue::CertificateNotAFile { path, folder } => (
            format!(
                "certificate {path} is {}, not a file",
                if *folder { "a folder" } else { "a device, FIFO or socket" }
            ),
            "the path of the certificate file (in the folder, the file itself), relative to the log".into(),
        ),
        Issue::CertificateShared { path, with_line } => (
            format!("certificate {path} is also used by the entry at line {with_line}"),
            "one certificate per course".into(),
        ),
        Issue::AfterAsOf { date } => (
            format!("dated {date}, after the report date: not counted yet"),
            "the date the CEU was earned (a future date is usually a typo)".into(),
        ),
        Issue::CheckpointNoCycle { body, date } => (
            format!("checkpoint for {}: no {} cycle on {date} to compare with", body.as_str(), body.as_str()),
            "a checkpoint for a body the person holds a credential with".into(),
        ),
        Issue::CheckpointDiffers { body, date, portal, log } => (
            format!(
                "checkpoint {date}: {} showed {}, the log adds up to {} (difference {})",
                body.as_str(),
                ceus(*portal),
                num(*log),
                super::words::signed(portal - log)
            ),
            "the log's total to match the portal; add the missing entries or correct the checkpoint".into(),
        ),
    }
}

/// One line per body: where its leading cycle stands (for `ceu add`, `import`, `remove`).
pub fn totals(status: &crate::track::Status) -> Vec<String> {
    status
        .bodies
        .iter()
        .map(|b| {
            let c = b.lead();
            // Past the total with minimums or shares still short: say what the rest is for.
            let to_go = if c.remaining > 0.0 && c.earned + 1e-9 >= c.required {
                format!("{} more for its minimums or shares", num_up(c.remaining))
            } else if c.remaining > c.required - c.earned + 1e-9 {
                // More to go than the total lacks: a minimum or share lacks more.
                format!(
                    "{} to go, counting its minimums or shares",
                    num_up(c.remaining)
                )
            } else {
                format!("{} to go", num_up(c.remaining))
            };
            let mut line = format!(
                "{}: {} of {}, {to_go}; {}; due {}",
                b.body.as_str(),
                num_down(c.earned),
                ceus(c.required),
                state(&c.state).0.to_lowercase(),
                deadline(c, status.as_of)
            );
            if let Some(e) = b
                .ended
                .as_ref()
                .filter(|e| matches!(e.state, CycleState::NotInLog { .. }))
            {
                line.push_str(&format!(
                    "; the cycle that ended {} is not in the log (unknown)",
                    e.cycle.end
                ));
            }
            line
        })
        .collect()
}

/// A membership renewal date long past: out of date, or the credentials went with it.
pub fn stale_renewal(body: Body, renewal: NaiveDate, revoked_if_unpaid: NaiveDate) -> String {
    format!(
        "{renewal}, the profile's {b} membership renewal date, is long past, while an active member's {b} account shows the next one. If that renewal went unpaid, the {b} credentials were revoked on {revoked_if_unpaid}; if it was paid, copy the current date from the account into the profile.",
        b = body.as_str()
    )
}

/// The note for a body nothing logged speaks for: its figures count only what is logged.
pub fn unlogged(body: Body, why: Unlogged, as_of: NaiveDate) -> String {
    let b = body.as_str();
    let (add, import) = (code("coderpath ceu add"), code("coderpath ceu import"));
    match why {
        Unlogged::NoLog => format!(
            "The profile names no CEU log, so no {b} CEUs are counted here: the figures show what is logged, not what was earned. Add {} to the profile and log CEUs with {add} or {import}, or record the {b} portal's total as a checkpoint.",
            code("ceu_log: NAME.ceus.yaml")
        ),
        Unlogged::NothingForBody => format!(
            "The CEU log holds nothing for {b} up to {as_of}: the figures show what is logged, not what was earned. Log the CEUs earned with {add} or {import}, or record the {b} portal's total as a checkpoint."
        ),
    }
}
