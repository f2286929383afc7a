//! `ceu check`'s audit of checkpoints and AHIMA domains, and which late fee a cycle past due
//! brings.

use super::audit::{self, Caution, Concern, Issue};
use super::tests::{FIXTURE, RULES, fixture};
use super::*;
use crate::data::model::RuleFeeKind;
use crate::testing::{d, log, person};

/// Certified in 2021, cycle 2023-10-01 to 2025-09-30; the log begins in 2023-11.
const LATE_LOG: &str = "name: T\neducation: associate\ncredentials: [{ id: CPC, earned: 2021-03-10 }]\naapc_renewal: 2025-09-30\n";

/// Entries from 2023-11 adding up to 20 CEUs by the cycle's end, then `checkpoint`.
fn late_entries(checkpoint: &str) -> String {
    format!(
        "- {{ date: 2023-11-02, title: a, provider: AAPC, ceus: 4, aapc_index: A1 }}
- {{ date: 2024-05-14, title: b, provider: AAPC, ceus: 6, aapc_index: A2 }}
- {{ date: 2025-03-20, title: c, provider: AAPC, ceus: 8, aapc_index: A3 }}
- {{ date: 2025-09-12, title: d, provider: AAPC, ceus: 2, aapc_index: A4 }}
{checkpoint}"
    )
}

/// The audit of `profile` and `ceus` on `as_of` under the fixture rulebooks.
fn audit_of(profile: &str, ceus: &str, as_of: &str) -> audit::Audit {
    let p = person(&FIXTURE, profile, d(as_of));
    let l = log(&FIXTURE, ceus);
    audit::audit(&p, &l, &FIXTURE, d(as_of), &|_| {
        audit::CertificateFile::Unread
    })
}

/// The checkpoint findings of an audit.
fn differs(a: &audit::Audit) -> Vec<usize> {
    a.findings
        .iter()
        .filter(|f| matches!(f.issue, Issue::CheckpointDiffers { .. }))
        .map(|f| f.line)
        .collect()
}

/// A checkpoint showing more than a log begun after its cycle started is the evidence the
/// status uses, not a failed check: the portal counts what the log leaves out.
#[test]
fn a_checkpoint_above_a_log_begun_late_is_evidence() {
    let ceus = late_entries("- { checkpoint: 2025-09-30, body: AAPC, earned: 24 }\n");
    let a = audit_of(LATE_LOG, &ceus, "2025-10-25");
    assert_eq!(differs(&a), Vec::<usize>::new(), "{a:?}");
    assert_eq!(
        a.cautions,
        [Caution {
            line: 5,
            concern: Concern::CheckpointEvidence {
                body: Body::AAPC,
                date: d("2025-09-30"),
                portal: 24.0,
                log: 20.0,
                cycle_start: d("2023-10-01"),
                log_since: None,
            }
        }]
    );
    let s = fixture(LATE_LOG, &ceus, "2025-10-25");
    let ended = s.bodies[0].ended.as_ref().unwrap();
    assert_eq!(ended.evidence.map(|e| e.line), Some(5));
}

/// `ceu_log_since` after the cycle began says the log does not reach back to its start, even
/// with older entries in the log: the checkpoint is evidence, and the caution says why.
#[test]
fn a_log_declared_from_inside_the_cycle_makes_a_checkpoint_evidence() {
    let profile = format!("{LATE_LOG}ceu_log_since: 2023-11-01\n");
    let ceus = late_entries(
        "- { date: 2022-05-01, title: old, provider: AAPC, ceus: 1, aapc_index: O1 }
- { checkpoint: 2025-09-30, body: AAPC, earned: 24 }\n",
    );
    let a = audit_of(&profile, &ceus, "2025-10-25");
    assert_eq!(differs(&a), Vec::<usize>::new(), "{a:?}");
    assert!(
        matches!(
            a.cautions[..],
            [Caution {
                line: 6,
                concern: Concern::CheckpointEvidence {
                    log_since: Some(since),
                    ..
                },
            }] if since == d("2023-11-01")
        ),
        "{:?}",
        a.cautions
    );
}

/// Status agrees with the audit: a log declared complete only from inside a cycle cannot
/// speak for that cycle, whatever older entries it holds, so the ended cycle is unknown
/// rather than overdue.
#[test]
fn a_log_declared_from_inside_the_cycle_leaves_that_cycle_unknown() {
    let profile = format!("{LATE_LOG}ceu_log_since: 2023-11-01\n");
    let ceus = late_entries(
        "- { date: 2022-05-01, title: old, provider: AAPC, ceus: 1, aapc_index: O1 }\n",
    );
    let s = fixture(&profile, &ceus, "2025-10-25");
    let ended = s.bodies[0].ended.as_ref().expect("a cycle has ended");
    assert_eq!(
        ended.state,
        CycleState::NotInLog {
            log_since: Some(d("2023-11-01"))
        }
    );
    // Declared from the cycle's start, the same log covers it: 20 of 36 is overdue.
    let profile = format!("{LATE_LOG}ceu_log_since: 2023-10-01\n");
    let s = fixture(&profile, &ceus, "2025-10-25");
    let ended = s.bodies[0].ended.as_ref().expect("a cycle has ended");
    assert!(
        matches!(ended.state, CycleState::Lapsed { .. }),
        "{:?}",
        ended.state
    );
}

