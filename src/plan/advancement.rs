//! Advancement options from the careers data, dated from the person's real coding
//! experience, with what each still needs and whether it suits their background.

use chrono::NaiveDate;

use super::standing::Standing;
use super::{Assumed, Cost, Milestone, Planner, Prerequisite, Stage};
use crate::data::catalog::Career;

/// One option per career, on the date the person has `advance_after_months` of coding work
/// (or the career's own figure, when larger). `after` is the standing once the plan's
/// credentials are earned; `work_from` when coding work starts (now, if working).
pub(super) fn options<'c>(
    p: &mut Planner<'_, 'c>,
    after: &Standing<'c>,
    work_from: Option<NaiveDate>,
) {
    let cat = p.catalog;
    let default_months = p.assume(Assumed::AdvanceAfterMonths);
    let now = after.at(p.as_of.max(after.date));
    // Paths that suit the person's background come first.
    let mut careers: Vec<&Career> = cat.all::<Career>().map(|(_, c)| c).collect();
    careers.sort_by_key(|c| {
        !p.person
            .backgrounds
            .iter()
            .any(|b| c.suits_backgrounds.iter().any(|x| cat.get(*x) == *b))
    });
    for career in careers {
        // A path whose credential the person holds by the end of the plan is where they
        // are, not where they could go next.
        if career.credentials.iter().any(|c| after.holds(cat.get(*c))) {
            continue;
        }
        let months = career
            .experience_months
            .map_or(default_months, |m| f64::from(m.get()).max(default_months));
        let date = match work_from {
            Some(from) => {
                // Counted from the later of work starting and the standing's own date, whose
                // experience already includes the work done up to it.
                after.at(from.max(now.date)).reaches(months, from)
            }
            None => now.date,
        };
        let at = after.at(date);
        let mut unmet = Vec::new();
        if !career.credentials_any.is_empty()
            && !career.credentials_any.iter().any(|c| at.holds(cat.get(*c)))
        {
            unmet.push(Prerequisite::Credential {
                any: career.credentials_any.iter().map(|c| cat.get(*c)).collect(),
            });
        }
        if let Some(level) = career.education
            && at.education < level
        {
            unmet.push(Prerequisite::Education { level });
        }
        if let Some(m) = career.experience_months
            && at.whole_months() < m.get()
        {
            unmet.push(Prerequisite::Experience { months: m.get() });
        }
        let suits = p
            .person
            .backgrounds
            .iter()
            .copied()
            .find(|b| career.suits_backgrounds.iter().any(|x| cat.get(*x) == *b));
        p.cite(&career.sources);
        p.milestones.push(Milestone {
            id: format!("advance:{}", career.id),
            start: date,
            end: date,
            cost: Cost::None,
            stage: Stage::Advancement {
                career,
                credentials: career.credentials.iter().map(|c| cat.get(*c)).collect(),
                unmet,
                suits,
            },
        });
    }
}
