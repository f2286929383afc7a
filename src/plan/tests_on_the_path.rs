//! Planner tests for people already on the path whose standing the CEU log or the target
//! date changes: overdue and revoked credentials, a near target date against a body's
//! recommendation, a programme aimed at another exam.

use super::tests::{AS_OF, codes, has, ids, plan_for};
use super::*;
use crate::testing::{EMBEDDED, d, person};

fn plan_with_log(yaml: &str, ceus: &str) -> Plan<'static> {
    let p = person(&EMBEDDED, yaml, d(AS_OF));
    let l = crate::testing::log(&EMBEDDED, ceus);
    super::plan(&p, &l, &EMBEDDED, d(AS_OF)).unwrap()
}

/// Held credentials in trouble: overdue is warned; revoked within the reinstatement window
/// is warned with its deadline and fee; revoked past it is planned as not held (the exam
/// again, its topics reviewed), the revoked credential becoming the target.
#[test]
fn lapsed_and_revoked_credentials_shape_the_plan() {
    let overdue = "name: O\neducation: high_school\ncredentials: [{ id: CPC, earned: 2012-04-20 }]\naapc_renewal: 2026-10-01\nceu_log: o.ceus.yaml\nceu_log_since: 2024-10-01\n";
    let twenty = "- { date: 2025-03-03, title: a, provider: AAPC, ceus: 20, aapc_index: X1 }\n";
    let p = plan_with_log(overdue, twenty);
    assert!(
        codes(&p).contains(&"renewal_lapsed".to_string()),
        "{:?}",
        codes(&p)
    );
    assert!(!codes(&p).contains(&"credential_revoked".to_string()));

    // Cycles end 2021-05-31, 2023-05-31, 2025-05-31; nothing logged since 2023-06-01.
    let revoked = "name: R\neducation: high_school\ncredentials: [{ id: CPC, earned: 2015-05-01 }]\naapc_renewal: 2017-05-31\nceu_log: r.ceus.yaml\nceu_log_since: 2023-06-01\n";
    let p = plan_with_log(revoked, "");
    let w = p
        .warnings
        .iter()
        .find_map(|w| match w {
            Warning::CredentialRevoked {
                reinstate_until,
                fee_usd,
                ..
            } => Some((*reinstate_until, *fee_usd)),
            _ => None,
        })
        .unwrap();
    assert_eq!(w, (Some(d("2028-08-29")), Some(200.0)));
    assert!(!has(&p, "exam:CPC"), "still reinstatable: {:?}", ids(&p));
    // Revoked is not in force: reinstating it is a stage with its fee, and the person is
    // job-ready only once it is done, not now.
    let restore = p
        .milestones
        .iter()
        .find(|m| m.id == "restore:AAPC")
        .unwrap();
    assert_eq!(
        (restore.end, restore.cost),
        (d("2028-08-29"), Cost::Known(200.0))
    );
    assert!(matches!(
        restore.stage,
        Stage::Restore { revoked: true, .. }
    ));
    assert_eq!(p.job_ready, Some(d("2028-08-29")));
    assert_eq!(p.costs.known_usd, 200.0);
    // Reinstating comes first; the revoked credential's cycle is on hold, so no renewal.
    assert_eq!(p.milestones[0].id, "restore:AAPC", "{:?}", ids(&p));
    assert!(
        !ids(&p).iter().any(|id| id.starts_with("renewal:AAPC")),
        "{:?}",
        ids(&p)
    );
    // Overdue is still held and in force: nothing to restore.
    let p = plan_with_log(overdue, twenty);
    assert!(!has(&p, "restore:AAPC"), "{:?}", ids(&p));
    assert_eq!(p.job_ready, Some(d(AS_OF)));

    let long_ago = revoked.replace("2023-06-01", "2017-06-01");
    let p = plan_with_log(&long_ago, "");
    assert_eq!(p.target.credential.id, "CPC");
    assert!(matches!(p.target.why, TargetReason::Regain));
    assert!(has(&p, "exam:CPC"), "the exam again: {:?}", ids(&p));
    // Passed once: the exam's topics are reviewed, not taught again by a programme.
    assert!(!has(&p, "programme"), "{:?}", ids(&p));
    let exam = p.milestones.iter().find(|m| m.id == "exam:CPC").unwrap();
    assert!(
        matches!(&exam.stage, Stage::Exam(e) if matches!(e.review, Some(Review::PassedBefore)))
    );
}

