//! The statuses `order_updated` events report, applied in the group's transaction: the newest
//! report wins (`domain::lifecycle::status_applies`), whatever order they arrive in.

use crate::db::Conn;
use domain::lifecycle::status_applies;

use crate::db::{ingest::OrderStatusRow, orders, DbError};

pub async fn apply_statuses(conn: &mut Conn<'_>, rows: &[OrderStatusRow]) -> Result<(), DbError> {
    for row in rows {
        let Some((current, since)) = orders::status(conn, &row.shop_id, &row.external_id).await?
        else {
            tracing::info!(
                order = row.external_id,
                "a status for an order Relance has not received: kept on the timeline only"
            );
            continue;
        };
        if current != row.status && status_applies(since, row.at) {
            orders::set_status(conn, &row.shop_id, &row.external_id, row.status, row.at).await?;
        }
    }
    Ok(())
}
