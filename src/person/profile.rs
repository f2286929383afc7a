//! `profile.yaml`: one person — where they stand now and where they want to go — read
//! strictly, then resolved against the catalog into a [`Person`] that the planner and the
//! tracker compute from. Every problem is located in the file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::catalog::{Background, Competency, Credential, Setting};
use crate::data::model::{Body, DegreeLevel, Education, Study};
use crate::data::units::{Ceus, Hours, MIN_WEEKLY_HOURS, Months, Usd, WeeklyHours};
use crate::data::{Catalog, Record};
use crate::error::Diagnostic;
use crate::loader::{Expect, Source, Taint, merged};

/// One person, as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    /// Highest education completed; `ged` counts as `high_school`.
    pub education: Education,
    /// A CAHIIM-accredited HIM award, if any.
    #[serde(default)]
    pub accredited_degree: Option<DegreeLevel>,
    /// Months of paid or externship coding work so far.
    #[serde(default)]
    pub experience_months: Months,
    /// Whether the person works in coding now (default: yes when they have experience).
    #[serde(default)]
    pub currently_coding: Option<bool>,
    /// Competencies (ids from competencies.yaml) covered by courses already completed.
    #[serde(default)]
    pub completed: Vec<String>,
    /// Coding courses finished, with their contact hours.
    #[serde(default)]
    pub courses: Vec<Course>,
    /// Whether the person has finished AAPC Practicode.
    #[serde(default)]
    pub practicode: bool,
    /// Clinical backgrounds (ids from backgrounds.yaml), e.g. `registered_nurse`.
    #[serde(default)]
    pub backgrounds: Vec<String>,
    /// Bodies the person is a member of.
    #[serde(default)]
    pub memberships: Vec<Body>,
    /// Two-letter US state of residence (for in-state tuition).
    #[serde(default)]
    pub state: Option<String>,
    /// Credentials held.
    #[serde(default)]
    pub credentials: Vec<Held>,
    /// The AAPC membership renewal date (sets the AAPC CEU due month).
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub aapc_renewal: Option<NaiveDate>,
    /// What the person is aiming for.
    #[serde(default)]
    pub target: Option<Target>,
    #[serde(default)]
    pub preferences: Preferences,
    /// The CEU log, relative to this file.
    #[serde(default)]
    pub ceu_log: Option<PathBuf>,
    /// The date from which the CEU log records every CEU earned.
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub ceu_log_since: Option<NaiveDate>,
    /// Cycle figures copied from an official portal; they win over computed ones.
    #[serde(default)]
    pub cycle_overrides: Vec<CycleOverride>,
}

/// A credential the person holds.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Held {
    pub id: String,
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub earned: NaiveDate,
    /// Still an apprentice (CPC-A, COC-A).
    #[serde(default)]
    pub apprentice: bool,
}

/// A finished course.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub name: String,
    /// Contact hours on the certificate.
    pub hours: Hours,
    #[serde(deserialize_with = "crate::loader::ymd::deserialize")]
    pub finished: NaiveDate,
    /// Competencies it covered.
    #[serde(default)]
    pub covers: Vec<String>,
}

/// Where the person wants to work, and by when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub setting: String,
    #[serde(default)]
    pub credential: Option<String>,
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub by: Option<NaiveDate>,
    /// The credential came from `plan --target`, not from the file (never read or written).
    #[serde(skip)]
    pub credential_from_command_line: bool,
}

/// How the person can study.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// Only these deliveries (empty: any).
    #[serde(default)]
    pub delivery: Vec<Study>,
    #[serde(default)]
    pub budget_usd: Option<Usd>,
    #[serde(default)]
    pub hours_per_week: Option<WeeklyHours>,
}

/// What an official portal shows for a cycle.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CycleOverride {
    pub body: Body,
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub required: Option<Ceus>,
}

