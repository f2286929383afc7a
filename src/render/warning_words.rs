//! The sentences of a roadmap's warnings, and the names of the planning defaults.

use super::code::code;
use super::plan_words::unmet_any;
use super::words::{
    and_list, article, count, delivery, education, hours, months, noun, num, usd, usd_range,
};
use crate::dates;
use crate::plan::{Assumed, BudgetFit, CheaperProgramme, CheaperTarget, ProgrammeFilter, Warning};
use chrono::NaiveDate;

/// The warning's short title and its message.
pub fn warning(w: &Warning) -> (String, String) {
    let (t, m): (&str, String) = match w {
        Warning::TargetDatePassed { by } => (
            "Target date passed",
            format!(
                "The target date {by} has passed; the plan shows the earliest dates from today."
            ),
        ),
        Warning::MissesTargetDate {
            ready,
            by,
            weeks_late: _,
            hours_needed,
            hours_now,
            alternative,
            delivery: other,
        } => {
            let mut fix = Vec::new();
            if let Some(h) = hours_needed {
                fix.push(format!(
                    "studying {} a week instead of {} would meet it",
                    hours(*h),
                    num(*hours_now)
                ));
            }
            if let Some(o) = other {
                let pace = o
                    .hours_needed
                    .map_or(String::new(), |h| format!(" at {} a week", hours(h)));
                let with = o
                    .programme
                    .map_or(String::new(), |x| format!("{}, ", x.name));
                fix.push(format!(
                    "studying {}{pace} would meet it ({with}exam by {})",
                    delivery(o.delivery),
                    o.exam_date
                ));
            }
            if let Some(a) = alternative {
                fix.push(format!("{} would meet it", a.name));
            }
            if fix.is_empty() {
                fix.push(
                    "no programme in the data meets it, at any study hours or delivery; consider a later target date"
                        .into(),
                );
            }
            (
                "Misses the target date",
                format!(
                    "The target exam is on {ready}, {} after the {by} target: {}.",
                    late(*by, *ready),
                    fix.join("; ")
                ),
            )
        }
        Warning::OverBudget {
            known_usd,
            budget_usd,
            unknown,
            programme,
            cheaper_target,
        } => {
            let more = if *unknown > 0 {
                format!(", and {} not found", count(unknown, "cost is", "costs are"))
            } else {
                String::new()
            };
            let mut fix = Vec::new();
            if let Some(x) = programme {
                fix.push(cheaper_programme(x));
            }
            if let Some(c) = cheaper_target {
                fix.push(cheaper(c));
            }
            let fix = if fix.is_empty() {
                String::new()
            } else {
                format!(" {}.", in_sentence_start(&fix.join("; ")))
            };
            (
                "Over budget",
                format!(
                    "Known costs to the target are {}, {} over the {} budget{more}.{fix}",
                    usd(*known_usd),
                    usd(known_usd - budget_usd),
                    usd(*budget_usd)
                ),
            )
        }
        Warning::BudgetUnknown {
            known_usd,
            budget_usd,
            unknown,
        } => (
            "Budget fit unknown",
            format!(
                "Known costs of {} fit the {} budget, but {} not in the data, so the fit is unknown; check with the provider.",
                usd(*known_usd),
                usd(*budget_usd),
                count(unknown, "cost is", "costs are")
            ),
        ),
        Warning::RangeOverBudget {
            known_usd,
            high_usd,
            budget_usd,
            unknown,
        } => {
            let more = if *unknown > 0 {
                format!("; {} not found", count(unknown, "cost is", "costs are"))
            } else {
                String::new()
            };
            (
                "May be over budget",
                format!(
                    "Known costs of {} fit the {} budget only at the low end of the price range; at the high end they are {}, {} over{more}.",
                    usd(*known_usd),
                    usd(*budget_usd),
                    usd(*high_usd),
                    usd(high_usd - budget_usd)
                ),
            )
        }
        Warning::NotEligible { credential, unmet } => (
            "Not yet eligible",
            format!(
                "Not yet eligible for the {} exam: {}.",
                credential.id,
                unmet_any(unmet)
            ),
        ),
        Warning::EligibilityUnknown { credential } => (
            "Eligibility unknown",
            format!(
                "{} eligibility was not found in the sources; confirm it with {}.",
                credential.id,
                credential.body.as_str()
            ),
        ),
        Warning::NoProgramme { credential, filter } => (
            "No programme",
            format!(
                "No programme in the data {} for {}{}.",
                match filter {
                    ProgrammeFilter::Teaches => "teaches what is missing",
                    ProgrammeFilter::Admission => "admits the person's education",
                    ProgrammeFilter::Award => "gives the award the route asks",
                    ProgrammeFilter::Delivery => "is offered the way the profile prefers",
                    ProgrammeFilter::Campus =>
                        "is offered the way the profile prefers in the profile's state (the campuses are in other states)",
                },
                credential.id,
                match filter {
                    ProgrammeFilter::Delivery => "; relax preferences.delivery",
                    ProgrammeFilter::Campus => "; consider studying online",
                    _ => "",
                }
            ),
        ),
        Warning::UnknownFee { credential } => (
            "Fee not found",
            format!(
                "The {} exam fee was not found in the sources; the plan's cost counts it as unknown.",
                credential.id
            ),
        ),
        Warning::UnknownCost { programme } => (
            "Cost not found",
            format!(
                "The cost of {} was not found in the sources; check it with the provider.",
                programme.name
            ),
        ),
        Warning::UnknownLength {
            programme,
            months: m,
            length_of,
        } => (
            "Length not found",
            match length_of {
                Some(t) => {
                    let kind = t.name.to_lowercase();
                    format!(
                        "The length of {} was not found; the plan assumes {}, the length of {} {kind}.",
                        programme.name,
                        months(*m),
                        article(&kind)
                    )
                }
                None => format!(
                    "The length of {} was not found; the plan assumes {}.",
                    programme.name,
                    months(*m)
                ),
            },
        ),
        Warning::DegreeCredit {
            programme,
            education: e,
        } => (
            "Credit for a degree held",
            format!(
                "Credit for your {} may shorten {}: the data gives no shorter length for it, so the plan takes the full length; ask the school how much it credits.",
                education(*e),
                programme.name
            ),
        ),
        Warning::HoursTooFew {
            programme,
            months: m,
            limit_months,
            stated_limit,
            hours_needed,
        } => (
            "Too few study hours",
            format!(
                "At this pace {} would take about {}, more than {}{}; it needs about {} a week.",
                programme.name,
                months(*m),
                months(*limit_months),
                if *stated_limit {
                    ", its longest allowed length"
                } else {
                    ", the longest the plan assumes is sensible"
                },
                hours(*hours_needed)
            ),
        ),
        Warning::ExamNotPrepared { credential, topics } => {
            let names: Vec<String> = topics.iter().map(|c| c.name.clone()).collect();
            (
                "Exam topics not taught",
                format!(
                    "No stage of the plan teaches {} for the {} exam.",
                    and_list(&names),
                    credential.id
                ),
            )
        }
        Warning::ReadinessGap { competencies } => {
            let names: Vec<String> = competencies.iter().map(|c| c.name.clone()).collect();
            (
                "Readiness gap",
                format!(
                    "No stage of the plan covers: {}. Add a course or on-the-job training that does.",
                    and_list(&names)
                ),
            )
        }
        Warning::ResidencyPrice {
            programme,
            state,
            location,
            tuition,
        } => ("Residency price", {
            let at = format!(
                "{} is in {}, {}",
                programme.name, location.city, location.state
            );
            let prices = |t: &crate::plan::Tuition| {
                (
                    usd_range(t.out_of_state_usd.0, t.out_of_state_usd.1),
                    usd_range(t.in_state_usd.0, t.in_state_usd.1),
                )
            };
            let home = &location.state;
            match (state, tuition.as_ref().map(prices)) {
                (Some(s), Some((out, home_price))) => format!(
                    "{at}; as a resident of {s} you pay its out-of-state tuition, {out} ({home} residents pay {home_price})."
                ),
                (Some(s), None) => {
                    format!("{at}; as a resident of {s} you may pay out-of-state tuition.")
                }
                (None, Some((out, home_price))) => format!(
                    "{at}, and the profile gives no state: the plan counts its out-of-state tuition, {out}; {home} residents pay {home_price}."
                ),
                (None, None) => format!(
                    "{at}; state colleges charge more to students from other states, and the profile gives no state."
                ),
            }
        }),
        Warning::RenewalUnknown { body, problem } => (
            "Renewal not placed",
            format!(
                "The {} renewal could not be placed: {}.",
                body.as_str(),
                super::problem(problem).0
            ),
        ),
        Warning::RenewalLapsed {
            body,
            credentials,
            lapse: state,
            due,
            until,
            remaining,
        } => (
            "Renewal overdue",
            format!(
                "{body} CEUs for {} were due {due}; {} missing, so {} {} until {until}, then revoked. See {} for the extension and its fee.",
                and_list(&ids(credentials)),
                count(num(*remaining), "CEU is", "CEUs are"),
                noun(
                    credentials.len(),
                    "the credential is",
                    "the credentials are"
                ),
                super::words::lapse(*state),
                code("coderpath ceu status"),
                body = body.as_str()
            ),
        ),
        Warning::CredentialRevoked {
            body,
            credentials,
            since,
            reinstate_until: Some(until),
            fee_usd,
        } => (
            "Credential revoked",
            format!(
                "{} has been revoked since {since} (the CEU log shows a cycle unmet); it can be reinstated without a new exam until {until}{}. Jobs that ask for it need it reinstated first.",
                and_list(&ids(credentials)),
                fee_usd.map_or(String::new(), |f| format!(
                    " ({} {} reinstatement fee plus the missing CEUs and dues)",
                    usd(f),
                    body.as_str()
                ))
            ),
        ),
        Warning::CredentialRevoked {
            credentials, since, ..
        } => (
            "Credential revoked",
            format!(
                "{} has been revoked since {since} (the CEU log shows a cycle unmet) and the data gives no reinstatement without an exam now, so this plan treats it as not held: the exam is taken again.",
                and_list(&ids(credentials))
            ),
        ),
        Warning::RenewalNotInLog { body, cycle_end } => (
            "Renewal not in the log",
            format!(
                "The {} cycle that ended {cycle_end} is not covered by the CEU log, so whether it was met is unknown; add a checkpoint with the portal's figure (see {}).",
                body.as_str(),
                code("coderpath ceu status")
            ),
        ),
        Warning::RenewalDateStale {
            body,
            renewal,
            revoked_if_unpaid,
        } => (
            "Renewal date out of date",
            super::status_words::stale_renewal(*body, *renewal, *revoked_if_unpaid),
        ),
        Warning::AimsElsewhere {
            programme,
            prepares_for,
            exam,
        } => (
            "Programme aimed at another exam",
            format!(
                "{} prepares for {}, not {}: it teaches topics the {} exam asks, but check that it covers the whole exam (a dedicated {} course may suit better when the budget allows).",
                programme.name,
                and_list(&ids(prepares_for)),
                exam.id,
                exam.id,
                exam.id
            ),
        ),
        Warning::StaleData { files } => {
            let list: Vec<String> = files.iter().map(|(f, d)| format!("{f} ({d})")).collect();
            (
                "Reference data is old",
                format!(
                    "More than 2 years old: {}; fees and rules may have changed.",
                    list.join(", ")
                ),
            )
        }
    };
    (t.to_string(), m)
}

