//! Where held credentials stand with their renewals, from the CEU log: the tracker's lead
//! cycle per body, as plan warnings (overdue or inactive, revoked, not in the log). A
//! credential revoked past its reinstatement window is planned as not held (the exam again).

use chrono::NaiveDate;

use super::Cost;
use super::warnings::Warning;
use crate::data::Catalog;
use crate::data::catalog::Credential;
use crate::data::model::LapseState;
use crate::data::model::{Body, RuleFeeKind};
use crate::person::log::Log;
use crate::person::profile::Person;
use crate::track::{self, CycleState};

/// The warnings, the bodies whose credentials are no longer held, the first of those
/// credentials (to earn again), and the bodies whose credentials are held but not in force.
pub(super) struct Lapses<'c> {
    pub warnings: Vec<Warning<'c>>,
    pub gone: Vec<Body>,
    pub regain: Option<&'c Credential>,
    pub restore: Vec<Restore<'c>>,
}

/// Credentials held but not in force on the plan's date (AHIMA inactive, or revoked within
/// the reinstatement window): what restoring them takes, and by when.
#[derive(Debug, Clone)]
pub(crate) struct Restore<'c> {
    pub body: Body,
    pub credentials: Vec<&'c Credential>,
    pub revoked: bool,
    /// CEUs the ended cycle still lacks.
    pub ceus: f64,
    pub by: NaiveDate,
    /// The body's reinstatement fee (none for an inactive credential).
    pub cost: Cost,
}

/// The fee of `kind` among a body's fees, as a plan cost.
fn fee(b: &track::BodyStatus, kind: RuleFeeKind) -> Cost {
    match b.fees.iter().find(|f| f.kind == kind) {
        None => Cost::None,
        Some(f) => f.usd.map_or(Cost::Unknown, Cost::Known),
    }
}

/// The lapses of `person`'s credentials on `as_of`. When the tracker cannot place a cycle,
/// the renewal stage says so; nothing is added here.
pub(super) fn lapses<'c>(
    person: &Person<'c>,
    log: &Log,
    catalog: &'c Catalog,
    as_of: NaiveDate,
) -> Lapses<'c> {
    let mut out = Lapses {
        warnings: Vec::new(),
        gone: Vec::new(),
        regain: None,
        restore: Vec::new(),
    };
    if person.credentials.is_empty() {
        return out;
    }
    let Ok(status) = track::status(person, log, catalog, as_of) else {
        return out;
    };
    for b in &status.bodies {
        if let Some(s) = &b.stale_renewal {
            out.warnings.push(Warning::RenewalDateStale {
                body: b.body,
                renewal: s.renewal,
                revoked_if_unpaid: s.revoked_if_unpaid,
            });
        }
        let lead = b.lead();
        let credentials = b.credentials.clone();
        match lead.state {
            CycleState::Lapsed {
                lapse, due, until, ..
            } => {
                if lapse == LapseState::Inactive {
                    out.restore.push(Restore {
                        body: b.body,
                        credentials: credentials.clone(),
                        revoked: false,
                        ceus: lead.remaining,
                        by: until,
                        // Meeting the requirement restores it; an extension's fee is a
                        // choice, listed by `ceu status`.
                        cost: Cost::None,
                    });
                }
                out.warnings.push(Warning::RenewalLapsed {
                    body: b.body,
                    credentials,
                    lapse,
                    due,
                    until,
                    remaining: lead.remaining,
                })
            }
            CycleState::Revoked {
                since,
                reinstate_until,
                ..
            } => {
                let open = reinstate_until.filter(|u| *u >= as_of);
                match open {
                    None => {
                        out.gone.push(b.body);
                        out.regain = out.regain.or(b.credentials.first().copied());
                    }
                    Some(by) => out.restore.push(Restore {
                        body: b.body,
                        credentials: credentials.clone(),
                        revoked: true,
                        ceus: lead.remaining,
                        by,
                        cost: fee(b, RuleFeeKind::Reinstatement),
                    }),
                }
                let fee_usd = b
                    .fees
                    .iter()
                    .find(|f| f.kind == RuleFeeKind::Reinstatement)
                    .and_then(|f| f.usd);
                out.warnings.push(Warning::CredentialRevoked {
                    body: b.body,
                    credentials,
                    since,
                    reinstate_until: open,
                    fee_usd: open.and(fee_usd),
                });
            }
            _ => {
                let unknown = b
                    .ended
                    .as_ref()
                    .filter(|e| matches!(e.state, CycleState::NotInLog { .. }));
                if let Some(e) = unknown
                    && person.profile.ceu_log.is_some()
                {
                    out.warnings.push(Warning::RenewalNotInLog {
                        body: b.body,
                        cycle_end: e.cycle.end,
                    });
                }
            }
        }
    }
    out
}
