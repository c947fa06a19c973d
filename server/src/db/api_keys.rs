//! The `api_keys` table: a shop's credentials for the HTTP API, stored as hashes.

use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool};

/// A key as `relance api-key list` shows it (never its secret: only its hash is stored).
#[derive(Debug, sqlx::FromRow)]
pub struct KeyRow {
    pub api_key_id: String,
    pub shop_id: String,
    pub name: String,
    pub key_prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// An API key that opened a request: whose events these are.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiKeyOwner {
    pub api_key_id: String,
    pub shop_id: String,
    pub currency: String,
}

/// A key to store: its hash and the prefix it is recognised by, never its secret.
pub struct NewKey<'a> {
    pub api_key_id: &'a str,
    pub shop_id: &'a str,
    pub name: &'a str,
    pub key_prefix: &'a str,
    pub key_hash: &'a str,
}

pub async fn insert(
    conn: &mut Conn<'_>,
    key: &NewKey<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| sqlx::query(
        "insert into api_keys (api_key_id, shop_id, name, key_prefix, key_hash, created_at)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(key.api_key_id)
    .bind(key.shop_id)
    .bind(key.name)
    .bind(key.key_prefix)
    .bind(key.key_hash)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

pub async fn list(pool: &Pool) -> Result<Vec<KeyRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select api_key_id, shop_id, name, key_prefix, created_at, last_used_at, revoked_at
         from api_keys order by created_at",
    )
    .fetch_all(db)
    .await)?)
}

/// Revokes the key with this id or prefix; `false` when none matched.
pub async fn revoke(pool: &Pool, id_or_prefix: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
    let result = on!(pool, |db| sqlx::query(
        "update api_keys set revoked_at = $2
         where (api_key_id = $1 or key_prefix = $1) and revoked_at is null",
    )
    .bind(id_or_prefix)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(result.rows_affected() > 0)
}

/// The owner of an unrevoked key with this hash.
pub async fn owner(pool: &Pool, key_hash: &str) -> Result<Option<ApiKeyOwner>, DbError> {
    Ok(on!(pool, |db| {
        sqlx::query_as(
        "select k.api_key_id, k.shop_id, s.currency from api_keys k join shops s on s.shop_id = k.shop_id
         where k.key_hash = $1 and k.revoked_at is null",
    )
    .bind(key_hash)
    .fetch_optional(db).await
    })?)
}

/// The shop's keys, newest first; not those its webhooks' events are stored under (they are no
/// credential).
pub async fn list_for_shop(pool: &Pool, shop_id: &str) -> Result<Vec<KeyRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select api_key_id, shop_id, name, key_prefix, created_at, last_used_at, revoked_at
         from api_keys where shop_id = $1
           and api_key_id not in (select api_key_id from webhook_secrets
                                  union select api_key_id from trackers)
         order by created_at desc, api_key_id",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}

/// Revokes one of the shop's keys by id; `false` when the shop has no such live key.
pub async fn revoke_for_shop(
    pool: &Pool,
    shop_id: &str,
    api_key_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let result = on!(pool, |db| sqlx::query(
        "update api_keys set revoked_at = $3
         where api_key_id = $1 and shop_id = $2 and revoked_at is null
           and api_key_id not in (select api_key_id from webhook_secrets
                                  union select api_key_id from trackers)",
    )
    .bind(api_key_id)
    .bind(shop_id)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(result.rows_affected() > 0)
}
