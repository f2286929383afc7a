//! Planner tests from a counsellor's trial: a missed target date names the preference change
//! that would meet it, a campus is offered only where the person can attend it, a state
//! college's two prices are not a range, and an over-budget plan names a cheaper target.

use super::tests::{codes, plan_for, plan_in};
use super::*;
use crate::testing::{EMBEDDED, catalog_with, d};

/// José: a GED and a medical assistant's background, on campus only, in Texas, wanting a
/// hospital outpatient job by 2027-09-01 on $6,000, at `hours` a week.
fn jose(hours: &str, delivery: &str) -> String {
    format!(
        "name: José Núñez\neducation: ged\nbackgrounds: [medical_assistant]\ntarget: {{ setting: hospital_outpatient, by: 2027-09-01 }}\npreferences: {{ delivery: [{delivery}], budget_usd: 6000{hours} }}\nstate: TX\n"
    )
}

fn misses(p: &Plan<'static>) -> Option<(Option<f64>, Option<DeliveryRemedy<'static>>)> {
    p.warnings.iter().find_map(|w| match w {
        Warning::MissesTargetDate {
            hours_needed,
            delivery,
            ..
        } => Some((*hours_needed, delivery.clone())),
        _ => None,
    })
}

/// No campus programme meets the date at any hours, but online study does: at 15 hours a
/// week as they are, at the default 10 only with 13 hours a week. The warning says so, and
/// the plan with that change meets the date (what `plan --compare` shows).
#[test]
fn a_missed_date_names_the_other_delivery_that_meets_it() {
    let p = plan_for(&jose(", hours_per_week: 15", "on_campus"));
    let (hours, other) = misses(&p).expect("misses the date on campus");
    assert_eq!(hours, None, "no study hours meet it on campus");
    let other = other.expect("online meets it");
    assert_eq!(other.delivery, Delivery::Online);
    assert_eq!(other.hours_needed, None);
    assert!(other.exam_date <= d("2027-09-01"));
    let online = plan_for(&jose(", hours_per_week: 15", "online"));
    assert!(misses(&online).is_none(), "{:?}", codes(&online));
    assert_eq!(
        online.route.as_ref().unwrap().chosen.exam_date,
        other.exam_date
    );

    let p = plan_for(&jose("", "on_campus"));
    let other = misses(&p)
        .and_then(|m| m.1)
        .expect("online with more hours");
    assert_eq!(
        (other.delivery, other.hours_needed),
        (Delivery::Online, Some(13.0))
    );
    let online = plan_for(&jose(", hours_per_week: 13", "online"));
    assert!(misses(&online).is_none(), "{:?}", codes(&online));
    let online = plan_for(&jose(", hours_per_week: 12", "online"));
    assert!(misses(&online).is_some());
}

/// A Texan who studies any way is not offered a campus in Georgia; a college that also
/// teaches online stays (priced as the data gives it).
#[test]
fn a_campus_in_another_state_is_left_out() {
    let p = plan_for(
        "name: T\neducation: high_school\ntarget: { setting: hospital_inpatient, credential: CCA }\nstate: TX\n",
    );
    let ids: Vec<&str> = p
        .programme
        .iter()
        .chain(&p.alternatives)
        .map(|c| c.programme.id.as_str())
        .collect();
    assert!(!ids.contains(&"asu_coding_certificate"), "{ids:?}");
    assert!(!ids.contains(&"sbcc_coding_certificate"), "{ids:?}");
}

/// When every programme that could be taken the way the profile prefers is a campus in
/// another state, the plan says that filter left none.
#[test]
fn only_campuses_elsewhere_is_the_campus_filter() {
    // Only SBCC (California) and Albany State (Georgia) are left on campus.
    let text =
        include_str!("../../data/programmes.yaml").replace("[online, on_campus]", "[online]");
    let cat = catalog_with(&[("programmes.yaml", &text)]);
    let p = plan_in(
        &cat,
        "name: T\neducation: high_school\ntarget: { setting: hospital_inpatient, credential: CCA }\npreferences: { delivery: [on_campus] }\nstate: TX\n",
    );
    assert!(
        p.warnings.iter().any(|w| matches!(
            w,
            Warning::NoProgramme {
                filter: ProgrammeFilter::Campus,
                ..
            }
        )),
        "{:?}",
        codes(&p)
    );
}

