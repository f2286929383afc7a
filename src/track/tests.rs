//! Rule tests with worked numbers, at a fixed `as_of`.

use chrono::NaiveDate;

use super::*;
use crate::loader::Source;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn data() -> DataSet {
    DataSet::load(None).unwrap()
}

/// Status on `as_of` for a profile holding `creds` (id, earned) and a log.
fn run(creds: &[(&str, &str)], extra: &str, log: &str, as_of: &str) -> Status {
    let data = data();
    let creds: Vec<String> = creds
        .iter()
        .map(|(id, e)| format!("  - {{ id: {id}, earned: {e} }}\n"))
        .collect();
    let yaml = format!(
        "name: T\neducation: certificate\naapc_renewal: 2025-05-31\ncredentials:\n{}{extra}",
        creds.concat()
    );
    let profile = Profile::load(&Source::new("p.yaml", yaml), &data, d(as_of)).unwrap();
    let log = if log.is_empty() {
        Log::default()
    } else {
        Log::load(&Source::new("l.ceus.yaml", log), &data, d(as_of)).unwrap()
    };
    status(&profile, &log, &data, d(as_of)).unwrap()
}

fn body(s: &Status, b: Body) -> &BodyStatus {
    s.bodies.iter().find(|x| x.body == b).unwrap()
}

fn req<'a>(b: &'a BodyStatus, id: &str) -> &'a Requirement {
    b.requirements
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", b.requirements))
}

/// A log entry in YAML.
fn entry(date: &str, title: &str, ceus: f64, more: &str) -> String {
    format!("- date: {date}\n  title: \"{title}\"\n  provider: AAPC\n  ceus: {ceus}\n{more}")
}

const AS_OF: &str = "2026-11-27";
const EARNED: &str = "2020-01-15";

#[test]
fn aapc_totals_by_number_of_credentials() {
    for (creds, want) in [
        (vec!["CPC"], 36.0),
        (vec!["CPC", "CRC"], 40.0),
        (vec!["CPC", "CRC", "COC", "CIC", "CPB"], 52.0),
        (vec!["CPC", "CRC", "COC", "CIC", "CPB", "CEMC"], 52.0),
    ] {
        let held: Vec<(&str, &str)> = creds.iter().map(|c| (*c, EARNED)).collect();
        let s = run(&held, "", "", AS_OF);
        let b = body(&s, Body::AAPC);
        assert_eq!(b.required, want, "{creds:?}");
        assert_eq!(
            (b.cycle.start, b.cycle.end),
            (d("2025-06-01"), d("2027-05-31"))
        );
        assert_eq!(b.rulebook, "aapc-2015");
    }
}

#[test]
fn cpma_needs_sixteen_auditing_ceus_within_the_total() {
    let log = [
        entry(
            "2025-08-01",
            "Audit basics",
            10.0,
            "  aapc_index: A1\n  topics: [CPMA]\n",
        ),
        entry("2025-09-01", "Coding update", 30.0, "  aapc_index: A2\n"),
    ]
    .concat();
    let s = run(&[("CPC", EARNED), ("CPMA", EARNED)], "", &log, AS_OF);
    let b = body(&s, Body::AAPC);
    assert_eq!(b.required, 40.0);
    assert_eq!(b.earned, 40.0);
    let cpma = req(b, "CPMA");
    assert_eq!((cpma.required, cpma.earned, cpma.met), (16.0, 10.0, false));
    assert!(req(b, "total").met);
    // The total is met but 6 auditing CEUs are still needed.
    assert_eq!(b.remaining, 6.0);
    assert_ne!(b.status, "complete");
}

#[test]
fn a_specialty_ceu_counts_for_one_specialty_and_the_core_total() {
    // CEMC minimum 8, CCC minimum 8. A 10-CEU entry tagged for both, a 6-CEU CEMC-only one.
    let log = [
        entry(
            "2025-08-01",
            "Cardiology E/M",
            10.0,
            "  aapc_index: S1\n  topics: [CEMC, CCC]\n",
        ),
        entry(
            "2025-09-01",
            "E/M guidelines",
            6.0,
            "  aapc_index: S2\n  topics: [CEMC]\n",
        ),
    ]
    .concat();
    let s = run(
        &[("CPC", EARNED), ("CEMC", EARNED), ("CCC", EARNED)],
        "",
        &log,
        AS_OF,
    );
    let b = body(&s, Body::AAPC);
    assert_eq!(b.required, 44.0);
    assert_eq!(b.earned, 16.0);
    // Max flow: the CEMC-only entry gives 6 to CEMC; the shared entry gives 2 to CEMC and 8 to CCC.
    assert_eq!((req(b, "CEMC").earned, req(b, "CCC").earned), (8.0, 8.0));
    let shared = b
        .allocations
        .iter()
        .find(|a| a.title == "Cardiology E/M")
        .unwrap();
    let given: f64 = shared.shares.iter().map(|s| s.ceus).sum();
    assert_eq!(given, 10.0);
}

