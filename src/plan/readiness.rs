//! Job readiness: the competencies a work setting needs against those a person has.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::data::DataSet;
use crate::data::model::{CompetencyKind, Setting};

/// How ready a person is for a setting, and what closes each gap.
#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    pub setting: String,
    /// Share of the setting's competencies the person has now, 0–100.
    pub score: u32,
    pub have: Vec<Competence>,
    pub missing: Vec<Gap>,
}

/// A competency the person has, and why it counts.
#[derive(Debug, Clone, Serialize)]
pub struct Competence {
    pub id: String,
    pub name: String,
    pub from: String,
}

/// A competency the person lacks, and the roadmap stage that closes it (if any).
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub id: String,
    pub name: String,
    pub kind: CompetencyKind,
    /// Milestone id that closes the gap, or `None` when the plan does not.
    pub closed_by: Option<String>,
}

/// The competency a code set's coding belongs to.
pub fn code_set_competency(code_set: &str) -> Option<&'static str> {
    match code_set {
        "ICD-10-CM" => Some("icd10cm"),
        "ICD-10-PCS" => Some("icd10pcs"),
        "CPT" => Some("cpt"),
        "HCPCS-II" => Some("hcpcs2"),
        _ => None,
    }
}

/// What the person has: completed courses, code sets of held credentials, and job skills
/// once they have `skills_after` months of coding work.
pub fn competencies_held(
    data: &DataSet,
    completed: &[String],
    credentials: &[String],
    experience_months: u32,
    skills_after: f64,
) -> Vec<Competence> {
    let mut have: Vec<Competence> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut add = |id: &str, from: String| {
        if seen.insert(id.to_string())
            && let Some(c) = data.competencies.competencies.iter().find(|c| c.id == id)
        {
            have.push(Competence {
                id: c.id.clone(),
                name: c.name.clone(),
                from,
            });
        }
    };
    for c in completed {
        add(c, "completed course".into());
    }
    for id in credentials {
        if let Some(cred) = data.credential(id) {
            for cs in &cred.code_sets {
                if let Some(comp) = code_set_competency(cs) {
                    add(comp, format!("holds {id}"));
                }
            }
        }
    }
    if f64::from(experience_months) >= skills_after {
        for c in data
            .competencies
            .competencies
            .iter()
            .filter(|c| c.kind == CompetencyKind::Skill)
        {
            add(&c.id, format!("{experience_months} months of coding work"));
        }
    }
    have
}

/// Readiness for `setting`, with each gap assigned to the first milestone (in `closers`
/// order) whose competencies include it.
pub fn assess(
    data: &DataSet,
    setting: &Setting,
    have: &[Competence],
    closers: &[(String, Vec<String>)],
) -> Readiness {
    let held: BTreeSet<&str> = have.iter().map(|c| c.id.as_str()).collect();
    let mut missing = Vec::new();
    let mut kept = Vec::new();
    for id in &setting.competencies {
        let Some(comp) = data.competencies.competencies.iter().find(|c| &c.id == id) else {
            continue;
        };
        if held.contains(id.as_str()) {
            kept.extend(have.iter().find(|c| &c.id == id).cloned());
        } else {
            missing.push(Gap {
                id: id.clone(),
                name: comp.name.clone(),
                kind: comp.kind,
                closed_by: closers
                    .iter()
                    .find(|(_, comps)| comps.contains(id))
                    .map(|(m, _)| m.clone()),
            });
        }
    }
    let needed = setting.competencies.len().max(1);
    Readiness {
        setting: setting.id.clone(),
        score: (kept.len() * 100 / needed) as u32,
        have: kept,
        missing,
    }
}
