//! The Reminders page's switches: a step on or off, a step deleted, the campaign's escalation.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use crate::db::{DbError, Pool};

/// Turns a reminder on or off; `false` when it is not the shop's.
pub async fn set_step_enabled(
    pool: &Pool,
    shop_id: &str,
    step_id: &str,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "update reminder_steps set enabled = $1, updated_at = $2 where step_id = $3 and shop_id = $4",
    )
    .bind(enabled)
    .bind(now)
    .bind(step_id)
    .bind(shop_id)
    .execute(db).await.map(Done::from))?
    .rows_affected()
        == 1)
}

/// Deletes a reminder (its discounts go with it; its deliveries stay for the statistics).
pub async fn delete_step(pool: &Pool, shop_id: &str, step_id: &str) -> Result<bool, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "delete from reminder_steps where step_id = $1 and shop_id = $2"
    )
    .bind(step_id)
    .bind(shop_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected()
        == 1)
}

/// Turns a rule's escalation on or off (`rule`, else the shop's first); `false` if the shop
/// has no such rule.
pub async fn set_escalation(
    pool: &Pool,
    shop_id: &str,
    rule: Option<&str>,
    escalation: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let updated = on!(pool, |db| sqlx::query(
        "update campaigns set escalation = $1, updated_at = $2
         where campaign_id = (select campaign_id from campaigns
                              where shop_id = $3 and ($4 is null or campaign_id = $4)
                              order by created_at, campaign_id limit 1)",
    )
    .bind(escalation)
    .bind(now)
    .bind(shop_id)
    .bind(rule)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected();
    Ok(updated > 0)
}

/// Ends a step's A/B test: with `keep_b`, variant B's template becomes the step's. `false`
/// when the shop has no such step with a test running.
pub async fn end_split(
    pool: &Pool,
    shop_id: &str,
    step_id: &str,
    keep_b: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "update reminder_steps
         set template_id = case when $1 then split_template_id else template_id end,
             split_template_id = null, split_share = null, updated_at = $2
         where step_id = $3 and shop_id = $4 and split_template_id is not null",
    )
    .bind(keep_b)
    .bind(now)
    .bind(step_id)
    .bind(shop_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected()
        == 1)
}
