//! A cart's rule, explained: the same facts and checks the engine's planner uses.

use chrono_tz::Tz;
use domain::engine::{abandoned_at, SendingRules, SequenceFacts};
use domain::rules::{explain, RuleFacts};
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
            .unwrap_or_else(|| abandoned_at(candidate.last_activity_at, rules)),
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
    let history = engine::history(&mut conn, &shop.id, std::slice::from_ref(&candidate)).await?;
    let sequence = history.sequences.get(cart_id).copied().unwrap_or_default();
    let applied = history.applied_rules(&candidate);
    let zone = shop_zone(&shop.time_zone);
    let facts = facts(&candidate, &sequence, &settings.rules, &zone, &applied);
    Ok(Some(app::backend::CartRule {
        explanation: explain(&campaigns, &facts),
        recorded: history.rules.get(cart_id).cloned(),
    }))
}
