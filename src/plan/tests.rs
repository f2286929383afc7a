//! Planner tests on distinct profiles, at a fixed `as_of`, asserting dates, costs and warnings.

use chrono::NaiveDate;

use super::*;
use crate::loader::Source;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const AS_OF: &str = "2026-11-27";

fn plan_for(yaml: &str) -> Plan {
    plan_at(yaml, AS_OF).unwrap()
}

fn plan_at(yaml: &str, as_of: &str) -> Result<Plan, PlanError> {
    let data = DataSet::load(None).unwrap();
    let profile = Profile::load(&Source::new("p.yaml", yaml), &data, d(as_of)).unwrap();
    plan(&profile, &data, d(as_of))
}

fn milestone<'a>(p: &'a Plan, id: &str) -> &'a Milestone {
    p.milestones
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no milestone {id}: {:?}", ids(p)))
}

fn ids(p: &Plan) -> Vec<&str> {
    p.milestones
        .iter()
        .map(|m| m.id.as_str())
        .filter(|i| !i.starts_with("advance:"))
        .collect()
}

fn codes(p: &Plan) -> Vec<&str> {
    p.warnings.iter().map(|w| w.code).collect()
}

const ASPIRING: &str = "name: A\neducation: high_school\ncompleted: [medical_terminology]\n\
    target: { setting: physician_office, by: 2027-12-31 }\n\
    preferences: { delivery: [online], budget_usd: 4000, hours_per_week: 10 }\n";

#[test]
fn aspiring_online_coder_gets_a_dated_costed_cpc_roadmap() {
    let p = plan_for(ASPIRING);
    assert_eq!(p.target.credential, "CPC");
    assert_eq!(
        ids(&p),
        [
            "programme",
            "exam:CPC",
            "job",
            "renewal:CPC",
            "apprentice:CPC"
        ]
    );
    // 440 contact hours at 10 a week = 44 weeks = 308 days.
    let prog = milestone(&p, "programme");
    assert_eq!((prog.start, prog.end), (d("2026-11-27"), d("2027-10-01")));
    assert_eq!(p.programme.as_ref().unwrap().id, "online_vocational");
    // Six weeks of preparation, then the exam: $425 fee + $190 AAPC membership.
    let exam = milestone(&p, "exam:CPC");
    assert_eq!((exam.end, exam.cost_usd), (d("2027-11-12"), Some(615.0)));
    assert_eq!(p.job_ready, Some(d("2027-11-12")));
    assert_eq!(p.total_cost_usd, 3615.0);
    // The programme counts as the 80-hour course: one year of work removes CPC-A.
    let job = milestone(&p, "job");
    assert_eq!(job.end, d("2028-02-11"));
    assert_eq!(milestone(&p, "apprentice:CPC").end, d("2029-02-11"));
    // Joined AAPC in October (even month): CEUs fall due in even years, pro-rated.
    let renewal = milestone(&p, "renewal:CPC");
    assert_eq!(renewal.end, d("2028-10-01"));
    assert_eq!(renewal.title, "First CPC renewal: 15 CEUs");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.alternatives.len(), 3);
    assert!(
        p.milestones
            .iter()
            .filter(|m| m.kind == MilestoneKind::Advancement)
            .count()
            >= 5
    );
}

#[test]
fn no_diploma_puts_the_ged_first() {
    let p = plan_for(
        "name: B\neducation: none\ntarget: { setting: physician_office }\npreferences: { hours_per_week: 10 }\n",
    );
    assert_eq!(ids(&p)[0], "ged");
    let ged = milestone(&p, "ged");
    assert_eq!((ged.start, ged.end), (d("2026-11-27"), d("2027-05-29")));
    assert_eq!(milestone(&p, "programme").start, ged.end);
    assert!(p.assumptions.iter().any(|a| a.key == "ged_months"));
}

#[test]
fn too_small_a_budget_warns_with_the_cheapest_option_and_shortfall() {
    let p = plan_for(
        "name: C\neducation: high_school\ntarget: { setting: physician_office }\npreferences: { budget_usd: 1000, delivery: [on_campus], hours_per_week: 10 }\n",
    );
    // Over budget everywhere: the smallest shortfall ranks first (SBCC, $1,748 low end).
    assert_eq!(p.programme.as_ref().unwrap().id, "sbcc_coding_certificate");
    assert_eq!(p.total_cost_usd, 1748.0 + 615.0);
    assert_eq!(codes(&p), ["over_budget", "unknown_length"]);
    let over = &p.warnings[0].message;
    assert!(
        over.contains("$2,363 to job-ready, $1,363 over the $1,000 budget"),
        "{over}"
    );
}

