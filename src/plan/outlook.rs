//! The BLS outlook for the target: the first occupation that counts its holders.

use super::{Outlook, Planner};
use crate::data::catalog::{Credential, Occupation};

/// The outlook rows for `c`'s occupation, if the data maps it to one.
pub(super) fn for_credential<'c>(p: &mut Planner<'_, 'c>, c: &Credential) -> Option<Outlook<'c>> {
    let cat = p.catalog;
    let (_, occ) = cat
        .all::<Occupation>()
        .find(|(_, o)| o.credentials.iter().any(|x| cat.get(*x) == c))?;
    p.cite(&occ.sources);
    for row in occ.own.iter().chain(&occ.related) {
        p.cite(&row.sources);
    }
    Some(Outlook {
        occupation: occ,
        title: &occ.title,
        own: &occ.own,
        related: &occ.related,
    })
}
