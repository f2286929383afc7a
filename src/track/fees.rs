//! Fees falling due for one body: membership renewals on their own yearly date,
//! recertification at the cycle end, and, for a cycle past due, the extension, late (when the
//! data says it is charged for CEUs short) and reinstatement fees the rulebook lists.

use chrono::{Datelike, NaiveDate};

use super::{CycleState, CycleStatus, FeeDue};
use crate::data::catalog::Rulebook;
use crate::data::model::{FeePer, FeeTrigger, RuleFeeKind};
use crate::dates;
use crate::rules::fees::{self, FeeFact};

/// Fees of the body whose current cycle runs under `book`.
pub(super) fn due(
    book: &Rulebook,
    renewal: Option<NaiveDate>,
    member: bool,
    ended: Option<&CycleStatus>,
    current: &CycleStatus,
    as_of: NaiveDate,
) -> Vec<FeeDue> {
    let mut out = Vec::new();
    let push = |out: &mut Vec<FeeDue>, fact: Option<FeeFact>, due: NaiveDate| {
        if let Some(f) = fact {
            out.push(FeeDue {
                kind: f.kind,
                payer: f.payer,
                due,
                usd: f.usd,
                credentials: f.credentials,
                note: f.note,
            });
        }
    };
    if let (Some(r), Some(every)) = (renewal, fees::renewal_months(book)) {
        let mut next = dates::day_in(r.year(), r.month(), r.day());
        while next < as_of {
            next = dates::add_months(next, every);
        }
        push(
            &mut out,
            fees::for_credentials(book, RuleFeeKind::MembershipRenewal, true, 1),
            next,
        );
    }
    if current.state != CycleState::OnHold {
        let n = current.requirement.credentials.len().max(1);
        push(
            &mut out,
            fees::for_credentials(book, RuleFeeKind::Recertification, member, n),
            current.cycle.end,
        );
    }
    if let Some(e) = ended {
        let n = e.requirement.credentials.len().max(1);
        let book = e.requirement.rulebook;
        match e.state {
            CycleState::Lapsed { due, until, .. } => {
                // Useful only before the lapse window closes.
                push(
                    &mut out,
                    fees::for_credentials(book, RuleFeeKind::Extension, member, n),
                    until,
                );
                // Only a late fee charged for CEUs short: one for unpaid dues says nothing
                // about the CEUs, and the log cannot tell whether dues were paid.
                if let Some(late) =
                    fees::find(book, RuleFeeKind::Late, &fees::payers(member), FeePer::Once)
                        .filter(|f| f.trigger == Some(FeeTrigger::CeusShort))
                {
                    let from =
                        dates::add_days(due, u64::from(late.after_days.map_or(0, |d| d.get())));
                    if as_of > from {
                        push(
                            &mut out,
                            fees::for_credentials(book, RuleFeeKind::Late, member, n),
                            from,
                        );
                    }
                }
            }
            CycleState::Revoked {
                reinstate_until, ..
            } if reinstate_until.is_none_or(|u| as_of <= u) => {
                push(
                    &mut out,
                    fees::for_credentials(book, RuleFeeKind::Reinstatement, member, n),
                    as_of,
                );
            }
            _ => {}
        }
    }
    out.sort_by_key(|f| f.due);
    out
}
