//! Cross-checks over the whole data set: unique ids, references that resolve, sources on
//! every fact, sane ranges and dates. Each problem is located in its file.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::model::{Body, ProgrammeKind, Range, Source as Cite};
use super::{DataSet, File};
use crate::error::Diagnostic;

/// Every problem in `data`; warnings (stale `as_of`) come last.
pub fn check(data: &DataSet, as_of: NaiveDate) -> Vec<Diagnostic> {
    let mut c = Checker {
        data,
        out: Vec::new(),
    };
    c.unique_ids();
    c.credentials();
    c.rules();
    c.programmes();
    c.settings();
    c.careers();
    c.sourced();
    c.assumptions();
    c.stale(as_of);
    c.out
}

struct Checker<'a> {
    data: &'a DataSet,
    out: Vec<Diagnostic>,
}

fn ids<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashSet<&'a str> {
    items.iter().map(id).collect()
}

impl<'a> Checker<'a> {
    fn err(&mut self, file: File, path: &str, message: String) -> &mut Diagnostic {
        let d = self.data.source(file).at(path, message);
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    /// Each of `refs` (at `path[i]`) must be one of `known`.
    fn refs(&mut self, file: File, path: &str, refs: &[String], known: &HashSet<&str>, what: &str) {
        let mut options: Vec<&str> = known.iter().copied().collect();
        options.sort_unstable();
        let src = self.data.source(file);
        for (i, r) in refs.iter().enumerate() {
            self.out
                .extend(src.unknown(&format!("{path}[{i}]"), r, &options, what));
        }
    }

    fn credential_ids(&self) -> HashSet<&'a str> {
        ids(&self.data.credentials.credentials, |c| &c.id)
    }

    fn unique_ids(&mut self) {
        let d = self.data;
        let lists: [(File, &str, Vec<&str>); 8] = [
            (
                File::Credentials,
                "credentials",
                d.credentials
                    .credentials
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect(),
            ),
            (
                File::Rules,
                "rulebooks",
                d.rules.rulebooks.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                File::Programmes,
                "programmes",
                d.programmes
                    .programmes
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect(),
            ),
            (
                File::Competencies,
                "competencies",
                d.competencies
                    .competencies
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect(),
            ),
            (
                File::Settings,
                "settings",
                d.settings.settings.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                File::Careers,
                "careers",
                d.careers.careers.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                File::Outlook,
                "outlook",
                d.outlook.outlook.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                File::CodeSets,
                "code_sets",
                d.code_sets
                    .code_sets
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect(),
            ),
        ];
        for (file, key, list) in lists {
            let mut seen = HashSet::new();
            for (i, id) in list.iter().enumerate() {
                if id.trim().is_empty() {
                    self.err(file, &format!("{key}[{i}].id"), "empty id".into());
                } else if !seen.insert(*id) {
                    self.err(
                        file,
                        &format!("{key}[{i}].id"),
                        format!("duplicate id `{id}`"),
                    )
                    .expected = Some("each id once per file".into());
                }
            }
        }
    }

    fn credentials(&mut self) {
        let d = self.data;
        let creds = self.credential_ids();
        let settings = ids(&d.settings.settings, |s| &s.id);
        let code_sets = ids(&d.code_sets.code_sets, |s| &s.id);
        let comps = ids(&d.competencies.competencies, |s| &s.id);
        for (i, c) in d.credentials.credentials.iter().enumerate() {
            let p = format!("credentials[{i}]");
            self.refs(
                File::Credentials,
                &format!("{p}.settings"),
                &c.settings,
                &settings,
                "setting",
            );
            self.refs(
                File::Credentials,
                &format!("{p}.code_sets"),
                &c.code_sets,
                &code_sets,
                "code set",
            );
            if let Some(exam) = &c.exam {
                for (j, f) in exam.fees.iter().enumerate() {
                    self.non_negative(File::Credentials, &format!("{p}.exam.fees[{j}].usd"), f.usd);
                }
            }
            if let Some(e) = &c.eligibility {
                for (group, routes) in [("required", &e.required), ("recommended", &e.recommended)]
                {
                    for (j, r) in routes.iter().enumerate() {
                        let rp = format!("{p}.eligibility.{group}[{j}]");
                        self.refs(
                            File::Credentials,
                            &format!("{rp}.credentials_any"),
                            &r.credentials_any,
                            &creds,
                            "credential",
                        );
                        self.refs(
                            File::Credentials,
                            &format!("{rp}.coursework"),
                            &r.coursework,
                            &comps,
                            "competency",
                        );
                    }
                }
            }
        }
    }

