//! Code collections: imported in one transaction, listed with what is left, and taken one at
//! a time for the reminders of the steps that name them.

use chrono::{DateTime, Utc};
use domain::campaign::CodeList;

use super::sql::Sql;
use super::{new_id, DbError, Pool};
use crate::db::on;
use crate::db::Conn;
use crate::db::Done;

/// A collection with its counts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CollectionRow {
    pub collection_id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub total: i64,
    pub left_count: i64,
}

/// The shop's collections, newest first.
pub async fn collections(pool: &Pool, shop_id: &str) -> Result<Vec<CollectionRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select c.collection_id, c.name, c.created_at,
                (select count(*) from collection_codes k where k.collection_id = c.collection_id)
                    as total,
                (select count(*) from collection_codes k where k.collection_id = c.collection_id
                     and k.delivery_id is null) as left_count
         from code_collections c where c.shop_id = $1 order by c.created_at desc, c.name",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?)
}

/// Codes written per statement.
const ROWS: usize = 500;

/// Stores the collection and its codes in one transaction; returns its id.
pub async fn import(
    pool: &Pool,
    shop_id: &str,
    list: &CodeList,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let id = new_id();
    let mut tx = pool.begin_write().await?;
    on!(&mut tx.conn(), |db| sqlx::query(
        "insert into code_collections (collection_id, shop_id, name, created_at)
         values ($1, $2, $3, $4)",
    )
    .bind(&id)
    .bind(shop_id)
    .bind(&list.name)
    .bind(now)
    .execute(db)
    .await
    .map(Done::from))?;
    for chunk in list.codes.chunks(ROWS) {
        let mut insert = Sql::new("insert into collection_codes (collection_id, code) ");
        insert.push_values(chunk, |mut row, code| {
            row.push_bind(id.as_str()).push_bind(code.as_str());
        });
        on!(&mut tx.conn(), |db| insert.execute(db, false).await)?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Whether the collection is the shop's.
pub async fn owns(pool: &Pool, shop_id: &str, collection_id: &str) -> Result<bool, DbError> {
    let row: Option<(String,)> = on!(pool, |db| sqlx::query_as(
        "select collection_id from code_collections where shop_id = $1 and collection_id = $2"
    )
    .bind(shop_id)
    .bind(collection_id)
    .fetch_optional(db)
    .await)?;
    Ok(row.is_some())
}

/// Takes the collection's next free code for `delivery_id`; `None` when none is left. Two
/// processes never take the same code (PostgreSQL skips the rows another is taking).
pub async fn take(
    conn: &mut Conn<'_>,
    collection_id: &str,
    delivery_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    let taken: Option<(String,)> = on!(conn, |db, dialect| sqlx::query_as(dialect.pick(
        "update collection_codes set delivery_id = $1, taken_at = $2
         where collection_id = $3 and code = (
             select code from collection_codes
             where collection_id = $3 and delivery_id is null order by code limit 1)
         returning code",
        "update collection_codes set delivery_id = $1, taken_at = $2
         where collection_id = $3 and code = (
             select code from collection_codes
             where collection_id = $3 and delivery_id is null order by code limit 1
             for update skip locked)
         returning code",
    ))
    .bind(delivery_id)
    .bind(now)
    .bind(collection_id)
    .fetch_optional(db)
    .await)?;
    Ok(taken.map(|(code,)| code))
}

/// Who a collection's code goes to, and on what terms.
pub struct CollectionCoupon<'a> {
    pub shop_id: &'a str,
    pub customer_id: &'a str,
    pub discount: &'a domain::Discount,
    /// The cart value the code needs, and on which total.
    pub minimum: Option<(rust_decimal::Decimal, domain::ValueBasis)>,
}

/// Takes the collection's next free code for the reminder `delivery_id` and writes its coupon
/// (the step's discount, the merchant's code); `None` when the collection is empty. A code the
/// shop already has as a coupon is passed over.
pub async fn give(
    conn: &mut Conn<'_>,
    coupon: &CollectionCoupon<'_>,
    collection_id: &str,
    delivery_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    use super::coupon_rows::{basis_name, expires_at, kind_columns};
    use super::money::to_db;
    let discount = coupon.discount;
    loop {
        let Some(code) = take(conn, collection_id, delivery_id, now).await? else {
            return Ok(None);
        };
        let columns = kind_columns(&discount.kind);
        let written = on!(conn, |db| {
            sqlx::query(
            "insert into coupons (coupon_id, shop_id, code, customer_id, delivery_id, kind, value,
                 tax_included, combinable, expires_at, created_at, min_order, min_order_basis,
                 gift_sku, gift_name)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             on conflict (shop_id, code) do nothing",
        )
        .bind(new_id())
        .bind(coupon.shop_id)
        .bind(&code)
        .bind(coupon.customer_id)
        .bind(delivery_id)
        .bind(columns.kind)
        .bind(columns.value.and_then(|value| to_db(value).ok()))
        .bind(columns.tax_included)
        .bind(discount.combinable)
        .bind(expires_at(discount, now))
        .bind(now)
        .bind(coupon.minimum.and_then(|(min, _)| to_db(min).ok()))
        .bind(coupon.minimum.map(|(_, basis)| basis_name(basis)))
        .bind(columns.gift_sku)
        .bind(columns.gift_name)
        .execute(db)
        .await
        .map(Done::from)
        })?
        .rows_affected();
        if written == 1 {
            return Ok(Some(code));
        }
    }
}

/// What deleting a collection did.
#[derive(Debug, PartialEq, Eq)]
pub enum CollectionDeletion {
    /// Gone with its codes; the codes already given stay valid as the coupons they became.
    Deleted {
        name: String,
        left: i64,
    },
    /// Kept: these rules have a reminder that takes its codes.
    InUse {
        name: String,
        rules: Vec<String>,
    },
    NotFound,
}

/// Deletes the shop's collection `collection_id` and its codes, unless a reminder takes codes
/// from it; the check and the delete are one write transaction, so no step is saved naming a
/// collection that is going.
pub async fn delete(
    pool: &Pool,
    shop_id: &str,
    collection_id: &str,
) -> Result<CollectionDeletion, DbError> {
    let mut tx = pool.begin_write().await?;
    let found: Option<(String, i64)> = on!(&mut tx.conn(), |db| sqlx::query_as(
        "select c.name, (select count(*) from collection_codes k
                         where k.collection_id = c.collection_id and k.delivery_id is null)
         from code_collections c where c.shop_id = $1 and c.collection_id = $2",
    )
    .bind(shop_id)
    .bind(collection_id)
    .fetch_optional(db)
    .await)?;
    let Some((name, left)) = found else {
        return Ok(CollectionDeletion::NotFound);
    };
    let rules: Vec<(String,)> = on!(&mut tx.conn(), |db| {
        sqlx::query_as(
        "select distinct c.name from reminder_steps s join campaigns c on c.campaign_id = s.campaign_id
         where c.shop_id = $1 and s.code_collection_id = $2 order by c.name",
    )
    .bind(shop_id)
    .bind(collection_id)
    .fetch_all(db)
    .await
    })?;
    if !rules.is_empty() {
        let rules = rules.into_iter().map(|(rule,)| rule).collect();
        return Ok(CollectionDeletion::InUse { name, rules });
    }
    for sql in [
        "delete from collection_codes where collection_id = $1",
        "delete from code_collections where collection_id = $1",
    ] {
        on!(&mut tx.conn(), |db| sqlx::query(sql)
            .bind(collection_id)
            .execute(db)
            .await
            .map(Done::from))?;
    }
    tx.commit().await?;
    Ok(CollectionDeletion::Deleted { name, left })
}
