//! Planner tests on how routes and programmes are chosen: preparation a held credential
//! gives, budget fit with unknown and ranged costs, the target date, and an unprepared exam
//! against a prepared route over the budget.

use super::tests::{AS_OF, codes, online_only, plan_for, plan_in};
use super::*;
use crate::data::catalog::Credential;
use crate::testing::{EMBEDDED, d, person};

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
        assert!(
            p.programme.is_none(),
            "{:?}",
            p.programme.map(|c| c.programme.id.clone())
        );
        let e = exam(&p, "CRC");
        assert!(e.self_study.iter().any(|c| c.id == "reimbursement"));
        assert!(matches!(
            e.review,
            Some(Review::Experience { months: 40, .. })
        ));
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
    assert!(
        exam(&p, "CRC")
            .self_study
            .iter()
            .any(|c| c.id == "reimbursement")
    );
    assert!(codes(&p).contains(&"exam_not_prepared".to_string()));
}

/// Every programme ranked for the exam topics `yaml`'s person lacks for `exam`.
pub(super) fn ranked(
    yaml: &str,
    exam: &str,
) -> (Planner<'static, 'static>, Vec<ProgrammeChoice<'static>>) {
    let person: &'static crate::person::profile::Person<'static> =
        Box::leak(Box::new(person(&EMBEDDED, yaml, d(AS_OF))));
    let mut p = Planner::new(person, &EMBEDDED, d(AS_OF));
    let c = EMBEDDED.get(EMBEDDED.find::<Credential>(exam).unwrap());
    let s = standing::Standing::now(person, &EMBEDDED, d(AS_OF));
    let topics = c
        .competencies
        .iter()
        .filter(|x| !s.competencies.contains(x))
        .map(|x| EMBEDDED.get(*x))
        .filter(|x| x.kind == crate::data::model::CompetencyKind::Topic)
        .collect();
    let need = education::Need {
        topics,
        education: None,
        degree: None,
        exam: c,
        self_study: true,
        other_known: exam::known_fees(&p, c, d(AS_OF), true),
    };
    let ranked = education::rank(&mut p, &need, &s, d(AS_OF)).unwrap();
    (p, ranked)
}

/// A programme's budget fit counts the exam fees it leads to: $3,000 of tuition and $582 of
/// exam and membership do not fit a $3,000 budget, even at the low end; and an unknown cost
/// never ranks above a known one that fits (nor one that may fit) with the same answer on
/// the target date.
#[test]
fn budget_fit_counts_the_exam_fees_and_unknown_costs_rank_below_known_fits() {
    let p = plan_for(
        "name: I\neducation: high_school\ntarget: { setting: physician_office, credential: CPC }\npreferences: { delivery: [online], budget_usd: 3000, hours_per_week: 10 }\n",
    );
    assert_ne!(
        p.programme.as_ref().map(|c| c.programme.id.as_str()),
        Some("online_vocational"),
        "$3,582 in all"
    );
    for budget in [1500, 3000, 4000, 6000] {
        let (_, all) = ranked(
            &format!("name: I\neducation: high_school\npreferences: {{ budget_usd: {budget} }}\n"),
            "CPC",
        );
        let online = all
            .iter()
            .find(|c| c.programme.id == "online_vocational")
            .unwrap();
        assert_eq!(
            online.budget,
            if budget < 3582 {
                BudgetFit::Over
            } else if budget < 5582 {
                BudgetFit::MayFit
            } else {
                BudgetFit::Fits
            }
        );
        let known_fit =
            |c: &ProgrammeChoice| matches!(c.budget, BudgetFit::Fits | BudgetFit::MayFit);
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(
                    !(a.budget == BudgetFit::Unknown && known_fit(b)),
                    "{} (unknown) above {} ({:?})",
                    a.programme.id,
                    b.programme.id,
                    b.budget
                );
            }
        }
    }
}

/// A college whose sources give no length is planned at its type's length, and says so
/// (`unknown_length` with the type), as a programme with no length at all does.
#[test]
fn a_length_taken_from_the_type_is_warned() {
    let (mut p, all) = ranked("name: A\neducation: high_school\n", "CCA");
    let asu = all
        .iter()
        .find(|c| c.programme.id == "asu_coding_certificate")
        .unwrap();
    assert_eq!(asu.length_of.map(|t| t.id.as_str()), Some("cc_certificate"));
    let mvcc = all
        .iter()
        .find(|c| c.programme.id == "mvcc_hit_aas")
        .unwrap();
    assert!(mvcc.length_of.is_none(), "MVCC states its own length");
    let s = standing::Standing::now(p.person, &EMBEDDED, d(AS_OF));
    education::caveats(
        &mut p,
        asu,
        asu.programme
            .prepares_for
            .first()
            .map(|c| EMBEDDED.get(*c))
            .unwrap(),
        &s,
    );
    assert!(p.warnings.iter().any(|w| matches!(
        w,
        Warning::UnknownLength {
            length_of: Some(_),
            ..
        }
    )));
}

