//! The delivery queue: rows are written once per (cart, step) whatever runs overlap, claimed
//! with a lease by a worker, and kept with their outcome for the statistics.

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Conn;
use crate::db::Done;
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use domain::email::OfferedDiscount;
use domain::engine::{coupon_code, CouponPrefix, SkipReason, CODE_LENGTH};
use domain::{Discount, Language, ValueBasis};
use rand_core::{OsRng, RngCore};
use rust_decimal::Decimal;

pub use super::coupon_rows::basis_name;
use super::coupon_rows::{expires_at, kind_columns, kind_of};
use super::money::{from_db, to_db};
use super::{new_id, DbError, Pool};

/// The ids a delivery row hangs on.
#[derive(Clone, Copy)]
pub struct DeliveryKey<'a> {
    pub shop_id: &'a str,
    pub cart_id: &'a str,
    pub customer_id: &'a str,
    pub campaign_id: &'a str,
    pub step_id: &'a str,
    /// The cart's sequence the step belongs to, and when the cart counted as abandoned for it.
    pub sequence: i64,
    pub abandoned_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// The sequence's group while its rule has a control group (`Some(true)`: control).
    pub control_group: Option<bool>,
}

/// Records that a step is not sent to a cart, and why; `false` if the step already had a row.
pub async fn record_skip(
    conn: &mut Conn<'_>,
    key: &DeliveryKey<'_>,
    reason: SkipReason,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let inserted = on!(conn, |db| {
        sqlx::query(
        "insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
             sequence, abandoned_at, status, skip_reason, due_at, created_at, updated_at,
             control_group)
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'skipped', $9, $10, $11, $11, $12)
         on conflict (cart_id, sequence, step_id) do nothing",
    )
    .bind(new_id())
    .bind(key.shop_id)
    .bind(key.cart_id)
    .bind(key.customer_id)
    .bind(key.campaign_id)
    .bind(key.step_id)
    .bind(key.sequence)
    .bind(key.abandoned_at)
    .bind(reason.as_str())
    .bind(key.due_at)
    .bind(now)
    .bind(key.control_group)
    .execute(db).await.map(Done::from)
    })?
    .rows_affected();
    Ok(inserted == 1)
}

/// A reminder to queue: its row and, with a discount, its coupon.
pub struct ToQueue<'a> {
    pub key: DeliveryKey<'a>,
    pub language: Language,
    pub discount: Option<&'a Discount>,
    /// The cart value the code needs, and on which total (see `DiscountPolicy::minimum`).
    pub minimum: Option<(Decimal, ValueBasis)>,
    /// The merchant's code collection the code comes from, instead of a code made here.
    pub collection: Option<&'a str>,
}

/// Rows per statement: 15 parameters each stays far below SQLite's 32,766.
const ROWS_PER_INSERT: usize = 400;

/// Queues a step for sending, with its coupon when it gives one (made now, so a retry sends
/// the same code). `None` if the step already had a row: another run got there first. Run it
/// in a transaction: the row and its coupon are written together or not at all.
pub async fn enqueue(
    conn: &mut Conn<'_>,
    key: &DeliveryKey<'_>,
    language: Language,
    discount: Option<&Discount>,
    prefix: &CouponPrefix,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    let item = ToQueue {
        key: *key,
        language,
        discount,
        minimum: None,
        collection: None,
    };
    Ok(enqueue_many(conn, &[item], prefix, now, None)
        .await?
        .pop()
        .flatten()
        .map(|queued| queued.delivery_id))
}

/// A reminder just queued: its row and the coupon made for it.
pub struct Queued {
    pub delivery_id: String,
    pub coupon: Option<OfferedDiscount>,
}