/// How late `ready` is after `by`: in days under two weeks, else in weeks rounded up (never
/// "0 weeks").
fn late(by: NaiveDate, ready: NaiveDate) -> String {
    let days = dates::days_between(by, ready);
    if days < 14 {
        count(days, "day", "days")
    } else {
        count((days + 6) / 7, "week", "weeks")
    }
}

/// A cheaper programme that fits the budget, in words: how surely, and when its exam falls.
fn cheaper_programme(c: &CheaperProgramme) -> String {
    let fit = match c.budget {
        BudgetFit::MayFit => "may fit it at the low end of its price",
        BudgetFit::Unknown => "would fit it as far as its costs are known",
        _ => "would fit it",
    };
    let when = match c.meets_target_date {
        Some(false) => format!(
            ", but its exam would be on {}, after the target date",
            c.exam_date
        ),
        Some(true) => format!(" (exam by {}, in time for the target date)", c.exam_date),
        None => format!(" (exam by {})", c.exam_date),
    };
    format!("{} {fit}{when}", c.programme.name)
}

/// A cheaper target that fits the budget, in words.
fn cheaper(c: &CheaperTarget) -> String {
    let cost = super::route_words::cost_words(c.known_usd, c.unknown);
    let fit = match (c.unpriced_programme, c.budget) {
        (Some(x), _) => format!(
            "may fit it, but the price of its programme, {}, is not found",
            x.name
        ),
        (None, BudgetFit::MayFit) => "would fit it at the low end of its price range".into(),
        (None, BudgetFit::Unknown) => "would fit it as far as its costs are known".into(),
        _ => "would fit it".into(),
    };
    let ready = c
        .job_ready
        .map_or(String::new(), |d| format!(", job-ready {d}"));
    format!(
        "{} ({}), which the setting also takes, {fit}: {cost}{ready}",
        c.credential.id, c.credential.name
    )
}

