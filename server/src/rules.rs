//! A cart's rule, explained: the same facts and checks the engine's planner uses.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::engine::{abandoned_at, SendingRules, SequenceFacts};
use domain::rules::{choose, explain, RuleFacts};
use domain::Shop;

use crate::db::engine::{self, Candidate, CandidatePage};
use crate::db::{DbError, Pool};
use crate::zones::shop_zone;

/// The facts rules are checked on for a cart: at its sequence's abandonment (or the one its
/// last activity makes), in the shop's time zone.
pub fn facts<'a>(
    candidate: &'a Candidate,
    sequence: &SequenceFacts,
    rules: &SendingRules,
    zone: &'a Tz,
    applied: &'a [String],
) -> RuleFacts<'a> {
    RuleFacts {
        cart: &candidate.cart,
        customer: &candidate.customer,
        abandoned_at: sequence
            .abandoned_at
            .unwrap_or_else(|| abandoned_at(candidate.activity_at(rules), rules)),
        zone,
        active_months: rules.active_months,
        applied_rules: applied,
    }
}

/// Why the cart (internal id) gets its rule; `None` when it is not the shop's or has no
/// customer.
pub async fn cart_rule(
    pool: &Pool,
    shop: &Shop,
    cart_id: &str,
) -> Result<Option<app::backend::CartRule>, DbError> {
    let campaigns = crate::db::campaigns::load_campaigns(pool, &shop.id).await?;
    let settings = engine::engine_settings(pool, &shop.id).await?;
    let mut conn = pool.acquire().await?;
    let mut conn = conn.conn();
    let Some(candidate) = engine::candidates(
        &mut conn,
        &shop.id,
        chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
        CandidatePage::Cart(cart_id),
    )
    .await?
    .into_iter()
    .next() else {
        return Ok(None);
    };
    let history =
        crate::db::history::history(&mut conn, &shop.id, std::slice::from_ref(&candidate)).await?;
    let sequence = history.sequences.get(cart_id).copied().unwrap_or_default();
    let applied = history.applied_rules(&candidate);
    let zone = shop_zone(&shop.time_zone);
    let facts = facts(&candidate, &sequence, &settings.rules, &zone, &applied);
    Ok(Some(app::backend::CartRule {
        explanation: explain(&campaigns, &facts),
        recorded: history.rules.get(cart_id).cloned(),
    }))
}

/// Where a cart stands in its rule, as the Carts list and the cart page count its next
/// reminder.
#[derive(Debug, Clone, Default)]
pub struct CartRuleState {
    /// The rule its current sequence follows (recorded), or the one the rules choose now;
    /// `None` when no rule takes it.
    pub campaign_id: Option<String>,
    /// When the sequence's latest step went out or was passed over.
    pub last_step_at: Option<DateTime<Utc>>,
    /// The activity the engine counts from (a merchant's restart moves it).
    pub activity_at: Option<DateTime<Utc>>,
}

/// The rule of each of these carts (internal ids) that has a customer, as the engine would
/// take it.
pub async fn rule_states(
    pool: &Pool,
    shop: &Shop,
    campaigns: &[domain::Campaign],
    rules: &SendingRules,
    cart_ids: &[String],
) -> Result<HashMap<String, CartRuleState>, DbError> {
    if cart_ids.is_empty() || campaigns.is_empty() {
        return Ok(HashMap::new());
    }
    let mut conn = pool.acquire().await?;
    let mut conn = conn.conn();
    let candidates = engine::candidates(
        &mut conn,
        &shop.id,
        DateTime::<Utc>::UNIX_EPOCH,
        CandidatePage::Carts(cart_ids),
    )
    .await?;
    let history = crate::db::history::history(&mut conn, &shop.id, &candidates).await?;
    let zone = shop_zone(&shop.time_zone);
    Ok(candidates
        .iter()
        .map(|candidate| {
            let sequence = history
                .sequences
                .get(&candidate.cart_id)
                .copied()
                .unwrap_or_default();
            let campaign_id = history
                .rules
                .get(&candidate.cart_id)
                .filter(|id| campaigns.iter().any(|c| c.id() == id.as_str()))
                .cloned()
                .or_else(|| {
                    let applied = history.applied_rules(candidate);
                    let facts = facts(candidate, &sequence, rules, &zone, &applied);
                    choose(campaigns, &facts).map(|c| c.id().to_owned())
                });
            let state = CartRuleState {
                campaign_id,
                last_step_at: sequence.last_step_at,
                activity_at: Some(candidate.activity_at(rules)),
            };
            (candidate.cart_id.clone(), state)
        })
        .collect())
}

/// The pre-launch check of each of the shop's rules, by campaign id.
pub async fn launch_checks(
    pool: &Pool,
    shop: &Shop,
) -> Result<Vec<(String, Vec<domain::rules::LaunchProblem>)>, DbError> {
    let campaigns = crate::db::campaigns::load_campaigns(pool, &shop.id).await?;
    let templates = crate::db::load_templates(pool, &shop.id).await?;
    let mut languages = vec![shop.default_language];
    for language in crate::db::render_data::customer_languages(pool, &shop.id).await? {
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    let identity = engine::mail_identity(pool, &shop.id).await?;
    let collections: Vec<(String, u64)> = crate::db::codes::collections(pool, &shop.id)
        .await?
        .into_iter()
        .map(|c| (c.collection_id, u64::try_from(c.left_count).unwrap_or(0)))
        .collect();
    let has_sms_provider = crate::db::sms::provider(pool, &shop.id).await?.is_some();
    let context = domain::rules::LaunchContext {
        has_sms_provider,
        collections: &collections,
        templates: &templates,
        languages: &languages,
        has_sender: identity
            .sender_email
            .trim()
            .parse::<lettre::Address>()
            .is_ok(),
    };
    Ok(campaigns
        .iter()
        .map(|campaign| {
            let problems = domain::rules::launch_check(campaign, &campaigns, &context);
            (campaign.id().to_owned(), problems)
        })
        .collect())
}
