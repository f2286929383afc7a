//! Judging one cycle: which log entries count, how they meet the total and each
//! sub-requirement, and what is left. Linear in the number of entries: AAPC minimums are met
//! by a maximum flow over groups of entries that feed the same minimums, not over entries.

use chrono::NaiveDate;

use super::flow::Network;
use super::{Allocation, Capped, Measure, Progress, RejectReason, Rejected};
use crate::data::catalog::{Credential, Rulebook};
use crate::data::model::Body;
use crate::person::log::{Domain, Entry, Log};
use crate::rules::requirement::round2;
use crate::rules::{Minimum, MinimumKind, Required, ShareKind};

/// Entries dated `from..=to` that count under `book` (in date order), and those that do not
/// with the reason.
pub(super) fn select<'l>(
    log: &'l Log,
    book: &Rulebook,
    from: NaiveDate,
    to: NaiveDate,
) -> (Vec<&'l Entry>, Vec<Rejected>) {
    let mut counted = Vec::new();
    let mut rejected = Vec::new();
    for e in log
        .entries
        .iter()
        .filter(|e| e.date >= from && e.date <= to)
    {
        let reason = if let Some(of_line) = e.duplicate_of {
            Some(RejectReason::Duplicate { of_line })
        } else if book.approved_only && e.aapc_index.is_none() {
            Some(RejectReason::NotApproved { body: book.body })
        } else {
            None
        };
        match reason {
            Some(reason) => rejected.push(Rejected {
                line: e.line,
                title: e.title.clone(),
                reason,
            }),
            None => counted.push(e),
        }
    }
    counted.sort_by_key(|e| (e.date, e.line));
    (counted, rejected)
}

/// What a cycle's counted entries add up to against its requirement.
pub(super) struct Tally<'c> {
    pub earned: f64,
    pub remaining: f64,
    pub complete: bool,
    pub requirements: Vec<Progress<'c>>,
    pub allocations: Vec<Allocation<'c>>,
    pub capped_other: Option<Capped>,
    pub unmarked_domain: usize,
    /// Lines of the entries tallied.
    pub counted: Vec<usize>,
}

/// Tallies `entries` against `req`, with `total` CEUs required in all; `floor` is a portal
/// figure the total earned cannot fall below (a checkpoint used as evidence). Only with
/// `detail` are the allocations to minimums and the lines tallied filled in (a search for the
/// fewest entries that complete a cycle needs only the figures).
pub(super) fn tally<'c>(
    req: &Required<'c>,
    total: f64,
    entries: &[&Entry],
    floor: Option<f64>,
    detail: bool,
) -> Tally<'c> {
    let book = req.rulebook;
    let sum =
        |f: &dyn Fn(&Entry) -> bool| round2(entries.iter().filter(|e| f(e)).map(|e| e.ceus).sum());
    let mut t = Tally {
        earned: sum(&|_| true),
        remaining: 0.0,
        complete: false,
        requirements: Vec::new(),
        allocations: Vec::new(),
        capped_other: None,
        unmarked_domain: 0,
        counted: if detail {
            entries.iter().map(|e| e.line).collect()
        } else {
            Vec::new()
        },
    };
    let mut subs = Vec::new();
    match book.body {
        Body::AAPC => {
            let used = minimums(
                req,
                entries,
                &mut subs,
                detail.then_some(&mut t.allocations),
            );
            if !book.specialty_counts_toward_core {
                let specialty: Vec<usize> = req
                    .minimums
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.kind == MinimumKind::Specialty)
                    .map(|(j, _)| j)
                    .collect();
                if !specialty.is_empty() {
                    let need: f64 = specialty.iter().map(|j| req.minimums[*j].ceus).sum();
                    let got: f64 = specialty.iter().map(|j| used[*j]).sum();
                    subs.push(progress(
                        Measure::Core,
                        (total - need).max(0.0),
                        t.earned - got,
                    ));
                }
            }
        }
        Body::AHIMA => {
            let hiim = sum(&|e| e.domain == Some(Domain::Hiim));
            t.unmarked_domain = entries.iter().filter(|e| e.domain.is_none()).count();
            for s in &req.shares {
                let share_total = round2(total * s.share);
                match s.kind {
                    ShareKind::Domain => {
                        let other = round2(t.earned - hiim);
                        let rest = outside_share(s.share);
                        let cap = round2(total * rest);
                        if other > cap {
                            t.capped_other = Some(Capped {
                                other,
                                counted: cap,
                                share: rest,
                            });
                            t.earned = round2(hiim + cap);
                        }
                        subs.push(progress(
                            Measure::Share {
                                share: s.kind,
                                fraction: s.share,
                            },
                            share_total,
                            hiim,
                        ));
                    }
                    // Only CEUs that count can meet the share: of the sourced CEUs outside
                    // the HIIM domains, no more than the cap lets count (those sourced
                    // are the ones to report first).
                    ShareKind::Sourced => {
                        let inside = sum(&|e| e.ahima_sourced && e.domain == Some(Domain::Hiim));
                        let other = sum(&|e| e.ahima_sourced && e.domain != Some(Domain::Hiim));
                        let cap = other_cap(req, total).unwrap_or(f64::INFINITY);
                        subs.push(progress(
                            Measure::Share {
                                share: s.kind,
                                fraction: s.share,
                            },
                            share_total,
                            inside + other.min(cap),
                        ))
                    }
                }
            }
            if let Some(need) = req.self_assessments {
                subs.push(progress(
                    Measure::SelfAssessments,
                    need,
                    sum(&|e| e.self_assessment),
                ));
            }
        }
    }
    if let Some(f) = floor {
        t.earned = t.earned.max(f);
    }
    let total_progress = progress(Measure::Total, total, t.earned);
    let shortfall = |p: &Progress| (p.required - p.earned).max(0.0);
    let subs_short = match book.body {
        // AAPC minimums take distinct CEUs; AHIMA's shares may overlap in one CEU.
        Body::AAPC => subs.iter().map(shortfall).sum::<f64>(),
        Body::AHIMA => subs.iter().map(shortfall).fold(0.0, f64::max),
    };
    t.remaining = round2(shortfall(&total_progress).max(subs_short));
    t.requirements.push(total_progress);
    t.requirements.extend(subs);
    t.complete = t.requirements.iter().all(|r| r.met);
    t
}

