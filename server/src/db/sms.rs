//! A shop's SMS provider and the numbers that get no more SMS from it.

use chrono::{DateTime, Utc};

use super::{on, DbError, Done, Pool};
use crate::sms::{ProviderConfig, ProviderKind};

#[derive(sqlx::FromRow)]
struct ProviderRow {
    kind: String,
    url: String,
    sender: String,
    api_key: String,
}

/// The shop's SMS provider, if it set one.
pub async fn provider(pool: &Pool, shop_id: &str) -> Result<Option<ProviderConfig>, DbError> {
    let row: Option<ProviderRow> = on!(pool, |db| sqlx::query_as(
        "select kind, url, sender, api_key from sms_providers where shop_id = $1"
    )
    .bind(shop_id)
    .fetch_optional(db)
    .await)?;
    row.map(|row| {
        Ok(ProviderConfig {
            kind: ProviderKind::parse(&row.kind)
                .ok_or_else(|| DbError::corrupt(format!("SMS provider kind {:?}", row.kind)))?,
            url: row.url,
            sender: row.sender,
            api_key: row.api_key,
        })
    })
    .transpose()
}

/// Sets the shop's SMS provider.
pub async fn save_provider(
    pool: &Pool,
    shop_id: &str,
    config: &ProviderConfig,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "insert into sms_providers (shop_id, kind, url, sender, api_key, updated_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (shop_id) do update set kind = excluded.kind, url = excluded.url,
             sender = excluded.sender, api_key = excluded.api_key,
             updated_at = excluded.updated_at"
    )
    .bind(shop_id)
    .bind(config.kind.as_str())
    .bind(&config.url)
    .bind(&config.sender)
    .bind(&config.api_key)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// No more SMS to `phone` (E.164) from the shop: the number is kept as suppressed, and its
/// customers lose their SMS consent. Returns how many customers had it.
pub async fn suppress_number(
    pool: &Pool,
    shop_id: &str,
    phone: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut tx = pool.begin_write().await?;
    on!(&mut tx.conn(), |db| sqlx::query(
        "insert into sms_suppressions (shop_id, phone, reason, created_at)
         values ($1, $2, $3, $4) on conflict (shop_id, phone) do nothing"
    )
    .bind(shop_id)
    .bind(phone)
    .bind(reason)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    let done = on!(&mut tx.conn(), |db| sqlx::query(
        "update customers set sms_consent = $1, updated_at = $2
         where shop_id = $3 and phone = $4 and sms_consent"
    )
    .bind(false)
    .bind(now)
    .bind(shop_id)
    .bind(phone)
    .execute(db)
    .await
    .map(Done::from))?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Whether the shop may no longer text `phone`.
pub async fn is_suppressed(pool: &Pool, shop_id: &str, phone: &str) -> Result<bool, DbError> {
    let found: Option<(String,)> = on!(pool, |db| sqlx::query_as(
        "select reason from sms_suppressions where shop_id = $1 and phone = $2"
    )
    .bind(shop_id)
    .bind(phone)
    .fetch_optional(db)
    .await)?;
    Ok(found.is_some())
}

/// How many numbers the shop may no longer text.
pub async fn suppressed_count(pool: &Pool, shop_id: &str) -> Result<i64, DbError> {
    let (count,): (i64,) = on!(pool, |db| sqlx::query_as(
        "select count(*) from sms_suppressions where shop_id = $1"
    )
    .bind(shop_id)
    .fetch_one(db)
    .await)?;
    Ok(count)
}
