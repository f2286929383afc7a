//! `data list`: reference records filtered the way a counsellor asks, as full records (JSON)
//! and as a table.

use serde::Serialize;
use serde_json::Value;

use super::format::{num, range, thousands, usd};
use super::table::Table;
use crate::data::DataSet;
use crate::data::model::{Body, Delivery, Education, Exam, FeeKind, Programme};
use crate::error::Error;

/// Which records to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListKind {
    Credentials,
    Programmes,
    Rules,
    Outlook,
    Settings,
    Careers,
}

/// Filters; each applies only to the kinds named in its help.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub body: Option<Body>,
    pub prepares_for: Option<String>,
    pub delivery: Option<Delivery>,
    pub max_cost: Option<f64>,
}

/// Filtered records, both as JSON values (full records with sources) and as a table.
pub struct Listing {
    pub records: Vec<Value>,
    pub table: Table,
}

fn json<T: Serialize>(items: &[&T]) -> Vec<Value> {
    items
        .iter()
        .map(|i| serde_json::to_value(i).expect("records serialise"))
        .collect()
}

fn join(items: &[String]) -> String {
    items.join(", ")
}

fn or_unknown(v: Option<String>) -> String {
    v.unwrap_or_else(|| "not found".into())
}

/// Lists `kind` from `data`, filtered; a filter that does not apply to `kind` is a usage error.
pub fn list(data: &DataSet, kind: ListKind, f: &ListFilter) -> Result<Listing, Error> {
    let applies = |name: &str, set: bool, kinds: &[ListKind]| {
        if set && !kinds.contains(&kind) {
            let names: Vec<String> = kinds
                .iter()
                .map(|k| format!("{k:?}").to_lowercase())
                .collect();
            return Err(Error::Usage(format!(
                "{name} applies to {} only",
                names.join(" and ")
            )));
        }
        Ok(())
    };
    use ListKind::*;
    applies(
        "--body",
        f.body.is_some(),
        &[Credentials, Programmes, Rules, Careers],
    )?;
    applies("--prepares-for", f.prepares_for.is_some(), &[Programmes])?;
    applies("--delivery", f.delivery.is_some(), &[Programmes])?;
    applies("--max-cost", f.max_cost.is_some(), &[Programmes])?;
    if let Some(id) = &f.prepares_for
        && data.credential(id).is_none()
    {
        return Err(Error::Usage(format!(
            "--prepares-for {id}: no such credential"
        )));
    }
    let of_body = |ids: &[String]| {
        f.body.is_none_or(|b| {
            ids.iter()
                .any(|id| data.credential(id).is_some_and(|c| c.body == b))
        })
    };
    let mut notes = Vec::new();
    if let Some(b) = f.body {
        notes.push(format!("body {}", b.as_str()));
    }
    let (records, columns, rows): (Vec<Value>, &[&str], Vec<Vec<String>>) = match kind {
        Credentials => {
            let items: Vec<_> = data
                .credentials
                .credentials
                .iter()
                .filter(|c| f.body.is_none_or(|b| c.body == b))
                .collect();
            let rows = items
                .iter()
                .map(|c| {
                    vec![
                        c.id.clone(),
                        c.body.as_str().into(),
                        c.name.clone(),
                        join(&c.settings),
                        join(&c.code_sets),
                        or_unknown(c.exam.as_ref().map(exam_summary)),
                        or_unknown(c.exam.as_ref().filter(|e| !e.fees.is_empty()).map(fees)),
                        if c.membership_required {
                            "yes".into()
                        } else {
                            "no".into()
                        },
                    ]
                })
                .collect();
            (
                json(&items),
                &[
                    "ID",
                    "Body",
                    "Name",
                    "Settings",
                    "Code sets",
                    "Exam",
                    "Exam fees",
                    "Membership needed",
                ],
                rows,
            )
        }
        Programmes => {
            if let Some(id) = &f.prepares_for {
                notes.push(format!("prepares for {id}"));
            }
            if let Some(d) = f.delivery {
                notes.push(format!("delivery {}", delivery(d)));
            }
            if let Some(m) = f.max_cost {
                notes.push(format!(
                    "lowest known cost at most {} (unknown costs left out)",
                    usd(m)
                ));
            }
            let items: Vec<&Programme> = data
                .programmes
                .programmes
                .iter()
                .filter(|p| of_body(&p.prepares_for))
                .filter(|p| {
                    f.prepares_for
                        .as_ref()
                        .is_none_or(|id| p.prepares_for.contains(id))
                })
                .filter(|p| f.delivery.is_none_or(|d| p.delivery.contains(&d)))
                .filter(|p| {
                    f.max_cost
                        .is_none_or(|m| p.cost_usd.is_some_and(|c| c.min <= m))
                })
                .collect();
            let rows = items
                .iter()
                .map(|p| {
                    vec![
                        p.id.clone(),
                        p.name.clone(),
                        p.delivery
                            .iter()
                            .map(|d| delivery(*d))
                            .collect::<Vec<_>>()
                            .join(", ")
                            + if p.self_paced { " (self-paced)" } else { "" },
                        length(p),
                        or_unknown(p.cost_usd.map(|c| range(c.min, c.max, usd))),
                        join(&p.prepares_for),
                    ]
                })
                .collect();
            (
                json(&items),
                &["ID", "Name", "Delivery", "Length", "Cost", "Prepares for"],
                rows,
            )
        }
        Rules => {
            let items: Vec<_> = data
                .rules
                .rulebooks
                .iter()
                .filter(|r| f.body.is_none_or(|b| r.body == b))
                .collect();
            let rows = items
                .iter()
                .map(|r| {
                    let ceus = if r.ceus_by_count.is_empty() {
                        let per: Vec<String> = r
                            .per_credential
                            .iter()
                            .map(|(k, v)| format!("{k} {}", num(*v)))
                            .collect();
                        format!(
                            "{}; +{} per extra credential, max {}",
                            per.join(", "),
                            r.additional_credential.map_or("?".into(), num),
                            r.max_total.map_or("none".into(), num)
                        )
                    } else {
                        let counts: Vec<String> = r.ceus_by_count.iter().map(|v| num(*v)).collect();
                        format!("{} for 1–{}+ credentials", counts.join("/"), counts.len())
                    };
                    let mut extra = Vec::new();
                    if !r.discipline_minimums.is_empty() {
                        let d: Vec<String> = r
                            .discipline_minimums
                            .iter()
                            .map(|(k, v)| format!("{k} {}", num(*v)))
                            .collect();
                        extra.push(format!("discipline: {}", d.join(", ")));
                    }
                    if let Some(s) = r.specialty_minimum {
                        extra.push(format!("{} per specialty", num(s)));
                    }
                    if let Some(s) = r.domain_share_min {
                        extra.push(format!("{}% in domain", num(s * 100.0)));
                    }
                    if let Some(s) = r.sourced_share_min {
                        extra.push(format!("{}% {}-sourced", num(s * 100.0), r.body.as_str()));
                    }
                    if let Some(s) = &r.self_assessments {
                        extra.push(format!(
                            "{} self-assessments of {} CEUs",
                            s.per_cycle,
                            num(s.ceus_each)
                        ));
                    }
                    vec![
                        r.id.clone(),
                        r.body.as_str().into(),
                        r.effective_from.to_string(),
                        format!("{} months", r.cycle_months),
                        ceus,
                        extra.join("; "),
                        format!("{} days {}", r.grace.days, r.grace.state),
                        r.fees
                            .iter()
                            .map(|x| format!("{} {}", x.label, usd(x.usd)))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect();
            (
                json(&items),
                &[
                    "ID",
                    "Body",
                    "Cycles from",
                    "Cycle",
                    "CEUs",
                    "Sub-requirements",
                    "After due date",
                    "Fees",
                ],
                rows,
            )
        }
        Outlook => {
            let mut items: Vec<_> = data.outlook.outlook.iter().collect();
            items.sort_by(|a, b| a.soc.cmp(&b.soc).then(b.base_year.cmp(&a.base_year)));
            let rows = items
                .iter()
                .map(|o| {
                    vec![
                        o.soc.clone(),
                        o.title.clone(),
                        o.vintage.clone(),
                        or_unknown(o.percent_change.map(|p| format!("{}%", num(p)))),
                        or_unknown(o.base_employment.map(|e| thousands(e.into()))),
                        or_unknown(o.annual_openings.map(|e| thousands(e.into()))),
                        or_unknown(o.median_pay_usd.map(|p| match o.median_pay_year {
                            Some(y) => format!("{} ({y})", usd(p.into())),
                            None => usd(p.into()),
                        })),
                    ]
                })
                .collect();
            (
                json(&items),
                &[
                    "SOC",
                    "Occupation",
                    "Vintage",
                    "Change",
                    "Base jobs",
                    "Openings a year",
                    "Median pay",
                ],
                rows,
            )
        }
        Settings => {
            let items: Vec<_> = data.settings.settings.iter().collect();
            let rows = items
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        s.name.clone(),
                        join(&s.credentials),
                        join(&s.code_sets),
                        s.competencies.len().to_string(),
                    ]
                })
                .collect();
            (
                json(&items),
                &[
                    "ID",
                    "Setting",
                    "Credentials (best first)",
                    "Code sets",
                    "Competencies",
                ],
                rows,
            )
        }
        Careers => {
            let items: Vec<_> = data
                .careers
                .careers
                .iter()
                .filter(|c| f.body.is_none() || of_body(&c.credentials))
                .collect();
            let rows = items
                .iter()
                .map(|c| {
                    let p = &c.prerequisites;
                    let mut pre = Vec::new();
                    if !p.credentials_any.is_empty() {
                        pre.push(format!("one of {}", join(&p.credentials_any)));
                    }
                    if let Some(m) = p.experience_months {
                        pre.push(format!("{m} months' experience"));
                    }
                    if let Some(e) = p.education {
                        pre.push(education(e).to_string());
                    }
                    vec![
                        c.id.clone(),
                        c.name.clone(),
                        join(&c.credentials),
                        if pre.is_empty() {
                            "none stated".into()
                        } else {
                            pre.join("; ")
                        },
                    ]
                })
                .collect();
            (
                json(&items),
                &["ID", "Path", "Credentials", "Prerequisites"],
                rows,
            )
        }
    };
    let count = rows.len();
    let title = format!("{kind:?} ({count})");
    Ok(Listing {
        records,
        table: Table {
            title,
            note: if notes.is_empty() {
                "All records.".into()
            } else {
                format!("Filtered: {}.", notes.join("; "))
            },
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
        },
    })
}

