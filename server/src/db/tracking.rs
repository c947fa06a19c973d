//! What the links in emails read and write: their delivery, the hits, where "back to my
//! cart" leads.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{new_id, DbError, Pool};

/// Hits this soon after sending are most likely a mail scanner, not the customer.
const SCANNER_WINDOW_SECONDS: i64 = 5;

/// The delivery a link is for, when it exists.
#[derive(sqlx::FromRow)]
pub struct DeliveryRow {
    pub shop_id: String,
    pub cart_id: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub email: String,
    pub language: String,
}

pub async fn delivery(pool: &Pool, delivery_id: &str) -> Result<Option<DeliveryRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select d.shop_id, d.cart_id, d.sent_at, c.email, c.language
         from deliveries d join customers c on c.customer_id = d.customer_id
         where d.delivery_id = $1",
    )
    .bind(delivery_id)
    .fetch_optional(db)
    .await)?)
}

/// Records an open, a click or an unsubscribe, flagged when it came too soon to be human.
pub async fn record(
    pool: &Pool,
    row: &DeliveryRow,
    delivery_id: &str,
    kind: &str,
    destination: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let scanner = row
        .sent_at
        .is_some_and(|sent| (now - sent).num_seconds() < SCANNER_WINDOW_SECONDS);
    on!(pool, |db| {
        sqlx::query(
        "insert into delivery_events (delivery_event_id, shop_id, delivery_id, kind, destination, occurred_at, probable_scanner)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(&row.shop_id)
    .bind(delivery_id)
    .bind(kind)
    .bind(destination)
    .bind(now)
    .bind(scanner)
    .execute(db).await.map(Done::from)
    })?;
    Ok(())
}

/// Where the recovery link of a delivery leads: the cart (or the shop), through the
/// merchant's URL pattern, with the delivery's coupon code.
pub async fn recovery_target(
    pool: &Pool,
    delivery_id: &str,
    cart_id: &str,
) -> Result<Option<String>, DbError> {
    let row: Option<(Option<String>, String, String, Option<String>)> =
        on!(pool, |db| sqlx::query_as(
            "select k.url, s.url, coalesce(ss.cart_url_pattern, '{cart_url}'), cp.code
         from carts k join shops s on s.shop_id = k.shop_id
         left join shop_settings ss on ss.shop_id = k.shop_id
         left join coupons cp on cp.delivery_id = $1
         where k.cart_id = $2",
        )
        .bind(delivery_id)
        .bind(cart_id)
        .fetch_optional(db)
        .await)?;
    Ok(row.map(|(cart_url, shop_url, pattern, code)| {
        let cart_url = cart_url.unwrap_or(shop_url);
        let code = code.unwrap_or_default();
        pattern
            .replace("{cart_url}", &cart_url)
            .replace("{code}", &domain::format::url_component(&code))
    }))
}
