//! The renewal calendar: due dates with reminders scaled to the work left, a monthly pace
//! reminder while behind, the submission window, the last day before revocation, fees, and
//! the code-set updates of the code sets held.

use chrono::{Datelike, NaiveDate};

use super::ics::{CalEvent, uid_part};
use super::status_words as words;
use super::words::{ceus, count, num, num_up, rule_fee};
use crate::data::Catalog;
use crate::data::catalog::CodeSet;
use crate::data::model::Anchor;
use crate::dates;
use crate::track::{CycleState, Status};

/// Renewal calendar events: each due date with reminders scaled to the work left, a monthly
/// pace reminder while behind, AAPC's submission window, the last day before revocation, the
/// last days to reinstate a revoked credential without a new exam or to appeal, fees on
/// their due dates, and the year's code-set updates of the code sets held.
pub fn calendar_events(status: &Status, catalog: &Catalog) -> Vec<CalEvent> {
    let who = uid_part(&status.person);
    let as_of = status.as_of;
    // Every event's reminders are those still to come.
    let event =
        |kind: &str, date: NaiveDate, summary: String, description: String, remind: &[u32]| {
            CalEvent {
                uid: format!("{kind}.{date}.{who}@coderpath"),
                summary,
                description,
                date,
                remind_days_before: alarms(remind, dates::days_between(as_of, date)),
                monthly_until: None,
            }
        };
    let mut out: Vec<CalEvent> = Vec::new();
    for b in &status.bodies {
        let body = b.body.as_str();
        let lower = body.to_lowercase();
        for c in b.ended.iter().chain(std::iter::once(&b.current)) {
            let end = c.cycle.end;
            let left = reminders(c.remaining);
            match c.state {
                CycleState::Lapsed { until, .. } => out.push(event(
                    &format!("revocation.{lower}"),
                    until,
                    format!(
                        "{body}: last day before revocation ({} still to earn)",
                        ceus(c.remaining)
                    ),
                    words::deadline(c, as_of),
                    left,
                )),
                CycleState::Revoked {
                    reinstate_until,
                    appeal_until,
                    ..
                } => {
                    let open = [
                        (
                            reinstate_until,
                            "reinstatement",
                            "reinstate without a new exam",
                        ),
                        (appeal_until, "appeal", "appeal the revocation"),
                    ];
                    for (until, kind, what) in open {
                        if let Some(until) = until.filter(|u| *u >= as_of) {
                            out.push(event(
                                &format!("{kind}.{lower}"),
                                until,
                                format!("{body}: last day to {what}"),
                                format!(
                                    "{}; {}.",
                                    words::deadline(c, as_of),
                                    words::pace(c, as_of)
                                ),
                                left,
                            ));
                        }
                    }
                }
                CycleState::OnTrack { .. } | CycleState::Behind { .. } | CycleState::Complete
                    if end >= as_of =>
                {
                    out.push(event(
                        &format!("due.{lower}"),
                        end,
                        format!(
                            "{body} CEUs due ({} of {} still to earn)",
                            num_up(c.remaining),
                            num(c.required)
                        ),
                        format!("Cycle {} to {end}; {}.", c.cycle.start, words::basis(c)),
                        left,
                    ));
                    if c.remaining > 0.0 {
                        let until = c.last_day_before_revocation();
                        out.push(event(
                            &format!("revocation.{lower}"),
                            until,
                            format!("{body}: last day before revocation if the CEUs are still short"),
                            format!(
                                "CEUs fall due {end}; a credential still short {} later is revoked.",
                                count(dates::days_between(end, until), "day", "days")
                            ),
                            &[7],
                        ));
                    }
                    // On the 1st of each month: every month has one.
                    let first = dates::month_start(dates::add_months(as_of, 1));
                    if let CycleState::Behind { per_month, .. } = c.state
                        && first < end
                    {
                        // One reminder a month, until the due date.
                        let mut pace = event(
                            &format!("pace.{lower}"),
                            first,
                            format!("{body} CEU pace: about {} a month", ceus(per_month)),
                            format!(
                                "Behind on the cycle ending {end}; {} still to earn on {as_of}.",
                                ceus(c.remaining)
                            ),
                            &[],
                        );
                        pace.monthly_until = Some(end);
                        out.push(pace);
                    }
                    let opens = dates::sub_months(end, 1);
                    if c.requirement.rulebook.cycle.anchor == Anchor::MembershipRenewal
                        && c.remaining > 0.0
                        && opens >= as_of
                    {
                        out.push(event(
                            &format!("window.{lower}"),
                            opens,
                            format!("{body} CEU submission window opens"),
                            format!("Submit CEUs in the {body} CEU tracker before {end}."),
                            &[7],
                        ));
                    }
                }
                // A cycle the log cannot judge, short in what is logged: if it was missed,
                // the credential goes at the end of its lapse window.
                CycleState::NotInLog { .. }
                    if c.remaining > 0.0 && c.last_day_before_revocation() >= as_of =>
                {
                    let until = c.last_day_before_revocation();
                    out.push(event(
                        &format!("revocation.{lower}"),
                        until,
                        format!("{body}: last day before revocation if the cycle that ended {end} was not met"),
                        format!(
                            "The log holds {} of the {} that cycle needed but cannot tell whether it was met; record the {body} portal's total for it as a checkpoint in the log.",
                            num(c.earned),
                            ceus(c.required)
                        ),
                        &[7],
                    ));
                }
                _ => {}
            }
        }
        for f in b.fees.iter().filter(|f| f.due >= as_of) {
            out.push(event(
                &format!("fee.{lower}.{}", format!("{:?}", f.kind).to_lowercase()),
                f.due,
                format!(
                    "{}: {}",
                    rule_fee(b.body, f.kind, f.payer),
                    words::amount(f.usd)
                ),
                format!("{body} fee due."),
                &[14],
            ));
        }
    }
    let horizon = dates::add_months(as_of, 12);
    for cs in held_code_sets(status, catalog) {
        for e in &cs.effective {
            for year in [as_of.year(), as_of.year() + 1] {
                if let Some(date) = NaiveDate::from_ymd_opt(year, e.month, e.day)
                    && date > as_of
                    && date <= horizon
                {
                    let note = e.note.clone().unwrap_or_default();
                    out.push(event(
                        &format!("codeset.{}", cs.id.to_lowercase()),
                        date,
                        format!("{} update takes effect", cs.name),
                        format!("{} ({}): {note}", cs.name, cs.maintainer),
                        &[7],
                    ));
                }
            }
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.uid.cmp(&b.uid)));
    out
}

