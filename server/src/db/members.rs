//! Which shops an account reaches, and with which role.

use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};
use domain::team::Role;
use domain::Shop;

use super::{DbError, Pool};

/// What a new account may reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// Every shop, present and future, as their owner.
    Everything,
    Shop {
        shop_id: String,
        role: Role,
    },
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    owns_all: bool,
    role: Option<String>,
}

/// The account's role in the shop; `None` when it does not reach it (or either is unknown).
pub async fn role_in(pool: &Pool, user_id: &str, shop_id: &str) -> Result<Option<Role>, DbError> {
    let row: Option<AccessRow> = on!(pool, |db| sqlx::query_as(
        "select admin_users.owns_all, shop_members.role
         from admin_users
         join shops on shops.shop_id = $2
         left join shop_members
             on shop_members.user_id = admin_users.user_id and shop_members.shop_id = shops.shop_id
         where admin_users.user_id = $1",
    )
    .bind(user_id)
    .bind(shop_id)
    .fetch_optional(db)
    .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    if row.owns_all {
        return Ok(Some(Role::Owner));
    }
    row.role
        .map(|role| Role::parse(&role).ok_or_else(|| DbError::corrupt(format!("role {role}"))))
        .transpose()
}

/// A shop an account reaches, as the header's switcher lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReachableShop {
    pub shop_id: String,
    pub name: String,
    pub role: String,
}

/// Every shop the account reaches, by name.
pub async fn shops_of(pool: &Pool, user_id: &str) -> Result<Vec<ReachableShop>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select shops.shop_id, shops.name,
             case when admin_users.owns_all then 'owner' else shop_members.role end as role
         from admin_users
         cross join shops
         left join shop_members
             on shop_members.user_id = admin_users.user_id and shop_members.shop_id = shops.shop_id
         where admin_users.user_id = $1
           and (admin_users.owns_all or shop_members.role is not null)
         order by lower(shops.name), shops.shop_id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await)?)
}

/// Gives the account `role` in the shop (replacing the one it had).
pub async fn set_role(
    conn: &mut Conn<'_>,
    user_id: &str,
    shop_id: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| sqlx::query(
        "insert into shop_members (user_id, shop_id, role, created_at) values ($1, $2, $3, $4)
         on conflict (user_id, shop_id) do update set role = excluded.role",
    )
    .bind(user_id)
    .bind(shop_id)
    .bind(role.as_str())
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// The shop with this slug when the account reaches it, with the account's role there.
pub async fn reach(
    pool: &Pool,
    user_id: &str,
    slug: &str,
) -> Result<Option<(Shop, Role)>, DbError> {
    let Some(role) = role_in(pool, user_id, slug).await? else {
        return Ok(None);
    };
    Ok(super::shops::find_shop(pool, slug)
        .await?
        .map(|shop| (shop, role)))
}
