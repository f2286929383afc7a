//! The roadmap planner: a profile, the reference data and an `as_of` date in, a dated and
//! costed plan out. Pure: no I/O, no clock.

pub mod eligibility;
pub mod programmes;
pub mod readiness;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::data::DataSet;
use crate::data::model::{Body, CompetencyKind, Credential, Education, FeeKind, Setting, Source};
use crate::person::profile::Profile;
use crate::render::format::usd;
use crate::rules;
use eligibility::Standing;
use programmes::{BudgetFit, Needs, ProgrammeChoice, add_months};
use readiness::Readiness;

/// A personalised roadmap. Serialised as the `plan --format json` interface.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub as_of: NaiveDate,
    pub person: String,
    pub target: TargetChoice,
    pub milestones: Vec<Milestone>,
    pub programme: Option<ProgrammeChoice>,
    pub alternatives: Vec<ProgrammeChoice>,
    pub costs: Vec<Cost>,
    /// What the plan costs up to job-ready (education, exams, membership); lowest known figures.
    pub total_cost_usd: f64,
    pub budget_usd: Option<f64>,
    /// The date the person is certified and ready to apply for coding jobs.
    pub job_ready: Option<NaiveDate>,
    pub warnings: Vec<Warning>,
    pub readiness: Readiness,
    pub outlook: Vec<OutlookFigure>,
    pub assumptions: Vec<AssumptionUsed>,
    pub sources: Vec<Source>,
}

/// The credential and setting the plan aims at, and why.
#[derive(Debug, Clone, Serialize)]
pub struct TargetChoice {
    pub credential: String,
    pub credential_name: String,
    pub body: Body,
    pub setting: String,
    pub setting_name: String,
    pub reason: String,
    /// A credential taken first on the way (e.g. CCA before CCS).
    pub first_step: Option<String>,
}

/// One dated stage of the roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    /// Stable id: `ged`, `programme`, `exam:CPC`, `apprentice:CPC`, `job`, `renewal:CPC`, `advance:…`.
    pub id: String,
    pub kind: MilestoneKind,
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub cost_usd: Option<f64>,
    pub why: String,
}

/// What a milestone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    Prerequisite,
    Education,
    Exam,
    Apprentice,
    Job,
    Renewal,
    Advancement,
}

/// A cost line up to job-ready.
#[derive(Debug, Clone, Serialize)]
pub struct Cost {
    pub milestone: String,
    pub label: String,
    pub usd: Option<f64>,
}

/// A problem with the plan, with a stable code.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

/// One BLS projection shown with the plan.
#[derive(Debug, Clone, Serialize)]
pub struct OutlookFigure {
    pub soc: String,
    pub title: String,
    pub vintage: String,
    pub percent_change: Option<f64>,
    pub base_employment: Option<u32>,
    pub projected_employment: Option<u32>,
    pub annual_openings: Option<u32>,
    pub median_pay_usd: Option<u32>,
    pub median_pay_year: Option<u16>,
    pub source: String,
}

/// A planning default the plan relied on.
#[derive(Debug, Clone, Serialize)]
pub struct AssumptionUsed {
    pub key: &'static str,
    pub value: f64,
    pub note: String,
}

/// What the education and certification stages of a plan settled.
struct Certification {
    programme: Option<ProgrammeChoice>,
    alternatives: Vec<ProgrammeChoice>,
    job_ready: NaiveDate,
    job_start: NaiveDate,
}

/// Why no plan could be made, and where in the profile to look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// Path of the profile field at fault.
    pub path: &'static str,
    pub message: String,
    pub expected: String,
}

/// Plans the road from `profile` to a coding job and beyond, as seen on `as_of`.
pub fn plan(profile: &Profile, data: &DataSet, as_of: NaiveDate) -> Result<Plan, PlanError> {
    Planner::new(profile, data, as_of).run()
}

struct Planner<'a> {
    profile: &'a Profile,
    data: &'a DataSet,
    as_of: NaiveDate,
    milestones: Vec<Milestone>,
    costs: Vec<Cost>,
    warnings: Vec<Warning>,
    used: BTreeSet<&'static str>,
    sources: Vec<Source>,
}

impl<'a> Planner<'a> {
    fn new(profile: &'a Profile, data: &'a DataSet, as_of: NaiveDate) -> Self {
        Planner {
            profile,
            data,
            as_of,
            milestones: Vec::new(),
            costs: Vec::new(),
            warnings: Vec::new(),
            used: BTreeSet::new(),
            sources: Vec::new(),
        }
    }

