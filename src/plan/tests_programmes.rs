//! Planner tests on the programme taken: its length for someone whose accredited degree earns
//! advanced standing, and what it is said to teach, counted against the readiness gaps.

use super::tests::{codes, plan_for};
use super::*;
use crate::data::model::{CompetencyKind, DegreeLevel};

/// An RHIT holder with `hours` of study a week aiming at the RHIA.
fn rhit(degree: &str, hours: u32) -> Plan<'static> {
    plan_for(&format!(
        "name: T\neducation: associate\n{degree}experience_months: 36\nmemberships: [AHIMA]\ncredentials: [{{ id: RHIT, earned: 2023-06-01 }}]\ntarget: {{ setting: hospital_inpatient, credential: RHIA }}\npreferences: {{ budget_usd: 20000, hours_per_week: {hours} }}\n"
    ))
}

/// The RHIT's accredited associate degree stands for the bachelor's first two years: the
/// plan takes the shorter length the data gives for it (two years full time, stretched for
/// part-time study), says why, and cites its sources.
#[test]
fn an_accredited_associate_shortens_the_bachelors() {
    for (hours, months) in [(15, 42.0), (30, 24.0)] {
        let p = rhit("accredited_degree: associate\n", hours);
        let c = p.programme.as_ref().unwrap();
        assert_eq!(c.programme.id, "him_bachelor");
        assert_eq!(c.advanced_standing, Some(DegreeLevel::Associate));
        assert_eq!(c.months, months, "{hours} h a week");
        let stage = p.milestones.iter().find(|m| m.id == "programme").unwrap();
        assert!(matches!(
            stage.stage,
            Stage::Programme {
                advanced_standing: Some(DegreeLevel::Associate),
                ..
            }
        ));
        assert!(!codes(&p).contains(&"degree_credit".to_string()));
        assert!(
            p.sources
                .iter()
                .any(|s| s.url.as_deref().is_some_and(|u| u.contains("csu.edu")))
        );
    }
}

/// An associate degree the data gives no shorter length for (not accredited): the full
/// length, and a warning that credit for it may shorten the programme.
#[test]
fn a_degree_without_a_shorter_length_in_the_data_is_warned() {
    let p = rhit("", 15);
    let c = p.programme.as_ref().unwrap();
    assert_eq!((c.advanced_standing, c.months), (None, 84.0));
    let w = p.warnings.iter().find_map(|w| match w {
        Warning::DegreeCredit {
            programme,
            education,
        } => Some((programme.id.as_str(), *education)),
        _ => None,
    });
    assert_eq!(
        w,
        Some(("him_bachelor", crate::data::model::Education::Associate))
    );
}

/// A medical assistant aiming at hospital inpatient coding, through the CCA: the programme
/// is said to teach every readiness gap it closes (pathophysiology, ICD-10-PCS, …), not only
/// the topics the CCA route asked, and counts them in its "teaches N of M".
#[test]
fn a_programme_teaches_the_gaps_readiness_counts() {
    let p = plan_for(
        "name: G\neducation: ged\nbackgrounds: [medical_assistant]\ntarget: { setting: hospital_inpatient }\npreferences: { delivery: [on_campus], budget_usd: 6000, hours_per_week: 20 }\nstate: CA\n",
    );
    let gaps: Vec<&str> = p
        .readiness
        .missing
        .iter()
        .filter(|g| g.competency.kind == CompetencyKind::Topic)
        .filter(|g| g.closed_by.as_deref() == Some("programme"))
        .map(|g| g.competency.id.as_str())
        .collect();
    assert!(gaps.len() >= 7, "{gaps:?}");
    let Some(Stage::Programme { teaches, .. }) = p
        .milestones
        .iter()
        .find(|m| m.id == "programme")
        .map(|m| &m.stage)
    else {
        panic!("no programme")
    };
    let taught: Vec<&str> = teaches.iter().map(|c| c.id.as_str()).collect();
    for g in &gaps {
        assert!(taught.contains(g), "{g} not in {taught:?}");
    }
    let c = p.programme.as_ref().unwrap();
    assert_eq!(c.covers.len(), teaches.len());
    assert!(c.needed >= gaps.len() && c.covers.len() <= c.needed);
    // Still chosen for the CCA route's topics: the same certificate as before.
    assert_eq!(c.programme.id, "sbcc_coding_certificate");
}
