//! What a cycle requires: the total for the credentials held at its end under the rulebook
//! in force at its start, pro-rated where the rulebook says so, and the sub-requirements
//! (discipline and specialty minimums, domain and sourced shares, self-assessments).

use chrono::NaiveDate;
use serde::Serialize;

use super::Cycle;
use crate::data::catalog::{Credential, Requirement, Rulebook};
use crate::data::model::{AddedCredential, CredentialKind, Prorate, Rounding};
use crate::data::{Catalog, Ix};
use crate::dates;

/// A credential held, with the day it was earned.
#[derive(Debug, Clone, Copy)]
pub struct Holding<'c> {
    pub credential: &'c Credential,
    pub earned: NaiveDate,
}

/// A cycle's requirement, with how each figure was reached.
#[derive(Debug, Clone, Serialize)]
pub struct Required<'c> {
    pub rulebook: &'c Rulebook,
    /// CEUs the cycle needs in all.
    pub total: f64,
    /// The credentials the total is for (held at the cycle's end, superseded ones left out).
    pub credentials: Vec<&'c Credential>,
    /// Held credentials that need no CEUs of their own (RHIT under RHIA).
    pub superseded: Vec<&'c Credential>,
    /// Earned during the cycle and left to the next one by the rulebook.
    pub deferred: Vec<&'c Credential>,
    /// The figure before any cap or pro-rating.
    pub full: f64,
    /// The cap that applied, if it did.
    pub capped_at: Option<f64>,
    /// Pro-rating of a short first cycle or of credentials added mid-cycle.
    pub prorations: Vec<Proration<'c>>,
    pub minimums: Vec<Minimum<'c>>,
    pub shares: Vec<ShareRule>,
    /// CEUs of coding self-assessments needed, when the rulebook has them.
    pub self_assessments: Option<f64>,
}

/// A pro-rated figure: `ceus × months / cycle_months`, rounded.
#[derive(Debug, Clone, Serialize)]
pub struct Proration<'c> {
    /// The credential added mid-cycle, or `None` for a short first cycle.
    pub credential: Option<&'c Credential>,
    pub ceus: f64,
    pub months: u32,
    pub cycle_months: u32,
    pub rounding: Rounding,
    pub result: f64,
    /// The body does not publish the formula.
    pub estimated: bool,
}

/// A minimum number of CEUs related to one credential.
#[derive(Debug, Clone, Serialize)]
pub struct Minimum<'c> {
    pub credential: &'c Credential,
    pub kind: MinimumKind,
    pub ceus: f64,
}

/// Why a credential carries a minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MinimumKind {
    Discipline,
    Specialty,
}

/// A minimum share of the cycle's CEUs.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ShareRule {
    pub kind: ShareKind,
    /// 0.4 for 40%.
    pub share: f64,
    /// CEUs that share of the total comes to.
    pub ceus: f64,
}

/// Which share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareKind {
    /// Within the body's own domains (AHIMA HIIM).
    Domain,
    /// From the body itself (AHIMA-sourced).
    Sourced,
}

/// What `cycle` requires of someone holding `held` (any earned date; those after the cycle
/// ends are left out), under `book`.
pub fn required<'c>(
    catalog: &'c Catalog,
    book: &'c Rulebook,
    held: &[Holding<'c>],
    cycle: Cycle,
) -> Required<'c> {
    let cycle_months = book.cycle.months.get().max(1);
    let at_end: Vec<Holding> = held
        .iter()
        .copied()
        .filter(|h| h.earned <= cycle.end && h.credential.body == book.body)
        .collect();
    let added_mid_cycle = |h: &Holding| !cycle.first && h.earned > cycle.start;
    let (deferred, counted): (Vec<Holding>, Vec<Holding>) = at_end.iter().copied().partition(|h| {
        added_mid_cycle(h) && book.cycle.added_credential == AddedCredential::NextCycle
    });
    let superseded = superseded(catalog, book, &counted);
    let creds: Vec<&Credential> = counted
        .iter()
        .map(|h| h.credential)
        .filter(|c| !superseded.contains(c))
        .collect();
    let (full, capped_at) = total(catalog, book, &creds);
    let mut total = full.min(capped_at.unwrap_or(f64::INFINITY));
    let mut prorations = Vec::new();
    if cycle.first
        && let Some(p) = &book.cycle.first_cycle.prorate
    {
        let months = dates::months_through(cycle.start, cycle.end).min(cycle_months);
        let result = prorate(total, months, cycle_months, p);
        prorations.push(Proration {
            credential: None,
            ceus: total,
            months,
            cycle_months,
            rounding: p.rounding,
            result,
            estimated: p.estimated,
        });
        total = result;
    } else if book.cycle.added_credential == AddedCredential::Prorated
        && let Some(p) = &book.cycle.added_prorate
    {
        // Each credential added mid-cycle brings only its share of the months left.
        for h in counted.iter().filter(|h| added_mid_cycle(h)) {
            let without: Vec<&Credential> = creds
                .iter()
                .copied()
                .filter(|c| *c != h.credential)
                .collect();
            let (before, cap) = self::total(catalog, book, &without);
            let extra = (total - before.min(cap.unwrap_or(f64::INFINITY))).max(0.0);
            let months = dates::months_through(h.earned, cycle.end).min(cycle_months);
            let result = prorate(extra, months, cycle_months, p);
            prorations.push(Proration {
                credential: Some(h.credential),
                ceus: extra,
                months,
                cycle_months,
                rounding: p.rounding,
                result,
                estimated: p.estimated,
            });
            total -= extra - result;
        }
    }
    Required {
        rulebook: book,
        total: round2(total),
        credentials: creds.clone(),
        superseded,
        deferred: deferred.iter().map(|h| h.credential).collect(),
        full,
        capped_at: capped_at.filter(|c| *c < full),
        prorations,
        minimums: minimums(catalog, book, &creds),
        shares: shares(book, total),
        self_assessments: book.self_assessments.as_ref().and_then(|sa| {
            creds
                .iter()
                .any(|c| sa.credentials.iter().any(|x| catalog.get(*x) == *c))
                .then(|| sa.ceus_each.get() * f64::from(sa.per_cycle))
        }),
    }
}

