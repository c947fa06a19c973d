//! What sending claimed deliveries came to, written a batch at a time, and the suppression
//! list a permanent bounce or an unsubscribe adds to.

use crate::db::Conn;
use crate::db::Done;
use crate::db::{on, Dialect};
use chrono::{DateTime, Utc};
use domain::engine::SkipReason;

use super::DbError;

/// What sending one claimed delivery came to, written with the others of its batch.
#[derive(Debug)]
pub enum Record {
    Sent {
        delivery_id: String,
        message_id: String,
        /// The template it was rendered from (its discount tier's, or the step's).
        template_id: String,
    },
    /// Not wanted any more at sending time (an order arrived meanwhile…).
    Skipped {
        delivery_id: String,
        reason: SkipReason,
    },
    /// A failure worth another try at `retry_at`.
    Retry {
        delivery_id: String,
        error: String,
        retry_at: DateTime<Utc>,
    },
    /// Not sent because of a fault on the sending side: back in the queue, due at once, and
    /// the attempt does not count (the customer did nothing wrong).
    Deferred { delivery_id: String, error: String },
    /// Came due inside the customer's quiet hours (a retry, or a reminder held by a sending
    /// fault): back in the queue until `until`, the attempt not counted.
    Postponed {
        delivery_id: String,
        until: DateTime<Utc>,
    },
    /// A failure for good; with `suppress`, the address gets nothing more (a permanent bounce).
    Failed {
        delivery_id: String,
        shop_id: String,
        email: String,
        error: String,
        suppress: bool,
    },
}

/// Writes a batch of outcomes; run it in a transaction, so the batch is written whole.
pub async fn write_records(
    conn: &mut Conn<'_>,
    records: &[Record],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    // The common outcomes, sent and skipped, in one statement each: a batch's 200 statements
    // cost more in round trips to SQLite's thread than in SQLite itself.
    let mut sent = Vec::new();
    let mut skipped = Vec::new();
    for record in records {
        match record {
            Record::Sent {
                delivery_id,
                message_id,
                template_id,
            } => sent.push([
                delivery_id.as_str(),
                message_id.as_str(),
                template_id.as_str(),
            ]),
            Record::Skipped {
                delivery_id,
                reason,
            } => skipped.push([delivery_id.as_str(), reason.as_str()]),
            _ => {}
        }
    }
    if !sent.is_empty() {
        on!(conn, |db, dialect| {
            sqlx::query(sqlx::AssertSqlSafe(json_pairs(dialect,
            "update deliveries set status = 'sent', sent_at = $1, updated_at = $1, lease_until = null,
                 message_id = nullif(j.value ->> 1, ''), last_error = null,
                 template_id = nullif(j.value ->> 2, '')
             from json_each($2) j
             where deliveries.delivery_id = j.value ->> 0",
        )))
        .bind(now)
        .bind(serde_json::to_string(&sent).map_err(DbError::corrupt)?)
        .execute(db).await.map(Done::from)
        })?;
    }
    if !skipped.is_empty() {
        on!(conn, |db, dialect| {
            sqlx::query(sqlx::AssertSqlSafe(json_pairs(dialect,
            "update deliveries set status = 'skipped', skip_reason = j.value ->> 1, updated_at = $1,
                 lease_until = null
             from json_each($2) j
             where deliveries.delivery_id = j.value ->> 0",
        )))
        .bind(now)
        .bind(serde_json::to_string(&skipped).map_err(DbError::corrupt)?)
        .execute(db).await.map(Done::from)
        })?;
    }
    for record in records {
        match record {
            Record::Sent { .. } | Record::Skipped { .. } => {}
            Record::Retry {
                delivery_id,
                error,
                retry_at,
            } => {
                on!(conn, |db| {
                    sqlx::query(
                    "update deliveries set next_attempt_at = $1, last_error = $2, lease_until = null, updated_at = $3
                     where delivery_id = $4",
                )
                .bind(retry_at)
                .bind(error)
                .bind(now)
                .bind(delivery_id)
                .execute(db).await.map(Done::from)
                })?;
            }
            Record::Deferred { delivery_id, error } => {
                requeue(conn, delivery_id, now, Some(error), now).await?;
            }
            Record::Postponed { delivery_id, until } => {
                requeue(conn, delivery_id, *until, None, now).await?;
            }
            Record::Failed {
                delivery_id,
                shop_id,
                email,
                error,
                suppress,
            } => {
                on!(conn, |db| {
                    sqlx::query(
                    "update deliveries set status = 'failed', last_error = $1, lease_until = null, updated_at = $2
                     where delivery_id = $3",
                )
                .bind(error)
                .bind(now)
                .bind(delivery_id)
                .execute(db).await.map(Done::from)
                })?;
                if *suppress {
                    self::suppress(conn, shop_id, email, "permanent_bounce", delivery_id, now)
                        .await?;
                }
            }
        }
    }
    Ok(())
}

/// Puts a claimed delivery back in the queue, due at `due`, without counting the attempt.
async fn requeue(
    conn: &mut Conn<'_>,
    delivery_id: &str,
    due: DateTime<Utc>,
    error: Option<&String>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| {
        sqlx::query(
        "update deliveries set attempts = case when attempts > 0 then attempts - 1 else 0 end, next_attempt_at = $1,
             last_error = coalesce($2, last_error), lease_until = null, updated_at = $3
         where delivery_id = $4 and status = 'queued'",
    )
    .bind(due)
    .bind(error)
    .bind(now)
    .bind(delivery_id)
    .execute(db)
    .await
    .map(Done::from)
    })?;
    Ok(())
}

/// Stops every reminder to `email` (lower-cased) for `reason`: `one_click`, `unsubscribe_page`,
/// `permanent_bounce` or `merchant`. The first reason stays; doing it again changes nothing.
pub async fn suppress(
    conn: &mut Conn<'_>,
    shop_id: &str,
    email: &str,
    reason: &str,
    delivery_id: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| sqlx::query(
        "insert into suppressions (shop_id, email, reason, delivery_id, created_at)
         values ($1, $2, $3, $4, $5) on conflict (shop_id, email) do nothing",
    )
    .bind(shop_id)
    .bind(email.to_ascii_lowercase())
    .bind(reason)
    .bind(delivery_id)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// `sql` reading `json_each($2) j` as pairs `j.value ->> 0`, `j.value ->> 1`: SQLite's
/// json_each gives each element as JSON already; PostgreSQL's elements come from
/// json_array_elements.
fn json_pairs(dialect: Dialect, sql: &str) -> String {
    match dialect {
        Dialect::Sqlite => sql.to_owned(),
        Dialect::Postgres => sql.replace(
            "from json_each($2) j",
            "from json_array_elements(cast($2 as json)) as j(value)",
        ),
    }
}
