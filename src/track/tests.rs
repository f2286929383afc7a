//! Tracker lifecycle tests on fixture rulebooks (not the embedded ones), so a data update
//! does not move them: every state of an ended and a current cycle, with and without portal
//! overrides, credentials earned mid-cycle or after it, late logging, checkpoints, renewal-
//! month CEUs and entries after the report date.

use std::sync::LazyLock;

use super::*;
use crate::data::Catalog;
use crate::dates;
use crate::testing::{catalog_with, d, log, person};

/// Rulebooks written for these tests.
pub(super) const RULES: &str = "
as_of: 2026-11-27
rulebooks:
  - id: aapc-test
    body: AAPC
    effective_from: 2010-01-01
    cycle:
      months: 24
      anchor: membership_renewal
      odd_years_for: odd_months
      first_cycle: { prorate: { rounding: up, estimated: true } }
      renewal_month_counts_either: true
      added_credential: full
    requirement: { by_count: [36, 40, 44] }
    discipline_minimums: { CPMA: 16 }
    specialty_minimum: 8
    specialty_counts_toward_core: true
    approved_only: true
    lapse: { state: overdue, days: 90, reinstate_within_months: 36 }
    fees:
      - { kind: membership_renewal, payer: individual, usd: 190, every_months: 12 }
      - { kind: extension, usd: 50 }
      - { kind: late, usd: 50, after_days: 10, trigger: dues_unpaid }
      - { kind: reinstatement, usd: 200 }
    sources: [{ title: test, date: test, tag: secondary }]
  - id: ahima-test
    body: AHIMA
    effective_from: 2010-01-01
    cycle:
      months: 24
      anchor: certification_date
      first_cycle: {}
      added_credential: full
    requirement:
      per_credential:
        ceus: { CCA: 20, CCS: 20, RHIT: 20, RHIA: 30 }
        additional: 10
        max_total: 50
        supersedes: [[RHIA, RHIT]]
    domain_share_min: 0.8
    lapse: { state: inactive, days: 180 }
    fees:
      - { kind: recertification, payer: non_member, usd: 218 }
      - { kind: recertification, payer: non_member, per: additional_credential, usd: 50 }
      - { kind: extension, per: credential, usd: 50 }
    sources: [{ title: test, date: test, tag: secondary }]
";

pub(super) static FIXTURE: LazyLock<Catalog> =
    LazyLock::new(|| catalog_with(&[("renewal_rules.yaml", RULES)]));

fn status_on<'c>(catalog: &'c Catalog, profile: &str, ceus: &str, as_of: &str) -> Status<'c> {
    let p = person(catalog, profile, d(as_of));
    let l = log(catalog, ceus);
    status(&p, &l, catalog, d(as_of)).unwrap()
}

pub(super) fn fixture(profile: &str, ceus: &str, as_of: &str) -> Status<'static> {
    status_on(&FIXTURE, profile, ceus, as_of)
}

/// `n` approved AAPC entries of `each` CEUs from `from`, a week apart.
pub(super) fn aapc_entries(from: &str, n: usize, each: f64) -> String {
    (0..n)
        .map(|i| {
            let date = dates::add_days(d(from), 7 * i as u64);
            format!("- {{ date: {date}, title: course {date} {i}, provider: AAPC, ceus: {each}, aapc_index: A{date}-{i} }}\n")
        })
        .collect()
}

pub(super) fn ahima_entries(from: &str, n: usize, each: f64) -> String {
    (0..n)
        .map(|i| {
            let date = dates::add_days(d(from), 7 * i as u64);
            format!("- {{ date: {date}, title: webinar {date} {i}, provider: AHIMA, ceus: {each}, domain: hiim }}\n")
        })
        .collect()
}

const CPC_OVERRIDE: &str = "name: C\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }]\naapc_renewal: 2020-10-31\nceu_log_since: 2024-01-01\ncycle_overrides: [{ body: AAPC, end: 2026-10-31 }]\n";

