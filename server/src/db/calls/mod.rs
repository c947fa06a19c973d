//! Call tasks: opened by the engine when a phone step falls due, listed in the Calls queue,
//! and closed by staff with an outcome. The call screen's reads and writes are in `screen`.

mod report;
mod screen;

use chrono::{DateTime, Utc};
use domain::calls::CallLog;

use super::deliveries::DeliveryKey;
use super::{new_id, DbError, Pool};
use crate::db::on;
use crate::db::Conn;
use crate::db::Done;

pub use report::call_facts;
pub use screen::{
    active_coupons, call_coupon, call_email_at, call_email_sent, call_email_step, drop_call_email,
    give_coupon, is_call_email, reserve_call_email, visits, Visit,
};

/// Opens the task of a due call step; `false` if the step already had one (another run).
pub async fn open_task(
    conn: &mut Conn<'_>,
    key: &DeliveryKey<'_>,
    assignee: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let inserted = on!(conn, |db| sqlx::query(
        "insert into call_tasks (task_id, shop_id, cart_id, customer_id, campaign_id, step_id,
             sequence, abandoned_at, due_at, created_at, assignee_id, control_group)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         on conflict (cart_id, sequence, step_id) do nothing",
    )
    .bind(new_id())
    .bind(key.shop_id)
    .bind(key.cart_id)
    .bind(key.customer_id)
    .bind(key.campaign_id)
    .bind(key.step_id)
    .bind(key.sequence)
    .bind(key.abandoned_at)
    .bind(key.due_at)
    .bind(now)
    .bind(assignee)
    .bind(key.control_group)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected();
    Ok(inserted == 1)
}

/// A task staff were not told about yet, with its assignee.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Unnotified {
    pub task_id: String,
    pub assignee_id: Option<String>,
}

/// The shop's tasks nobody was told about, on carts still open.
pub async fn unnotified(pool: &Pool, shop_id: &str) -> Result<Vec<Unnotified>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select t.task_id, t.assignee_id from call_tasks t join carts k on k.cart_id = t.cart_id
         where t.shop_id = $1 and t.notified_at is null and t.status = 'open'
         order by t.due_at, t.task_id",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}

pub async fn mark_notified(
    pool: &Pool,
    task_ids: &[String],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "update call_tasks set notified_at = $1
         where task_id in (select value from json_each($2))",
    )
    .bind(now)
    .bind(super::engine::json_list(
        task_ids.iter().map(String::as_str)
    ))
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// Which tasks the queue lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueFilter {
    /// Open tasks on carts still worth a call (no order, not stopped or deleted).
    Open,
    /// Tasks with a logged outcome, latest first.
    Done,
}

/// One line of the Calls queue, or the head of the call screen.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TaskRow {
    pub task_id: String,
    pub cart_id: String,
    pub customer_id: String,
    pub campaign_id: String,
    pub step_id: String,
    pub sequence: i64,
    pub due_at: DateTime<Utc>,
    pub assignee_id: Option<String>,
    pub assignee_email: Option<String>,
    pub status: String,
    pub outcome: Option<String>,
    pub notes: String,
    pub done_by: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub external_id: String,
    pub currency: String,
    pub total_tax_incl: i64,
    pub ordered_at: Option<DateTime<Utc>>,
    pub reminders_stopped_at: Option<DateTime<Utc>>,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub language: String,
    pub country: Option<String>,
    pub groups_json: String,
    pub orders_count: i64,
    pub last_order_at: Option<DateTime<Utc>>,
    pub time_zone: Option<String>,
}

const TASK_COLUMNS: &str = "select t.task_id, t.cart_id, t.customer_id, t.campaign_id, t.step_id,
        t.sequence, t.due_at, t.assignee_id, a.email as assignee_email, t.status, t.outcome,
        t.notes, t.done_by, t.done_at, k.external_id, k.currency, k.total_tax_incl, k.ordered_at,
        k.reminders_stopped_at, c.email, c.first_name, c.last_name, c.phone, c.address,
        c.language, c.country, c.groups_json, c.orders_count, c.last_order_at, c.time_zone
     from call_tasks t join carts k on k.cart_id = t.cart_id
     join customers c on c.customer_id = t.customer_id
     left join admin_users a on a.user_id = t.assignee_id
     where t.shop_id = $1";

