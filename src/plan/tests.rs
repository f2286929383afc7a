//! Planner tests on distinct person states, each stating the advice a counsellor would give
//! and checking the route, the stages, their dates, the costs and the warnings.

use chrono::NaiveDate;

use super::*;
use crate::data::Catalog;
use crate::person::log::Log;
use crate::testing::{EMBEDDED, catalog_with, d, person};

pub(super) const AS_OF: &str = "2026-11-27";

pub(super) fn plan_for(yaml: &str) -> Plan<'static> {
    plan_in(&EMBEDDED, yaml)
}

/// A plan against `catalog`.
pub(super) fn plan_in<'c>(catalog: &'c Catalog, yaml: &str) -> Plan<'c> {
    let p = person(catalog, yaml, d(AS_OF));
    super::plan(&p, &Log::default(), catalog, d(AS_OF)).unwrap()
}

/// The embedded data with every programme taught online only, so that an on-campus
/// preference leaves none.
pub(super) fn online_only() -> Catalog {
    let text = include_str!("../../data/programmes.yaml")
        .replace(", on_campus]", "]")
        .replace("[on_campus]", "[online]");
    catalog_with(&[("programmes.yaml", &text)])
}

fn stage<'a, 'c>(p: &'a Plan<'c>, id: &str) -> &'a Milestone<'c> {
    p.milestones
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(p)))
}

pub(super) fn has(p: &Plan, id: &str) -> bool {
    p.milestones.iter().any(|m| m.id == id)
}

pub(super) fn ids(p: &Plan) -> Vec<String> {
    p.milestones.iter().map(|m| m.id.clone()).collect()
}

