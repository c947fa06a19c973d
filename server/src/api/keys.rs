//! API keys: a shop's credential for the HTTP API. Shown once at creation, stored as a hash.

use crate::db::Conn;
use chrono::{DateTime, Utc};

use crate::auth::session::{new_token, token_hash};
use crate::db::{
    self,
    api_keys::{ApiKeyOwner, KeyRow, NewKey},
    DbError, Pool,
};

const PREFIX: &str = "rlk_";

/// A newly created key, the only time its secret is visible.
pub struct CreatedKey {
    pub api_key_id: String,
    pub secret: String,
}

/// Creates a key for `shop_id` named `name`.
pub async fn create(
    pool: &Pool,
    shop_id: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<CreatedKey, DbError> {
    let mut conn = pool.acquire().await?;
    create_in(&mut conn.conn(), shop_id, name, now).await
}

/// [`create`] inside the caller's transaction.
pub async fn create_in(
    conn: &mut Conn<'_>,
    shop_id: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<CreatedKey, DbError> {
    let secret = format!("{PREFIX}{}", new_token());
    let api_key_id = db::new_id();
    let key = NewKey {
        api_key_id: &api_key_id,
        shop_id,
        name: name.trim(),
        key_prefix: &secret[..PREFIX.len() + 8],
        key_hash: &token_hash(&secret),
    };
    db::api_keys::insert(conn, &key, now).await?;
    Ok(CreatedKey { api_key_id, secret })
}

pub async fn list(pool: &Pool) -> Result<Vec<KeyRow>, DbError> {
    db::api_keys::list(pool).await
}

/// Revokes the key with this id or prefix; `false` when none matched.
pub async fn revoke(pool: &Pool, id_or_prefix: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
    db::api_keys::revoke(pool, id_or_prefix.trim(), now).await
}

/// The owner of the key in an `Authorization: Bearer …` header value.
pub async fn authenticate(
    pool: &Pool,
    authorization: Option<&str>,
) -> Result<Option<ApiKeyOwner>, DbError> {
    let Some(secret) = authorization
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|secret| secret.starts_with(PREFIX) && secret.len() == PREFIX.len() + 64)
    else {
        return Ok(None);
    };
    db::api_keys::owner(pool, &token_hash(secret)).await
}