/// Four months to a CPC on $3,000: the AAPC course meets the date (its price unknown, and
/// said so) where the vocational certificate is late and over budget.
#[test]
fn a_route_on_time_beats_a_late_one() {
    let p = plan_for(
        "name: I\neducation: high_school\ntarget: { setting: physician_office, credential: CPC, by: 2027-03-27 }\npreferences: { delivery: [online], budget_usd: 3000, hours_per_week: 10 }\n",
    );
    let c = p.programme.as_ref().unwrap();
    assert_eq!(c.programme.id, "aapc_cpc_course");
    assert!(p.route.as_ref().unwrap().chosen.exam_date <= d("2027-03-27"));
    let codes = codes(&p);
    assert!(
        !codes.contains(&"misses_target_date".to_string()),
        "{codes:?}"
    );
    assert!(codes.contains(&"unknown_cost".to_string()), "{codes:?}");
    assert!(codes.contains(&"budget_unknown".to_string()), "{codes:?}");
}

/// One programme: a $1,800 certificate that teaches every CCA topic.
const ONE_CERTIFICATE: &str = "as_of: 2026-11-27
programmes:
  - id: cert
    kind: type
    name: Coding certificate
    delivery: [online]
    self_paced: false
    months: { min: 6, max: 12 }
    contact_hours: null
    credits: null
    cost_usd: { min: 1800, max: 1800 }
    accreditation: null
    grants: certificate
    prepares_for: [CCA]
    competencies: [medical_terminology, anatomy_physiology, icd10cm, icd10pcs, cpt]
    apprentice_course_hours: 80
    practicode: false
    prerequisites: { education: high_school }
    note: A fixture.
    sources:
      - { url: https://example.org/cert, title: Fixture, date: not shown, tag: secondary }
";

/// No schooling, CCA on $2,000: the prepared route (diploma, the $1,800 certificate, the
/// $299 exam) $99 over the budget beats sitting the exam unprepared six weeks after the
/// diploma; the plan warns how much it is over, and the unprepared route is the runner-up.
#[test]
fn a_prepared_route_over_budget_beats_an_unprepared_exam() {
    let cat = crate::testing::catalog_with(&[("programmes.yaml", ONE_CERTIFICATE)]);
    let who = person(
        &cat,
        "name: G\neducation: none\ntarget: { setting: hospital_inpatient, credential: CCA }\npreferences: { budget_usd: 2000, hours_per_week: 10 }\n",
        d(AS_OF),
    );
    let p = super::plan(&who, &crate::person::log::Log::default(), &cat, d(AS_OF)).unwrap();
    let r = p.route.as_ref().unwrap();
    assert!(
        r.chosen.prepared && r.chosen.programme.is_some(),
        "{:?}",
        r.chosen.asks
    );
    assert_eq!(r.chosen.budget, BudgetFit::Over);
    assert!(!r.runner_up.as_ref().unwrap().prepared);
    assert!(!codes(&p).contains(&"exam_not_prepared".to_string()));
    let over = p.warnings.iter().find_map(|w| match w {
        Warning::OverBudget {
            known_usd,
            budget_usd,
            ..
        } => Some(known_usd - budget_usd),
        _ => None,
    });
    assert_eq!(over, Some(99.0), "{:?}", codes(&p));
}

/// A price range whose low end fits the budget and high end does not is warned with the
/// high end; a college that charges residents less, with no state given, is priced at its
/// out-of-state tuition (the in-state one is for residents, not a low end).
#[test]
fn price_ranges_warn_their_high_end_and_an_unknown_state_counts_the_out_of_state_price() {
    let p = plan_for(
        "name: M\neducation: high_school\ntarget: { setting: hospital_outpatient, credential: CCA }\npreferences: { budget_usd: 2500, hours_per_week: 5 }\n",
    );
    assert!(
        p.warnings.iter().any(|w| matches!(
            w,
            Warning::RangeOverBudget { high_usd, .. } if *high_usd > 2500.0
        )),
        "{:?}",
        codes(&p)
    );
    let (_, all) = ranked("name: S\neducation: high_school\n", "CCA");
    let sbcc = all
        .iter()
        .find(|c| c.programme.id == "sbcc_coding_certificate")
        .unwrap();
    assert_eq!(sbcc.cost_range_usd, Some((12578.0, 12578.0)));
    assert!(sbcc.out_of_state);
    let t = sbcc.tuition.unwrap();
    assert_eq!(t.residency, Residency::Unknown);
    assert_eq!(t.in_state_usd, (1748.0, 1748.0));
}

/// A CPC-A with Practicode still to buy: the removal's unknown cost is a cost of the plan,
/// so the headline does not say there is nothing to pay.
#[test]
fn an_apprentice_removal_cost_is_counted() {
    let p = plan_for(
        "name: B\neducation: high_school\nexperience_months: 8\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2026-03-15, apprentice: true }]\naapc_renewal: 2027-03-31\ntarget: { setting: physician_office }\npreferences: { budget_usd: 1000, hours_per_week: 6 }\n",
    );
    assert!(
        p.costs
            .lines
            .iter()
            .any(|l| matches!(l.item, CostItem::Apprentice { .. }))
    );
    assert_eq!(p.costs.unknown, 1);
    assert!(codes(&p).contains(&"budget_unknown".to_string()));
}

/// CCS with a date two years off and no coding knowledge: the requirement with the exam's
/// topics taught meets the date, so it beats sitting the exam unprepared now (the
/// recommended route with its year of work would be late).
#[test]
fn a_taught_route_on_time_beats_sitting_unprepared() {
    let p = plan_for(
        "name: N\neducation: associate\ntarget: { setting: hospital_inpatient, credential: CCS, by: 2028-06-30 }\npreferences: { delivery: [online], budget_usd: 5000, hours_per_week: 12 }\n",
    );
    let r = p.route.as_ref().unwrap();
    assert!(
        r.chosen.prepared && r.chosen.programme.is_some(),
        "{:?}",
        r.chosen
    );
    assert!(r.chosen.exam_date <= d("2028-06-30"));
    assert!(!codes(&p).contains(&"exam_not_prepared".to_string()));
}

/// When every programme is late for the date, the least late wins: two months to a CPC
/// takes the 80-hour course (days late), not a certificate that ends a year and a half on.
#[test]
fn when_all_are_late_the_least_late_wins() {
    let p = plan_for(
        "name: L\neducation: high_school\ncompleted: [medical_terminology, anatomy_physiology]\ntarget: { setting: physician_office, credential: CPC, by: 2027-01-27 }\npreferences: { delivery: [online], budget_usd: 3000, hours_per_week: 20 }\n",
    );
    assert_eq!(
        p.programme.as_ref().unwrap().programme.id,
        "aapc_cpc_course"
    );
    assert!(p.route.as_ref().unwrap().chosen.exam_date < d("2027-03-01"));
}

/// A delivery no programme is offered in: the filter to relax is named.
#[test]
fn no_programme_names_the_filter() {
    let c = online_only();
    let p = plan_in(
        &c,
        "name: AC\neducation: high_school\ntarget: { setting: physician_office }\npreferences: { delivery: [on_campus] }\n",
    );
    let w = p
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::NoProgramme { .. }));
    assert!(matches!(
        w,
        Some(Warning::NoProgramme {
            filter: ProgrammeFilter::Delivery,
            ..
        })
    ));
}