/// Case 1: an overridden AAPC cycle that ended unmet is overdue until 90 days after its end,
/// with the extension fee (not the late fee for unpaid dues: CEUs short say nothing of
/// dues); the current cycle is shown beside it.
#[test]
fn an_ended_override_cycle_is_overdue_then_revoked() {
    let ceus = aapc_entries("2025-01-06", 10, 2.0);
    let s = fixture(CPC_OVERRIDE, &ceus, "2026-11-27");
    let b = &s.bodies[0];
    let e = b.ended.as_ref().unwrap();
    assert!(e.cycle.overridden);
    assert_eq!((e.required, e.earned, e.remaining), (36.0, 20.0, 16.0));
    assert_eq!(
        e.state,
        CycleState::Lapsed {
            lapse: LapseState::Overdue,
            due: d("2026-10-31"),
            until: d("2027-01-29"),
            days_left: 63,
            per_month: 7.8,
        }
    );
    assert_eq!(
        (b.current.cycle.start, b.current.cycle.end),
        (d("2026-11-01"), d("2028-10-31"))
    );
    let kinds: Vec<RuleFeeKind> = b.fees.iter().map(|f| f.kind).collect();
    assert!(
        kinds.contains(&RuleFeeKind::Extension) && !kinds.contains(&RuleFeeKind::Late),
        "{kinds:?}"
    );
    assert_eq!(b.lead().cycle, e.cycle);
    let later = fixture(CPC_OVERRIDE, &ceus, "2027-02-15");
    let e = later.bodies[0].ended.as_ref().unwrap();
    assert_eq!(
        e.state,
        CycleState::Revoked {
            since: d("2027-01-30"),
            reinstate_until: Some(d("2030-01-29")),
            appeal_until: None,
        }
    );
    assert!(
        later.bodies[0]
            .fees
            .iter()
            .any(|f| f.kind == RuleFeeKind::Reinstatement)
    );
}

/// The same AAPC case without the override: the computed cycles behave the same way.
#[test]
fn without_the_override_the_same() {
    let profile = CPC_OVERRIDE.replace("cycle_overrides: [{ body: AAPC, end: 2026-10-31 }]\n", "");
    let s = fixture(&profile, &aapc_entries("2025-01-06", 10, 2.0), "2026-11-27");
    let e = s.bodies[0].ended.as_ref().unwrap();
    assert_eq!(
        (e.cycle.start, e.cycle.end),
        (d("2024-11-01"), d("2026-10-31"))
    );
    assert!(matches!(e.state, CycleState::Lapsed { until, .. } if until == d("2027-01-29")));
}

/// An AHIMA cycle that ended unmet is inactive for 180 days, then revoked.
#[test]
fn an_ended_ahima_cycle_is_inactive_then_revoked() {
    let profile = "name: A\neducation: high_school\ncredentials: [{ id: CCS, earned: 2020-11-01 }]\nceu_log_since: 2024-11-01\ncycle_overrides: [{ body: AHIMA, end: 2026-10-31 }]\n";
    let ceus = ahima_entries("2025-01-06", 5, 2.0);
    let s = fixture(profile, &ceus, "2026-11-27");
    let e = s.bodies[0].ended.as_ref().unwrap();
    assert!(
        matches!(e.state, CycleState::Lapsed { lapse: LapseState::Inactive, until, .. } if until == d("2027-04-29"))
    );
    assert!(
        s.bodies[0]
            .fees
            .iter()
            .any(|f| f.kind == RuleFeeKind::Extension && f.usd == Some(50.0))
    );
    let s = fixture(profile, &ceus, "2027-05-15");
    assert!(matches!(
        s.bodies[0].ended.as_ref().unwrap().state,
        CycleState::Revoked {
            reinstate_until: None,
            ..
        }
    ));
}

