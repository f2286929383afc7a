//! Where held credentials stand with their renewals, from the CEU log: the tracker's lead
//! cycle per body, as plan warnings (overdue or inactive, revoked, not in the log). A
//! credential revoked past its reinstatement window is planned as not held (the exam again).

use chrono::NaiveDate;

use super::warnings::Warning;
use crate::data::Catalog;
use crate::data::catalog::Credential;
use crate::data::model::{Body, RuleFeeKind};
use crate::person::log::Log;
use crate::person::profile::Person;
use crate::track::{self, CycleState};

/// The warnings, the bodies whose credentials are no longer held, and the first of those
/// credentials (to earn again).
pub(super) struct Lapses<'c> {
    pub warnings: Vec<Warning<'c>>,
    pub gone: Vec<Body>,
    pub regain: Option<&'c Credential>,
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
            } => out.warnings.push(Warning::RenewalLapsed {
                body: b.body,
                credentials,
                lapse,
                due,
                until,
                remaining: lead.remaining,
            }),
            CycleState::Revoked {
                since,
                reinstate_until,
                ..
            } => {
                let open = reinstate_until.filter(|u| *u >= as_of);
                if open.is_none() {
                    out.gone.push(b.body);
                    out.regain = out.regain.or(b.credentials.first().copied());
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
