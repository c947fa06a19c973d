//! What the reminder engine reads to decide: the shop's sending rules, the carts that may be
//! due with their customers, and each cart's and customer's reminder history.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use domain::engine::{CouponPrefix, SendingRules};
use domain::{Cart, Customer};

use super::render_data::{into_domain, CartRow, ItemRow};
use super::{DbError, Pool};

/// The shop's sending settings.
pub struct EngineSettings {
    pub rules: SendingRules,
    pub coupon_prefix: CouponPrefix,
}

pub async fn engine_settings(pool: &Pool, shop_id: &str) -> Result<EngineSettings, DbError> {
    let row: Option<(i64, i64, i64, i64, String)> = sqlx::query_as(
        "select min_gap_hours, max_lateness_hours, active_months, coupon_cooldown_days, coupon_prefix
         from shop_settings where shop_id = $1",
    )
    .bind(shop_id)
    .fetch_optional(pool)
    .await?;
    let Some((gap, lateness, months, cooldown, prefix)) = row else {
        return Ok(EngineSettings {
            rules: SendingRules::default(),
            coupon_prefix: CouponPrefix::default(),
        });
    };
    Ok(EngineSettings {
        rules: SendingRules {
            min_gap: Duration::hours(gap),
            max_lateness: Duration::hours(lateness),
            active_months: u32::try_from(months).map_err(DbError::corrupt)?,
            coupon_cooldown: Duration::days(cooldown),
        },
        coupon_prefix: CouponPrefix::parse(&prefix).map_err(DbError::corrupt)?,
    })
}

/// A cart that may have a step due, with what deciding needs about it.
pub struct Candidate {
    pub cart_id: String,
    pub customer_id: String,
    pub last_activity_at: DateTime<Utc>,
    pub customer: Customer,
    pub cart: Cart,
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    cart_id: String,
    customer_id: String,
    last_activity_at: DateTime<Utc>,
    #[sqlx(flatten)]
    cart: CartRow,
}

/// Carts still open (no order, not deleted, with items and a customer) whose last activity is
/// at or before `quiet_since`: only those can have a step due.
pub async fn candidates(
    pool: &Pool,
    shop_id: &str,
    quiet_since: DateTime<Utc>,
) -> Result<Vec<Candidate>, DbError> {
    // A constant, not input: the same filter for the carts and their items.
    // Carts whose reminder the merchant asked for ("send the next reminder now") come too.
    const OPEN: &str = "k.shop_id = $1 and k.ordered_at is null and k.deleted_at is null
        and k.product_count > 0 and k.customer_id is not null and (k.last_activity_at <= $2
        or k.cart_id in (select cart_id from reminder_requests where handled_at is null))";
    let rows: Vec<CandidateRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select k.cart_id, k.customer_id, k.last_activity_at,
                k.external_id, k.currency, k.total_tax_incl, k.total_tax_excl, k.shipping, k.url,
                c.external_id as c_external_id, c.email, c.first_name, c.last_name, c.gender, c.language,
                c.country, c.groups_json, c.newsletter, c.orders_count, c.last_order_at
         from carts k join customers c on c.customer_id = k.customer_id
         where {OPEN} order by k.last_activity_at"
    )))
    .bind(shop_id)
    .bind(quiet_since)
    .fetch_all(pool)
    .await?;
    let items: Vec<ItemRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select i.cart_id, i.sku, i.name, i.description, i.image_url, i.product_url, i.category,
                i.unit_price, i.quantity, i.stock
         from cart_items i join carts k on k.cart_id = i.cart_id
         where {OPEN} order by i.cart_id, i.position"
    )))
    .bind(shop_id)
    .bind(quiet_since)
    .fetch_all(pool)
    .await?;
    let mut items_by_cart: HashMap<String, Vec<ItemRow>> = HashMap::new();
    for item in items {
        items_by_cart
            .entry(item.cart_id.clone())
            .or_default()
            .push(item);
    }
    rows.into_iter()
        .map(|row| {
            let items = items_by_cart.remove(&row.cart_id).unwrap_or_default();
            let (customer, cart) = into_domain(row.cart, items)?;
            Ok(Candidate {
                cart_id: row.cart_id,
                customer_id: row.customer_id,
                last_activity_at: row.last_activity_at,
                customer,
                cart,
            })
        })
        .collect()
}

/// Each cart's steps that already have a delivery row (sent, skipped, failed or queued).
pub async fn done_steps(
    pool: &Pool,
    shop_id: &str,
) -> Result<HashMap<String, Vec<String>>, DbError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("select cart_id, step_id from deliveries where shop_id = $1")
            .bind(shop_id)
            .fetch_all(pool)
            .await?;
    let mut done: HashMap<String, Vec<String>> = HashMap::new();
    for (cart_id, step_id) in rows {
        done.entry(cart_id).or_default().push(step_id);
    }
    Ok(done)
}

/// Each customer's latest reminder sent, on any cart.
pub async fn last_reminders(
    pool: &Pool,
    shop_id: &str,
) -> Result<HashMap<String, DateTime<Utc>>, DbError> {
    let rows: Vec<(String, DateTime<Utc>)> = sqlx::query_as(
        "select customer_id, max(sent_at) from deliveries
         where shop_id = $1 and sent_at is not null group by customer_id",
    )
    .bind(shop_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Each customer's latest coupon.
pub async fn last_coupons(
    pool: &Pool,
    shop_id: &str,
) -> Result<HashMap<String, DateTime<Utc>>, DbError> {
    let rows: Vec<(String, DateTime<Utc>)> = sqlx::query_as(
        "select customer_id, max(created_at) from coupons where shop_id = $1 group by customer_id",
    )
    .bind(shop_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Why an address gets nothing: `true` for a permanent bounce (suppressed), `false` for an
/// unsubscribe. Keys are lower-cased addresses.
pub async fn suppressions(pool: &Pool, shop_id: &str) -> Result<HashMap<String, bool>, DbError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("select email, reason from suppressions where shop_id = $1")
            .bind(shop_id)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(email, reason)| (email, reason == "permanent_bounce"))
        .collect())
}

/// The carts with a pending "send the next reminder now" request.
pub async fn requested_carts(
    pool: &Pool,
    shop_id: &str,
) -> Result<std::collections::HashSet<String>, DbError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "select distinct cart_id from reminder_requests where shop_id = $1 and handled_at is null",
    )
    .bind(shop_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Marks a cart's pending requests as taken by the engine.
pub async fn mark_requests_handled(
    conn: &mut sqlx::SqliteConnection,
    cart_id: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query(
        "update reminder_requests set handled_at = $1 where cart_id = $2 and handled_at is null",
    )
    .bind(now)
    .bind(cart_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Deletes codes that expired unused longer ago than the shop keeps them (Settings).
pub async fn delete_expired_coupons(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let days: Option<(i64,)> =
        sqlx::query_as("select expired_coupon_days from shop_settings where shop_id = $1")
            .bind(shop_id)
            .fetch_optional(pool)
            .await?;
    let keep = Duration::days(days.map_or(30, |(d,)| d));
    Ok(sqlx::query(
        "delete from coupons where shop_id = $1 and used_at is null and expires_at < $2",
    )
    .bind(shop_id)
    .bind(now - keep)
    .execute(pool)
    .await?
    .rows_affected())
}
