//! Which campaign an abandoned cart gets, and the explanation of that choice.

use serde::{Deserialize, Serialize};

use super::check::{all_hold, check, ConditionCheck, RuleFacts};
use crate::campaign::Campaign;

/// The campaigns in the order they are tried: highest priority first, then the older first
/// (the order given, which the database gives by creation).
pub fn in_priority_order(campaigns: &[Campaign]) -> Vec<&Campaign> {
    let mut ordered: Vec<&Campaign> = campaigns.iter().collect();
    ordered.sort_by_key(|campaign| std::cmp::Reverse(campaign.priority()));
    ordered
}

/// The campaign the cart gets: the first active one, in priority order, whose conditions all
/// hold; `None` when none does (the cart gets no reminder).
pub fn choose<'c>(campaigns: &'c [Campaign], facts: &RuleFacts<'_>) -> Option<&'c Campaign> {
    in_priority_order(campaigns).into_iter().find(|campaign| {
        !campaign.paused() && all_hold(campaign.conditions().as_slice(), campaign.id(), facts)
    })
}

/// Where a rule stood in a cart's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    /// Its conditions held and it came first: the cart's rule.
    Chosen,
    /// Its conditions held, but a rule before it was chosen.
    Outranked,
    /// A condition failed.
    Failed,
    /// Paused: not tried.
    Paused,
}

/// One rule of the explanation, with each condition checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCheck {
    pub rule_id: String,
    pub name: String,
    pub priority: i32,
    pub state: RuleState,
    pub checks: Vec<ConditionCheck>,
}

/// The "why this rule" view: every rule in priority order, and the one chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub rules: Vec<RuleCheck>,
    pub chosen: Option<String>,
}

/// Checks every condition of every rule against the cart; the chosen rule is `choose`'s.
pub fn explain(campaigns: &[Campaign], facts: &RuleFacts<'_>) -> Explanation {
    let mut chosen = None;
    let rules = in_priority_order(campaigns)
        .into_iter()
        .map(|campaign| {
            let checks: Vec<ConditionCheck> = campaign
                .conditions()
                .as_slice()
                .iter()
                .map(|condition| check(condition, campaign.id(), facts))
                .collect();
            let state = if campaign.paused() {
                RuleState::Paused
            } else if !checks.iter().all(|c| c.passed) {
                RuleState::Failed
            } else if chosen.is_some() {
                RuleState::Outranked
            } else {
                chosen = Some(campaign.id().to_owned());
                RuleState::Chosen
            };
            RuleCheck {
                rule_id: campaign.id().to_owned(),
                name: campaign.name().to_owned(),
                priority: campaign.priority(),
                state,
                checks,
            }
        })
        .collect();
    Explanation { rules, chosen }
}
