//! Test helpers: the embedded catalog, catalogs with fixture files, and people and logs from
//! YAML text.

use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::data::Catalog;
use crate::loader::Source;
use crate::person::log::Log;
use crate::person::profile::Person;

/// The embedded reference data, built once.
pub static EMBEDDED: LazyLock<Catalog> = LazyLock::new(Catalog::embedded);

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A catalog from the embedded data with `files` (name, text) replacing their twins.
pub fn catalog_with(files: &[(&str, &str)]) -> Catalog {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    match Catalog::load(Some(dir.path()), d("2026-11-27")) {
        Ok((c, _)) => c,
        Err(e) => panic!("fixture data does not build: {}", e.render(false)),
    }
}

/// A person from profile YAML, resolved against `catalog` on `as_of`.
pub fn person<'c>(catalog: &'c Catalog, yaml: &str, as_of: NaiveDate) -> Person<'c> {
    let src = Source::new("profile.yaml", yaml);
    Person::load(&src, catalog, as_of).unwrap_or_else(|ds| {
        panic!(
            "{}",
            ds.iter()
                .map(|d| d.render(false))
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// A CEU log from YAML.
pub fn log(catalog: &Catalog, yaml: &str) -> Log {
    let src = Source::new("log.ceus.yaml", yaml);
    Log::load(&src, catalog).unwrap_or_else(|ds| {
        panic!(
            "{}",
            ds.iter()
                .map(|d| d.render(false))
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}
