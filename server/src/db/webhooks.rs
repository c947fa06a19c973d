//! Webhook secrets per shop and platform, and the key each platform's events are stored under.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::api_keys::{ApiKeyOwner, NewKey};
use super::{DbError, Pool};

/// The secret and the events' owner of the shop's webhooks from `platform`.
pub struct WebhookSecret {
    pub secret: String,
    pub owner: ApiKeyOwner,
}

#[derive(sqlx::FromRow)]
struct SecretRow {
    secret: String,
    api_key_id: String,
    shop_id: String,
    currency: String,
}

pub async fn find(
    pool: &Pool,
    shop_id: &str,
    platform: &str,
) -> Result<Option<WebhookSecret>, DbError> {
    let row: Option<SecretRow> = on!(pool, |db| sqlx::query_as(
        "select w.secret, w.api_key_id, w.shop_id, s.currency
         from webhook_secrets w join shops s on s.shop_id = w.shop_id
         where w.shop_id = $1 and w.platform = $2",
    )
    .bind(shop_id)
    .bind(platform)
    .fetch_optional(db)
    .await)?;
    Ok(row.map(|row| WebhookSecret {
        secret: row.secret,
        owner: ApiKeyOwner {
            api_key_id: row.api_key_id,
            shop_id: row.shop_id,
            currency: row.currency,
        },
    }))
}

/// Sets the secret; the first time, also makes the key the platform's events are stored under
/// (`key_hash` is a hash no bearer key has).
pub async fn set(
    pool: &Pool,
    shop_id: &str,
    platform: &str,
    secret: &str,
    unusable_key_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut tx = pool.begin_write().await?;
    let updated = on!(tx, |db| sqlx::query(
        "update webhook_secrets set secret = $1, updated_at = $2 where shop_id = $3 and platform = $4",
    )
    .bind(secret)
    .bind(now)
    .bind(shop_id)
    .bind(platform)
    .execute(db).await.map(Done::from))?
    .rows_affected();
    if updated == 0 {
        let api_key_id = super::new_id();
        let name = format!("{platform} webhooks");
        super::api_keys::insert(
            &mut tx.conn(),
            &NewKey {
                api_key_id: &api_key_id,
                shop_id,
                name: &name,
                key_prefix: "webhooks",
                key_hash: unusable_key_hash,
            },
            now,
        )
        .await?;
        on!(tx, |db| {
            sqlx::query(
            "insert into webhook_secrets (shop_id, platform, secret, api_key_id, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $5)",
        )
        .bind(shop_id)
        .bind(platform)
        .bind(secret)
        .bind(&api_key_id)
        .bind(now)
        .execute(db).await.map(Done::from)
        })?;
    }
    tx.commit().await?;
    Ok(())
}

/// The cart (its id in the shop) of the shop's order `external_id`, and the order's total in
/// minor units, when Relance has the order.
pub async fn order_cart(
    pool: &Pool,
    shop_id: &str,
    external_id: &str,
) -> Result<Option<(String, i64)>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select c.external_id, o.total_tax_incl from orders o join carts c on c.cart_id = o.cart_id
         where o.shop_id = $1 and o.external_id = $2",
    )
    .bind(shop_id)
    .bind(external_id)
    .fetch_optional(db)
    .await)?)
}
