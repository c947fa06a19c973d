//! Secrets Relance makes for itself and keeps (the link-signing key, the cron token).

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{DbError, Pool};

/// The secret stored under `name`, storing `fresh` first if there is none yet.
/// Insert-or-ignore then read: two processes starting together agree on one value.
pub async fn stored_or_insert(
    pool: &Pool,
    name: &str,
    fresh: &str,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    on!(pool, |db| sqlx::query(
        "insert into app_secrets (name, value, created_at) values ($1, $2, $3)
         on conflict (name) do nothing",
    )
    .bind(name)
    .bind(fresh)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    let (stored,): (String,) = on!(pool, |db| sqlx::query_as(
        "select value from app_secrets where name = $1"
    )
    .bind(name)
    .fetch_one(db)
    .await)?;
    Ok(stored)
}

/// Stores `value` under `name`, replacing what was there.
pub async fn replace(
    pool: &Pool,
    name: &str,
    value: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "insert into app_secrets (name, value, created_at) values ($1, $2, $3)
         on conflict (name) do update set value = excluded.value, created_at = excluded.created_at",
    )
    .bind(name)
    .bind(value)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// 32 random bytes from the OS, as 64 hex digits: a new secret.
fn random_hex() -> String {
    use rand_core::{OsRng, RngCore};
    let mut random = [0u8; 32];
    OsRng.fill_bytes(&mut random);
    random.iter().map(|b| format!("{b:02x}")).collect()
}

/// The name a shop's SMS inbound secret is kept under.
pub fn sms_inbound_name(shop_id: &str) -> String {
    format!("sms-inbound:{shop_id}")
}

/// The secret a shop's SMS provider proves its notices with (in the address it calls back,
/// or as the key of a `Relance-Signature`), made on first use: 64 hex digits.
pub async fn sms_inbound_secret(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    stored_or_insert(pool, &sms_inbound_name(shop_id), &random_hex(), now).await
}

/// The name a shop's webhook-step signing secret is kept under.
pub fn step_webhook_name(shop_id: &str) -> String {
    format!("step-webhook:{shop_id}")
}

/// The secret a shop's webhook steps are signed with, made on first use: `whsec_` and 64
/// hex digits.
pub async fn step_webhook_secret(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    stored_or_insert(
        pool,
        &step_webhook_name(shop_id),
        &format!("whsec_{}", random_hex()),
        now,
    )
    .await
}