#[test]
fn online_only_leaves_out_campus_programmes() {
    let p = plan_for(ASPIRING);
    let all: Vec<&str> = p
        .programme
        .iter()
        .chain(&p.alternatives)
        .map(|c| c.id.as_str())
        .collect();
    assert!(!all.contains(&"sbcc_coding_certificate"), "{all:?}");
    let campus = plan_for(
        "name: D\neducation: high_school\ntarget: { setting: physician_office, credential: CRC }\npreferences: { delivery: [on_campus] }\n",
    );
    assert_eq!(codes(&campus)[0], "no_programme");
    assert!(
        campus.warnings[0]
            .message
            .contains("relax preferences.delivery (offered: online)"),
        "{}",
        campus.warnings[0].message
    );
}

#[test]
fn inpatient_target_takes_cca_first_then_ccs_after_a_year() {
    let p = plan_for(
        "name: E\neducation: high_school\ntarget: { setting: hospital_inpatient }\npreferences: { hours_per_week: 10 }\n",
    );
    assert_eq!(p.target.credential, "CCS");
    assert_eq!(p.target.first_step.as_deref(), Some("CCA"));
    let job = milestone(&p, "job");
    let ccs = milestone(&p, "exam:CCS");
    assert_eq!(ccs.start, job.end);
    assert_eq!(ccs.end, job.end + Months::new(12));
    // CCA non-member fee $299, CCS non-member $399; no membership needed for AHIMA.
    assert_eq!(milestone(&p, "exam:CCA").cost_usd, Some(299.0));
    assert_eq!(ccs.cost_usd, Some(399.0));
    // AHIMA's first cycle runs two years from the exam day.
    let exam = milestone(&p, "exam:CCA");
    assert_eq!(
        milestone(&p, "renewal:CCA").end,
        exam.end + Months::new(24) - Days::new(1)
    );
    assert!(!ids(&p).iter().any(|i| i.starts_with("apprentice")));
}

#[test]
fn an_experienced_cpc_goes_straight_to_ccs() {
    let p = plan_for(
        "name: F\neducation: certificate\nexperience_months: 14\ncompleted: [anatomy_physiology, pathophysiology, pharmacology, medical_terminology, law_ethics_hipaa, billing_software_ehr, icd10pcs, reimbursement]\n\
        credentials: [{ id: CPC, earned: 2025-04-10, apprentice: true }]\nmemberships: [AAPC]\ntarget: { setting: hospital_inpatient }\n",
    );
    assert_eq!(
        (p.target.credential.as_str(), p.target.first_step.as_deref()),
        ("CCS", None)
    );
    // Completed courses cover every topic: no programme, the exam after preparation only.
    assert_eq!(
        ids(&p),
        ["exam:CCS", "apprentice:CPC", "job", "renewal:CCS"]
    );
    assert_eq!(milestone(&p, "exam:CCS").end, d("2027-01-08"));
    assert_eq!(p.total_cost_usd, 399.0);
    // CPC-A: 24 months of work, 14 already counted.
    assert_eq!(milestone(&p, "apprentice:CPC").end, d("2027-09-27"));
    assert_eq!(p.readiness.missing.len(), 0);
    assert_eq!(p.readiness.score, 100);
}

#[test]
fn holding_the_target_plans_the_next_renewal() {
    let p = plan_for(
        "name: G\neducation: certificate\nexperience_months: 30\ncredentials: [{ id: CPC, earned: 2023-06-14 }]\nmemberships: [AAPC]\naapc_renewal: 2025-05-31\n",
    );
    assert_eq!(p.target.credential, "CPC");
    // Already working: no first-job stage; the current AAPC cycle, not a pro-rated one.
    assert_eq!(ids(&p), ["renewal:CPC"]);
    let r = milestone(&p, "renewal:CPC");
    assert_eq!(
        (r.start, r.end, r.title.as_str()),
        (
            d("2025-06-01"),
            d("2027-05-31"),
            "Next AAPC renewal: 36 CEUs"
        )
    );
    assert_eq!(p.total_cost_usd, 0.0);
    let new = plan_for(
        "name: H\neducation: certificate\ncredentials: [{ id: CPC, earned: 2026-10-01 }]\ntarget: { setting: physician_office }\n",
    );
    assert_eq!(codes(&new), ["renewal_unknown", "readiness_gap"]);
    assert!(ids(&new).contains(&"job"));
}

