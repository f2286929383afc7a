//! The sentences about choices in a roadmap: why the target, which route and why, why a
//! programme ranks where it does, and what each cost line pays for.

use super::plan_words::{conditions, ids};
use super::words::{count, degree, fee_kind, hours, in_sentence, months, num, usd, usd_range};
use crate::data::model::Payer;
use crate::plan::{
    BudgetFit, Condition, CostItem, Length, ProgrammeChoice, Residency, RouteChoice, RouteOption,
    RouteRule, Target, TargetReason, Tuition,
};

/// The chosen route, why, and the runner-up.
/// `prepared`: the plan takes a programme before the exam.
pub fn route(r: &RouteChoice, t: &Target, prepared: bool) -> String {
    let (target, by) = (t.credential, t.by);
    let c = &r.chosen;
    if c.asks.contains(&Condition::NotInData) {
        return format!(
            "{}'s eligibility was not found in the sources, so the plan assumes it can be sat (check with {}); exam by {}",
            target.id,
            target.body.as_str(),
            c.exam_date
        );
    }
    let whose = if c.recommended {
        format!("what {} recommends, not requires", target.body.as_str())
    } else {
        format!("what {} requires", target.id)
    };
    let mut out = format!("{} ({whose}), exam by {}", conditions(&c.asks), c.exam_date);
    out.push_str(&match r.rule {
        RouteRule::MetToday if prepared => {
            ": already met; the programme below prepares for the exam's topics".to_string()
        }
        RouteRule::MetToday => {
            ": already met, so the plan goes straight to exam preparation".to_string()
        }
        RouteRule::Only => ": the only route the data gives".to_string(),
        RouteRule::TargetDate => match by {
            Some(by) if c.exam_date <= by => {
                format!(": its exam meets the target date ({by}); the runner-up's does not")
            }
            _ if c.prepared => {
                ": no route meets the target date; this is the soonest that prepares for the exam"
                    .to_string()
            }
            _ => ": no route meets the target date; this one comes closest".to_string(),
        },
        RouteRule::Prepared => {
            let mut s = ": it prepares for the exam (every topic it tests taught or reviewed), where the runner-up would sit it unprepared".to_string();
            if let (Some(by), Some(o)) = (by, &r.runner_up)
                && o.exam_date > by
            {
                s.push_str(", and would miss the target date too");
            }
            s
        }
        RouteRule::EarliestWithinBudget => {
            ": the earliest exam among routes whose known costs fit the budget".to_string()
        }
        RouteRule::Earliest => ": the earliest exam".to_string(),
        RouteRule::Cheapest => ": no route fits the budget, so the cheapest".to_string(),
        RouteRule::Recommended => format!(
            ": {}'s advice on being prepared, {}; sitting sooner is allowed",
            target.body.as_str(),
            match by {
                None => "and no target date asks for sooner",
                Some(by) if c.exam_date <= by => "and it meets the target date",
                Some(_) => "and no route meets the target date",
            }
        ),
    });
    if let Some(step) = c.first_step {
        out.push_str(&format!(
            "; {} comes first because it leads to {} sooner",
            step.id, target.id
        ));
    }
    if let Some(o) = &r.runner_up {
        out.push_str(&format!(". Runner-up: {}", option_short(o)));
    }
    out
}

fn option_short(o: &RouteOption) -> String {
    let mut s = format!("{}, exam by {}", conditions(&o.asks), o.exam_date);
    if o.known_cost_usd > 0.0 || o.unknown_costs > 0 {
        s.push_str(&format!(
            ", {}",
            cost_words(o.known_cost_usd, o.unknown_costs)
        ));
    }
    s
}

/// `$615`, `$615 + 1 cost not found`, `cost not found`.
pub fn cost_words(known: f64, unknown: usize) -> String {
    match (known > 0.0, unknown) {
        (_, 0) => usd(known),
        (false, n) => format!("{} not found", count(n, "cost", "costs")),
        (true, n) => format!("{} + {} not found", usd(known), count(n, "cost", "costs")),
    }
}

/// Why the target is the target.
pub fn target_reason(t: &Target) -> String {
    let c = t.credential;
    let setting = in_sentence(&t.setting.name);
    match t.why {
        TargetReason::Named { fits, command_line } => {
            let named = if command_line {
                "is named on the command line (--target)"
            } else {
                "is named in the profile"
            };
            if fits {
                format!("{} {named}; it fits {setting}", c.id)
            } else {
                format!(
                    "{} {named}; it is not among the credentials the data lists for {setting}",
                    c.id
                )
            }
        }
        TargetReason::Regain => format!(
            "{} was held and has been revoked past reinstatement (the profile names no target); it fits {setting}",
            c.id
        ),
        TargetReason::Held => format!(
            "{} is held (the profile names no target); it fits {setting}",
            c.id
        ),
        TargetReason::BestFit => {
            let mut s = format!(
                "{} ({}) is the best fit for {setting} in the settings data",
                c.id, c.name
            );
            if !t.alternatives.is_empty() {
                s.push_str(&format!(
                    "; alternatives: {}",
                    ids(&t.alternatives).join(", ")
                ));
            }
            s
        }
    }
}

