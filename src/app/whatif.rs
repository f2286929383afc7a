//! What-if changes to a profile for one `plan` run (`--budget`, `--hours`, `--setting`,
//! `--target`, `--by`, `--delivery`), and the scenarios of `--compare`.

use chrono::NaiveDate;

use crate::cli::{DeliveryArg, PlanChanges};
use crate::data::catalog::{Credential, Setting};
use crate::data::units::{MIN_WEEKLY_HOURS, Usd, WeeklyHours};
use crate::data::{Catalog, Record};
use crate::error::Error;
use crate::person::profile::{Profile, Target};

/// Applies `c` to `profile`, each change checked against the catalog and its bounds.
pub(super) fn apply(
    profile: &mut Profile,
    c: &PlanChanges,
    catalog: &Catalog,
    as_of: NaiveDate,
) -> Result<(), Error> {
    let usage = |m: String| Error::Usage(m);
    if let Some(by) = c.by.filter(|d| *d <= as_of) {
        return Err(usage(format!("--by {by}: expected a date after {as_of}")));
    }
    if let Some(b) = c.budget {
        profile.preferences.budget_usd =
            Some(Usd::try_from(b).map_err(|e| usage(format!("--budget {b}: {e}")))?);
    }
    if let Some(h) = c.hours {
        let hours = WeeklyHours::try_from(h)
            .ok()
            .filter(|w| w.get() >= MIN_WEEKLY_HOURS)
            .ok_or_else(|| usage(format!("--hours {h}: expected hours a week from 1 to 80")))?;
        profile.preferences.hours_per_week = Some(hours);
    }
    if !c.delivery.is_empty() {
        profile.preferences.delivery = c.delivery.iter().map(|d| (*d).into()).collect();
    }
    let setting = c
        .setting
        .as_deref()
        .map(|s| known::<Setting>(catalog, "--setting", s))
        .transpose()?;
    let target = c
        .target
        .as_deref()
        .map(|t| known::<Credential>(catalog, "--target", t))
        .transpose()?;
    if setting.is_some() || target.is_some() || c.by.is_some() {
        let current = profile.target.clone();
        let setting = match (setting, &current, target) {
            (Some(s), _, _) => s.id.clone(),
            (None, Some(t), _) => t.setting.clone(),
            (None, None, Some(cred)) => match cred.settings.first() {
                Some(s) => catalog.get(*s).id.clone(),
                None => {
                    return Err(usage(format!(
                        "--target {}: say which setting with --setting",
                        cred.id
                    )));
                }
            },
            (None, None, None) => return Err(usage("--by needs a target: add --setting".into())),
        };
        profile.target = Some(Target {
            setting,
            credential: target
                .map(|c| c.id.clone())
                .or(current.as_ref().and_then(|t| t.credential.clone())),
            by: c.by.or(current.as_ref().and_then(|t| t.by)),
            credential_from_command_line: target.is_some()
                || current.is_some_and(|t| t.credential_from_command_line),
        });
    }
    Ok(())
}

/// The record with this id, or a usage error naming the flag with a hint.
fn known<'c, T: Record + 'c>(catalog: &'c Catalog, flag: &str, id: &str) -> Result<&'c T, Error> {
    catalog
        .find::<T>(id)
        .map(|x| catalog.get(x))
        .ok_or_else(|| {
            let ids = catalog.ids::<T>();
            let hint = crate::loader::closest(id, &ids)
                .map_or(String::new(), |b| format!("; did you mean {b}?"));
            Error::Usage(format!("{flag} {id}: not in the reference data{hint}"))
        })
}

/// A `--compare` scenario: `key=value` pairs separated by commas.
pub(super) fn scenario(text: &str) -> Result<PlanChanges, Error> {
    let mut c = PlanChanges::default();
    let bad = |m: String| Error::Usage(format!("--compare {text}: {m}"));
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| bad(format!("`{pair}` is not KEY=VALUE")))?;
        let value = value.trim();
        let number = || {
            value
                .parse::<f64>()
                .map_err(|_| bad(format!("{key}: `{value}` is not a number")))
        };
        match key.trim() {
            "budget" => c.budget = Some(number()?),
            "hours" => c.hours = Some(number()?),
            "setting" => c.setting = Some(value.into()),
            "target" => c.target = Some(value.into()),
            "by" => c.by = Some(crate::loader::ymd::parse(value).map_err(bad)?),
            "delivery" => {
                c.delivery = match value {
                    "online" => vec![DeliveryArg::Online],
                    "on-campus" | "on_campus" => vec![DeliveryArg::OnCampus],
                    "any" | "either" => vec![DeliveryArg::Online, DeliveryArg::OnCampus],
                    _ => {
                        return Err(bad(format!(
                            "delivery: `{value}`; expected online, on-campus or any"
                        )));
                    }
                }
            }
            other => {
                return Err(bad(format!(
                    "unknown key `{other}`; expected budget, hours, setting, target, by or delivery"
                )));
            }
        }
    }
    Ok(c)
}

/// `base` with `over`'s changes laid on top (a `--compare` scenario starts from the run's
/// own what-if flags).
pub(super) fn overlay(base: &PlanChanges, over: PlanChanges) -> PlanChanges {
    PlanChanges {
        budget: over.budget.or(base.budget),
        hours: over.hours.or(base.hours),
        setting: over.setting.or_else(|| base.setting.clone()),
        target: over.target.or_else(|| base.target.clone()),
        by: over.by.or(base.by),
        delivery: if over.delivery.is_empty() {
            base.delivery.clone()
        } else {
            over.delivery
        },
    }
}

/// True when `c` changes nothing.
pub(super) fn is_empty(c: &PlanChanges) -> bool {
    c.budget.is_none()
        && c.hours.is_none()
        && c.setting.is_none()
        && c.target.is_none()
        && c.by.is_none()
        && c.delivery.is_empty()
}
