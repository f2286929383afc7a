//! The roadmap view model: every figure and sentence written from the planner's facts.
//! Templates (`plan.md`, `plan.html`) and the text renderer read only this.

use serde::Serialize;

use super::code::code;
use super::ics::CalEvent;
use super::plan_words as words;
use super::table::Table;
use super::timeline::{Timeline, timeline};
use super::words::{count, in_sentence, num, thousands, usd};
use super::wrap::{labelled, wrap};
use super::{route_words, warning_words};
use crate::data::model::{Outlook, Source, SourceTag};
use crate::plan::readiness::{Basis, Readiness};
use crate::plan::{Cost, Plan, Stage};

/// A label and its value.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub label: String,
    pub value: String,
}

fn pair(label: &str, value: impl Into<String>) -> Pair {
    Pair {
        label: label.into(),
        value: value.into(),
    }
}

/// Everything a roadmap report shows.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub title: String,
    pub person: String,
    pub as_of: String,
    pub summary: Vec<Pair>,
    pub milestones: Vec<MilestoneRow>,
    pub costs: Vec<Pair>,
    pub total_cost: String,
    pub alternatives: Vec<ChoiceRow>,
    pub warnings: Vec<Pair>,
    pub readiness: ReadinessView,
    pub outlook: Vec<OutlookRow>,
    /// Older or broader groups' figures, not comparable with `outlook`.
    pub outlook_related: Vec<OutlookRow>,
    pub assumptions: Vec<Pair>,
    pub sources: Vec<SourceRow>,
    pub timeline: Timeline,
}

/// One milestone, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneRow {
    /// The planner's stable id (for links and calendars).
    pub id: String,
    /// A CSS class for the kind of stage.
    pub kind: String,
    /// The kind of stage in words.
    pub stage: String,
    pub title: String,
    pub start: String,
    pub end: String,
    pub cost: String,
    pub why: String,
}

/// A ranked programme.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceRow {
    pub rank: String,
    pub name: String,
    pub cost: String,
    pub months: String,
    pub why: String,
}

/// Readiness, formatted, with progress bars now and after the plan.
#[derive(Debug, Clone, Serialize)]
pub struct ReadinessView {
    pub setting: String,
    pub score: u32,
    pub bars: Vec<ProgressBar>,
    pub have: Vec<Pair>,
    pub missing: Vec<Pair>,
}

/// A labelled share, 0–100.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressBar {
    pub label: String,
    pub percent: u32,
}

/// One BLS projection, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct OutlookRow {
    pub soc: String,
    pub title: String,
    pub vintage: String,
    pub change: String,
    pub jobs: String,
    pub openings: String,
    pub pay: String,
    pub note: String,
}

/// A cited source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    pub title: String,
    pub url: String,
    pub date: String,
    pub tag: String,
}

/// A CSS class for a stage.
pub fn kind_class(s: &Stage) -> &'static str {
    match s {
        Stage::Diploma => "prerequisite",
        Stage::Programme { .. } => "education",
        Stage::Work { .. } | Stage::Job { .. } => "job",
        Stage::Exam(_) => "exam",
        Stage::Apprentice(_) => "apprentice",
        Stage::Renewal(_) | Stage::Restore { .. } => "renewal",
        Stage::Advancement { .. } => "advancement",
    }
}

/// A cost: `$425`, `not found` or `—`.
pub fn money(c: Cost) -> String {
    match c {
        Cost::Known(v) => usd(v),
        Cost::Unknown => "not found".into(),
        Cost::None => "—".into(),
    }
}

/// How much to trust a source, in words.
pub fn tag(t: SourceTag) -> &'static str {
    match t {
        SourceTag::Official => "official",
        SourceTag::OfficialMirror => "copy of an official page",
        SourceTag::Gov => "government",
        SourceTag::School => "school",
        SourceTag::Secondary => "secondary",
    }
}

/// Source rows for a list of sources.
pub fn source_rows<'a>(sources: impl Iterator<Item = &'a Source>) -> Vec<SourceRow> {
    sources
        .map(|s| SourceRow {
            title: s.title.clone(),
            url: s.url.clone().unwrap_or_default(),
            date: s.date.clone(),
            tag: tag(s.tag).into(),
        })
        .collect()
}

