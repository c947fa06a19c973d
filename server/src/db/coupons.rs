//! The `coupons` table as the shop's coupon check reads it.

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
}

/// The shop's coupon with this code (already normalised: trimmed, upper case).
pub async fn find(pool: &Pool, shop_id: &str, code: &str) -> Result<Option<CouponRow>, DbError> {
    Ok(sqlx::query_as(
        "select code, kind, value, tax_included, combinable, expires_at, used_at
         from coupons where shop_id = $1 and code = $2",
    )
    .bind(shop_id)
    .bind(code)
    .fetch_optional(pool)
    .await?)
}