fn exam_summary(e: &Exam) -> String {
    let mut parts = Vec::new();
    if let Some(q) = e.questions {
        parts.push(format!("{q} questions"));
    }
    if let Some(m) = e.minutes {
        parts.push(format!("{m} min"));
    }
    if let Some(p) = &e.passing {
        parts.push(format!("pass {p}"));
    }
    if parts.is_empty() {
        "not found".into()
    } else {
        parts.join(", ")
    }
}

fn fees(e: &Exam) -> String {
    e.fees
        .iter()
        .map(|f| {
            let kind = match f.kind {
                FeeKind::OneAttempt => "one attempt",
                FeeKind::TwoAttempts => "two attempts",
                FeeKind::Member => "member",
                FeeKind::NonMember => "non-member",
            };
            format!("{kind} {}", usd(f.usd))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn length(p: &Programme) -> String {
    let mut parts = Vec::new();
    if let Some(m) = p.months {
        parts.push(range(m.min, m.max, |v| format!("{} months", num(v))).replace(" months–", "–"));
    }
    if let Some(h) = p.contact_hours {
        parts.push(format!("{} hours", num(h)));
    }
    if parts.is_empty() {
        "not found".into()
    } else {
        parts.join(", ")
    }
}

/// Human words for a delivery mode.
pub fn delivery(d: Delivery) -> &'static str {
    match d {
        Delivery::Online => "online",
        Delivery::OnCampus => "on campus",
        Delivery::TestCentre => "test centre",
    }
}

/// Human words for an education level.
pub fn education(e: Education) -> &'static str {
    match e {
        Education::None => "none",
        Education::HighSchool => "high-school diploma or GED",
        Education::Certificate => "certificate",
        Education::Associate => "associate degree",
        Education::Bachelor => "bachelor's degree",
        Education::Master => "master's degree",
    }
}
