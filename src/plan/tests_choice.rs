//! Planner tests on how routes and programmes are chosen: preparation a held credential
//! gives, budget fit with unknown and ranged costs, the target date, and an unprepared exam
//! against a prepared route over the budget.

use super::tests::{codes, plan_for};
use crate::testing::d;
use super::*;

fn exam<'a, 'c>(p: &'a Plan<'c>, id: &str) -> &'a ExamStage<'c> {
    p.milestones
        .iter()
        .find_map(|m| match &m.stage {
            Stage::Exam(e) if m.id == format!("exam:{id}") => Some(&**e),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no exam:{id}"))
}

/// A CPC holder with years of coding aiming at the CRC: the one CRC topic their credential
/// does not cover (reimbursement) is review during exam preparation, not a two-year college
/// programme, online or not.
#[test]
fn a_seasoned_credential_holder_reviews_the_missing_exam_topic() {
    for delivery in ["", ", delivery: [online]"] {
        let p = plan_for(&format!(
            "name: J\neducation: associate\nexperience_months: 40\nmemberships: [AAPC]\ncredentials: [{{ id: CPC, earned: 2022-08-01 }}]\naapc_renewal: 2027-08-31\ntarget: {{ setting: insurance_company, credential: CRC }}\npreferences: {{ budget_usd: 1200, hours_per_week: 5{delivery} }}\n"
        ));
        assert!(p.programme.is_none(), "{:?}", p.programme.map(|c| c.programme.id.clone()));
        let e = exam(&p, "CRC");
        assert!(e.self_study.iter().any(|c| c.id == "reimbursement"));
        assert!(matches!(e.review, Some(Review::Experience { months: 40, .. })));
        assert_eq!(e.credential.id, "CRC");
        assert_eq!(p.route.as_ref().unwrap().chosen.exam_date, d("2027-01-08"));
        assert!(!codes(&p).contains(&"exam_not_prepared".to_string()));
        assert_eq!((p.costs.known_usd, p.costs.unknown), (425.0, 0));
    }
}

/// Without a credential, one exam topic left is no reason for a multi-year programme: the
/// short course preparing for the exam is taken and the topic it does not teach is
/// self-study (and warned).
#[test]
fn one_missing_exam_topic_takes_the_exam_course_not_a_degree() {
    let p = plan_for(
        "name: K\neducation: high_school\ncompleted: [medical_terminology, anatomy_physiology, icd10cm, cpt, hcpcs2]\ntarget: { setting: insurance_company, credential: CRC }\n",
    );
    let c = p.programme.as_ref().unwrap();
    assert_eq!(c.programme.id, "aapc_crc_course");
    assert!(c.months < 6.0, "{}", c.months);
    assert!(exam(&p, "CRC").self_study.iter().any(|c| c.id == "reimbursement"));
    assert!(codes(&p).contains(&"exam_not_prepared".to_string()));
}
