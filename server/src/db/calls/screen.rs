//! What the call screen reads beside its task (the customer's codes and visits) and what it
//! writes: the code given on the call, and the email sent from it.

use chrono::{DateTime, Utc};
use domain::email::OfferedDiscount;
use domain::engine::{coupon_code, CouponPrefix, CODE_LENGTH};
use domain::{Discount, Language};
use rand_core::{OsRng, RngCore};

use super::TaskRow;
use crate::db::coupon_rows::{expires_at, kind_columns};
use crate::db::deliveries::CouponRow;
use crate::db::money::to_db;
use crate::db::on;
use crate::db::Done;
use crate::db::{new_id, DbError, Pool};

#[derive(sqlx::FromRow)]
struct ActiveCoupon {
    #[sqlx(flatten)]
    coupon: CouponRow,
}

/// The customer's unused codes that have not expired, latest first.
pub async fn active_coupons(
    pool: &Pool,
    customer_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<OfferedDiscount>, DbError> {
    let rows: Vec<ActiveCoupon> = on!(pool, |db| sqlx::query_as(
        "select code, kind, value, tax_included, expires_at, gift_sku, gift_name from coupons
         where customer_id = $1 and used_at is null and expires_at > $2
         order by created_at desc limit 10",
    )
    .bind(customer_id)
    .bind(now)
    .fetch_all(db)
    .await)?;
    rows.into_iter()
        .map(|row| row.coupon.into_offer())
        .collect()
}

/// One of the customer's carts: when they were last active on it, and its state.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Visit {
    pub cart_id: String,
    pub external_id: String,
    pub last_activity_at: DateTime<Utc>,
    pub currency: String,
    pub total_tax_incl: i64,
    pub ordered_at: Option<DateTime<Utc>>,
}

/// The customer's latest carts (their visits that filled one), latest first.
pub async fn visits(pool: &Pool, customer_id: &str) -> Result<Vec<Visit>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select cart_id, external_id, last_activity_at, currency, total_tax_incl, ordered_at
         from carts where customer_id = $1 and deleted_at is null
         order by last_activity_at desc limit 5",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await)?)
}

/// The code given on this call, if any.
pub async fn call_coupon(pool: &Pool, task_id: &str) -> Result<Option<OfferedDiscount>, DbError> {
    let row: Option<ActiveCoupon> = on!(pool, |db| {
        sqlx::query_as(
        "select code, kind, value, tax_included, expires_at, gift_sku, gift_name from coupons where call_task_id = $1",
    )
    .bind(task_id)
    .fetch_optional(db)
    .await
    })?;
    row.map(|row| row.coupon.into_offer()).transpose()
}

/// Makes a code for the call's customer; `None` when the call already gave one (a call gives
/// at most one, whoever clicks twice).
pub async fn give_coupon(
    pool: &Pool,
    shop_id: &str,
    task: &TaskRow,
    discount: &Discount,
    prefix: &CouponPrefix,
    now: DateTime<Utc>,
) -> Result<Option<OfferedDiscount>, DbError> {
    let mut tx = pool.begin_write().await?;
    let given: Option<(String,)> = on!(&mut tx.conn(), |db| sqlx::query_as(
        "select code from coupons where call_task_id = $1"
    )
    .bind(&task.task_id)
    .fetch_optional(db)
    .await)?;
    if given.is_some() {
        return Ok(None);
    }
    let columns = kind_columns(&discount.kind);
    let value = columns.value.map(to_db).transpose()?;
    let expires_at = expires_at(discount, now);
    // 2^40 codes: a taken one is rare, and the next try draws new letters.
    for _ in 0..5 {
        let mut random = [0u8; CODE_LENGTH];
        OsRng.fill_bytes(&mut random);
        let code = coupon_code(prefix, random);
        let written = on!(&mut tx.conn(), |db| sqlx::query(
            "insert into coupons (coupon_id, shop_id, code, customer_id, call_task_id, kind,
                 value, tax_included, combinable, expires_at, created_at, gift_sku, gift_name)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             on conflict (shop_id, code) do nothing",
        )
        .bind(new_id())
        .bind(shop_id)
        .bind(&code)
        .bind(&task.customer_id)
        .bind(&task.task_id)
        .bind(columns.kind)
        .bind(value)
        .bind(columns.tax_included)
        .bind(discount.combinable)
        .bind(expires_at)
        .bind(now)
        .bind(columns.gift_sku)
        .bind(columns.gift_name)
        .execute(db)
        .await
        .map(Done::from))?
        .rows_affected();
        if written == 1 {
            tx.commit().await?;
            return Ok(Some(OfferedDiscount {
                code,
                kind: discount.kind.clone(),
                expires_at,
            }));
        }
    }
    Err(DbError::WriteFailed(
        "could not find an unused coupon code".into(),
    ))
}

/// The step id of the email sent from a call: one per call task. No rule has such a step: the
/// step counts' triggers (migration 43 on SQLite, 19 on PostgreSQL) know the prefix too.
pub fn call_email_step(task_id: &str) -> String {
    format!("{CALL_EMAIL}{task_id}")
}

const CALL_EMAIL: &str = "call-email-";

/// Whether a delivery is the email of a call rather than a step of its rule.
pub fn is_call_email(step_id: &str) -> bool {
    step_id.starts_with(CALL_EMAIL)
}

/// Reserves the email of a call before it is sent: a row of the cart's sequence that no
/// worker claims (no attempt time); `false` when the call already has one, so two clicks
/// never send two mails.
#[allow(clippy::too_many_arguments)]
pub async fn reserve_call_email(
    pool: &Pool,
    shop_id: &str,
    task: &TaskRow,
    delivery_id: &str,
    template_id: &str,
    language: Language,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let written = on!(pool, |db| {
        sqlx::query(
        "insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
             sequence, status, language, due_at, created_at, updated_at, attempts, template_id)
         values ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $9, $9, $9, 1, $10)
         on conflict (cart_id, sequence, step_id) do nothing",
    )
    .bind(delivery_id)
    .bind(shop_id)
    .bind(&task.cart_id)
    .bind(&task.customer_id)
    .bind(&task.campaign_id)
    .bind(call_email_step(&task.task_id))
    .bind(task.sequence)
    .bind(language.code())
    .bind(now)
    .bind(template_id)
    .execute(db)
    .await
    .map(Done::from)
    })?
    .rows_affected();
    Ok(written == 1)
}

/// The reserved email went out: a sent reminder for the timeline, statistics and tracking.
pub async fn call_email_sent(
    pool: &Pool,
    delivery_id: &str,
    message_id: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "update deliveries set status = 'sent', sent_at = $1, updated_at = $1, message_id = $2
         where delivery_id = $3 and status = 'queued'",
    )
    .bind(now)
    .bind(message_id)
    .bind(delivery_id)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// The reserved email could not be sent: staff may try again.
pub async fn drop_call_email(pool: &Pool, delivery_id: &str) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "delete from deliveries where delivery_id = $1 and status = 'queued'"
    )
    .bind(delivery_id)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// When the call's email went out, if it did.
pub async fn call_email_at(pool: &Pool, task: &TaskRow) -> Result<Option<DateTime<Utc>>, DbError> {
    let row: Option<(Option<DateTime<Utc>>,)> = on!(pool, |db| sqlx::query_as(
        "select sent_at from deliveries where cart_id = $1 and sequence = $2 and step_id = $3"
    )
    .bind(&task.cart_id)
    .bind(task.sequence)
    .bind(call_email_step(&task.task_id))
    .fetch_optional(db)
    .await)?;
    Ok(row.and_then(|(at,)| at))
}
