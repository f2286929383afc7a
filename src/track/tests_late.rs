//! Tracker tests for logs that start late or hold entries from before certification, and
//! for what a revocation leaves of the current cycle.

use super::tests::{aapc_entries, ahima_entries, fixture};
use super::*;
use crate::testing::d;

/// An entry from before certification does not show that the log covers the first cycles:
/// a coder certified in 2019 who logs from 2026 (plus one course from 2018) is not revoked.
#[test]
fn entries_before_certification_do_not_cover_cycles() {
    let profile = "name: A\neducation: high_school\ncredentials: [{ id: CPC, earned: 2019-04-10 }]\naapc_renewal: 2027-04-30\n";
    let mut ceus =
        "- { date: 2018-01-01, title: old, provider: P, ceus: 1, aapc_index: OLD }\n".to_string();
    ceus.push_str(&aapc_entries("2026-06-01", 5, 2.0));
    let s = fixture(profile, &ceus, "2027-01-15");
    let b = &s.bodies[0];
    assert!(
        b.ended
            .as_ref()
            .is_none_or(|e| !matches!(e.state, CycleState::Revoked { .. })),
        "{:?}",
        b.ended.as_ref().map(|e| &e.state)
    );
    assert_eq!(b.lead().cycle, b.current.cycle);
    assert_eq!(b.current.earned, 10.0);
}

/// A log begun before certification covers the first cycle after it: a first cycle left
/// unmet is overdue, not unknown.
#[test]
fn a_log_begun_before_certification_covers_the_first_cycle() {
    let profile = "name: N\neducation: high_school\ncredentials: [{ id: CPC, earned: 2025-11-20 }]\naapc_renewal: 2026-11-30\n";
    let ceus = "- { date: 2025-10-01, title: exam review, provider: P, ceus: 1, aapc_index: R1 }\n- { date: 2026-02-02, title: webinar, provider: AAPC, ceus: 2.5, aapc_index: W1 }\n";
    let s = fixture(profile, ceus, "2027-12-15");
    let ended = s.bodies[0]
        .ended
        .as_ref()
        .expect("the first cycle has ended");
    assert_eq!(ended.cycle.end, crate::testing::d("2027-11-30"));
    assert!(
        matches!(ended.state, CycleState::Lapsed { .. }),
        "{:?}",
        ended.state
    );
    assert_eq!(ended.earned, 2.5);
    // A lone course from before certification shows no log being kept: unknown.
    let lone = "- { date: 2025-10-01, title: exam review, provider: P, ceus: 1, aapc_index: R1 }\n";
    let s = fixture(profile, lone, "2027-12-15");
    let ended = s.bodies[0]
        .ended
        .as_ref()
        .expect("the first cycle has ended");
    assert_eq!(ended.state, CycleState::NotInLog { log_since: None });
}

/// Renewal-month CEUs of a cycle the log cannot speak for count toward the next cycle,
/// where they surely count, instead of being lost with the unknown cycle.
#[test]
fn renewal_month_ceus_of_an_unknown_cycle_count_next() {
    // Cycles end in April of even years (odd years for odd months): 2026-04-30 ended.
    let profile = "name: B\neducation: high_school\ncredentials: [{ id: CPC, earned: 2019-04-10 }]\naapc_renewal: 2027-04-30\n";
    let mut ceus =
        "- { date: 2026-04-20, title: renewal month, provider: AAPC, ceus: 2, aapc_index: RM }\n"
            .to_string();
    ceus.push_str(&aapc_entries("2026-06-01", 5, 2.0));
    let s = fixture(profile, &ceus, "2027-01-15");
    let c = &s.bodies[0].current;
    assert_eq!(c.cycle.start, d("2026-05-01"));
    assert_eq!((c.earned, c.from_renewal_month), (12.0, 2.0));
}

/// Once an ended cycle revoked the credential, the current cycle is on hold: no pace and no
/// recertification fee.
#[test]
fn a_revoked_credential_puts_the_current_cycle_on_hold() {
    let profile = "name: C\neducation: associate\ncredentials: [{ id: CCS, earned: 2024-03-15 }]\nceu_log_since: 2024-03-15\n";
    let s = fixture(profile, &ahima_entries("2024-04-01", 9, 2.0), "2026-09-20");
    let b = &s.bodies[0];
    assert!(matches!(
        b.ended.as_ref().map(|e| &e.state),
        Some(CycleState::Revoked { .. })
    ));
    assert_eq!(b.current.state, CycleState::OnHold);
    assert!(
        b.fees
            .iter()
            .all(|f| f.kind != crate::data::model::RuleFeeKind::Recertification),
        "{:?}",
        b.fees
    );
}

