//! What changes when a credential is added or dropped: the status before and after, for
//! render to compare measure by measure.

use chrono::NaiveDate;

use super::{Status, status};
use crate::data::Catalog;
use crate::data::catalog::Credential;
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
    /// The status itself cannot be made.
    Track(Problem),
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
) -> Result<(Status<'c>, Status<'c>), WhatIfError> {
    let mut changed = person.clone();
    for c in add {
        if changed.holds(c) {
            return Err(WhatIfError::AlreadyHeld(c.id.clone()));
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
    let before = status(person, log, catalog, as_of).map_err(WhatIfError::Track)?;
    let after = status(&changed, log, catalog, as_of).map_err(WhatIfError::Track)?;
    Ok((before, after))
}
