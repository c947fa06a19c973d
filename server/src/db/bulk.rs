//! The Carts list's bulk actions on the carts the merchant selected: stop their reminders,
//! restart their sequence, ask for their next reminder now. Each touches only the shop's own
//! carts, in one statement.

use chrono::{DateTime, Utc};

use crate::db::on;
use crate::db::{new_id, DbError, Done, Pool};

/// A JSON array of the selected ids, for `json_each`.
fn ids_json(ids: &[String]) -> String {
    serde_json::to_string(ids).expect("strings serialize")
}

/// Stops the reminders of the open carts among `ids` not stopped yet; how many.
pub async fn stop(
    pool: &Pool,
    shop_id: &str,
    ids: &[String],
    by: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "update carts set reminders_stopped_at = $1, reminders_stopped_by = $2
         where shop_id = $3 and cart_id in (select value from json_each($4))
           and reminders_stopped_at is null and ordered_at is null",
    )
    .bind(now)
    .bind(by)
    .bind(shop_id)
    .bind(ids_json(ids))
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected())
}

/// Starts a new sequence from step 1 for the open carts among `ids` (stopped ones start
/// again too); how many.
pub async fn restart(
    pool: &Pool,
    shop_id: &str,
    ids: &[String],
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "update carts set sequence = sequence + 1, sequence_started_at = $1, steps_done = 0,
             restarted_at = $1, reminders_stopped_at = null, reminders_stopped_by = null,
             rerouted_at = null
         where shop_id = $2 and cart_id in (select value from json_each($3))
           and ordered_at is null and deleted_at is null and customer_id is not null",
    )
    .bind(now)
    .bind(shop_id)
    .bind(ids_json(ids))
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected())
}

/// Asks for the next reminder now of the open, not stopped carts among `ids` that have no
/// request waiting; how many.
pub async fn request_next(
    pool: &Pool,
    shop_id: &str,
    ids: &[String],
    user_id: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut conn = pool.begin_write().await?;
    let eligible: Vec<String> = on!(conn.conn(), |db| sqlx::query_scalar(
        "select cart_id from carts
         where shop_id = $1 and cart_id in (select value from json_each($2))
           and ordered_at is null and deleted_at is null and customer_id is not null
           and reminders_stopped_at is null
           and not exists (select 1 from reminder_requests r
                           where r.cart_id = carts.cart_id and r.handled_at is null)",
    )
    .bind(shop_id)
    .bind(ids_json(ids))
    .fetch_all(db)
    .await)?;
    for cart_id in &eligible {
        on!(conn.conn(), |db| {
            sqlx::query(
            "insert into reminder_requests (request_id, shop_id, cart_id, requested_by, requested_at)
             values ($1, $2, $3, $4, $5)",
        )
        .bind(new_id())
        .bind(shop_id)
        .bind(cart_id)
        .bind(user_id)
        .bind(now)
        .execute(db)
        .await
        .map(Done::from)
        })?;
    }
    conn.commit().await?;
    Ok(eligible.len() as u64)
}

/// A selected cart as the export writes it.
#[derive(Debug, sqlx::FromRow)]
pub struct ExportRow {
    pub external_id: String,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub total_tax_incl: i64,
    pub currency: String,
    pub product_count: i64,
    pub last_activity_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub reminders_stopped_at: Option<DateTime<Utc>>,
    pub steps_done: i64,
}

/// The shop's carts among `ids`, most recently active first.
pub async fn export(pool: &Pool, shop_id: &str, ids: &[String]) -> Result<Vec<ExportRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select k.external_id, c.email, c.first_name, c.last_name, k.total_tax_incl, k.currency,
                k.product_count, k.last_activity_at, k.ordered_at, k.reminders_stopped_at,
                k.steps_done
         from carts k left join customers c on c.customer_id = k.customer_id
         where k.shop_id = $1 and k.cart_id in (select value from json_each($2))
         order by k.last_activity_at desc",
    )
    .bind(shop_id)
    .bind(ids_json(ids))
    .fetch_all(db)
    .await)?)
}