pub(super) fn codes(p: &Plan) -> Vec<String> {
    p.warnings
        .iter()
        .map(|w| {
            serde_json::to_value(w).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn end(p: &Plan, id: &str) -> NaiveDate {
    stage(p, id).end
}

fn renewals<'a, 'c>(p: &'a Plan<'c>) -> Vec<&'a RenewalStage<'c>> {
    p.milestones
        .iter()
        .filter_map(|m| match &m.stage {
            Stage::Renewal(r) => Some(&**r),
            _ => None,
        })
        .collect()
}

fn programme_id<'a>(p: &'a Plan) -> Option<&'a str> {
    p.programme.as_ref().map(|c| c.programme.id.as_str())
}

/// A beginner aiming at a physician office: a certificate that fits the budget, then the CPC
/// with first-year student membership (not the renewal price), apprentice removal and a
/// pro-rated first renewal.
#[test]
fn beginner_physician_office() {
    let p = plan_for(
        "name: A\neducation: high_school\ntarget: { setting: physician_office }\npreferences: { budget_usd: 4000, hours_per_week: 10, delivery: [online] }\n",
    );
    assert_eq!(p.target.credential.id, "CPC");
    assert_eq!(p.route.as_ref().unwrap().rule, RouteRule::MetToday);
    assert_eq!(programme_id(&p), Some("online_vocational"));
    assert_eq!(end(&p, "programme"), d("2027-10-01"));
    assert_eq!(end(&p, "exam:CPC"), d("2027-11-12"));
    // The unknown one: Practicode to buy for CPC-A removal (the certificate does not include it).
    assert_eq!((p.costs.known_usd, p.costs.unknown), (3582.0, 1));
    let fees = match &stage(&p, "exam:CPC").stage {
        Stage::Exam(e) => e.fees.clone(),
        _ => unreachable!(),
    };
    assert_eq!(
        fees.membership.unwrap().payer,
        Some(crate::data::model::Payer::Student)
    );
    assert_eq!(fees.two_attempts, Some(499.0));
    assert!(has(&p, "job") && has(&p, "apprentice:CPC"));
    let r = renewals(&p);
    assert_eq!(
        (r[0].ceus, r[0].due),
        (15.0, d("2028-10-01")),
        "pro-rated first renewal"
    );
    // $3,582 fits $4,000 at the certificate's low end; its high end ($5,000) does not.
    assert_eq!(codes(&p), vec!["range_over_budget"]);
}

/// A beginner aiming at hospital inpatient: CCA first (the setting takes it), a first job,
/// a year of work, then CCS.
#[test]
fn beginner_hospital_inpatient_takes_cca_then_ccs() {
    let p = plan_for("name: B\neducation: high_school\ntarget: { setting: hospital_inpatient }\n");
    assert_eq!(p.target.credential.id, "CCS");
    assert_eq!(p.target.first_step.unwrap().id, "CCA");
    let cca = end(&p, "exam:CCA");
    let job = stage(&p, "job");
    assert_eq!(job.start, cca);
    assert_eq!(stage(&p, "work:CCS").end, d("2029-02-12"));
    assert_eq!(end(&p, "exam:CCS"), d("2029-03-26"));
    assert_eq!(p.job_ready, Some(cca));
    // Costs run through the target: both exams are counted.
    assert!(
        p.costs.lines.iter().any(
            |l| matches!(l.item, CostItem::ExamFee { credential, .. } if credential.id == "CCS")
        )
    );
}

/// No diploma: a GED first, then the rest.
#[test]
fn no_diploma_starts_with_a_ged() {
    let p = plan_for("name: C\neducation: none\ntarget: { setting: physician_office }\n");
    assert_eq!(p.milestones[0].id, "diploma");
    assert_eq!(p.milestones[0].end, d("2027-05-27"));
    assert!(stage(&p, "programme").start >= d("2027-05-27"));
    assert_eq!(
        p.costs.lines[0].cost,
        Cost::Unknown,
        "the GED's cost is unknown, not $0"
    );
}

/// Case 1: a CCA holder with 12 months of coding work meets AHIMA's recommended route today:
/// a few weeks of preparation, no degree, no programme.
#[test]
fn cca_with_a_year_of_work_goes_straight_to_ccs() {
    let p = plan_for(
        "name: D\neducation: high_school\nexperience_months: 12\ncredentials: [{ id: CCA, earned: 2025-06-01 }]\ntarget: { setting: hospital_inpatient, credential: CCS }\n",
    );
    let r = p.route.as_ref().unwrap();
    assert_eq!(r.rule, RouteRule::MetToday);
    assert!(r.chosen.recommended);
    assert!(p.programme.is_none());
    assert_eq!(stage(&p, "exam:CCS").start, d(AS_OF));
    assert_eq!(end(&p, "exam:CCS"), d("2027-01-08"));
    assert!(!has(&p, "job"), "already working in coding");
    assert_eq!(p.costs.known_usd, 399.0);
}

/// Case 2: a CPC holder with 30 months of work: a recommended route is met today.
#[test]
fn cpc_with_thirty_months_goes_straight_to_ccs() {
    let p = plan_for(
        "name: E\neducation: high_school\nexperience_months: 30\ncredentials: [{ id: CPC, earned: 2024-05-01 }]\naapc_renewal: 2025-05-31\ntarget: { setting: hospital_inpatient, credential: CCS }\n",
    );
    assert_eq!(p.route.as_ref().unwrap().rule, RouteRule::MetToday);
    assert!(p.programme.is_none() && p.target.first_step.is_none());
    assert_eq!(end(&p, "exam:CCS"), d("2027-01-08"));
    // The CPC renewal is still in the plan.
    assert!(
        renewals(&p)
            .iter()
            .any(|r| r.credentials.iter().any(|c| c.id == "CPC"))
    );
}

/// Case 3: a CCA holder with 8 months reaches 12 months of work, then sits CCS; no AAPC detour.
#[test]
fn cca_with_eight_months_works_four_more() {
    let p = plan_for(
        "name: F\neducation: high_school\nexperience_months: 8\ncredentials: [{ id: CCA, earned: 2026-01-10 }]\ntarget: { setting: hospital_inpatient, credential: CCS }\n",
    );
    assert!(p.target.first_step.is_none());
    let work = stage(&p, "work:CCS");
    assert_eq!((work.start, work.end), (d(AS_OF), d("2027-03-27")));
    assert_eq!(end(&p, "exam:CCS"), d("2027-05-08"));
    assert!(
        !p.costs
            .lines
            .iter()
            .any(|l| matches!(l.item, CostItem::Membership { .. }))
    );
}

/// Case 4: a CPC-A with 6 months of work is shown every removal route; the course plus
/// Practicode route needs no more work and wins: the 80-hour course (8 weeks at 10 hours),
/// then three months of Practicode cases.
#[test]
fn apprentice_removal_shows_every_route() {
    let p = plan_for(
        "name: G\neducation: high_school\nexperience_months: 6\ncredentials: [{ id: CPC, earned: 2026-03-01, apprentice: true }]\naapc_renewal: 2026-03-31\n",
    );
    let Stage::Apprentice(a) = &stage(&p, "apprentice:CPC").stage else {
        unreachable!()
    };
    assert_eq!(a.chosen.route, "course_and_practicode");
    assert_eq!(a.chosen.done, d("2027-04-22"));
    assert!(a.chosen.practicode_left && a.chosen.practicode_included);
    let others: Vec<&str> = a.others.iter().map(|r| r.route.as_str()).collect();
    assert_eq!(others.len(), 3, "{others:?}");
    let work_only = a.others.iter().find(|r| r.route == "experience").unwrap();
    assert_eq!((work_only.work_left, work_only.done), (18, d("2028-05-27")));
}

/// Case 5: holders of CPC, CCS or RHIT have medical terminology and A&P credited.
#[test]
fn credentials_and_degrees_credit_their_competencies() {
    for cred in ["CPC", "CCS", "RHIT"] {
        let p = plan_for(&format!(
            "name: H\neducation: associate\nexperience_months: 12\ncredentials: [{{ id: {cred}, earned: 2025-06-01 }}]\naapc_renewal: 2025-06-30\ntarget: {{ setting: physician_office }}\n"
        ));
        let have: Vec<&str> = p
            .readiness
            .have
            .iter()
            .map(|h| h.competency.id.as_str())
            .collect();
        assert!(
            have.contains(&"medical_terminology") && have.contains(&"anatomy_physiology"),
            "{cred}: {have:?}"
        );
    }
    let p = plan_for(
        "name: I\neducation: associate\naccredited_degree: associate\ntarget: { setting: physician_office }\n",
    );
    assert!(
        p.readiness
            .have
            .iter()
            .any(|h| matches!(h.from, readiness::Basis::Degree { .. }))
    );
}

/// Case 6: someone with experience gets no first-job stage; advancement is dated from the
/// work they have.
#[test]
fn experience_accrues_from_the_real_start() {
    let p = plan_for(
        "name: J\neducation: high_school\nexperience_months: 30\ncredentials: [{ id: CPC, earned: 2024-05-01 }]\naapc_renewal: 2025-05-31\n",
    );
    assert!(!has(&p, "job"));
    assert_eq!(
        stage(&p, "advance:auditing").start,
        d(AS_OF),
        "30 months already exceed the 24 assumed"
    );
    let p = plan_for(
        "name: K\neducation: high_school\nexperience_months: 12\ncredentials: [{ id: CPC, earned: 2025-05-01 }]\naapc_renewal: 2025-05-31\n",
    );
    assert_eq!(stage(&p, "advance:auditing").start, d("2027-11-27"));
}

/// Case 7: a $500 budget: known costs over it are a warning; an unknown course cost is
/// counted as unknown, never as $0.
#[test]
fn tight_budgets_warn_and_unknown_stays_unknown() {
    let p = plan_for(
        "name: L\neducation: high_school\ntarget: { setting: physician_office }\npreferences: { budget_usd: 500 }\n",
    );
    assert_eq!(programme_id(&p), Some("aapc_cpc_course"));
    assert_eq!((p.costs.known_usd, p.costs.unknown), (582.0, 1));
    assert!(codes(&p).contains(&"over_budget".to_string()));
    let p = plan_for(
        "name: M\neducation: high_school\ntarget: { setting: physician_office }\npreferences: { budget_usd: 0 }\n",
    );
    assert!(codes(&p).contains(&"over_budget".to_string()));
}

/// A budget that known costs fit while a cost is unknown: a distinct warning.
#[test]
fn an_unknown_cost_makes_the_budget_fit_unknown() {
    let p = plan_for(
        "name: N\neducation: high_school\ntarget: { setting: hospital_inpatient, credential: RHIT }\npreferences: { budget_usd: 50000 }\n",
    );
    assert_eq!(programme_id(&p), Some("hit_associate"));
    assert!(
        codes(&p).contains(&"budget_unknown".to_string()),
        "{:?}",
        codes(&p)
    );
}

/// Case 8: CPC plus CIC is one AAPC requirement of 40 CEUs in the cycle CIC is earned.
/// (Eight months of work: with a year or more the CIC topics would be review and the exam
/// would fall inside the first cycle.)
#[test]
fn cpc_adding_cic_renews_both_together() {
    let p = plan_for(
        "name: O\neducation: high_school\nexperience_months: 8\ncredentials: [{ id: CPC, earned: 2024-05-01 }]\naapc_renewal: 2025-05-31\ntarget: { setting: hospital_inpatient, credential: CIC }\n",
    );
    let cic = end(&p, "exam:CIC");
    let both = renewals(&p).into_iter().find(|r| r.due >= cic).unwrap();
    let ids: Vec<&str> = both.credentials.iter().map(|c| c.id.as_str()).collect();
    assert_eq!((ids, both.ceus), (vec!["CPC", "CIC"], 40.0));
    assert!(
        renewals(&p)
            .iter()
            .any(|r| r.due == d("2027-05-31") && r.ceus == 36.0),
        "the CPC renewal due first is kept"
    );
}

/// Case 8 (AHIMA): the CCA renewal due before the CCS exam stays in the plan.
#[test]
fn cca_renewal_due_before_ccs_is_kept() {
    let p = plan_for(
        "name: P\neducation: high_school\nexperience_months: 8\ncredentials: [{ id: CCA, earned: 2025-03-01 }]\ntarget: { setting: hospital_inpatient, credential: CCS }\n",
    );
    let r = renewals(&p);
    assert_eq!((r[0].due, r[0].ceus), (d("2027-02-28"), 20.0));
    assert!(r[0].due < end(&p, "exam:CCS"));
}

/// Case 9: few study hours stretch a course up to its stated limit, with a warning.
#[test]
fn too_few_hours_are_named() {
    let p = plan_for(
        "name: Q\neducation: high_school\ncompleted: [reimbursement]\ntarget: { setting: insurance_company, credential: CRC }\npreferences: { hours_per_week: 1 }\n",
    );
    assert_eq!(programme_id(&p), Some("aapc_crc_course"));
    assert_eq!(
        p.programme.as_ref().unwrap().months,
        3.0,
        "never above the stated 3 months"
    );
    assert!(p.warnings.iter().any(|w| matches!(w, Warning::HoursTooFew { stated_limit: true, hours_needed, .. } if *hours_needed == 4.0)));
    // A scheduled certificate stretches with fewer hours, never past its longest length.
    let p = plan_for(
        "name: R\neducation: high_school\nstate: TX\ntarget: { setting: physician_office }\npreferences: { hours_per_week: 15, delivery: [on_campus] }\n",
    );
    assert_eq!(programme_id(&p), Some("cc_certificate"));
    assert_eq!(p.programme.as_ref().unwrap().months, 24.0);
}

/// Case 10: an exam nothing in the plan teaches is titled and warned as such.
#[test]
fn untaught_exam_topics_are_warned() {
    let c = online_only();
    let p = plan_in(
        &c,
        "name: S\neducation: high_school\ncredentials: [{ id: CPC, earned: 2025-01-10 }]\naapc_renewal: 2025-01-31\ntarget: { setting: hospital_inpatient, credential: CIC }\npreferences: { delivery: [on_campus] }\n",
    );
    assert!(
        codes(&p).contains(&"no_programme".to_string())
            || codes(&p).contains(&"exam_not_prepared".to_string()),
        "{:?}",
        codes(&p)
    );
    let Stage::Exam(e) = &stage(&p, "exam:CIC").stage else {
        unreachable!()
    };
    assert!(e.self_study.iter().any(|c| c.id == "icd10pcs"));
    assert!(!e.review_only);
}

/// Case 12: a holder of the target has nothing left to pay; no -0 in the JSON.
#[test]
fn holding_the_target_costs_nothing() {
    let p = plan_for(
        "name: V\neducation: high_school\nexperience_months: 30\ncredentials: [{ id: CPC, earned: 2024-05-01 }]\naapc_renewal: 2025-05-31\n",
    );
    assert!(p.route.is_none() && p.costs.lines.is_empty());
    let json = serde_json::to_string(&p.costs).unwrap();
    assert!(!json.contains("-0"), "{json}");
    assert_eq!(p.job_ready, Some(d(AS_OF)));
}

/// Case 13: a nurse is credited with what nursing taught, told what a programme would repeat,
/// and shown CDI first.
#[test]
fn a_nurse_gets_credit_and_the_cdi_path() {
    let p = plan_for(
        "name: W\neducation: associate\nbackgrounds: [registered_nurse]\ntarget: { setting: hospital_inpatient }\n",
    );
    let have: Vec<&str> = p
        .readiness
        .have
        .iter()
        .map(|h| h.competency.id.as_str())
        .collect();
    for c in ["anatomy_physiology", "pathophysiology", "pharmacology"] {
        assert!(have.contains(&c), "{c}");
    }
    let Stage::Programme {
        teaches,
        already_known,
        ..
    } = &stage(&p, "programme").stage
    else {
        unreachable!()
    };
    assert!(!teaches.iter().any(|c| c.id == "anatomy_physiology"));
    assert!(already_known.iter().any(|c| c.id == "anatomy_physiology"));
    let first_option = p
        .milestones
        .iter()
        .find(|m| matches!(m.stage, Stage::Advancement { .. }))
        .unwrap();
    assert_eq!(first_option.id, "advance:cdi");
    assert!(matches!(
        first_option.stage,
        Stage::Advancement { suits: Some(_), .. }
    ));
}

/// Case 14 is in `tests_remedies`: a campus and its residency price.
/// Case 15 is in `beginner_hospital_inpatient_takes_cca_then_ccs`: both exams are costed.
/// RHIA: an RHIT without a bachelor's needs an accredited bachelor's, not six weeks.
#[test]
fn rhit_without_a_bachelors_needs_one_for_rhia() {
    let p = plan_for(
        "name: Y\neducation: associate\naccredited_degree: associate\nexperience_months: 36\ncredentials: [{ id: RHIT, earned: 2023-06-01 }]\ntarget: { setting: hospital_inpatient, credential: RHIA }\n",
    );
    let r = p.route.as_ref().unwrap();
    assert!(matches!(
        r.chosen.asks[..],
        [Condition::AccreditedDegree { .. }]
    ));
    assert_eq!(programme_id(&p), Some("him_bachelor"));
    assert!(end(&p, "exam:RHIA") > d("2030-01-01"));
}

/// RHIA: a bachelor's in another field takes the post-baccalaureate certificate.
#[test]
fn a_bachelors_in_another_field_takes_the_postbacc_route() {
    let p = plan_for(
        "name: Z\neducation: bachelor\ntarget: { setting: hospital_inpatient, credential: RHIA }\n",
    );
    assert_eq!(programme_id(&p), Some("him_postbacc_certificate"));
    assert!(codes(&p).contains(&"unknown_length".to_string()));
}

/// CPC held, a year of coding, CCS: another body's credential plus a year is a route.
#[test]
fn another_bodys_credential_plus_a_year() {
    let p = plan_for(
        "name: AA\neducation: high_school\nexperience_months: 13\ncredentials: [{ id: COC, earned: 2025-09-01 }]\naapc_renewal: 2025-09-30\ntarget: { setting: hospital_inpatient, credential: CCS }\n",
    );
    assert_eq!(p.route.as_ref().unwrap().rule, RouteRule::MetToday);
    assert!(
        p.route.as_ref().unwrap().chosen.asks.iter().any(
            |c| matches!(c, Condition::Credential { any } if any.iter().any(|x| x.id == "COC"))
        )
    );
}

/// CCS-P: AHIMA asks no proof in the data found; its topics are taught first.
#[test]
fn ccs_p_is_prepared_for() {
    let p = plan_for(
        "name: AB\neducation: high_school\ntarget: { setting: physician_office, credential: CCS-P }\n",
    );
    assert!(has(&p, "programme"));
    assert!(stage(&p, "exam:CCS-P").start >= end(&p, "programme"));
    assert!(!codes(&p).contains(&"exam_not_prepared".to_string()));
}

/// Someone working in coding without a credential: no first-job stage, and experience counts
/// toward apprentice removal from now.
#[test]
fn working_without_a_credential() {
    let p = plan_for(
        "name: AD\neducation: high_school\nexperience_months: 14\ntarget: { setting: physician_office }\n",
    );
    assert!(!has(&p, "job"));
    let Stage::Apprentice(a) = &stage(&p, "apprentice:CPC").stage else {
        unreachable!()
    };
    let exam = end(&p, "exam:CPC");
    assert!(a.chosen.done <= dates::add_months(exam, 10));
}

/// Already past two years of work at the exam: no apprentice status at all.
#[test]
fn enough_work_means_no_apprentice_status() {
    let p = plan_for(
        "name: AE\neducation: high_school\nexperience_months: 30\ntarget: { setting: physician_office }\n",
    );
    assert!(!has(&p, "apprentice:CPC"));
}

/// Membership: a first-time individual price with no programme; none for a member.
#[test]
fn membership_prices_follow_the_person() {
    let p = plan_for(
        "name: AF\neducation: high_school\ncompleted: [medical_terminology, anatomy_physiology, icd10cm, cpt, hcpcs2, law_ethics_hipaa]\ntarget: { setting: physician_office }\n",
    );
    assert!(p.programme.is_none());
    assert!(p.costs.lines.iter().any(|l| matches!(
        l.item,
        CostItem::Membership {
            payer: Some(crate::data::model::Payer::Individual),
            ..
        }
    ) && l.cost == Cost::Known(222.0)));
    let member = plan_for(
        "name: AG\neducation: high_school\nmemberships: [AAPC]\ncompleted: [medical_terminology, anatomy_physiology, icd10cm, cpt, hcpcs2, law_ethics_hipaa]\ntarget: { setting: physician_office }\n",
    );
    assert!(
        !member
            .costs
            .lines
            .iter()
            .any(|l| matches!(l.item, CostItem::Membership { .. }))
    );
}

/// Every planning default used is listed with its value.
#[test]
fn assumptions_are_listed() {
    let p = plan_for("name: AH\neducation: high_school\ntarget: { setting: physician_office }\n");
    let keys: Vec<Assumed> = p.assumptions.iter().map(|a| a.key).collect();
    assert!(keys.contains(&Assumed::HoursPerWeek) && keys.contains(&Assumed::ExamPrepWeeks));
    assert!(p.assumptions.iter().all(|a| !a.note.is_empty()));
}

/// The course-hours threshold of a removal route is data: an 80-hour course that counts
/// under the embedded rule no longer does when a data copy asks 400 hours.
#[test]
fn removal_course_hours_come_from_the_data() {
    let yaml = "name: H\neducation: high_school\nexperience_months: 12\ncredentials: [{ id: CPC, earned: 2026-03-01, apprentice: true }]\naapc_renewal: 2026-03-31\ncourses: [{ name: Coding prep, hours: 80, finished: 2025-12-01 }]\n";
    let route = |catalog: &'static crate::data::Catalog| {
        let p = person(catalog, yaml, d(AS_OF));
        let plan = super::plan(&p, &Log::default(), catalog, d(AS_OF)).unwrap();
        let m = plan
            .milestones
            .iter()
            .find(|m| m.id == "apprentice:CPC")
            .unwrap();
        let Stage::Apprentice(a) = &m.stage else {
            unreachable!()
        };
        let course = a.chosen.course.map(|c| c.id.clone());
        (a.chosen.route.clone(), a.chosen.work_left, course)
    };
    assert_eq!(route(&EMBEDDED), ("course_80h".to_string(), 0, None));
    let text = include_str!("../../data/credentials.yaml")
        .replace("course_hours: 80", "course_hours: 400");
    let strict: &'static crate::data::Catalog = Box::leak(Box::new(crate::testing::catalog_with(
        &[("credentials.yaml", &text)],
    )));
    let (r, left, course) = route(strict);
    assert!(
        r != "course_80h" || left > 0 || course.is_some(),
        "the 80-hour course no longer meets a 400-hour route: {r} {left} {course:?}"
    );
}