/// A course taken again, or replayed, keeps its AAPC index and counts once.
#[test]
fn a_repeated_aapc_index_counts_once() {
    let profile = "name: D\neducation: high_school\ncredentials: [{ id: CPC, earned: 2019-04-10 }]\naapc_renewal: 2027-04-30\n";
    let ceus = "- { date: 2026-06-10, title: E/M webinar, provider: AAPC, ceus: 1, aapc_index: AAPC-EM-1 }\n- { date: 2026-09-10, title: E/M webinar, provider: AAPC, ceus: 1, aapc_index: AAPC-EM-1 }\n- { date: 2026-10-10, title: E/M webinar (replay), provider: AAPC, ceus: 1, aapc_index: aapc-em-1 }\n";
    let s = fixture(profile, ceus, "2027-01-15");
    let c = &s.bodies[0].current;
    assert_eq!(c.earned, 1.0);
    let lines: Vec<(usize, &RejectReason)> =
        c.rejected.iter().map(|r| (r.line, &r.reason)).collect();
    assert_eq!(
        lines,
        [
            (2, &RejectReason::Duplicate { of_line: 1 }),
            (3, &RejectReason::Duplicate { of_line: 1 })
        ]
    );
}

/// A rule change for every running cycle (`in_force_for: cycles_running`) judges a cycle
/// that started before it; one for cycles starting from its date does not. A cycle older
/// than every rulebook is still judged, by the oldest.
#[test]
fn rulebooks_in_force_for_running_cycles() {
    let rules = |mode: &str| {
        format!(
            "as_of: 2026-11-27
rulebooks:
  - id: old
    body: AHIMA
    effective_from: 2019-01-01
    cycle: {{ months: 24, anchor: certification_date, first_cycle: {{}}, added_credential: full }}
    requirement: {{ per_credential: {{ ceus: {{ CCS: 20 }}, additional: 10, max_total: 50 }} }}
    lapse: {{ state: grace, days: 90 }}
    fees: []
    sources: [{{ title: test, date: test, tag: secondary }}]
  - id: new
    body: AHIMA
    effective_from: 2021-01-01
    in_force_for: {mode}
    cycle: {{ months: 24, anchor: certification_date, first_cycle: {{}}, added_credential: full }}
    requirement: {{ per_credential: {{ ceus: {{ CCS: 20 }}, additional: 10, max_total: 50 }} }}
    lapse: {{ state: inactive, days: 180 }}
    fees: []
    sources: [{{ title: test, date: test, tag: secondary }}]
"
        )
    };
    let profile = "name: L\neducation: associate\ncredentials: [{ id: CCS, earned: 2017-06-01 }]\nceu_log_since: 2019-06-01\n";
    let ceus = ahima_entries("2019-07-01", 5, 3.0);
    for (mode, book, lapse) in [
        ("cycles_running", "new", LapseState::Inactive),
        ("cycles_starting", "old", LapseState::Grace),
    ] {
        let catalog = crate::testing::catalog_with(&[("renewal_rules.yaml", &rules(mode))]);
        let p = crate::testing::person(&catalog, profile, d("2021-06-15"));
        let l = crate::testing::log(&catalog, &ceus);
        let s = status(&p, &l, &catalog, d("2021-06-15")).unwrap();
        let e = s.bodies[0].ended.as_ref().unwrap();
        assert_eq!(e.requirement.rulebook.id, book, "{mode}");
        assert!(matches!(e.state, CycleState::Lapsed { lapse: l, .. } if l == lapse));
        // 2021-05-01: the current cycle 2019-06-01 to 2021-05-31 is judged; the one before
        // it (2017-06-01 to 2019-05-31, older than both rulebooks) needs no rulebook in force.
        let p = crate::testing::person(&catalog, profile, d("2021-05-01"));
        let s = status(&p, &l, &catalog, d("2021-05-01")).unwrap();
        assert_eq!(s.bodies[0].current.cycle.start, d("2019-06-01"));
    }
}