/// A person resolved against the catalog: what the planner and the tracker read.
#[derive(Debug, Clone)]
pub struct Person<'c> {
    pub profile: Profile,
    pub credentials: Vec<HeldCredential<'c>>,
    pub completed: Vec<&'c Competency>,
    pub courses: Vec<FinishedCourse<'c>>,
    pub backgrounds: Vec<&'c Background>,
    pub target: Option<TargetChoice<'c>>,
}

/// A held credential, resolved.
#[derive(Debug, Clone, Copy)]
pub struct HeldCredential<'c> {
    pub credential: &'c Credential,
    pub earned: NaiveDate,
    pub apprentice: bool,
}

/// A finished course, resolved.
#[derive(Debug, Clone)]
pub struct FinishedCourse<'c> {
    pub name: String,
    pub hours: f64,
    pub finished: NaiveDate,
    pub covers: Vec<&'c Competency>,
}

/// The setting and (optionally) credential the profile names.
#[derive(Debug, Clone, Copy)]
pub struct TargetChoice<'c> {
    pub setting: &'c Setting,
    pub credential: Option<&'c Credential>,
    pub by: Option<NaiveDate>,
    /// The credential came from `plan --target`, not from the profile.
    pub credential_from_command_line: bool,
}

impl Profile {
    /// The CEU log's path, resolved against the profile's own location.
    pub fn log_path(&self, profile_path: &Path) -> Option<PathBuf> {
        let dir = profile_path.parent().unwrap_or(Path::new("."));
        self.ceu_log.as_ref().map(|l| dir.join(l))
    }

    /// The person's membership renewal date with `body` (the profile records AAPC's).
    pub fn membership_renewal(&self, body: Body) -> Option<NaiveDate> {
        match body {
            Body::AAPC => self.aapc_renewal,
            Body::AHIMA => None,
        }
    }

    /// Sets the membership renewal date with `body`, if the profile records one for it
    /// (see [`Profile::membership_renewal`]); whether it did.
    pub fn set_membership_renewal(&mut self, body: Body, date: NaiveDate) -> bool {
        match body {
            Body::AAPC => {
                self.aapc_renewal = Some(date);
                true
            }
            Body::AHIMA => false,
        }
    }

    /// Whether the person works in coding now.
    pub fn working(&self) -> bool {
        self.currently_coding
            .unwrap_or(self.experience_months.get() > 0)
    }
}

