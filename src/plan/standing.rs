//! What a person has at a point of the plan — education, accredited award, coding work,
//! credentials, competencies, course hours, Practicode — and which conditions of an
//! eligibility route it leaves unmet.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::data::catalog::{Competency, Credential, Programme, Route};
use crate::data::model::{DegreeLevel, Education, ExperienceKind};
use crate::data::{Catalog, Ix};
use crate::dates;
use crate::person::profile::Person;

/// The person's standing on `date`.
#[derive(Debug, Clone)]
pub struct Standing<'c> {
    pub date: NaiveDate,
    pub education: Education,
    pub degree: Option<DegreeLevel>,
    /// Months of coding work by `date`.
    pub experience_months: f64,
    /// Working in coding from this date on (experience accrues).
    pub working_since: Option<NaiveDate>,
    /// Where the experience of [`Standing::at`] is counted from, for the `working_since` it
    /// was found for: the date and the months by then. Counting every move from one origin
    /// keeps whole months on the calendar (12 months from 2027-04-09 end 2028-04-09).
    accrual: Option<(NaiveDate, NaiveDate, f64)>,
    pub credentials: Vec<&'c Credential>,
    pub competencies: BTreeSet<Ix<Competency>>,
    /// Contact hours of the longest finished coding course.
    pub course_hours: f64,
    /// Practicode finished (all its cases passed).
    pub practicode: bool,
    /// Practicode comes with a programme taken (finishing it is still to do).
    pub practicode_access: bool,
}

/// A condition of a route that is not met, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "needs", rename_all = "snake_case")]
pub enum Unmet<'c> {
    Education {
        level: Education,
    },
    AccreditedDegree {
        level: DegreeLevel,
    },
    Experience {
        months: u32,
        has: u32,
        kind: ExperienceKind,
    },
    Credential {
        any: Vec<&'c Credential>,
    },
    Coursework {
        missing: Vec<&'c Competency>,
    },
}

impl<'c> Standing<'c> {
    /// The standing on `as_of`, from the profile.
    pub fn now(person: &Person<'c>, catalog: &'c Catalog, as_of: NaiveDate) -> Self {
        let p = &person.profile;
        let mut competencies = BTreeSet::new();
        let mut add = |c: &Competency| {
            if let Some(ix) = catalog.find::<Competency>(&c.id) {
                competencies.insert(ix);
            }
        };
        person.completed.iter().for_each(|c| add(c));
        person
            .courses
            .iter()
            .flat_map(|c| &c.covers)
            .for_each(|c| add(c));
        person
            .backgrounds
            .iter()
            .flat_map(|b| &b.credits)
            .for_each(|c| add(catalog.get(*c)));
        let mut s = Standing {
            date: as_of,
            education: p.education,
            degree: p.accredited_degree,
            experience_months: f64::from(p.experience_months.get()),
            working_since: p.working().then_some(as_of),
            accrual: None,
            credentials: person.credentials.iter().map(|h| h.credential).collect(),
            competencies,
            course_hours: person.courses.iter().map(|c| c.hours).fold(0.0, f64::max),
            practicode: p.practicode,
            practicode_access: false,
        };
        for h in &person.credentials {
            s.competencies
                .extend(h.credential.competencies.iter().copied());
        }
        if let Some(level) = p.accredited_degree {
            s.competencies.extend(degree_competencies(catalog, level));
        }
        s
    }

    /// The standing after earning `c`.
    pub fn with_credential(&self, c: &'c Credential) -> Self {
        let mut s = self.clone();
        if !s.holds(c) {
            s.credentials.push(c);
        }
        s.competencies.extend(c.competencies.iter().copied());
        s
    }

    /// The standing after finishing `p`.
    pub fn with_programme(&self, p: &Programme) -> Self {
        let mut s = self.clone();
        if let Some(g) = p.grants {
            s.education = s.education.max(g);
        }
        if let Some(level) = p.accredited_degree {
            s.degree = s.degree.max(Some(level));
        }
        s.competencies.extend(p.competencies.iter().copied());
        if let Some(h) = p.apprentice_course_hours {
            s.course_hours = s.course_hours.max(h.get());
        }
        s.practicode_access |= p.practicode;
        s
    }

