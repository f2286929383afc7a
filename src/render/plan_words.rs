//! The sentences of a roadmap: stage titles and reasons, route and programme choices,
//! warnings and cost lines, written from the planner's facts.

use super::words::{
    and_list, article, count, degree, delivery, education, fee_kind, num, or_list, usd, usd_range,
};
use crate::data::catalog::Credential;
use crate::data::model::{ExperienceKind, Payer, Rounding};
use crate::plan::standing::Unmet;
use crate::plan::{
    Assumed, BudgetFit, Condition, CostItem, ExamStage, Length, Milestone, Prerequisite,
    ProgrammeChoice, ProgrammeFilter, RemovalPlan, RouteChoice, RouteOption, RouteRule, Stage,
    Target, TargetReason, Warning,
};
use crate::rules::Proration;

fn ids(cs: &[&Credential]) -> Vec<String> {
    cs.iter().map(|c| c.id.clone()).collect()
}

/// A short name for the kind of stage, for the timeline's first column.
pub fn stage_label(s: &Stage) -> &'static str {
    match s {
        Stage::Diploma => "Diploma",
        Stage::Programme { .. } => "Education",
        Stage::Work { .. } => "Work",
        Stage::Exam(e) if e.first_step => "First exam",
        Stage::Exam(_) => "Exam",
        Stage::Job { .. } => "First job",
        Stage::Apprentice(_) => "Apprentice",
        Stage::Renewal(_) => "Renewal",
        Stage::Advancement { .. } => "Option",
    }
}

/// The stage's title.
pub fn title(m: &Milestone) -> String {
    match &m.stage {
        Stage::Diploma => "Earn a high-school diploma or GED".into(),
        Stage::Programme { programme, .. } => format!("Complete: {}", programme.name),
        Stage::Work { months, toward } => {
            format!(
                "Reach {} of coding work for {}",
                count(months, "month", "months"),
                toward.id
            )
        }
        Stage::Exam(e) => {
            let c = e.credential;
            if !e.eligible {
                format!(
                    "Become eligible for, then pass, the {} exam ({})",
                    c.id,
                    c.body.as_str()
                )
            } else if !e.self_study.is_empty() && !e.review_only {
                format!("Study for and pass the {} exam ({})", c.id, c.body.as_str())
            } else {
                format!(
                    "Prepare for and pass the {} exam ({})",
                    c.id,
                    c.body.as_str()
                )
            }
        }
        Stage::Job { setting, .. } => {
            format!(
                "Find and start a first coding job: {}",
                setting.name.to_lowercase()
            )
        }
        Stage::Apprentice(a) => format!("Remove the {} apprentice status", a.designation),
        Stage::Renewal(r) => format!(
            "{} renewal: {} CEUs for {}",
            r.body.as_str(),
            num(r.ceus),
            and_list(&ids(&r.credentials))
        ),
        Stage::Advancement { career, .. } => format!("Option: {}", career.name),
    }
}