/// Why a programme ranks where it does.
pub fn programme_why(c: &ProgrammeChoice, budget: Option<f64>) -> String {
    let mut why = Vec::new();
    match (c.budget, budget, c.cost_range_usd) {
        (BudgetFit::Fits, Some(b), _) => {
            why.push(format!("within the {} budget with the other costs", usd(b)))
        }
        (BudgetFit::MayFit, Some(b), Some((lo, hi))) => why.push(format!(
            "may fit the {} budget with the other costs: {} at the low end, {} at the high end",
            usd(b),
            usd(lo),
            usd(hi)
        )),
        (BudgetFit::Over, Some(b), _) => {
            why.push(format!("over the {} budget with the other costs", usd(b)))
        }
        (BudgetFit::Unknown, _, _) => why.push("cost not found in the sources".into()),
        (_, None, Some((lo, hi))) => why.push(format!("costs {}", usd_range(lo, hi))),
        _ => {}
    }
    if let Some(t) = &c.tuition {
        why.push(tuition(t, c.location.map(|l| l.state.as_str())));
    } else if c.out_of_state {
        why.push("out-of-state tuition".into());
    }
    match c.meets_target_date {
        Some(true) => why.push(format!(
            "exam by {}, in time for the target date",
            c.exam_date
        )),
        Some(false) => why.push(format!("exam on {}, after the target date", c.exam_date)),
        None => why.push(format!("exam by {}", c.exam_date)),
    }
    if c.needed > 0 {
        why.push(format!(
            "teaches {} of the {} still missing for the exam and the job",
            c.covers.len(),
            count(c.needed, "topic", "topics")
        ));
    }
    why.push(match c.length {
        _ if c.length_of.is_some() => format!("length not found; {} assumed", months(c.months)),
        Length::Hours { hours: h } => format!(
            "{} at {} a week: about {}",
            count(num(h), "contact hour", "contact hours"),
            hours(c.hours_per_week),
            months(c.months)
        ),
        Length::Calendar { .. } => match c.advanced_standing {
            Some(d) => format!(
                "about {} with the {} counted (advanced standing)",
                months(c.months),
                degree(d)
            ),
            None => format!("about {}", months(c.months)),
        },
        Length::Assumed => format!("length not found; {} assumed", months(c.months)),
    });
    if let Some(l) = c.location {
        why.push(if c.campus_only {
            format!("taught only on campus, in {}, {}", l.city, l.state)
        } else {
            format!("taught in {}, {}", l.city, l.state)
        });
    }
    why.join("; ")
}

/// Which of a state college's two prices the plan counts, and the other: they are not a
/// range, one of them applies.
pub fn tuition(t: &Tuition, state: Option<&str>) -> String {
    let residents = state.map_or("residents".to_string(), |s| format!("{s} residents"));
    match t.residency {
        Residency::InState => format!(
            "in-state tuition (others pay {})",
            usd_range(t.out_of_state_usd.0, t.out_of_state_usd.1)
        ),
        Residency::OutOfState => format!(
            "out-of-state tuition ({residents} pay {})",
            usd_range(t.in_state_usd.0, t.in_state_usd.1)
        ),
        Residency::Unknown => format!(
            "out-of-state tuition, as the profile gives no state ({residents} pay {})",
            usd_range(t.in_state_usd.0, t.in_state_usd.1)
        ),
    }
}

/// A cost line's label.
pub fn cost_item(item: &CostItem) -> String {
    match item {
        CostItem::Diploma => "High-school equivalency (cost not in the data)".into(),
        CostItem::Programme {
            programme,
            range,
            out_of_state,
            tuition: t,
        } => {
            let mut s = programme.name.clone();
            if let Some((lo, hi)) = range
                && (hi - lo).abs() > 0.005
            {
                s.push_str(&format!(" (low end of {})", usd_range(*lo, *hi)));
            }
            if let Some(t) = t {
                let state = programme.location.as_ref().map(|l| l.state.as_str());
                s.push_str(&format!(", {}", tuition(t, state)));
            } else if *out_of_state {
                s.push_str(" (out-of-state tuition)");
            }
            s
        }
        CostItem::ExamFee { credential, kind } => match kind {
            Some(k) => format!("{} exam fee ({})", credential.id, fee_kind(*k)),
            None => format!("{} exam fee (not found)", credential.id),
        },
        CostItem::Restore { body } => format!("{} reinstatement fee", body.as_str()),
        CostItem::Apprentice { designation, .. } => {
            format!("Removing the {designation} status (course or Practicode)")
        }
        CostItem::Membership { body, payer } => {
            let who = match payer {
                Some(Payer::Student) => "student",
                _ => "individual",
            };
            format!(
                "{} {who} membership, first year (needed to sit the exam)",
                body.as_str()
            )
        }
    }
}