impl<'c> Person<'c> {
    /// Parses, validates and resolves a profile; every problem is located in `src`.
    pub fn load(
        src: &Source,
        catalog: &'c Catalog,
        as_of: NaiveDate,
    ) -> Result<Person<'c>, Vec<Diagnostic>> {
        Person::load_partly(src, catalog, as_of).map_err(|u| u.problems)
    }

    /// [`Person::load`], keeping on failure what of the profile could be read, for checks
    /// made outside (the CEU log it names). The fields that parsed are resolved even when
    /// others did not, so every problem in the file is reported in one run.
    pub fn load_partly(
        src: &Source,
        catalog: &'c Catalog,
        as_of: NaiveDate,
    ) -> Result<Person<'c>, Unloaded> {
        // A list is no profile, most likely a CEU log given in its profile's place.
        if src
            .first_line()
            .is_some_and(|l| l.starts_with('-') || l.starts_with('['))
        {
            return Err(Unloaded {
                profile: None,
                problems: vec![not_a_profile(src)],
            });
        }
        let (profile, parsing, taint) =
            src.parse_checkable::<Profile>()
                .map_err(|problems| Unloaded {
                    profile: None,
                    problems,
                })?;
        let failed = |profile: Box<Profile>, problems| {
            // A stand-in for the log's path is no path to look at.
            let profile = taint.clean("ceu_log").then_some(profile);
            Err(Unloaded { profile, problems })
        };
        match Person::resolve_with(profile, src, catalog, as_of, &taint) {
            Ok(person) if parsing.is_empty() => Ok(person),
            Ok(person) => failed(Box::new(person.profile), parsing),
            Err((profile, checks)) => failed(profile, merged(parsing, checks)),
        }
    }

    /// Resolves an already-parsed profile (for what-if changes made on the command line).
    pub fn resolve(
        profile: Profile,
        src: &Source,
        catalog: &'c Catalog,
        as_of: NaiveDate,
    ) -> Result<Person<'c>, Vec<Diagnostic>> {
        Person::resolve_with(profile, src, catalog, as_of, &Taint::default()).map_err(|e| e.1)
    }

    /// [`Person::resolve`], leaving out the checks of places whose values are stand-ins
    /// (`taint`); on failure the profile comes back with the problems.
    fn resolve_with(
        profile: Profile,
        src: &Source,
        catalog: &'c Catalog,
        as_of: NaiveDate,
        taint: &Taint,
    ) -> Result<Person<'c>, (Box<Profile>, Vec<Diagnostic>)> {
        let mut r = Resolver {
            src,
            catalog,
            taint,
            out: Vec::new(),
        };
        let p = &profile;
        if p.name.trim().is_empty() {
            r.report("name", "the name is empty".into(), "the person's name");
        }
        let completed = r.many::<Competency>("completed", &p.completed, "competency");
        let backgrounds = r.many::<Background>("backgrounds", &p.backgrounds, "background");
        let courses = p
            .courses
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if c.finished > as_of {
                    r.report(
                        &format!("courses[{i}].finished"),
                        format!("finished {} is after {as_of}", c.finished),
                        "the date the course was finished, on or before --as-of",
                    );
                }
                FinishedCourse {
                    name: c.name.clone(),
                    hours: c.hours.get(),
                    finished: c.finished,
                    covers: r.many::<Competency>(
                        &format!("courses[{i}].covers"),
                        &c.covers,
                        "competency",
                    ),
                }
            })
            .collect();
        let mut credentials: Vec<HeldCredential> = Vec::new();
        for (i, h) in p.credentials.iter().enumerate() {
            let path = format!("credentials[{i}]");
            if h.earned > as_of {
                r.report(
                    &format!("{path}.earned"),
                    format!("earned {} is after {as_of}", h.earned),
                    "a date on or before --as-of",
                );
            }
            let Some(c) = r.one::<Credential>(&format!("{path}.id"), &h.id, "credential") else {
                continue;
            };
            if credentials.iter().any(|o| o.credential == c) {
                r.report(
                    &format!("{path}.id"),
                    format!("{} is listed twice", h.id),
                    None,
                );
            }
            if h.apprentice && c.apprentice.is_none() {
                r.report(
                    &format!("{path}.apprentice"),
                    format!("{} has no apprentice status", h.id),
                    "apprentice: true only for credentials given as apprentice (CPC-A, COC-A)",
                );
            }
            credentials.push(HeldCredential {
                credential: c,
                earned: h.earned,
                apprentice: h.apprentice,
            });
        }
        let target = p.target.as_ref().and_then(|t| {
            let setting = r.one::<Setting>("target.setting", &t.setting, "setting");
            let credential = t
                .credential
                .as_ref()
                .map(|c| r.one::<Credential>("target.credential", c, "credential"));
            Some(TargetChoice {
                setting: setting?,
                credential: credential.flatten(),
                by: t.by,
                credential_from_command_line: t.credential_from_command_line,
            })
        });
        if let Some(h) = p.preferences.hours_per_week
            && h.get() < MIN_WEEKLY_HOURS
        {
            r.report(
                "preferences.hours_per_week",
                format!("`{h}` hours a week is too few to plan with"),
                "hours a week from 1 to 80",
            );
        }
        if let Some(s) = &p.state
            && !crate::data::states::is_code(s)
        {
            let hint = crate::data::states::meant(s)
                .map_or(String::new(), |c| format!("; did you mean {c}?"));
            r.report(
                "state",
                format!("`{s}` is not the USPS code of a US state, DC or territory{hint}"),
                "a two-letter USPS code in capitals, such as CA, DC or PR",
            );
        }
        for (i, o) in p.cycle_overrides.iter().enumerate() {
            let path = format!("cycle_overrides[{i}]");
            if let (Some(s), Some(e)) = (o.start, o.end)
                && s >= e
            {
                // Either date may be the wrong one.
                if taint.clean(&format!("{path}.start")) {
                    r.report(
                        &format!("{path}.end"),
                        format!("cycle end {e} is not after its start {s}"),
                        None,
                    );
                }
            }
            if o.start.is_none() && o.end.is_none() {
                r.report(
                    &path,
                    "the override gives no date".into(),
                    "start:, end: or both, as the portal shows them",
                );
            }
            let earlier = |j: usize| taint.clean(&format!("cycle_overrides[{j}].body"));
            if p.cycle_overrides[..i]
                .iter()
                .enumerate()
                .any(|(j, x)| x.body == o.body && earlier(j))
            {
                r.report(
                    &format!("{path}.body"),
                    format!("a second override for {}", o.body.as_str()),
                    None,
                );
            }
        }
        if r.out.is_empty() {
            Ok(Person {
                completed,
                courses,
                backgrounds,
                credentials,
                target,
                profile,
            })
        } else {
            Err((Box::new(profile), r.out))
        }
    }

    /// The same person without the credentials of `bodies` (revoked past reinstatement).
    pub fn without(&self, bodies: &[Body]) -> Person<'c> {
        let mut p = self.clone();
        p.credentials
            .retain(|h| !bodies.contains(&h.credential.body));
        p
    }

    /// The credentials held with one body.
    pub fn held_with(&self, body: Body) -> impl Iterator<Item = &HeldCredential<'c>> {
        self.credentials
            .iter()
            .filter(move |h| h.credential.body == body)
    }

    /// Whether the person holds `c`.
    pub fn holds(&self, c: &Credential) -> bool {
        self.credentials.iter().any(|h| h.credential == c)
    }
}

