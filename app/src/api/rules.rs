//! The Rules page's server functions: list, edit, delete and re-route rules. Staff see them;
//! managers and owners change them.

use domain::rules::{Condition, LaunchProblem, OptionalField, RuleDraft, RuleProblem};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A product seen in the shop's carts, as the rule editor's product list offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownProduct {
    pub sku: String,
    pub name: String,
    /// Its barcode (EAN), when the shop sends one.
    pub ean: Option<String>,
}

/// One line of the Rules page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleLine {
    pub id: String,
    pub name: String,
    pub priority: i32,
    pub paused: bool,
    pub conditions: Vec<Condition>,
    pub steps: usize,
    pub steps_on: usize,
    /// Fields its conditions read that the shop's carts never carried.
    pub missing: Vec<OptionalField>,
    /// Its pre-launch check.
    pub check: Vec<LaunchProblem>,
    /// Its control group's share, in percent (0: none).
    #[serde(default)]
    pub holdout: u8,
}

/// The Rules page: every rule in priority order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesData {
    pub rules: Vec<RuleLine>,
}

/// What the rule editor opens with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleEditorData {
    pub draft: RuleDraft,
    /// The optional fields the shop's carts carry: a condition on another is flagged.
    pub sent_fields: Vec<OptionalField>,
    /// Products seen in the shop's carts, for the product list (by SKU, name or EAN).
    pub products: Vec<KnownProduct>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleOutcome {
    Saved { id: String },
    Invalid { problems: Vec<RuleProblem> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleDeleted {
    Deleted,
    LastRule,
}

/// The shop's rules in priority order.
#[server(prefix = "/admin/fn", endpoint = "list_rules")]
pub async fn list_rules(shop: String) -> Result<RulesData, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let (campaigns, sent) = scope.backend.rules(&scope.shop).await?;
    let mut checks = scope.backend.launch_checks(&scope.shop).await?;
    let rules = domain::rules::in_priority_order(&campaigns)
        .into_iter()
        .map(|campaign| {
            let conditions = campaign.conditions().as_slice().to_vec();
            let mut missing: Vec<OptionalField> = conditions
                .iter()
                .filter_map(Condition::needs)
                .filter(|field| !sent.contains(field))
                .collect();
            missing.sort();
            missing.dedup();
            RuleLine {
                id: campaign.id().to_owned(),
                name: campaign.name().to_owned(),
                priority: campaign.priority(),
                paused: campaign.paused(),
                conditions,
                steps: campaign.steps().len(),
                steps_on: campaign.steps().iter().filter(|s| s.enabled).count(),
                holdout: campaign.holdout().percent(),
                missing,
                check: checks
                    .iter_mut()
                    .find(|(id, _)| id == campaign.id())
                    .map(|(_, problems)| std::mem::take(problems))
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok(RulesData { rules })
}

/// The editor's fields for rule `id` ("new" or empty: a new rule).
#[server(prefix = "/admin/fn", endpoint = "load_rule")]
pub async fn load_rule(shop: String, id: String) -> Result<RuleEditorData, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    let (campaigns, sent_fields) = scope.backend.rules(&scope.shop).await?;
    let draft = if id.is_empty() || id == "new" {
        RuleDraft::new()
    } else {
        let campaign = campaigns
            .iter()
            .find(|c| c.id() == id)
            .ok_or(AppError::NotFound)?;
        RuleDraft::from_campaign(campaign)
    };
    Ok(RuleEditorData {
        draft,
        sent_fields,
        products: scope.backend.known_products(&scope.shop).await?,
    })
}

/// Creates or saves a rule; a new rule starts paused, with no reminder yet.
#[server(prefix = "/admin/fn", endpoint = "save_rule", input = Json)]
pub async fn save_rule(shop: String, draft: RuleDraft) -> Result<RuleOutcome, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let rule = match draft.parse() {
                Ok(rule) => rule,
                Err(problems) => return Ok(RuleOutcome::Invalid { problems }),
            };
            let before = rule_summary(&scope, &draft.id).await;
            let Some(id) = scope
                .backend
                .save_rule(&scope.shop, &draft.id, &rule, chrono::Utc::now())
                .await?
            else {
                return Err(AppError::NotFound);
            };
            let after = rule_summary(&scope, &id).await;
            scope
                .audit(domain::audit::AuditAction::RuleSaved, &id, before, after)
                .await;
            Ok(RuleOutcome::Saved { id })
        }
        .await,
    )
}

/// Deletes a rule and its reminders; the shop's last rule stays.
#[server(prefix = "/admin/fn", endpoint = "delete_rule")]
pub async fn delete_rule(shop: String, id: String) -> Result<RuleDeleted, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    let before = rule_summary(&scope, &id).await;
    let outcome = match scope.backend.delete_rule(&scope.shop, &id).await? {
        crate::backend::RuleRemoval::Deleted => RuleDeleted::Deleted,
        crate::backend::RuleRemoval::LastRule => RuleDeleted::LastRule,
        crate::backend::RuleRemoval::NotFound => {
            return crate::error::with_status(Err(AppError::NotFound))
        }
    };
    if outcome == RuleDeleted::Deleted {
        scope
            .audit(domain::audit::AuditAction::RuleDeleted, &id, before, None)
            .await;
    }
    Ok(outcome)
}

/// Sends the rule's carts in progress to a fresh choice at the next pass; how many.
#[server(prefix = "/admin/fn", endpoint = "reroute_rule")]
pub async fn reroute_rule(shop: String, id: String) -> Result<u64, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    let (campaigns, _) = scope.backend.rules(&scope.shop).await?;
    if !campaigns.iter().any(|c| c.id() == id) {
        return crate::error::with_status(Err(AppError::NotFound));
    }
    let moved = scope
        .backend
        .reroute_rule(&scope.shop, &id, chrono::Utc::now())
        .await?;
    scope
        .audit(
            domain::audit::AuditAction::RuleRerouted,
            &id,
            None,
            Some(format!("{moved} carts")),
        )
        .await;
    Ok(moved)
}

/// A rule in a few lines for the activity log.
#[cfg(feature = "ssr")]
async fn rule_summary(scope: &super::scope::Scope, id: &str) -> Option<String> {
    let (campaigns, _) = scope.backend.rules(&scope.shop).await.ok()?;
    let campaign = campaigns.iter().find(|c| c.id() == id)?;
    let mut lines = vec![
        format!("name: {}", campaign.name()),
        format!("priority: {}", campaign.priority()),
    ];
    lines.extend(
        campaign
            .conditions()
            .as_slice()
            .iter()
            .map(domain::rules::describe),
    );
    Some(lines.join("\n"))
}

/// The cart page's "why this rule".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartRuleData {
    pub explanation: domain::rules::Explanation,
    /// The rule the cart's current sequence recorded at its first step, by name.
    pub recorded: Option<String>,
}

/// Why the cart (internal id) gets its rule; `None` for a cart without a customer.
#[server(prefix = "/admin/fn", endpoint = "load_cart_rule")]
pub async fn load_cart_rule(shop: String, id: String) -> Result<Option<CartRuleData>, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let Some(found) = scope.backend.cart_rule(&scope.shop, &id).await? else {
        return Ok(None);
    };
    let (campaigns, _) = scope.backend.rules(&scope.shop).await?;
    let recorded = found.recorded.map(|id| {
        campaigns
            .iter()
            .find(|c| c.id() == id)
            .map_or(id, |c| c.name().to_owned())
    });
    Ok(Some(CartRuleData {
        explanation: found.explanation,
        recorded,
    }))
}