/// Case 14: someone who studies only on campus attends a campus in their own state: a
/// California resident is priced at SBCC's in-state tuition; a Texan is not offered it (nor
/// Albany State's campus in Georgia); with no state given, it ranks after programmes open
/// to anyone and counts its out-of-state tuition, with a caveat naming both prices.
#[test]
fn campus_location_and_residency_price() {
    let yaml = |state: &str| {
        format!(
            "name: X\neducation: high_school\n{state}target: {{ setting: physician_office, credential: CCA }}\npreferences: {{ delivery: [on_campus] }}\n"
        )
    };
    let ca = plan_for(&yaml("state: CA\n"));
    assert_eq!(
        ca.programme.as_ref().map(|c| c.programme.id.as_str()),
        Some("sbcc_coding_certificate")
    );
    let c = ca.programme.as_ref().unwrap();
    assert_eq!(c.cost_usd, Some(1748.0));
    assert_eq!(c.tuition.map(|t| t.residency), Some(Residency::InState));
    assert!(!codes(&ca).contains(&"residency_price".to_string()));
    let none = plan_for(&yaml(""));
    assert_eq!(
        none.programme.as_ref().map(|c| c.programme.id.as_str()),
        Some("cc_certificate")
    );
    let sbcc = none
        .alternatives
        .iter()
        .find(|c| c.programme.id == "sbcc_coding_certificate")
        .unwrap();
    assert!(sbcc.campus_only && sbcc.out_of_state);
    assert_eq!(sbcc.cost_range_usd, Some((12578.0, 12578.0)));
    assert_eq!(sbcc.tuition.map(|t| t.residency), Some(Residency::Unknown));
    let tx = plan_for(&yaml("state: TX\n"));
    let considered: Vec<&str> = tx
        .programme
        .iter()
        .chain(&tx.alternatives)
        .map(|c| c.programme.id.as_str())
        .collect();
    assert!(
        !considered.contains(&"sbcc_coding_certificate")
            && !considered.contains(&"asu_coding_certificate"),
        "{considered:?}"
    );
}

/// Sam: a bachelor's, no state, no delivery preference, $3,000. One Californian college's
/// campus does not outrank programmes open to anyone, and it is priced at what a
/// non-resident pays (California residents' price is not a low end).
#[test]
fn without_a_state_one_campus_ranks_after_programmes_open_to_anyone() {
    let p = plan_for(
        "name: Sam Lee\neducation: bachelor\ntarget: { setting: insurance_company }\npreferences: { budget_usd: 3000 }\n",
    );
    let chosen = p.programme.as_ref().unwrap();
    assert_ne!(chosen.programme.id, "sbcc_coding_certificate");
    assert!(!chosen.campus_only);
    let all: Vec<&ProgrammeChoice> = p.programme.iter().chain(&p.alternatives).collect();
    let first_campus = all.iter().position(|c| c.campus_only);
    if let Some(i) = first_campus {
        assert!(all[i..].iter().all(|c| c.campus_only), "campuses last");
    }
    let (_, ranked) = super::tests_choice::ranked(
        "name: Sam Lee\neducation: bachelor\npreferences: { budget_usd: 3000 }\n",
        "CPC",
    );
    let sbcc = ranked
        .iter()
        .find(|c| c.programme.id == "sbcc_coding_certificate")
        .unwrap();
    assert_eq!(sbcc.cost_usd, Some(12578.0));
    assert_eq!(sbcc.budget, BudgetFit::Over);
    // Every programme open to anyone that prepares for the CPC ranks above it.
    let sbcc_at = ranked
        .iter()
        .position(|c| c.programme.id == "sbcc_coding_certificate")
        .unwrap();
    for (i, c) in ranked.iter().enumerate() {
        let cpc = c
            .programme
            .prepares_for
            .iter()
            .any(|x| EMBEDDED.get(*x).id == "CPC");
        if cpc && !c.campus_only {
            assert!(i < sbcc_at, "{} ranks below SBCC", c.programme.id);
        }
    }
}

