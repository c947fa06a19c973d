use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};
use domain::{Currency, Language, Shop, WebUrl};

use super::{DbError, Pool};

#[derive(sqlx::FromRow)]
struct ShopRow {
    shop_id: String,
    name: String,
    url: String,
    logo_url: Option<String>,
    postal_address: String,
    currency: String,
    default_language: String,
    time_zone: String,
}

impl TryFrom<ShopRow> for Shop {
    type Error = DbError;
    fn try_from(row: ShopRow) -> Result<Self, Self::Error> {
        Ok(Shop {
            url: WebUrl::parse(&row.url).map_err(DbError::corrupt)?,
            logo_url: row
                .logo_url
                .map(|url| WebUrl::parse(&url))
                .transpose()
                .map_err(DbError::corrupt)?,
            currency: Currency::parse(&row.currency).map_err(DbError::corrupt)?,
            default_language: Language::parse(&row.default_language).map_err(DbError::corrupt)?,
            id: row.shop_id,
            name: row.name,
            postal_address: row.postal_address,
            time_zone: row.time_zone,
        })
    }
}

/// The shop with this id (its slug).
pub async fn find_shop(pool: &Pool, shop_id: &str) -> Result<Option<Shop>, DbError> {
    let row: Option<ShopRow> = on!(pool, |db| {
        sqlx::query_as(
        "select shop_id, name, url, logo_url, postal_address, currency, default_language, time_zone
         from shops where shop_id = $1",
    )
    .bind(shop_id)
    .fetch_optional(db).await
    })?;
    row.map(Shop::try_from).transpose()
}

/// Every shop, oldest first: the engine's pass serves each in turn.
pub async fn all_shops(pool: &Pool) -> Result<Vec<Shop>, DbError> {
    let rows: Vec<ShopRow> = on!(pool, |db| {
        sqlx::query_as(
        "select shop_id, name, url, logo_url, postal_address, currency, default_language, time_zone
         from shops order by created_at, shop_id",
    )
    .fetch_all(db).await
    })?;
    rows.into_iter().map(Shop::try_from).collect()
}

pub async fn shop_exists(pool: &Pool, shop_id: &str) -> Result<bool, DbError> {
    let found: Option<(String,)> = on!(pool, |db| sqlx::query_as(
        "select shop_id from shops where shop_id = $1"
    )
    .bind(shop_id)
    .fetch_optional(db)
    .await)?;
    Ok(found.is_some())
}

pub async fn insert_shop(
    conn: &mut Conn<'_>,
    shop: &Shop,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| {
        sqlx::query(
        "insert into shops (shop_id, name, url, logo_url, postal_address, currency, default_language, time_zone, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&shop.id)
    .bind(&shop.name)
    .bind(shop.url.as_str())
    .bind(shop.logo_url.as_ref().map(WebUrl::as_str))
    .bind(&shop.postal_address)
    .bind(shop.currency.code())
    .bind(shop.default_language.code())
    .bind(&shop.time_zone)
    .bind(now)
    .execute(db).await.map(Done::from)
    })?;
    on!(conn, |db| sqlx::query(
        "insert into shop_settings (shop_id, abandoned_after_minutes, attribution_window_days,
             created_at, updated_at)
         values ($1, $2, $3, $4, $4)",
    )
    .bind(&shop.id)
    .bind(DEFAULT_ABANDONED_AFTER_MINUTES)
    .bind(i64::from(DEFAULT_ATTRIBUTION_DAYS))
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// An order counts for a reminder sent or clicked this many days before it, unless changed.
pub const DEFAULT_ATTRIBUTION_DAYS: u32 = 7;

/// A cart is abandoned after 30 minutes without activity unless the merchant changes it.
pub const DEFAULT_ABANDONED_AFTER_MINUTES: i64 = 30;

/// Deletes a shop and everything it owns, children first (the schema does not cascade from
/// shops on purpose: losing a shop's history must never be a side effect).
pub async fn delete_shop(conn: &mut Conn<'_>, shop_id: &str) -> Result<(), DbError> {
    for statement in [
        "delete from stats_days where shop_id = $1",
        "delete from stats_step_days where shop_id = $1",
        "delete from stats_reach_days where shop_id = $1",
        "delete from stats_state where shop_id = $1",
        "delete from delivery_events where shop_id = $1",
        "delete from webhook_attempts where shop_id = $1",
        "delete from app_secrets where name = 'step-webhook:' || $1",
        "delete from app_secrets where name = 'sms-inbound:' || $1",
        "delete from sms_providers where shop_id = $1",
        "delete from sms_suppressions where shop_id = $1",
        "delete from coupons where shop_id = $1",
        "delete from call_tasks where shop_id = $1",
        "delete from collection_codes where collection_id in
             (select collection_id from code_collections where shop_id = $1)",
        "delete from code_collections where shop_id = $1",
        "delete from deliveries where shop_id = $1",
        "delete from suppressions where shop_id = $1",
        "delete from reminder_requests where shop_id = $1",
        // Through the key (the table's unique index): events have no index by shop.
        "delete from cart_events where api_key_id in (select api_key_id from api_keys where shop_id = $1)",
        "delete from api_keys where shop_id = $1",
        "delete from shop_settings where shop_id = $1",
        "delete from shop_members where shop_id = $1",
        "delete from step_discounts where shop_id = $1",
        "delete from reminder_steps where shop_id = $1",
        "delete from campaigns where shop_id = $1",
        "delete from template_contents where shop_id = $1",
        "delete from email_templates where shop_id = $1",
        "delete from orders where shop_id = $1",
        "delete from cart_items where shop_id = $1",
        "delete from carts where shop_id = $1",
        "delete from customers where shop_id = $1",
        // The deletes above marked days to recount: nothing is left to recount.
        "delete from stats_dirty_days where shop_id = $1",
        "delete from stats_claimed_days where shop_id = $1",
        "delete from shops where shop_id = $1",
    ] {
        on!(conn, |db| sqlx::query(statement)
            .bind(shop_id)
            .execute(db).await.map(Done::from))?;
    }
    Ok(())
}

/// `base`, or `base-2`, `base-3`… the first no shop has yet.
pub async fn free_slug(conn: &mut Conn<'_>, base: &str) -> Result<String, DbError> {
    let taken: Vec<(String,)> = on!(conn, |db| sqlx::query_as(
        "select shop_id from shops where shop_id = $1 or shop_id like $2"
    )
    .bind(base)
    .bind(format!("{base}-%"))
    .fetch_all(db)
    .await)?;
    let taken: std::collections::HashSet<String> = taken.into_iter().map(|(id,)| id).collect();
    Ok(std::iter::once(base.to_owned())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|slug| !taken.contains(slug))
        .expect("an unbounded range has a free number"))
}

/// A shop as `relance shop list` prints it.
#[derive(Debug, sqlx::FromRow)]
pub struct ShopLine {
    pub shop_id: String,
    pub name: String,
    pub currency: String,
    pub time_zone: String,
    pub created_at: DateTime<Utc>,
}

/// Every shop, oldest first.
pub async fn list_shops(pool: &Pool) -> Result<Vec<ShopLine>, DbError> {
    Ok(on!(pool, |db| {
        sqlx::query_as(
        "select shop_id, name, currency, time_zone, created_at from shops order by created_at, shop_id",
    )
    .fetch_all(db).await
    })?)
}
