//! The sentences of a roadmap: stage titles and reasons, route and programme choices,
//! warnings and cost lines, written from the planner's facts.

use super::words::{
    and_list, article, ceus, count, degree, degree_or_higher, delivery, education, fee_kind,
    in_sentence, months, num, or_list, rulebook, usd,
};
use crate::data::catalog::Credential;
use crate::data::model::{ExperienceKind, Payer, Rounding};
use crate::plan::standing::Unmet;
use crate::plan::{Condition, ExamStage, Milestone, Prerequisite, RemovalPlan, Review, Stage};
use crate::rules::Proration;

/// Credential ids.
pub fn ids(cs: &[&Credential]) -> Vec<String> {
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
        Stage::Restore { revoked: true, .. } => "Reinstate",
        Stage::Restore { .. } => "Reactivate",
        Stage::Advancement { .. } => "Option",
    }
}

/// The stage's title.
pub fn title(m: &Milestone) -> String {
    match &m.stage {
        Stage::Diploma => "Earn a high-school diploma or GED".into(),
        Stage::Programme { programme, .. } => format!("Complete: {}", programme.name),
        Stage::Work { months: m, toward } => {
            format!("Reach {} of coding work for {}", months(*m), toward.id)
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
                in_sentence(&setting.name)
            )
        }
        Stage::Apprentice(a) => format!("Remove the {} apprentice status", a.designation),
        Stage::Renewal(r) => format!(
            "{} renewal: {} for {}",
            r.body.as_str(),
            ceus(r.ceus),
            and_list(&ids(&r.credentials))
        ),
        Stage::Restore {
            body,
            credentials,
            revoked,
            ..
        } => format!(
            "{} {} ({})",
            if *revoked { "Reinstate" } else { "Reactivate" },
            and_list(&ids(credentials)),
            body.as_str()
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
            advanced_standing,
        } => {
            let mut out = String::new();
            if !teaches.is_empty() {
                let names: Vec<String> = teaches.iter().map(|c| in_sentence(&c.name)).collect();
                out.push_str(&format!(
                    "Teaches what is still missing for the exam and the job: {}.",
                    and_list(&names)
                ));
            }
            if !already_known.is_empty() {
                let names: Vec<String> = already_known.iter().map(|c| in_sentence(&c.name)).collect();
                out.push_str(&format!(
                    " It also covers what you already know ({}): ask the provider about credit for prior learning.",
                    and_list(&names)
                ));
            }
            if let Some(d) = advanced_standing {
                out.push_str(&format!(
                    " Your {} counts for its first years (advanced standing), so the plan takes its shorter length; ask the school how much it credits.",
                    degree(*d)
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
        Stage::Work { months: m, toward } => format!(
            "The route chosen for {} asks for {} of coding work; it is dated from the work already done.",
            toward.id,
            months(*m)
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
                "{} by {} under the {}",
                ceus(r.ceus),
                r.due,
                rulebook(r.rulebook)
            );
            for p in &r.prorations {
                out.push_str(&format!("; {}", proration(p)));
            }
            if !r.minimums.is_empty() {
                let each: Vec<String> = r
                    .minimums
                    .iter()
                    .map(|m| format!("{} related to {}", ceus(m.ceus), m.credential.id))
                    .collect();
                // A minimum the pro-rated total does not hold is a need of its own.
                let within = r.minimums.iter().map(|m| m.ceus).sum::<f64>() <= r.ceus + 1e-9;
                let joined = if within { "including" } else { "and at least" };
                out.push_str(&format!(", {joined} {}", and_list(&each)));
            }
            out.push('.');
            if let Some(f) = r.fee {
                out.push_str(&match r.fee_times {
                    0 | 1 => format!(" Fee {}.", usd(f)),
                    n => format!(
                        " Membership dues {} at each renewal, {n} in this cycle: {}.",
                        usd(f),
                        usd(f * f64::from(n))
                    ),
                });
            } else if !r.fee_known && m.cost == crate::plan::Cost::Unknown {
                out.push_str(" Its fee is not in the data.");
            }
            out
        }
        Stage::Restore {
            credentials,
            revoked,
            ceus: missing,
            ..
        } => {
            let held = and_list(&ids(credentials));
            let mut out = if *revoked {
                format!(
                    "{held} was revoked and cannot be used until it is reinstated: report the {} the ended cycle lacks and pay the missed dues",
                    ceus(*missing)
                )
            } else {
                format!(
                    "{held} is inactive and cannot be used until the {} the ended cycle lacks are earned and reported",
                    ceus(*missing)
                )
            };
            if let crate::plan::Cost::Known(f) = m.cost {
                out.push_str(&format!(" and the {} reinstatement fee", usd(f)));
            }
            out.push_str(&format!(
                ", by {}. After that it is {}",
                m.end,
                if *revoked {
                    "earned again only by passing the exam."
                } else {
                    "revoked."
                }
            ));
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
            fmt.push(count(q, "question", "questions"));
        }
        if let Some(m) = x.minutes {
            fmt.push(count(m, "minute", "minutes"));
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
    parts.push(format!(
        "{} of exam preparation",
        count(num(e.prep_weeks), "week", "weeks")
    ));
    if !e.self_study.is_empty() {
        let names: Vec<String> = e.self_study.iter().map(|c| c.name.clone()).collect();
        parts.push(if let Some(Review::Experience { credential, months: m }) = &e.review {
            format!(
                "Review during preparation: {} (holding {} with {} of coding work)",
                and_list(&names),
                credential.id,
                months(*m)
            )
        } else if let Some(Review::PassedBefore) = e.review {
            format!(
                "Review during preparation: {} (the {} exam was passed before)",
                and_list(&names),
                e.credential.id
            )
        } else if e.review_only {
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
            let w = degree_or_higher(*level);
            format!("needs {} {w}", article(&w))
        }
        Unmet::Experience {
            months: m,
            has,
            kind,
        } => {
            let what = match kind {
                ExperienceKind::Coding => "coding",
                ExperienceKind::PrivacySecurity => "privacy or security management",
            };
            format!("needs {} of {what} work (has {has})", months(*m))
        }
        Unmet::Credential { any } => format!("needs {}", or_list(&ids(any))),
        Unmet::Coursework { missing } => {
            let names: Vec<String> = missing.iter().map(|c| in_sentence(&c.name)).collect();
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
            Condition::AccreditedDegree { level } => degree_or_higher(*level),
            Condition::Experience { months: m } => format!("{} of coding work", months(*m)),
            Condition::Credential { any } => or_list(&ids(any)),
            Condition::Coursework { topics } => {
                let names: Vec<String> = topics.iter().map(|t| in_sentence(&t.name)).collect();
                format!("coursework in {}", and_list(&names))
            }
            Condition::Nothing => "no proof of education or experience".into(),
            Condition::NotInData => "eligibility not found in the sources".into(),
        })
        .collect();
    and_list(&each)
}

/// One apprentice removal plan.
pub fn removal(r: &RemovalPlan) -> String {
    let mut parts = Vec::new();
    if r.work_months > 0 {
        parts.push(if r.work_left == 0 {
            format!("{} of coding work (done)", months(r.work_months))
        } else {
            format!(
                "{} of coding work ({} to go)",
                months(r.work_months),
                r.work_left
            )
        });
    }
    if let Some(h) = r.course_hours {
        let hours = format!("{}-hour", num(h));
        let a = article(&hours);
        parts.push(match r.course {
            Some(c) => format!("{a} {hours} coding course such as {}", c.name),
            None if r.course_planned => format!("{a} {hours} coding course (the plan's programme)"),
            None => format!("{a} {hours} coding course (done)"),
        });
    }
    if r.practicode {
        parts.push(match (r.practicode_left, r.practicode_included) {
            (false, _) => "Practicode (done)".into(),
            (true, true) => {
                "Practicode (included with the course; all its cases still to pass)".into()
            }
            (true, false) => "Practicode (all its cases still to pass)".into(),
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
        "{whose}: {} × {} of {}, {round} = {}{est}",
        num(p.ceus),
        p.months,
        months(p.cycle_months),
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
        Prerequisite::Experience { months: m } => format!("{} of experience", months(*m)),
    }
}
