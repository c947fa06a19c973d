//! The activity log: who changed what, when, with a short before and after.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};
use domain::audit::AuditAction;

use super::{DbError, Pool};

/// A change to record. `shop_id` is `None` for a change of the install (a new shop is its
/// own shop's).
pub struct NewEntry<'a> {
    pub shop_id: Option<&'a str>,
    /// `None` for the command line.
    pub user_id: Option<&'a str>,
    pub user_email: &'a str,
    pub action: AuditAction,
    /// What was changed: a reminder's delay, a template's name, an address…
    pub subject: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

pub async fn record(pool: &Pool, entry: &NewEntry<'_>, at: DateTime<Utc>) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "insert into audit_log (entry_id, shop_id, user_id, user_email, at, action, subject,
             before, after)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(super::new_id())
    .bind(entry.shop_id)
    .bind(entry.user_id)
    .bind(entry.user_email)
    .bind(at)
    .bind(entry.action.as_str())
    .bind(entry.subject)
    .bind(entry.before)
    .bind(entry.after)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryRow {
    pub at: DateTime<Utc>,
    pub user_email: String,
    pub action: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What the Activity page asks for.
pub struct Filter<'a> {
    pub shop_id: &'a str,
    /// The author's address, exactly.
    pub user_email: Option<&'a str>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: i64,
}

/// The shop's entries matching the filter, newest first.
pub async fn list(pool: &Pool, filter: &Filter<'_>) -> Result<Vec<EntryRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select at, user_email, action, subject, before, after from audit_log
         where shop_id = $1
           and ($2 is null or user_email = $2)
           and ($3 is null or at >= $3)
           and ($4 is null or at < $4)
         order by at desc, entry_id desc
         limit $5",
    )
    .bind(filter.shop_id)
    .bind(filter.user_email)
    .bind(filter.from)
    .bind(filter.until)
    .bind(filter.limit)
    .fetch_all(db)
    .await)?)
}

/// The addresses that changed something in the shop, for the filter's choices.
pub async fn authors(pool: &Pool, shop_id: &str) -> Result<Vec<String>, DbError> {
    Ok(on!(pool, |db| sqlx::query_scalar(
        "select distinct user_email from audit_log where shop_id = $1 order by user_email",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}
