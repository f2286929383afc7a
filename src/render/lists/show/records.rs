//! The facts `data show` gives for each kind of record.

use super::super::kinds::{exam_summary, fees, how, length};
use super::{Facts, ShowKind, Shown, cite, ids, names, raw, shown, those};
use crate::data::catalog::{self as rec, Ix};
use crate::data::model::{ExperienceKind, Source};
use crate::data::{Catalog, File};
use crate::render::words::{article, count, degree, delivery, education, hours, num, usd_range};

pub(super) fn credential(cat: &Catalog, x: Ix<rec::Credential>) -> Shown<'_> {
    let c = cat.get(x);
    let mut f = Facts::default();
    f.add("Body", c.body.as_str());
    f.add("Kind", format!("{:?}", c.kind).to_lowercase());
    f.add("Settings", names(cat, c.settings.iter().copied()));
    f.add("Code sets", ids(cat, c.code_sets.iter().copied()));
    f.add("Exam tests", names(cat, c.competencies.iter().copied()));
    match &c.exam {
        Some(e) => {
            f.add("Exam", exam_summary(e));
            f.add(
                "Exam delivery",
                e.delivery
                    .iter()
                    .map(|d| delivery(*d))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            f.add("Exam fees", fees(e));
            f.add("Exam note", e.note.clone().unwrap_or_default());
        }
        None => f.add("Exam", "not found in the sources"),
    }
    f.flag("Membership needed", c.membership_required);
    match &c.eligibility {
        None => f.add("Eligibility", "not found in the sources"),
        Some(e) if e.required.is_empty() => f.add("Eligibility", "no proof needed"),
        Some(e) => f.add("Eligibility (one of)", routes(cat, &e.required)),
    }
    if let Some(e) = &c.eligibility {
        f.add("Recommended (one of)", routes(cat, &e.recommended));
        f.add("Eligibility note", e.note.clone().unwrap_or_default());
    }
    if let Some(a) = &c.apprentice {
        f.add("Apprentice designation", a.designation.clone());
        for r in &a.removal_routes {
            f.add(&format!("Apprentice removal ({})", r.id), removal(r));
        }
    }
    let prepares = those(cat, |p: &rec::Programme| p.prepares_for.contains(&x));
    f.add("Programmes preparing for it", names(cat, prepares));
    let careers = those(cat, |k: &rec::Career| {
        k.credentials.contains(&x) || k.credentials_any.contains(&x)
    });
    f.add("Advancement paths", names(cat, careers));
    let books = those(cat, |r: &rec::Rulebook| r.body == c.body);
    f.add("Renewal rulebooks", ids(cat, books));
    f.add("Note", c.note.clone().unwrap_or_default());
    let mut parts: Vec<(&'static str, &[Source])> = Vec::new();
    if let Some(e) = &c.exam {
        parts.push(("exam", &e.sources));
    }
    if let Some(e) = &c.eligibility {
        parts.push(("eligibility", &e.sources));
    }
    if let Some(a) = &c.apprentice {
        parts.push(("apprentice status", &a.sources));
    }
    let record = raw(&cat.raw().credentials.credentials, |r| r.id == c.id);
    shown(
        cat,
        ShowKind::Credential,
        (&c.id, &c.name),
        File::Credentials,
        f,
        cite(&c.sources, &parts),
        record,
    )
}

/// Eligibility routes, "; or " between them.
pub(super) fn routes(cat: &Catalog, rs: &[rec::Route]) -> String {
    rs.iter()
        .map(|r| route(cat, r))
        .collect::<Vec<_>>()
        .join("; or ")
}

/// One eligibility route: every condition it sets.
pub(super) fn route(cat: &Catalog, r: &rec::Route) -> String {
    let mut parts = Vec::new();
    if let Some(e) = r.education {
        parts.push(format!("{} or higher", education(e)));
    }
    if let Some(m) = r.experience_months {
        let what = match r.experience {
            ExperienceKind::Coding => "coding",
            ExperienceKind::PrivacySecurity => "privacy or security",
        };
        parts.push(format!(
            "{} {what} experience",
            count(m, "month's", "months'")
        ));
    }
    if !r.credentials_any.is_empty() {
        parts.push(format!(
            "holding one of {}",
            ids(cat, r.credentials_any.iter().copied())
        ));
    }
    if let Some(d) = r.accredited_degree {
        parts.push(degree(d).into());
    }
    if !r.coursework.is_empty() {
        parts.push(format!(
            "coursework in {}",
            names(cat, r.coursework.iter().copied())
        ));
    }
    let conditions = if parts.is_empty() {
        "no proof needed".into()
    } else {
        parts.join(", ")
    };
    with_note(conditions, r.note.as_deref())
}

/// "CONDITIONS — NOTE", or the conditions alone.
pub(super) fn with_note(conditions: String, note: Option<&str>) -> String {
    match note {
        Some(n) => format!("{conditions} — {n}"),
        None => conditions,
    }
}

/// One way out of apprentice status.
pub(super) fn removal(r: &crate::data::model::RemovalRoute) -> String {
    let mut parts = Vec::new();
    if r.experience_months.get() > 0 {
        parts.push(format!(
            "{} coding work",
            count(r.experience_months, "month's", "months'")
        ));
    }
    if let Some(h) = r.course_hours {
        let hours = num(h.get());
        parts.push(format!("{} {hours}-hour coding course", article(&hours)));
    }
    if r.practicode {
        parts.push("Practicode finished".into());
    }
    with_note(parts.join(", "), r.note.as_deref())
}

pub(super) fn programme(cat: &Catalog, x: Ix<rec::Programme>) -> Shown<'_> {
    let p = cat.get(x);
    let written = cat
        .raw()
        .programmes
        .programmes
        .iter()
        .find(|r| r.id == p.id);
    let mut f = Facts::default();
    f.add(
        "Kind",
        match p.type_of {
            Some(t) => format!("a named example of {}", cat.get(t).id),
            None => match p.kind {
                crate::data::model::ProgrammeKind::Type => "a programme type".into(),
                crate::data::model::ProgrammeKind::Example => "a named example".into(),
            },
        },
    );
    f.add("Provider", p.provider.clone().unwrap_or_default());
    if let Some(l) = &p.location {
        f.add("Location", format!("{}, {}", l.city, l.state));
    }
    f.add("Delivery", how(&p.delivery, p.self_paced));
    f.add("Length", written.map(length).unwrap_or_default());
    f.add(
        "Cost",
        p.cost_usd
            .map_or("not found".into(), |c| usd_range(c.min.get(), c.max.get())),
    );
    if let Some(c) = p.out_of_state_cost_usd {
        f.add("Out-of-state cost", usd_range(c.min.get(), c.max.get()));
    }
    f.add("Accreditation", p.accreditation.clone().unwrap_or_default());
    if let Some(d) = p.accredited_degree {
        f.add("Accredited award", degree(d));
    }
    if let Some(e) = p.grants {
        f.add("Awards", education(e));
    }
    f.add("Prepares for", ids(cat, p.prepares_for.iter().copied()));
    f.add("Covers", names(cat, p.competencies.iter().copied()));
    if let Some(h) = p.apprentice_course_hours {
        f.add("Apprentice removal course", hours(h.get()));
    }
    if p.practicode {
        f.flag("Practicode included", true);
    }
    let mut pre = Vec::new();
    if let Some(e) = p.prerequisites.education {
        pre.push(education(e).to_string());
    }
    if let Some(g) = p.prerequisites.gpa {
        pre.push(format!("GPA {}", num(g)));
    }
    f.add("Entry requirements", pre.join(", "));
    let examples = those(cat, |q: &rec::Programme| q.type_of == Some(x));
    f.add("Named examples", ids(cat, examples));
    f.add("Note", p.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().programmes.programmes, |r| r.id == p.id);
    shown(
        cat,
        ShowKind::Programme,
        (&p.id, &p.name),
        File::Programmes,
        f,
        cite(&p.sources, &[]),
        record,
    )
}