    fn rules(&mut self) {
        let d = self.data;
        let mut starts = HashSet::new();
        for (i, r) in d.rules.rulebooks.iter().enumerate() {
            let p = format!("rulebooks[{i}]");
            if !starts.insert((r.body, r.effective_from)) {
                self.err(
                    File::Rules,
                    &format!("{p}.effective_from"),
                    format!(
                        "a second {} rulebook starting {}",
                        r.body.as_str(),
                        r.effective_from
                    ),
                )
                .expected = Some("one rulebook per body and start date".into());
            }
            let body_creds: HashSet<&str> = d
                .credentials
                .credentials
                .iter()
                .filter(|c| c.body == r.body)
                .map(|c| c.id.as_str())
                .collect();
            let what = format!("{} credential", r.body.as_str());
            let keys =
                |m: &std::collections::BTreeMap<String, f64>| m.keys().cloned().collect::<Vec<_>>();
            self.refs(
                File::Rules,
                &format!("{p}.discipline_minimums"),
                &keys(&r.discipline_minimums),
                &body_creds,
                &what,
            );
            self.refs(
                File::Rules,
                &format!("{p}.per_credential"),
                &keys(&r.per_credential),
                &body_creds,
                &what,
            );
            for (j, pair) in r.supersedes.iter().enumerate() {
                self.refs(
                    File::Rules,
                    &format!("{p}.supersedes[{j}]"),
                    pair,
                    &body_creds,
                    &what,
                );
            }
            if let Some(s) = &r.self_assessments {
                self.refs(
                    File::Rules,
                    &format!("{p}.self_assessments.credentials"),
                    &s.credentials,
                    &body_creds,
                    &what,
                );
            }
            match r.body {
                Body::AAPC if r.ceus_by_count.is_empty() => {
                    self.err(
                        File::Rules,
                        &p,
                        "an AAPC rulebook needs ceus_by_count".into(),
                    );
                }
                Body::AHIMA if r.per_credential.is_empty() => {
                    self.err(
                        File::Rules,
                        &p,
                        "an AHIMA rulebook needs per_credential".into(),
                    );
                }
                _ => {}
            }
            if r.ceus_by_count.windows(2).any(|w| w[1] < w[0]) {
                self.err(
                    File::Rules,
                    &format!("{p}.ceus_by_count"),
                    "CEUs must not fall as credentials are added".into(),
                );
            }
            for (key, share) in [
                ("domain_share_min", r.domain_share_min),
                ("sourced_share_min", r.sourced_share_min),
            ] {
                if let Some(s) = share
                    && !(0.0..=1.0).contains(&s)
                {
                    self.err(
                        File::Rules,
                        &format!("{p}.{key}"),
                        format!("share {s} is outside 0..1"),
                    )
                    .expected = Some("a fraction such as 0.4 for 40%".into());
                }
            }
            if r.cycle_months == 0 {
                self.err(
                    File::Rules,
                    &format!("{p}.cycle_months"),
                    "a cycle of 0 months".into(),
                );
            }
            for (j, f) in r.fees.iter().enumerate() {
                self.non_negative(File::Rules, &format!("{p}.fees[{j}].usd"), f.usd);
            }
        }
    }

