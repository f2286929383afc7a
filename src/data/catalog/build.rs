//! Building the catalog from the raw files: every id indexed, every reference resolved, and
//! every invariant the commands rely on checked, each problem located in its file. This is
//! what `data check` runs.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::data::File;
use crate::data::model;

/// The catalog, when `raw` has no error, and every problem found (errors, then warnings).
pub(super) fn build(raw: DataSet, as_of: NaiveDate) -> (Option<Catalog>, Vec<Diagnostic>) {
    let mut b = Builder {
        raw: &raw,
        out: Vec::new(),
    };
    let d = &raw;
    let ix = Indexes {
        credential: b.index(
            File::Credentials,
            "credentials",
            d.credentials.credentials.iter().map(|c| &c.id),
        ),
        competency: b.index(
            File::Competencies,
            "competencies",
            d.competencies.competencies.iter().map(|c| &c.id),
        ),
        background: b.index(
            File::Backgrounds,
            "backgrounds",
            d.backgrounds.backgrounds.iter().map(|c| &c.id),
        ),
        setting: b.index(
            File::Settings,
            "settings",
            d.settings.settings.iter().map(|c| &c.id),
        ),
        programme: b.index(
            File::Programmes,
            "programmes",
            d.programmes.programmes.iter().map(|c| &c.id),
        ),
        career: b.index(
            File::Careers,
            "careers",
            d.careers.careers.iter().map(|c| &c.id),
        ),
        code_set: b.index(
            File::CodeSets,
            "code_sets",
            d.code_sets.code_sets.iter().map(|c| &c.id),
        ),
        rulebook: b.index(
            File::Rules,
            "rulebooks",
            d.rules.rulebooks.iter().map(|c| &c.id),
        ),
        occupation: b.index(
            File::Outlook,
            "occupations",
            d.outlook.occupations.iter().map(|c| &c.soc),
        ),
    };
    b.index::<model::Outlook>(
        File::Outlook,
        "outlook",
        d.outlook.outlook.iter().map(|c| &c.id),
    );
    let credentials = enumerate(&d.credentials.credentials, |i, c| b.credential(i, c, &ix));
    let competencies = d
        .competencies
        .competencies
        .iter()
        .map(super::reference::competency)
        .collect();
    let backgrounds = enumerate(&d.backgrounds.backgrounds, |i, c| b.background(i, c, &ix));
    let settings = enumerate(&d.settings.settings, |i, c| b.setting(i, c, &ix));
    let programmes = enumerate(&d.programmes.programmes, |i, c| b.programme(i, c, &ix));
    let careers = enumerate(&d.careers.careers, |i, c| b.career(i, c, &ix));
    let code_sets = enumerate(&d.code_sets.code_sets, |i, c| b.code_set(i, c, &ix));
    let rulebooks = enumerate(&d.rules.rulebooks, |i, c| b.rulebook(i, c, &ix));
    let occupations = b.occupations(&ix);
    b.unique_rulebook_starts();
    b.assumptions();
    super::super::check::sources(&raw, &mut b.out);
    super::super::check::stale(&raw, as_of, &mut b.out);
    let mut out = b.out;
    out.sort_by_key(|d| d.severity == Severity::Warning);
    if out.iter().any(|d| d.severity == Severity::Error) {
        return (None, out);
    }
    let catalog = Catalog {
        raw,
        credentials,
        competencies,
        backgrounds,
        settings,
        programmes,
        careers,
        code_sets,
        rulebooks,
        occupations,
        credential_ix: ix.credential,
        competency_ix: ix.competency,
        background_ix: ix.background,
        setting_ix: ix.setting,
        programme_ix: ix.programme,
        career_ix: ix.career,
        code_set_ix: ix.code_set,
        rulebook_ix: ix.rulebook,
        occupation_ix: ix.occupation,
    };
    (Some(catalog), out)
}

pub(super) fn enumerate<R, T>(items: &[R], mut f: impl FnMut(usize, &R) -> T) -> Vec<T> {
    items.iter().enumerate().map(|(i, r)| f(i, r)).collect()
}

/// Id → handle, per record kind.
pub(super) struct Indexes {
    pub(super) credential: HashMap<String, Ix<Credential>>,
    pub(super) competency: HashMap<String, Ix<Competency>>,
    pub(super) background: HashMap<String, Ix<Background>>,
    pub(super) setting: HashMap<String, Ix<Setting>>,
    pub(super) programme: HashMap<String, Ix<Programme>>,
    pub(super) career: HashMap<String, Ix<Career>>,
    pub(super) code_set: HashMap<String, Ix<CodeSet>>,
    pub(super) rulebook: HashMap<String, Ix<Rulebook>>,
    pub(super) occupation: HashMap<String, Ix<Occupation>>,
}

pub(super) struct Builder<'a> {
    pub(super) raw: &'a DataSet,
    pub(super) out: Vec<Diagnostic>,
}