pub(super) fn setting(cat: &Catalog, x: Ix<rec::Setting>) -> Shown<'_> {
    let s = cat.get(x);
    let mut f = Facts::default();
    f.add(
        "Credentials (best first)",
        ids(cat, s.credentials.iter().copied()),
    );
    f.add("Code sets", ids(cat, s.code_sets.iter().copied()));
    f.add(
        "Competencies it needs",
        names(cat, s.competencies.iter().copied()),
    );
    f.add("Share of jobs", s.share_note.clone().unwrap_or_default());
    f.add("Note", s.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().settings.settings, |r| r.id == s.id);
    shown(
        cat,
        ShowKind::Setting,
        (&s.id, &s.name),
        File::Settings,
        f,
        cite(&s.sources, &[]),
        record,
    )
}

pub(super) fn career(cat: &Catalog, x: Ix<rec::Career>) -> Shown<'_> {
    let c = cat.get(x);
    let mut f = Facts::default();
    f.add("Credentials", ids(cat, c.credentials.iter().copied()));
    if !c.credentials_any.is_empty() {
        f.add("Needs one of", ids(cat, c.credentials_any.iter().copied()));
    }
    if let Some(m) = c.experience_months {
        f.add("Experience", count(m, "month", "months"));
    }
    if let Some(e) = c.education {
        f.add("Education", education(e));
    }
    f.add(
        "Suits backgrounds",
        names(cat, c.suits_backgrounds.iter().copied()),
    );
    f.add("Note", c.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().careers.careers, |r| r.id == c.id);
    shown(
        cat,
        ShowKind::Career,
        (&c.id, &c.name),
        File::Careers,
        f,
        cite(&c.sources, &[]),
        record,
    )
}

