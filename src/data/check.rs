//! The checks of `data check` beyond building the catalog: a source on every fact, and a
//! warning for reference data old enough that fees and rules may have changed.

use chrono::NaiveDate;

use super::model::Source as Cite;
use super::{DataSet, File};
use crate::error::{Diagnostic, Severity};

/// Months after which reference data is called stale.
pub const STALE_AFTER_MONTHS: u32 = 24;

/// Every fact-bearing record cites at least one well-formed source; a setting may instead
/// explain in `note` why it has none.
pub(super) fn sources(d: &DataSet, out: &mut Vec<Diagnostic>) {
    let mut lists: Vec<(File, String, &[Cite], bool)> = Vec::new();
    for (i, c) in d.credentials.credentials.iter().enumerate() {
        let p = format!("credentials[{i}]");
        lists.push((File::Credentials, p.clone(), &c.sources, false));
        if let Some(e) = &c.exam {
            lists.push((File::Credentials, format!("{p}.exam"), &e.sources, false));
        }
        if let Some(e) = &c.eligibility {
            lists.push((
                File::Credentials,
                format!("{p}.eligibility"),
                &e.sources,
                false,
            ));
        }
        if let Some(a) = &c.apprentice {
            lists.push((
                File::Credentials,
                format!("{p}.apprentice"),
                &a.sources,
                false,
            ));
        }
    }
    for (i, r) in d.rules.rulebooks.iter().enumerate() {
        lists.push((File::Rules, format!("rulebooks[{i}]"), &r.sources, false));
    }
    for (i, r) in d.programmes.programmes.iter().enumerate() {
        lists.push((
            File::Programmes,
            format!("programmes[{i}]"),
            &r.sources,
            false,
        ));
        for (j, a) in r.advanced_standing.iter().enumerate() {
            lists.push((
                File::Programmes,
                format!("programmes[{i}].advanced_standing[{j}]"),
                &a.sources,
                false,
            ));
        }
    }
    for (i, r) in d.competencies.competencies.iter().enumerate() {
        lists.push((
            File::Competencies,
            format!("competencies[{i}]"),
            &r.sources,
            false,
        ));
    }
    for (i, r) in d.backgrounds.backgrounds.iter().enumerate() {
        lists.push((
            File::Backgrounds,
            format!("backgrounds[{i}]"),
            &r.sources,
            false,
        ));
    }
    for (i, r) in d.settings.settings.iter().enumerate() {
        lists.push((
            File::Settings,
            format!("settings[{i}]"),
            &r.sources,
            r.note.is_some(),
        ));
    }
    for (i, r) in d.careers.careers.iter().enumerate() {
        lists.push((File::Careers, format!("careers[{i}]"), &r.sources, false));
    }
    for (i, r) in d.outlook.outlook.iter().enumerate() {
        lists.push((File::Outlook, format!("outlook[{i}]"), &r.sources, false));
    }
    for (i, r) in d.outlook.occupations.iter().enumerate() {
        lists.push((
            File::Outlook,
            format!("occupations[{i}]"),
            &r.sources,
            false,
        ));
    }
    for (i, r) in d.code_sets.code_sets.iter().enumerate() {
        lists.push((File::CodeSets, format!("code_sets[{i}]"), &r.sources, false));
    }
    for (file, path, sources, may_be_empty) in lists {
        let src = d.source(file);
        if sources.is_empty() && !may_be_empty {
            out.push(
                src.at(&format!("{path}.sources"), "no sources for this record")
                    .expected("at least one source with url, title, date and tag"),
            );
        }
        for (j, s) in sources.iter().enumerate() {
            let sp = format!("{path}.sources[{j}]");
            if let Some(u) = &s.url
                && !(u.starts_with("https://") || u.starts_with("http://"))
            {
                out.push(
                    src.at(&format!("{sp}.url"), format!("`{u}` is not a web address"))
                        .expected("a URL starting with http:// or https://"),
                );
            }
            if s.title.trim().is_empty() {
                out.push(src.at(&format!("{sp}.title"), "empty source title"));
            }
        }
    }
}

/// Warns about files whose `as_of` is stale on `as_of`, or later than it.
pub(super) fn stale(d: &DataSet, as_of: NaiveDate, out: &mut Vec<Diagnostic>) {
    let (stale, newer) = (d.stale_files(as_of), d.newer_files(as_of));
    for (file, date) in d.as_of_dates() {
        let (message, expected) = if stale.iter().any(|(f, _)| *f == file) {
            (
                format!("reference data dated {date} is more than 2 years old on {as_of}"),
                "figures checked within the last 2 years; fees and rules change often",
            )
        } else if newer.iter().any(|(f, _)| *f == file) {
            (
                format!("as_of {date} is after the --as-of date {as_of}"),
                "an as_of on or before the date the plan is made for",
            )
        } else {
            continue;
        };
        let mut diag = d.source(file).at("as_of", message).expected(expected);
        diag.severity = Severity::Warning;
        out.push(diag);
    }
}
