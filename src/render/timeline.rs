//! The geometry of the roadmap's SVG timeline: a date axis, one row per stage with its
//! dates written under the bar (readable on touch screens and paper), markers for today and
//! the target date, labels wrapped rather than cut, advancement options in one row.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::plan::kind_class;
use super::plan_words as words;
use crate::dates;
use crate::plan::{Plan, Stage};

/// Geometry of the timeline, in pixels.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub width: u32,
    pub height: u32,
    pub label_width: u32,
    pub axis_y: u32,
    pub ticks: Vec<Tick>,
    pub bars: Vec<Bar>,
    pub markers: Vec<Marker>,
}

/// A dated gridline.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub x: u32,
    pub label: String,
}

/// A labelled vertical line: today, the target date.
#[derive(Debug, Clone, Serialize)]
pub struct Marker {
    pub x: u32,
    pub label: String,
    pub class: String,
}

/// One row: a bar, or a diamond for a single date.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub y: u32,
    /// The label, wrapped: each line with its baseline.
    pub lines: Vec<(u32, String)>,
    pub x: u32,
    pub w: u32,
    /// The dates, written under the bar.
    pub dates: String,
    pub dates_x: u32,
    pub dates_y: u32,
    pub dates_anchor: String,
    pub class: String,
    pub point: bool,
    /// Diamond outline for single-date rows.
    pub diamond: String,
}

const WIDTH: u32 = 900;
const LABEL_WIDTH: u32 = 260;
const ROW: u32 = 38;
const TOP: u32 = 34;
/// Characters of a label line at the label font size.
const LABEL_CHARS: usize = 40;

/// Lays the plan's stages out on a date axis.
pub fn timeline(plan: &Plan) -> Timeline {
    struct Row {
        label: String,
        start: NaiveDate,
        end: NaiveDate,
        class: &'static str,
    }
    let mut rows: Vec<Row> = Vec::new();
    let options: Vec<_> = plan
        .milestones
        .iter()
        .filter(|m| matches!(m.stage, Stage::Advancement { .. }))
        .collect();
    for m in plan
        .milestones
        .iter()
        .filter(|m| !matches!(m.stage, Stage::Advancement { .. }))
    {
        rows.push(Row {
            label: words::title(m),
            start: m.start,
            end: m.end,
            class: kind_class(&m.stage),
        });
    }
    if let (Some(first), Some(last)) = (
        options.iter().map(|m| m.start).min(),
        options.iter().map(|m| m.end).max(),
    ) {
        rows.push(Row {
            label: format!("Advancement options ({}): see the table", options.len()),
            start: first,
            end: last,
            class: "advancement",
        });
    }
    let by = plan.target.by;
    let first = rows
        .iter()
        .map(|r| r.start)
        .min()
        .unwrap_or(plan.as_of)
        .min(plan.as_of);
    let last = rows
        .iter()
        .map(|r| r.end)
        .chain(by)
        .max()
        .unwrap_or(plan.as_of)
        .max(dates::add_months(first, 6));
    let span = dates::days_between(first, last).max(1) as f64;
    let plot = f64::from(WIDTH - LABEL_WIDTH - 20);
    let x_of = |d: NaiveDate| {
        LABEL_WIDTH + (dates::days_between(first, d).max(0) as f64 / span * plot).round() as u32
    };
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = TOP + i as u32 * ROW;
            let x = x_of(r.start);
            let point = r.start == r.end;
            let w = if point {
                0
            } else {
                x_of(r.end).saturating_sub(x).max(3)
            };
            let lines = wrap(&r.label, LABEL_CHARS)
                .into_iter()
                .take(2)
                .enumerate()
                .map(|(k, l)| (y + 11 + k as u32 * 13, l))
                .collect();
            let dates = if point {
                r.start.to_string()
            } else {
                format!("{} → {}", r.start, r.end)
            };
            // Dates start under the bar, or end under it when the bar sits at the right edge.
            let right = x > LABEL_WIDTH + (plot as u32) / 2;
            let (cx, cy) = (x, y + 8);
            Bar {
                y,
                lines,
                x,
                w,
                dates,
                dates_x: if right { x + w } else { x },
                dates_y: y + 29,
                dates_anchor: if right { "end" } else { "start" }.into(),
                class: r.class.into(),
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
    let height = TOP + rows.len() as u32 * ROW + 6;
    let mut markers = vec![Marker {
        x: x_of(plan.as_of),
        label: format!("today {}", plan.as_of),
        class: "today".into(),
    }];
    if let Some(b) = by {
        markers.push(Marker {
            x: x_of(b.max(first)),
            label: format!("target {b}"),
            class: "target".into(),
        });
    }
    let step = if last.year() - first.year() > 4 {
        12
    } else {
        6
    };
    let mut ticks = Vec::new();
    let mut d = dates::day_in(first.year(), 1, 1);
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
        d = dates::add_months(d, step);
    }
    Timeline {
        width: WIDTH,
        height,
        label_width: LABEL_WIDTH,
        axis_y: 20,
        ticks,
        bars,
        markers,
    }
}

/// Words of `text` in lines of at most `width` characters (a longer word stands alone);
/// a second line that would overflow ends with an ellipsis.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > 2 {
        let mut second = lines[1].clone();
        second.push('…');
        lines.truncate(1);
        lines.push(second);
    }
    lines
}