pub(super) fn competency(cat: &Catalog, x: Ix<rec::Competency>) -> Shown<'_> {
    let c = cat.get(x);
    let mut f = Facts::default();
    f.add(
        "Kind",
        match c.kind {
            crate::data::model::CompetencyKind::Topic => "course topic",
            crate::data::model::CompetencyKind::Skill => "job skill",
        },
    );
    let taught = those(cat, |p: &rec::Programme| p.competencies.contains(&x));
    f.add(
        "Taught by",
        if taught.is_empty() {
            "none in the data".into()
        } else {
            ids(cat, taught)
        },
    );
    let needed = those(cat, |s: &rec::Setting| s.competencies.contains(&x));
    f.add("Needed in", names(cat, needed));
    let tested = those(cat, |k: &rec::Credential| k.competencies.contains(&x));
    f.add("Tested by", ids(cat, tested));
    let covered = those(cat, |b: &rec::Background| b.credits.contains(&x));
    f.add("Covered by backgrounds", names(cat, covered));
    f.add("Note", c.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().competencies.competencies, |r| r.id == c.id);
    shown(
        cat,
        ShowKind::Competency,
        (&c.id, &c.name),
        File::Competencies,
        f,
        cite(&c.sources, &[]),
        record,
    )
}

pub(super) fn background(cat: &Catalog, x: Ix<rec::Background>) -> Shown<'_> {
    let b = cat.get(x);
    let mut f = Facts::default();
    f.add("Covers", names(cat, b.credits.iter().copied()));
    let careers = those(cat, |c: &rec::Career| c.suits_backgrounds.contains(&x));
    f.add("Suits advancement paths", names(cat, careers));
    f.add("Note", b.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().backgrounds.backgrounds, |r| r.id == b.id);
    shown(
        cat,
        ShowKind::Background,
        (&b.id, &b.name),
        File::Backgrounds,
        f,
        cite(&b.sources, &[]),
        record,
    )
}
