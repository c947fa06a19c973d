//! The `job_locks` table: one engine run at a time across every process sharing the database.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool};

/// Takes the lock `name` for `holder` until `held_until`, unless another holder has it and it
/// has not expired at `now`; `true` when taken.
pub async fn try_take(
    pool: &Pool,
    name: &str,
    holder: &str,
    held_until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let taken = on!(pool, |db| sqlx::query(
        "insert into job_locks (name, holder, held_until) values ($1, $2, $3)
         on conflict (name) do update set holder = excluded.holder, held_until = excluded.held_until
         where job_locks.held_until < $4",
    )
    .bind(name)
    .bind(holder)
    .bind(held_until)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected();
    Ok(taken == 1)
}

/// Frees the lock `name` if `holder` still has it.
pub async fn release(pool: &Pool, name: &str, holder: &str) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "delete from job_locks where name = $1 and holder = $2"
    )
    .bind(name)
    .bind(holder)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}