/// Case 2: a credential earned after a cycle ended does not raise that cycle's requirement.
#[test]
fn a_credential_earned_after_a_cycle_ends_counts_from_the_next() {
    let profile = "name: B\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }, { id: CIC, earned: 2026-11-05 }]\naapc_renewal: 2020-10-31\nceu_log_since: 2020-01-15\n";
    let s = fixture(profile, &aapc_entries("2024-11-04", 18, 2.0), "2026-11-27");
    let b = &s.bodies[0];
    let e = b.ended.as_ref().unwrap();
    assert_eq!((e.required, e.state), (36.0, CycleState::Complete));
    assert_eq!(b.current.required, 40.0);
    assert_eq!(
        b.lead().cycle,
        b.current.cycle,
        "the complete cycle does not lead"
    );
}

/// A credential earned mid-cycle, by each rule the rulebook can give.
#[test]
fn a_credential_added_mid_cycle_by_each_rule() {
    let profile = "name: M\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }, { id: CIC, earned: 2025-06-01 }]\naapc_renewal: 2020-10-31\n";
    let full = fixture(profile, "", "2026-01-10");
    assert_eq!(full.bodies[0].current.required, 40.0);
    let next = catalog_with(&[(
        "renewal_rules.yaml",
        &RULES.replacen("added_credential: full", "added_credential: next_cycle", 1),
    )]);
    let s = status_on(&next, profile, "", "2026-01-10");
    let c = &s.bodies[0].current;
    assert_eq!(
        (c.required, c.requirement.deferred[0].id.as_str()),
        (36.0, "CIC")
    );
    let prorated = catalog_with(&[(
        "renewal_rules.yaml",
        &RULES.replacen(
            "added_credential: full",
            "added_credential: prorated\n      added_prorate: { rounding: up }",
            1,
        ),
    )]);
    let s = status_on(&prorated, profile, "", "2026-01-10");
    // 4 more CEUs × 17 of 24 months (June 2025 through October 2026), rounded up: 3.
    assert_eq!(s.bodies[0].current.required, 39.0);
}

/// A first cycle is pro-rated by the months it spans, its last day included: one that starts
/// on the 1st of a month spans whole months to its due date.
#[test]
fn a_first_cycle_counts_the_months_it_spans() {
    for (earned, renewal, required) in [
        ("2025-01-01", "2026-06-30", 27.0), // 36 × 18 of 24 months
        ("2025-01-31", "2026-06-30", 26.0), // 17 whole months
        ("2026-01-10", "2026-06-30", 8.0),  // 5 whole months: 7.5, rounded up
    ] {
        let profile = format!(
            "name: F\neducation: high_school\ncredentials: [{{ id: CPC, earned: {earned} }}]\naapc_renewal: {renewal}\n"
        );
        let s = fixture(&profile, "", "2026-02-01");
        let c = &s.bodies[0].current;
        assert_eq!(
            (c.cycle.end, c.required),
            (d(renewal), required),
            "{earned}"
        );
    }
}

/// A first cycle the log holds CEUs of, but cannot speak for (logging began after it
/// started), stays in view as unknown after its lapse window: it may have been missed.
#[test]
fn a_partly_logged_unknown_cycle_stays_in_view() {
    let profile = "name: J\neducation: high_school\ncredentials: [{ id: CPC, earned: 2025-09-28 }]\naapc_renewal: 2026-10-31\n";
    let ceus = aapc_entries("2025-10-15", 12, 1.0);
    for as_of in ["2026-11-28", "2027-02-15", "2028-06-01"] {
        let s = fixture(profile, &ceus, as_of);
        let ended = s.bodies[0].ended.as_ref().expect(as_of);
        assert_eq!(
            ended.state,
            CycleState::NotInLog { log_since: None },
            "{as_of}"
        );
        assert_eq!(ended.earned, 12.0, "{as_of}");
    }
}