/// No schooling, CCS at 12 hours a week: when no route meets the target date, the soonest
/// prepared one is taken, not the diploma and an unprepared exam (sooner, but late too); an
/// unprepared exam is taken only when it meets the date. The rule named is the one that
/// told the chosen route from the runner-up.
#[test]
fn an_unprepared_exam_is_taken_only_when_it_meets_the_date() {
    let yaml = |by: &str| {
        format!(
            "name: N\neducation: none\ntarget: {{ setting: hospital_inpatient{by} }}\npreferences: {{ budget_usd: 5000, hours_per_week: 12 }}\n"
        )
    };
    for (by, rule) in [
        ("", RouteRule::Recommended),
        (", by: 2028-06-30", RouteRule::Prepared),
        (", by: 2027-06-01", RouteRule::TargetDate),
    ] {
        let p = plan_for(&yaml(by));
        let r = p.route.as_ref().unwrap();
        assert!(r.chosen.prepared && r.chosen.programme.is_some(), "{by}");
        assert_eq!(r.rule, rule, "{by}");
        assert!(!codes(&p).contains(&"exam_not_prepared".to_string()));
    }
    // Late either way, the unprepared exam is the sooner: it is not the reason to choose.
    let p = plan_for(&yaml(", by: 2027-06-01"));
    assert!(p.route.as_ref().unwrap().chosen.exam_date > d("2027-06-01"));
    // On time only unprepared: the diploma and the exam straight away.
    let p = plan_for(&yaml(", by: 2027-08-01"));
    let r = p.route.as_ref().unwrap();
    assert!(!r.chosen.prepared && r.chosen.exam_date <= d("2027-08-01"));
    assert_eq!(r.rule, RouteRule::TargetDate);
    assert!(codes(&p).contains(&"exam_not_prepared".to_string()));
}
