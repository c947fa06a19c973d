//! The `coupons` table as the shop's coupon check and redemption read and spend it.

use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool};

/// A coupon code Relance made, as stored (`value` in ten-thousandths, see `money`).
#[derive(sqlx::FromRow)]
pub struct CouponRow {
    pub code: String,
    pub kind: String,
    pub value: Option<i64>,
    pub tax_included: bool,
    pub combinable: bool,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub min_order: Option<i64>,
    pub min_order_basis: Option<String>,
    pub gift_sku: Option<String>,
    pub gift_name: Option<String>,
}

/// The shop's coupon with this code (already normalised: trimmed, upper case).
pub async fn find(pool: &Pool, shop_id: &str, code: &str) -> Result<Option<CouponRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select code, kind, value, tax_included, combinable, expires_at, used_at, min_order,
                min_order_basis, gift_sku, gift_name
         from coupons where shop_id = $1 and code = $2",
    )
    .bind(shop_id)
    .bind(code)
    .fetch_optional(db)
    .await)?)
}

/// A code with what its redemption is checked against.
#[derive(sqlx::FromRow)]
pub struct TermsRow {
    pub coupon_id: String,
    pub code: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub used_by_order: Option<String>,
    /// The customer the code was made for, as the shop knows them.
    pub customer_external_id: String,
    pub email: String,
    pub min_order: Option<i64>,
    pub min_order_basis: Option<String>,
}

/// The shop's coupon with this code (normalised) and its terms.
pub async fn terms(
    conn: &mut Conn<'_>,
    shop_id: &str,
    code: &str,
) -> Result<Option<TermsRow>, DbError> {
    Ok(on!(conn, |db| sqlx::query_as(
        "select c.coupon_id, c.code, c.expires_at, c.used_at, c.used_by_order,
                cu.external_id as customer_external_id, cu.email, c.min_order, c.min_order_basis
         from coupons c join customers cu on cu.customer_id = c.customer_id
         where c.shop_id = $1 and c.code = $2",
    )
    .bind(shop_id)
    .bind(code)
    .fetch_optional(db)
    .await)?)
}

/// Spends a code for `order_id` at `at`; `false` if it was spent already (by anyone).
pub async fn spend(
    conn: &mut Conn<'_>,
    coupon_id: &str,
    order_id: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbError> {
    let spent = on!(conn, |db| sqlx::query(
        "update coupons set used_at = $1, used_by_order = $2
         where coupon_id = $3 and used_at is null",
    )
    .bind(at)
    .bind(order_id)
    .bind(coupon_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected();
    Ok(spent == 1)
}

/// The shop's id and the email of the customer a cart belongs to.
pub async fn cart_customer(
    conn: &mut Conn<'_>,
    cart_id: &str,
) -> Result<Option<(String, String)>, DbError> {
    Ok(on!(conn, |db| sqlx::query_as(
        "select cu.external_id, cu.email from carts k
         join customers cu on cu.customer_id = k.customer_id where k.cart_id = $1",
    )
    .bind(cart_id)
    .fetch_optional(db)
    .await)?)
}