/// Why the stage is there, with its figures.
pub fn why(m: &Milestone) -> String {
    match &m.stage {
        Stage::Diploma => "Coding programmes and the AHIMA exams expect a high-school diploma or equivalent, so it comes first.".into(),
        Stage::Programme {
            programme,
            teaches,
            already_known,
        } => {
            let mut out = String::new();
            if !teaches.is_empty() {
                let names: Vec<String> = teaches.iter().map(|c| c.name.clone()).collect();
                out.push_str(&format!("Teaches what is still missing: {}.", and_list(&names)));
            }
            if !already_known.is_empty() {
                let names: Vec<String> = already_known.iter().map(|c| c.name.to_lowercase()).collect();
                out.push_str(&format!(
                    " It also covers what you already know ({}): ask the provider about credit for prior learning.",
                    and_list(&names)
                ));
            }
            if let Some(a) = &programme.accreditation {
                out.push_str(&format!(" Accreditation: {a}."));
            }
            if let Some(l) = &programme.location {
                out.push_str(&format!(" Taught in {}, {}.", l.city, l.state));
            }
            out.trim().to_string()
        }
        Stage::Work { months, toward } => format!(
            "The route chosen for {} asks for {} of coding work; it is dated from the work already done.",
            toward.id,
            count(months, "month", "months")
        ),
        Stage::Exam(e) => exam_why(e),
        Stage::Job { setting, credential, skills } => {
            let names: Vec<String> = skills.iter().map(|c| c.name.clone()).collect();
            let mut out = format!(
                "With {} in hand, apply for coding roles; the work: {}.",
                credential.id,
                names.join("; ")
            );
            if let Some(n) = &setting.share_note {
                out.push_str(&format!(" {n}"));
            }
            out
        }
        Stage::Apprentice(a) => {
            let mut out = format!(
                "{} is given to those who pass without two years of coding work. Best route: {}.",
                a.designation,
                removal(&a.chosen)
            );
            if !a.others.is_empty() {
                let others: Vec<String> = a.others.iter().map(removal).collect();
                out.push_str(&format!(" Other routes: {}.", others.join("; ")));
            }
            out
        }
        Stage::Renewal(r) => {
            let mut out = format!(
                "{} CEUs by {} under the {} rules",
                num(r.ceus),
                r.due,
                r.rulebook.id
            );
            for p in &r.prorations {
                out.push_str(&format!("; {}", proration(p)));
            }
            out.push('.');
            if let Some(f) = r.fee {
                out.push_str(&format!(" Fee {}.", usd(f)));
            } else if !r.fee_known && m.cost == crate::plan::Cost::Unknown {
                out.push_str(" Its fee is not in the data.");
            }
            out
        }
        Stage::Advancement {
            career,
            credentials,
            unmet,
            suits,
        } => {
            let mut out = String::new();
            if let Some(b) = suits {
                out.push_str(&format!("Suits a {} background. ", b.name));
            }
            if unmet.is_empty() {
                out.push_str("Its prerequisites in the sources are met by then.");
            } else {
                let needs: Vec<String> = unmet.iter().map(prerequisite).collect();
                out.push_str(&format!("Still needs {}.", and_list(&needs)));
            }
            if !credentials.is_empty() {
                out.push_str(&format!(" Credentials: {}.", ids(credentials).join(", ")));
            }
            if let Some(n) = &career.note {
                out.push_str(&format!(" {n}"));
            }
            out
        }
    }
}

fn exam_why(e: &ExamStage) -> String {
    let mut parts = Vec::new();
    let f = &e.fees;
    let mut fee = match f.exam {
        Some(x) => format!("Exam fee {} ({})", usd(x.usd), fee_kind(x.kind)),
        None => "Exam fee not found in the sources".into(),
    };
    if let Some(t) = f.two_attempts {
        fee.push_str(&format!("; a two-attempt package costs {}", usd(t)));
    }
    if let Some(m) = f.membership {
        let who = match m.payer {
            Some(Payer::Student) => "student membership",
            _ => "individual membership",
        };
        match m.usd {
            Some(v) => fee.push_str(&format!(
                "; {} {who}, first year, {} (required to sit the exam)",
                f.body.as_str(),
                usd(v)
            )),
            None => fee.push_str(&format!(
                "; {} membership is required to sit the exam (first-year price not found)",
                f.body.as_str()
            )),
        }
    }
    parts.push(fee);
    if let Some(x) = &e.format {
        let mut fmt = Vec::new();
        if let Some(q) = x.questions {
            fmt.push(format!("{q} questions"));
        }
        if let Some(m) = x.minutes {
            fmt.push(format!("{m} minutes"));
        }
        if let Some(p) = &x.passing {
            fmt.push(format!("pass mark {p}"));
        }
        if !x.delivery.is_empty() {
            let d: Vec<String> = x
                .delivery
                .iter()
                .map(|d| delivery(*d).to_string())
                .collect();
            fmt.push(or_list(&d));
        }
        if !fmt.is_empty() {
            parts.push(format!("Format: {}", fmt.join(", ")));
        }
    }
    parts.push(format!("{} weeks of exam preparation", num(e.prep_weeks)));
    if !e.self_study.is_empty() {
        let names: Vec<String> = e.self_study.iter().map(|c| c.name.clone()).collect();
        parts.push(if e.review_only {
            format!(
                "Review during preparation: {} ({} counts this route as preparation for the exam)",
                and_list(&names),
                e.credential.body.as_str()
            )
        } else {
            format!(
                "No stage of the plan teaches {}, which the exam tests: study it on your own or add a course",
                and_list(&names)
            )
        });
    }
    if !e.recommended_unmet.is_empty() {
        parts.push(format!(
            "{} recommends (does not require): {}",
            e.credential.body.as_str(),
            unmet_any(&e.recommended_unmet).replace("needs ", "")
        ));
    }
    if !e.eligible {
        parts.insert(0, format!("Not yet eligible: {}", unmet_any(&e.unmet)));
    }
    parts.join(". ") + "."
}