/// An AHIMA credential left inactive by an unmet cycle is restored by the CEUs it lacks
/// before it can be used; no fee is added (an extension is a choice).
#[test]
fn an_inactive_credential_is_restored_first() {
    // CCS cycles run from 2024-09-01; the first ended 2026-08-31 with 4 of 20 CEUs.
    let yaml = "name: I\neducation: certificate\nmemberships: [AHIMA]\ncredentials: [{ id: CCS, earned: 2024-09-01 }]\nceu_log: i.ceus.yaml\nceu_log_since: 2024-09-01\n";
    let four = "- { date: 2025-03-03, title: a, provider: AHIMA, ceus: 4, domain: hiim, ahima_sourced: true }\n";
    let p = plan_with_log(yaml, four);
    let restore = p.milestones.iter().find(|m| m.id == "restore:AHIMA");
    let restore = restore.unwrap_or_else(|| panic!("{:?} {:?}", ids(&p), codes(&p)));
    assert!(
        matches!(restore.stage, Stage::Restore { revoked: false, ceus, .. } if ceus == 16.0),
        "{:?}",
        restore.stage
    );
    assert_eq!(restore.cost, Cost::None);
    assert_eq!(p.job_ready, Some(restore.end));
}

/// Advancement waits for the months of work it asks, counted once: a working coder's
/// experience by the exam includes the months up to it.
#[test]
fn advancement_counts_the_work_before_the_exam_once() {
    let yaml = "name: L\neducation: high_school\nexperience_months: 8\ncurrently_coding: true\nmemberships: [AHIMA]\ncredentials: [{ id: CCA, earned: 2025-05-01 }]\ncompleted: [medical_terminology, anatomy_physiology, icd10cm, cpt]\ntarget: { setting: hospital_inpatient, credential: CCS }\n";
    let p = plan_for(yaml);
    let months = p
        .assumptions
        .iter()
        .find(|a| a.key == Assumed::AdvanceAfterMonths);
    let months = months.unwrap().value;
    let option = p
        .milestones
        .iter()
        .find(|m| m.id.starts_with("advance:"))
        .unwrap();
    // Eight months now, the rest from today: the option is due `months - 8` months on.
    let expected = crate::dates::add_fractional_months(d(AS_OF), months - 8.0);
    assert!(
        (option.start - expected).num_days().abs() <= 1,
        "{} vs {expected}",
        option.start
    );
}

/// CCS requires only a diploma; AHIMA recommends a year of work with the CCA. The
/// recommendation is followed unless a target date needs the exam sooner, and then the
/// plan sits it now and warns of the topics not taught.
#[test]
fn a_near_target_date_takes_the_bare_requirement() {
    let yaml = |by: &str| {
        format!(
            "name: P\neducation: certificate\nexperience_months: 8\nmemberships: [AHIMA]\ncredentials: [{{ id: CCA, earned: 2024-03-15 }}]\ncompleted: [medical_terminology, anatomy_physiology, icd10cm]\ntarget: {{ setting: hospital_inpatient, credential: CCS{by} }}\n"
        )
    };
    let p = plan_for(&yaml(""));
    let r = p.route.as_ref().unwrap();
    assert!(r.chosen.recommended);
    assert!(matches!(r.rule, RouteRule::Recommended));
    let soon = plan_for(&yaml(", by: 2027-02-15"));
    let r = soon.route.as_ref().unwrap();
    assert!(!r.chosen.recommended, "{:?}", r.chosen.asks);
    assert!(r.chosen.exam_date <= d("2027-02-15"));
    assert!(codes(&soon).contains(&"exam_not_prepared".to_string()));
}

