//! The roadmap planner: a person, the catalog and an `as_of` date in, a dated and costed
//! plan of typed facts out. It starts from where the person stands: it searches the target
//! credential's eligibility routes from their state, adds education only where a route or a
//! missing exam topic needs it, dates work from their real experience, and keeps every
//! credential they hold in the renewals. Pure: no I/O, no clock.

mod advancement;
mod apprentice;
mod assemble;
mod costs;
mod education;
mod exam;
pub mod facts;
mod lapses;
mod outlook;
#[cfg(test)]
mod properties;
pub mod readiness;
mod remedies;
mod renewal;
mod routes;
pub mod standing;
mod target;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_choice;
#[cfg(test)]
mod tests_on_the_path;
#[cfg(test)]
mod tests_programmes;
#[cfg(test)]
mod tests_remedies;
pub mod warnings;

use std::collections::BTreeSet;

use chrono::NaiveDate;

pub use facts::*;
pub use warnings::*;

use crate::data::Catalog;
use crate::data::model::{Body, Delivery, Source};
use crate::dates;
use crate::person::Problem;
use crate::person::log::Log;
use crate::person::profile::Person;
use standing::Standing;

/// The order of the plan's stages: by start; of stages starting together, restoring a
/// credential first and advancement options last, else the first to end first.
pub(crate) fn timeline_order(m: &Milestone) -> (NaiveDate, u8, NaiveDate) {
    let rank = match m.stage {
        Stage::Restore { .. } => 0,
        Stage::Advancement { .. } => 2,
        _ => 1,
    };
    (m.start, rank, m.end)
}

/// Plans the road from where `person` stands to their target and beyond, as seen on `as_of`;
/// the CEU `log` tells whether held credentials are still in good standing.
pub fn plan<'c>(
    person: &Person<'c>,
    log: &Log,
    catalog: &'c Catalog,
    as_of: NaiveDate,
) -> Result<Plan<'c>, Problem> {
    let lapses = lapses::lapses(person, log, catalog, as_of);
    let kept;
    let person = if lapses.gone.is_empty() {
        person
    } else {
        kept = person.without(&lapses.gone);
        &kept
    };
    let mut p = Planner::new(person, catalog, as_of);
    p.regain = lapses.regain;
    p.restore = lapses.restore;
    for w in lapses.warnings {
        p.warn(w);
    }
    let target = target::choose(&p)?;
    p.setting = Some(target.setting);
    p.cite(&target.credential.sources);
    p.cite(&target.setting.sources);
    p.stale_data();
    if let Some(by) = target.by
        && by < as_of
    {
        p.warn(Warning::TargetDatePassed { by });
    }
    let now = Standing::now(person, catalog, as_of);
    let mut plan = assemble::plan(&mut p, target, &now);
    p.milestones.sort_by_key(timeline_order);
    plan.milestones = std::mem::take(&mut p.milestones);
    plan.warnings = std::mem::take(&mut p.warnings);
    let used: Vec<Assumed> = p.used.iter().copied().collect();
    plan.assumptions = used
        .into_iter()
        .map(|key| AssumptionUsed {
            key,
            value: p.assume(key),
            note: p.note(key),
        })
        .collect();
    plan.sources = std::mem::take(&mut p.sources);
    Ok(plan)
}

/// Whether the person is a member of `body`: the profile says so, or they hold a credential
/// of the body that requires membership (it cannot be kept without it).
pub(crate) fn member_of(person: &Person, body: Body) -> bool {
    person.profile.memberships.contains(&body)
        || person
            .held_with(body)
            .any(|h| h.credential.membership_required)
}

/// What every stage of the planner shares: the inputs, the person's preferences with their
/// defaults, and what the plan collects as it goes.
pub(crate) struct Planner<'p, 'c> {
    pub person: &'p Person<'c>,
    pub catalog: &'c Catalog,
    pub as_of: NaiveDate,
    pub milestones: Vec<Milestone<'c>>,
    pub warnings: Vec<Warning<'c>>,
    used: BTreeSet<Assumed>,
    sources: Vec<&'c Source>,
    /// Bodies the plan has the person join (first-time membership paid once).
    pub joined: BTreeSet<Body>,
    /// The target's work setting, once chosen.
    pub setting: Option<&'c crate::data::catalog::Setting>,
    /// A credential revoked past reinstatement, to earn again when the profile names no
    /// target.
    pub regain: Option<&'c crate::data::catalog::Credential>,
    /// Credentials held but not in force, to restore first.
    pub restore: Vec<lapses::Restore<'c>>,
    /// The person's study preferences, which a trial may change (see [`remedies`]).
    pub prefs: Prefs,
    /// A trial run for a remedy: it suggests none of its own.
    pub exploring: bool,
}

/// How the person can study: the profile's preferences, as a plan (or a trial of another
/// choice) uses them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Prefs {
    /// Only these deliveries (empty: any).
    pub delivery: Vec<Delivery>,
    pub budget_usd: Option<f64>,
    pub hours_per_week: Option<f64>,
}

/// What a trial run of the planner added: kept apart until the run is chosen.
#[derive(Default)]
pub(crate) struct Delta<'c> {
    milestones: Vec<Milestone<'c>>,
    warnings: Vec<Warning<'c>>,
    sources: Vec<&'c Source>,
    used: BTreeSet<Assumed>,
    joined: BTreeSet<Body>,
}

