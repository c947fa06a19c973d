//! Rules as the Rules page edits them: a campaign's name, priority and conditions; new and
//! deleted rules; carts sent to a fresh choice; which optional fields the shop sends.

use chrono::{DateTime, Utc};
use domain::rules::{OptionalField, ParsedRule};
use domain::Campaign;

use super::conditions_json;
use crate::db::on;
use crate::db::{DbError, Done, Pool};

/// A new rule, paused (it has no reminder yet) and after the others at its priority.
pub async fn create_rule(
    pool: &Pool,
    shop_id: &str,
    rule: &ParsedRule,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let id = crate::db::new_id();
    let campaign = Campaign::new(id.clone(), &rule.name, Vec::new())
        .map_err(DbError::corrupt)?
        .with_paused(true)
        .with_rule(rule.priority, rule.conditions.clone())
        .with_holdout(rule.holdout);
    let mut tx = pool.begin_write().await?;
    super::insert_campaign(&mut tx.conn(), shop_id, &campaign, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves a rule's name, priority, conditions and control group; `false` when it is not the shop's.
pub async fn update_rule(
    pool: &Pool,
    shop_id: &str,
    campaign_id: &str,
    rule: &ParsedRule,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let probe = Campaign::new(campaign_id.to_owned(), &rule.name, Vec::new())
        .map_err(DbError::corrupt)?
        .with_rule(rule.priority, rule.conditions.clone());
    Ok(on!(pool, |db| sqlx::query(
        "update campaigns set name = $1, priority = $2, conditions = $3, updated_at = $4,
             holdout_percent = $7
         where campaign_id = $5 and shop_id = $6",
    )
    .bind(&rule.name)
    .bind(i64::from(rule.priority))
    .bind(conditions_json(&probe))
    .bind(now)
    .bind(campaign_id)
    .bind(shop_id)
    .bind(i64::from(rule.holdout.percent()))
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected()
        == 1)
}

/// What deleting a rule came to.
#[derive(Debug, PartialEq, Eq)]
pub enum RuleDeletion {
    Deleted,
    NotFound,
    /// The shop's last rule stays: every page about reminders needs one.
    LastRule,
}

/// Deletes a rule and its reminders; the reminders it sent stay in the history.
pub async fn delete_rule(
    pool: &Pool,
    shop_id: &str,
    campaign_id: &str,
) -> Result<RuleDeletion, DbError> {
    let mut tx = pool.begin_write().await?;
    let count: i64 = on!(tx.conn(), |db| sqlx::query_scalar(
        "select count(*) from campaigns where shop_id = $1"
    )
    .bind(shop_id)
    .fetch_one(db)
    .await)?;
    let deleted = on!(tx.conn(), |db| sqlx::query(
        "delete from campaigns where campaign_id = $1 and shop_id = $2"
    )
    .bind(campaign_id)
    .bind(shop_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected();
    if deleted == 0 {
        return Ok(RuleDeletion::NotFound);
    }
    if count <= 1 {
        // Dropping the transaction rolls the delete back.
        return Ok(RuleDeletion::LastRule);
    }
    tx.commit().await?;
    Ok(RuleDeletion::Deleted)
}

/// Sends the open carts whose current sequence follows `campaign_id` to a fresh choice under
/// today's rules at the next pass; how many.
pub async fn reroute(
    pool: &Pool,
    shop_id: &str,
    campaign_id: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "update carts set rerouted_at = $1
         where shop_id = $2 and ordered_at is null and deleted_at is null
           and exists (select 1 from deliveries d
                       where d.cart_id = carts.cart_id and d.sequence = carts.sequence
                         and d.campaign_id = $3
                         and (carts.rerouted_at is null or d.created_at > carts.rerouted_at))",
    )
    .bind(now)
    .bind(shop_id)
    .bind(campaign_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected())
}

/// The optional fields the shop's customers and carts carry at least once: a condition on
/// another one can never pass, and the editor says so.
pub async fn sent_fields(pool: &Pool, shop_id: &str) -> Result<Vec<OptionalField>, DbError> {
    let row: (bool, bool, bool, bool, bool, bool) = on!(pool, |db| sqlx::query_as(
        "select
           exists (select 1 from customers where shop_id = $1 and country is not null),
           exists (select 1 from customers where shop_id = $1 and groups_json <> '[]'),
           exists (select 1 from customers where shop_id = $1 and gender is not null),
           exists (select 1 from customers where shop_id = $1 and birthdate is not null),
           exists (select 1 from cart_items where shop_id = $1 and category is not null),
           exists (select 1 from cart_items where shop_id = $1 and stock is not null)",
    )
    .bind(shop_id)
    .fetch_one(db)
    .await)?;
    let flags = [row.0, row.1, row.2, row.3, row.4, row.5];
    Ok(OptionalField::ALL
        .into_iter()
        .zip(flags)
        .filter_map(|(field, sent)| sent.then_some(field))
        .collect())
}

/// The products seen in the shop's carts, (SKU, latest name, barcode), SKU order, at most
/// 1,000: the rule editor offers them, searchable by SKU, name or EAN.
pub async fn known_products(
    pool: &Pool,
    shop_id: &str,
) -> Result<Vec<(String, String, Option<String>)>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select sku, max(name), max(ean) from cart_items where shop_id = $1
         group by sku order by sku limit 1000",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}