/// A tight budget on campus picks a college certificate aimed at the CCA for a CPC target:
/// the plan says so.
#[test]
fn a_programme_aimed_at_another_exam_is_named() {
    let p = plan_for(
        "name: R\neducation: ged\nbackgrounds: [medical_assistant]\ntarget: { setting: physician_office }\npreferences: { delivery: [on_campus], budget_usd: 800, hours_per_week: 5 }\n",
    );
    assert_eq!(p.target.credential.id, "CPC");
    let aims = p.programme.as_ref().unwrap().programme.prepares_for.clone();
    let cpc = EMBEDDED
        .find::<crate::data::catalog::Credential>("CPC")
        .unwrap();
    assert_eq!(
        codes(&p).contains(&"aims_elsewhere".to_string()),
        !aims.is_empty() && !aims.contains(&cpc),
        "{:?}",
        codes(&p)
    );
}

/// Case 11: a target date in the past is a warning, not an error.
#[test]
fn a_past_target_date_still_plans() {
    let p = plan_for(
        "name: T\neducation: high_school\ntarget: { setting: physician_office, by: 2025-01-01 }\n",
    );
    assert_eq!(codes(&p)[0], "target_date_passed");
    assert!(has(&p, "exam:CPC"));
}

/// A target date too soon for every programme names the study hours that would meet it
/// (12 weeks away: at 13 hours a week the 80-hour AAPC course leaves 6 weeks of exam
/// preparation before the date), the fewest that do: the plan at those hours meets it, and
/// at one hour fewer it does not.
#[test]
fn a_near_target_date_names_the_fix() {
    let yaml = |h: u32| {
        format!(
            "name: U\neducation: high_school\ntarget: {{ setting: physician_office, by: 2027-02-20 }}\npreferences: {{ hours_per_week: {h}, delivery: [online] }}\n"
        )
    };
    let p = plan_for(&yaml(10));
    let w = p
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::MissesTargetDate { .. }))
        .unwrap();
    let Warning::MissesTargetDate { hours_needed, .. } = w else {
        unreachable!()
    };
    assert_eq!(*hours_needed, Some(13.0));
    let late = |h| {
        codes(&plan_for(&yaml(h)))
            .iter()
            .any(|c| c == "misses_target_date")
    };
    assert!(!late(13) && late(12));
}

/// A programme that includes Practicode gives access, not the finished cases: a beginner
/// planned through the AAPC course still has Practicode to pass after the exam, at no extra
/// cost, and the course that counts is named as the plan's programme, not as done.
#[test]
fn practicode_with_the_course_is_still_to_pass() {
    let p = plan_for(
        "name: E\neducation: ged\ntarget: { setting: physician_office }\npreferences: { budget_usd: 1500, hours_per_week: 5 }\n",
    );
    let Some(Stage::Apprentice(a)) = p
        .milestones
        .iter()
        .find(|m| m.id == "apprentice:CPC")
        .map(|m| &m.stage)
    else {
        panic!("no apprentice stage in {:?}", ids(&p))
    };
    let exam = p.milestones.iter().find(|m| m.id == "exam:CPC").unwrap();
    assert_eq!(a.chosen.route, "course_and_practicode");
    assert!(a.chosen.course_planned && a.chosen.course.is_none());
    assert!(a.chosen.practicode_left && a.chosen.practicode_included);
    assert!(a.chosen.done > exam.end);
    assert!(matches!(a.chosen.cost, Cost::None));
}

