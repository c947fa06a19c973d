//! The Automatic sending tab's reads: the run history, the queue, the last sending errors.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool};

#[derive(sqlx::FromRow)]
pub struct RunRow {
    pub trigger: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub summary_json: Option<String>,
    pub error: Option<String>,
}

/// The shop's latest runs (and those from before runs had a shop), newest first.
pub async fn recent_runs(pool: &Pool, shop_id: &str, limit: i64) -> Result<Vec<RunRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select trigger, started_at, finished_at, summary_json, error from engine_runs
         where shop_id = $2 or shop_id is null
         order by started_at desc limit $1",
    )
    .bind(limit)
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}

/// The latest run the built-in scheduler made.
pub async fn last_scheduler_run(pool: &Pool) -> Result<Option<RunRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select trigger, started_at, finished_at, summary_json, error from engine_runs
         where trigger = 'scheduler' order by started_at desc limit 1",
    )
    .fetch_optional(db)
    .await)?)
}

/// Queued reminders due at `now`, and those waiting for a later retry.
pub async fn backlog(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<(i64, i64), DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select count(*) filter (where next_attempt_at <= $2),
                count(*) filter (where next_attempt_at > $2)
         from deliveries where shop_id = $1 and status = 'queued'",
    )
    .bind(shop_id)
    .bind(now)
    .fetch_one(db)
    .await)?)
}

#[derive(sqlx::FromRow)]
pub struct ErrorRow {
    pub updated_at: DateTime<Utc>,
    pub email: String,
    pub last_error: String,
    pub status: String,
}

/// The latest reminders that failed or wait for a retry, newest first.
pub async fn recent_errors(
    pool: &Pool,
    shop_id: &str,
    limit: i64,
) -> Result<Vec<ErrorRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select d.updated_at, c.email, d.last_error, d.status
         from deliveries d join customers c on c.customer_id = d.customer_id
         where d.shop_id = $1 and d.last_error is not null and d.status in ('failed', 'queued')
         order by d.updated_at desc limit $2",
    )
    .bind(shop_id)
    .bind(limit)
    .fetch_all(db)
    .await)?)
}

/// A finished engine run, as the history records it.
pub struct NewRun<'a> {
    pub shop_id: &'a str,
    pub trigger: &'a str,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub summary_json: Option<String>,
    pub error: Option<String>,
}

pub async fn insert(pool: &Pool, run: NewRun<'_>) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "insert into engine_runs (run_id, trigger, started_at, finished_at, summary_json, error,
             shop_id)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(super::new_id())
    .bind(run.trigger)
    .bind(run.started_at)
    .bind(run.finished_at)
    .bind(run.summary_json)
    .bind(run.error)
    .bind(run.shop_id)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}