/// Queues many reminders with a few multi-row statements (one round trip per 400 rows, not
/// two per reminder). With `lease_until`, the rows are queued already claimed by the caller
/// (its first attempt), who sends them at once: no second write to claim them. Returns each
/// one, `None` where its (cart, step) row already existed (an overlapping run): that one gets
/// no second coupon either.
pub async fn enqueue_many(
    conn: &mut Conn<'_>,
    items: &[ToQueue<'_>],
    prefix: &CouponPrefix,
    now: DateTime<Utc>,
    lease_until: Option<DateTime<Utc>>,
) -> Result<Vec<Option<Queued>>, DbError> {
    let ids: Vec<String> = items.iter().map(|_| new_id()).collect();
    let attempts = i64::from(lease_until.is_some());
    let mut inserted = std::collections::HashSet::new();
    for chunk in items
        .iter()
        .zip(&ids)
        .collect::<Vec<_>>()
        .chunks(ROWS_PER_INSERT)
    {
        let mut insert = Sql::new(
            "insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
                 sequence, abandoned_at, status, language, due_at, created_at, updated_at,
                 next_attempt_at, lease_until, attempts, control_group) ",
        );
        insert.push_values(chunk, |mut row, (item, id)| {
            row.push_bind(id.as_str())
                .push_bind(item.key.shop_id)
                .push_bind(item.key.cart_id)
                .push_bind(item.key.customer_id)
                .push_bind(item.key.campaign_id)
                .push_bind(item.key.step_id)
                .push_bind(item.key.sequence)
                .push_bind(item.key.abandoned_at)
                .push("'queued'")
                .push_bind(item.language.code())
                .push_bind(item.key.due_at)
                .push_bind(now)
                .push_bind(now)
                .push_bind(now)
                .push_bind(lease_until)
                .push_bind(attempts)
                .push_bind(item.key.control_group);
        });
        insert.push(" on conflict (cart_id, sequence, step_id) do nothing returning delivery_id");
        let rows: Vec<(String,)> = on!(conn, |db| insert.fetch_all(db).await)?;
        inserted.extend(rows.into_iter().map(|(id,)| id));
    }
    // Coupons for the rows just written; a code already taken (2^40 codes: rare) gets new
    // letters in a next round.
    let mut pending: Vec<(&ToQueue<'_>, &str, &Discount)> = items
        .iter()
        .zip(&ids)
        .filter(|(_, id)| inserted.contains(id.as_str()))
        .filter_map(|(item, id)| item.discount.map(|d| (item, id.as_str(), d)))
        .collect();
    let mut codes: HashMap<&str, String> = HashMap::with_capacity(pending.len());
    // The merchant's own codes, taken one by one from their collections.
    for (item, delivery_id, discount) in pending
        .iter()
        .filter(|(item, ..)| item.collection.is_some())
    {
        let collection = item.collection.unwrap_or_default();
        let coupon = super::codes::CollectionCoupon {
            shop_id: item.key.shop_id,
            customer_id: item.key.customer_id,
            discount,
            minimum: item.minimum,
        };
        match super::codes::give(conn, &coupon, collection, delivery_id, now).await? {
            Some(code) => {
                codes.insert(delivery_id, code);
            }
            None => tracing::warn!(
                collection,
                "a code collection is empty: the reminder goes without a code"
            ),
        }
    }
    pending.retain(|(item, ..)| item.collection.is_none());
    for _round in 0..5 {
        if pending.is_empty() {
            break;
        }
        let mut written = std::collections::HashSet::new();
        for chunk in pending.chunks(ROWS_PER_INSERT) {
            let mut insert = Sql::new(
                "insert into coupons (coupon_id, shop_id, code, customer_id, delivery_id, kind, value,
                     tax_included, combinable, expires_at, created_at, min_order, min_order_basis,
                     gift_sku, gift_name) ",
            );
            insert.push_values(chunk, |mut row, (item, delivery_id, discount)| {
                let columns = kind_columns(&discount.kind);
                let mut random = [0u8; CODE_LENGTH];
                OsRng.fill_bytes(&mut random);
                let code = coupon_code(prefix, random);
                row.push_bind(new_id())
                    .push_bind(item.key.shop_id)
                    .push_bind(code.clone())
                    .push_bind(item.key.customer_id)
                    .push_bind(*delivery_id)
                    .push_bind(columns.kind)
                    .push_bind(columns.value.and_then(|value| to_db(value).ok()))
                    .push_bind(columns.tax_included)
                    .push_bind(discount.combinable)
                    .push_bind(expires_at(discount, now))
                    .push_bind(now)
                    .push_bind(item.minimum.and_then(|(min, _)| to_db(min).ok()))
                    .push_bind(item.minimum.map(|(_, basis)| basis_name(basis)))
                    .push_bind(columns.gift_sku.map(str::to_owned))
                    .push_bind(columns.gift_name.map(str::to_owned));
                codes.insert(delivery_id, code);
            });
            insert.push(" on conflict (shop_id, code) do nothing returning delivery_id");
            let rows: Vec<(String,)> = on!(conn, |db| insert.fetch_all(db).await)?;
            written.extend(rows.into_iter().map(|(id,)| id));
        }
        pending.retain(|(_, id, _)| !written.contains(*id));
    }
    if !pending.is_empty() {
        return Err(DbError::WriteFailed(
            "could not find an unused coupon code".into(),
        ));
    }
    items
        .iter()
        .zip(&ids)
        .map(|(item, id)| {
            if !inserted.contains(id) {
                return Ok(None);
            }
            let coupon = item
                .discount
                .and_then(|discount| {
                    let code = codes.remove(id.as_str());
                    // An empty collection gives no code; a made code is always written.
                    if code.is_none() && item.collection.is_some() {
                        return None;
                    }
                    Some(code.map(|code| OfferedDiscount {
                        code,
                        kind: discount.kind.clone(),
                        expires_at: expires_at(discount, now),
                    }))
                })
                .map(|code| {
                    code.ok_or_else(|| {
                        DbError::WriteFailed(format!("no coupon code was written for {id}"))
                    })
                })
                .transpose()?;
            Ok(Some(Queued {
                delivery_id: id.clone(),
                coupon,
            }))
        })
        .collect()
}

