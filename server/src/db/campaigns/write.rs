//! Writing a campaign and its steps: the step rows, their discount rows, and variant B's
//! own discount as JSON.

use chrono::{DateTime, Utc};
use domain::{Campaign, DelayUnit, Discount, DiscountPolicy, ReminderStep, ValueBasis};

use crate::db::coupon_rows::kind_columns;
use crate::db::money::to_db;
use crate::db::{on, Conn, DbError, Done};

fn value_basis_text(basis: ValueBasis) -> &'static str {
    match basis {
        ValueBasis::TaxIncluded => "tax_included",
        ValueBasis::TaxExcluded => "tax_excluded",
    }
}

/// Variant B's own discount, as the `split_discount` column holds it.
fn split_discount_json(step: &ReminderStep) -> Option<String> {
    let policy = step.split.as_ref()?.discount.as_ref()?;
    Some(serde_json::to_string(policy).expect("a discount policy serializes"))
}

/// The rows of `step_discounts` for a policy: (min, max, discount) in position order.
/// A discount row: its range's bounds, the discount, and the range's own template.
type DiscountColumns<'a> = (
    rust_decimal::Decimal,
    Option<rust_decimal::Decimal>,
    &'a Discount,
    Option<&'a str>,
);

fn discount_rows(policy: &DiscountPolicy) -> Vec<DiscountColumns<'_>> {
    match policy {
        DiscountPolicy::None => Vec::new(),
        DiscountPolicy::Single { discount } => {
            vec![(rust_decimal::Decimal::ZERO, None, discount, None)]
        }
        DiscountPolicy::Ranges { ranges } => ranges
            .ranges()
            .iter()
            .map(|range| {
                (
                    range.min,
                    range.max,
                    &range.discount,
                    range.template_id.as_deref(),
                )
            })
            .collect(),
    }
}

pub async fn insert_campaign(
    conn: &mut Conn<'_>,
    shop_id: &str,
    campaign: &Campaign,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| {
        sqlx::query(
        "insert into campaigns (campaign_id, shop_id, name, escalation, paused, priority, conditions,
             created_at, updated_at, holdout_percent)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
    )
    .bind(campaign.id())
    .bind(shop_id)
    .bind(campaign.name())
    .bind(campaign.escalation())
    .bind(campaign.paused())
    .bind(i64::from(campaign.priority()))
    .bind(conditions_json(campaign))
    .bind(now)
    .bind(i64::from(campaign.holdout().percent()))
    .execute(db).await.map(Done::from)
    })?;
    for step in campaign.steps() {
        upsert_step(conn, shop_id, campaign.id(), step, now).await?;
    }
    Ok(())
}

/// A campaign's conditions as the `conditions` column holds them.
pub(crate) fn conditions_json(campaign: &Campaign) -> String {
    serde_json::to_string(campaign.conditions()).expect("conditions serialize")
}

fn step_columns(step: &ReminderStep) -> (&'static str, Option<&'static str>, &'static str) {
    let (mode, basis) = match &step.discount {
        DiscountPolicy::None => ("none", None),
        DiscountPolicy::Single { .. } => ("single", None),
        DiscountPolicy::Ranges { ranges } => ("ranges", Some(value_basis_text(ranges.basis()))),
    };
    let unit = match step.delay.unit() {
        DelayUnit::Hours => "hours",
        DelayUnit::Days => "days",
    };
    (mode, basis, unit)
}

/// Writes a step row (a new one, or over the one with its id, keeping its `created_at`) and
/// its discount rows.
pub(crate) async fn upsert_step(
    conn: &mut Conn<'_>,
    shop_id: &str,
    campaign_id: &str,
    step: &ReminderStep,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let (mode, basis, unit) = step_columns(step);
    on!(conn, |db| {
        sqlx::query(
        "insert into reminder_steps (step_id, shop_id, campaign_id, delay_amount, delay_unit, enabled,
             newsletter_only, profile_active, profile_inactive, profile_never_ordered, discount_mode,
             value_basis, template_id, created_at, updated_at, delay_from, channel, assignee_id,
             code_collection_id, webhook_url, split_template_id, split_share, sms_texts,
             split_discount)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17,
             $18, $19, $20, $21, $22, $23)
         on conflict (step_id) do update set
             delay_amount = excluded.delay_amount, delay_unit = excluded.delay_unit,
             enabled = excluded.enabled, newsletter_only = excluded.newsletter_only,
             profile_active = excluded.profile_active, profile_inactive = excluded.profile_inactive,
             profile_never_ordered = excluded.profile_never_ordered,
             discount_mode = excluded.discount_mode, value_basis = excluded.value_basis,
             template_id = excluded.template_id, updated_at = excluded.updated_at,
             delay_from = excluded.delay_from, channel = excluded.channel,
             assignee_id = excluded.assignee_id, code_collection_id = excluded.code_collection_id,
             webhook_url = excluded.webhook_url, split_template_id = excluded.split_template_id,
             split_share = excluded.split_share, sms_texts = excluded.sms_texts,
             split_discount = excluded.split_discount",
    )
    .bind(&step.id)
    .bind(shop_id)
    .bind(campaign_id)
    .bind(i64::from(step.delay.amount()))
    .bind(unit)
    .bind(step.enabled)
    .bind(step.audience.newsletter_only)
    .bind(step.audience.profiles.active())
    .bind(step.audience.profiles.inactive())
    .bind(step.audience.profiles.never_ordered())
    .bind(mode)
    .bind(basis)
    .bind(&step.template_id)
    .bind(now)
    .bind(step.delay.from().as_str())
    .bind(step.channel.as_str())
    .bind(step.channel.assignee())
    .bind(step.code_collection.as_deref())
    .bind(step.channel.webhook().map(|url| url.as_str()))
    .bind(step.split.as_ref().map(|s| s.template_id.as_str()))
    .bind(step.split.as_ref().map(|s| i64::from(s.share.percent())))
    .bind(step.channel.sms().map(|t| serde_json::json!(t).to_string()))
    .bind(split_discount_json(step))
    .execute(db).await.map(Done::from)
    })?;
    on!(conn, |db| sqlx::query(
        "delete from step_discounts where step_id = $1"
    )
    .bind(&step.id)
    .execute(db)
    .await
    .map(Done::from))?;
    insert_discounts(conn, shop_id, step, now).await
}

async fn insert_discounts(
    conn: &mut Conn<'_>,
    shop_id: &str,
    step: &ReminderStep,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    for (position, (min, max, discount, template)) in
        discount_rows(&step.discount).into_iter().enumerate()
    {
        let columns = kind_columns(&discount.kind);
        on!(conn, |db| {
            sqlx::query(
            "insert into step_discounts (step_id, shop_id, position, min_value, max_value, kind, value,
                 tax_included, validity_days, combinable, created_at, template_id, gift_sku, gift_name)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(&step.id)
        .bind(shop_id)
        .bind(i64::try_from(position).map_err(DbError::corrupt)?)
        .bind(to_db(min)?)
        .bind(max.map(to_db).transpose()?)
        .bind(columns.kind)
        .bind(to_db(columns.value.unwrap_or_default())?)
        .bind(columns.tax_included)
        .bind(i64::from(discount.validity.days()))
        .bind(discount.combinable)
        .bind(now)
        .bind(template)
        .bind(columns.gift_sku)
        .bind(columns.gift_name)
        .execute(db).await.map(Done::from)
        })?;
    }
    Ok(())
}