/// A membership renewal date more than a year and the lapse window past is flagged (out of
/// date, or the membership lapsed), with the date the credentials went if it was unpaid.
#[test]
fn a_long_past_renewal_date_is_flagged() {
    let stale = |renewal: &str| {
        let profile = format!(
            "name: K\neducation: high_school\ncredentials: [{{ id: CPC, earned: 2014-04-10 }}]\naapc_renewal: {renewal}\n"
        );
        fixture(&profile, "", "2026-11-27").bodies[0]
            .stale_renewal
            .as_ref()
            .map(|s| s.revoked_if_unpaid)
    };
    assert_eq!(stale("2019-04-30"), Some(d("2019-07-30")));
    assert_eq!(stale("2025-08-28"), Some(d("2025-11-27")));
    assert_eq!(stale("2025-08-29"), None);
    assert_eq!(stale("2027-04-30"), None);
}

/// `ceu check` names entries and checkpoints dated after the report date.
#[test]
fn the_audit_names_what_is_dated_later() {
    let profile = "name: F\neducation: high_school\ncredentials: [{ id: CPC, earned: 2019-04-10 }]\naapc_renewal: 2027-04-30\n";
    let ceus = "- { date: 2026-06-10, title: a, provider: AAPC, ceus: 1, aapc_index: X1 }\n- { date: 2027-03-01, title: b, provider: AAPC, ceus: 1, aapc_index: X2 }\n- { checkpoint: 2027-06-01, body: AAPC, earned: 30 }\n";
    let catalog = &*super::tests::FIXTURE;
    let p = crate::testing::person(catalog, profile, d("2027-01-15"));
    let l = crate::testing::log(catalog, ceus);
    let later: Vec<(usize, audit::Issue)> = audit::audit(&p, &l, catalog, d("2027-01-15"), &|_| {
        audit::CertificateFile::Unread
    })
    .findings
    .into_iter()
    .map(|f| (f.line, f.issue))
    .collect();
    assert_eq!(
        later,
        [
            (
                2,
                audit::Issue::AfterAsOf {
                    date: d("2027-03-01")
                }
            ),
            (
                3,
                audit::Issue::AfterAsOf {
                    date: d("2027-06-01")
                }
            )
        ]
    );
}

/// A credential held as an apprentice is named as such.
#[test]
fn apprentices_are_named() {
    let profile = "name: H\neducation: high_school\ncredentials: [{ id: CPC, earned: 2026-03-01, apprentice: true }]\naapc_renewal: 2027-03-31\n";
    let s = fixture(profile, "", "2026-11-27");
    let ids: Vec<&str> = s.bodies[0]
        .apprentice
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["CPC"]);
}

/// A portal cycle that ends off the membership renewal date is flagged (one date is
/// mistyped); one that ends on it is not.
#[test]
fn an_override_off_the_renewal_date_is_flagged() {
    let off = |end: &str| {
        let profile = format!(
            "name: O\neducation: high_school\ncredentials: [{{ id: CPC, earned: 2020-01-15 }}]\naapc_renewal: 2020-10-31\ncycle_overrides: [{{ body: AAPC, end: {end} }}]\n"
        );
        fixture(&profile, "", "2026-05-01").bodies[0].override_off_renewal
    };
    assert_eq!(off("2026-06-30"), Some(d("2026-06-30")));
    assert_eq!(off("2026-10-31"), None);
}

/// Renewal-month CEUs of a cycle left unjudged (the log does not cover it) count toward the
/// oldest cycle judged, also once that one has ended: met on its due date, still met the day
/// after. They are not listed among older cycles' entries.
#[test]
fn renewal_month_ceus_stay_with_the_cycle_that_used_them() {
    let profile = "name: R\neducation: high_school\ncredentials: [{ id: CPC, earned: 2019-01-01 }]\naapc_renewal: 2027-05-31\n";
    let ceus = "- { date: 2025-05-20, title: a, provider: AAPC, ceus: 8, aapc_index: R1 }\n- { date: 2025-09-01, title: b, provider: AAPC, ceus: 30, aapc_index: R2 }\n";
    let on_the_day = fixture(profile, ceus, "2027-05-31");
    assert_eq!(on_the_day.bodies[0].current.state, CycleState::Complete);
    assert!(on_the_day.bodies[0].older_cycles.is_empty());
    let after = fixture(profile, ceus, "2027-06-01");
    let b = &after.bodies[0];
    assert!(
        b.ended
            .as_ref()
            .is_none_or(|e| e.state == CycleState::Complete),
        "{:?}",
        b.ended.as_ref().map(|e| &e.state)
    );
    assert_eq!(b.lead().cycle, b.current.cycle);
}