/// Someone coding now practises the job skills at work: those gaps are dated, count in the
/// score after the plan, and are not a readiness-gap warning.
#[test]
fn a_working_coder_practises_the_job_skills_at_work() {
    let p = plan_for(
        "name: W\neducation: certificate\nexperience_months: 2\ncurrently_coding: true\ncredentials: [{ id: CPC, earned: 2026-02-10, apprentice: true }]\naapc_renewal: 2027-02-28\ntarget: { setting: physician_office }\n",
    );
    let practised: Vec<_> = p
        .readiness
        .missing
        .iter()
        .filter_map(|g| g.practised_on)
        .collect();
    assert!(!practised.is_empty());
    assert!(
        practised
            .iter()
            .all(|d| *d == crate::testing::d("2027-03-27"))
    );
    let gap = p.warnings.iter().find_map(|w| match w {
        Warning::ReadinessGap { competencies } => Some(competencies),
        _ => None,
    });
    assert!(
        gap.is_none_or(|cs| cs
            .iter()
            .all(|c| c.kind != crate::data::model::CompetencyKind::Skill)),
        "{gap:?}"
    );
}

/// AAPC's yearly dues fall twice in a renewal stage of 22 months (the first cycle after a
/// CPC earned in April 2027), and the stage costs both.
#[test]
fn yearly_dues_are_charged_each_year() {
    let p = plan_for(
        "name: Y\neducation: ged\ntarget: { setting: physician_office }\npreferences: { budget_usd: 1500, hours_per_week: 5 }\n",
    );
    let twice: Vec<&Milestone> = p
        .milestones
        .iter()
        .filter(|m| matches!(&m.stage, Stage::Renewal(r) if r.fee_times == 2))
        .collect();
    assert!(!twice.is_empty(), "{:?}", ids(&p));
    for m in twice {
        let Stage::Renewal(r) = &m.stage else {
            unreachable!()
        };
        assert_eq!(m.cost, Cost::Known(r.fee.unwrap() * 2.0));
    }
}

/// A CPC holder adding the CPMA: the renewal names the 16 auditing CEUs of the total, and the
/// auditor path the plan has just reached is not offered as a next step.
#[test]
fn a_discipline_credential_renews_with_its_minimum_and_is_not_offered_again() {
    let p = plan_for(
        "name: M\neducation: high_school\nexperience_months: 36\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2023-03-01 }]\naapc_renewal: 2027-03-31\ntarget: { setting: physician_office, credential: CPMA }\n",
    );
    let minimums: Vec<(String, f64)> = p
        .milestones
        .iter()
        .filter_map(|m| match &m.stage {
            Stage::Renewal(r) => Some(r),
            _ => None,
        })
        .flat_map(|r| r.minimums.iter().map(|m| (m.credential.id.clone(), m.ceus)))
        .collect();
    assert!(
        minimums.contains(&("CPMA".to_string(), 16.0)),
        "{minimums:?}"
    );
    assert!(!has(&p, "advance:auditing"), "{:?}", ids(&p));
    assert!(has(&p, "advance:specialty_coding"), "{:?}", ids(&p));
}

/// Advancement counts work in calendar months from where it starts: a coder with N months
/// of work reaches an option's months on the calendar date, for every N (they fell a day
/// short when the months were counted in fractions from a later point of the plan).
#[test]
fn advancement_dates_fall_on_the_calendar() {
    let at = |months: u32| {
        let p = plan_for(&format!(
            "name: C\neducation: high_school\nexperience_months: {months}\ncurrently_coding: true\nmemberships: [AHIMA]\ncredentials: [{{ id: CCA, earned: 2026-03-15 }}]\ntarget: {{ setting: hospital_inpatient, credential: CCS }}\n"
        ));
        p.milestones
            .iter()
            .find(|m| m.id == "advance:auditing")
            .map(|m| m.end)
            .unwrap()
    };
    let total = crate::dates::whole_months(d(AS_OF), at(0));
    for months in 1..=13 {
        assert_eq!(
            at(months),
            crate::dates::add_months(d(AS_OF), total - months),
            "{months} months of work"
        );
    }
}
