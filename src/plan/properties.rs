//! Property tests: any valid profile gives a plan whose stages are ordered, whose costs add
//! up, whose exams are eligible or warned, and that sends no working coder to find a job.

use proptest::prelude::*;

use super::tests::{AS_OF, has, ids, plan_for};
use super::{Cost, Stage, Warning};
use crate::dates;
use crate::testing::d;

const CREDS: [&str; 8] = ["CPC", "COC", "CIC", "CRC", "CCA", "CCS", "RHIT", "CPMA"];
const SETTINGS: [&str; 4] = [
    "physician_office",
    "hospital_inpatient",
    "hospital_outpatient",
    "remote",
];
const TOPICS: [&str; 5] = [
    "medical_terminology",
    "anatomy_physiology",
    "icd10cm",
    "cpt",
    "icd10pcs",
];
const EDUCATION: [&str; 6] = [
    "none",
    "ged",
    "certificate",
    "associate",
    "bachelor",
    "master",
];

/// A valid profile built from the choices.
#[allow(clippy::too_many_arguments)]
fn profile(
    edu: usize,
    months: u32,
    working: bool,
    held: Vec<(usize, u32)>,
    setting: usize,
    named: Option<usize>,
    budget: Option<u32>,
    hours: u32,
    topics: Vec<usize>,
    nurse: bool,
) -> String {
    let mut y = format!(
        "name: P\neducation: {}\nexperience_months: {months}\ncurrently_coding: {working}\n",
        EDUCATION[edu]
    );
    let mut seen = Vec::new();
    let held: Vec<String> = held
        .into_iter()
        .filter(|(c, _)| {
            let fresh = !seen.contains(c);
            seen.push(*c);
            fresh
        })
        .map(|(c, days)| {
            format!(
                "{{ id: {}, earned: {} }}",
                CREDS[c],
                dates::sub_days(d(AS_OF), u64::from(days))
            )
        })
        .collect();
    if !held.is_empty() {
        y.push_str(&format!(
            "credentials: [{}]\naapc_renewal: 2025-07-31\n",
            held.join(", ")
        ));
    }
    let cred = named.map_or(String::new(), |c| format!(", credential: {}", CREDS[c]));
    y.push_str(&format!(
        "target: {{ setting: {}{cred} }}\n",
        SETTINGS[setting]
    ));
    let budget = budget.map_or(String::new(), |b| format!(", budget_usd: {b}"));
    y.push_str(&format!(
        "preferences: {{ hours_per_week: {hours}{budget} }}\n"
    ));
    let topics: Vec<&str> = topics.into_iter().map(|t| TOPICS[t]).collect();
    y.push_str(&format!("completed: [{}]\n", topics.join(", ")));
    if nurse {
        y.push_str("backgrounds: [registered_nurse]\n");
    }
    y
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_valid_profile_gives_a_consistent_plan(
        edu in 0usize..6,
        months in 0u32..120,
        working in any::<bool>(),
        held in prop::collection::vec((0usize..8, 1u32..2000), 0..3),
        setting in 0usize..4,
        named in prop::option::of(0usize..8),
        budget in prop::option::of(0u32..30000),
        hours in 1u32..=80,
        topics in prop::collection::vec(0usize..5, 0..5),
        nurse in any::<bool>(),
    ) {
        let yaml = profile(edu, months, working, held, setting, named, budget, hours, topics, nurse);
        let p = plan_for(&yaml);
        for m in &p.milestones {
            prop_assert!(m.start <= m.end, "{} starts after it ends\n{yaml}", m.id);
        }
        let mut sorted = p.milestones.clone();
        sorted.sort_by_key(super::timeline_order);
        prop_assert_eq!(ids(&p), sorted.iter().map(|m| m.id.clone()).collect::<Vec<_>>());
        let known: f64 = p.costs.lines.iter().filter_map(|l| match l.cost { Cost::Known(v) => Some(v), _ => None }).sum();
        prop_assert!((known - p.costs.known_usd).abs() < 1e-6);
        prop_assert_eq!(p.costs.unknown, p.costs.lines.iter().filter(|l| l.cost == Cost::Unknown).count());
        for m in &p.milestones {
            if let Stage::Exam(e) = &m.stage {
                let warned = p.warnings.iter().any(|w| matches!(w, Warning::NotEligible { credential, .. } if *credential == e.credential));
                prop_assert!(e.eligible || warned, "{} sat without eligibility\n{yaml}", e.credential.id);
            }
        }
        if working && months > 0 {
            prop_assert!(!has(&p, "job"), "a working coder is sent to find a first job\n{yaml}");
        }
        let json = serde_json::to_string(&p).unwrap();
        prop_assert!(!json.contains(":-0.0"), "negative zero in the JSON\n{yaml}");
    }
}