/// Older cycles' entries are listed in file order, leaving out a renewal-month entry that
/// counts in the cycle shown, wherever it stands among them.
#[test]
fn older_cycles_list_the_entries_no_cycle_shown_uses() {
    let profile = "name: R\neducation: high_school\ncredentials: [{ id: CPC, earned: 2019-01-01 }]\naapc_renewal: 2027-05-31\n";
    let ceus = "- { date: 2024-01-10, title: old, provider: AAPC, ceus: 20, aapc_index: O1 }\n- { date: 2025-05-20, title: a, provider: AAPC, ceus: 8, aapc_index: R1 }\n- { date: 2024-02-01, title: older, provider: AAPC, ceus: 16, aapc_index: O2 }\n- { date: 2025-09-01, title: b, provider: AAPC, ceus: 30, aapc_index: R2 }\n";
    // The day after the due date: the cycle that used line 2's renewal-month CEUs has ended,
    // and it is still shown.
    let s = fixture(profile, ceus, "2027-06-01");
    let b = &s.bodies[0];
    assert_eq!(
        b.ended.as_ref().map(|e| e.counted.clone()),
        Some(vec![2, 4])
    );
    assert_eq!(b.older_cycles, [1, 3]);
}

/// `ceu list --cycle current` keeps a renewal-month entry of the previous cycle that counts
/// toward the current one.
#[test]
fn the_current_cycle_listing_keeps_carried_entries() {
    use super::register::{CycleFilter, Filter, register};
    let profile = "name: C\neducation: high_school\ncredentials: [{ id: CPC, earned: 2019-01-01 }]\naapc_renewal: 2027-05-31\n";
    let ceus = "- { date: 2025-05-20, title: a, provider: AAPC, ceus: 8, aapc_index: R1 }\n- { date: 2025-09-01, title: b, provider: AAPC, ceus: 10, aapc_index: R2 }\n";
    let s = fixture(profile, ceus, "2026-11-27");
    let l = crate::testing::log(&super::tests::FIXTURE, ceus);
    let current = Filter {
        cycle: CycleFilter::Current,
        ..Filter::default()
    };
    let titles: Vec<&str> = register(&s, &l, &current)
        .entries
        .iter()
        .map(|r| r.entry.title.as_str())
        .collect();
    assert_eq!(titles, ["a", "b"]);
}

/// An AHIMA credential revoked after its 180 inactive days can be appealed for 90 days (the
/// embedded rules): the state carries the last day.
#[test]
fn a_revoked_ahima_credential_can_be_appealed() {
    let catalog = &*crate::testing::EMBEDDED;
    let profile = "name: P\neducation: associate\ncredentials: [{ id: CCS, earned: 2021-03-15 }]\nceu_log_since: 2021-03-15\n";
    let mut ceus = ahima_entries("2021-04-05", 10, 2.0);
    ceus.push_str(&ahima_entries("2023-04-03", 6, 2.0));
    let p = crate::testing::person(catalog, profile, d("2025-10-01"));
    let l = crate::testing::log(catalog, &ceus);
    let s = status(&p, &l, catalog, d("2025-10-01")).unwrap();
    let e = s.bodies[0].ended.as_ref().unwrap();
    assert!(
        matches!(e.state, CycleState::Revoked { appeal_until: Some(a), reinstate_until: None, .. } if a == d("2025-12-09")),
        "{:?}",
        e.state
    );
}

