//! The Rules page's part of the backend: the shop's rules, their edits, and the explanation
//! of a cart's rule.

use async_trait::async_trait;
use domain::rules::{Explanation, OptionalField, ParsedRule};
use domain::{Campaign, Shop};

use super::BackendError;
use crate::api::KnownProduct;

/// What deleting a rule came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleRemoval {
    Deleted,
    NotFound,
    LastRule,
}

/// A cart's rule: the explanation under today's rules, and the rule its current sequence
/// recorded (which is the one it follows, whatever today's choice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartRule {
    pub explanation: Explanation,
    pub recorded: Option<String>,
}

#[async_trait]
pub trait RulesBackend {
    /// Ends a step's A/B test, keeping variant B's template when `keep_b`; `false` when
    /// the shop has no such step with a test running.
    async fn end_split(
        &self,
        shop: &Shop,
        step_id: &str,
        keep_b: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;

    /// The shop's rules, oldest first, and the optional fields its carts carry.
    async fn rules(&self, shop: &Shop)
        -> Result<(Vec<Campaign>, Vec<OptionalField>), BackendError>;

    /// Products seen in the shop's carts, for the editor's product list.
    async fn known_products(&self, shop: &Shop) -> Result<Vec<KnownProduct>, BackendError>;

    /// Creates (`id` empty) or saves a rule; `None` when `id` is not one of the shop's.
    async fn save_rule(
        &self,
        shop: &Shop,
        id: &str,
        rule: &ParsedRule,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<String>, BackendError>;

    async fn delete_rule(&self, shop: &Shop, id: &str) -> Result<RuleRemoval, BackendError>;

    /// Sends the rule's carts in progress to a fresh choice; how many.
    async fn reroute_rule(
        &self,
        shop: &Shop,
        id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, BackendError>;

    /// The pre-launch check of each rule, by id.
    async fn launch_checks(
        &self,
        shop: &Shop,
    ) -> Result<Vec<(String, Vec<domain::rules::LaunchProblem>)>, BackendError>;

    /// Why the cart (internal id) gets its rule; `None` when it has no customer or is not
    /// the shop's.
    async fn cart_rule(&self, shop: &Shop, cart_id: &str)
        -> Result<Option<CartRule>, BackendError>;
}