/// Reminders before a deadline, more of them the more is left: 90, 30 and 7 days when CEUs
/// remain, 7 when the cycle is complete.
fn reminders(remaining: f64) -> &'static [u32] {
    if remaining > 0.0 { &[90, 30, 7] } else { &[7] }
}

/// The reminders of `wanted` (days before) that are still to come for an event `days` away;
/// when none is, one on the day before it (or on its day, when that is tomorrow).
fn alarms(wanted: &[u32], days: i64) -> Vec<u32> {
    let ahead: Vec<u32> = wanted
        .iter()
        .copied()
        .filter(|d| i64::from(*d) < days)
        .collect();
    match u32::try_from(days - 1) {
        Ok(last) if ahead.is_empty() && !wanted.is_empty() => vec![last.min(1)],
        _ => ahead,
    }
}

/// Code sets of the credentials held (with their parts, such as CPT Category III).
fn held_code_sets<'c>(status: &Status<'c>, catalog: &'c Catalog) -> Vec<&'c CodeSet> {
    let held: Vec<&CodeSet> = status
        .bodies
        .iter()
        .flat_map(|b| &b.credentials)
        .flat_map(|c| c.code_sets.iter().map(|x| catalog.get(*x)))
        .collect();
    catalog
        .all::<CodeSet>()
        .map(|(_, cs)| cs)
        .filter(|cs| {
            held.contains(cs) || cs.part_of.is_some_and(|p| held.contains(&catalog.get(p)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::alarms;

    #[test]
    fn reminders_are_those_still_to_come_and_a_near_event_keeps_one() {
        assert_eq!(alarms(&[90, 30, 7], 100), [90, 30, 7]);
        assert_eq!(alarms(&[90, 30, 7], 40), [30, 7]);
        assert_eq!(alarms(&[14], 14), [1], "the day before instead");
        assert_eq!(alarms(&[90, 30, 7], 2), [1]);
        assert_eq!(alarms(&[7], 1), [0], "tomorrow: on the day");
        assert!(alarms(&[7], 0).is_empty(), "today: none");
        assert!(alarms(&[7], -3).is_empty(), "past: none");
        assert!(alarms(&[], 30).is_empty(), "none wanted");
    }
}