#[test]
fn an_unreachable_date_says_by_how_much_and_what_would_meet_it() {
    let p = plan_for(
        "name: H\neducation: high_school\ntarget: { setting: physician_office, by: 2027-06-30 }\npreferences: { budget_usd: 4000, delivery: [online], hours_per_week: 8 }\n",
    );
    assert_eq!(codes(&p), ["misses_target_date"]);
    let m = &p.warnings[0].message;
    assert!(
        m.starts_with("Job-ready on 2028-01-28, 30 weeks after the 2027-06-30 target"),
        "{m}"
    );
    // 440 hours in the 24.7 weeks left before the 6 weeks of preparation: 18 hours a week.
    assert!(
        m.contains("studying 18 hours a week instead of 8 would meet it"),
        "{m}"
    );
    assert!(
        m.contains("AAPC self-paced CPC preparation course would meet it"),
        "{m}"
    );
}

#[test]
fn study_hours_scale_a_self_paced_programme() {
    let at = |h: u32| {
        let p = plan_for(&format!(
            "name: I\neducation: high_school\ntarget: {{ setting: physician_office }}\npreferences: {{ delivery: [online], budget_usd: 4000, hours_per_week: {h} }}\n"
        ));
        let prog = milestone(&p, "programme");
        (prog.end - prog.start).num_days()
    };
    assert_eq!(at(5), 616); // 88 weeks
    assert_eq!(at(20), 154); // 22 weeks
}

#[test]
fn rhit_needs_a_cahiim_associate_degree() {
    let p = plan_for(
        "name: J\neducation: high_school\ntarget: { setting: hospital_inpatient, credential: RHIT }\npreferences: { hours_per_week: 20 }\n",
    );
    let chosen = p.programme.as_ref().unwrap();
    assert_eq!(chosen.id, "hit_associate");
    assert_eq!(
        (chosen.start, chosen.end),
        (d("2026-11-27"), d("2028-11-27"))
    );
    assert!(codes(&p).contains(&"unknown_cost"));
    assert!(!codes(&p).contains(&"not_eligible"));
}

#[test]
fn practicode_and_experience_shorten_apprenticeship() {
    let p = plan_for(
        "name: K\neducation: high_school\nexperience_months: 8\npracticode: true\ncompleted: [medical_terminology, anatomy_physiology, pathophysiology, pharmacology, law_ethics_hipaa, billing_software_ehr, icd10cm, icd10pcs, cpt, hcpcs2, reimbursement]\ntarget: { setting: physician_office }\n",
    );
    let job = milestone(&p, "job");
    // Practicode route: 12 months of work, 8 already done.
    assert_eq!(
        milestone(&p, "apprentice:CPC").end,
        job.end + Months::new(4)
    );
    assert!(milestone(&p, "apprentice:CPC").why.contains("Practicode"));
}

#[test]
fn stale_reference_data_is_flagged() {
    let p = plan_at(
        ASPIRING.replace("2027-12-31", "2030-12-31").as_str(),
        "2029-06-01",
    )
    .unwrap();
    assert!(codes(&p).contains(&"stale_data"), "{:?}", p.warnings);
}

#[test]
fn no_target_and_no_credential_is_an_error_at_target() {
    let e = plan_at("name: L\neducation: high_school\n", AS_OF).unwrap_err();
    assert_eq!(e.path, "target");
}

#[test]
fn outlook_is_newest_vintage_first_for_the_occupation() {
    let p = plan_for(ASPIRING);
    let vintages: Vec<&str> = p.outlook.iter().map(|o| o.vintage.as_str()).collect();
    assert_eq!(&vintages[..2], ["2024-34", "2023-33"]);
    assert_eq!(p.outlook[0].soc, "29-2072");
    assert!(
        p.outlook
            .iter()
            .any(|o| o.soc == "29-2071" && o.vintage == "2020-30" && o.percent_change == Some(8.0))
    );
    let rhit = plan_for(
        "name: M\neducation: high_school\ntarget: { setting: hospital_inpatient, credential: RHIT }\n",
    );
    assert_eq!(rhit.outlook[0].soc, "29-9021");
}

#[test]
fn an_ineligible_target_says_so_on_the_exam() {
    let p = plan_for(
        "name: N\neducation: high_school\ntarget: { setting: hospital_inpatient, credential: CHPS }\n",
    );
    assert!(codes(&p).contains(&"not_eligible"));
    let exam = milestone(&p, "exam:CHPS");
    assert_eq!(
        exam.title,
        "Become eligible for, then pass, the CHPS exam (AHIMA)"
    );
    assert!(exam.why.contains("needs an associate degree and needs 48 months of privacy or security management experience"), "{}", exam.why);
}
