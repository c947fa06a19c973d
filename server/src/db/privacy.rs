//! A customer's data on request (GDPR): everything held about an address in a shop, and its
//! erasure. Erasing keeps the facts the statistics count (carts' totals and dates, reminders
//! sent, opens, clicks, orders) under anonymous ids, and removes every trace of the person:
//! names, address, phone, the shop's ids, links, error texts. An unsubscribed address stays
//! unsubscribed through a hash of it, which identifies no one but matches the address if it
//! comes back.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::{DbError, Pool};

/// How an erased address is kept in `suppressions`: the SHA-256 of its lower-case form.
pub fn address_hash(email: &str) -> String {
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct CustomerRow {
    pub customer_id: String,
    pub external_id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<String>,
    pub language: String,
    pub country: Option<String>,
    pub groups_json: String,
    pub newsletter: bool,
    pub birthdate: Option<chrono::NaiveDate>,
    pub orders_count: i64,
    pub last_order_at: Option<DateTime<Utc>>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub time_zone: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct CartRow {
    pub cart_id: String,
    pub external_id: String,
    pub currency: String,
    pub total_tax_incl: i64,
    pub url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: Option<DateTime<Utc>>,
    pub ordered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct ItemRow {
    pub cart_id: String,
    pub sku: String,
    pub name: String,
    pub unit_price: i64,
    pub quantity: i64,
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct OrderRow {
    pub external_id: String,
    pub currency: String,
    pub total_tax_incl: i64,
    pub status: String,
    pub ordered_at: DateTime<Utc>,
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct DeliveryRow {
    pub delivery_id: String,
    pub step_id: String,
    pub status: String,
    pub language: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct TrackingRow {
    pub delivery_id: String,
    pub kind: String,
    pub destination: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct CouponRow {
    pub code: String,
    pub kind: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct SuppressionRow {
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// Everything held about an address in a shop, as rows.
#[derive(Debug, Default, serde::Serialize)]
pub struct Held {
    pub customers: Vec<CustomerRow>,
    pub carts: Vec<CartRow>,
    pub items: Vec<ItemRow>,
    pub orders: Vec<OrderRow>,
    pub deliveries: Vec<DeliveryRow>,
    pub tracking: Vec<TrackingRow>,
    pub coupons: Vec<CouponRow>,
    pub suppression: Option<SuppressionRow>,
}

const CUSTOMERS: &str =
    "select customer_id from customers where shop_id = $1 and lower(email) = $2";

pub async fn held(pool: &Pool, shop_id: &str, email: &str) -> Result<Held, DbError> {
    let email = email.trim().to_lowercase();
    let mut conn = pool.acquire().await?;
    let mut db = conn.conn();
    let customers: Vec<CustomerRow> = on!(&mut db, |db| {
        sqlx::query_as(
        "select customer_id, external_id, email, first_name, last_name, gender, language, country,
                groups_json, newsletter, birthdate, orders_count, last_order_at, phone, address,
                time_zone, created_at
         from customers where shop_id = $1 and lower(email) = $2 order by created_at",
    )
    .bind(shop_id)
    .bind(&email)
    .fetch_all(db)
    .await
    })?;
    let carts: Vec<CartRow> = on!(&mut db, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select cart_id, external_id, currency, total_tax_incl, url, created_at, last_activity_at,
                ordered_at
         from carts where customer_id in ({CUSTOMERS}) order by created_at"
    )))
    .bind(shop_id)
    .bind(&email)
    .fetch_all(db)
    .await)?;
    let items: Vec<ItemRow> = on!(&mut db, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select cart_id, sku, name, unit_price, quantity from cart_items
         where cart_id in (select cart_id from carts where customer_id in ({CUSTOMERS}))
         order by cart_id, position"
    )))
    .bind(shop_id)
    .bind(&email)
    .fetch_all(db)
    .await)?;
    let orders: Vec<OrderRow> = on!(&mut db, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select external_id, currency, total_tax_incl, status, ordered_at from orders
         where cart_id in (select cart_id from carts where customer_id in ({CUSTOMERS}))
         order by ordered_at"
    )))
    .bind(shop_id)
    .bind(&email)
    .fetch_all(db)
    .await)?;
    let deliveries: Vec<DeliveryRow> =
        on!(&mut db, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "select delivery_id, step_id, status, language, sent_at from deliveries
             where customer_id in ({CUSTOMERS}) order by created_at"
        )))
        .bind(shop_id)
        .bind(&email)
        .fetch_all(db)
        .await)?;
    let tracking: Vec<TrackingRow> =
        on!(&mut db, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "select delivery_id, kind, destination, occurred_at from delivery_events
             where delivery_id in (select delivery_id from deliveries
                                   where customer_id in ({CUSTOMERS}))
             order by occurred_at"
        )))
        .bind(shop_id)
        .bind(&email)
        .fetch_all(db)
        .await)?;
    let coupons: Vec<CouponRow> = on!(&mut db, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select code, kind, expires_at, used_at from coupons
         where customer_id in ({CUSTOMERS}) order by created_at"
    )))
    .bind(shop_id)
    .bind(&email)
    .fetch_all(db)
    .await)?;
    let suppression: Option<SuppressionRow> = on!(&mut db, |db| sqlx::query_as(
        "select reason, created_at from suppressions where shop_id = $1 and email = $2",
    )
    .bind(shop_id)
    .bind(&email)
    .fetch_optional(db)
    .await)?;
    Ok(Held {
        customers,
        carts,
        items,
        orders,
        deliveries,
        tracking,
        coupons,
        suppression,
    })
}

