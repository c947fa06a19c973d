//! The codes an order lists are spent by the rules the shop's redemption call follows
//! (`domain::engine::redeem`), in the group's transaction: a code another customer's order
//! lists, an expired one, or one on a cart below its minimum is not spent.

use crate::db::Conn;
use domain::engine::{redeem, CouponTerms, RedeemAttempt, Redeemed};

use crate::db::{coupons, ingest::OrderRow, money::from_db, DbError};

pub async fn spend_order_codes(conn: &mut Conn<'_>, orders: &[OrderRow]) -> Result<(), DbError> {
    for order in orders.iter().filter(|o| !o.coupon_codes.is_empty()) {
        // An order event without its customer is the cart's customer's.
        let (customer_id, email) = match (&order.customer_id, &order.email) {
            (None, None) => match &order.cart_id {
                Some(cart_id) => coupons::cart_customer(conn, cart_id)
                    .await?
                    .map_or((None, None), |(id, email)| (Some(id), Some(email))),
                None => (None, None),
            },
            (id, email) => (id.clone(), email.clone()),
        };
        for code in &order.coupon_codes {
            let code = code.trim().to_ascii_uppercase();
            let Some(row) = coupons::terms(conn, &order.shop_id, &code).await? else {
                continue;
            };
            let terms = CouponTerms {
                expires_at: row.expires_at,
                used_by_order: row.used_by_order.clone(),
                customer_id: row.customer_external_id.clone(),
                email: row.email.clone(),
                minimum: row.min_order.map(from_db),
            };
            let attempt = RedeemAttempt {
                order_id: &order.external_id,
                customer_id: customer_id.as_deref(),
                email: email.as_deref(),
                cart_total: order.total_tax_incl,
            };
            match redeem(&terms, &attempt, order.ordered_at) {
                Ok(Redeemed::Now) => {
                    coupons::spend(conn, &row.coupon_id, &order.external_id, order.ordered_at)
                        .await?;
                }
                Ok(Redeemed::AlreadyByThisOrder) => {}
                Err(refusal) => tracing::info!(
                    code,
                    order = order.external_id,
                    reason = refusal.as_str(),
                    "an order listed a code it may not use: not spent"
                ),
            }
        }
    }
    Ok(())
}
