//! Job readiness: the competencies a work setting needs against those a person has — from
//! completed courses, credentials held (what their exams test), an accredited degree, a
//! clinical background, or months of coding work — and the plan stage that closes each gap.

use chrono::NaiveDate;
use serde::Serialize;

use super::standing::degree_competencies;
use crate::data::catalog::{Background, Competency, Credential, Setting};
use crate::data::model::{CompetencyKind, DegreeLevel};
use crate::data::{Catalog, Ix};
use crate::person::profile::Person;

/// How ready a person is for a setting, and what closes each gap.
#[derive(Debug, Clone, Serialize)]
pub struct Readiness<'c> {
    pub setting: &'c Setting,
    /// Share of the setting's competencies the person has now, 0–100.
    pub score: u32,
    /// Share once the plan's stages are done, 0–100.
    pub after: u32,
    pub have: Vec<Have<'c>>,
    pub missing: Vec<Gap<'c>>,
}

/// A competency the person has, and why it counts.
#[derive(Debug, Clone, Serialize)]
pub struct Have<'c> {
    pub competency: &'c Competency,
    pub from: Basis<'c>,
}

/// Why a competency counts as held.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Basis<'c> {
    Completed,
    Course { name: String },
    Credential { credential: &'c Credential },
    Degree { level: DegreeLevel },
    Background { background: &'c Background },
    Experience { months: u32 },
}

/// A competency the person lacks, and the plan stage (milestone id) that closes it, or for a
/// job skill of someone coding now, the day their work makes it practised.
#[derive(Debug, Clone, Serialize)]
pub struct Gap<'c> {
    pub competency: &'c Competency,
    pub closed_by: Option<String>,
    pub practised_on: Option<NaiveDate>,
}

/// Readiness for `setting`; `skills_after` months of coding work count for the job skills;
/// `closers` are plan stages (milestone id, competencies they bring), in plan order;
/// `practised_on` is when the work of someone coding now makes the job skills count.
pub fn assess<'c>(
    person: &Person<'c>,
    catalog: &'c Catalog,
    setting: &'c Setting,
    skills_after: f64,
    closers: &[(String, Vec<Ix<Competency>>)],
    practised_on: Option<NaiveDate>,
) -> Readiness<'c> {
    let have_all = held(person, catalog, skills_after);
    let have: Vec<Have> = setting
        .competencies
        .iter()
        .filter_map(|ix| {
            let (_, from) = have_all.iter().find(|(x, _)| x == ix)?;
            Some(Have {
                competency: catalog.get(*ix),
                from: from.clone(),
            })
        })
        .collect();
    let missing: Vec<Gap> = gaps(setting, |ix| have_all.iter().any(|(x, _)| *x == ix))
        .map(|ix| {
            let c = catalog.get(ix);
            let closed_by = closers
                .iter()
                .find(|(_, comps)| comps.contains(&ix))
                .map(|(id, _)| id.clone());
            let practised_on =
                practised_on.filter(|_| closed_by.is_none() && c.kind == CompetencyKind::Skill);
            Gap {
                competency: c,
                closed_by,
                practised_on,
            }
        })
        .collect();
    let needed = setting.competencies.len().max(1);
    let closed = missing
        .iter()
        .filter(|g| g.closed_by.is_some() || g.practised_on.is_some())
        .count();
    Readiness {
        setting,
        score: (have.len() * 100 / needed) as u32,
        after: ((have.len() + closed) * 100 / needed) as u32,
        have,
        missing,
    }
}

/// The competencies `setting` asks that `has` says are lacking, in the setting's order: the
/// gaps readiness lists, and what a programme on the way counts as still missing.
pub fn gaps(
    setting: &Setting,
    has: impl Fn(Ix<Competency>) -> bool,
) -> impl Iterator<Item = Ix<Competency>> {
    setting
        .competencies
        .iter()
        .copied()
        .filter(move |ix| !has(*ix))
}

/// Everything the person has now, each with its first reason.
fn held<'c>(
    person: &Person<'c>,
    cat: &'c Catalog,
    skills_after: f64,
) -> Vec<(Ix<Competency>, Basis<'c>)> {
    let mut out: Vec<(Ix<Competency>, Basis)> = Vec::new();
    let mut add = |ix: Option<Ix<Competency>>, from: Basis<'c>| {
        if let Some(ix) = ix
            && !out.iter().any(|(x, _)| *x == ix)
        {
            out.push((ix, from));
        }
    };
    let find = |c: &Competency| cat.find::<Competency>(&c.id);
    for c in &person.completed {
        add(find(c), Basis::Completed);
    }
    for course in &person.courses {
        for c in &course.covers {
            add(
                find(c),
                Basis::Course {
                    name: course.name.clone(),
                },
            );
        }
    }
    for h in &person.credentials {
        for ix in &h.credential.competencies {
            add(
                Some(*ix),
                Basis::Credential {
                    credential: h.credential,
                },
            );
        }
    }
    if let Some(level) = person.profile.accredited_degree {
        for ix in degree_competencies(cat, level) {
            add(Some(ix), Basis::Degree { level });
        }
    }
    for b in &person.backgrounds {
        for ix in &b.credits {
            add(Some(*ix), Basis::Background { background: b });
        }
    }
    let months = person.profile.experience_months.get();
    if f64::from(months) >= skills_after {
        for (ix, c) in cat.all::<Competency>() {
            if c.kind == CompetencyKind::Skill {
                add(Some(ix), Basis::Experience { months });
            }
        }
    }
    out
}