/// One unmet condition.
pub fn unmet(u: &Unmet) -> String {
    match u {
        Unmet::Education { level } => {
            let w = education(*level);
            format!("needs {} {w}", article(w))
        }
        Unmet::AccreditedDegree { level } => {
            let w = degree(*level);
            format!("needs {} {w}", article(w))
        }
        Unmet::Experience { months, has, kind } => {
            let what = match kind {
                ExperienceKind::Coding => "coding",
                ExperienceKind::PrivacySecurity => "privacy or security management",
            };
            format!("needs {months} months of {what} work (has {has})")
        }
        Unmet::Credential { any } => format!("needs {}", or_list(&ids(any))),
        Unmet::Coursework { missing } => {
            let names: Vec<String> = missing.iter().map(|c| c.name.to_lowercase()).collect();
            format!("needs coursework in {}", and_list(&names))
        }
    }
}

/// Routes' unmet conditions: `a and b; or c`.
pub fn unmet_any(routes: &[Vec<Unmet>]) -> String {
    let each: Vec<String> = routes
        .iter()
        .map(|r| r.iter().map(unmet).collect::<Vec<_>>().join(" and "))
        .collect();
    each.join("; or ")
}

/// What a route asks, in words.
pub fn conditions(cs: &[Condition]) -> String {
    let each: Vec<String> = cs
        .iter()
        .map(|c| match c {
            Condition::Education { level } => education(*level).to_string(),
            Condition::AccreditedDegree { level } => degree(*level).to_string(),
            Condition::Experience { months } => format!("{months} months of coding work"),
            Condition::Credential { any } => or_list(&ids(any)),
            Condition::Coursework { topics } => {
                let names: Vec<String> = topics.iter().map(|t| t.name.to_lowercase()).collect();
                format!("coursework in {}", and_list(&names))
            }
            Condition::Nothing => "no proof of education or experience".into(),
        })
        .collect();
    and_list(&each)
}

