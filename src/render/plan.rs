//! The roadmap view model: every figure pre-formatted, plus the geometry of the SVG
//! timeline. Templates (`plan.md`, `plan.html`) and the text renderer read only this.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::format::{num, thousands, usd};
use super::ics::CalEvent;
use super::table::Table;
use crate::data::model::Source;
use crate::plan::readiness::Readiness;
use crate::plan::{MilestoneKind, Plan};

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
    pub assumptions: Vec<Pair>,
    pub sources: Vec<SourceRow>,
    pub timeline: Timeline,
}

/// One milestone, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneRow {
    pub id: String,
    pub kind: String,
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

/// Readiness, formatted, with progress bars now and at job-ready.
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
    pub source: String,
}

/// A cited source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    pub title: String,
    pub url: String,
    pub date: String,
    pub tag: String,
}

/// Geometry of the Gantt-style SVG timeline, in pixels.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub width: u32,
    pub height: u32,
    pub label_width: u32,
    pub axis_y: u32,
    pub ticks: Vec<Tick>,
    pub bars: Vec<Bar>,
}

/// A dated gridline.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub x: u32,
    pub label: String,
}

/// One milestone on the timeline; `point` milestones are drawn as diamonds.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub y: u32,
    pub text_y: u32,
    pub x: u32,
    pub w: u32,
    pub label: String,
    pub dates: String,
    pub class: String,
    pub point: bool,
    /// Diamond outline for point milestones.
    pub diamond: String,
}

const WIDTH: u32 = 900;
const LABEL_WIDTH: u32 = 250;
const ROW: u32 = 24;

fn kind_name(k: MilestoneKind) -> &'static str {
    match k {
        MilestoneKind::Prerequisite => "prerequisite",
        MilestoneKind::Education => "education",
        MilestoneKind::Exam => "exam",
        MilestoneKind::Apprentice => "apprentice",
        MilestoneKind::Job => "job",
        MilestoneKind::Renewal => "renewal",
        MilestoneKind::Advancement => "advancement",
    }
}

fn money(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), usd)
}

/// Source rows for a list of sources.
pub fn source_rows(sources: &[Source]) -> Vec<SourceRow> {
    sources
        .iter()
        .map(|s| SourceRow {
            title: s.title.clone(),
            url: s.url.clone().unwrap_or_default(),
            date: s.date.clone(),
            tag: serde_json::to_value(s.tag)
                .expect("tags serialise")
                .as_str()
                .unwrap_or("")
                .replace('_', " "),
        })
        .collect()
}

