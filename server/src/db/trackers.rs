//! The `trackers` table: a shop's storefront tracker, its public key and allowed origins.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::api_keys::{ApiKeyOwner, NewKey};
use super::{DbError, Pool};

/// A shop's tracker: whom its events belong to and where they may come from.
pub struct Tracker {
    pub public_key: String,
    /// One origin per line, as saved (already checked).
    pub allowed_origins: String,
    pub owner: ApiKeyOwner,
}

#[derive(sqlx::FromRow)]
struct TrackerRow {
    public_key: String,
    allowed_origins: String,
    api_key_id: String,
    shop_id: String,
    currency: String,
}

impl From<TrackerRow> for Tracker {
    fn from(row: TrackerRow) -> Self {
        Self {
            public_key: row.public_key,
            allowed_origins: row.allowed_origins,
            owner: ApiKeyOwner {
                api_key_id: row.api_key_id,
                shop_id: row.shop_id,
                currency: row.currency,
            },
        }
    }
}

/// The tracker whose public key this is.
pub async fn by_key(pool: &Pool, public_key: &str) -> Result<Option<Tracker>, DbError> {
    find(pool, "t.public_key = $1", public_key).await
}

/// The shop's tracker, when it has one.
pub async fn for_shop(pool: &Pool, shop_id: &str) -> Result<Option<Tracker>, DbError> {
    find(pool, "t.shop_id = $1", shop_id).await
}

/// The tracker matching `condition` (one of the two above, never input) with `value`.
async fn find(
    pool: &Pool,
    condition: &'static str,
    value: &str,
) -> Result<Option<Tracker>, DbError> {
    let sql = format!(
        "select t.public_key, t.allowed_origins, t.api_key_id, t.shop_id, s.currency
         from trackers t join shops s on s.shop_id = t.shop_id where {condition}"
    );
    let row: Option<TrackerRow> = on!(pool, |db| sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .fetch_optional(db)
        .await)?;
    Ok(row.map(Tracker::from))
}

/// What to change in a shop's tracker; a shop without one gets one first.
pub struct TrackerChange<'a> {
    /// A new public key (the old one stops working).
    pub public_key: Option<&'a str>,
    pub allowed_origins: Option<&'a str>,
}

/// Makes the shop's tracker with `new_key` when it has none (and the key its events are stored
/// under, whose `unusable_key_hash` no bearer key has), then applies `change`.
pub async fn save(
    pool: &Pool,
    shop_id: &str,
    new_key: &str,
    unusable_key_hash: &str,
    change: TrackerChange<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut tx = pool.begin_write().await?;
    let exists = on!(tx, |db| sqlx::query_scalar::<_, i64>(
        "select count(*) from trackers where shop_id = $1"
    )
    .bind(shop_id)
    .fetch_one(db)
    .await)?
        > 0;
    if !exists {
        let api_key_id = super::new_id();
        super::api_keys::insert(
            &mut tx.conn(),
            &NewKey {
                api_key_id: &api_key_id,
                shop_id,
                name: "storefront tracker",
                key_prefix: "tracker",
                key_hash: unusable_key_hash,
            },
            now,
        )
        .await?;
        on!(tx, |db| {
            sqlx::query(
            "insert into trackers (shop_id, public_key, allowed_origins, api_key_id, created_at, updated_at)
             values ($1, $2, '', $3, $4, $4)",
        )
        .bind(shop_id)
        .bind(new_key)
        .bind(&api_key_id)
        .bind(now)
        .execute(db)
        .await
        .map(Done::from)
        })?;
    }
    on!(tx, |db| sqlx::query(
        "update trackers set public_key = coalesce($2, public_key),
             allowed_origins = coalesce($3, allowed_origins), updated_at = $4
         where shop_id = $1",
    )
    .bind(shop_id)
    .bind(change.public_key)
    .bind(change.allowed_origins)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    tx.commit().await?;
    Ok(())
}
