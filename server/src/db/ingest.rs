//! The writes of the ingestion API, one event at a time inside the caller's transaction.

use chrono::{DateTime, Utc};
use domain::{lifecycle::StoredCart, Cart, Customer};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::money::to_db;
use super::{new_id, DbError};

/// An API key that opened a request: whose events these are.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiKeyOwner {
    pub api_key_id: String,
    pub shop_id: String,
    pub currency: String,
}

/// The owner of an unrevoked key with this hash.
pub async fn api_key_owner(
    pool: &super::Pool,
    key_hash: &str,
) -> Result<Option<ApiKeyOwner>, DbError> {
    Ok(sqlx::query_as(
        "select k.api_key_id, k.shop_id, s.currency from api_keys k join shops s on s.shop_id = k.shop_id
         where k.key_hash = $1 and k.revoked_at is null",
    )
    .bind(key_hash)
    .fetch_optional(pool)
    .await?)
}

/// Marks the key used, at most once a minute so a busy shop does not write on every request.
pub async fn touch_api_key(
    conn: &mut SqliteConnection,
    api_key_id: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query(
        "update api_keys set last_used_at = $2
         where api_key_id = $1 and (last_used_at is null or last_used_at < $3)",
    )
    .bind(api_key_id)
    .bind(now)
    .bind(now - chrono::Duration::minutes(1))
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct StoredCartRow {
    cart_id: String,
    customer_id: Option<String>,
    last_activity_at: DateTime<Utc>,
    ordered_at: Option<DateTime<Utc>>,
    items_fingerprint: String,
}

/// The stored cart with this shop id, with its internal id and customer.
pub async fn stored_cart(
    conn: &mut SqliteConnection,
    shop_id: &str,
    external_id: &str,
) -> Result<Option<(String, Option<String>, StoredCart)>, DbError> {
    let row: Option<StoredCartRow> = sqlx::query_as(
        "select cart_id, customer_id, last_activity_at, ordered_at, items_fingerprint
         from carts where shop_id = $1 and external_id = $2",
    )
    .bind(shop_id)
    .bind(external_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| {
        (
            r.cart_id,
            r.customer_id,
            StoredCart {
                last_activity_at: r.last_activity_at,
                ordered_at: r.ordered_at,
                items_fingerprint: r.items_fingerprint,
            },
        )
    }))
}

pub struct EventRecord<'a> {
    pub api_key_id: &'a str,
    pub event_id: &'a str,
    pub shop_id: &'a str,
    pub event_type: &'a str,
    pub cart_external_id: &'a str,
    pub occurred_at: DateTime<Utc>,
    pub outcome: &'a str,
}

/// Records an event; `false` when this key already sent an event with this id (a duplicate).
pub async fn insert_event(
    conn: &mut SqliteConnection,
    event: &EventRecord<'_>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let result = sqlx::query(
        "insert into cart_events (api_key_id, event_id, shop_id, event_type, cart_external_id, occurred_at, received_at, outcome)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (api_key_id, event_id) do nothing",
    )
    .bind(event.api_key_id)
    .bind(event.event_id)
    .bind(event.shop_id)
    .bind(event.event_type)
    .bind(event.cart_external_id)
    .bind(event.occurred_at)
    .bind(now)
    .bind(event.outcome)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Creates or refreshes a customer; returns their internal id.
pub async fn upsert_customer(
    conn: &mut SqliteConnection,
    shop_id: &str,
    customer: &Customer,
    phone: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let groups = serde_json::to_string(&customer.groups).map_err(DbError::corrupt)?;
    let (customer_id,): (String,) = sqlx::query_as(
        "insert into customers (customer_id, shop_id, external_id, email, first_name, last_name, gender, language,
             country, groups_json, newsletter, birthdate, orders_count, last_order_at, phone, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
         on conflict (shop_id, external_id) do update set
             email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name,
             gender = excluded.gender, language = excluded.language, country = excluded.country,
             groups_json = excluded.groups_json, newsletter = excluded.newsletter,
             birthdate = excluded.birthdate, orders_count = excluded.orders_count,
             last_order_at = excluded.last_order_at, phone = coalesce(excluded.phone, customers.phone),
             updated_at = excluded.updated_at
         returning customer_id",
    )
    .bind(new_id())
    .bind(shop_id)
    .bind(&customer.id)
    .bind(customer.email.as_str())
    .bind(&customer.first_name)
    .bind(&customer.last_name)
    .bind(customer.gender.map(|g| g.as_str()))
    .bind(customer.language.code())
    .bind(customer.country.as_deref())
    .bind(groups)
    .bind(customer.newsletter)
    .bind(customer.birthdate)
    .bind(i64::from(customer.orders_count))
    .bind(customer.last_order_at)
    .bind(phone)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(customer_id)
}

/// What a `cart_updated` writes on the cart row.
pub struct CartState<'a> {
    pub cart: &'a Cart,
    pub customer_id: Option<&'a str>,
    pub occurred_at: DateTime<Utc>,
    pub fingerprint: &'a str,
}