impl PlanView {
    /// Formats `plan` for reports.
    pub fn new(plan: &Plan) -> PlanView {
        let t = &plan.target;
        let mut summary = vec![
            pair(
                "Target",
                format!(
                    "{} ({}, {}) for {}",
                    t.credential,
                    t.credential_name,
                    t.body.as_str(),
                    t.setting_name.to_lowercase()
                ),
            ),
            pair("Why this target", t.reason.clone()),
        ];
        if let Some(step) = &t.first_step {
            summary.push(pair("First step", format!("{step}, then {}", t.credential)));
        }
        if let Some(p) = &plan.programme {
            summary.push(pair(
                "Programme",
                format!("{} ({} to {})", p.name, p.start, p.end),
            ));
        }
        summary.push(pair(
            "Job-ready",
            plan.job_ready
                .map_or("not reachable with this data".into(), |d| d.to_string()),
        ));
        summary.push(pair(
            "Cost to job-ready",
            match plan.budget_usd {
                Some(b) => format!("{} (budget {})", usd(plan.total_cost_usd), usd(b)),
                None => usd(plan.total_cost_usd),
            },
        ));
        summary.push(pair(
            "Readiness now",
            format!(
                "{}% of what {} asks",
                plan.readiness.score,
                t.setting_name.to_lowercase()
            ),
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
                    kind: kind_name(m.kind).into(),
                    title: m.title.clone(),
                    start: m.start.to_string(),
                    end: m.end.to_string(),
                    cost: money(m.cost_usd),
                    why: m.why.clone(),
                })
                .collect(),
            costs: plan
                .costs
                .iter()
                .map(|c| pair(&c.label, money(c.usd)))
                .collect(),
            total_cost: usd(plan.total_cost_usd),
            alternatives: plan
                .programme
                .iter()
                .chain(&plan.alternatives)
                .map(|c| ChoiceRow {
                    rank: c.rank.to_string(),
                    name: c.name.clone(),
                    cost: c.cost_range_usd.map_or("not found".into(), |r| {
                        super::format::range(r.min, r.max, usd)
                    }),
                    months: num(c.months),
                    why: c.why.join("; "),
                })
                .collect(),
            warnings: plan
                .warnings
                .iter()
                .map(|w| pair(w.code, w.message.clone()))
                .collect(),
            readiness: readiness_view(&plan.readiness, plan),
            outlook: plan
                .outlook
                .iter()
                .map(|o| OutlookRow {
                    soc: o.soc.clone(),
                    title: o.title.clone(),
                    vintage: o.vintage.clone(),
                    change: o
                        .percent_change
                        .map_or("not found".into(), |p| format!("{}%", num(p))),
                    jobs: o
                        .base_employment
                        .map_or("not found".into(), |e| thousands(e.into())),
                    openings: o
                        .annual_openings
                        .map_or("not found".into(), |e| thousands(e.into())),
                    pay: o
                        .median_pay_usd
                        .map_or("not found".into(), |p| match o.median_pay_year {
                            Some(y) => format!("{} ({y})", usd(p.into())),
                            None => usd(p.into()),
                        }),
                    source: o.source.clone(),
                })
                .collect(),
            assumptions: plan
                .assumptions
                .iter()
                .map(|a| pair(a.key, format!("{} — {}", num(a.value), a.note)))
                .collect(),
            sources: source_rows(&plan.sources),
            timeline: timeline(plan),
        }
    }

    /// The terminal rendering: summary, timeline table, warnings, readiness, outlook.
    pub fn to_text(&self, width: Option<u16>, color: bool) -> String {
        let mut out = format!("{} (as of {})\n\n", self.title, self.as_of);
        for p in &self.summary {
            out.push_str(&format!("{:<18} {}\n", format!("{}:", p.label), p.value));
        }
        let timeline = Table::new(
            "\nTimeline",
            &["Stage", "Start", "End", "Cost", "What and why"],
            self.milestones
                .iter()
                .map(|m| {
                    vec![
                        m.id.clone(),
                        m.start.clone(),
                        m.end.clone(),
                        m.cost.clone(),
                        format!("{}\n{}", m.title, m.why),
                    ]
                })
                .collect(),
        );
        out.push_str(&timeline.to_text(width, color));
        if !self.warnings.is_empty() {
            out.push_str("\nWarnings\n");
            for w in &self.warnings {
                out.push_str(&format!("  [{}] {}\n", w.label, w.value));
            }
        }
        out.push('\n');
        out.push_str(&self.readiness_section());
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
        if !self.outlook.is_empty() {
            let t = Table::new(
                "\nBLS outlook (newest vintage first)",
                &[
                    "SOC",
                    "Vintage",
                    "Change",
                    "Jobs",
                    "Openings a year",
                    "Median pay",
                ],
                self.outlook
                    .iter()
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
        out.push_str("\nCosts to job-ready\n");
        for c in &self.costs {
            out.push_str(&format!("  {:>10}  {}\n", c.value, c.label));
        }
        out.push_str(&format!("  {:>10}  total\n", self.total_cost));
        if !self.assumptions.is_empty() {
            out.push_str("\nAssumptions used (not sourced facts)\n");
            for a in &self.assumptions {
                out.push_str(&format!("  {}: {}\n", a.label, a.value));
            }
        }
        out.push_str(&format!(
            "\n{} sources cited; `--format md` or `--format html` lists them.\n",
            self.sources.len()
        ));
        out
    }
}

impl PlanView {
    /// The readiness section on its own (the `readiness` command's text output).
    pub fn readiness_text(&self) -> String {
        format!(
            "Job readiness for {} (as of {})\n{}",
            self.person,
            self.as_of,
            self.readiness_section()
        )
    }

    fn readiness_section(&self) -> String {
        let r = &self.readiness;
        let mut out = format!("Job readiness for {}: {}% now\n", r.setting, r.score);
        for b in &r.bars {
            out.push_str(&format!("  {:<28} {:>3}%\n", b.label, b.percent));
        }
        for h in &r.have {
            out.push_str(&format!("  have:    {} ({})\n", h.label, h.value));
        }
        for m in &r.missing {
            out.push_str(&format!("  missing: {} — {}\n", m.label, m.value));
        }
        out
    }
}

/// One calendar event per milestone, on the day it ends.
pub fn calendar_events(plan: &Plan) -> Vec<CalEvent> {
    let who: String = plan
        .person
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    plan.milestones
        .iter()
        .map(|m| CalEvent {
            uid: format!("{}.{who}@coderpath", m.id),
            summary: m.title.clone(),
            description: format!("{} to {}. {}", m.start, m.end, m.why),
            date: m.end,
            remind_days_before: Some(14),
        })
        .collect()
}

fn readiness_view(r: &Readiness, plan: &Plan) -> ReadinessView {
    let closes = |id: &Option<String>| match id {
        Some(m) => plan
            .milestones
            .iter()
            .find(|x| &x.id == m)
            .map_or(m.clone(), |x| format!("closed by {} ({})", x.title, x.end)),
        None => "not covered by this plan".into(),
    };
    let total_missing = r.missing.len();
    let have = r.have.len();
    let needed = (have + total_missing).max(1);
    let after = needed - r.missing.iter().filter(|g| g.closed_by.is_none()).count();
    ReadinessView {
        setting: r.setting.clone(),
        score: r.score,
        bars: vec![
            ProgressBar {
                label: "Now".into(),
                percent: r.score,
            },
            ProgressBar {
                label: "After the plan's stages".into(),
                percent: (after * 100 / needed) as u32,
            },
        ],
        have: r
            .have
            .iter()
            .map(|c| pair(&c.name, c.from.clone()))
            .collect(),
        missing: r
            .missing
            .iter()
            .map(|g| pair(&g.name, closes(&g.closed_by)))
            .collect(),
    }
}

/// Lays the dated milestones out on a horizontal axis.
fn timeline(plan: &Plan) -> Timeline {
    let ms = &plan.milestones;
    let first = ms
        .iter()
        .map(|m| m.start)
        .min()
        .unwrap_or(plan.as_of)
        .min(plan.as_of);
    let last = ms.iter().map(|m| m.end).max().unwrap_or(plan.as_of);
    let span = (last - first).num_days().max(1) as f64;
    let plot = (WIDTH - LABEL_WIDTH - 20) as f64;
    let x_of =
        |d: NaiveDate| LABEL_WIDTH + ((d - first).num_days() as f64 / span * plot).round() as u32;
    let top = 30;
    let bars: Vec<Bar> = ms
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let y = top + i as u32 * ROW;
            let x = x_of(m.start);
            let point = m.start == m.end;
            let w = if point { 0 } else { (x_of(m.end) - x).max(3) };
            let (cx, cy) = (x, y + 8);
            Bar {
                y,
                text_y: y + 12,
                x,
                w,
                label: m.title.clone(),
                dates: if point {
                    m.start.to_string()
                } else {
                    format!("{} to {}", m.start, m.end)
                },
                class: kind_name(m.kind).into(),
                point,
                diamond: format!(
                    "{},{} {},{} {},{} {},{}",
                    cx,
                    cy - 7,
                    cx + 7,
                    cy,
                    cx,
                    cy + 7,
                    cx.saturating_sub(7),
                    cy
                ),
            }
        })
        .collect();
    let height = top + ms.len() as u32 * ROW + 10;
    let years = (last.year() - first.year()) as u32;
    let step_months = if years > 4 { 12 } else { 6 };
    let mut ticks = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(first.year(), 1, 1).expect("January 1st exists");
    while d <= last {
        if d >= first {
            ticks.push(Tick {
                x: x_of(d),
                label: if d.month() == 1 {
                    d.year().to_string()
                } else {
                    format!("{}-{:02}", d.year(), d.month())
                },
            });
        }
        d = d + chrono::Months::new(step_months);
    }
    Timeline {
        width: WIDTH,
        height,
        label_width: LABEL_WIDTH,
        axis_y: 20,
        ticks,
        bars,
    }
}