fn outlook_rows(rows: &[Outlook]) -> Vec<OutlookRow> {
    let nf = || "not found".to_string();
    rows.iter()
        .map(|o| OutlookRow {
            soc: o.soc.clone(),
            title: o.title.clone(),
            vintage: o.vintage.clone(),
            change: o.percent_change.map_or_else(nf, |p| format!("{}%", num(p))),
            jobs: o
                .base_employment
                .map_or_else(nf, |e| format!("{} ({})", thousands(e.into()), o.base_year)),
            openings: o.annual_openings.map_or_else(nf, |e| thousands(e.into())),
            pay: o
                .median_pay_usd
                .map_or_else(nf, |p| match o.median_pay_year {
                    Some(y) => format!("{} (May {y})", usd(p.into())),
                    None => format!("{} (year not shown)", usd(p.into())),
                }),
            note: o.note.clone().unwrap_or_default(),
        })
        .collect()
}

impl PlanView {
    /// Formats `plan` for reports.
    pub fn new(plan: &Plan) -> PlanView {
        let t = &plan.target;
        let setting = in_sentence(&t.setting.name);
        let mut summary = vec![
            pair(
                "Target",
                format!(
                    "{} ({}, {}) for {setting}",
                    t.credential.id,
                    t.credential.name,
                    t.credential.body.as_str()
                ),
            ),
            pair("Why this target", route_words::target_reason(t)),
        ];
        if let Some(r) = &plan.route {
            let prepared = plan.programme.is_some();
            summary.push(pair("Route", route_words::route(r, t, prepared)));
        }
        if let Some(step) = t.first_step {
            summary.push(pair(
                "First step",
                format!("{}, then {}", step.id, t.credential.id),
            ));
        }
        if let Some(p) = &plan.programme {
            let cost = if p.cost_usd.is_none() {
                "; cost not found"
            } else {
                ""
            };
            summary.push(pair(
                "Programme",
                format!("{} ({} to {}{cost})", p.programme.name, p.start, p.end),
            ));
        }
        summary.push(pair(
            "Job-ready",
            match plan.job_ready {
                Some(d) if d <= plan.as_of => "now".to_string(),
                Some(d) => plan
                    .milestones
                    .iter()
                    .filter(|m| m.end == d)
                    .find_map(|m| match &m.stage {
                        Stage::Restore {
                            credentials,
                            revoked,
                            ..
                        } => Some(format!(
                            "once {} is {} (by {d})",
                            super::words::and_list(&super::plan_words::ids(credentials)),
                            if *revoked {
                                "reinstated"
                            } else {
                                "active again"
                            }
                        )),
                        _ => None,
                    })
                    .unwrap_or_else(|| d.to_string()),
                None => "not reachable with this data".into(),
            },
        ));
        let total = if plan.costs.lines.is_empty() {
            "none".to_string()
        } else {
            route_words::cost_words(plan.costs.known_usd, plan.costs.unknown)
        };
        let headline = if plan.costs.lines.is_empty() {
            "none: nothing left to pay for".to_string()
        } else {
            total.clone()
        };
        summary.push(pair(
            "Cost to the target",
            match plan.budget_usd {
                Some(b) => format!("{headline} (budget {})", usd(b)),
                None => headline,
            },
        ));
        summary.push(pair(
            "Readiness now",
            format!("{}% of what {setting} asks", plan.readiness.score),
        ));
        PlanView {
            title: format!("Roadmap for {}", plan.person),
            person: plan.person.clone(),
            as_of: plan.as_of.to_string(),
            summary,
            milestones: plan
                .milestones
                .iter()
                .map(|m| MilestoneRow {
                    id: m.id.clone(),
                    kind: kind_class(&m.stage).into(),
                    stage: words::stage_label(&m.stage).into(),
                    title: words::title(m),
                    start: m.start.to_string(),
                    end: m.end.to_string(),
                    cost: money(m.cost),
                    why: words::why(m),
                })
                .collect(),
            costs: plan
                .costs
                .lines
                .iter()
                .map(|c| pair(&route_words::cost_item(&c.item), money(c.cost)))
                .collect(),
            total_cost: total,
            alternatives: plan
                .programme
                .iter()
                .chain(&plan.alternatives)
                .map(|c| ChoiceRow {
                    rank: c.rank.to_string(),
                    name: c.programme.name.clone(),
                    cost: c.cost_range_usd.map_or("not found".into(), |(lo, hi)| {
                        super::words::usd_range(lo, hi)
                    }),
                    months: num(c.months),
                    why: route_words::programme_why(c, plan.budget_usd),
                })
                .collect(),
            warnings: plan
                .warnings
                .iter()
                .map(|w| {
                    let (label, value) = warning_words::warning(w);
                    Pair { label, value }
                })
                .collect(),
            readiness: readiness_view(&plan.readiness, plan),
            outlook: plan
                .outlook
                .as_ref()
                .map_or_else(Vec::new, |o| outlook_rows(o.own)),
            outlook_related: plan
                .outlook
                .as_ref()
                .map_or_else(Vec::new, |o| outlook_rows(o.related)),
            assumptions: plan
                .assumptions
                .iter()
                .map(|a| {
                    pair(
                        warning_words::assumption(a.key),
                        format!("{} — {}", num(a.value), a.note),
                    )
                })
                .collect(),
            sources: source_rows(plan.sources.iter().copied()),
            timeline: timeline(plan),
        }
    }