    fn programmes(&mut self) {
        let d = self.data;
        let creds = self.credential_ids();
        let comps = ids(&d.competencies.competencies, |s| &s.id);
        let types: HashSet<&str> = d
            .programmes
            .programmes
            .iter()
            .filter(|p| p.kind == ProgrammeKind::Type)
            .map(|p| p.id.as_str())
            .collect();
        for (i, pr) in d.programmes.programmes.iter().enumerate() {
            let p = format!("programmes[{i}]");
            self.refs(
                File::Programmes,
                &format!("{p}.prepares_for"),
                &pr.prepares_for,
                &creds,
                "credential",
            );
            self.refs(
                File::Programmes,
                &format!("{p}.competencies"),
                &pr.competencies,
                &comps,
                "competency",
            );
            match (pr.kind, &pr.type_id) {
                (ProgrammeKind::Example, None) => {
                    self.err(
                        File::Programmes,
                        &p,
                        "an example programme needs `type`".into(),
                    )
                    .expected = Some("the id of the programme type it belongs to".into());
                }
                (ProgrammeKind::Type, Some(_)) => {
                    self.err(
                        File::Programmes,
                        &format!("{p}.type"),
                        "a programme type cannot have a `type`".into(),
                    );
                }
                (ProgrammeKind::Example, Some(t)) => {
                    self.refs(
                        File::Programmes,
                        &format!("{p}.type"),
                        std::slice::from_ref(t),
                        &types,
                        "programme type",
                    );
                }
                _ => {}
            }
            for (key, range) in [
                ("months", pr.months),
                ("credits", pr.credits),
                ("cost_usd", pr.cost_usd),
            ] {
                if let Some(r) = range {
                    self.range(File::Programmes, &format!("{p}.{key}"), r);
                }
            }
            if let Some(h) = pr.contact_hours {
                self.non_negative(File::Programmes, &format!("{p}.contact_hours"), h);
            }
        }
    }

    fn settings(&mut self) {
        let d = self.data;
        let creds = self.credential_ids();
        let comps = ids(&d.competencies.competencies, |s| &s.id);
        let code_sets = ids(&d.code_sets.code_sets, |s| &s.id);
        for (i, s) in d.settings.settings.iter().enumerate() {
            let p = format!("settings[{i}]");
            self.refs(
                File::Settings,
                &format!("{p}.credentials"),
                &s.credentials,
                &creds,
                "credential",
            );
            self.refs(
                File::Settings,
                &format!("{p}.competencies"),
                &s.competencies,
                &comps,
                "competency",
            );
            self.refs(
                File::Settings,
                &format!("{p}.code_sets"),
                &s.code_sets,
                &code_sets,
                "code set",
            );
        }
        for (i, c) in d.code_sets.code_sets.iter().enumerate() {
            for (j, e) in c.effective.iter().enumerate() {
                if NaiveDate::from_ymd_opt(2024, e.month, e.day).is_none() {
                    self.err(
                        File::CodeSets,
                        &format!("code_sets[{i}].effective[{j}]"),
                        format!("month {} day {} is not a day of the year", e.month, e.day),
                    );
                }
            }
        }
    }

    fn careers(&mut self) {
        let d = self.data;
        let creds = self.credential_ids();
        for (i, o) in d.outlook.occupations.iter().enumerate() {
            self.refs(
                File::Outlook,
                &format!("occupations[{i}].credentials"),
                &o.credentials,
                &creds,
                "credential",
            );
        }
        for (i, c) in d.careers.careers.iter().enumerate() {
            let p = format!("careers[{i}]");
            self.refs(
                File::Careers,
                &format!("{p}.credentials"),
                &c.credentials,
                &creds,
                "credential",
            );
            self.refs(
                File::Careers,
                &format!("{p}.prerequisites.credentials_any"),
                &c.prerequisites.credentials_any,
                &creds,
                "credential",
            );
        }
    }