/// The full total for `creds` and the cap, if the rulebook has one.
fn total(catalog: &Catalog, book: &Rulebook, creds: &[&Credential]) -> (f64, Option<f64>) {
    match &book.requirement {
        Requirement::ByCount(by_count) => {
            let n = creds.len();
            if n == 0 {
                return (0.0, None);
            }
            let i = (n - 1).min(by_count.len().saturating_sub(1));
            (by_count.get(i).map_or(0.0, |c| c.get()), None)
        }
        Requirement::PerCredential {
            ceus,
            additional,
            max_total,
            ..
        } => {
            let mut each: Vec<f64> = creds
                .iter()
                .filter_map(|c| {
                    ceus.iter()
                        .find(|(x, _)| catalog.get(*x) == *c)
                        .map(|(_, v)| v.get())
                })
                .collect();
            each.sort_by(|a, b| b.total_cmp(a));
            let Some(first) = each.first() else {
                return (0.0, None);
            };
            let full = first + additional.get() * (each.len() - 1) as f64;
            (full, max_total.map(|m| m.get()))
        }
    }
}

/// Held credentials another held credential supersedes.
fn superseded<'c>(
    catalog: &'c Catalog,
    book: &Rulebook,
    held: &[Holding<'c>],
) -> Vec<&'c Credential> {
    let Requirement::PerCredential { supersedes, .. } = &book.requirement else {
        return Vec::new();
    };
    let holds = |ix: Ix<Credential>| held.iter().any(|h| h.credential == catalog.get(ix));
    supersedes
        .iter()
        .filter(|(holder, dropped)| holds(*holder) && holds(*dropped))
        .map(|(_, dropped)| catalog.get(*dropped))
        .collect()
}

fn minimums<'c>(catalog: &Catalog, book: &Rulebook, creds: &[&'c Credential]) -> Vec<Minimum<'c>> {
    creds
        .iter()
        .filter_map(|c| {
            if let Some((_, m)) = book
                .discipline_minimums
                .iter()
                .find(|(x, _)| catalog.get(*x) == *c)
            {
                return Some(Minimum {
                    credential: c,
                    kind: MinimumKind::Discipline,
                    ceus: m.get(),
                });
            }
            match (book.specialty_minimum, c.kind) {
                (Some(m), CredentialKind::Specialty) => Some(Minimum {
                    credential: c,
                    kind: MinimumKind::Specialty,
                    ceus: m.get(),
                }),
                _ => None,
            }
        })
        .collect()
}

fn shares(book: &Rulebook, total: f64) -> Vec<ShareRule> {
    [
        (ShareKind::Domain, book.domain_share_min),
        (ShareKind::Sourced, book.sourced_share_min),
    ]
    .into_iter()
    .filter_map(|(kind, share)| {
        share.map(|share| ShareRule {
            kind,
            share,
            ceus: round2(total * share),
        })
    })
    .collect()
}

/// `ceus × months / cycle_months`, rounded as the rule says.
pub fn prorate(ceus: f64, months: u32, cycle_months: u32, p: &Prorate) -> f64 {
    let raw = ceus * f64::from(months) / f64::from(cycle_months.max(1));
    // Guard against 35.99999 rounding up to 37.
    let raw = (raw * 1e6).round() / 1e6;
    match p.rounding {
        Rounding::Up => raw.ceil(),
        Rounding::Nearest => raw.round(),
        Rounding::Down => raw.floor(),
    }
}

/// Rounded to hundredths; `+ 0.0` turns -0 into 0.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0 + 0.0
}