/// A cycle days old is on track with nothing earned yet; half a year in with nothing, it is
/// behind (the assumptions allow three months of slack).
#[test]
fn behind_allows_the_assumed_slack() {
    let profile = "name: S\neducation: associate\ncredentials: [{ id: CCS, earned: 2025-03-01 }]\nceu_log_since: 2025-03-01\n";
    let ceus = ahima_entries("2025-04-01", 10, 2.0);
    let state_on = |date: &str| fixture(profile, &ceus, date).bodies[0].current.state;
    assert!(
        matches!(state_on("2027-03-02"), CycleState::OnTrack { .. }),
        "{:?}",
        state_on("2027-03-02")
    );
    assert!(
        matches!(state_on("2027-09-15"), CycleState::Behind { .. }),
        "{:?}",
        state_on("2027-09-15")
    );
    // The slack shrinks to the time left: short on the last days is behind.
    let short = format!("{ceus}{}", ahima_entries("2027-03-10", 9, 2.0));
    let last_day = fixture(profile, &short, "2029-02-28").bodies[0]
        .current
        .state;
    assert!(
        matches!(last_day, CycleState::Behind { .. }),
        "{last_day:?}"
    );
}

#[test]
fn a_body_nothing_logged_speaks_for_is_marked() {
    let profile = "name: U\neducation: associate\nmemberships: [AAPC]\ncredentials: [{ id: CCS, earned: 2024-03-15 }, { id: CPC, earned: 2024-03-15 }]\naapc_renewal: 2026-05-31\n";
    let s = fixture(profile, "", "2026-11-27");
    assert_eq!(s.bodies.len(), 2);
    assert!(s.bodies.iter().all(|b| b.unlogged == Some(Unlogged::NoLog)));
    let named = format!("{profile}ceu_log: u.ceus.yaml\n");
    // An AAPC checkpoint speaks for AAPC only; an entry after the date for nobody.
    let ceus = "- { checkpoint: 2026-10-01, body: AAPC, earned: 12 }\n- { date: 2026-12-01, title: later, provider: AHIMA, ceus: 1 }\n";
    let s = fixture(&named, ceus, "2026-11-27");
    let of = |body| s.bodies.iter().find(|b| b.body == body).unwrap().unlogged;
    assert_eq!(of(Body::AAPC), None);
    assert_eq!(of(Body::AHIMA), Some(Unlogged::NothingForBody));
    let ceus = "- { date: 2026-06-01, title: a, provider: AHIMA, ceus: 1 }\n";
    let s = fixture(&named, ceus, "2026-11-27");
    assert!(s.bodies.iter().all(|b| b.unlogged.is_none()));
}

/// A log declared complete from a date inside a cycle cannot speak for that cycle: it stays
/// unknown, and says the declared start is why.
#[test]
fn a_log_declared_from_inside_a_cycle_leaves_it_unknown_and_says_why() {
    let profile = "name: K\neducation: associate\ncredentials: [{ id: CCS, earned: 2021-03-15 }]\nceu_log_since: 2024-01-01\n";
    let ceus = ahima_entries("2024-02-01", 2, 5.0);
    let s = fixture(profile, &ceus, "2025-04-20");
    let ended = s.bodies[0]
        .ended
        .as_ref()
        .expect("the cycle ended 2025-03-14");
    assert_eq!(ended.cycle.start, d("2023-03-15"));
    assert_eq!(
        ended.state,
        CycleState::NotInLog {
            log_since: Some(d("2024-01-01"))
        }
    );
    // Declared from the cycle's start, the same log speaks for it: unmet, inactive.
    let profile = profile.replace("2024-01-01", "2023-03-15");
    let s = fixture(&profile, &ceus, "2025-04-20");
    let ended = s.bodies[0].ended.as_ref().unwrap();
    assert!(
        matches!(ended.state, CycleState::Lapsed { .. }),
        "{:?}",
        ended.state
    );
}