    /// The terminal rendering: the headline and the warnings first, then the timeline,
    /// readiness, programmes, costs, outlook and assumptions.
    pub fn to_text(&self, width: u16, color: bool) -> String {
        let w = usize::from(width);
        let mut out = wrap(&format!("{} (as of {})", self.title, self.as_of), w, "", "");
        out.push('\n');
        for p in &self.summary {
            out.push_str(&labelled(&format!("{}:", p.label), 19, &p.value, w));
        }
        if !self.warnings.is_empty() {
            out.push_str("\nWarnings\n");
            for x in &self.warnings {
                out.push_str(&wrap(&format!("{}: {}", x.label, x.value), w, "  ", "    "));
            }
        }
        let timeline = Table::new(
            "\nTimeline",
            &["Stage", "Start", "End", "Cost", "What and why"],
            self.milestones
                .iter()
                .map(|m| {
                    vec![
                        m.stage.clone(),
                        m.start.clone(),
                        m.end.clone(),
                        m.cost.clone(),
                        format!("{}\n{}", m.title, m.why),
                    ]
                })
                .collect(),
        );
        out.push_str(&timeline.to_text(width, color));
        out.push('\n');
        out.push_str(&self.readiness_section(w));
        if !self.alternatives.is_empty() {
            let t = Table::new(
                "\nProgrammes considered",
                &["#", "Programme", "Cost", "Months", "Why it ranks here"],
                self.alternatives
                    .iter()
                    .map(|c| {
                        vec![
                            c.rank.clone(),
                            c.name.clone(),
                            c.cost.clone(),
                            c.months.clone(),
                            c.why.clone(),
                        ]
                    })
                    .collect(),
            );
            out.push_str(&t.to_text(width, color));
        }
        out.push_str("\nCosts to the target\n");
        for c in &self.costs {
            out.push_str(&labelled(&format!("  {:>10}", c.value), 13, &c.label, w));
        }
        out.push_str(&labelled(
            &format!("  {:>10}", self.total_cost),
            13,
            "total",
            w,
        ));
        for (title, rows) in [
            ("\nBLS outlook (newest vintage first)", &self.outlook),
            (
                "\nOlder or broader groups (not comparable)",
                &self.outlook_related,
            ),
        ] {
            if rows.is_empty() {
                continue;
            }
            let t = Table::new(
                title,
                &[
                    "SOC",
                    "Vintage",
                    "Change",
                    "Jobs",
                    "Openings a year",
                    "Median pay",
                ],
                rows.iter()
                    .map(|o| {
                        vec![
                            o.soc.clone(),
                            o.vintage.clone(),
                            o.change.clone(),
                            o.jobs.clone(),
                            o.openings.clone(),
                            o.pay.clone(),
                        ]
                    })
                    .collect(),
            );
            out.push_str(&t.to_text(width, color));
        }
        if !self.assumptions.is_empty() {
            out.push_str("\nAssumptions used (planning defaults, not sourced facts)\n");
            for a in &self.assumptions {
                out.push_str(&wrap(&format!("{}: {}", a.label, a.value), w, "  ", "    "));
            }
        }
        out.push('\n');
        out.push_str(&wrap(
            &format!(
                "{} cited; {} or {} lists them.",
                count(self.sources.len(), "source", "sources"),
                code("--format md"),
                code("--format html")
            ),
            w,
            "",
            "",
        ));
        out
    }

