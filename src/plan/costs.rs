//! Costs through the target credential: known lines summed, unknown ones counted (never
//! taken as $0), and the budget compared with what is known.

use super::{Cost, CostItem, CostLine, Costs, Warning};

/// The cost summary of `lines`, and a budget warning when known costs exceed the budget
/// (`over_budget`), fit it only at the low end of a price range (`range_over_budget`, with
/// the high end), or fit it while some costs are unknown (`budget_unknown`).
pub(super) fn summarise<'c>(
    lines: Vec<CostLine<'c>>,
    budget: Option<f64>,
) -> (Costs<'c>, Option<Warning<'c>>) {
    let known_usd = super::routes::known(&lines);
    let unknown = lines.iter().filter(|l| l.cost == Cost::Unknown).count();
    // The known total with every priced range at its high end.
    let high_usd = known_usd
        + lines
            .iter()
            .filter_map(|l| match (&l.item, l.cost) {
                (
                    CostItem::Programme {
                        range: Some((lo, hi)),
                        ..
                    },
                    Cost::Known(_),
                ) => Some(hi - lo),
                _ => None,
            })
            .sum::<f64>();
    let warning = budget.and_then(|b| {
        if known_usd > b + 1e-9 {
            Some(Warning::OverBudget {
                known_usd,
                budget_usd: b,
                unknown,
            })
        } else if high_usd > b + 1e-9 {
            Some(Warning::RangeOverBudget {
                known_usd,
                high_usd,
                budget_usd: b,
                unknown,
            })
        } else if unknown > 0 {
            Some(Warning::BudgetUnknown {
                known_usd,
                budget_usd: b,
                unknown,
            })
        } else {
            None
        }
    });
    (
        Costs {
            lines,
            known_usd,
            unknown,
        },
        warning,
    )
}