/// What an erasure changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Erased {
    pub customers: u64,
    pub carts: u64,
    /// 1 when the address was unsubscribed: now kept as its hash.
    pub suppressions: u64,
}

/// Erases the address from the shop, in one transaction (see the module's comment).
pub async fn erase(
    pool: &Pool,
    shop_id: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Erased, DbError> {
    let email = email.trim().to_lowercase();
    let hash = address_hash(&email);
    let mut tx = pool.begin_write().await?;
    let carts: Vec<(String, String)> = on!(tx, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select cart_id, external_id from carts where customer_id in ({CUSTOMERS})"
    )))
    .bind(shop_id)
    .bind(&email)
    .fetch_all(db)
    .await)?;
    for (cart_id, external_id) in &carts {
        let anonymous = format!("erased-{cart_id}");
        // The shop's own cart id links back to the person in the shop: replaced everywhere.
        on!(tx, |db| {
            sqlx::query(
            "update cart_events set cart_external_id = $3 where shop_id = $1 and cart_external_id = $2",
        )
        .bind(shop_id)
        .bind(external_id)
        .bind(&anonymous)
        .execute(db)
        .await
        .map(Done::from)
        })?;
        on!(tx, |db| sqlx::query(
            "update orders set cart_external_id = $3 where shop_id = $1 and cart_external_id = $2",
        )
        .bind(shop_id)
        .bind(external_id)
        .bind(&anonymous)
        .execute(db)
        .await
        .map(Done::from))?;
        // The Connect page's log names carts in what requests carried (a log: `_` in an id
        // matching any character only clears a little more of it).
        on!(tx, |db| sqlx::query(
            "delete from connect_log where shop_id = $1 and summary like '%' || $2 || '%'",
        )
        .bind(shop_id)
        .bind(external_id)
        .execute(db)
        .await
        .map(Done::from))?;
        // No reminder goes to an erased customer: an open cart is closed as deleted.
        on!(tx, |db| {
            sqlx::query(
            "update carts set external_id = $2, url = null,
                 deleted_at = case when ordered_at is null then coalesce(deleted_at, $3) else deleted_at end
             where cart_id = $1",
        )
        .bind(cart_id)
        .bind(&anonymous)
        .bind(now)
        .execute(db)
        .await
        .map(Done::from)
        })?;
    }
    on!(tx, |db| sqlx::query(sqlx::AssertSqlSafe(format!(
        "update cart_items set image_url = null, product_url = null
         where cart_id in (select cart_id from carts where customer_id in ({CUSTOMERS}))"
    )))
    .bind(shop_id)
    .bind(&email)
    .execute(db)
    .await
    .map(Done::from))?;
    on!(tx, |db| {
        sqlx::query(sqlx::AssertSqlSafe(format!(
        "update delivery_events set destination = null
         where delivery_id in (select delivery_id from deliveries where customer_id in ({CUSTOMERS}))"
    )))
    .bind(shop_id)
    .bind(&email)
    .execute(db)
    .await
    .map(Done::from)
    })?;
    // An SMTP refusal often quotes the address.
    on!(tx, |db| sqlx::query(sqlx::AssertSqlSafe(format!(
        "update deliveries set last_error = null where customer_id in ({CUSTOMERS})"
    )))
    .bind(shop_id)
    .bind(&email)
    .execute(db)
    .await
    .map(Done::from))?;
    let customers = on!(tx, |db| {
        sqlx::query(
        "update customers set external_id = 'erased-' || customer_id, email = '', first_name = '',
             last_name = '', gender = null, country = null, groups_json = '[]', newsletter = false,
             birthdate = null, phone = null, address = null, time_zone = null, updated_at = $3
         where shop_id = $1 and lower(email) = $2",
    )
    .bind(shop_id)
    .bind(&email)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from)
    })?
    .rows_affected();
    let suppressions = on!(tx, |db| {
        sqlx::query(
        "update suppressions set email = $3, delivery_id = null where shop_id = $1 and email = $2",
    )
    .bind(shop_id)
    .bind(&email)
    .bind(&hash)
    .execute(db)
    .await
    .map(Done::from)
    })?
    .rows_affected();
    // A refusal's reason in the Connect page's log may quote the address.
    on!(tx, |db| sqlx::query(
        "delete from connect_log where shop_id = $1
           and (lower(reason) like '%' || $2 || '%' or lower(summary) like '%' || $2 || '%')",
    )
    .bind(shop_id)
    .bind(&email)
    .execute(db)
    .await
    .map(Done::from))?;
    // The activity log names the address when a merchant removed it from the unsubscribed.
    on!(tx, |db| sqlx::query(
        "update audit_log set subject = $3 where shop_id = $1 and lower(subject) = $2",
    )
    .bind(shop_id)
    .bind(&email)
    .bind(&hash)
    .execute(db)
    .await
    .map(Done::from))?;
    tx.commit().await?;
    Ok(Erased {
        customers,
        carts: carts.len() as u64,
        suppressions,
    })
}

