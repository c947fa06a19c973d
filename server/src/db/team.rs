//! The team of a shop: its members and invitations. Invitation tokens are stored as SHA-256
//! hashes, so a copy of the database accepts none.

use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};
use domain::team::Role;

use super::{DbError, Pool};

#[derive(Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: String,
    pub email: String,
    pub owns_all: bool,
    pub role: Option<String>,
}

/// Every account reaching the shop: its install owners and its members, by email.
pub async fn members_of(pool: &Pool, shop_id: &str) -> Result<Vec<MemberRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select a.user_id, a.email, a.owns_all, m.role
         from admin_users a
         left join shop_members m on m.user_id = a.user_id and m.shop_id = $1
         where a.owns_all or m.role is not null
         order by a.email",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}

/// Takes the account's role in the shop away; `false` when it had none there (an install
/// owner keeps every shop).
pub async fn remove_member(pool: &Pool, shop_id: &str, user_id: &str) -> Result<bool, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "delete from shop_members where shop_id = $1 and user_id = $2"
    )
    .bind(shop_id)
    .bind(user_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected()
        == 1)
}

/// Changes a member's role; `false` when the account is not a member of the shop.
pub async fn change_role(
    pool: &Pool,
    shop_id: &str,
    user_id: &str,
    role: Role,
) -> Result<bool, DbError> {
    Ok(on!(pool, |db| sqlx::query(
        "update shop_members set role = $1 where shop_id = $2 and user_id = $3"
    )
    .bind(role.as_str())
    .bind(shop_id)
    .bind(user_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected()
        == 1)
}

#[derive(Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub shop_id: String,
    pub shop_name: String,
    pub email: String,
    pub role: String,
    pub expires_at: DateTime<Utc>,
}

pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub shop_id: &'a str,
    pub email: &'a str,
    pub role: Role,
    pub invited_by: &'a str,
    pub expires_at: DateTime<Utc>,
}

/// Records an invitation; a pending one for the same address and shop is replaced (its link
/// stops working).
pub async fn insert_invitation(
    pool: &Pool,
    invitation: &NewInvitation<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut tx = pool.begin().await?;
    on!(tx, |db| sqlx::query(
        "delete from invitations where shop_id = $1 and email = $2 and accepted_at is null",
    )
    .bind(invitation.shop_id)
    .bind(invitation.email)
    .execute(db)
    .await
    .map(Done::from))?;
    on!(tx, |db| {
        sqlx::query(
        "insert into invitations (token_hash, shop_id, email, role, invited_by, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(invitation.token_hash)
    .bind(invitation.shop_id)
    .bind(invitation.email)
    .bind(invitation.role.as_str())
    .bind(invitation.invited_by)
    .bind(now)
    .bind(invitation.expires_at)
    .execute(db).await.map(Done::from)
    })?;
    tx.commit().await?;
    Ok(())
}

/// The shop's invitations not accepted and not expired, newest first.
pub async fn pending_invitations(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select i.shop_id, s.name as shop_name, i.email, i.role, i.expires_at
         from invitations i join shops s on s.shop_id = i.shop_id
         where i.shop_id = $1 and i.accepted_at is null and i.expires_at > $2
         order by i.created_at desc",
    )
    .bind(shop_id)
    .bind(now)
    .fetch_all(db)
    .await)?)
}

/// The invitation of this token hash while it can be accepted.
pub async fn open_invitation(
    pool: &Pool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<InvitationRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select i.shop_id, s.name as shop_name, i.email, i.role, i.expires_at
         from invitations i join shops s on s.shop_id = i.shop_id
         where i.token_hash = $1 and i.accepted_at is null and i.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await)?)
}

/// Marks the invitation used, in the caller's transaction; `false` when it was used (or ran
/// out) meanwhile: a link works once.
pub async fn use_invitation(
    conn: &mut Conn<'_>,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    Ok(on!(conn, |db| sqlx::query(
        "update invitations set accepted_at = $2
         where token_hash = $1 and accepted_at is null and expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected()
        == 1)
}
