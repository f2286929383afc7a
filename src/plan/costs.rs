//! Costs through the target credential: known lines summed, unknown ones counted (never
//! taken as $0), and the budget compared with what is known.

use super::{Cost, CostItem, CostLine, Costs, Warning};
use crate::rules::requirement::round2;

/// The cost summary of `lines`, and a budget warning when known costs exceed the budget
/// (`over_budget`), fit it only at the low end of a price range (`range_over_budget`, with
/// the high end), or fit it while some costs are unknown (`budget_unknown`).
pub(super) fn summarise<'c>(
    lines: Vec<CostLine<'c>>,
    budget: Option<f64>,
) -> (Costs<'c>, Option<Warning<'c>>) {
    let known_usd = super::routes::known(&lines);
    let unknown = lines.iter().filter(|l| l.cost == Cost::Unknown).count();
    // The known total with every priced range at its high end, in cents.
    let high_usd = round2(
        known_usd
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
                .sum::<f64>(),
    );
    let warning = budget.and_then(|b| {
        if known_usd > b + 1e-9 {
            Some(Warning::OverBudget {
                known_usd,
                budget_usd: b,
                unknown,
                programme: None,
                cheaper_target: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_costs_add_up_to_cents() {
        let line = |usd| CostLine {
            milestone: "m".into(),
            item: CostItem::Diploma,
            cost: Cost::Known(usd),
        };
        // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in binary floats.
        let (costs, _) = summarise(vec![line(0.1), line(0.2), line(0.3)], None);
        assert_eq!(costs.known_usd, 0.6);
        let (costs, _) = summarise(Vec::new(), None);
        assert_eq!(costs.known_usd.to_string(), "0");
    }
}