    /// A planning default, remembered so the plan can list it.
    fn assume(&mut self, key: &'static str) -> f64 {
        self.used.insert(key);
        self.data
            .assumptions
            .assumptions
            .all()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| a.value)
            .expect("every key passed here is an assumption")
    }

    fn warn(&mut self, code: &'static str, message: String) {
        self.warnings.push(Warning { code, message });
    }

    fn cite(&mut self, sources: &[Source]) {
        for s in sources {
            if !self
                .sources
                .iter()
                .any(|k| k.title == s.title && k.url == s.url)
            {
                self.sources.push(s.clone());
            }
        }
    }

    fn cost(&mut self, milestone: &str, label: String, usd: Option<f64>) {
        self.costs.push(Cost {
            milestone: milestone.into(),
            label,
            usd,
        });
    }

    fn run(mut self) -> Result<Plan, PlanError> {
        let (setting, target, reason) = self.choose_target()?;
        self.cite(&target.sources);
        self.cite(&setting.sources);
        let held: Vec<String> = self
            .profile
            .credentials
            .iter()
            .map(|h| h.id.clone())
            .collect();
        let mut standing = Standing {
            education: self.profile.education,
            accredited_degree: self.profile.accredited_degree,
            experience_months: self.profile.experience_months,
            credentials: held.iter().cloned().collect(),
            competencies: self.profile.completed.iter().cloned().collect(),
        };
        self.stale_data();
        let skills_after = self.assume("experience_covers_skills_months");
        let have = readiness::competencies_held(
            self.data,
            &self.profile.completed,
            &held,
            self.profile.experience_months,
            skills_after,
        );
        let missing: Vec<String> = setting
            .competencies
            .iter()
            .filter(|c| !have.iter().any(|h| &h.id == *c))
            .cloned()
            .collect();

        let mut t = self.as_of;
        if self.profile.education == Education::None {
            let months = self.assume("ged_months");
            let end = add_months(t, months);
            self.milestones.push(Milestone {
                id: "ged".into(),
                kind: MilestoneKind::Prerequisite,
                title: "Earn a high-school diploma or GED".into(),
                start: t,
                end,
                cost_usd: None,
                why: "Coding programmes and the AHIMA exams expect a high-school diploma or equivalent; it comes first.".into(),
            });
            self.cost(
                "ged",
                "High-school equivalency (cost not in the data)".into(),
                None,
            );
            standing.education = Education::HighSchool;
            t = end;
        }

        let holds_target = held.contains(&target.id);
        let first_step = if holds_target {
            None
        } else {
            self.first_step(target, setting, &standing)
        };
        let path = if holds_target {
            // A coder already at work needs no first-job stage.
            let job_start = if self.profile.experience_months > 0 {
                self.as_of
            } else {
                self.job(setting, target, t)
            };
            self.renewal_of_held(target);
            Certification {
                programme: None,
                alternatives: Vec::new(),
                job_ready: self.as_of,
                job_start,
            }
        } else {
            self.certification(setting, target, first_step, &missing, &mut standing, t)
        };
        for h in self.profile.credentials.iter().filter(|h| h.apprentice) {
            if let Some(c) = self.data.credential(&h.id) {
                self.apprentice(c, None, self.as_of);
            }
        }
        self.advancement(&standing, path.job_start);
        let closers = self.closers(path.programme.as_ref());
        let readiness = readiness::assess(self.data, setting, &have, &closers);
        let unclosed: Vec<&str> = readiness
            .missing
            .iter()
            .filter(|g| g.closed_by.is_none())
            .map(|g| g.name.as_str())
            .collect();
        if !unclosed.is_empty() {
            self.warn(
                "readiness_gap",
                format!(
                    "No stage of the plan covers: {}. Add a course that does.",
                    unclosed.join(", ")
                ),
            );
        }
        let outlook = self.outlook(target);
        let total_cost_usd = self.costs.iter().filter_map(|c| c.usd).sum();
        let assumptions = self
            .data
            .assumptions
            .assumptions
            .all()
            .into_iter()
            .filter(|(k, _)| self.used.contains(k))
            .map(|(key, a)| AssumptionUsed {
                key,
                value: a.value,
                note: a.note.clone(),
            })
            .collect();
        self.milestones.sort_by_key(|m| (m.start, m.end));
        Ok(Plan {
            as_of: self.as_of,
            person: self.profile.name.clone(),
            target: TargetChoice {
                credential: target.id.clone(),
                credential_name: target.name.clone(),
                body: target.body,
                setting: setting.id.clone(),
                setting_name: setting.name.clone(),
                reason,
                first_step: first_step.map(|c| c.id.clone()),
            },
            milestones: self.milestones,
            programme: path.programme,
            alternatives: path.alternatives,
            costs: self.costs,
            total_cost_usd,
            budget_usd: self.profile.preferences.budget_usd,
            job_ready: Some(path.job_ready),
            warnings: self.warnings,
            readiness,
            outlook,
            assumptions,
            sources: self.sources,
        })
    }

    /// Education, exam, first job, apprenticeship, renewal and any later target exam, from
    /// `t`; returns the chosen programme and the dates the person is job-ready and at work.
    fn certification(
        &mut self,
        setting: &'a Setting,
        target: &'a Credential,
        first_step: Option<&'a Credential>,
        missing: &[String],
        standing: &mut Standing,
        t: NaiveDate,
    ) -> Certification {
        let exam_cred = first_step.unwrap_or(target);
        let mut programme = None;
        let mut alternatives = Vec::new();
        let (fees, fee_note) = self.exam_fees(exam_cred);
        let hours = match self.profile.preferences.hours_per_week {
            Some(h) => h,
            None => self.assume("hours_per_week"),
        };
        let prep_weeks = self.assume("exam_prep_weeks");
        let topics_missing = missing.iter().any(|m| self.is_topic(m));
        let eligible_now = exam_cred
            .eligibility
            .as_ref()
            .is_none_or(|e| standing.meets_any(&e.required));
        let mut exam_start = t;
        if topics_missing || !eligible_now {
            let full_time = self.assume("full_time_hours_per_week");
            let unknown_length = self.assume("unknown_length_months");
            let needs = Needs {
                exam: exam_cred,
                standing,
                delivery: &self.profile.preferences.delivery,
                budget: self.profile.preferences.budget_usd,
                other_costs: fees,
                hours_per_week: hours,
                full_time_hours: full_time,
                unknown_length_months: unknown_length,
                prep_weeks,
                start: t,
                target_by: self.profile.target.as_ref().and_then(|x| x.by),
                missing,
            };
            match programmes::rank(self.data, &needs) {
                Ok(mut ranked) => {
                    let chosen = ranked.remove(0);
                    alternatives = ranked.into_iter().take(3).collect();
                    self.deadline_and_budget(&chosen, &alternatives, &needs);
                    self.programme_stage(&chosen);
                    exam_start = chosen.end;
                    programme = Some(chosen);
                }
                Err(why) => self.warn("no_programme", why),
            }
            if let Some(p) = programme.as_ref().and_then(|c| self.data.programme(&c.id)) {
                *standing = programmes::after(standing, p);
            }
        } else {
            self.cost(
                "programme",
                "No programme needed: completed courses cover every topic".into(),
                Some(0.0),
            );
        }
        let exam_date = exam_start + Days::new((prep_weeks * 7.0).round() as u64);
        self.exam(exam_cred, standing, exam_start, exam_date, fees, &fee_note);
        standing.credentials.insert(exam_cred.id.clone());
        let job_start = self.job(setting, exam_cred, exam_date);
        self.apprentice(exam_cred, programme.as_ref(), job_start);
        self.renewal(exam_cred, exam_start, exam_date);
        if let Some(step) = first_step {
            self.target_after_step(target, step, job_start);
        }
        Certification {
            programme,
            alternatives,
            job_ready: exam_date,
            job_start,
        }
    }

    /// The target credential and setting: named in the profile, else the setting's best fit.
    fn choose_target(&self) -> Result<(&'a Setting, &'a Credential, String), PlanError> {
        let data = self.data;
        let held = self.profile.credentials.first();
        let (setting_id, named) = match (&self.profile.target, held) {
            (Some(t), _) => (t.setting.as_str(), t.credential.as_deref()),
            (None, Some(h)) => {
                let setting = data
                    .credential(&h.id)
                    .and_then(|c| c.settings.first())
                    .map(String::as_str);
                match setting {
                    Some(s) => (s, Some(h.id.as_str())),
                    None => return Err(no_target()),
                }
            }
            (None, None) => return Err(no_target()),
        };
        let setting = data.setting(setting_id).ok_or_else(|| PlanError {
            path: "target.setting",
            message: format!("unknown setting `{setting_id}`"),
            expected: "a setting id from `coderpath data list settings`".into(),
        })?;
        let (credential, reason) = match named {
            Some(id) => {
                let c = data.credential(id).ok_or_else(|| PlanError {
                    path: "target.credential",
                    message: format!("unknown credential `{id}`"),
                    expected: "a credential id from `coderpath data list credentials`".into(),
                })?;
                let fit = if c.settings.contains(&setting.id) {
                    "it fits"
                } else {
                    "it is not among the credentials listed for"
                };
                (
                    c,
                    format!(
                        "{id} is {}; {fit} {}",
                        if self.profile.target.is_some() {
                            "named in the profile"
                        } else {
                            "held (the profile names no target)"
                        },
                        setting.name.to_lowercase()
                    ),
                )
            }
            None => {
                let id = setting.credentials.first().ok_or_else(|| PlanError {
                    path: "target.setting",
                    message: format!("the setting `{}` lists no credentials", setting.id),
                    expected: "a target credential in the profile".into(),
                })?;
                let c = data
                    .credential(id)
                    .expect("data check resolves setting credentials");
                let others = setting.credentials[1..].join(", ");
                (
                    c,
                    format!(
                        "{id} ({}) is the best fit for {} in the settings data{}",
                        c.name,
                        setting.name.to_lowercase(),
                        if others.is_empty() {
                            String::new()
                        } else {
                            format!("; alternatives: {others}")
                        }
                    ),
                )
            }
        };
        Ok((setting, credential, reason))
    }

    /// A credential to take first when the target's recommended routes are out of reach and
    /// one of them runs through another credential of the setting (e.g. CCA before CCS).
    fn first_step(
        &self,
        target: &Credential,
        setting: &Setting,
        standing: &Standing,
    ) -> Option<&'a Credential> {
        let el = target.eligibility.as_ref()?;
        if el.recommended.is_empty() || standing.meets_any(&el.recommended) {
            return None;
        }
        el.recommended
            .iter()
            .flat_map(|r| &r.credentials_any)
            .find_map(|id| {
                let c = self.data.credential(id)?;
                let reachable = c
                    .eligibility
                    .as_ref()
                    .is_some_and(|e| standing.meets_any(&e.required));
                (setting.credentials.contains(id)
                    && !standing.credentials.contains(id)
                    && reachable)
                    .then_some(c)
            })
    }

    fn is_topic(&self, id: &str) -> bool {
        self.data
            .competencies
            .competencies
            .iter()
            .any(|c| c.id == id && c.kind == CompetencyKind::Topic)
    }

    /// The exam fee the person would pay plus membership where required; returns the total
    /// and a note of what it includes.
    fn exam_fees(&mut self, c: &Credential) -> (f64, String) {
        let member = self.profile.memberships.contains(&c.body);
        let mut total = 0.0;
        let mut notes = Vec::new();
        let fee = c.exam.as_ref().and_then(|e| {
            let order: &[FeeKind] = if member || c.membership_required {
                &[
                    FeeKind::Member,
                    FeeKind::OneAttempt,
                    FeeKind::TwoAttempts,
                    FeeKind::NonMember,
                ]
            } else {
                &[
                    FeeKind::NonMember,
                    FeeKind::OneAttempt,
                    FeeKind::TwoAttempts,
                    FeeKind::Member,
                ]
            };
            order
                .iter()
                .find_map(|k| e.fees.iter().find(|f| f.kind == *k))
        });
        match fee {
            Some(f) => {
                total += f.usd;
                let kind = serde_json::to_value(f.kind).expect("fee kinds serialise");
                notes.push(format!(
                    "exam fee {} ({})",
                    usd(f.usd),
                    kind.as_str().unwrap_or("").replace('_', " ")
                ));
            }
            None => {
                self.warn("unknown_fee", format!("The {} exam fee was not found in the sources; the plan's cost leaves it out.", c.id));
                notes.push("exam fee not found".into());
            }
        }
        if c.membership_required && !member {
            let fee = rules::rulebook_for(self.data, c.body, self.as_of)
                .and_then(|r| r.fees.iter().find(|f| f.id == "membership"));
            match fee {
                Some(f) => {
                    total += f.usd;
                    notes.push(format!(
                        "{} {} (needed to sit the exam)",
                        f.label,
                        usd(f.usd)
                    ));
                }
                None => notes.push(format!("{} membership (fee not found)", c.body.as_str())),
            }
        }
        (total, notes.join("; "))
    }

    fn programme_stage(&mut self, chosen: &ProgrammeChoice) {
        let p = self
            .data
            .programme(&chosen.id)
            .expect("ranked programmes exist");
        self.cite(&p.sources);
        let cost_label = match chosen.cost_range_usd {
            Some(r) if r.min != r.max => {
                format!("{} (low end of {}–{})", p.name, usd(r.min), usd(r.max))
            }
            Some(_) => p.name.clone(),
            None => format!("{} (cost not found)", p.name),
        };
        self.cost("programme", cost_label, chosen.cost_usd);
        if chosen.cost_usd.is_none() {
            self.warn(
                "unknown_cost",
                format!(
                    "The cost of {} was not found in the sources; check it with the provider.",
                    p.name
                ),
            );
        }
        if !chosen.length_known {
            self.warn(
                "unknown_length",
                format!(
                    "The length of {} was not found; the plan assumes {} months.",
                    p.name, chosen.months
                ),
            );
        }
        self.milestones.push(Milestone {
            id: "programme".into(),
            kind: MilestoneKind::Education,
            title: format!("Complete: {}", p.name),
            start: chosen.start,
            end: chosen.end,
            cost_usd: chosen.cost_usd,
            why: chosen.why.join("; "),
        });
    }

    /// Warnings for a missed target date and an exceeded budget, with what would fix them.
    fn deadline_and_budget(
        &mut self,
        chosen: &ProgrammeChoice,
        alternatives: &[ProgrammeChoice],
        needs: &Needs,
    ) {
        if let (Some(false), Some(by)) = (chosen.meets_target_date, needs.target_by) {
            let late = (chosen.exam_date - by).num_weeks();
            let mut fix = Vec::new();
            if let Some(h) = chosen.scalable_hours {
                let weeks =
                    ((by - chosen.start).num_days() as f64 / 7.0 - needs.prep_weeks).max(0.0);
                let per_week = if weeks > 0.0 {
                    (h / weeks).ceil()
                } else {
                    f64::INFINITY
                };
                if per_week <= 80.0 {
                    fix.push(format!(
                        "studying {per_week} hours a week instead of {} would meet it",
                        crate::render::format::num(needs.hours_per_week)
                    ));
                }
            }
            if let Some(alt) = alternatives
                .iter()
                .find(|a| a.meets_target_date == Some(true))
            {
                fix.push(format!("{} would meet it", alt.name));
            }
            if fix.is_empty() {
                fix.push("no programme in the data meets it; consider a later target date".into());
            }
            self.warn(
                "misses_target_date",
                format!(
                    "Job-ready on {}, {late} weeks after the {by} target: {}.",
                    chosen.exam_date,
                    fix.join("; ")
                ),
            );
        }
        if let (Some(b), BudgetFit::Over | BudgetFit::MayFit) = (needs.budget, chosen.budget_fit) {
            let cost = chosen.cost_usd.unwrap_or(0.0) + needs.other_costs;
            if cost > b || chosen.budget_fit == BudgetFit::Over {
                let cheapest = std::iter::once(chosen)
                    .chain(alternatives)
                    .filter_map(|c| c.cost_usd.map(|v| (v, c)))
                    .min_by(|a, b| a.0.total_cmp(&b.0));
                let hint = cheapest.map_or(String::new(), |(v, c)| {
                    format!(
                        "; the cheapest option, {}, costs {} with fees",
                        c.name,
                        usd(v + needs.other_costs)
                    )
                });
                self.warn(
                    "over_budget",
                    format!(
                        "The plan costs {} to job-ready, {} over the {} budget{hint}.",
                        usd(cost),
                        usd(cost - b),
                        usd(b)
                    ),
                );
            }
        }
    }

    fn exam(
        &mut self,
        c: &Credential,
        standing: &Standing,
        start: NaiveDate,
        date: NaiveDate,
        fees: f64,
        fee_note: &str,
    ) {
        let mut eligible = true;
        let mut why = vec![fee_note.to_string()];
        if let Some(e) = &c.exam {
            self.cite(&e.sources);
            let mut fmt = Vec::new();
            if let Some(q) = e.questions {
                fmt.push(format!("{q} questions"));
            }
            if let Some(m) = e.minutes {
                fmt.push(format!("{m} minutes"));
            }
            if let Some(p) = &e.passing {
                fmt.push(format!("pass mark {p}"));
            }
            if !fmt.is_empty() {
                why.push(fmt.join(", "));
            }
        }
        match &c.eligibility {
            None => self.warn(
                "eligibility_unknown",
                format!(
                    "{} eligibility was not found in the sources; confirm it with {}.",
                    c.id,
                    c.body.as_str()
                ),
            ),
            Some(el) => {
                self.cite(&el.sources);
                if !standing.meets_any(&el.required) {
                    let reasons: Vec<String> = el
                        .required
                        .iter()
                        .map(|r| standing.unmet(r).join(" and "))
                        .collect();
                    eligible = false;
                    why.insert(0, format!("not yet eligible: {}", reasons.join("; or ")));
                    self.warn(
                        "not_eligible",
                        format!(
                            "Not yet eligible for the {} exam: {}.",
                            c.id,
                            reasons.join("; or ")
                        ),
                    );
                } else if !el.recommended.is_empty() && !standing.meets_any(&el.recommended) {
                    let r: Vec<String> = el
                        .recommended
                        .iter()
                        .map(|r| standing.unmet(r).join(" and "))
                        .collect();
                    why.push(format!(
                        "{} recommends (not requires): {}",
                        c.body.as_str(),
                        r.join("; or ")
                    ));
                }
            }
        }
        self.cost(
            &format!("exam:{}", c.id),
            format!("{} exam: {fee_note}", c.id),
            Some(fees),
        );
        self.milestones.push(Milestone {
            id: format!("exam:{}", c.id),
            kind: MilestoneKind::Exam,
            title: if eligible {
                format!(
                    "Prepare for and pass the {} exam ({})",
                    c.id,
                    c.body.as_str()
                )
            } else {
                format!(
                    "Become eligible for, then pass, the {} exam ({})",
                    c.id,
                    c.body.as_str()
                )
            },
            start,
            end: date,
            cost_usd: Some(fees),
            why: why.join("; "),
        });
    }

    /// The first-job milestone; returns the job's start date.
    fn job(&mut self, setting: &Setting, c: &Credential, from: NaiveDate) -> NaiveDate {
        let months = self.assume("job_search_months");
        let start = add_months(from, months);
        let skills: Vec<String> = setting
            .competencies
            .iter()
            .filter_map(|id| {
                self.data
                    .competencies
                    .competencies
                    .iter()
                    .find(|x| &x.id == id && x.kind == CompetencyKind::Skill)
            })
            .map(|x| x.name.clone())
            .collect();
        let why = format!(
            "With {} in hand, apply for coding roles; the work: {}.{}",
            c.id,
            skills.join("; "),
            setting
                .share_note
                .as_ref()
                .map_or(String::new(), |n| format!(" {n}"))
        );
        self.milestones.push(Milestone {
            id: "job".into(),
            kind: MilestoneKind::Job,
            title: format!(
                "Find and start a first coding job: {}",
                setting.name.to_lowercase()
            ),
            start: from,
            end: start,
            cost_usd: None,
            why,
        });
        start
    }

    /// CPC-A / COC-A removal by the route that fits the person, counting coding work from
    /// `job_start` on top of the experience they already have.
    fn apprentice(
        &mut self,
        c: &Credential,
        programme: Option<&ProgrammeChoice>,
        job_start: NaiveDate,
    ) {
        let Some(a) = &c.apprentice else { return };
        self.cite(&a.sources);
        let prog = programme.and_then(|p| self.data.programme(&p.id));
        let course = prog.is_some_and(|p| p.apprentice_course_hours.is_some_and(|h| h >= 80.0));
        let practicode = self.profile.practicode || prog.is_some_and(|p| p.practicode);
        let route = a
            .removal_routes
            .iter()
            .filter(|r| r.course_hours.is_none_or(|_| course) && (!r.practicode || practicode))
            .min_by_key(|r| r.experience_months)
            .expect("a route needing only experience always applies");
        let have = self.profile.experience_months;
        let remaining = route.experience_months.saturating_sub(have);
        let end = job_start + Months::new(remaining);
        let how = match (route.course_hours, route.practicode) {
            (Some(h), _) => format!(
                "{} months of coding work plus the programme's {h}-hour course",
                route.experience_months
            ),
            (None, true) => format!(
                "{} months of coding work plus Practicode",
                route.experience_months
            ),
            _ => format!("{} months of coding work", route.experience_months),
        };
        let why = format!(
            "{} is given on passing without experience; it is removed with {how} ({have} months already counted). Employers verify the work by letter.",
            a.designation
        );
        self.milestones.push(Milestone {
            id: format!("apprentice:{}", c.id),
            kind: MilestoneKind::Apprentice,
            title: format!("Remove the {} apprentice status", a.designation),
            start: job_start,
            end,
            cost_usd: None,
            why,
        });
    }

    /// The first renewal after certifying on `certified` (joining the body at `joined`).
    fn renewal(&mut self, c: &Credential, joined: NaiveDate, certified: NaiveDate) {
        let Some(book) = rules::rulebook_for(self.data, c.body, certified) else {
            return;
        };
        self.cite(&book.sources);
        let full = rules::single_credential_ceus(book, &c.id).unwrap_or(0.0);
        let (due, ceus, how) = match c.body {
            Body::AAPC => {
                let renews = self.profile.aapc_renewal.unwrap_or(joined);
                let due = rules::aapc_due_after(renews, certified);
                let ceus = rules::aapc_prorated(full, certified, due);
                (
                    due,
                    ceus,
                    format!(
                        "estimated: {full} CEUs pro-rated to the {} months from certification to the due date, ceil({full} × months / 24)",
                        rules::whole_months(certified, due).min(24)
                    ),
                )
            }
            Body::AHIMA => (
                rules::ahima_cycle_end(certified),
                full,
                "two years from the day the exam is passed".to_string(),
            ),
        };
        let fee = book
            .fees
            .iter()
            .find(|f| f.id == "membership" || f.id == "recertification");
        let why = format!(
            "{ceus} CEUs due by {due} ({how}); rulebook {}.{}",
            book.id,
            fee.map_or(String::new(), |f| format!(" {} {}.", f.label, usd(f.usd)))
        );
        self.milestones.push(Milestone {
            id: format!("renewal:{}", c.id),
            kind: MilestoneKind::Renewal,
            title: format!("First {} renewal: {ceus} CEUs", c.id),
            start: certified,
            end: due,
            cost_usd: fee.map(|f| f.usd),
            why,
        });
    }

    /// The next renewal of a credential the person already holds.
    fn renewal_of_held(&mut self, c: &Credential) {
        // The tracker knows the current cycle and requirement; the plan needs no CEU log for it.
        let status = crate::track::status(
            self.profile,
            &crate::person::log::Log::default(),
            self.data,
            self.as_of,
        );
        let body = status
            .ok()
            .and_then(|s| s.bodies.into_iter().find(|b| b.body == c.body));
        match body {
            Some(b) => {
                let why = format!(
                    "{} CEUs due by {} ({}); rulebook {}. `coderpath ceu status` tracks them against the log.",
                    crate::render::format::num(b.required),
                    b.cycle.end,
                    b.basis,
                    b.rulebook
                );
                let fee = b.fees.first().map(|f| f.usd);
                let title = format!("Next {} renewal: {} CEUs", c.body.as_str(), crate::render::format::num(b.required));
                self.milestones.push(Milestone { id: format!("renewal:{}", c.id), kind: MilestoneKind::Renewal, title, start: b.cycle.start, end: b.cycle.end, cost_usd: fee, why });
            }
            None => self.warn(
                "renewal_unknown",
                format!("The {} renewal could not be placed (for AAPC the profile needs `aapc_renewal`).", c.id),
            ),
        }
    }

    /// The target exam after a first step (e.g. CCS once CCA plus a year of coding).
    fn target_after_step(&mut self, target: &Credential, step: &Credential, job_start: NaiveDate) {
        let months = target
            .eligibility
            .as_ref()
            .and_then(|e| {
                e.recommended
                    .iter()
                    .find(|r| r.credentials_any.contains(&step.id))
            })
            .and_then(|r| r.experience_months)
            .unwrap_or(0);
        let remaining = months.saturating_sub(self.profile.experience_months);
        let date = job_start + Months::new(remaining);
        let (fees, note) = self.exam_fees(target);
        let why = format!(
            "{} recommends {} plus {months} months of coding before the {} exam; {note}",
            target.body.as_str(),
            step.id,
            target.id
        );
        self.milestones.push(Milestone {
            id: format!("exam:{}", target.id),
            kind: MilestoneKind::Exam,
            title: format!("Pass the {} exam ({})", target.id, target.body.as_str()),
            start: job_start,
            end: date,
            cost_usd: Some(fees),
            why,
        });
    }

    /// Advancement options from the careers data, dated after time in the first job.
    fn advancement(&mut self, standing: &Standing, job_start: NaiveDate) {
        let months = self.assume("advance_after_months");
        let from = add_months(job_start, months);
        for career in &self.data.careers.careers {
            let p = &career.prerequisites;
            let mut needs = Vec::new();
            if !p.credentials_any.is_empty() {
                let met = p
                    .credentials_any
                    .iter()
                    .any(|c| standing.credentials.contains(c));
                needs.push(format!(
                    "one of {} ({})",
                    p.credentials_any.join(", "),
                    if met { "met by the plan" } else { "not yet" }
                ));
            }
            if let Some(e) = p.education {
                let met = standing.education >= e;
                needs.push(format!(
                    "{} ({})",
                    crate::render::lists::education(e),
                    if met { "met" } else { "not yet" }
                ));
            }
            if let Some(m) = p.experience_months {
                needs.push(format!("{m} months of experience"));
            }
            let creds = if career.credentials.is_empty() {
                String::new()
            } else {
                format!(" Credentials: {}.", career.credentials.join(", "))
            };
            let why = format!(
                "Prerequisites: {}.{creds}{}",
                if needs.is_empty() {
                    "none stated in the sources".into()
                } else {
                    needs.join("; ")
                },
                career
                    .note
                    .as_ref()
                    .map_or(String::new(), |n| format!(" {n}"))
            );
            self.cite(&career.sources);
            self.milestones.push(Milestone {
                id: format!("advance:{}", career.id),
                kind: MilestoneKind::Advancement,
                title: format!("Option: {}", career.name),
                start: from,
                end: from,
                cost_usd: None,
                why,
            });
        }
    }

    /// Stages that close competency gaps: the programme's topics, then skills on the job.
    fn closers(&self, programme: Option<&ProgrammeChoice>) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        if let Some(p) = programme.and_then(|c| self.data.programme(&c.id)) {
            out.push(("programme".to_string(), p.competencies.clone()));
        }
        if self.milestones.iter().any(|m| m.id == "job") {
            let skills = self
                .data
                .competencies
                .competencies
                .iter()
                .filter(|c| c.kind == CompetencyKind::Skill)
                .map(|c| c.id.clone())
                .collect();
            out.push(("job".to_string(), skills));
        }
        out
    }

    fn outlook(&mut self, target: &Credential) -> Vec<OutlookFigure> {
        let data = self.data;
        let Some(occ) = data
            .outlook
            .occupations
            .iter()
            .find(|o| o.credentials.contains(&target.id))
        else {
            return Vec::new();
        };
        self.cite(&occ.sources);
        let mut out = Vec::new();
        for soc in std::iter::once(&occ.soc).chain(&occ.related) {
            let mut rows: Vec<_> = data
                .outlook
                .outlook
                .iter()
                .filter(|o| &o.soc == soc)
                .collect();
            rows.sort_by_key(|o| std::cmp::Reverse(o.base_year));
            for o in rows {
                self.cite(&o.sources);
                let s = &o.sources[0];
                out.push(OutlookFigure {
                    soc: o.soc.clone(),
                    title: o.title.clone(),
                    vintage: o.vintage.clone(),
                    percent_change: o.percent_change,
                    base_employment: o.base_employment,
                    projected_employment: o.projected_employment,
                    annual_openings: o.annual_openings,
                    median_pay_usd: o.median_pay_usd,
                    median_pay_year: o.median_pay_year,
                    source: s.url.clone().unwrap_or_else(|| s.title.clone()),
                });
            }
        }
        out
    }

    fn stale_data(&mut self) {
        let stale: Vec<String> = self
            .data
            .stale_files(self.as_of)
            .into_iter()
            .map(|(f, d)| format!("{} ({d})", self.data.source(f).name()))
            .collect();
        if !stale.is_empty() {
            self.warn(
                "stale_data",
                format!(
                    "Reference data more than 2 years old: {}; fees and rules may have changed.",
                    stale.join(", ")
                ),
            );
        }
    }
}

fn no_target() -> PlanError {
    PlanError {
        path: "target",
        message: "the profile has no target and holds no credential to plan from".into(),
        expected: "`target: { setting: physician_office }` (see `coderpath data list settings`)"
            .into(),
    }
}