/// Case 3: someone who started logging in the renewal month is not revoked for a cycle the
/// log does not cover; a checkpoint from the portal is evidence.
#[test]
fn late_logging_is_unknown_and_a_checkpoint_is_evidence() {
    let profile = "name: L\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }]\naapc_renewal: 2020-10-31\n";
    let ceus = aapc_entries("2026-10-12", 2, 1.0);
    let s = fixture(profile, &ceus, "2026-11-27");
    let b = &s.bodies[0];
    assert_eq!(
        b.ended.as_ref().unwrap().state,
        CycleState::NotInLog { log_since: None }
    );
    assert_eq!(b.lead().cycle, b.current.cycle, "unknown is not a failure");
    let years_later = fixture(profile, &ceus, "2027-06-01");
    assert!(
        years_later.bodies[0].ended.is_none(),
        "an unknown old cycle is left out"
    );
    let with_checkpoint = format!("{ceus}- {{ checkpoint: 2026-10-25, body: AAPC, earned: 36 }}\n");
    let s = fixture(profile, &with_checkpoint, "2026-11-27");
    let e = s.bodies[0].ended.as_ref().unwrap();
    assert_eq!(e.state, CycleState::Complete);
    assert_eq!(e.evidence.map(|x| (x.portal, x.log)), Some((36.0, 2.0)));
}

/// Case 4: CEUs earned in the renewal month count toward whichever submission needs them.
#[test]
fn renewal_month_ceus_count_where_needed() {
    let profile = "name: R\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }]\naapc_renewal: 2020-10-31\nceu_log_since: 2020-01-15\n";
    // 36 before October, then 2 + 3 + 1 in the renewal month.
    let mut ceus = aapc_entries("2025-01-06", 18, 2.0);
    ceus.push_str("- { date: 2026-10-05, title: a, provider: AAPC, ceus: 2, aapc_index: R1 }\n- { date: 2026-10-12, title: b, provider: AAPC, ceus: 3, aapc_index: R2 }\n- { date: 2026-10-19, title: c, provider: AAPC, ceus: 1, aapc_index: R3 }\n");
    let s = fixture(profile, &ceus, "2026-11-27");
    let b = &s.bodies[0];
    let e = b.ended.as_ref().unwrap();
    assert_eq!(
        (e.state, e.earned, e.to_next_cycle),
        (CycleState::Complete, 36.0, 6.0)
    );
    assert_eq!((b.current.earned, b.current.from_renewal_month), (6.0, 6.0));
    // 33 before October: the cycle keeps the renewal-month CEUs it needs, oldest first.
    let mut short = aapc_entries("2025-01-06", 15, 2.2);
    short.push_str("- { date: 2026-10-05, title: a, provider: AAPC, ceus: 2, aapc_index: R1 }\n- { date: 2026-10-12, title: b, provider: AAPC, ceus: 3, aapc_index: R2 }\n- { date: 2026-10-19, title: c, provider: AAPC, ceus: 1, aapc_index: R3 }\n");
    let s = fixture(profile, &short, "2026-11-27");
    let e = s.bodies[0].ended.as_ref().unwrap();
    assert_eq!((e.state, e.to_next_cycle), (CycleState::Complete, 1.0));
}

/// Case 6: entries dated after the report date are left out and listed.
#[test]
fn entries_after_the_report_date_are_left_out() {
    let profile =
        "name: F\neducation: high_school\ncredentials: [{ id: CCS, earned: 2025-03-10 }]\n";
    let ceus = "- { date: 2026-01-10, title: a, provider: AHIMA, ceus: 4, domain: hiim }\n- { date: 2027-01-10, title: b, provider: AHIMA, ceus: 4, domain: hiim }\n";
    let s = fixture(profile, ceus, "2026-11-27");
    let b = &s.bodies[0];
    assert_eq!(b.current.earned, 4.0);
    assert_eq!(b.after_as_of, vec![2]);
}

