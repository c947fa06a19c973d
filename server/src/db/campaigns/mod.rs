use crate::db::on;
use crate::db::Conn;
use std::collections::BTreeMap;

use domain::calls::Channel;
use domain::rules::Conditions;
use domain::{
    Audience, Campaign, Delay, DelayFrom, Discount, DiscountPolicy, DiscountRange, DiscountRanges,
    HoldoutShare, ProfileSet, ReminderStep, SplitShare, SplitTest, ValidityDays, ValueBasis,
};

use crate::db::coupon_rows::kind_of;
use crate::db::money::from_db;
use crate::db::{DbError, Pool};

mod replace;
mod rules;
mod save;
mod switches;
mod write;
pub use replace::{list_campaigns, replace_campaign, set_paused, CampaignLine};
pub use rules::{
    create_rule, delete_rule, known_products, reroute, sent_fields, update_rule, RuleDeletion,
};
pub use save::{save_step, StepSave};
pub use switches::{delete_step, end_split, set_escalation, set_step_enabled};
pub(crate) use write::conditions_json;
pub use write::insert_campaign;
use write::upsert_step;

#[derive(sqlx::FromRow)]
struct CampaignRow {
    campaign_id: String,
    name: String,
    escalation: bool,
    paused: bool,
    priority: i64,
    conditions: String,
    holdout_percent: i64,
}