/// A checkpoint showing more than a log that covers its cycle (declared from the cycle's
/// start, or with an item since certification before it) means entries are missing.
#[test]
fn a_checkpoint_above_a_covering_log_is_an_error() {
    let cp = "- { checkpoint: 2025-09-30, body: AAPC, earned: 24 }\n";
    let declared = format!("{LATE_LOG}ceu_log_since: 2023-10-01\n");
    let a = audit_of(&declared, &late_entries(cp), "2025-10-25");
    assert_eq!((differs(&a), a.cautions.len()), (vec![5], 0), "{a:?}");
    let older = late_entries(&format!(
        "- {{ date: 2022-05-01, title: old, provider: AAPC, ceus: 1, aapc_index: O1 }}\n{cp}"
    ));
    let a = audit_of(LATE_LOG, &older, "2025-10-25");
    assert_eq!((differs(&a), a.cautions.len()), (vec![6], 0), "{a:?}");
}

/// A checkpoint showing less than the log is an error however late the log began.
#[test]
fn a_checkpoint_below_the_log_is_an_error() {
    let ceus = late_entries("- { checkpoint: 2025-09-30, body: AAPC, earned: 12 }\n");
    let a = audit_of(LATE_LOG, &ceus, "2025-10-25");
    assert_eq!((differs(&a), a.cautions.len()), (vec![5], 0), "{a:?}");
}

/// Entries that count toward AHIMA without a `domain` are named, each at its line; repeats,
/// entries before certification or after the report date (findings of their own) are not.
#[test]
fn ahima_entries_without_a_domain_are_named() {
    let profile = "name: M\neducation: bachelor\ncredentials: [{ id: CCS, earned: 2025-03-10 }]\n";
    let ceus = "- { date: 2025-04-02, title: a, provider: AHIMA, ceus: 5, domain: hiim }
- { date: 2025-06-10, title: b, provider: College, ceus: 4 }
- { date: 2025-06-10, title: b, provider: College, ceus: 4 }
- { date: 2025-01-10, title: early, provider: P, ceus: 1 }
- { date: 2027-08-01, title: later, provider: P, ceus: 1 }
- { date: 2027-04-01, title: next cycle, provider: P, ceus: 2 }
- { date: 2025-07-01, title: e, provider: P, ceus: 2, domain: other }
";
    let a = audit_of(profile, ceus, "2027-06-01");
    let unmarked: Vec<(usize, &Concern)> =
        a.cautions.iter().map(|c| (c.line, &c.concern)).collect();
    let missing = Concern::MissingDomain { other_share: 0.2 };
    assert_eq!(unmarked, [(2, &missing), (6, &missing)]);
    // Someone who holds only AAPC credentials needs no domain.
    let aapc = "name: A\neducation: bachelor\ncredentials: [{ id: CPC, earned: 2025-03-10 }]\naapc_renewal: 2027-03-31\n";
    let ceus = "- { date: 2025-06-10, title: b, provider: AAPC, ceus: 4, aapc_index: B1 }\n";
    assert_eq!(audit_of(aapc, ceus, "2026-06-01").cautions, []);
}

/// AAPC's late fee is for dues unpaid after the renewal date: a cycle short of CEUs brings
/// the extension fee, not the late fee (the embedded rulebook).
#[test]
fn ceus_short_bring_no_late_fee_for_dues() {
    let catalog = &*crate::testing::EMBEDDED;
    let profile = format!("{LATE_LOG}memberships: [AAPC]\nceu_log_since: 2023-10-01\n");
    let p = person(catalog, &profile, d("2025-10-25"));
    let l = log(catalog, &late_entries(""));
    let s = status(&p, &l, catalog, d("2025-10-25")).unwrap();
    let b = &s.bodies[0];
    assert!(matches!(
        b.ended.as_ref().map(|e| e.state),
        Some(CycleState::Lapsed { .. })
    ));
    let kinds: Vec<RuleFeeKind> = b.fees.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&RuleFeeKind::Extension), "{kinds:?}");
    assert!(!kinds.contains(&RuleFeeKind::Late), "{kinds:?}");
}

/// A late fee the data says is charged for CEUs short is listed for a cycle past due, from
/// `after_days` after its end.
#[test]
fn a_late_fee_for_ceus_short_is_listed() {
    let rules = RULES.replace("trigger: dues_unpaid", "trigger: ceus_short");
    let catalog = crate::testing::catalog_with(&[("renewal_rules.yaml", &rules)]);
    let profile = format!("{LATE_LOG}ceu_log_since: 2023-10-01\n");
    let late = |as_of: &str| {
        let p = person(&catalog, &profile, d(as_of));
        let l = log(&catalog, &late_entries(""));
        let s = status(&p, &l, &catalog, d(as_of)).unwrap();
        s.bodies[0]
            .fees
            .iter()
            .find(|f| f.kind == RuleFeeKind::Late)
            .map(|f| (f.due, f.usd))
    };
    assert_eq!(late("2025-10-25"), Some((d("2025-10-10"), Some(50.0))));
    assert_eq!(late("2025-10-05"), None);
}

/// A late fee must say what is paid late.
#[test]
fn a_late_fee_without_a_trigger_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = RULES.replace(", trigger: dues_unpaid", "");
    std::fs::write(dir.path().join("renewal_rules.yaml"), rules).unwrap();
    let err = match crate::data::Catalog::load(Some(dir.path()), d("2026-11-27")) {
        Ok(_) => panic!("a late fee without a trigger was accepted"),
        Err(e) => e.render(false),
    };
    assert!(err.contains("a late fee needs `trigger`"), "{err}");
}
