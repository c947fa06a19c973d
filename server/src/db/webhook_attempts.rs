//! The log of webhook steps' POSTs: one row per attempt, listed on the cart page.

use chrono::{DateTime, Utc};

use crate::db::on;
use crate::db::{DbError, Done, Pool};

/// One POST: when, where, and its answer or why none came.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Attempt {
    pub delivery_id: String,
    pub attempt: i64,
    pub attempted_at: DateTime<Utc>,
    pub url: String,
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

/// Writes an attempt; a second write of the same one (a worker that died after it) is kept
/// as the first.
pub async fn record(pool: &Pool, shop_id: &str, attempt: &Attempt) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "insert into webhook_attempts (delivery_id, shop_id, attempt, attempted_at, url,
             status_code, error, duration_ms)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (delivery_id, attempt) do nothing",
    )
    .bind(&attempt.delivery_id)
    .bind(shop_id)
    .bind(attempt.attempt)
    .bind(attempt.attempted_at)
    .bind(&attempt.url)
    .bind(attempt.status_code)
    .bind(attempt.error.as_deref())
    .bind(attempt.duration_ms)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// Every attempt for the cart's deliveries, oldest first.
pub async fn of_cart(pool: &Pool, shop_id: &str, cart_id: &str) -> Result<Vec<Attempt>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select a.delivery_id, a.attempt, a.attempted_at, a.url, a.status_code, a.error,
                a.duration_ms
         from webhook_attempts a join deliveries d on d.delivery_id = a.delivery_id
         where d.shop_id = $1 and d.cart_id = $2
         order by a.attempted_at, a.attempt",
    )
    .bind(shop_id)
    .bind(cart_id)
    .fetch_all(db)
    .await)?)
}
