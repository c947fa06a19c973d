//! What sending a batch of claimed deliveries reads, in three queries for the whole batch
//! rather than three per mail: the cart and customer as they are now (an order or an
//! unsubscribe that arrived since the decision stops the mail), the items, the coupon.

use crate::db::on;
use crate::db::Conn;
use std::collections::HashMap;

use domain::email::OfferedDiscount;
use domain::engine::CartStops;
use domain::{Cart, Customer};
use sqlx::AssertSqlSafe;

use super::deliveries::{Claimed, CouponRow};
use super::render_data::{into_domain, CartRow, ItemRow};
use super::DbError;

/// What may have changed about a cart since the engine decided to remind it.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct CartState {
    pub ordered: bool,
    pub deleted: bool,
    pub product_count: i64,
    pub stopped: bool,
    /// `permanent_bounce`, `one_click`, `unsubscribe_page`… when the address gets nothing.
    pub suppression: Option<String>,
}

impl CartState {
    /// What may stop the reminder now, as the engine's rule reads it.
    pub fn stops(&self) -> CartStops {
        CartStops {
            ordered: self.ordered,
            deleted: self.deleted,
            emptied: self.product_count == 0,
            suppressed: self.suppression.as_deref() == Some("permanent_bounce"),
            unsubscribed: self
                .suppression
                .as_deref()
                .is_some_and(|reason| reason != "permanent_bounce"),
            stopped: self.stopped,
        }
    }
}

/// A claimed delivery's cart, read just before sending.
pub struct Prepared {
    pub state: CartState,
    pub email: String,
    pub customer: Customer,
    pub cart: Cart,
    pub coupon: Option<OfferedDiscount>,
    /// The customer's own time zone, for quiet hours at sending time.
    pub time_zone: Option<String>,
}

const STATE_COLUMNS: &str = "k.cart_id, k.ordered_at is not null as ordered,
    k.deleted_at is not null as deleted, k.product_count,
    k.reminders_stopped_at is not null as stopped, s.reason as suppression";
const STATE_JOINS: &str = "from carts k join customers c on c.customer_id = k.customer_id
    left join suppressions s on s.shop_id = k.shop_id and s.email = lower(c.email)";

#[derive(sqlx::FromRow)]
struct BatchRow {
    cart_id: String,
    time_zone: Option<String>,
    #[sqlx(flatten)]
    state: CartState,
    #[sqlx(flatten)]
    cart: CartRow,
}

#[derive(sqlx::FromRow)]
struct StateRow {
    cart_id: String,
    #[sqlx(flatten)]
    state: CartState,
}

/// The carts' states now, by cart id; a cart or customer deleted since is missing.
pub async fn states(
    conn: &mut Conn<'_>,
    cart_ids: &[&str],
) -> Result<HashMap<String, CartState>, DbError> {
    let rows: Vec<StateRow> = on!(conn, |db| sqlx::query_as(AssertSqlSafe(format!(
        "select {STATE_COLUMNS} {STATE_JOINS}
         where k.cart_id in (select value from json_each($1))"
    )))
    .bind(serde_json::to_string(cart_ids).map_err(DbError::corrupt)?)
    .fetch_all(db)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|row| (row.cart_id, row.state))
        .collect())
}

#[derive(sqlx::FromRow)]
struct BatchCoupon {
    delivery_id: String,
    #[sqlx(flatten)]
    coupon: CouponRow,
}

/// Each claimed delivery whose cart and customer still exist, by delivery id.
pub async fn prepare(
    conn: &mut Conn<'_>,
    claimed: &[Claimed],
) -> Result<HashMap<String, Prepared>, DbError> {
    let cart_ids = serde_json::to_string(
        &claimed
            .iter()
            .map(|d| d.cart_id.as_str())
            .collect::<Vec<_>>(),
    )
    .map_err(DbError::corrupt)?;
    let delivery_ids = serde_json::to_string(
        &claimed
            .iter()
            .map(|d| d.delivery_id.as_str())
            .collect::<Vec<_>>(),
    )
    .map_err(DbError::corrupt)?;
    let rows: Vec<BatchRow> = on!(conn, |db| {
        sqlx::query_as(AssertSqlSafe(format!(
        "select {STATE_COLUMNS},
                k.external_id, k.currency, k.total_tax_incl, k.total_tax_excl, k.shipping, k.url,
                c.external_id as c_external_id, c.email, c.first_name, c.last_name, c.gender, c.language,
                c.country, c.groups_json, c.newsletter, c.orders_count, c.last_order_at, c.time_zone,
                c.phone, c.sms_consent
         {STATE_JOINS}
         where k.cart_id in (select value from json_each($1))"
    )))
    .bind(&cart_ids)
    .fetch_all(db).await
    })?;
    let items: Vec<ItemRow> = on!(conn, |db| sqlx::query_as(
        "select cart_id, sku, name, description, image_url, product_url, category, unit_price,
                quantity, stock, ean
         from cart_items where cart_id in (select value from json_each($1))
         order by cart_id, position",
    )
    .bind(&cart_ids)
    .fetch_all(db)
    .await)?;
    let coupons: Vec<BatchCoupon> = on!(conn, |db| {
        sqlx::query_as(
        "select delivery_id, code, kind, value, tax_included, expires_at, gift_sku, gift_name from coupons
         where delivery_id in (select value from json_each($1))",
    )
    .bind(&delivery_ids)
    .fetch_all(db)
    .await
    })?;

    let mut items_by_cart: HashMap<String, Vec<ItemRow>> = HashMap::new();
    for item in items {
        items_by_cart
            .entry(item.cart_id.clone())
            .or_default()
            .push(item);
    }
    let mut coupons: HashMap<String, CouponRow> = coupons
        .into_iter()
        .map(|row| (row.delivery_id, row.coupon))
        .collect();
    let carts: HashMap<String, (BatchRow, Vec<ItemRow>)> = rows
        .into_iter()
        .map(|row| {
            let items = items_by_cart.remove(&row.cart_id).unwrap_or_default();
            (row.cart_id.clone(), (row, items))
        })
        .collect();
    let mut prepared = HashMap::with_capacity(claimed.len());
    for delivery in claimed {
        // A cart may have two deliveries in a batch (a retry and the next step): each its copy.
        let Some((row, items)) = carts.get(&delivery.cart_id) else {
            continue;
        };
        let email = row.cart.email.clone();
        let (customer, cart) = into_domain(row.cart.clone(), items.clone())?;
        let coupon = coupons
            .remove(&delivery.delivery_id)
            .map(CouponRow::into_offer)
            .transpose()?;
        prepared.insert(
            delivery.delivery_id.clone(),
            Prepared {
                state: row.state.clone(),
                email,
                customer,
                cart,
                coupon,
                time_zone: row.time_zone.clone(),
            },
        );
    }
    Ok(prepared)
}