impl Builder<'_> {
    /// Study-hour defaults must allow a plan (at least one hour a week).
    fn assumptions(&mut self) {
        let a = &self.raw.assumptions.assumptions;
        for (key, v) in [
            ("hours_per_week", a.hours_per_week.value.get()),
            (
                "full_time_hours_per_week",
                a.full_time_hours_per_week.value.get(),
            ),
        ] {
            if v < crate::data::units::MIN_WEEKLY_HOURS {
                self.err(
                    File::Assumptions,
                    &format!("assumptions.{key}.value"),
                    format!(
                        "`{}` hours a week is too few to plan with",
                        crate::data::units::plain(v)
                    ),
                    "hours a week from 1 to 80",
                );
            }
        }
    }

    pub(super) fn err(&mut self, file: File, path: &str, message: String, expected: &str) {
        let d = self.raw.source(file).at(path, message);
        self.out.push(if expected.is_empty() {
            d
        } else {
            d.expected(expected)
        });
    }

    /// Handles for ids in file order; empty and repeated ids are reported.
    pub(super) fn index<'s, T>(
        &mut self,
        file: File,
        key: &str,
        ids: impl Iterator<Item = &'s String>,
    ) -> HashMap<String, Ix<T>> {
        let mut map = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{key}[{i}].id");
            if id.trim().is_empty() {
                self.err(file, &path, "empty id".into(), "a short identifier");
            } else if map.insert(id.clone(), Ix::new(i)).is_some() {
                self.err(
                    file,
                    &path,
                    format!("duplicate id `{id}`"),
                    "each id once per file",
                );
            }
        }
        map
    }

    /// Resolves `ids` (at `path[i]`) against `index`; unknown ones are reported and dropped.
    pub(super) fn refs<T>(
        &mut self,
        file: File,
        path: &str,
        ids: &[String],
        index: &HashMap<String, Ix<T>>,
        what: &str,
    ) -> Vec<Ix<T>> {
        let mut known: Vec<&str> = index.keys().map(String::as_str).collect();
        known.sort_unstable();
        let src = self.raw.source(file);
        let mut out = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            match index.get(id) {
                Some(x) => out.push(*x),
                None => self
                    .out
                    .extend(src.unknown(&format!("{path}[{i}]"), id, &known, what)),
            }
        }
        out
    }

    /// Resolves one id at `path`.
    pub(super) fn one<T>(
        &mut self,
        file: File,
        path: &str,
        id: &str,
        index: &HashMap<String, Ix<T>>,
        what: &str,
    ) -> Option<Ix<T>> {
        let found = index.get(id).copied();
        if found.is_none() {
            let mut known: Vec<&str> = index.keys().map(String::as_str).collect();
            known.sort_unstable();
            self.out
                .extend(self.raw.source(file).unknown(path, id, &known, what));
        }
        found
    }

    fn credential(&mut self, i: usize, c: &model::Credential, ix: &Indexes) -> Credential {
        let f = File::Credentials;
        let p = format!("credentials[{i}]");
        let settings = self.refs(
            f,
            &format!("{p}.settings"),
            &c.settings,
            &ix.setting,
            "setting",
        );
        let code_sets = self.refs(
            f,
            &format!("{p}.code_sets"),
            &c.code_sets,
            &ix.code_set,
            "code set",
        );
        let competencies = self.refs(
            f,
            &format!("{p}.competencies"),
            &c.competencies,
            &ix.competency,
            "competency",
        );
        let eligibility = c.eligibility.as_ref().map(|e| Eligibility {
            required: self.routes(&format!("{p}.eligibility.required"), &e.required, ix),
            recommended: self.routes(&format!("{p}.eligibility.recommended"), &e.recommended, ix),
            aim: e.aim,
            note: e.note.clone(),
            sources: e.sources.clone(),
        });
        if let Some(a) = &c.apprentice {
            if a.removal_routes.is_empty() {
                self.err(
                    f,
                    &format!("{p}.apprentice.removal_routes"),
                    format!("{} has an apprentice status but no way to remove it", c.id),
                    "at least one removal route",
                );
            }
            if a.removal_routes.iter().any(|r| {
                r.experience_months.get() == 0 && r.course_hours.is_none() && !r.practicode
            }) {
                self.err(
                    f,
                    &format!("{p}.apprentice.removal_routes"),
                    "a removal route that asks for nothing".into(),
                    "months of work, course hours or Practicode on every route",
                );
            }
        }
        Credential {
            id: c.id.clone(),
            body: c.body,
            name: c.name.clone(),
            kind: c.kind,
            settings,
            code_sets,
            competencies,
            exam: c.exam.clone(),
            membership_required: c.membership_required,
            eligibility,
            apprentice: c.apprentice.clone(),
            note: c.note.clone(),
            sources: c.sources.clone(),
        }
    }

    fn routes(&mut self, path: &str, routes: &[model::Route], ix: &Indexes) -> Vec<Route> {
        let f = File::Credentials;
        enumerate(routes, |j, r| {
            let rp = format!("{path}[{j}]");
            Route {
                education: r.education,
                experience_months: r.experience_months,
                experience: r.experience.unwrap_or(model::ExperienceKind::Coding),
                credentials_any: self.refs(
                    f,
                    &format!("{rp}.credentials_any"),
                    &r.credentials_any,
                    &ix.credential,
                    "credential",
                ),
                accredited_degree: r.accredited_degree,
                coursework: self.refs(
                    f,
                    &format!("{rp}.coursework"),
                    &r.coursework,
                    &ix.competency,
                    "competency",
                ),
                note: r.note.clone(),
            }
        })
    }
}
