use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool};

/// An admin account as stored; the hash never leaves the server (no `Serialize`).
#[derive(sqlx::FromRow)]
pub struct AdminRow {
    pub user_id: String,
    pub email: String,
    pub password_hash: String,
}

/// Inserts an account: the install's owner (`owns_all`), or a member of one shop with a role.
pub async fn insert_admin(
    pool: &Pool,
    user_id: &str,
    email: &str,
    password_hash: &str,
    grant: &super::Grant,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut tx = pool.begin().await?;
    let owns_all = matches!(grant, super::Grant::Everything);
    insert_admin_in(&mut tx.conn(), user_id, email, password_hash, owns_all, now).await?;
    if let super::Grant::Shop { shop_id, role } = grant {
        super::members::set_role(&mut tx.conn(), user_id, shop_id, *role, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Inserts an account in the caller's transaction.
pub async fn insert_admin_in(
    conn: &mut Conn<'_>,
    user_id: &str,
    email: &str,
    password_hash: &str,
    owns_all: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| sqlx::query(
        "insert into admin_users (user_id, email, password_hash, created_at, owns_all)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(email)
    .bind(password_hash)
    .bind(now)
    .bind(owns_all)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

pub async fn find_admin_by_email(pool: &Pool, email: &str) -> Result<Option<AdminRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select user_id, email, password_hash from admin_users where email = $1"
    )
    .bind(email)
    .fetch_optional(db)
    .await)?)
}

pub async fn count_admins(pool: &Pool) -> Result<i64, DbError> {
    let (count,): (i64,) = on!(pool, |db| sqlx::query_as(
        "select count(*) from admin_users"
    )
    .fetch_one(db)
    .await)?;
    Ok(count)
}

pub async fn insert_session(
    pool: &Pool,
    token_hash: &str,
    user_id: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(pool, |db| {
        sqlx::query(
        "insert into admin_sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(db).await.map(Done::from)
    })?;
    Ok(())
}

/// The account behind a session that has not expired at `now`.
pub async fn session_admin(
    pool: &Pool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(String, String)>, DbError> {
    Ok(on!(pool, |db| {
        sqlx::query_as(
        "select u.user_id, u.email from admin_sessions s join admin_users u on u.user_id = s.user_id
         where s.token_hash = $1 and s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db).await
    })?)
}

pub async fn delete_session(pool: &Pool, token_hash: &str) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "delete from admin_sessions where token_hash = $1"
    )
    .bind(token_hash)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// Removes sessions that expired before `now`; run at sign-in so the table stays small.
pub async fn delete_expired_sessions(pool: &Pool, now: DateTime<Utc>) -> Result<u64, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "delete from admin_sessions where expires_at <= $1"
    )
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected())
}

/// Inserts the first account, unless one exists (set-up): `false` then. Set-ups take turns,
/// so two at once make one owner.
pub async fn insert_first_admin(
    conn: &mut Conn<'_>,
    user_id: &str,
    email: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    conn.take_turn(super::backend::Turn::Setup).await?;
    let inserted = on!(conn, |db| sqlx::query(
        "insert into admin_users (user_id, email, password_hash, created_at, owns_all)
         select $1, $2, $3, $4, true where not exists (select 1 from admin_users)",
    )
    .bind(user_id)
    .bind(email)
    .bind(password_hash)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected();
    Ok(inserted == 1)
}