/// Two programmes alike but for their length: one states 18 months, the other states none
/// (so the plan assumes 12). The assumed length does not win; the known one is taken.
#[test]
fn an_assumed_length_does_not_beat_a_known_one() {
    let programme = |id: &str, months: &str| {
        format!(
            "  - id: {id}\n    kind: type\n    name: Programme {id}\n    delivery: [online]\n    self_paced: false\n    months: {months}\n    contact_hours: null\n    credits: null\n    cost_usd: null\n    accreditation: null\n    grants: certificate\n    prepares_for: [CCA]\n    competencies: [medical_terminology, anatomy_physiology, icd10cm, icd10pcs, cpt]\n    apprentice_course_hours: null\n    practicode: false\n    prerequisites: {{ education: high_school }}\n    note: A fixture.\n    sources:\n      - {{ url: https://example.org/{id}, title: Fixture, date: not shown, tag: secondary }}\n"
        )
    };
    let text = format!(
        "as_of: 2026-11-27\nprogrammes:\n{}{}",
        programme("a_unknown", "null"),
        programme("b_known", "{ min: 18, max: 18 }")
    );
    let cat = catalog_with(&[("programmes.yaml", &text)]);
    let p = plan_in(
        &cat,
        "name: L\neducation: high_school\ntarget: { setting: hospital_inpatient, credential: CCA }\npreferences: { hours_per_week: 30 }\n",
    );
    let c = p.programme.as_ref().unwrap();
    assert_eq!(c.programme.id, "b_known");
    assert_eq!(
        p.alternatives[0].months, 12.0,
        "the other is assumed shorter"
    );
}

/// $300, five hours a week, online, a physician office: the CPC's known costs ($582) are
/// over, and the warning names the CCA, which the setting also takes, at what its own plan
/// costs ($299 and the programme's price not found).
#[test]
fn over_budget_names_a_cheaper_target_that_fits() {
    let yaml = |budget: u32, target: &str| {
        format!(
            "name: P\neducation: high_school\ntarget: {{ setting: physician_office{target} }}\npreferences: {{ delivery: [online], budget_usd: {budget}, hours_per_week: 5 }}\n"
        )
    };
    let over = |p: &Plan<'static>| {
        p.warnings.iter().find_map(|w| match w {
            Warning::OverBudget {
                cheaper_target,
                programme,
                ..
            } => Some((cheaper_target.clone(), programme.clone())),
            _ => None,
        })
    };
    let p = plan_for(&yaml(300, ""));
    let (cheaper, programme) = over(&p).expect("over budget");
    assert!(programme.is_none(), "{programme:?}");
    let cheaper = cheaper.expect("the CCA fits");
    assert_eq!(cheaper.credential.id, "CCA");
    let cca = plan_for(&yaml(300, ", credential: CCA"));
    assert_eq!(
        (cheaper.known_usd, cheaper.unknown, cheaper.job_ready),
        (cca.costs.known_usd, cca.costs.unknown, cca.job_ready)
    );
    assert_eq!(cheaper.budget, BudgetFit::Unknown);
    // The unknown cost is the CCA route's degree itself.
    assert_eq!(
        cheaper.unpriced_programme.map(|x| x.id.as_str()),
        Some("hit_associate")
    );
    // Nothing the setting takes fits $200: no suggestion.
    let p = plan_for(&yaml(200, ""));
    assert!(over(&p).expect("over budget").0.is_none());
}

/// The exam's fees alone over the budget make a programme whose price is not found over the
/// budget, not of unknown fit.
#[test]
fn fees_alone_over_the_budget_are_over() {
    let (_, ranked) = super::tests_choice::ranked(
        "name: P\neducation: high_school\npreferences: { budget_usd: 300 }\n",
        "CPC",
    );
    let own = ranked
        .iter()
        .find(|c| c.programme.id == "self_study")
        .unwrap();
    assert_eq!(own.budget, BudgetFit::Over);
}

