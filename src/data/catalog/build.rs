//! Building the catalog from the raw files: every id indexed, every reference resolved, and
//! every invariant the commands rely on checked, each problem located in its file. This is
//! what `data check` runs.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::*;
use crate::data::File;
use crate::data::model::{self, AddedCredential, Anchor, FeePer, ProgrammeKind, RuleFeeKind};
use crate::data::units::plain;

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
    let competencies = d.competencies.competencies.iter().map(competency).collect();
    let backgrounds = enumerate(&d.backgrounds.backgrounds, |i, c| b.background(i, c, &ix));
    let settings = enumerate(&d.settings.settings, |i, c| b.setting(i, c, &ix));
    let programmes = enumerate(&d.programmes.programmes, |i, c| b.programme(i, c, &ix));
    let careers = enumerate(&d.careers.careers, |i, c| b.career(i, c, &ix));
    let code_sets = enumerate(&d.code_sets.code_sets, |i, c| b.code_set(i, c, &ix));
    let rulebooks = enumerate(&d.rules.rulebooks, |i, c| b.rulebook(i, c, &ix));
    let occupations = b.occupations(&ix);
    b.unique_rulebook_starts();
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

fn enumerate<R, T>(items: &[R], mut f: impl FnMut(usize, &R) -> T) -> Vec<T> {
    items.iter().enumerate().map(|(i, r)| f(i, r)).collect()
}

/// Id → handle, per record kind.
struct Indexes {
    credential: HashMap<String, Ix<Credential>>,
    competency: HashMap<String, Ix<Competency>>,
    background: HashMap<String, Ix<Background>>,
    setting: HashMap<String, Ix<Setting>>,
    programme: HashMap<String, Ix<Programme>>,
    career: HashMap<String, Ix<Career>>,
    code_set: HashMap<String, Ix<CodeSet>>,
    rulebook: HashMap<String, Ix<Rulebook>>,
    occupation: HashMap<String, Ix<Occupation>>,
}

