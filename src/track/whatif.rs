//! What changes when a credential is added or dropped.

use chrono::NaiveDate;
use serde::Serialize;

use super::{BodyStatus, Status, TrackError, status};
use crate::data::DataSet;
use crate::data::model::Body;
use crate::person::log::Log;
use crate::person::profile::{Held, Profile};
use crate::render::format::num;

/// One measure of one body, before and after the change.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Change {
    pub body: Body,
    pub measure: String,
    pub now: String,
    pub after: String,
    pub changed: bool,
}

/// The change asked for is not possible (unknown, already held, not held).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhatIfError {
    Request(String),
    Track(TrackError),
}

/// Statuses with and without the change, measure by measure.
pub fn what_if(
    profile: &Profile,
    log: &Log,
    data: &DataSet,
    as_of: NaiveDate,
    add: &[String],
    drop: &[String],
) -> Result<Vec<Change>, WhatIfError> {
    let mut changed = profile.clone();
    for id in add {
        if data.credential(id).is_none() {
            let ids: Vec<&str> = data
                .credentials
                .credentials
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            let hint = crate::loader::closest(id, &ids)
                .map_or(String::new(), |b| format!(" (did you mean {b}?)"));
            return Err(WhatIfError::Request(format!(
                "--add {id}: no such credential{hint}"
            )));
        }
        if changed.credentials.iter().any(|h| &h.id == id) {
            return Err(WhatIfError::Request(format!("--add {id}: already held")));
        }
        changed.credentials.push(Held {
            id: id.clone(),
            earned: as_of,
            apprentice: false,
        });
    }
    for id in drop {
        let before = changed.credentials.len();
        changed.credentials.retain(|h| &h.id != id);
        if changed.credentials.len() == before {
            return Err(WhatIfError::Request(format!("--drop {id}: not held")));
        }
    }
    let now = status(profile, log, data, as_of).map_err(WhatIfError::Track)?;
    let after = status(&changed, log, data, as_of).map_err(WhatIfError::Track)?;
    Ok(compare(&now, &after))
}

fn measures(b: Option<&BodyStatus>) -> Vec<(&'static str, String)> {
    let Some(b) = b else {
        return [
            "credentials",
            "required",
            "remaining",
            "due",
            "status",
            "sub-requirements",
        ]
        .into_iter()
        .map(|m| (m, "—".to_string()))
        .collect();
    };
    vec![
        ("credentials", b.credentials.join(", ")),
        ("required", num(b.required)),
        ("remaining", num(b.remaining)),
        ("due", b.cycle.end.to_string()),
        ("status", b.status.clone()),
        (
            "sub-requirements",
            Some(
                b.requirements[1..]
                    .iter()
                    .map(|r| format!("{} {}", r.id, num(r.required)))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "none".into()),
        ),
    ]
}

fn compare(now: &Status, after: &Status) -> Vec<Change> {
    let mut out = Vec::new();
    for body in [Body::AAPC, Body::AHIMA] {
        let a = now.bodies.iter().find(|b| b.body == body);
        let b = after.bodies.iter().find(|b| b.body == body);
        if a.is_none() && b.is_none() {
            continue;
        }
        for ((measure, x), (_, y)) in measures(a).into_iter().zip(measures(b)) {
            out.push(Change {
                body,
                measure: measure.into(),
                changed: x != y,
                now: x,
                after: y,
            });
        }
    }
    out
}
