//! The Statistics page's A/B tests: for each step with a test running, its two variants'
//! funnels over the range (from the stored days, split by the template each reminder was
//! sent with) and the verdict.

use std::collections::HashMap;

use app::api::{FunnelLabel, Offer, SplitLine};
use domain::stats::{compare, DayStats, VariantFunnel};
use domain::Campaign;

/// Variant B is every reminder of the step sent with B's template; A every other one (the
/// step's template, or its discount tier's).
pub fn split_lines(
    days: &[DayStats],
    scanners: bool,
    campaigns: &[&Campaign],
    template_names: &HashMap<String, String>,
) -> Vec<SplitLine> {
    let several = campaigns.len() > 1;
    let name = |id: &str| {
        template_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    };
    let mut lines = Vec::new();
    for campaign in campaigns {
        for (index, step) in campaign.steps().iter().enumerate() {
            let Some(split) = &step.split else {
                continue;
            };
            let mut a = VariantFunnel {
                template_id: step.template_id.clone(),
                ..VariantFunnel::default()
            };
            let mut b = VariantFunnel {
                template_id: split.template_id.clone(),
                ..VariantFunnel::default()
            };
            let rows = days
                .iter()
                .flat_map(|day| &day.steps)
                .filter(|row| row.scanners == scanners && row.step_id == step.id);
            for row in rows {
                let variant = if row.template_id == split.template_id {
                    &mut b
                } else {
                    &mut a
                };
                variant.sent += row.sent;
                variant.opened += row.opened;
                variant.clicked += row.clicked;
                variant.converted += row.converted;
                variant.revenue += row.revenue;
            }
            lines.push(SplitLine {
                step_id: step.id.clone(),
                step: FunnelLabel::Step {
                    number: index + 1,
                    amount: step.delay.amount(),
                    unit: step.delay.unit(),
                    rule: several.then(|| campaign.name().to_owned()),
                },
                share: split.share.percent(),
                a_name: name(&step.template_id),
                b_name: name(&split.template_id),
                verdict: compare(&a, &b),
                discounts: split
                    .discount
                    .as_ref()
                    .map(|b| (Offer::of_policy(&step.discount), Offer::of_policy(b))),
                a,
                b,
            });
        }
    }
    lines
}
