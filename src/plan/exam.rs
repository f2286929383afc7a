//! An exam stage: eligibility on the exam date, the fee the person would pay (member or
//! not, the two-attempt package as an option), first-time membership where the body
//! requires it, and topics left to self-study.

use chrono::NaiveDate;

use super::standing::Standing;
use super::{
    Cost, CostItem, CostLine, ExamFee, ExamFees, ExamFormat, ExamStage, MembershipFee, Milestone,
    Planner, Stage, Warning,
};
use crate::data::catalog::Credential;
use crate::data::model::{CompetencyKind, FeeKind, FeePer, Payer, RuleFeeKind};
use crate::rules::fees;

/// How an exam is sat.
pub(super) struct Sitting<'c> {
    /// A step toward the target, not the target.
    pub first_step: bool,
    /// In a programme during the plan (student membership prices apply).
    pub student: bool,
    /// Why the person counts as prepared (exam topics left are review), if they do.
    pub review: Option<super::Review<'c>>,
}

/// The known fees of sitting `c` on `date` (the exam and a first membership where the body
/// requires one): what a programme taken before it must leave room for in the budget.
pub(super) fn known_fees(
    p: &Planner<'_, '_>,
    c: &Credential,
    date: NaiveDate,
    student: bool,
) -> f64 {
    fee(p, c).map_or(0.0, |f| f.usd)
        + joining(p, c, date, student)
            .and_then(|m| m.usd)
            .unwrap_or(0.0)
}

/// The exam price the person would pay: a member's (or the one-attempt package) when they
/// are or must be members, else a non-member's.
fn fee(p: &Planner<'_, '_>, c: &Credential) -> Option<ExamFee> {
    let member = super::member_of(p.person, c.body);
    let order: [FeeKind; 4] = if member || c.membership_required {
        [
            FeeKind::Member,
            FeeKind::OneAttempt,
            FeeKind::TwoAttempts,
            FeeKind::NonMember,
        ]
    } else {
        [
            FeeKind::NonMember,
            FeeKind::OneAttempt,
            FeeKind::TwoAttempts,
            FeeKind::Member,
        ]
    };
    order
        .iter()
        .find_map(|k| price(c, *k).map(|usd| ExamFee { kind: *k, usd }))
}

fn price(c: &Credential, k: FeeKind) -> Option<f64> {
    c.exam
        .as_ref()
        .and_then(|e| e.fees.iter().find(|f| f.kind == k))
        .map(|f| f.usd.get())
}

/// The first-time membership the exam needs, when the body requires one and the person has
/// not joined it (nor will have by then in the plan).
fn joining(
    p: &Planner<'_, '_>,
    c: &Credential,
    date: NaiveDate,
    student: bool,
) -> Option<MembershipFee> {
    let member = super::member_of(p.person, c.body);
    (c.membership_required && !member && !p.joined.contains(&c.body)).then(|| {
        let payers = if student {
            [Some(Payer::Student), Some(Payer::Individual), None]
        } else {
            [Some(Payer::Individual), None, None]
        };
        let found = p
            .catalog
            .rulebook_for(c.body, date)
            .and_then(|b| fees::find(b, RuleFeeKind::MembershipFirst, &payers, FeePer::Once));
        MembershipFee {
            payer: found.and_then(|f| f.payer),
            usd: found.map(|f| f.usd.get()),
        }
    })
}

/// The exam of `c` prepared from `start` and sat on `date` by someone standing as `s` then.
pub(super) fn sit<'c>(
    p: &mut Planner<'_, 'c>,
    c: &'c Credential,
    s: &Standing<'c>,
    (start, date): (NaiveDate, NaiveDate),
    how: Sitting<'c>,
) -> (Milestone<'c>, Vec<CostLine<'c>>) {
    let cat = p.catalog;
    let mut lines = Vec::new();
    let id = format!("exam:{}", c.id);
    let exam = c.exam.as_ref();
    if let Some(e) = exam {
        p.cite(&e.sources);
    }
    let price = |k: FeeKind| price(c, k);
    let fee = fee(p, c);
    if fee.is_none() {
        p.warn(Warning::UnknownFee { credential: c });
    }
    lines.push(CostLine {
        milestone: id.clone(),
        item: CostItem::ExamFee {
            credential: c,
            kind: fee.map(|f| f.kind),
        },
        cost: fee.map_or(Cost::Unknown, |f| Cost::Known(f.usd)),
    });
    let membership = joining(p, c, date, how.student);
    if membership.is_some() {
        p.joined.insert(c.body);
    }
    if let Some(m) = membership {
        lines.push(CostLine {
            milestone: id.clone(),
            item: CostItem::Membership {
                body: c.body,
                payer: m.payer,
            },
            cost: m.usd.map_or(Cost::Unknown, Cost::Known),
        });
    }
    let mut recommended_unmet = Vec::new();
    let unmet: Vec<_> = match &c.eligibility {
        None => {
            p.warn(Warning::EligibilityUnknown { credential: c });
            Vec::new()
        }
        Some(el) => {
            p.cite(&el.sources);
            if el.aim == crate::data::model::Aim::Required && !s.meets_any(cat, &el.recommended) {
                recommended_unmet = el.recommended.iter().map(|r| s.unmet(cat, r)).collect();
            }
            if s.meets_any(cat, &el.required) {
                Vec::new()
            } else {
                el.required.iter().map(|r| s.unmet(cat, r)).collect()
            }
        }
    };
    if !unmet.is_empty() {
        p.warn(Warning::NotEligible {
            credential: c,
            unmet: unmet.clone(),
        });
    }
    let self_study: Vec<_> = c
        .competencies
        .iter()
        .filter(|x| !s.competencies.contains(x))
        .map(|x| cat.get(*x))
        .filter(|x| x.kind == CompetencyKind::Topic)
        .collect();
    if !self_study.is_empty() && how.review.is_none() {
        p.warn(Warning::ExamNotPrepared {
            credential: c,
            topics: self_study.clone(),
        });
    }
    let prep_weeks = p.assume(super::Assumed::ExamPrepWeeks);
    let known = super::routes::known(&lines);
    let unknown = lines.iter().any(|l| l.cost == Cost::Unknown);
    let stage = ExamStage {
        credential: c,
        eligible: unmet.is_empty(),
        unmet,
        recommended_unmet,
        fees: ExamFees {
            two_attempts: price(FeeKind::TwoAttempts)
                .filter(|_| fee.is_some_and(|f| f.kind == FeeKind::OneAttempt)),
            exam: fee,
            membership,
            body: c.body,
        },
        prep_weeks,
        self_study,
        review_only: how.review.is_some(),
        review: how.review,
        first_step: how.first_step,
        format: exam.map(|e| ExamFormat {
            questions: e.questions,
            minutes: e.minutes,
            passing: e.passing.clone(),
            delivery: e.delivery.clone(),
        }),
    };
    let milestone = Milestone {
        id,
        start,
        end: date,
        cost: if unknown && known == 0.0 {
            Cost::Unknown
        } else {
            Cost::Known(known)
        },
        stage: Stage::Exam(Box::new(stage)),
    };
    (milestone, lines)
}