/// The part of a cycle that may lie outside the HIIM domains when `share` must lie inside,
/// exact to a millionth (1 - 0.8 is not 0.2 in binary).
fn outside_share(share: f64) -> f64 {
    ((1.0 - share) * 1e6).round() / 1e6
}

/// The most CEUs outside the HIIM domains that count toward `total`, when a domain share
/// caps them.
fn other_cap(req: &Required, total: f64) -> Option<f64> {
    req.shares
        .iter()
        .find(|s| s.kind == ShareKind::Domain)
        .map(|s| round2(total * outside_share(s.share)))
}

fn progress(what: Measure<'_>, required: f64, earned: f64) -> Progress<'_> {
    let (required, earned) = (round2(required), round2(earned));
    Progress {
        what,
        required,
        earned,
        met: earned + 1e-9 >= required,
    }
}

/// Meets the AAPC minimums with a maximum flow from groups of entries (entries whose topics
/// feed the same minimums) to the minimums, then (when `allocations` is wanted) spreads each
/// group's flow over its entries in log order. Pushes one progress line per minimum; returns
/// the CEUs each minimum got.
fn minimums<'c>(
    req: &Required<'c>,
    entries: &[&Entry],
    subs: &mut Vec<Progress<'c>>,
    allocations: Option<&mut Vec<Allocation<'c>>>,
) -> Vec<f64> {
    let mins = &req.minimums;
    if mins.is_empty() {
        return Vec::new();
    }
    // Each group: the minimums it feeds, the positions of its entries, their CEUs.
    let mut groups: Vec<(Vec<usize>, Vec<usize>, f64)> = Vec::new();
    let mut index: foldhash::HashMap<Vec<usize>, usize> = Default::default();
    let mut key = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        key.clear();
        key.extend(
            mins.iter()
                .enumerate()
                .filter(|(_, m)| e.topics.iter().any(|t| *t == m.credential.id))
                .map(|(j, _)| j),
        );
        if key.is_empty() {
            continue;
        }
        let g = match index.get(key.as_slice()) {
            Some(g) => *g,
            None => {
                groups.push((key.clone(), Vec::new(), 0.0));
                index.insert(key.clone(), groups.len() - 1);
                groups.len() - 1
            }
        };
        groups[g].1.push(i);
        groups[g].2 += e.ceus;
    }
    let (src, sink) = (0, 1);
    let group_node = |g: usize| 2 + g;
    let min_node = |j: usize| 2 + groups.len() + j;
    let mut net = Network::new(2 + groups.len() + mins.len());
    let mut edges = Vec::new();
    for (g, (feeds, _, ceus)) in groups.iter().enumerate() {
        net.edge(src, group_node(g), *ceus);
        for j in feeds {
            edges.push((g, *j, net.edge(group_node(g), min_node(*j), f64::INFINITY)));
        }
    }
    let min_edges: Vec<_> = mins
        .iter()
        .enumerate()
        .map(|(j, m)| net.edge(min_node(j), sink, m.ceus))
        .collect();
    net.max_flow(src, sink);
    if let Some(allocations) = allocations {
        spread(mins, entries, &groups, &edges, &net, allocations);
    }
    mins.iter()
        .enumerate()
        .map(|(j, m)| {
            let got = round2(net.flow_on(min_edges[j]));
            subs.push(progress(
                Measure::Minimum {
                    credential: m.credential,
                    minimum: m.kind,
                },
                m.ceus,
                got,
            ));
            got
        })
        .collect()
}

/// Spreads each group's flow to each minimum over the group's entries, oldest first, and
/// pushes one allocation per entry that gave CEUs, in line order.
fn spread<'c>(
    mins: &[Minimum<'c>],
    entries: &[&Entry],
    groups: &[(Vec<usize>, Vec<usize>, f64)],
    edges: &[(usize, usize, (usize, usize))],
    net: &Network,
    allocations: &mut Vec<Allocation<'c>>,
) {
    let mut shares: Vec<Vec<(&'c Credential, f64)>> = vec![Vec::new(); entries.len()];
    let mut left: Vec<f64> = entries.iter().map(|e| e.ceus).collect();
    for &(g, j, h) in edges {
        let mut flow = net.flow_on(h);
        for &i in &groups[g].1 {
            if flow <= 1e-9 {
                break;
            }
            let give = flow.min(left[i]);
            if give > 1e-9 {
                left[i] -= give;
                flow -= give;
                shares[i].push((mins[j].credential, round2(give)));
            }
        }
    }
    let mut given: Vec<usize> = (0..entries.len())
        .filter(|i| !shares[*i].is_empty())
        .collect();
    given.sort_unstable_by_key(|i| entries[*i].line);
    allocations.extend(given.into_iter().map(|i| Allocation {
        line: entries[i].line,
        title: entries[i].title.clone(),
        shares: std::mem::take(&mut shares[i]),
    }));
}
