//! The target: the credential and setting named in the profile, else the setting's best fit,
//! else the first credential held (or revoked past reinstatement) and its first setting.

use super::{Planner, Target, TargetReason};
use crate::data::catalog::{Credential, Setting};
use crate::person::Problem;

/// The target the plan aims at.
pub(super) fn choose<'c>(p: &Planner<'_, 'c>) -> Result<Target<'c>, Problem> {
    let cat = p.catalog;
    if let Some(t) = &p.person.target {
        let best = t.setting.credentials.first().map(|c| cat.get(*c));
        let (credential, why) = match (t.credential, best) {
            (Some(c), _) => (
                c,
                TargetReason::Named {
                    command_line: t.credential_from_command_line,
                    // Either file may say so: the setting's credentials, or the credential's
                    // settings.
                    fits: t.setting.credentials.iter().any(|x| cat.get(*x) == c)
                        || c.settings.iter().any(|x| cat.get(*x) == t.setting),
                },
            ),
            (None, Some(c)) => (c, TargetReason::BestFit),
            (None, None) => return Err(Problem::NoTarget),
        };
        return Ok(Target {
            credential,
            setting: t.setting,
            why,
            first_step: None,
            by: t.by,
            alternatives: others(p, t.setting, credential),
        });
    }
    let (credential, why) = match (p.person.credentials.first(), p.regain) {
        (Some(held), _) => (held.credential, TargetReason::Held),
        (None, Some(lost)) => (lost, TargetReason::Regain),
        (None, None) => return Err(Problem::NoTarget),
    };
    let setting = credential
        .settings
        .first()
        .map(|s| cat.get(*s))
        .ok_or(Problem::NoTarget)?;
    Ok(Target {
        credential,
        setting,
        why,
        first_step: None,
        by: None,
        alternatives: others(p, setting, credential),
    })
}

/// The setting's credentials other than `c`, best first.
fn others<'c>(p: &Planner<'_, 'c>, s: &'c Setting, c: &Credential) -> Vec<&'c Credential> {
    s.credentials
        .iter()
        .map(|x| p.catalog.get(*x))
        .filter(|x| *x != c)
        .collect()
}
