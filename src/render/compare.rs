//! `plan --compare`: two or three plans for one person side by side.

use serde::Serialize;

use super::plan::PlanView;
use super::table::Table;
use super::words::{and_list, in_sentence, usd};
use crate::cli::{DeliveryArg, PlanChanges};
use crate::data::Catalog;
use crate::data::catalog::{Credential, Setting};

/// Scenarios in columns, the plans' headline facts in rows.
#[derive(Debug, Clone, Serialize)]
pub struct CompareView {
    pub title: String,
    pub person: String,
    pub as_of: String,
    /// One heading per scenario, the profile's own first.
    pub scenarios: Vec<String>,
    pub rows: Vec<CompareRow>,
}

/// One fact across the scenarios (blank where a scenario's plan has no such line).
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub label: String,
    pub values: Vec<String>,
}

impl CompareView {
    /// Lines up `plans`, each with the changes that made it.
    pub fn new(plans: &[(&PlanChanges, PlanView)], catalog: &Catalog) -> CompareView {
        let mut labels: Vec<String> = Vec::new();
        for (_, v) in plans {
            for p in &v.summary {
                if !labels.contains(&p.label) {
                    labels.push(p.label.clone());
                }
            }
        }
        let mut rows: Vec<CompareRow> = labels
            .into_iter()
            .map(|label| CompareRow {
                values: plans
                    .iter()
                    .map(|(_, v)| {
                        v.summary
                            .iter()
                            .find(|p| p.label == label)
                            .map_or(String::new(), |p| p.value.clone())
                    })
                    .collect(),
                label,
            })
            .collect();
        rows.push(CompareRow {
            label: "Next step".into(),
            values: plans
                .iter()
                .map(|(_, v)| {
                    v.milestones
                        .first()
                        .map_or(String::new(), |m| m.title.clone())
                })
                .collect(),
        });
        rows.push(CompareRow {
            label: "Warnings".into(),
            values: plans
                .iter()
                .map(|(_, v)| {
                    // "Misses the target date and may be over budget".
                    let labels: Vec<String> = v
                        .warnings
                        .iter()
                        .enumerate()
                        .map(|(i, w)| match i {
                            0 => w.label.clone(),
                            _ => in_sentence(&w.label),
                        })
                        .collect();
                    if labels.is_empty() {
                        "none".into()
                    } else {
                        and_list(&labels)
                    }
                })
                .collect(),
        });
        let person = plans
            .first()
            .map_or(String::new(), |(_, v)| v.person.clone());
        CompareView {
            title: format!("Scenarios for {person}"),
            as_of: plans
                .first()
                .map_or(String::new(), |(_, v)| v.as_of.clone()),
            person,
            scenarios: plans
                .iter()
                .enumerate()
                .map(|(i, (c, _))| heading(i, &describe(c, catalog)))
                .collect(),
            rows,
        }
    }

    /// The comparison as one table: facts down, scenarios across.
    pub fn table(&self) -> Table {
        let mut columns = vec![""];
        columns.extend(self.scenarios.iter().map(String::as_str));
        let rows = self
            .rows
            .iter()
            .map(|r| {
                std::iter::once(r.label.clone())
                    .chain(r.values.iter().cloned())
                    .collect()
            })
            .collect();
        let mut t = Table::new(
            format!("{} (as of {})", self.title, self.as_of),
            &columns,
            rows,
        );
        t.note = "Each column is a separate plan; the profile file is unchanged.".into();
        t
    }
}

/// A scenario's heading: the profile's own plan, or the changes in words.
fn heading(index: usize, changes: &[String]) -> String {
    match (index, changes.is_empty()) {
        (0, true) => "As in the profile".into(),
        (0, false) => format!("Profile with {}", and_list(changes)),
        (_, true) => "Same as the profile".into(),
        (_, false) => format!("With {}", and_list(changes)),
    }
}

/// Each change in words, settings and credentials by name.
pub fn describe(c: &PlanChanges, catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(h) = c.hours {
        out.push(format!("{} a week", super::words::hours(h)));
    }
    if let Some(b) = c.budget {
        out.push(format!("a budget of {}", usd(b)));
    }
    match c.delivery.as_slice() {
        [] => {}
        [DeliveryArg::Online] => out.push("online study".into()),
        [DeliveryArg::OnCampus] => out.push("on-campus study".into()),
        _ => out.push("online or on-campus study".into()),
    }
    if let Some(s) = &c.setting {
        let name = catalog
            .find::<Setting>(s)
            .map_or(s.clone(), |x| in_sentence(&catalog.get(x).name));
        out.push(format!("work in {name}"));
    }
    if let Some(t) = &c.target {
        let name = catalog
            .find::<Credential>(t)
            .map_or(t.clone(), |x| catalog.get(x).id.clone());
        out.push(format!("{name} as the target"));
    }
    if let Some(d) = c.by {
        out.push(format!("ready by {d}"));
    }
    out
}
