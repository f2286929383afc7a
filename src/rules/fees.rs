//! Which of a rulebook's fees applies to a person: by kind, by who pays (member, student, …)
//! and per credential.

use serde::Serialize;

use crate::data::catalog::Rulebook;
use crate::data::model::{FeePer, Payer, RuleFee, RuleFeeKind};

/// A fee with its amount for a given number of credentials; `usd` is `None` when a part of
/// it is not in the data.
#[derive(Debug, Clone, Serialize)]
pub struct FeeFact {
    pub kind: RuleFeeKind,
    pub payer: Option<Payer>,
    pub usd: Option<f64>,
    /// Credentials the amount counts (for per-credential fees).
    pub credentials: usize,
    pub note: Option<String>,
}

/// Months between membership renewals, when the rulebook has a membership renewal fee.
pub fn renewal_months(book: &Rulebook) -> Option<u32> {
    find(
        book,
        RuleFeeKind::MembershipRenewal,
        &payers(true),
        FeePer::Once,
    )
    .map(|fee| fee.every_months.map_or(12, |m| m.get().max(1)))
}

/// The fee of `kind` for the first payer in `payers` that has one (`None` in the list
/// means a fee for anyone).
pub fn find<'c>(
    book: &'c Rulebook,
    kind: RuleFeeKind,
    payers: &[Option<Payer>],
    per: FeePer,
) -> Option<&'c RuleFee> {
    payers.iter().find_map(|p| {
        book.fees
            .iter()
            .find(|f| f.kind == kind && f.payer == *p && f.per == per)
    })
}

/// The payers to try for someone who is, or is not, a member of the body.
pub fn payers(member: bool) -> [Option<Payer>; 3] {
    if member {
        [Some(Payer::Member), Some(Payer::Individual), None]
    } else {
        [Some(Payer::NonMember), Some(Payer::Individual), None]
    }
}

/// A fee of `kind` for `credentials` credentials: the amount once or per credential, plus
/// any per-further-credential amount. Unknown parts leave the total unknown.
pub fn for_credentials(
    book: &Rulebook,
    kind: RuleFeeKind,
    member: bool,
    credentials: usize,
) -> Option<FeeFact> {
    let payers = payers(member);
    let base = find(book, kind, &payers, FeePer::Once)
        .map(|f| (f, 1.0))
        .or_else(|| {
            find(book, kind, &payers, FeePer::Credential).map(|f| (f, credentials as f64))
        })?;
    let further = credentials.saturating_sub(1);
    let extra = if further == 0 || base.0.per == FeePer::Credential {
        Some(0.0)
    } else {
        // The per-further-credential price of the same payer, when the data has it.
        find(book, kind, &[base.0.payer], FeePer::AdditionalCredential)
            .map(|f| f.usd.get() * further as f64)
    };
    Some(FeeFact {
        kind,
        payer: base.0.payer,
        // In dollars and cents, without a binary float's remainder.
        usd: extra.map(|x| super::requirement::round2(base.0.usd.get() * base.1 + x)),
        credentials,
        note: base.0.note.clone(),
    })
}
