//! Building the rulebooks: references to the body's credentials resolved, the cycle rule and
//! the requirement checked, and fee entries carrying what their kind needs.

use std::collections::{HashMap, HashSet};

use super::build::{Builder, Indexes, enumerate};
use super::*;
use crate::data::File;
use crate::data::model::{self, AddedCredential, Anchor, FeePer, RuleFeeKind};

impl Builder<'_> {
    pub(super) fn rulebook(&mut self, i: usize, r: &model::Rulebook, ix: &Indexes) -> Rulebook {
        let f = File::Rules;
        let p = format!("rulebooks[{i}]");
        let body_creds: HashMap<String, Ix<Credential>> = ix
            .credential
            .iter()
            .filter(|(_, x)| self.raw.credentials.credentials[x.index()].body == r.body)
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        let what = format!("{} credential", r.body.as_str());
        if r.cycle.months.get() == 0 {
            self.err(
                f,
                &format!("{p}.cycle.months"),
                "a cycle of 0 months".into(),
                "the cycle length in months, such as 24",
            );
        }
        match (r.cycle.anchor, r.cycle.odd_years_for) {
            (Anchor::MembershipRenewal, None) => self.err(
                f,
                &format!("{p}.cycle"),
                "a membership-renewal anchor needs `odd_years_for`".into(),
                "odd_years_for: odd_months (or even_months)",
            ),
            (Anchor::CertificationDate, Some(_)) => self.err(
                f,
                &format!("{p}.cycle.odd_years_for"),
                "`odd_years_for` applies only to membership-renewal anchors".into(),
                "",
            ),
            _ => {}
        }
        let rp = format!("{p}.requirement");
        let requirement = match (&r.requirement.by_count, &r.requirement.per_credential) {
            (Some(v), None) => {
                if v.is_empty() {
                    self.err(
                        f,
                        &format!("{rp}.by_count"),
                        "no CEU figure".into(),
                        "CEUs for 1, 2, … credentials, such as [36, 40]",
                    );
                } else if v.windows(2).any(|w| w[1] < w[0]) {
                    self.err(
                        f,
                        &format!("{rp}.by_count"),
                        "CEUs must not fall as credentials are added".into(),
                        "figures that rise or stay level",
                    );
                }
                Requirement::ByCount(v.clone())
            }
            (None, Some(pc)) => {
                let rp = format!("{rp}.per_credential");
                if pc.ceus.is_empty() {
                    self.err(
                        f,
                        &format!("{rp}.ceus"),
                        "no credential has a CEU figure".into(),
                        "CEUs per credential, such as { CCS: 20 }",
                    );
                }
                let resolved = pc
                    .ceus
                    .iter()
                    .filter_map(|(k, v)| {
                        self.one(f, &format!("{rp}.ceus.{k}"), k, &body_creds, &what)
                            .map(|x| (x, *v))
                    })
                    .collect();
                let pairs = enumerate(&pc.supersedes, |j, pair| {
                    let held = self.refs(
                        f,
                        &format!("{rp}.supersedes[{j}]"),
                        pair,
                        &body_creds,
                        &what,
                    );
                    (held.len() == 2).then(|| (held[0], held[1]))
                });
                Requirement::PerCredential {
                    ceus: resolved,
                    additional: pc.additional,
                    max_total: pc.max_total,
                    supersedes: pairs.into_iter().flatten().collect(),
                }
            }
            _ => {
                self.err(
                    f,
                    &rp,
                    "give exactly one of `by_count` and `per_credential`".into(),
                    "by_count: [...] (AAPC style) or per_credential: {...} (AHIMA style)",
                );
                Requirement::ByCount(Vec::new())
            }
        };
        if r.cycle.added_credential == AddedCredential::Prorated && r.cycle.added_prorate.is_none()
        {
            self.err(
                f,
                &format!("{p}.cycle"),
                "`added_credential: prorated` needs `added_prorate`".into(),
                "added_prorate: { rounding: up }",
            );
        }
        let discipline_minimums = r
            .discipline_minimums
            .iter()
            .filter_map(|(k, v)| {
                self.one(
                    f,
                    &format!("{p}.discipline_minimums.{k}"),
                    k,
                    &body_creds,
                    &what,
                )
                .map(|x| (x, *v))
            })
            .collect();
        let self_assessments = r.self_assessments.as_ref().map(|s| SelfAssessments {
            ceus_each: s.ceus_each,
            per_cycle: s.per_cycle,
            credentials: self.refs(
                f,
                &format!("{p}.self_assessments.credentials"),
                &s.credentials,
                &body_creds,
                &what,
            ),
        });
        self.fees(&p, r);
        Rulebook {
            id: r.id.clone(),
            body: r.body,
            effective_from: r.effective_from,
            in_force_for: r.in_force_for,
            note: r.note.clone(),
            cycle: r.cycle.clone(),
            requirement,
            discipline_minimums,
            specialty_minimum: r.specialty_minimum,
            specialty_counts_toward_core: r.specialty_counts_toward_core,
            approved_only: r.approved_only,
            before_certification: r.before_certification,
            domain_share_min: r.domain_share_min.map(|s| s.get()),
            sourced_share_min: r.sourced_share_min.map(|s| s.get()),
            self_assessments,
            lapse: r.lapse.clone(),
            fees: r.fees.clone(),
            sources: r.sources.clone(),
        }
    }

    /// Fee entries must carry what their kind needs, and a kind/payer/per appears once.
    fn fees(&mut self, p: &str, r: &model::Rulebook) {
        let f = File::Rules;
        let mut seen = HashSet::new();
        for (j, fee) in r.fees.iter().enumerate() {
            let fp = format!("{p}.fees[{j}]");
            if !seen.insert((fee.kind, fee.payer, fee.per)) {
                self.err(
                    f,
                    &fp,
                    "a second fee of the same kind, payer and basis".into(),
                    "each fee once per rulebook",
                );
            }
            match fee.kind {
                RuleFeeKind::MembershipRenewal if fee.every_months.is_none_or(|m| m.get() == 0) => {
                    self.err(
                        f,
                        &fp,
                        "a membership renewal needs `every_months`".into(),
                        "every_months: 12",
                    )
                }
                RuleFeeKind::Late if fee.after_days.is_none() => self.err(
                    f,
                    &fp,
                    "a late fee needs `after_days`".into(),
                    "the days after the due date from which it is charged",
                ),
                RuleFeeKind::Late if fee.trigger.is_none() => self.err(
                    f,
                    &fp,
                    "a late fee needs `trigger`: what is paid late".into(),
                    "trigger: dues_unpaid (membership dues) or trigger: ceus_short (a cycle's CEUs)",
                ),
                RuleFeeKind::Recertification | RuleFeeKind::Extension => {}
                _ if fee.per != FeePer::Once => self.err(
                    f,
                    &format!("{fp}.per"),
                    "only recertification and extension fees are counted per credential".into(),
                    "per: once",
                ),
                _ => {}
            }
        }
    }

    pub(super) fn unique_rulebook_starts(&mut self) {
        let mut starts = HashSet::new();
        for (i, r) in self.raw.rules.rulebooks.iter().enumerate() {
            if !starts.insert((r.body, r.effective_from)) {
                self.err(
                    File::Rules,
                    &format!("rulebooks[{i}].effective_from"),
                    format!(
                        "a second {} rulebook starting {}",
                        r.body.as_str(),
                        r.effective_from
                    ),
                    "one rulebook per body and start date",
                );
            }
        }
    }
}