/// Current-cycle states: complete, on track, behind, with pace.
#[test]
fn current_cycle_states() {
    let profile =
        "name: S\neducation: high_school\ncredentials: [{ id: CCS, earned: 2025-03-10 }]\n";
    let cycle_end = d("2027-03-09");
    let behind = fixture(profile, &ahima_entries("2025-04-07", 2, 2.0), "2026-11-27");
    let c = &behind.bodies[0].current;
    assert_eq!(c.cycle.end, cycle_end);
    assert!(
        matches!(c.state, CycleState::Behind { days_left: 102, per_month } if per_month == 4.8)
    );
    let on_track = fixture(profile, &ahima_entries("2025-04-07", 9, 2.0), "2026-11-27");
    assert!(matches!(
        on_track.bodies[0].current.state,
        CycleState::OnTrack { .. }
    ));
    let done = fixture(profile, &ahima_entries("2025-04-07", 10, 2.0), "2026-11-27");
    assert_eq!(done.bodies[0].current.state, CycleState::Complete);
}

/// Changing the cycle length in the data gives cycles of that length.
#[test]
fn cycle_length_comes_from_the_data() {
    let long = catalog_with(&[(
        "renewal_rules.yaml",
        &RULES.replace(
            "      months: 24\n      anchor: certification_date",
            "      months: 36\n      anchor: certification_date",
        ),
    )]);
    let profile =
        "name: S\neducation: high_school\ncredentials: [{ id: CCS, earned: 2025-03-10 }]\n";
    let s = status_on(&long, profile, "", "2026-11-27");
    assert_eq!(s.bodies[0].current.cycle.end, d("2028-03-09"));
}

/// Changing the lapse window moves the revocation date.
#[test]
fn the_lapse_window_comes_from_the_data() {
    let short = catalog_with(&[(
        "renewal_rules.yaml",
        &RULES.replace(
            "lapse: { state: overdue, days: 90,",
            "lapse: { state: overdue, days: 30,",
        ),
    )]);
    let s = status_on(
        &short,
        CPC_OVERRIDE,
        &aapc_entries("2025-01-06", 10, 2.0),
        "2026-11-27",
    );
    assert!(
        matches!(s.bodies[0].ended.as_ref().unwrap().state, CycleState::Lapsed { until, .. } if until == d("2026-11-30"))
    );
}

/// A rulebook effective later judges only the cycles that start after it.
#[test]
fn a_later_rulebook_judges_later_cycles() {
    let newer = RULES.replacen("rulebooks:\n", "rulebooks:\n  - id: aapc-2027\n    body: AAPC\n    effective_from: 2027-01-01\n    cycle:\n      months: 24\n      anchor: membership_renewal\n      odd_years_for: odd_months\n      first_cycle: {}\n      added_credential: full\n    requirement: { by_count: [30] }\n    approved_only: true\n    lapse: { state: overdue, days: 90 }\n    fees: []\n    sources: [{ title: test, date: test, tag: secondary }]\n", 1);
    let cat = catalog_with(&[("renewal_rules.yaml", &newer)]);
    let profile = CPC_OVERRIDE.replace("cycle_overrides: [{ body: AAPC, end: 2026-10-31 }]\n", "");
    let now = status_on(&cat, &profile, "", "2026-11-27");
    assert_eq!(now.bodies[0].current.requirement.rulebook.id, "aapc-test");
    let later = status_on(&cat, &profile, "", "2029-01-10");
    let c = &later.bodies[0].current;
    assert_eq!(
        (c.requirement.rulebook.id.as_str(), c.required),
        ("aapc-2027", 30.0)
    );
}

