//! API keys: a shop's credential for the HTTP API. Shown once at creation, stored as a hash.

use chrono::{DateTime, Utc};

use crate::auth::session::{new_token, token_hash};
use crate::db::{self, DbError, Pool};

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
    let secret = format!("{PREFIX}{}", new_token());
    let api_key_id = db::new_id();
    sqlx::query(
        "insert into api_keys (api_key_id, shop_id, name, key_prefix, key_hash, created_at)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&api_key_id)
    .bind(shop_id)
    .bind(name.trim())
    .bind(&secret[..PREFIX.len() + 8])
    .bind(token_hash(&secret))
    .bind(now)
    .execute(pool)
    .await?;
    Ok(CreatedKey { api_key_id, secret })
}

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

pub async fn list(pool: &Pool) -> Result<Vec<KeyRow>, DbError> {
    Ok(sqlx::query_as(
        "select api_key_id, shop_id, name, key_prefix, created_at, last_used_at, revoked_at
         from api_keys order by created_at",
    )
    .fetch_all(pool)
    .await?)
}

/// Revokes the key with this id or prefix; `false` when none matched.
pub async fn revoke(pool: &Pool, id_or_prefix: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
    let result = sqlx::query(
        "update api_keys set revoked_at = $2
         where (api_key_id = $1 or key_prefix = $1) and revoked_at is null",
    )
    .bind(id_or_prefix.trim())
    .bind(now)
    .execute(pool)
    .await?;
    Ok(result.rows_affected() > 0)
}

/// The owner of the key in an `Authorization: Bearer …` header value.
pub async fn authenticate(
    pool: &Pool,
    authorization: Option<&str>,
) -> Result<Option<db::ingest::ApiKeyOwner>, DbError> {
    let Some(secret) = authorization
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|secret| secret.starts_with(PREFIX) && secret.len() == PREFIX.len() + 64)
    else {
        return Ok(None);
    };
    db::ingest::api_key_owner(pool, &token_hash(secret)).await
}