/// The addresses of the shop's customers not erased yet.
pub async fn addresses(pool: &Pool, shop_id: &str) -> Result<Vec<String>, DbError> {
    Ok(on!(pool, |db| sqlx::query_scalar(
        "select distinct lower(email) from customers where shop_id = $1 and email <> ''",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}

/// The address of the customer of the shop's cart `cart_id` (Relance's id, the cart page's),
/// when it has one.
pub async fn cart_address(
    pool: &Pool,
    shop_id: &str,
    cart_id: &str,
) -> Result<Option<String>, DbError> {
    let found: Option<(String,)> = on!(pool, |db| sqlx::query_as(
        "select cu.email from carts c join customers cu on cu.customer_id = c.customer_id
         where c.shop_id = $1 and c.cart_id = $2 and cu.email <> ''",
    )
    .bind(shop_id)
    .bind(cart_id)
    .fetch_optional(db)
    .await)?;
    Ok(found.map(|(email,)| email))
}

/// The shop's own ids of the carts of the address's customers: what the Connect page's log
/// names them by.
pub async fn cart_external_ids(
    pool: &Pool,
    shop_id: &str,
    email: &str,
) -> Result<Vec<String>, DbError> {
    let email = email.trim().to_lowercase();
    Ok(on!(pool, |db| sqlx::query_scalar(sqlx::AssertSqlSafe(
        format!("select external_id from carts where customer_id in ({CUSTOMERS})")
    ))
    .bind(shop_id)
    .bind(&email)
    .fetch_all(db)
    .await)?)
}