#[test]
fn a_ceu_tagged_for_two_specialties_counts_for_only_one() {
    let log = entry(
        "2025-08-01",
        "Oncology and cardiology",
        8.0,
        "  aapc_index: S1\n  topics: [CHONC, CCC]\n",
    );
    let s = run(
        &[("CPC", EARNED), ("CHONC", EARNED), ("CCC", EARNED)],
        "",
        &log,
        AS_OF,
    );
    let b = body(&s, Body::AAPC);
    assert_eq!(req(b, "CHONC").earned + req(b, "CCC").earned, 8.0);
    assert_eq!(b.earned, 8.0);
    assert_eq!(b.remaining, 36.0); // 44 total − 8 earned; 8 specialty CEUs still needed fit inside.
}

#[test]
fn ahima_single_and_multiple_credentials() {
    let at = |creds: &[&str]| {
        let held: Vec<(&str, &str)> = creds.iter().map(|c| (*c, "2025-02-01")).collect();
        let s = run(&held, "", "", AS_OF);
        let b = body(&s, Body::AHIMA).clone();
        (b.required, b.basis)
    };
    assert_eq!(at(&["CCS"]).0, 20.0);
    assert_eq!(at(&["CCS", "CCS-P"]).0, 30.0);
    let (capped, basis) = at(&["RHIA", "CCS", "CCS-P"]);
    assert_eq!(capped, 50.0);
    assert_eq!(basis, "30 for RHIA + 20 for 2 more credentials");
    let (four, basis) = at(&["RHIA", "CDIP", "CHPS", "CCS"]);
    assert_eq!(four, 50.0);
    assert_eq!(
        basis,
        "30 for CDIP + 30 for 3 more credentials, capped at 50"
    );
    let (rhia, basis) = at(&["RHIA", "RHIT"]);
    assert_eq!(rhia, 30.0);
    assert!(basis.contains("RHIT is superseded"), "{basis}");
}

fn ahima_entry(date: &str, title: &str, ceus: f64, domain: &str, sourced: bool) -> String {
    format!(
        "- date: {date}\n  title: \"{title}\"\n  provider: AHIMA\n  ceus: {ceus}\n  domain: {domain}\n  ahima_sourced: {sourced}\n"
    )
}

#[test]
fn ahima_other_topics_count_only_up_to_twenty_percent() {
    let log = [
        ahima_entry("2025-03-01", "Coding", 12.0, "hiim", true),
        ahima_entry("2025-04-01", "Leadership", 8.0, "other", false),
    ]
    .concat();
    let s = run(&[("CCS", "2025-02-01")], "", &log, AS_OF);
    let b = body(&s, Body::AHIMA);
    // 20 required: 12 HIIM + min(8, 4) other = 16 counted.
    assert_eq!((b.required, b.earned), (20.0, 16.0));
    assert_eq!(req(b, "hiim_domain").required, 16.0);
    assert!(!req(b, "hiim_domain").met);
    assert_eq!(b.remaining, 4.0);
}

#[test]
fn ahima_sourced_share_applies_from_2025_cycles_only() {
    let log = [ahima_entry(
        "2025-03-01",
        "Vendor course",
        20.0,
        "hiim",
        false,
    )]
    .concat();
    let s = run(&[("CCS", "2025-02-01")], "", &log, AS_OF);
    let b = body(&s, Body::AHIMA);
    assert_eq!(b.rulebook, "ahima-2025");
    let sourced = req(b, "ahima_sourced");
    assert_eq!(
        (sourced.required, sourced.earned, sourced.met),
        (8.0, 0.0, false)
    );
    // A cycle that started in 2024 is judged by the 2021 rules: no sourced share.
    let old = run(
        &[("CCS", "2024-06-01")],
        "",
        &ahima_entry("2024-07-01", "Vendor course", 20.0, "hiim", false),
        "2025-06-01",
    );
    let b = body(&old, Body::AHIMA);
    assert_eq!(b.rulebook, "ahima-2021");
    assert!(b.requirements.iter().all(|r| r.id != "ahima_sourced"));
    assert_eq!(b.status, "complete");
}

#[test]
fn a_pre_2021_cycle_needs_the_coding_self_assessments() {
    let log = [ahima_entry("2019-05-01", "Inpatient coding", 15.0, "hiim", false), "- date: 2019-09-01\n  title: Self-assessment\n  provider: AHIMA\n  ceus: 5\n  domain: hiim\n  self_assessment: true\n".to_string()].concat();
    let s = run(&[("CCS", "2019-03-01")], "", &log, "2020-06-01");
    let b = body(&s, Body::AHIMA);
    assert_eq!(b.rulebook, "ahima-2019");
    let sa = req(b, "self_assessments");
    assert_eq!((sa.required, sa.earned, sa.met), (10.0, 5.0, false));
    assert_eq!(b.earned, 20.0);
    assert_eq!(b.status, "on_track");
}

