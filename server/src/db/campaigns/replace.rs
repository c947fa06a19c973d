//! A shop's campaign replaced as a whole (an import), listed, paused and resumed (the
//! `relance campaign` commands).

use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};
use domain::Campaign;

use super::upsert_step;
use crate::db::{DbError, Pool};

/// Puts `campaign` (name, escalation, rule, steps) in place of the shop's rule `rule` (else
/// its first), in the caller's transaction; inserts it when the shop has none. The old steps go: the reminders they sent
/// keep their step ids in the history.
pub async fn replace_campaign(
    conn: &mut Conn<'_>,
    shop_id: &str,
    rule: Option<&str>,
    campaign: &Campaign,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let existing: Option<String> = on!(conn, |db| {
        sqlx::query_scalar(
        "select campaign_id from campaigns where shop_id = $1 and ($2 is null or campaign_id = $2)
         order by created_at, campaign_id limit 1",
    )
    .bind(shop_id)
    .bind(rule)
    .fetch_optional(db).await
    })?;
    let campaign_id = match existing {
        Some(id) => {
            on!(conn, |db| sqlx::query(
                "delete from reminder_steps where campaign_id = $1 and shop_id = $2"
            )
            .bind(&id)
            .bind(shop_id)
            .execute(db)
            .await
            .map(Done::from))?;
            on!(conn, |db| sqlx::query(
                "update campaigns set name = $1, escalation = $2, updated_at = $3,
                     priority = $5, conditions = $6, holdout_percent = $7
                 where campaign_id = $4",
            )
            .bind(campaign.name())
            .bind(campaign.escalation())
            .bind(now)
            .bind(&id)
            .bind(i64::from(campaign.priority()))
            .bind(super::conditions_json(campaign))
            .bind(i64::from(campaign.holdout().percent()))
            .execute(db)
            .await
            .map(Done::from))?;
            id
        }
        None => {
            on!(conn, |db| {
                sqlx::query(
                "insert into campaigns (campaign_id, shop_id, name, escalation, created_at, updated_at,
                     priority, conditions, holdout_percent)
                 values ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
            )
            .bind(campaign.id())
            .bind(shop_id)
            .bind(campaign.name())
            .bind(campaign.escalation())
            .bind(now)
            .bind(i64::from(campaign.priority()))
            .bind(super::conditions_json(campaign))
            .bind(i64::from(campaign.holdout().percent()))
            .execute(db).await.map(Done::from)
            })?;
            campaign.id().to_owned()
        }
    };
    for step in campaign.steps() {
        upsert_step(conn, shop_id, &campaign_id, step, now).await?;
    }
    Ok(campaign_id)
}

/// A campaign as `relance campaign list` prints it.
#[derive(Debug, sqlx::FromRow)]
pub struct CampaignLine {
    pub campaign_id: String,
    pub name: String,
    pub paused: bool,
    pub steps: i64,
    pub steps_on: i64,
}

pub async fn list_campaigns(pool: &Pool, shop_id: &str) -> Result<Vec<CampaignLine>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select c.campaign_id, c.name, c.paused, count(s.step_id) as steps,
             count(*) filter (where s.enabled) as steps_on
         from campaigns c left join reminder_steps s on s.campaign_id = c.campaign_id
         where c.shop_id = $1
         group by c.campaign_id, c.name, c.paused, c.created_at
         order by c.created_at, c.campaign_id",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}

/// Pauses or resumes the shop's campaign `campaign_id`, or all of them; how many changed.
pub async fn set_paused(
    pool: &Pool,
    shop_id: &str,
    campaign_id: Option<&str>,
    paused: bool,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "update campaigns set paused = $1, updated_at = $2
         where shop_id = $3 and ($4 is null or campaign_id = $4) and paused <> $1",
    )
    .bind(paused)
    .bind(now)
    .bind(shop_id)
    .bind(campaign_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected())
}