/// AAPC discipline minimums are met by a flow over groups of entries.
#[test]
fn discipline_minimums_take_tagged_ceus() {
    let profile = "name: D\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }, { id: CPMA, earned: 2021-01-15 }]\naapc_renewal: 2020-10-31\n";
    let ceus = "- { date: 2025-02-01, title: audit 1, provider: AAPC, ceus: 10, aapc_index: X1, topics: [CPMA] }\n- { date: 2025-03-01, title: audit 2, provider: AAPC, ceus: 10, aapc_index: X2, topics: [CPMA] }\n- { date: 2025-04-01, title: other, provider: AAPC, ceus: 5, aapc_index: X3 }\n";
    let s = fixture(profile, ceus, "2025-06-01");
    let c = &s.bodies[0].current;
    let cpma = c
        .requirements
        .iter()
        .find(|r| matches!(r.what, Measure::Minimum { .. }))
        .unwrap();
    assert_eq!((cpma.required, cpma.earned, cpma.met), (16.0, 16.0, true));
    assert_eq!((c.required, c.earned, c.remaining), (40.0, 25.0, 15.0));
    assert_eq!(c.allocations.len(), 2);
}

/// Near-linear work: a log of many tiny entries and one of many checkpoints.
#[test]
fn large_logs_stay_fast() {
    let profile = "name: N\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }, { id: CPMA, earned: 2021-01-15 }]\naapc_renewal: 2020-10-31\n";
    let mut l = crate::person::log::Log::default();
    for i in 0..200_000usize {
        l.entries.push(crate::person::log::Entry {
            line: i + 1,
            date: dates::add_days(d("2024-11-01"), (i % 700) as u64),
            title: format!("t{i}").into(),
            provider: "AAPC".into(),
            ceus: 0.000_001,
            aapc_index: Some("A".into()),
            topics: if i % 3 == 0 {
                vec!["CPMA".into()]
            } else {
                Vec::new()
            },
            domain: None,
            ahima_sourced: false,
            certificate: None,
            self_assessment: false,
            duplicate_of: None,
        });
    }
    for i in 0..100_000usize {
        l.checkpoints.push(crate::person::log::Checkpoint {
            line: 300_000 + i,
            date: dates::add_days(d("2024-11-01"), (i % 700) as u64),
            body: crate::data::model::Body::AAPC,
            earned: 1.0,
        });
    }
    let p = person(&FIXTURE, profile, d("2026-09-01"));
    let start = std::time::Instant::now();
    let s = status(&p, &l, &FIXTURE, d("2026-09-01")).unwrap();
    let findings = audit::audit(&p, &l, &FIXTURE, d("2026-09-01"), &|_| {
        audit::CertificateFile::Unread
    });
    let took = start.elapsed();
    assert!(s.bodies[0].current.earned > 0.0 && !findings.findings.is_empty());
    // A generous bound for a debug build: quadratic work would take minutes.
    assert!(took.as_secs() < 20, "took {took:?}");
}

/// The register places every entry where the status counted it, with the reason otherwise.
#[test]
fn the_register_agrees_with_the_status() {
    use super::register::{CycleFilter, CycleKind, Filter, Place, register};
    let profile = "name: R\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }]\naapc_renewal: 2020-10-31\nceu_log_since: 2020-01-15\n";
    let mut ceus = aapc_entries("2025-01-06", 18, 2.0);
    ceus.push_str(
        "- { date: 2026-10-05, title: a, provider: AAPC, ceus: 2, aapc_index: R1 }
- { date: 2026-11-02, title: no index, provider: College, ceus: 1 }
- { date: 2026-11-03, title: no index, provider: College, ceus: 1 }
- { date: 2027-01-02, title: later, provider: AAPC, ceus: 1, aapc_index: R4 }
- { date: 2019-05-01, title: early, provider: AAPC, ceus: 1, aapc_index: R5 }
- { date: 2022-05-01, title: old, provider: AAPC, ceus: 1, aapc_index: R6 }
",
    );
    let l = log(&FIXTURE, &ceus);
    let p = person(&FIXTURE, profile, d("2026-11-27"));
    let s = status(&p, &l, &FIXTURE, d("2026-11-27")).unwrap();
    let all = register(&s, &l, &Filter::default());
    let place = |title: &str| {
        let row = all.entries.iter().find(|r| r.entry.title == title).unwrap();
        (row.standing[0].cycle, row.standing[0].place)
    };
    assert_eq!(all.entries.len(), l.entries.len());
    assert_eq!(
        place("a"),
        (
            Some(CycleKind::Previous),
            Place::Counts {
                toward: CycleKind::Current
            }
        ),
        "a renewal-month entry the ended cycle did not need counts in the current one"
    );
    assert!(matches!(place("no index").1, Place::Rejected { .. }));
    assert_eq!(place("later").1, Place::AfterAsOf);
    assert!(matches!(
        place("early").1,
        Place::BeforeCertification { .. }
    ));
    assert_eq!(place("old"), (None, Place::OlderCycle));
    let counted = all
        .entries
        .iter()
        .filter(|r| matches!(r.standing[0].place, Place::Counts { .. }))
        .count();
    let in_status = s.bodies[0].current.counted.len()
        + s.bodies[0].ended.as_ref().map_or(0, |e| e.counted.len());
    assert_eq!(counted, in_status);

    let current = Filter {
        cycle: CycleFilter::Current,
        provider: Some("college".into()),
        ..Filter::default()
    };
    let r = register(&s, &l, &current);
    assert_eq!(r.entries.len(), 2, "the two College entries of November");
    let topic = Filter {
        topic: Some("CPMA".into()),
        ..Filter::default()
    };
    assert!(register(&s, &l, &topic).entries.is_empty());
}

