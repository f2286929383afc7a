//! One lister per kind of reference record.

use super::{Found, ListFilter, json};
use crate::data::Catalog;
use crate::data::catalog::{Competency, Credential, Setting};
use crate::data::model::{Delivery, Exam, Programme};
use crate::render::plan::tag;
use crate::render::words::{
    ceus, count, delivery, education, fee_kind, fee_per, hours, months, num, rule_fee, thousands,
    usd, usd_range,
};

fn join(items: &[String]) -> String {
    items.join(", ")
}

fn or_unknown(v: Option<String>) -> String {
    v.unwrap_or_else(|| "not found".into())
}

fn names<T: crate::data::Record>(cat: &Catalog, ids: &[crate::data::Ix<T>]) -> String {
    ids.iter()
        .map(|x| cat.get(*x).id().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn credentials(cat: &Catalog, f: &ListFilter) -> Found {
    let items: Vec<_> = cat
        .raw()
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
    Found {
        records: json(&items),
        columns: &[
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
        notes: Vec::new(),
    }
}

pub(super) fn programmes(cat: &Catalog, f: &ListFilter) -> Found {
    let mut notes = Vec::new();
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
    let of_body = |ids: &[String]| {
        f.body.is_none_or(|b| {
            ids.iter().any(|id| {
                cat.find::<Credential>(id)
                    .is_some_and(|x| cat.get(x).body == b)
            })
        })
    };
    let items: Vec<&Programme> = cat
        .raw()
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
                .is_none_or(|m| p.cost_usd.is_some_and(|c| c.min.get() <= m))
        })
        .collect();
    let rows = items
        .iter()
        .map(|p| {
            let mut how = how(&p.delivery, p.self_paced);
            if let Some(l) = &p.location {
                how.push_str(&format!(" ({}, {})", l.city, l.state));
            }
            vec![
                p.id.clone(),
                p.name.clone(),
                how,
                length(p),
                or_unknown(p.cost_usd.map(|c| usd_range(c.min.get(), c.max.get()))),
                join(&p.prepares_for),
            ]
        })
        .collect();
    Found {
        records: json(&items),
        columns: &["ID", "Name", "Delivery", "Length", "Cost", "Prepares for"],
        rows,
        notes,
    }
}

pub(super) fn rules(cat: &Catalog, f: &ListFilter) -> Found {
    let items: Vec<_> = cat
        .raw()
        .rules
        .rulebooks
        .iter()
        .filter(|r| f.body.is_none_or(|b| r.body == b))
        .collect();
    let rows = items
        .iter()
        .map(|r| {
            let required = match (&r.requirement.by_count, &r.requirement.per_credential) {
                (Some(v), _) => {
                    let counts: Vec<String> = v.iter().map(|c| num(c.get())).collect();
                    format!("{} for 1–{}+ credentials", counts.join("/"), counts.len())
                }
                (None, Some(pc)) => {
                    let per: Vec<String> = pc
                        .ceus
                        .iter()
                        .map(|(k, v)| format!("{k} {}", num(v.get())))
                        .collect();
                    format!(
                        "{}; +{} per further credential, at most {}",
                        per.join(", "),
                        num(pc.additional.get()),
                        pc.max_total.map_or("no cap".into(), |m| num(m.get()))
                    )
                }
                (None, None) => "not given".into(),
            };
            let mut extra = Vec::new();
            if !r.discipline_minimums.is_empty() {
                let d: Vec<String> = r
                    .discipline_minimums
                    .iter()
                    .map(|(k, v)| format!("{k} {}", num(v.get())))
                    .collect();
                extra.push(format!("discipline: {}", d.join(", ")));
            }
            if let Some(s) = r.specialty_minimum {
                extra.push(format!("{} per specialty", num(s.get())));
            }
            if let Some(s) = r.domain_share_min {
                extra.push(format!("{}% in the domains", num(s.get() * 100.0)));
            }
            if let Some(s) = r.sourced_share_min {
                extra.push(format!(
                    "{}% {}-sourced",
                    num(s.get() * 100.0),
                    r.body.as_str()
                ));
            }
            if let Some(s) = &r.self_assessments {
                extra.push(format!(
                    "{} of {}",
                    count(s.per_cycle, "self-assessment", "self-assessments"),
                    ceus(s.ceus_each.get())
                ));
            }
            vec![
                r.id.clone(),
                r.body.as_str().into(),
                r.effective_from.to_string(),
                count(r.cycle.months, "month", "months"),
                required,
                extra.join("; "),
                format!("{} {:?}", count(r.lapse.days, "day", "days"), r.lapse.state)
                    .to_lowercase(),
                r.fees
                    .iter()
                    .map(|x| {
                        let fee = rule_fee(r.body, x.kind, x.payer);
                        format!("{fee} {}{}", usd(x.usd.get()), fee_per(x.per))
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect();
    Found {
        records: json(&items),
        columns: &[
            "ID",
            "Body",
            "Cycles from",
            "Cycle",
            "CEUs",
            "Sub-requirements",
            "After the due date",
            "Fees",
        ],
        rows,
        notes: Vec::new(),
    }
}

pub(super) fn outlook(cat: &Catalog) -> Found {
    let mut items: Vec<_> = cat.raw().outlook.outlook.iter().collect();
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
                    Some(y) => format!("{} (May {y})", usd(p.into())),
                    None => usd(p.into()),
                })),
            ]
        })
        .collect();
    Found {
        records: json(&items),
        columns: &[
            "SOC",
            "Occupation",
            "Vintage",
            "Change",
            "Base jobs",
            "Openings a year",
            "Median pay",
        ],
        rows,
        notes: Vec::new(),
    }
}