/// A target date only a dearer programme meets: over the budget, the warning names the
/// cheaper one that fits, later.
#[test]
fn over_budget_names_a_cheaper_programme_that_fits() {
    let programme = |id: &str, months: u32, usd: u32| {
        format!(
            "  - id: {id}\n    kind: type\n    name: Programme {id}\n    delivery: [online]\n    self_paced: false\n    months: {{ min: {months}, max: {months} }}\n    contact_hours: null\n    credits: null\n    cost_usd: {{ min: {usd}, max: {usd} }}\n    accreditation: null\n    grants: certificate\n    prepares_for: [CCA]\n    competencies: [medical_terminology, anatomy_physiology, icd10cm, icd10pcs, cpt]\n    apprentice_course_hours: null\n    practicode: false\n    prerequisites: {{ education: high_school }}\n    note: A fixture.\n    sources:\n      - {{ url: https://example.org/{id}, title: Fixture, date: not shown, tag: secondary }}\n"
        )
    };
    let text = format!(
        "as_of: 2026-11-27\nprogrammes:\n{}{}",
        programme("fast", 3, 2000),
        programme("slow", 12, 400)
    );
    let cat = catalog_with(&[("programmes.yaml", &text)]);
    let p = plan_in(
        &cat,
        "name: F\neducation: high_school\ntarget: { setting: hospital_inpatient, credential: CCA, by: 2027-06-30 }\npreferences: { budget_usd: 1000, hours_per_week: 30 }\n",
    );
    assert_eq!(p.programme.as_ref().unwrap().programme.id, "fast");
    let named = p.warnings.iter().find_map(|w| match w {
        Warning::OverBudget { programme, .. } => Some(
            programme
                .as_ref()
                .map(|x| (x.programme.id.as_str(), x.budget)),
        ),
        _ => None,
    });
    assert_eq!(
        named,
        Some(Some(("slow", BudgetFit::Fits))),
        "{:?}",
        codes(&p)
    );
}

/// The tester's P4: COC for hospital outpatient by 2027-12-31 on $3,000 at ten hours a week.
/// The CPC the warning names is planned as `--target CPC` plans it: its first AAPC
/// membership paid (the COC plan's joining is not carried over), and none of the COC plan's
/// stages (its apprentice removal) counted. The cheaper programme fits only at the low end
/// of its price and is later than the target date, and says so; a programme whose own price
/// is not found is not offered.
#[test]
fn a_cheaper_target_is_planned_as_its_own_target() {
    let yaml = |credential: &str| {
        format!(
            "name: P4\neducation: high_school\ntarget: {{ setting: hospital_outpatient, credential: {credential}, by: 2027-12-31 }}\npreferences: {{ budget_usd: 3000, hours_per_week: 10 }}\n"
        )
    };
    let p = plan_for(&yaml("COC"));
    let (programme, cheaper) = p
        .warnings
        .iter()
        .find_map(|w| match w {
            Warning::OverBudget {
                programme,
                cheaper_target,
                ..
            } => Some((programme.clone(), cheaper_target.clone())),
            _ => None,
        })
        .expect("over budget");
    let cheaper = cheaper.expect("the CPC");
    assert_eq!(cheaper.credential.id, "CPC");
    let cpc = plan_for(&yaml("CPC"));
    assert_eq!(
        (cheaper.known_usd, cheaper.unknown, cheaper.job_ready),
        (cpc.costs.known_usd, cpc.costs.unknown, cpc.job_ready)
    );
    assert_eq!(
        cheaper.unpriced_programme.map(|x| x.id.as_str()),
        cpc.programme.as_ref().map(|c| c.programme.id.as_str())
    );
    let programme = programme.expect("the community-college certificate");
    assert_eq!(programme.programme.id, "cc_certificate");
    assert_eq!(programme.budget, BudgetFit::MayFit);
    assert_eq!(programme.meets_target_date, Some(false));
    assert_eq!(programme.exam_date, d("2029-01-08"));
}

/// A credential the person holds is never the cheaper target: a CPC-A aiming at COC on $500
/// is not told that CPC would fit.
#[test]
fn a_credential_held_is_not_a_cheaper_target() {
    let p = plan_for(
        "name: I\neducation: high_school\nexperience_months: 7\nstate: FL\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2026-01-15, apprentice: true }]\naapc_renewal: 2027-01-31\ntarget: { setting: hospital_outpatient, credential: COC, by: 2027-08-01 }\npreferences: { delivery: [online], budget_usd: 500, hours_per_week: 5 }\n",
    );
    let cheaper = p.warnings.iter().find_map(|w| match w {
        Warning::OverBudget { cheaper_target, .. } => Some(cheaper_target.clone()),
        _ => None,
    });
    let cheaper = cheaper.expect("over budget");
    assert!(
        cheaper.as_ref().is_none_or(|c| c.credential.id != "CPC"),
        "{cheaper:?}"
    );
}