/// A credential older than every rulebook: earlier cycles are placed by the oldest rule,
/// and said so; the judged cycles still need a rulebook in force.
#[test]
fn cycles_before_the_data_are_placed_by_the_oldest_rule() {
    let profile =
        "name: O\neducation: high_school\ncredentials: [{ id: CCS, earned: 2004-03-01 }]\n";
    let s = fixture(profile, &ahima_entries("2025-04-07", 2, 2.0), "2026-11-27");
    let b = &s.bodies[0];
    assert_eq!(b.placed_before_rulebooks, Some(d("2010-01-01")));
    assert_eq!(
        (b.current.cycle.start, b.current.cycle.end),
        (d("2026-03-01"), d("2028-02-29"))
    );
    let recent =
        "name: R\neducation: high_school\ncredentials: [{ id: CCS, earned: 2012-03-01 }]\n";
    assert_eq!(
        fixture(recent, "", "2026-11-27").bodies[0].placed_before_rulebooks,
        None
    );
}

/// A covered cycle that ended unmet long ago is when the credential was revoked (and the
/// reinstatement window runs from then), unless a later cycle was met.
#[test]
fn the_first_unmet_cycle_is_the_revocation() {
    let profile = "name: G\neducation: high_school\ncredentials: [{ id: CPC, earned: 2015-05-01 }]\naapc_renewal: 2017-05-31\nceu_log_since: 2017-06-01\n";
    // Cycles end 2019-05-31, 2021-05-31, 2023-05-31, 2025-05-31 (odd years for May).
    let met_2019 = aapc_entries("2017-07-03", 18, 2.0);
    let s = fixture(profile, &met_2019, "2026-11-27");
    let e = s.bodies[0].ended.as_ref().unwrap();
    assert_eq!(e.cycle.end, d("2021-05-31"), "{:?}", e.cycle);
    assert!(matches!(
        e.state,
        CycleState::Revoked { since, reinstate_until: Some(until), .. }
            if since == d("2021-08-30") && until == d("2024-08-29")
    ));
    assert_eq!(s.bodies[0].lead().cycle, e.cycle);
    // Met again in 2023-25: the 2021 gap was resolved; the last cycle leads.
    let mut later = met_2019.clone();
    later.push_str(&aapc_entries("2023-06-05", 18, 2.0));
    let s = fixture(profile, &later, "2026-11-27");
    let b = &s.bodies[0];
    assert!(
        b.ended.is_none(),
        "a complete cycle past its window is not shown"
    );
    assert_eq!(b.lead().cycle, b.current.cycle);
}
