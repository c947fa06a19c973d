//! `relance run-once --dry-run`'s report: each cart's rule, why (every rule with each
//! condition, the cart's value and whether it holds), and what the pass would do.

use domain::engine::{Action, DiscountHold};
use domain::rules::{Explanation, RuleState};

use super::plan::Plan;

/// The lines of one shop's dry run.
pub fn plan_lines(plan: &Plan) -> Vec<String> {
    let mut lines = vec![format!("shop {}:", plan.shop_id)];
    for cart in &plan.carts {
        let rule = plan
            .campaigns
            .iter()
            .find(|c| c.id() == cart.campaign_id)
            .map_or_else(|| "no rule".to_owned(), |c| format!("rule {:?}", c.name()));
        lines.push(format!(
            "  {:<24} {:<32} {rule}",
            cart.external_id, cart.email
        ));
        if let Some(explanation) = &cart.explanation {
            lines.extend(explanation_lines(explanation));
        }
        for action in &cart.actions {
            let what = match action {
                Action::Send {
                    step_id,
                    language,
                    discount,
                    discount_held,
                } => format!(
                    "would send step {step_id} in {language}{}{}",
                    discount
                        .as_ref()
                        .map(|d| format!(", discount {:?}", d.kind))
                        .unwrap_or_default(),
                    match discount_held {
                        Some(DiscountHold::Cooldown) =>
                            " (discount held back: the customer had a coupon within the cooldown)",
                        Some(DiscountHold::Escalation) =>
                            " (discount held back: no reminder of this sequence went out without one yet)",
                        None => "",
                    }
                ),
                Action::Skip { step_id, reason } => {
                    format!("would skip step {step_id}: {}", reason.as_str())
                }
                Action::Call { step_id } => format!("would open a call task for step {step_id}"),
                Action::Wait { at } => format!("waits until {}", at.to_rfc3339()),
                Action::Done => continue,
            };
            lines.push(format!("    {what}"));
        }
    }
    lines
}

/// Every rule in priority order, then each of its conditions, as the cart page shows them.
pub fn explanation_lines(explanation: &Explanation) -> Vec<String> {
    let mut lines = Vec::new();
    for rule in &explanation.rules {
        let state = match rule.state {
            RuleState::Chosen => "chosen",
            RuleState::Outranked => "holds, after the chosen rule",
            RuleState::Failed => "not met",
            RuleState::Paused => "paused",
        };
        lines.push(format!(
            "    · {:?} (priority {}): {state}",
            rule.name, rule.priority
        ));
        if rule.checks.is_empty() {
            lines.push("        every cart".to_owned());
        }
        for check in &rule.checks {
            lines.push(format!(
                "        {} {} [{}]",
                if check.passed { "✓" } else { "✗" },
                check.condition,
                check.value.as_deref().unwrap_or("unknown")
            ));
        }
    }
    lines
}