/// The shop's tasks: open ones oldest due first, done ones latest first; `mine` keeps the
/// member's own and the unassigned ones.
pub async fn queue(
    pool: &Pool,
    shop_id: &str,
    filter: QueueFilter,
    mine: Option<&str>,
    limit: i64,
) -> Result<Vec<TaskRow>, DbError> {
    let (status, order) = match filter {
        QueueFilter::Open => (
            "t.status = 'open' and k.ordered_at is null and k.deleted_at is null
             and k.reminders_stopped_at is null",
            "t.due_at, t.task_id",
        ),
        QueueFilter::Done => ("t.status = 'done'", "t.done_at desc, t.task_id"),
    };
    Ok(on!(pool, |db| sqlx::query_as(sqlx::AssertSqlSafe(
        format!(
            "{TASK_COLUMNS} and {status}
           and ($2 is null or t.assignee_id is null or t.assignee_id = $2)
         order by {order} limit $3"
        )
    ))
    .bind(shop_id)
    .bind(mine)
    .bind(limit)
    .fetch_all(db)
    .await)?)
}

/// One task of the shop.
pub async fn task(pool: &Pool, shop_id: &str, task_id: &str) -> Result<Option<TaskRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(sqlx::AssertSqlSafe(
        format!("{TASK_COLUMNS} and t.task_id = $2")
    ))
    .bind(shop_id)
    .bind(task_id)
    .fetch_optional(db)
    .await)?)
}

/// What logging a call came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logged {
    /// Logged; `stopped`: the outcome stopped the cart's reminders.
    Logged {
        stopped: bool,
    },
    NotFound,
    /// Another member logged it first.
    AlreadyDone,
}

/// Closes an open task with its outcome and notes, and stops the cart's reminders when the
/// outcome says so, in one transaction.
pub async fn log_outcome(
    pool: &Pool,
    shop_id: &str,
    task_id: &str,
    log: &CallLog,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Logged, DbError> {
    let mut tx = pool.begin_write().await?;
    let cart: Option<(String, String)> = on!(&mut tx.conn(), |db| sqlx::query_as(
        "select cart_id, status from call_tasks where shop_id = $1 and task_id = $2",
    )
    .bind(shop_id)
    .bind(task_id)
    .fetch_optional(db)
    .await)?;
    let Some((cart_id, status)) = cart else {
        return Ok(Logged::NotFound);
    };
    if status != "open" {
        return Ok(Logged::AlreadyDone);
    }
    on!(&mut tx.conn(), |db| sqlx::query(
        "update call_tasks set status = 'done', outcome = $1, notes = $2, done_by = $3,
             done_at = $4
         where task_id = $5 and status = 'open'",
    )
    .bind(log.outcome.as_str())
    .bind(&log.notes)
    .bind(by)
    .bind(now)
    .bind(task_id)
    .execute(db)
    .await
    .map(Done::from))?;
    let stopped = if log.outcome.stops_sequence() {
        on!(&mut tx.conn(), |db| sqlx::query(
            "update carts set reminders_stopped_at = $1, reminders_stopped_by = $2
             where cart_id = $3 and reminders_stopped_at is null and ordered_at is null",
        )
        .bind(now)
        .bind(by)
        .bind(&cart_id)
        .execute(db)
        .await
        .map(Done::from))?
        .rows_affected()
            == 1
    } else {
        false
    };
    tx.commit().await?;
    Ok(Logged::Logged { stopped })
}

/// How many open tasks the shop's queue shows (the navigation's badge).
pub async fn open_count(pool: &Pool, shop_id: &str) -> Result<i64, DbError> {
    let (count,): (i64,) = on!(pool, |db| sqlx::query_as(
        "select count(*) from call_tasks t join carts k on k.cart_id = t.cart_id
         where t.shop_id = $1 and t.status = 'open' and k.ordered_at is null
           and k.deleted_at is null and k.reminders_stopped_at is null",
    )
    .bind(shop_id)
    .fetch_one(db)
    .await)?;
    Ok(count)
}

/// A cart's tasks, for its page.
pub async fn cart_tasks(
    pool: &Pool,
    shop_id: &str,
    cart_id: &str,
) -> Result<Vec<TaskRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(sqlx::AssertSqlSafe(
        format!("{TASK_COLUMNS} and t.cart_id = $2 order by t.due_at")
    ))
    .bind(shop_id)
    .bind(cart_id)
    .fetch_all(db)
    .await)?)
}