    /// Every fact-bearing record cites at least one well-formed source; a setting may
    /// instead explain in `note` why it has none.
    fn sourced(&mut self) {
        let d = self.data;
        let mut lists: Vec<(File, String, &[Cite], bool)> = Vec::new();
        for (i, c) in d.credentials.credentials.iter().enumerate() {
            lists.push((
                File::Credentials,
                format!("credentials[{i}]"),
                &c.sources,
                false,
            ));
            if let Some(e) = &c.exam {
                lists.push((
                    File::Credentials,
                    format!("credentials[{i}].exam"),
                    &e.sources,
                    false,
                ));
            }
            if let Some(e) = &c.eligibility {
                lists.push((
                    File::Credentials,
                    format!("credentials[{i}].eligibility"),
                    &e.sources,
                    false,
                ));
            }
            if let Some(a) = &c.apprentice {
                lists.push((
                    File::Credentials,
                    format!("credentials[{i}].apprentice"),
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
        }
        for (i, r) in d.competencies.competencies.iter().enumerate() {
            lists.push((
                File::Competencies,
                format!("competencies[{i}]"),
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
            if sources.is_empty() && !may_be_empty {
                self.err(
                    file,
                    &format!("{path}.sources"),
                    "no sources for this record".into(),
                )
                .expected = Some("at least one source with url, title, date and tag".into());
            }
            for (j, s) in sources.iter().enumerate() {
                let sp = format!("{path}.sources[{j}]");
                if let Some(u) = &s.url
                    && !(u.starts_with("https://") || u.starts_with("http://"))
                {
                    self.err(
                        file,
                        &format!("{sp}.url"),
                        format!("`{u}` is not a web address"),
                    )
                    .expected = Some("a URL starting with http:// or https://".into());
                }
                if s.title.trim().is_empty() {
                    self.err(file, &format!("{sp}.title"), "empty source title".into());
                }
            }
        }
    }

    fn assumptions(&mut self) {
        for (key, a) in self.data.assumptions.assumptions.all() {
            if !(a.value.is_finite() && a.value > 0.0 && a.value <= 1000.0) {
                self.err(
                    File::Assumptions,
                    &format!("assumptions.{key}.value"),
                    format!("`{}` is not a usable {key}", a.value),
                )
                .expected = Some("a positive number".into());
            }
        }
    }

    /// Warns about files whose `as_of` is more than two years before `as_of`.
    fn stale(&mut self, as_of: NaiveDate) {
        let stale = self.data.stale_files(as_of);
        for (file, date) in self.data.as_of_dates() {
            let (message, expected) = if stale.iter().any(|(f, _)| *f == file) {
                (
                    format!("reference data dated {date} is more than 2 years old on {as_of}"),
                    "figures checked within the last 2 years; fees and rules change often",
                )
            } else if date > as_of {
                (
                    format!("as_of {date} is after the --as-of date {as_of}"),
                    "an as_of on or before the date the plan is made for",
                )
            } else {
                continue;
            };
            let d = self.err(file, "as_of", message);
            d.severity = crate::error::Severity::Warning;
            d.expected = Some(expected.into());
        }
    }

    fn range(&mut self, file: File, path: &str, r: Range) {
        if !(r.min.is_finite() && r.max.is_finite()) || r.min < 0.0 {
            self.err(
                file,
                path,
                "range must hold finite, non-negative numbers".into(),
            );
        } else if r.min > r.max {
            self.err(
                file,
                &format!("{path}.min"),
                format!("min {} is greater than max {}", r.min, r.max),
            )
            .expected = Some("min <= max".into());
        }
    }

    fn non_negative(&mut self, file: File, path: &str, v: f64) {
        if !v.is_finite() || v < 0.0 {
            self.err(
                file,
                path,
                format!("`{v}` is not a finite, non-negative amount"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_is_clean_and_goes_stale() {
        let data = DataSet::load(None).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert!(check(&data, today).is_empty(), "{:?}", check(&data, today));
        let later = NaiveDate::from_ymd_opt(2029, 1, 1).unwrap();
        let stale = check(&data, later);
        assert_eq!(stale.len(), 9);
        assert!(
            stale
                .iter()
                .all(|d| d.severity == crate::error::Severity::Warning)
        );
    }
}