pub(super) fn settings(cat: &Catalog) -> Found {
    let items: Vec<_> = cat.raw().settings.settings.iter().collect();
    let rows = cat
        .all::<Setting>()
        .map(|(_, s)| {
            let comps: Vec<String> = s
                .competencies
                .iter()
                .map(|c| cat.get(*c).name.clone())
                .collect();
            vec![
                s.id.clone(),
                s.name.clone(),
                names(cat, &s.credentials),
                names(cat, &s.code_sets),
                comps.join(", "),
            ]
        })
        .collect();
    Found {
        records: json(&items),
        columns: &[
            "ID",
            "Setting",
            "Credentials (best first)",
            "Code sets",
            "Competencies it needs",
        ],
        rows,
        notes: Vec::new(),
    }
}

pub(super) fn competencies(cat: &Catalog) -> Found {
    let items: Vec<_> = cat.raw().competencies.competencies.iter().collect();
    let rows = cat
        .all::<Competency>()
        .map(|(ix, c)| {
            let taught: Vec<String> = cat
                .all::<crate::data::catalog::Programme>()
                .filter(|(_, p)| p.competencies.contains(&ix))
                .map(|(_, p)| p.id.clone())
                .collect();
            vec![
                c.id.clone(),
                c.name.clone(),
                format!("{:?}", c.kind).to_lowercase(),
                if taught.is_empty() {
                    "none in the data".into()
                } else {
                    taught.join(", ")
                },
            ]
        })
        .collect();
    Found {
        records: json(&items),
        columns: &["ID", "Competency", "Kind", "Taught by"],
        rows,
        notes: Vec::new(),
    }
}

pub(super) fn backgrounds(cat: &Catalog) -> Found {
    let items: Vec<_> = cat.raw().backgrounds.backgrounds.iter().collect();
    let rows = items
        .iter()
        .map(|b| {
            vec![
                b.id.clone(),
                b.name.clone(),
                join(&b.credits),
                b.sources
                    .first()
                    .map_or(String::new(), |s| tag(s.tag).into()),
            ]
        })
        .collect();
    Found {
        records: json(&items),
        columns: &["ID", "Background", "Topics it covers", "Source"],
        rows,
        notes: Vec::new(),
    }
}

pub(super) fn careers(cat: &Catalog, f: &ListFilter) -> Found {
    let items: Vec<_> = cat
        .raw()
        .careers
        .careers
        .iter()
        .filter(|c| {
            f.body.is_none_or(|b| {
                c.credentials.iter().any(|id| {
                    cat.find::<Credential>(id)
                        .is_some_and(|x| cat.get(x).body == b)
                })
            })
        })
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
                pre.push(format!("{} experience", count(m, "month's", "months'")));
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
    Found {
        records: json(&items),
        columns: &["ID", "Path", "Credentials", "Prerequisites"],
        rows,
        notes: Vec::new(),
    }
}

pub(super) fn exam_summary(e: &Exam) -> String {
    let mut parts = Vec::new();
    if let Some(q) = e.questions {
        parts.push(count(q, "question", "questions"));
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

pub(super) fn fees(e: &Exam) -> String {
    e.fees
        .iter()
        .map(|f| format!("{} {}", fee_kind(f.kind), usd(f.usd.get())))
        .collect::<Vec<_>>()
        .join("; ")
}

/// How a programme is taught: "online, on campus (self-paced)".
pub(super) fn how(ways: &[Delivery], self_paced: bool) -> String {
    let mut how = ways
        .iter()
        .map(|d| delivery(*d))
        .collect::<Vec<_>>()
        .join(", ");
    if self_paced {
        how.push_str(" (self-paced)");
    }
    how
}

pub(super) fn length(p: &Programme) -> String {
    let mut parts = Vec::new();
    if let Some(m) = p.months {
        let (lo, hi) = (m.min.get(), m.max.get());
        parts.push(if (lo - hi).abs() < 1e-9 {
            months(lo)
        } else {
            format!("{}–{}", num(lo), months(hi))
        });
    }
    if let Some(h) = p.contact_hours {
        parts.push(hours(h.get()));
    }
    if parts.is_empty() {
        "not found".into()
    } else {
        parts.join(", ")
    }
}
