//! The `connect_log` table: the last requests each shop's sources sent, for the Connect page.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool};

/// Requests kept per shop.
pub const KEPT: i64 = 50;

/// One request received, as recorded.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub shop_id: String,
    pub received_at: DateTime<Utc>,
    /// `api`, `tracker`, `shopify`, `woocommerce` or `test`.
    pub source: &'static str,
    /// What it carried: `3 events: cart_updated c-42, …`.
    pub summary: String,
    /// `accepted`, `duplicate` or `refused`.
    pub result: &'static str,
    pub reason: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct EntryRow {
    pub received_at: DateTime<Utc>,
    pub source: String,
    pub summary: String,
    pub result: String,
    pub reason: Option<String>,
}

/// Writes the entries in one transaction, then keeps the newest KEPT of each shop written.
pub async fn write(pool: &Pool, entries: &[NewEntry]) -> Result<(), DbError> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut tx = pool.begin_write().await?;
    for entry in entries {
        on!(tx, |db| {
            sqlx::query(
            "insert into connect_log (log_id, shop_id, received_at, source, summary, result, reason)
             select $1, $2, $3, $4, $5, $6, $7 where exists (select 1 from shops where shop_id = $2)",
        )
        .bind(super::new_id())
        .bind(&entry.shop_id)
        .bind(entry.received_at)
        .bind(entry.source)
        .bind(&entry.summary)
        .bind(entry.result)
        .bind(&entry.reason)
        .execute(db)
        .await
        .map(Done::from)
        })?;
    }
    let mut shops: Vec<&str> = entries.iter().map(|e| e.shop_id.as_str()).collect();
    shops.sort_unstable();
    shops.dedup();
    for shop in shops {
        on!(tx, |db| sqlx::query(
            "delete from connect_log where shop_id = $1 and log_id not in (
                 select log_id from connect_log where shop_id = $1
                 order by received_at desc, log_id desc limit $2)",
        )
        .bind(shop)
        .bind(KEPT)
        .execute(db)
        .await
        .map(Done::from))?;
    }
    tx.commit().await?;
    Ok(())
}

/// The shop's last requests, newest first.
pub async fn list(pool: &Pool, shop_id: &str) -> Result<Vec<EntryRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select received_at, source, summary, result, reason from connect_log
         where shop_id = $1 order by received_at desc, log_id desc limit $2",
    )
    .bind(shop_id)
    .bind(KEPT)
    .fetch_all(db)
    .await)?)
}
