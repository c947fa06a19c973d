//! The `job_locks` table: one engine run at a time across every process sharing the database.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool, PooledConn};

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

/// PostgreSQL's session lock for `key`, on the connection that will hold it until it unlocks
/// or closes (a process that dies frees it at once); `true` when taken.
pub async fn try_advisory(conn: &mut PooledConn, key: i64) -> Result<bool, DbError> {
    let (taken,): (bool,) = on!(conn, |db| sqlx::query_as("select pg_try_advisory_lock($1)")
        .bind(key)
        .fetch_one(db)
        .await)?;
    Ok(taken)
}

pub async fn advisory_unlock(conn: &mut PooledConn, key: i64) -> Result<(), DbError> {
    on!(conn, |db| sqlx::query("select pg_advisory_unlock($1)")
        .bind(key)
        .execute(db)
        .await
        .map(Done::from))?;
    Ok(())
}

/// Whether some session holds PostgreSQL's lock `key` (a key below 2^32: `objid`) in this
/// database: advisory locks are per database, but `pg_locks` lists the whole cluster, where
/// another installation (or test) may lead its own passes.
pub async fn advisory_held(pool: &Pool, key: i64) -> Result<bool, DbError> {
    let (held,): (bool,) = on!(pool, |db| {
        sqlx::query_as(
        "select exists (select 1 from pg_locks where locktype = 'advisory' and granted
                         and database = (select oid from pg_database where datname = current_database())
                         and classid = 0 and objid = cast(cast($1 as bigint) as oid) and objsubid = 1)"
    )
    .bind(key)
    .fetch_one(db)
    .await
    })?;
    Ok(held)
}

/// Whether a holder has the lock `name` at `now`.
pub async fn held(pool: &Pool, name: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
    let row: Option<(String,)> = on!(pool, |db| sqlx::query_as(
        "select holder from job_locks where name = $1 and held_until >= $2"
    )
    .bind(name)
    .bind(now)
    .fetch_optional(db)
    .await)?;
    Ok(row.is_some())
}