struct Builder<'a> {
    raw: &'a DataSet,
    out: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn err(&mut self, file: File, path: &str, message: String, expected: &str) {
        let d = self.raw.source(file).at(path, message);
        self.out.push(if expected.is_empty() {
            d
        } else {
            d.expected(expected)
        });
    }

    /// Handles for ids in file order; empty and repeated ids are reported.
    fn index<'s, T>(
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
    fn refs<T>(
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
    fn one<T>(
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

    fn background(&mut self, i: usize, b: &model::Background, ix: &Indexes) -> Background {
        Background {
            id: b.id.clone(),
            name: b.name.clone(),
            credits: self.refs(
                File::Backgrounds,
                &format!("backgrounds[{i}].credits"),
                &b.credits,
                &ix.competency,
                "competency",
            ),
            note: b.note.clone(),
            sources: b.sources.clone(),
        }
    }

    fn setting(&mut self, i: usize, s: &model::Setting, ix: &Indexes) -> Setting {
        let f = File::Settings;
        let p = format!("settings[{i}]");
        if s.credentials.is_empty() {
            self.err(
                f,
                &format!("{p}.credentials"),
                format!("the setting `{}` lists no credential", s.id),
                "the credentials that fit it, best first",
            );
        }
        Setting {
            id: s.id.clone(),
            name: s.name.clone(),
            code_sets: self.refs(
                f,
                &format!("{p}.code_sets"),
                &s.code_sets,
                &ix.code_set,
                "code set",
            ),
            credentials: self.refs(
                f,
                &format!("{p}.credentials"),
                &s.credentials,
                &ix.credential,
                "credential",
            ),
            competencies: self.refs(
                f,
                &format!("{p}.competencies"),
                &s.competencies,
                &ix.competency,
                "competency",
            ),
            share_note: s.share_note.clone(),
            note: s.note.clone(),
            sources: s.sources.clone(),
        }
    }

    fn programme(&mut self, i: usize, pr: &model::Programme, ix: &Indexes) -> Programme {
        let f = File::Programmes;
        let p = format!("programmes[{i}]");
        let type_of = match (pr.kind, &pr.type_id) {
            (ProgrammeKind::Example, None) => {
                self.err(
                    f,
                    &p,
                    "an example programme needs `type`".into(),
                    "the id of the programme type it belongs to",
                );
                None
            }
            (ProgrammeKind::Type, Some(_)) => {
                self.err(
                    f,
                    &format!("{p}.type"),
                    "a programme type cannot have a `type`".into(),
                    "",
                );
                None
            }
            (ProgrammeKind::Example, Some(t)) => {
                let found = self.one(f, &format!("{p}.type"), t, &ix.programme, "programme type");
                let is_type = found.is_some_and(|x| {
                    self.raw.programmes.programmes[x.index()].kind == ProgrammeKind::Type
                });
                if found.is_some() && !is_type {
                    self.err(
                        f,
                        &format!("{p}.type"),
                        format!("`{t}` is an example, not a type"),
                        "the id of a programme type",
                    );
                }
                found
            }
            (ProgrammeKind::Type, None) => None,
        };
        let pair = |r: Option<(f64, f64)>| r.filter(|(lo, hi)| lo > hi);
        for (key, bad) in [
            (
                "months",
                pair(pr.months.map(|r| (r.min.get(), r.max.get()))),
            ),
            (
                "credits",
                pair(pr.credits.map(|r| (r.min.get(), r.max.get()))),
            ),
            (
                "cost_usd",
                pair(pr.cost_usd.map(|r| (r.min.get(), r.max.get()))),
            ),
            (
                "out_of_state_cost_usd",
                pair(pr.out_of_state_cost_usd.map(|r| (r.min.get(), r.max.get()))),
            ),
        ] {
            if let Some((lo, hi)) = bad {
                self.err(
                    f,
                    &format!("{p}.{key}.min"),
                    format!("min {} is greater than max {}", plain(lo), plain(hi)),
                    "min <= max",
                );
            }
        }
        if let Some(l) = &pr.location
            && !(l.state.len() == 2 && l.state.chars().all(|c| c.is_ascii_uppercase()))
        {
            self.err(
                f,
                &format!("{p}.location.state"),
                format!("`{}` is not a state code", l.state),
                "a two-letter USPS code such as CA",
            );
        }
        if pr.prepares_for.is_empty() && pr.grants.is_none() && pr.accredited_degree.is_none() {
            self.err(
                f,
                &format!("{p}.prepares_for"),
                "the programme leads to nothing".into(),
                "the credentials it prepares for, or the award it grants",
            );
        }
        // An example takes its type's length where it gives none of its own (its cost is its
        // provider's own, so it is never borrowed).
        let ty = type_of.map(|t| &self.raw.programmes.programmes[t.index()]);
        let months = pr.months.or(ty.and_then(|t| t.months));
        let contact_hours = pr.contact_hours.or(ty.and_then(|t| t.contact_hours));
        Programme {
            id: pr.id.clone(),
            kind: pr.kind,
            type_of,
            name: pr.name.clone(),
            provider: pr.provider.clone(),
            location: pr.location.clone(),
            delivery: pr.delivery.clone(),
            self_paced: pr.self_paced,
            months,
            contact_hours,
            cost_usd: pr.cost_usd,
            out_of_state_cost_usd: pr.out_of_state_cost_usd,
            accreditation: pr.accreditation.clone(),
            accredited_degree: pr.accredited_degree,
            grants: pr.grants,
            prepares_for: self.refs(
                f,
                &format!("{p}.prepares_for"),
                &pr.prepares_for,
                &ix.credential,
                "credential",
            ),
            competencies: self.refs(
                f,
                &format!("{p}.competencies"),
                &pr.competencies,
                &ix.competency,
                "competency",
            ),
            apprentice_course_hours: pr.apprentice_course_hours,
            practicode: pr.practicode,
            prerequisites: pr.prerequisites.clone(),
            note: pr.note.clone(),
            sources: pr.sources.clone(),
        }
    }

    fn career(&mut self, i: usize, c: &model::Career, ix: &Indexes) -> Career {
        let f = File::Careers;
        let p = format!("careers[{i}]");
        let pre = &c.prerequisites;
        Career {
            id: c.id.clone(),
            name: c.name.clone(),
            credentials: self.refs(
                f,
                &format!("{p}.credentials"),
                &c.credentials,
                &ix.credential,
                "credential",
            ),
            credentials_any: self.refs(
                f,
                &format!("{p}.prerequisites.credentials_any"),
                &pre.credentials_any,
                &ix.credential,
                "credential",
            ),
            experience_months: pre.experience_months,
            education: pre.education,
            suits_backgrounds: self.refs(
                f,
                &format!("{p}.suits_backgrounds"),
                &c.suits_backgrounds,
                &ix.background,
                "background",
            ),
            note: c.note.clone(),
            sources: c.sources.clone(),
        }
    }

    fn code_set(&mut self, i: usize, c: &model::CodeSet, ix: &Indexes) -> CodeSet {
        let f = File::CodeSets;
        let p = format!("code_sets[{i}]");
        for (j, e) in c.effective.iter().enumerate() {
            if NaiveDate::from_ymd_opt(2024, e.month, e.day).is_none() {
                self.err(
                    f,
                    &format!("{p}.effective[{j}]"),
                    format!("month {} day {} is not a day of the year", e.month, e.day),
                    "a month 1-12 and a day that month has",
                );
            }
        }
        let part_of = c
            .part_of
            .as_ref()
            .and_then(|id| self.one(f, &format!("{p}.part_of"), id, &ix.code_set, "code set"));
        CodeSet {
            id: c.id.clone(),
            name: c.name.clone(),
            maintainer: c.maintainer.clone(),
            part_of,
            effective: c.effective.clone(),
            sources: c.sources.clone(),
        }
    }

    fn occupations(&mut self, ix: &Indexes) -> Vec<Occupation> {
        let f = File::Outlook;
        let o = &self.raw.outlook;
        let known: HashSet<&str> = o
            .occupations
            .iter()
            .flat_map(|x| std::iter::once(&x.soc).chain(&x.related))
            .map(String::as_str)
            .collect();
        for (i, row) in o.outlook.iter().enumerate() {
            if !known.contains(row.soc.as_str()) {
                self.err(
                    f,
                    &format!("outlook[{i}].soc"),
                    format!("SOC {} belongs to no occupation", row.soc),
                    "an occupation's soc or one of its related codes",
                );
            }
        }
        let rows = |socs: &[&String]| {
            let mut rows: Vec<model::Outlook> = o
                .outlook
                .iter()
                .filter(|r| socs.contains(&&r.soc))
                .cloned()
                .collect();
            rows.sort_by_key(|r| std::cmp::Reverse(r.base_year));
            rows
        };
        enumerate(&o.occupations, |i, occ| Occupation {
            id: occ.soc.clone(),
            title: occ.title.clone(),
            credentials: self.refs(
                f,
                &format!("occupations[{i}].credentials"),
                &occ.credentials,
                &ix.credential,
                "credential",
            ),
            own: rows(&[&occ.soc]),
            related: rows(&occ.related.iter().collect::<Vec<_>>()),
            sources: occ.sources.clone(),
        })
    }

    fn rulebook(&mut self, i: usize, r: &model::Rulebook, ix: &Indexes) -> Rulebook {
        let f = File::Rules;
        let p = format!("rulebooks[{i}]");
        let body_creds: HashMap<String, Ix<Credential>> = ix
            .credential
            .iter()
            .filter(|(_, x)| self.raw.credentials.credentials[x.index()].body == r.body)
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        let what = format!("{} credential", r.body.as_str());
        if r.cycle.months.get() == 0 {
            self.err(
                f,
                &format!("{p}.cycle.months"),
                "a cycle of 0 months".into(),
                "the cycle length in months, such as 24",
            );
        }
        match (r.cycle.anchor, r.cycle.odd_years_for) {
            (Anchor::MembershipRenewal, None) => self.err(
                f,
                &format!("{p}.cycle"),
                "a membership-renewal anchor needs `odd_years_for`".into(),
                "odd_years_for: odd_months (or even_months)",
            ),
            (Anchor::CertificationDate, Some(_)) => self.err(
                f,
                &format!("{p}.cycle.odd_years_for"),
                "`odd_years_for` applies only to membership-renewal anchors".into(),
                "",
            ),
            _ => {}
        }
        let rp = format!("{p}.requirement");
        let requirement = match (&r.requirement.by_count, &r.requirement.per_credential) {
            (Some(v), None) => {
                if v.is_empty() {
                    self.err(
                        f,
                        &format!("{rp}.by_count"),
                        "no CEU figure".into(),
                        "CEUs for 1, 2, … credentials, such as [36, 40]",
                    );
                } else if v.windows(2).any(|w| w[1] < w[0]) {
                    self.err(
                        f,
                        &format!("{rp}.by_count"),
                        "CEUs must not fall as credentials are added".into(),
                        "figures that rise or stay level",
                    );
                }
                Requirement::ByCount(v.clone())
            }
            (None, Some(pc)) => {
                let rp = format!("{rp}.per_credential");
                if pc.ceus.is_empty() {
                    self.err(
                        f,
                        &format!("{rp}.ceus"),
                        "no credential has a CEU figure".into(),
                        "CEUs per credential, such as { CCS: 20 }",
                    );
                }
                let resolved = pc
                    .ceus
                    .iter()
                    .filter_map(|(k, v)| {
                        self.one(f, &format!("{rp}.ceus.{k}"), k, &body_creds, &what)
                            .map(|x| (x, *v))
                    })
                    .collect();
                let pairs = enumerate(&pc.supersedes, |j, pair| {
                    let held = self.refs(
                        f,
                        &format!("{rp}.supersedes[{j}]"),
                        pair,
                        &body_creds,
                        &what,
                    );
                    (held.len() == 2).then(|| (held[0], held[1]))
                });
                Requirement::PerCredential {
                    ceus: resolved,
                    additional: pc.additional,
                    max_total: pc.max_total,
                    supersedes: pairs.into_iter().flatten().collect(),
                }
            }
            _ => {
                self.err(
                    f,
                    &rp,
                    "give exactly one of `by_count` and `per_credential`".into(),
                    "by_count: [...] (AAPC style) or per_credential: {...} (AHIMA style)",
                );
                Requirement::ByCount(Vec::new())
            }
        };
        if r.cycle.added_credential == AddedCredential::Prorated && r.cycle.added_prorate.is_none()
        {
            self.err(
                f,
                &format!("{p}.cycle"),
                "`added_credential: prorated` needs `added_prorate`".into(),
                "added_prorate: { rounding: up }",
            );
        }
        let discipline_minimums = r
            .discipline_minimums
            .iter()
            .filter_map(|(k, v)| {
                self.one(
                    f,
                    &format!("{p}.discipline_minimums.{k}"),
                    k,
                    &body_creds,
                    &what,
                )
                .map(|x| (x, *v))
            })
            .collect();
        let self_assessments = r.self_assessments.as_ref().map(|s| SelfAssessments {
            ceus_each: s.ceus_each,
            per_cycle: s.per_cycle,
            credentials: self.refs(
                f,
                &format!("{p}.self_assessments.credentials"),
                &s.credentials,
                &body_creds,
                &what,
            ),
        });
        self.fees(&p, r);
        Rulebook {
            id: r.id.clone(),
            body: r.body,
            effective_from: r.effective_from,
            note: r.note.clone(),
            cycle: r.cycle.clone(),
            requirement,
            discipline_minimums,
            specialty_minimum: r.specialty_minimum,
            specialty_counts_toward_core: r.specialty_counts_toward_core,
            approved_only: r.approved_only,
            before_certification: r.before_certification,
            domain_share_min: r.domain_share_min.map(|s| s.get()),
            sourced_share_min: r.sourced_share_min.map(|s| s.get()),
            self_assessments,
            lapse: r.lapse.clone(),
            fees: r.fees.clone(),
            sources: r.sources.clone(),
        }
    }

    /// Fee entries must carry what their kind needs, and a kind/payer/per appears once.
    fn fees(&mut self, p: &str, r: &model::Rulebook) {
        let f = File::Rules;
        let mut seen = HashSet::new();
        for (j, fee) in r.fees.iter().enumerate() {
            let fp = format!("{p}.fees[{j}]");
            if !seen.insert((fee.kind, fee.payer, fee.per)) {
                self.err(
                    f,
                    &fp,
                    "a second fee of the same kind, payer and basis".into(),
                    "each fee once per rulebook",
                );
            }
            match fee.kind {
                RuleFeeKind::MembershipRenewal if fee.every_months.is_none_or(|m| m.get() == 0) => {
                    self.err(
                        f,
                        &fp,
                        "a membership renewal needs `every_months`".into(),
                        "every_months: 12",
                    )
                }
                RuleFeeKind::Late if fee.after_days.is_none() => self.err(
                    f,
                    &fp,
                    "a late fee needs `after_days`".into(),
                    "the days after the due date from which it is charged",
                ),
                RuleFeeKind::Recertification | RuleFeeKind::Extension => {}
                _ if fee.per != FeePer::Once => self.err(
                    f,
                    &format!("{fp}.per"),
                    "only recertification and extension fees are counted per credential".into(),
                    "per: once",
                ),
                _ => {}
            }
        }
    }

    fn unique_rulebook_starts(&mut self) {
        let mut starts = HashSet::new();
        for (i, r) in self.raw.rules.rulebooks.iter().enumerate() {
            if !starts.insert((r.body, r.effective_from)) {
                self.err(
                    File::Rules,
                    &format!("rulebooks[{i}].effective_from"),
                    format!(
                        "a second {} rulebook starting {}",
                        r.body.as_str(),
                        r.effective_from
                    ),
                    "one rulebook per body and start date",
                );
            }
        }
    }
}

fn competency(c: &model::Competency) -> Competency {
    Competency {
        id: c.id.clone(),
        name: c.name.clone(),
        kind: c.kind,
        note: c.note.clone(),
        sources: c.sources.clone(),
    }
}
