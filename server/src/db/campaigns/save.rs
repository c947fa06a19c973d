//! A reminder saved into its campaign, checked against the campaign's other reminders.

use chrono::{DateTime, Utc};
use domain::{Campaign, ReminderStep};

use super::{load_campaigns_on, upsert_step};
use crate::db::on;
use crate::db::{Conn, DbError, Pool};

/// What saving a reminder came to.
#[derive(Debug, PartialEq, Eq)]
pub enum StepSave {
    Saved {
        step_id: String,
    },
    /// No campaign, or the step id is not one of the shop's.
    NotFound,
    /// The campaign would break a rule (a sixth reminder, two with one delay).
    Refused(domain::CampaignError),
    /// The template is not one of the shop's.
    UnknownTemplate,
    /// The code collection is not one of the shop's.
    UnknownCollection,
}

/// Creates (empty id: a new one is made, in `campaign_id` or else the shop's first campaign)
/// or replaces a reminder of one of the shop's campaigns, in one write transaction that
/// re-reads the campaign, so two admins cannot make a sixth reminder.
pub async fn save_step(
    pool: &Pool,
    shop_id: &str,
    campaign_id: Option<&str>,
    step: &ReminderStep,
    now: DateTime<Utc>,
) -> Result<StepSave, DbError> {
    let mut tx = pool.begin_write().await?;
    let result = save_step_on(&mut tx.conn(), shop_id, campaign_id, step, now).await?;
    // A refused step leaves nothing behind: dropping the transaction rolls it back.
    if matches!(result, StepSave::Saved { .. }) {
        tx.commit().await?;
    }
    Ok(result)
}

async fn save_step_on(
    conn: &mut Conn<'_>,
    shop_id: &str,
    campaign_id: Option<&str>,
    step: &ReminderStep,
    now: DateTime<Utc>,
) -> Result<StepSave, DbError> {
    let campaigns = load_campaigns_on(conn, shop_id, None).await?;
    // An existing step stays in its campaign; a new one goes where it is asked.
    let home = campaigns.iter().find(|c| {
        if step.id.is_empty() {
            campaign_id.is_none_or(|id| c.id() == id)
        } else {
            c.steps().iter().any(|s| s.id == step.id)
        }
    });
    let Some(campaign) = home else {
        return Ok(StepSave::NotFound);
    };
    // The step's template, its discount tiers' and its A/B variant's are the shop's own.
    let mut ids = vec![step.template_id.as_str()];
    ids.extend(step.discount.tier_templates());
    ids.extend(step.split.as_ref().map(|s| s.template_id.as_str()));
    for id in ids {
        let template: Option<(String,)> = on!(conn, |db| sqlx::query_as(
            "select template_id from email_templates where template_id = $1 and shop_id = $2",
        )
        .bind(id)
        .bind(shop_id)
        .fetch_optional(db)
        .await)?;
        if template.is_none() {
            return Ok(StepSave::UnknownTemplate);
        }
    }
    if let Some(collection) = &step.code_collection {
        let found: Option<(String,)> = on!(conn, |db| {
            sqlx::query_as(
            "select collection_id from code_collections where collection_id = $1 and shop_id = $2",
        )
        .bind(collection)
        .bind(shop_id)
        .fetch_optional(db)
        .await
        })?;
        if found.is_none() {
            return Ok(StepSave::UnknownCollection);
        }
    }
    let is_new = step.id.is_empty();
    if !is_new && !campaign.steps().iter().any(|s| s.id == step.id) {
        return Ok(StepSave::NotFound);
    }
    let mut step = step.clone();
    if is_new {
        step.id = crate::db::new_id();
    }
    let mut steps: Vec<ReminderStep> = campaign
        .steps()
        .iter()
        .filter(|s| s.id != step.id)
        .cloned()
        .collect();
    steps.push(step.clone());
    if let Err(error) = Campaign::new(campaign.id().to_owned(), campaign.name(), steps) {
        return Ok(StepSave::Refused(error));
    }
    upsert_step(conn, shop_id, campaign.id(), &step, now).await?;
    Ok(StepSave::Saved { step_id: step.id })
}