#[derive(sqlx::FromRow)]
struct StepRow {
    step_id: String,
    delay_amount: i64,
    delay_unit: String,
    enabled: bool,
    newsletter_only: bool,
    profile_active: bool,
    profile_inactive: bool,
    profile_never_ordered: bool,
    discount_mode: String,
    value_basis: Option<String>,
    template_id: String,
    delay_from: String,
    channel: String,
    assignee_id: Option<String>,
    webhook_url: Option<String>,
    code_collection_id: Option<String>,
    split_template_id: Option<String>,
    split_share: Option<i64>,
    /// JSON: `{"fr": "…"}`.
    sms_texts: Option<String>,
    /// JSON: variant B's own `DiscountPolicy`.
    split_discount: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DiscountRow {
    step_id: String,
    min_value: i64,
    max_value: Option<i64>,
    kind: String,
    value: i64,
    tax_included: bool,
    validity_days: i64,
    combinable: bool,
    template_id: Option<String>,
    gift_sku: Option<String>,
    gift_name: Option<String>,
}

impl DiscountRow {
    fn discount(&self) -> Result<Discount, DbError> {
        let kind = kind_of(
            &self.kind,
            Some(from_db(self.value)),
            self.tax_included,
            self.gift_sku.as_deref(),
            self.gift_name.as_deref(),
        )?;
        let days = u32::try_from(self.validity_days).map_err(DbError::corrupt)?;
        Ok(Discount {
            kind,
            validity: ValidityDays::new(days).map_err(DbError::corrupt)?,
            combinable: self.combinable,
        })
    }
}

fn value_basis(text: Option<&str>) -> Result<ValueBasis, DbError> {
    match text {
        Some("tax_included") => Ok(ValueBasis::TaxIncluded),
        Some("tax_excluded") => Ok(ValueBasis::TaxExcluded),
        other => Err(DbError::corrupt(format!("value basis {other:?}"))),
    }
}

impl StepRow {
    fn into_domain(self, discounts: Vec<DiscountRow>) -> Result<ReminderStep, DbError> {
        let amount = u32::try_from(self.delay_amount).map_err(DbError::corrupt)?;
        let delay = match self.delay_unit.as_str() {
            "hours" => Delay::hours(amount),
            "days" => Delay::days(amount),
            other => return Err(DbError::corrupt(format!("delay unit {other:?}"))),
        }
        .map_err(DbError::corrupt)?
        .counted_from(
            DelayFrom::parse(&self.delay_from)
                .ok_or_else(|| DbError::corrupt(format!("delay from {:?}", self.delay_from)))?,
        );
        let discount = match self.discount_mode.as_str() {
            "none" => DiscountPolicy::None,
            "single" => {
                let row = discounts
                    .first()
                    .ok_or_else(|| DbError::corrupt("a single discount without its row"))?;
                DiscountPolicy::Single {
                    discount: row.discount()?,
                }
            }
            "ranges" => {
                let ranges = discounts
                    .iter()
                    .map(|row| {
                        Ok(DiscountRange {
                            min: from_db(row.min_value),
                            max: row.max_value.map(from_db),
                            discount: row.discount()?,
                            template_id: row.template_id.clone(),
                        })
                    })
                    .collect::<Result<Vec<_>, DbError>>()?;
                DiscountPolicy::Ranges {
                    ranges: DiscountRanges::new(value_basis(self.value_basis.as_deref())?, ranges)
                        .map_err(DbError::corrupt)?,
                }
            }
            other => return Err(DbError::corrupt(format!("discount mode {other:?}"))),
        };
        Ok(ReminderStep {
            id: self.step_id,
            delay,
            enabled: self.enabled,
            audience: Audience {
                newsletter_only: self.newsletter_only,
                profiles: ProfileSet::new(
                    self.profile_active,
                    self.profile_inactive,
                    self.profile_never_ordered,
                )
                .map_err(DbError::corrupt)?,
            },
            discount,
            template_id: self.template_id,
            channel: Channel::from_parts(
                &self.channel,
                self.assignee_id,
                self.webhook_url.as_deref(),
                (self.sms_texts.as_deref())
                    .map(serde_json::from_str)
                    .transpose()
                    .map_err(DbError::corrupt)?,
            )
            .ok_or_else(|| DbError::corrupt(format!("channel {:?}", self.channel)))?,
            code_collection: self.code_collection_id,
            split: match (self.split_template_id, self.split_share) {
                (Some(template_id), Some(share)) => Some(SplitTest {
                    template_id,
                    share: u8::try_from(share)
                        .ok()
                        .and_then(|share| SplitShare::new(share).ok())
                        .ok_or_else(|| DbError::corrupt(format!("split_share {share}")))?,
                    discount: self
                        .split_discount
                        .as_deref()
                        .map(serde_json::from_str)
                        .transpose()
                        .map_err(DbError::corrupt)?,
                }),
                _ => None,
            },
        })
    }
}

/// The shop's first campaign (the one the Reminders page opens on), with its steps in sending
/// order.
#[tracing::instrument(skip_all, fields(shop_id))]
pub async fn load_campaign(pool: &Pool, shop_id: &str) -> Result<Option<Campaign>, DbError> {
    let mut conn = pool.acquire().await?;
    load_campaign_on(&mut conn.conn(), shop_id).await
}

async fn load_campaign_on(conn: &mut Conn<'_>, shop_id: &str) -> Result<Option<Campaign>, DbError> {
    Ok(load_campaigns_on(conn, shop_id, None)
        .await?
        .into_iter()
        .next())
}

/// One campaign of the shop, `None` when it is not the shop's.
pub async fn load_campaign_by_id(
    pool: &Pool,
    shop_id: &str,
    campaign_id: &str,
) -> Result<Option<Campaign>, DbError> {
    let mut conn = pool.acquire().await?;
    Ok(
        load_campaigns_on(&mut conn.conn(), shop_id, Some(campaign_id))
            .await?
            .into_iter()
            .next(),
    )
}

/// Every campaign (rule) of the shop, oldest first: the order ties of priority go by.
#[tracing::instrument(skip_all, fields(shop_id))]
pub async fn load_campaigns(pool: &Pool, shop_id: &str) -> Result<Vec<Campaign>, DbError> {
    let mut conn = pool.acquire().await?;
    load_campaigns_on(&mut conn.conn(), shop_id, None).await
}

pub(crate) async fn load_campaigns_on(
    conn: &mut Conn<'_>,
    shop_id: &str,
    only: Option<&str>,
) -> Result<Vec<Campaign>, DbError> {
    let campaigns: Vec<CampaignRow> = on!(conn, |db| sqlx::query_as(
        "select campaign_id, name, escalation, paused, priority, conditions, holdout_percent
         from campaigns
         where shop_id = $1 and ($2 is null or campaign_id = $2)
         order by created_at, campaign_id",
    )
    .bind(shop_id)
    .bind(only)
    .fetch_all(db)
    .await)?;
    if campaigns.is_empty() {
        return Ok(Vec::new());
    }
    let steps: Vec<StepWithCampaign> = on!(conn, |db| sqlx::query_as(
        "select s.campaign_id, s.step_id, s.delay_amount, s.delay_unit, s.enabled,
                s.newsletter_only, s.profile_active, s.profile_inactive, s.profile_never_ordered,
                s.discount_mode, s.value_basis, s.template_id, s.delay_from, s.channel,
                s.assignee_id, s.webhook_url, s.code_collection_id, s.split_template_id,
                s.split_share, s.sms_texts, s.split_discount
         from reminder_steps s join campaigns c on c.campaign_id = s.campaign_id
         where c.shop_id = $1 and ($2 is null or c.campaign_id = $2)",
    )
    .bind(shop_id)
    .bind(only)
    .fetch_all(db)
    .await)?;
    let discount_rows: Vec<DiscountRow> = on!(conn, |db| sqlx::query_as(
        "select d.step_id, d.min_value, d.max_value, d.kind, d.value, d.tax_included,
                d.validity_days, d.combinable, d.template_id, d.gift_sku, d.gift_name
         from step_discounts d join reminder_steps s on s.step_id = d.step_id
         join campaigns c on c.campaign_id = s.campaign_id
         where c.shop_id = $1 and ($2 is null or c.campaign_id = $2)
         order by d.step_id, d.position",
    )
    .bind(shop_id)
    .bind(only)
    .fetch_all(db)
    .await)?;

    let mut by_step: BTreeMap<String, Vec<DiscountRow>> = BTreeMap::new();
    for row in discount_rows {
        by_step.entry(row.step_id.clone()).or_default().push(row);
    }
    let mut by_campaign: BTreeMap<String, Vec<ReminderStep>> = BTreeMap::new();
    for StepWithCampaign { campaign_id, step } in steps {
        let discounts = by_step.remove(&step.step_id).unwrap_or_default();
        by_campaign
            .entry(campaign_id)
            .or_default()
            .push(step.into_domain(discounts)?);
    }
    campaigns
        .into_iter()
        .map(|row| {
            let steps = by_campaign.remove(&row.campaign_id).unwrap_or_default();
            let conditions: Conditions =
                serde_json::from_str(&row.conditions).map_err(DbError::corrupt)?;
            let priority = i32::try_from(row.priority).map_err(DbError::corrupt)?;
            let holdout = u8::try_from(row.holdout_percent)
                .ok()
                .and_then(|percent| HoldoutShare::new(percent).ok())
                .ok_or_else(|| DbError::corrupt("holdout_percent out of range"))?;
            Campaign::new(row.campaign_id, &row.name, steps)
                .map(|c| {
                    c.with_escalation(row.escalation)
                        .with_paused(row.paused)
                        .with_rule(priority, conditions)
                        .with_holdout(holdout)
                })
                .map_err(DbError::corrupt)
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct StepWithCampaign {
    campaign_id: String,
    #[sqlx(flatten)]
    step: StepRow,
}