/// `ceu list` spreads the status's cap on AHIMA CEUs outside the HIIM domains over the
/// entries, oldest first: their counted parts add up to what the status counts.
#[test]
fn the_register_shares_the_cap_on_other_ceus_as_the_status_counts_it() {
    use super::register::{Filter, Place, register};
    let catalog = &*crate::testing::EMBEDDED;
    let profile = "name: O\neducation: associate\ncredentials: [{ id: CCS, earned: 2025-03-01 }]\nceu_log_since: 2025-03-01\n";
    let mut ceus = ahima_entries("2025-04-01", 4, 2.0);
    ceus.push_str("- { date: 2025-06-02, title: o1, provider: P, ceus: 3, domain: other }\n- { date: 2025-06-09, title: o2, provider: P, ceus: 2 }\n- { date: 2025-06-16, title: o3, provider: P, ceus: 1.5, domain: other }\n");
    let p = crate::testing::person(catalog, profile, d("2025-10-01"));
    let l = crate::testing::log(catalog, &ceus);
    let s = status(&p, &l, catalog, d("2025-10-01")).unwrap();
    let cap = s.bodies[0].current.capped_other.expect("the cap bites");
    let r = register(&s, &l, &Filter::default());
    let place = |title: &str| {
        let row = r.entries.iter().find(|x| x.entry.title == title).unwrap();
        row.standing[0].place
    };
    assert!(matches!(place("o1"), Place::Counts { .. }));
    let counted = |p: Place| match p {
        Place::Capped {
            counted, over_cap, ..
        } => (counted, over_cap),
        other => panic!("{other:?}"),
    };
    let (o2, o3) = (counted(place("o2")), counted(place("o3")));
    assert_eq!(o2.0 + o2.1, 2.0);
    assert_eq!(o3, (0.0, 1.5));
    assert!((3.0 + o2.0 - cap.counted).abs() < 1e-9, "{cap:?} {o2:?}");
    assert_eq!(r.bodies[0].capped_other[0].capped, cap);
}

/// Only CEUs that count meet AHIMA's sourced share: AHIMA-sourced CEUs outside the HIIM
/// domains count up to the cap on such CEUs, no further.
#[test]
fn sourced_ceus_over_the_cap_on_other_ceus_do_not_meet_the_sourced_share() {
    let profile = "name: S\neducation: associate\ncredentials: [{ id: CCS, earned: 2025-03-01 }]\n";
    let mut ceus = "- { date: 2025-05-01, title: lead, provider: AHIMA, ceus: 10, domain: other, ahima_sourced: true }\n- { date: 2025-06-01, title: code, provider: V, ceus: 16, domain: hiim }\n".to_string();
    let sourced = |s: &Status| {
        let c = &s.bodies[0].current;
        let share = c.requirements.iter().find(|r| {
            matches!(
                r.what,
                Measure::Share {
                    share: ShareKind::Sourced,
                    ..
                }
            )
        });
        (share.unwrap().earned, c.remaining, c.state)
    };
    let catalog = &*crate::testing::EMBEDDED;
    let as_of = d("2026-11-27");
    let p = crate::testing::person(catalog, profile, as_of);
    let on = |ceus: &str| {
        let l = crate::testing::log(catalog, ceus);
        sourced(&status(&p, &l, catalog, as_of).unwrap())
    };
    let (earned, remaining, state) = on(&ceus);
    assert_eq!((earned, remaining), (4.0, 4.0));
    assert_ne!(state, CycleState::Complete);
    // Four sourced CEUs in the HIIM domains complete it.
    ceus.push_str("- { date: 2025-07-01, title: hiim, provider: AHIMA, ceus: 4, domain: hiim, ahima_sourced: true }\n");
    assert_eq!(on(&ceus), (8.0, 0.0, CycleState::Complete));
}

/// AHIMA cycles anchored on 29 February keep that anniversary in leap years: each ends the
/// day before the anniversary (the 28th in a leap year, the 27th otherwise), without
/// drifting.
#[test]
fn cycles_from_29_february_keep_their_anniversary() {
    let profile =
        "name: L\neducation: high_school\ncredentials: [{ id: CCS, earned: 2024-02-29 }]\n";
    let catalog = &*crate::testing::EMBEDDED;
    let cycles = [
        ("2025-06-01", "2024-02-29", "2026-02-27"),
        ("2027-06-01", "2026-02-28", "2028-02-28"),
        ("2029-06-01", "2028-02-29", "2030-02-27"),
        ("2031-06-01", "2030-02-28", "2032-02-28"),
    ];
    for (as_of, start, end) in cycles {
        let p = crate::testing::person(catalog, profile, d(as_of));
        let l = crate::testing::log(catalog, "[]");
        let s = status(&p, &l, catalog, d(as_of)).unwrap();
        let c = s.bodies[0].current.cycle;
        assert_eq!((c.start, c.end), (d(start), d(end)), "{as_of}");
    }
}