pub async fn insert_cart(
    conn: &mut SqliteConnection,
    shop_id: &str,
    cart_id: &str,
    state: &CartState<'_>,
) -> Result<(), DbError> {
    let cart = state.cart;
    sqlx::query(
        "insert into carts (cart_id, shop_id, external_id, customer_id, currency, total_tax_incl, total_tax_excl,
             shipping, url, created_at, last_activity_at, items_fingerprint, sequence_started_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $10)",
    )
    .bind(cart_id)
    .bind(shop_id)
    .bind(&cart.id)
    .bind(state.customer_id)
    .bind(cart.currency.code())
    .bind(to_db(cart.total_tax_incl.amount())?)
    .bind(to_db(cart.total_tax_excl.amount())?)
    .bind(to_db(cart.shipping.amount())?)
    .bind(cart.url.as_ref().map(|u| u.as_str()))
    .bind(state.occurred_at)
    .bind(state.fingerprint)
    .execute(conn)
    .await?;
    Ok(())
}

/// Applies a newer state. A guest cart keeps its customer once known; `restart` restarts the
/// reminder sequence; a newer update brings back a cart the shop had deleted.
pub async fn update_cart(
    conn: &mut SqliteConnection,
    cart_id: &str,
    state: &CartState<'_>,
    restart: bool,
) -> Result<(), DbError> {
    let cart = state.cart;
    sqlx::query(
        "update carts set customer_id = coalesce($2, customer_id), currency = $3, total_tax_incl = $4,
             total_tax_excl = $5, shipping = $6, url = $7, last_activity_at = $8, items_fingerprint = $9,
             sequence_started_at = case when $10 then $8 else sequence_started_at end, deleted_at = null
         where cart_id = $1",
    )
    .bind(cart_id)
    .bind(state.customer_id)
    .bind(cart.currency.code())
    .bind(to_db(cart.total_tax_incl.amount())?)
    .bind(to_db(cart.total_tax_excl.amount())?)
    .bind(to_db(cart.shipping.amount())?)
    .bind(cart.url.as_ref().map(|u| u.as_str()))
    .bind(state.occurred_at)
    .bind(state.fingerprint)
    .bind(restart)
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces the cart's lines with these.
pub async fn replace_items(
    conn: &mut SqliteConnection,
    shop_id: &str,
    cart_id: &str,
    cart: &Cart,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query("delete from cart_items where cart_id = $1")
        .bind(cart_id)
        .execute(&mut *conn)
        .await?;
    if cart.items.is_empty() {
        return Ok(());
    }
    let prices = cart
        .items
        .iter()
        .map(|item| to_db(item.unit_price.amount()))
        .collect::<Result<Vec<_>, _>>()?;
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
        "insert into cart_items (cart_id, shop_id, position, sku, name, description, image_url, product_url,
             category, unit_price, quantity, stock, created_at) ",
    );
    query.push_values(
        cart.items.iter().zip(prices).enumerate(),
        |mut row, (position, (item, price))| {
            row.push_bind(cart_id.to_owned())
                .push_bind(shop_id.to_owned())
                .push_bind(position as i64)
                .push_bind(item.sku.clone())
                .push_bind(item.name.clone())
                .push_bind(item.description.clone())
                .push_bind(item.image_url.as_ref().map(|u| u.as_str().to_owned()))
                .push_bind(item.product_url.as_ref().map(|u| u.as_str().to_owned()))
                .push_bind(item.category.clone())
                .push_bind(price)
                .push_bind(i64::from(item.quantity))
                .push_bind(item.stock)
                .push_bind(now);
        },
    );
    query.build().execute(conn).await?;
    Ok(())
}

pub async fn mark_deleted(
    conn: &mut SqliteConnection,
    cart_id: &str,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query("update carts set deleted_at = $2 where cart_id = $1")
        .bind(cart_id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_ordered(
    conn: &mut SqliteConnection,
    cart_id: &str,
    customer_id: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query("update carts set ordered_at = $2, customer_id = coalesce($3, customer_id) where cart_id = $1")
        .bind(cart_id)
        .bind(at)
        .bind(customer_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub struct OrderRecord<'a> {
    pub shop_id: &'a str,
    pub external_id: &'a str,
    pub cart_id: Option<&'a str>,
    pub cart_external_id: &'a str,
    pub currency: &'a str,
    pub total_tax_incl: rust_decimal::Decimal,
    pub coupon_codes: &'a [String],
    pub ordered_at: DateTime<Utc>,
}

/// Records an order once (a shop resending it under another event id changes nothing).
pub async fn insert_order(
    conn: &mut SqliteConnection,
    order: &OrderRecord<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let codes = serde_json::to_string(order.coupon_codes).map_err(DbError::corrupt)?;
    sqlx::query(
        "insert into orders (order_id, shop_id, external_id, cart_id, cart_external_id, currency, total_tax_incl,
             coupon_codes_json, ordered_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (shop_id, external_id) do nothing",
    )
    .bind(new_id())
    .bind(order.shop_id)
    .bind(order.external_id)
    .bind(order.cart_id)
    .bind(order.cart_external_id)
    .bind(order.currency)
    .bind(to_db(order.total_tax_incl)?)
    .bind(codes)
    .bind(order.ordered_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
