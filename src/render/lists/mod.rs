//! `data list`: reference records filtered the way a counsellor asks, as full records (JSON)
//! and as a table, one function per kind of record.

mod kinds;
pub mod show;

use serde::Serialize;
use serde_json::Value;

use super::table::Table;
use crate::data::Catalog;
use crate::data::model::{Body, Delivery};
use crate::error::Error;

/// Which records to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListKind {
    Credentials,
    Programmes,
    Rules,
    Outlook,
    Settings,
    Competencies,
    Backgrounds,
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

/// What one kind's lister returns: records, column names, rows, and filter notes.
struct Found {
    records: Vec<Value>,
    columns: &'static [&'static str],
    rows: Vec<Vec<String>>,
    notes: Vec<String>,
}

fn json<T: Serialize>(items: &[&T]) -> Vec<Value> {
    items
        .iter()
        .filter_map(|i| serde_json::to_value(i).ok())
        .collect()
}

/// Lists `kind` from the catalog, filtered; a filter that does not apply to `kind` is a
/// usage error.
pub fn list(cat: &Catalog, kind: ListKind, f: &ListFilter) -> Result<Listing, Error> {
    use ListKind::*;
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
    applies(
        "--body",
        f.body.is_some(),
        &[Credentials, Programmes, Rules, Careers],
    )?;
    applies("--prepares-for", f.prepares_for.is_some(), &[Programmes])?;
    applies("--delivery", f.delivery.is_some(), &[Programmes])?;
    applies("--max-cost", f.max_cost.is_some(), &[Programmes])?;
    if let Some(id) = &f.prepares_for
        && cat.find::<crate::data::catalog::Credential>(id).is_none()
    {
        let ids = cat.ids::<crate::data::catalog::Credential>();
        let hint = crate::loader::closest(id, &ids)
            .map_or(String::new(), |b| format!("; did you mean {b}?"));
        return Err(Error::Usage(format!(
            "--prepares-for {id}: no such credential{hint}"
        )));
    }
    let mut found = match kind {
        Credentials => kinds::credentials(cat, f),
        Programmes => kinds::programmes(cat, f),
        Rules => kinds::rules(cat, f),
        Outlook => kinds::outlook(cat),
        Settings => kinds::settings(cat),
        Competencies => kinds::competencies(cat),
        Backgrounds => kinds::backgrounds(cat),
        Careers => kinds::careers(cat, f),
    };
    if let Some(b) = f.body {
        found.notes.insert(0, format!("body {}", b.as_str()));
    }
    let count = found.rows.len();
    Ok(Listing {
        records: found.records,
        table: Table {
            title: format!("{kind:?} ({count})"),
            note: if found.notes.is_empty() {
                "All records.".into()
            } else {
                format!("Filtered: {}.", found.notes.join("; "))
            },
            columns: found.columns.iter().map(|c| c.to_string()).collect(),
            rows: found.rows,
        },
    })
}
