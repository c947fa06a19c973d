//! Rules: a shop's campaigns, each with a priority and conditions on the abandoned cart. The
//! highest-priority active campaign whose conditions all hold is the cart's; ties go to the
//! older campaign. The "why this rule" view and the engine call the same checks.

mod check;
mod choose;
mod condition;
mod draft;
mod launch;

pub use check::{all_hold, check, describe, ConditionCheck, RuleFacts};
pub use choose::{choose, explain, in_priority_order, Explanation, RuleCheck, RuleState};
pub use condition::{
    Compare, Condition, ConditionError, Conditions, ConditionsError, OptionalField, StockLevel,
    MAX_CONDITIONS, MAX_VALUES,
};
pub use draft::{ParsedRule, RuleDraft, RuleProblem};
pub use launch::{launch_check, LaunchContext, LaunchProblem};

#[cfg(test)]
mod launch_tests;
#[cfg(test)]
mod tests;