impl<'p, 'c> Planner<'p, 'c> {
    fn new(person: &'p Person<'c>, catalog: &'c Catalog, as_of: NaiveDate) -> Self {
        Planner {
            person,
            catalog,
            as_of,
            milestones: Vec::new(),
            warnings: Vec::new(),
            used: BTreeSet::new(),
            sources: Vec::new(),
            joined: BTreeSet::new(),
            setting: None,
            regain: None,
            restore: Vec::new(),
            prefs: Prefs {
                delivery: person
                    .profile
                    .preferences
                    .delivery
                    .iter()
                    .map(|d| (*d).into())
                    .collect(),
                budget_usd: person.profile.preferences.budget_usd.map(|b| b.get()),
                hours_per_week: person.profile.preferences.hours_per_week.map(|h| h.get()),
            },
            exploring: false,
        }
    }

    /// Runs `f` as a trial: what it adds is taken back and returned, for [`Planner::commit`]
    /// if the trial is chosen.
    pub fn trial<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> (T, Delta<'c>) {
        let (m, w, s) = (
            self.milestones.len(),
            self.warnings.len(),
            self.sources.len(),
        );
        let (used, joined) = (self.used.clone(), self.joined.clone());
        let out = f(self);
        let delta = Delta {
            milestones: self.milestones.split_off(m),
            warnings: self.warnings.split_off(w),
            sources: self.sources.split_off(s),
            used: std::mem::replace(&mut self.used, used),
            joined: std::mem::replace(&mut self.joined, joined),
        };
        (out, delta)
    }

    /// Keeps what a chosen trial added.
    pub fn commit(&mut self, d: Delta<'c>) {
        self.milestones.extend(d.milestones);
        self.warnings.extend(d.warnings);
        for s in d.sources {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
        self.used.extend(d.used);
        self.joined.extend(d.joined);
    }

    /// A planning default, remembered so the plan lists it.
    pub fn assume(&mut self, which: Assumed) -> f64 {
        self.used.insert(which);
        let a = self.catalog.assumptions();
        match which {
            Assumed::HoursPerWeek => a.hours_per_week.value.get(),
            Assumed::FullTimeHoursPerWeek => a.full_time_hours_per_week.value.get(),
            Assumed::ExamPrepWeeks => a.exam_prep_weeks.value.get(),
            Assumed::GedMonths => a.ged_months.value.get(),
            Assumed::JobSearchMonths => a.job_search_months.value.get(),
            Assumed::UnknownLengthMonths => a.unknown_length_months.value.get(),
            Assumed::LongestSensibleMonths => a.longest_sensible_months.value.get(),
            Assumed::PracticodeMonths => a.practicode_months.value.get(),
            Assumed::ExperienceCoversSkillsMonths => a.experience_covers_skills_months.value.get(),
            Assumed::CredentialReviewMonths => a.credential_review_months.value.get(),
            Assumed::AdvanceAfterMonths => a.advance_after_months.value.get(),
        }
    }

    /// Why a planning default is used, as the data says.
    pub fn note(&self, which: Assumed) -> &'c str {
        let a = self.catalog.assumptions();
        match which {
            Assumed::HoursPerWeek => &a.hours_per_week.note,
            Assumed::FullTimeHoursPerWeek => &a.full_time_hours_per_week.note,
            Assumed::ExamPrepWeeks => &a.exam_prep_weeks.note,
            Assumed::GedMonths => &a.ged_months.note,
            Assumed::JobSearchMonths => &a.job_search_months.note,
            Assumed::UnknownLengthMonths => &a.unknown_length_months.note,
            Assumed::LongestSensibleMonths => &a.longest_sensible_months.note,
            Assumed::PracticodeMonths => &a.practicode_months.note,
            Assumed::ExperienceCoversSkillsMonths => &a.experience_covers_skills_months.note,
            Assumed::CredentialReviewMonths => &a.credential_review_months.note,
            Assumed::AdvanceAfterMonths => &a.advance_after_months.note,
        }
    }

    /// Study hours a week: the profile's, else the default.
    pub fn hours_per_week(&mut self) -> f64 {
        match self.prefs.hours_per_week {
            Some(h) => h,
            None => self.assume(Assumed::HoursPerWeek),
        }
    }

    /// The budget, if the profile gives one.
    pub fn budget(&self) -> Option<f64> {
        self.prefs.budget_usd
    }

    /// Deliveries the person accepts (empty: any).
    pub fn delivery(&self) -> &[Delivery] {
        &self.prefs.delivery
    }

    /// The end of exam preparation started on `start`.
    pub fn exam_date(&mut self, start: NaiveDate) -> NaiveDate {
        let weeks = self.assume(Assumed::ExamPrepWeeks);
        dates::add_weeks(start, weeks)
    }

    pub fn warn(&mut self, w: Warning<'c>) {
        self.warnings.push(w);
    }

    /// Cites sources, each once.
    pub fn cite(&mut self, sources: &'c [Source]) {
        for s in sources {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
    }

    fn stale_data(&mut self) {
        let raw = self.catalog.raw();
        let files: Vec<(String, NaiveDate)> = raw
            .stale_files(self.as_of)
            .into_iter()
            .map(|(f, d)| (raw.source(f).name().to_string(), d))
            .collect();
        if !files.is_empty() {
            self.warn(Warning::StaleData { files });
        }
    }
}
