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

/// Ends a step's A/B test: with `keep_b`, variant B's template (and its own discount, when it
/// tested one) becomes the step's. `false` when the shop has no such step with a test running.
pub async fn end_split(
    pool: &Pool,
    shop_id: &str,
    step_id: &str,
    keep_b: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut tx = pool.begin_write().await?;
    let found = super::load_campaigns_on(&mut tx.conn(), shop_id, None)
        .await?
        .into_iter()
        .find_map(|campaign| {
            let step = campaign.steps().iter().find(|s| s.id == step_id)?.clone();
            Some((campaign.id().to_owned(), step))
        });
    let Some((campaign_id, mut step)) = found else {
        return Ok(false);
    };
    let Some(split) = step.split.take() else {
        return Ok(false);
    };
    if keep_b {
        step.template_id = split.template_id;
        if let Some(discount) = split.discount {
            step.discount = discount;
        }
    }
    super::upsert_step(&mut tx.conn(), shop_id, &campaign_id, &step, now).await?;
    tx.commit().await?;
    Ok(true)
}