/// A profile that did not load.
#[derive(Debug)]
pub struct Unloaded {
    /// The profile as far as it was read, when its `ceu_log` was read as written.
    pub profile: Option<Box<Profile>>,
    /// Every problem found in it, in file order.
    pub problems: Vec<Diagnostic>,
}

/// The problem of a list where a profile was wanted.
fn not_a_profile(src: &Source) -> Diagnostic {
    src.at("", "this file is a list (a CEU log?), not a profile")
        .code(crate::error::Code::WrongType)
        .expected("a profile: `name:`, `education:` and the rest; a CEU log is named by its profile's `ceu_log:`, so give the profile")
}

/// Looks ids up, recording unknown ones with a did-you-mean hint, and records problems at
/// the places read as written.
struct Resolver<'s, 'c> {
    src: &'s Source,
    catalog: &'c Catalog,
    /// Places whose parsing problems are reported already.
    taint: &'s Taint,
    out: Vec<Diagnostic>,
}

impl<'c> Resolver<'_, 'c> {
    /// Records a problem at `path`, unless its value was a stand-in.
    fn report(&mut self, path: &str, message: String, expected: impl Expect) {
        if self.taint.clean(path) {
            let d = self.src.at(path, message);
            self.out.push(match expected.into_expected() {
                Some(e) => d.expected(e),
                None => d,
            });
        }
    }

    /// The record `id` names, if it is known; `None` for a stand-in too.
    fn one<T: Record + 'c>(&mut self, path: &str, id: &str, what: &str) -> Option<&'c T> {
        if !self.taint.clean(path) {
            return None;
        }
        match self.catalog.find::<T>(id) {
            Some(ix) => Some(self.catalog.get(ix)),
            None => {
                self.out
                    .extend(self.src.unknown(path, id, &self.catalog.ids::<T>(), what));
                None
            }
        }
    }

    fn many<T: Record + 'c>(&mut self, path: &str, ids: &[String], what: &str) -> Vec<&'c T> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, id)| self.one::<T>(&format!("{path}[{i}]"), id, what))
            .collect()
    }
}