/// The chosen route, why, and the runner-up.
pub fn route(r: &RouteChoice, target: &Credential) -> String {
    let c = &r.chosen;
    let kind = if c.recommended {
        "recommended"
    } else {
        "required"
    };
    let mut out = format!(
        "{} ({kind} route), exam by {}",
        conditions(&c.asks),
        c.exam_date
    );
    out.push_str(&match r.rule {
        RouteRule::MetToday => {
            ": already met, so the plan goes straight to exam preparation".to_string()
        }
        RouteRule::Only => ": the only route the data gives".to_string(),
        RouteRule::EarliestWithinBudget => {
            ": the earliest exam among routes whose known costs fit the budget".to_string()
        }
        RouteRule::Earliest => ": the earliest exam".to_string(),
        RouteRule::Cheapest => ": no route fits the budget, so the cheapest".to_string(),
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
    let setting = t.setting.name.to_lowercase();
    match t.why {
        TargetReason::Named { fits: true } => {
            format!("{} is named in the profile; it fits {setting}", c.id)
        }
        TargetReason::Named { fits: false } => format!(
            "{} is named in the profile; it is not among the credentials the data lists for {setting}",
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

/// One apprentice removal plan.
pub fn removal(r: &RemovalPlan) -> String {
    let mut parts = Vec::new();
    if r.work_months > 0 {
        parts.push(if r.work_left == 0 {
            format!("{} months of coding work (done)", r.work_months)
        } else {
            format!(
                "{} months of coding work ({} to go)",
                r.work_months, r.work_left
            )
        });
    }
    if let Some(h) = r.course_hours {
        let hours = format!("{}-hour", num(h));
        let a = article(&hours);
        parts.push(match r.course {
            Some(c) => format!("{a} {hours} coding course such as {}", c.name),
            None => format!("{a} {hours} coding course (done)"),
        });
    }
    if r.practicode {
        parts.push(if r.practicode_left {
            "Practicode".into()
        } else {
            "Practicode (done)".into()
        });
    }
    format!("{}, by {}", and_list(&parts), r.done)
}

/// A pro-rated requirement.
pub fn proration(p: &Proration) -> String {
    let round = match p.rounding {
        Rounding::Up => "rounded up",
        Rounding::Nearest => "rounded",
        Rounding::Down => "rounded down",
    };
    let whose = match p.credential {
        Some(c) => format!("{}'s share pro-rated", c.id),
        None => "first cycle pro-rated".into(),
    };
    let est = if p.estimated {
        " (an estimate: the body does not publish its formula)"
    } else {
        ""
    };
    format!(
        "{whose}: {} × {} of {} months, {round} = {}{est}",
        num(p.ceus),
        p.months,
        p.cycle_months,
        num(p.result)
    )
}

fn prerequisite(p: &Prerequisite) -> String {
    match p {
        Prerequisite::Credential { any } => or_list(&ids(any)),
        Prerequisite::Education { level } => {
            let w = education(*level);
            format!("{} {w}", article(w))
        }
        Prerequisite::Experience { months } => format!("{months} months of experience"),
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
            "may fit the {} budget: {} at the low end, {} at the high end, before exam fees",
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
    if c.out_of_state {
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
            "teaches {} of the {} topics still missing",
            c.covers.len(),
            c.needed
        ));
    }
    why.push(match c.length {
        Length::Hours { hours } => format!(
            "{} contact hours at {} hours a week: about {} months",
            num(hours),
            num(c.hours_per_week),
            num(c.months)
        ),
        Length::Calendar { .. } => format!("about {} months", num(c.months)),
        Length::Assumed => format!("length not found; {} months assumed", num(c.months)),
    });
    if let Some(l) = c.location {
        why.push(format!("taught in {}, {}", l.city, l.state));
    }
    why.join("; ")
}

/// A cost line's label.
pub fn cost_item(item: &CostItem) -> String {
    match item {
        CostItem::Diploma => "High-school equivalency (cost not in the data)".into(),
        CostItem::Programme {
            programme,
            range,
            out_of_state,
        } => {
            let mut s = programme.name.clone();
            if let Some((lo, hi)) = range
                && (hi - lo).abs() > 0.005
            {
                s.push_str(&format!(" (low end of {})", usd_range(*lo, *hi)));
            }
            if *out_of_state {
                s.push_str(" (out-of-state tuition)");
            }
            s
        }
        CostItem::ExamFee { credential, kind } => match kind {
            Some(k) => format!("{} exam fee ({})", credential.id, fee_kind(*k)),
            None => format!("{} exam fee (not found)", credential.id),
        },
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
            weeks_late,
            hours_needed,
            hours_now,
            alternative,
        } => {
            let mut fix = Vec::new();
            if let Some(h) = hours_needed {
                fix.push(format!(
                    "studying {} hours a week instead of {} would meet it",
                    num(*h),
                    num(*hours_now)
                ));
            }
            if let Some(a) = alternative {
                fix.push(format!("{} would meet it", a.name));
            }
            if fix.is_empty() {
                fix.push("no programme in the data meets it; consider a later target date".into());
            }
            (
                "Misses the target date",
                format!(
                    "The target exam is on {ready}, {} after the {by} target: {}.",
                    count(weeks_late, "week", "weeks"),
                    fix.join("; ")
                ),
            )
        }
        Warning::OverBudget {
            known_usd,
            budget_usd,
            unknown,
        } => {
            let more = if *unknown > 0 {
                format!(", and {} not found", count(unknown, "cost is", "costs are"))
            } else {
                String::new()
            };
            (
                "Over budget",
                format!(
                    "Known costs to the target are {}, {} over the {} budget{more}.",
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
                },
                credential.id,
                if *filter == ProgrammeFilter::Delivery {
                    "; relax preferences.delivery"
                } else {
                    ""
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
        Warning::UnknownLength { programme, months } => (
            "Length not found",
            format!(
                "The length of {} was not found; the plan assumes {} months.",
                programme.name,
                num(*months)
            ),
        ),
        Warning::HoursTooFew {
            programme,
            months,
            limit_months,
            stated_limit,
            hours_needed,
        } => (
            "Too few study hours",
            format!(
                "At this pace {} would take about {} months, more than {} months{}; it needs about {} hours a week.",
                programme.name,
                num(*months),
                num(*limit_months),
                if *stated_limit {
                    ", its longest allowed length"
                } else {
                    ", the longest the plan assumes is sensible"
                },
                num(*hours_needed)
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
        } => (
            "Residency price",
            match state {
                Some(s) => format!(
                    "{} is in {}, {}; as a resident of {s} you may pay out-of-state tuition.",
                    programme.name, location.city, location.state
                ),
                None => format!(
                    "{} is in {}, {}; state colleges charge more to students from other states, and the profile gives no state.",
                    programme.name, location.city, location.state
                ),
            },
        ),
        Warning::RenewalUnknown { body, problem } => (
            "Renewal not placed",
            format!(
                "The {} renewal could not be placed: {}.",
                body.as_str(),
                super::problem(problem).0
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
        Assumed::AdvanceAfterMonths => "Months of work before advancement",
    }
}
