//! What changes when a credential is added or dropped: the status before and after, for
//! render to compare measure by measure.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Status, status};
use crate::data::Catalog;
use crate::data::catalog::Credential;
use crate::data::model::{Anchor, Body};
use crate::person::Problem;
use crate::person::log::Log;
use crate::person::profile::{HeldCredential, Person};

/// Why the change asked for cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhatIfError {
    /// `--add` of a credential already held.
    AlreadyHeld(String),
    /// `--drop` of a credential not held.
    NotHeld(String),
    /// The status of the profile as it is cannot be made (a problem of the profile).
    Track(Problem),
    /// The status with the change cannot be made, though the profile's own can (a problem
    /// of the change asked for).
    Changed(Problem),
}

/// A membership renewal date the change assumed: a credential of `body` is added, the
/// body's cycles follow the membership renewal date, and the profile gives none. The
/// person joins on the day the credential is earned (membership is needed to sit the
/// body's exams), so the membership renews on that day each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AssumedRenewal {
    pub body: Body,
    pub renewal: NaiveDate,
}

/// The statuses without and with the change, and what the change assumed.
#[derive(Debug, Clone)]
pub struct WhatIf<'c> {
    pub before: Status<'c>,
    pub after: Status<'c>,
    pub assumed: Vec<AssumedRenewal>,
}

/// Statuses without and with the change: `add` credentials earned on `as_of`, `drop` ones
/// removed.
pub fn what_if<'c>(
    person: &Person<'c>,
    log: &Log,
    catalog: &'c Catalog,
    as_of: NaiveDate,
    add: &[&'c Credential],
    drop: &[&'c Credential],
) -> Result<WhatIf<'c>, WhatIfError> {
    let before = status(person, log, catalog, as_of).map_err(WhatIfError::Track)?;
    let mut changed = person.clone();
    let mut assumed = Vec::new();
    for c in add {
        // Credentials revoked past their reinstatement window are gone, as the planner
        // takes them: one earned now starts afresh (the same one again, too).
        if gone(&before, c.body, as_of) {
            changed.credentials.retain(|h| h.credential.body != c.body);
        }
        if changed.holds(c) {
            return Err(WhatIfError::AlreadyHeld(c.id.clone()));
        }
        let renews = catalog
            .rulebook_for(c.body, as_of)
            .is_some_and(|b| b.cycle.anchor == Anchor::MembershipRenewal);
        if renews
            && changed.profile.membership_renewal(c.body).is_none()
            && changed.held_with(c.body).next().is_none()
            && changed.profile.set_membership_renewal(c.body, as_of)
        {
            assumed.push(AssumedRenewal {
                body: c.body,
                renewal: as_of,
            });
        }
        changed.credentials.push(HeldCredential {
            credential: c,
            earned: as_of,
            apprentice: false,
        });
    }
    for c in drop {
        if !changed.holds(c) {
            return Err(WhatIfError::NotHeld(c.id.clone()));
        }
        changed.credentials.retain(|h| h.credential != *c);
    }
    let after = status(&changed, log, catalog, as_of).map_err(WhatIfError::Changed)?;
    Ok(WhatIf {
        before,
        after,
        assumed,
    })
}

/// Whether `body`'s credentials were revoked and can no longer be reinstated without a new
/// exam on `as_of`.
fn gone(before: &Status, body: Body, as_of: NaiveDate) -> bool {
    before.bodies.iter().any(|b| {
        b.body == body
            && matches!(
                b.lead().state,
                super::CycleState::Revoked { reinstate_until, .. }
                    if reinstate_until.is_none_or(|u| u < as_of)
            )
    })
}
