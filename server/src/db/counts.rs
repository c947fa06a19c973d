//! Row counts the benchmarks print beside their figures.

use super::{DbError, Pool};
use crate::db::on;

/// How many rows the tables the benchmarks fill hold.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub cart_events: i64,
    pub deliveries: i64,
    pub delivery_events: i64,
}

pub async fn counts(pool: &Pool) -> Result<Counts, DbError> {
    let (cart_events, deliveries, delivery_events): (i64, i64, i64) =
        on!(pool, |db| sqlx::query_as(
            "select (select count(*) from cart_events), (select count(*) from deliveries),
                (select count(*) from delivery_events)",
        )
        .fetch_one(db)
        .await)?;
    Ok(Counts {
        cart_events,
        deliveries,
        delivery_events,
    })
}