#[test]
fn entries_before_certification_duplicates_and_unapproved_are_rejected() {
    let log = [
        entry("2025-06-10", "Before", 2.0, "  aapc_index: X1\n"),
        entry("2025-08-01", "Webinar", 1.0, "  aapc_index: X2\n"),
        entry("2025-08-01", "webinar ", 1.0, "  aapc_index: X2\n"),
        entry("2025-09-01", "Not approved", 3.0, ""),
    ]
    .concat();
    let s = run(&[("CPC", "2025-07-01")], "", &log, AS_OF);
    let b = body(&s, Body::AAPC);
    let reasons: Vec<(usize, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (1, "earned before certification on 2025-07-01"),
            (11, "duplicate of line 6: a course counts once"),
            (16, "no AAPC approval index; only approved CEUs count"),
        ]
    );
    assert_eq!(b.earned, 1.0);
}

#[test]
fn first_aapc_cycle_is_prorated_and_marked() {
    let s = run(&[("CPC", "2026-02-10")], "", "", AS_OF);
    let b = body(&s, Body::AAPC);
    assert!(b.cycle.prorated);
    // 2026-02-10 to 2027-05-31 is 15 whole months: ceil(36 × 15 / 24) = 23.
    assert_eq!(
        (b.cycle.start, b.cycle.end, b.required),
        (d("2026-02-10"), d("2027-05-31"), 23.0)
    );
    assert!(b.basis.contains("estimated pro-rating"), "{}", b.basis);
}

#[test]
fn status_moves_through_behind_overdue_and_revoked() {
    let log = entry("2025-07-01", "Only one", 10.0, "  aapc_index: Y\n");
    // 2026-11-27: 18 of 24 months gone, 10 of 36 earned → behind.
    let s = run(&[("CPC", EARNED)], "", &log, AS_OF);
    let b = body(&s, Body::AAPC);
    assert_eq!(
        (b.status.as_str(), b.days_left, b.remaining),
        ("behind", 185, 26.0)
    );
    assert_eq!(b.pace_per_month, 4.3);
    // 30 days after the due date: overdue, 60 days left before revocation.
    let s = run(&[("CPC", EARNED)], "", &log, "2027-06-30");
    let b = body(&s, Body::AAPC);
    assert_eq!((b.status.as_str(), b.days_left), ("overdue", 60));
    assert!(
        b.fees
            .iter()
            .any(|f| f.label == "CEU extension" && f.usd == 50.0)
    );
    let s = run(&[("CPC", EARNED)], "", &log, "2027-09-15");
    assert_eq!(body(&s, Body::AAPC).status, "revoked");
}

#[test]
fn ahima_inactive_for_180_days_after_the_cycle_end() {
    let s = run(&[("CCS", "2024-03-01")], "", "", "2026-05-01");
    let b = body(&s, Body::AHIMA);
    assert_eq!(
        (b.cycle.end, b.status.as_str(), b.days_left),
        (d("2026-02-28"), "inactive", 118)
    );
    assert!(b.fees.iter().any(|f| f.usd == 50.0));
}

#[test]
fn an_override_sets_the_requirement_and_says_so() {
    let s = run(
        &[("CPC", EARNED)],
        "cycle_overrides:\n  - { body: AAPC, start: 2025-06-01, end: 2027-05-31, required: 30 }\n",
        "",
        AS_OF,
    );
    let b = body(&s, Body::AAPC);
    assert!(b.cycle.overridden);
    assert_eq!(b.required, 30.0);
    assert!(b.basis.contains("override"));
}

#[test]
fn fees_due() {
    let s = run(
        &[
            ("CPC", EARNED),
            ("CCS", "2025-02-01"),
            ("CCS-P", "2025-02-01"),
        ],
        "",
        "",
        AS_OF,
    );
    let aapc = body(&s, Body::AAPC);
    assert_eq!(
        aapc.fees,
        [FeeDue {
            label: "AAPC individual membership renewal".into(),
            due: d("2027-05-31"),
            usd: 190.0
        }]
    );
    let ahima = body(&s, Body::AHIMA);
    assert_eq!(
        (ahima.fees[0].due, ahima.fees[0].usd),
        (d("2027-01-31"), 268.0)
    );
}

#[test]
fn a_superseded_credential_is_not_charged_and_empty_sums_are_zero() {
    let s = run(
        &[("RHIT", "2018-05-01"), ("RHIA", "2022-07-01")],
        "",
        "",
        AS_OF,
    );
    let b = body(&s, Body::AHIMA);
    assert_eq!(b.required, 30.0);
    assert_eq!(b.fees[0].usd, 218.0);
    assert!(b.earned.is_sign_positive(), "{}", b.earned);
}