/// A queued delivery a worker now holds.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub delivery_id: String,
    pub shop_id: String,
    pub cart_id: String,
    pub customer_id: String,
    pub step_id: String,
    pub language: Option<String>,
    pub attempts: i64,
    /// When it was queued: how late it is, if it has waited (retries, a sending fault).
    pub queued_at: DateTime<Utc>,
}

/// Takes up to `limit` queued deliveries that are due and not held by a live worker, holding
/// them until `now + lease`. A worker that dies leaves its rows to be taken again later.
pub async fn claim(
    conn: &mut Conn<'_>,
    shop_id: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Claimed>, DbError> {
    // On PostgreSQL several processes claim at once: each skips the rows another is
    // claiming, instead of waiting for them and then taking them a second time.
    Ok(on!(conn, |db, dialect| sqlx::query_as(dialect.pick(
        "update deliveries set lease_until = $1, attempts = attempts + 1, updated_at = $2
         where delivery_id in (
             select delivery_id from deliveries
             where status = 'queued' and next_attempt_at <= $2
               and (lease_until is null or lease_until < $2) and shop_id = $4
             order by next_attempt_at limit $3)
         returning delivery_id, shop_id, cart_id, customer_id, step_id, language, attempts,
             created_at as queued_at",
        "update deliveries set lease_until = $1, attempts = attempts + 1, updated_at = $2
         where delivery_id in (
             select delivery_id from deliveries
             where status = 'queued' and next_attempt_at <= $2
               and (lease_until is null or lease_until < $2) and shop_id = $4
             order by next_attempt_at limit $3
             for update skip locked)
         returning delivery_id, shop_id, cart_id, customer_id, step_id, language, attempts,
             created_at as queued_at",
    ))
    .bind(now + lease)
    .bind(now)
    .bind(limit)
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}

#[derive(sqlx::FromRow)]
pub struct CouponRow {
    code: String,
    kind: String,
    value: Option<i64>,
    tax_included: bool,
    expires_at: DateTime<Utc>,
    gift_sku: Option<String>,
    gift_name: Option<String>,
}

impl CouponRow {
    /// The coupon as the email shows it.
    pub fn into_offer(self) -> Result<OfferedDiscount, DbError> {
        let kind = kind_of(
            &self.kind,
            self.value.map(from_db),
            self.tax_included,
            self.gift_sku.as_deref(),
            self.gift_name.as_deref(),
        )?;
        Ok(OfferedDiscount {
            code: self.code,
            kind,
            expires_at: self.expires_at,
        })
    }
}

/// When the shop's next queued reminder may be tried again (the scheduler wakes then).
pub async fn next_retry_at(pool: &Pool, shop_id: &str) -> Result<Option<DateTime<Utc>>, DbError> {
    let (retry_at,): (Option<DateTime<Utc>>,) = on!(pool, |db| sqlx::query_as(
        "select min(next_attempt_at) from deliveries where status = 'queued' and shop_id = $1",
    )
    .bind(shop_id)
    .fetch_one(db)
    .await)?;
    Ok(retry_at)
}

/// How many of the shop's reminders went out (benchmarks check every one went once).
pub async fn count_sent(pool: &Pool, shop_id: &str) -> Result<u64, DbError> {
    let (sent,): (i64,) = on!(pool, |db| sqlx::query_as(
        "select count(*) from deliveries where shop_id = $1 and status = 'sent'"
    )
    .bind(shop_id)
    .fetch_one(db)
    .await)?;
    Ok(u64::try_from(sent).unwrap_or(0))
}