    /// The standing moved on to `date`: coding experience accrues while working.
    pub fn at(&self, date: NaiveDate) -> Self {
        let mut s = self.clone();
        if date > s.date {
            if let Some(since) = s.working_since {
                let (from, had) = s.origin(since);
                s.accrual = Some((since, from, had));
                s.experience_months = had + dates::months_between(from, date);
            }
            s.date = date;
        }
        s
    }

    /// When the months of coding work reach `months`, work going on from `working_since`,
    /// or starting on `start` (when not working yet); this standing's date when they
    /// already have.
    pub fn reaches(&self, months: f64, start: NaiveDate) -> NaiveDate {
        let (from, had) = self.origin(self.working_since.unwrap_or(start));
        dates::add_fractional_months(from, (months - had).max(0.0)).max(self.date)
    }

    /// The date experience is counted from with work since `since`, and the months by then.
    fn origin(&self, since: NaiveDate) -> (NaiveDate, f64) {
        match self.accrual {
            Some((s, from, had)) if s == since => (from, had),
            _ => (since.max(self.date), self.experience_months),
        }
    }

    /// Whether the person holds `c` at this point.
    pub fn holds(&self, c: &Credential) -> bool {
        self.credentials.contains(&c)
    }

    /// Whole months of coding experience.
    pub fn whole_months(&self) -> u32 {
        // Bounded by the profile (1,200 months) plus the plan's span.
        (self.experience_months + 1e-9)
            .floor()
            .clamp(0.0, f64::from(u32::MAX)) as u32
    }

    /// The conditions of `route` not met.
    pub fn unmet(&self, catalog: &'c Catalog, route: &Route) -> Vec<Unmet<'c>> {
        let mut out = Vec::new();
        if let Some(level) = route.education
            && self.education < level
        {
            out.push(Unmet::Education { level });
        }
        if let Some(level) = route.accredited_degree
            && self.degree.is_none_or(|d| d < level)
        {
            out.push(Unmet::AccreditedDegree { level });
        }
        if let Some(m) = route.experience_months {
            let has = match route.experience {
                ExperienceKind::Coding => self.whole_months(),
                ExperienceKind::PrivacySecurity => 0,
            };
            if has < m.get() {
                out.push(Unmet::Experience {
                    months: m.get(),
                    has,
                    kind: route.experience,
                });
            }
        }
        if !route.credentials_any.is_empty()
            && !route
                .credentials_any
                .iter()
                .any(|c| self.holds(catalog.get(*c)))
        {
            out.push(Unmet::Credential {
                any: route
                    .credentials_any
                    .iter()
                    .map(|c| catalog.get(*c))
                    .collect(),
            });
        }
        let missing: Vec<&Competency> = route
            .coursework
            .iter()
            .filter(|c| !self.competencies.contains(c))
            .map(|c| catalog.get(*c))
            .collect();
        if !missing.is_empty() {
            out.push(Unmet::Coursework { missing });
        }
        out
    }

    /// Whether any of `routes` is met (an empty list asks for nothing).
    pub fn meets_any(&self, catalog: &'c Catalog, routes: &[Route]) -> bool {
        routes.is_empty() || routes.iter().any(|r| self.unmet(catalog, r).is_empty())
    }
}

/// Competencies an accredited award of `level` attests: those of the accredited programmes
/// that give it or a lower award.
pub fn degree_competencies(catalog: &Catalog, level: DegreeLevel) -> BTreeSet<Ix<Competency>> {
    catalog
        .all::<Programme>()
        .filter(|(_, p)| p.accredited_degree.is_some_and(|d| d <= level))
        .flat_map(|(_, p)| p.competencies.iter().copied())
        .collect()
}
