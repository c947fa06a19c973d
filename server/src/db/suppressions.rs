//! The Unsubscribed list: addresses that get no reminder, why and since when.

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool};

#[derive(Debug, sqlx::FromRow)]
pub struct SuppressionRow {
    pub email: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

fn push_search(query: &mut Sql, shop_id: &str, search: &str) {
    query
        .push(" where shop_id = ")
        .push_bind(shop_id.to_owned());
    let search = search.trim();
    if !search.is_empty() {
        let escaped = search
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        query
            .push(" and lower(email) like lower(")
            .push_bind(format!("%{escaped}%"))
            .push(") escape '\\'");
    }
}

/// A page of the shop's suppressed addresses, newest first, and how many match in all;
/// `limit` `None` for all of them (the CSV export).
pub async fn list(
    pool: &Pool,
    shop_id: &str,
    search: &str,
    limit: Option<(u32, u32)>,
) -> Result<(Vec<SuppressionRow>, u64), DbError> {
    let mut count: Sql = Sql::new("select count(*) from suppressions");
    push_search(&mut count, shop_id, search);
    let (total,): (i64,) = on!(pool, |db| count.fetch_one(db).await)?;
    let mut query: Sql = Sql::new("select email, reason, created_at from suppressions");
    push_search(&mut query, shop_id, search);
    query.push(" order by created_at desc, email");
    if let Some((page, size)) = limit {
        query
            .push(" limit ")
            .push_bind(i64::from(size))
            .push(" offset ")
            .push_bind(i64::from(page.saturating_sub(1)) * i64::from(size));
    }
    let rows = on!(pool, |db| query.fetch_all(db).await)?;
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}

/// Lets `email` receive reminders again; `false` when it was not on the list.
pub async fn remove(pool: &Pool, shop_id: &str, email: &str) -> Result<bool, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "delete from suppressions where shop_id = $1 and email = $2"
    )
    .bind(shop_id)
    .bind(email.trim().to_ascii_lowercase())
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected()
        == 1)
}