    /// The readiness section on its own (the `readiness` command's text output).
    pub fn readiness_text(&self, width: u16) -> String {
        let w = usize::from(width);
        let title = format!("Job readiness for {} (as of {})", self.person, self.as_of);
        format!("{}{}", wrap(&title, w, "", ""), self.readiness_section(w))
    }

    /// Readiness: the score, a bar per competency group, then what is had and missing.
    fn readiness_section(&self, w: usize) -> String {
        let r = &self.readiness;
        let head = format!("Job readiness for {}: {}% now", r.setting, r.score);
        let mut out = wrap(&head, w, "", "");
        for b in &r.bars {
            let bar = format!("  {:<28} {:>3}%", b.label, b.percent);
            out.push_str(&wrap(&bar, w, "", "    "));
        }
        for h in &r.have {
            out.push_str(&labelled(
                "  have:",
                10,
                &format!("{} ({})", h.label, h.value),
                w,
            ));
        }
        for m in &r.missing {
            out.push_str(&labelled(
                "  missing:",
                10,
                &format!("{} — {}", m.label, m.value),
                w,
            ));
        }
        out
    }
}

/// One calendar event per dated stage (advancement options left out), on the day it ends.
pub fn calendar_events(plan: &Plan) -> Vec<CalEvent> {
    let who = super::ics::uid_part(&plan.person);
    plan.milestones
        .iter()
        .filter(|m| !matches!(m.stage, Stage::Advancement { .. }))
        .map(|m| CalEvent {
            uid: format!("{}.{who}@coderpath", m.id),
            summary: words::title(m),
            description: format!("{} to {}. {}", m.start, m.end, words::why(m)),
            date: m.end,
            remind_days_before: vec![14],
            monthly_until: None,
        })
        .collect()
}

fn readiness_view(r: &Readiness, plan: &Plan) -> ReadinessView {
    let closes = |id: &Option<String>| match id {
        Some(m) => plan
            .milestones
            .iter()
            .find(|x| &x.id == m)
            .map_or_else(String::new, |x| {
                format!("closed by {} ({})", words::title(x), x.end)
            }),
        None => "not covered by this plan".into(),
    };
    ReadinessView {
        setting: r.setting.name.clone(),
        score: r.score,
        bars: vec![
            ProgressBar {
                label: "Now".into(),
                percent: r.score,
            },
            ProgressBar {
                label: "After the plan's stages".into(),
                percent: r.after,
            },
        ],
        have: r
            .have
            .iter()
            .map(|h| pair(&h.competency.name, basis(&h.from)))
            .collect(),
        missing: r
            .missing
            .iter()
            .map(|g| {
                let how = match g.practised_on {
                    Some(on) => format!("practised at work by {on}"),
                    None => closes(&g.closed_by),
                };
                pair(&g.competency.name, how)
            })
            .collect(),
    }
}

/// Why a competency counts, in words.
fn basis(b: &Basis) -> String {
    match b {
        Basis::Completed => "completed course".into(),
        Basis::Course { name } => format!("course: {name}"),
        Basis::Credential { credential } => format!("holds {}", credential.id),
        Basis::Degree { level } => format!("holds a {}", super::words::degree(*level)),
        Basis::Background { background } => format!("{} background", background.name),
        Basis::Experience { months } => format!("{} of coding work", super::words::months(*months)),
    }
}
