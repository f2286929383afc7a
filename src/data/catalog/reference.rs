//! Building the reference records other than credentials and rulebooks: backgrounds,
//! settings, programmes (an example takes its type's length), careers, code sets and BLS
//! occupations.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::build::{Builder, Indexes, enumerate};
use super::*;
use crate::data::File;
use crate::data::model::{self, ProgrammeKind};
use crate::data::units::plain;

impl Builder<'_> {
    pub(super) fn background(
        &mut self,
        i: usize,
        b: &model::Background,
        ix: &Indexes,
    ) -> Background {
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

    pub(super) fn setting(&mut self, i: usize, s: &model::Setting, ix: &Indexes) -> Setting {
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

    pub(super) fn programme(&mut self, i: usize, pr: &model::Programme, ix: &Indexes) -> Programme {
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
        for (j, a) in pr.advanced_standing.iter().enumerate() {
            let at = format!("{p}.advanced_standing[{j}]");
            if let Some((lo, hi)) = pair(Some((a.months.min.get(), a.months.max.get()))) {
                self.err(
                    f,
                    &format!("{at}.months.min"),
                    format!("min {} is greater than max {}", plain(lo), plain(hi)),
                    "min <= max",
                );
            }
            if pr
                .accredited_degree
                .is_none_or(|d| a.accredited_degree >= d)
            {
                self.err(
                    f,
                    &format!("{at}.accredited_degree"),
                    "advanced standing for an award the programme does not lead beyond".into(),
                    "an accredited award below the one the programme gives",
                );
            }
        }
        if let Some(l) = &pr.location
            && !crate::data::states::is_code(&l.state)
        {
            let hint = crate::data::states::meant(&l.state)
                .map_or(String::new(), |c| format!("; did you mean {c}?"));
            self.err(
                f,
                &format!("{p}.location.state"),
                format!(
                    "`{}` is not the USPS code of a US state, DC or territory{hint}",
                    l.state
                ),
                "a two-letter USPS code in capitals, such as CA, DC or PR",
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
        let length_of_type = pr.months.is_none()
            && pr.contact_hours.is_none()
            && (months.is_some() || contact_hours.is_some());
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
            advanced_standing: match ty {
                Some(t) if length_of_type => t.advanced_standing.clone(),
                _ => pr.advanced_standing.clone(),
            },
            length_of_type,
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

    pub(super) fn career(&mut self, i: usize, c: &model::Career, ix: &Indexes) -> Career {
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

    pub(super) fn code_set(&mut self, i: usize, c: &model::CodeSet, ix: &Indexes) -> CodeSet {
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

    pub(super) fn occupations(&mut self, ix: &Indexes) -> Vec<Occupation> {
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
}

pub(super) fn competency(c: &model::Competency) -> Competency {
    Competency {
        id: c.id.clone(),
        name: c.name.clone(),
        kind: c.kind,
        note: c.note.clone(),
        sources: c.sources.clone(),
    }
}