/// `text` with its first letter in capitals.
fn in_sentence_start(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |f| {
        f.to_uppercase().chain(chars).collect::<String>()
    })
}

/// What a planning default is called.
pub fn assumption(a: Assumed) -> &'static str {
    match a {
        Assumed::HoursPerWeek => "Study hours a week",
        Assumed::FullTimeHoursPerWeek => "Full-time study hours a week",
        Assumed::ExamPrepWeeks => "Weeks of exam preparation",
        Assumed::GedMonths => "Months to earn a GED",
        Assumed::JobSearchMonths => "Months to find a first job",
        Assumed::UnknownLengthMonths => "Months for a programme of unknown length",
        Assumed::LongestSensibleMonths => "Longest sensible programme length, in months",
        Assumed::PracticodeMonths => "Months to finish Practicode",
        Assumed::ExperienceCoversSkillsMonths => "Months of work that cover the job skills",
        Assumed::CredentialReviewMonths => "Months of work after which a credential holder reviews",
        Assumed::AdvanceAfterMonths => "Months of work before advancement",
    }
}

fn ids(credentials: &[&crate::data::catalog::Credential]) -> Vec<String> {
    credentials.iter().map(|c| c.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::warning;
    use crate::data::catalog::Programme;
    use crate::plan::{Residency, Tuition, Warning};
    use crate::testing::EMBEDDED;

    /// The residency warning in each of its four cases: a state given or not, the two
    /// prices known or not.
    #[test]
    fn residency_warning_names_the_place_and_both_prices() {
        let x = EMBEDDED.get(
            EMBEDDED
                .find::<Programme>("sbcc_coding_certificate")
                .unwrap(),
        );
        let location = x.location.as_ref().unwrap();
        let tuition = Tuition {
            residency: Residency::OutOfState,
            in_state_usd: (1748.0, 1748.0),
            out_of_state_usd: (12578.0, 12578.0),
        };
        let words = |state: Option<&str>, tuition: Option<Tuition>| {
            warning(&Warning::ResidencyPrice {
                programme: x,
                state: state.map(String::from),
                location,
                tuition,
            })
            .1
        };
        let at = format!("{} is in Santa Barbara, CA", x.name);
        assert_eq!(
            words(Some("NY"), Some(tuition)),
            format!(
                "{at}; as a resident of NY you pay its out-of-state tuition, $12,578 (CA residents pay $1,748)."
            )
        );
        assert_eq!(
            words(Some("NY"), None),
            format!("{at}; as a resident of NY you may pay out-of-state tuition.")
        );
        assert_eq!(
            words(None, Some(tuition)),
            format!(
                "{at}, and the profile gives no state: the plan counts its out-of-state tuition, $12,578; CA residents pay $1,748."
            )
        );
        assert!(words(None, None).starts_with(&format!("{at}; state colleges charge more")));
    }
}
