//! Orders' statuses: what an `order_updated` reads and changes.

use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};
use domain::lifecycle::OrderStatus;

use super::DbError;

/// The shop's order `external_id`: its status and when it was set (its creation if never
/// changed); `None` for an order Relance has not received.
pub async fn status(
    conn: &mut Conn<'_>,
    shop_id: &str,
    external_id: &str,
) -> Result<Option<(OrderStatus, DateTime<Utc>)>, DbError> {
    let row: Option<(String, DateTime<Utc>)> = on!(conn, |db| sqlx::query_as(
        "select status, coalesce(status_changed_at, ordered_at) from orders
         where shop_id = $1 and external_id = $2",
    )
    .bind(shop_id)
    .bind(external_id)
    .fetch_optional(db)
    .await)?;
    row.map(|(status, at)| {
        OrderStatus::parse(&status)
            .map(|status| (status, at))
            .ok_or_else(|| DbError::corrupt(format!("order status {status}")))
    })
    .transpose()
}

pub async fn set_status(
    conn: &mut Conn<'_>,
    shop_id: &str,
    external_id: &str,
    status: OrderStatus,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| sqlx::query(
        "update orders set status = $1, status_changed_at = $2
         where shop_id = $3 and external_id = $4",
    )
    .bind(status.as_str())
    .bind(at)
    .bind(shop_id)
    .bind(external_id)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}
