//! A stored cart and its customer as domain values, for rendering an email about them.

use crate::db::on;
use chrono::{DateTime, Utc};
use domain::{
    Cart, CartItem, Currency, Customer, EmailAddress, Gender, Language, Money, NewCart,
    NewCustomer, WebUrl,
};

use super::money::from_db;
use super::{DbError, Pool};

#[derive(Clone, sqlx::FromRow)]
pub(crate) struct CartRow {
    external_id: String,
    currency: String,
    total_tax_incl: i64,
    total_tax_excl: i64,
    shipping: i64,
    url: Option<String>,
    c_external_id: String,
    pub(crate) email: String,
    first_name: String,
    last_name: String,
    gender: Option<String>,
    language: String,
    country: Option<String>,
    groups_json: String,
    newsletter: bool,
    orders_count: i64,
    last_order_at: Option<DateTime<Utc>>,
    /// Read where rules need it (the engine, the cart page), not by every query.
    #[sqlx(default)]
    birthdate: Option<chrono::NaiveDate>,
    /// Read where SMS steps need them (the engine, the sender).
    #[sqlx(default)]
    phone: Option<String>,
    #[sqlx(default)]
    sms_consent: bool,
}

#[derive(Clone, sqlx::FromRow)]
pub(crate) struct ItemRow {
    #[sqlx(default)]
    pub(crate) cart_id: String,
    sku: String,
    name: String,
    description: String,
    image_url: Option<String>,
    product_url: Option<String>,
    category: Option<String>,
    unit_price: i64,
    quantity: i64,
    stock: Option<i64>,
    ean: Option<String>,
}

fn url(value: Option<String>) -> Option<WebUrl> {
    // A link the shop sent that no longer parses is left out of the email, not fatal.
    value.and_then(|url| WebUrl::parse(&url).ok())
}

/// The cart `cart_id` of the shop with its customer; `None` if either is missing.
pub async fn cart_with_customer(
    pool: &Pool,
    shop_id: &str,
    cart_id: &str,
) -> Result<Option<(Customer, Cart)>, DbError> {
    let Some(row): Option<CartRow> = on!(pool, |db| {
        sqlx::query_as(
        "select k.external_id, k.currency, k.total_tax_incl, k.total_tax_excl, k.shipping, k.url,
                c.external_id as c_external_id, c.email, c.first_name, c.last_name, c.gender, c.language,
                c.country, c.groups_json, c.newsletter, c.orders_count, c.last_order_at
         from carts k join customers c on c.customer_id = k.customer_id
         where k.shop_id = $1 and k.cart_id = $2",
    )
    .bind(shop_id)
    .bind(cart_id)
    .fetch_optional(db).await
    })?
    else {
        return Ok(None);
    };
    let items: Vec<ItemRow> = on!(pool, |db| {
        sqlx::query_as(
        "select sku, name, description, image_url, product_url, category, unit_price, quantity, stock,
                ean
         from cart_items where cart_id = $1 order by position",
    )
    .bind(cart_id)
    .fetch_all(db).await
    })?;

    into_domain(row, items).map(Some)
}

/// A cart row (with its customer's columns) and its item rows as domain values.
pub(crate) fn into_domain(row: CartRow, items: Vec<ItemRow>) -> Result<(Customer, Cart), DbError> {
    let currency = Currency::parse(&row.currency).map_err(DbError::corrupt)?;
    let money = |value: i64| Money::new(from_db(value), currency).map_err(DbError::corrupt);
    let items = items
        .into_iter()
        .map(|item| {
            Ok(CartItem {
                sku: item.sku,
                name: item.name,
                description: item.description,
                image_url: url(item.image_url),
                product_url: url(item.product_url),
                category: item.category,
                unit_price: money(item.unit_price)?,
                quantity: u32::try_from(item.quantity).map_err(DbError::corrupt)?,
                stock: item.stock,
                // A barcode stored before it was checked is left out rather than fatal.
                ean: item.ean.and_then(|ean| domain::Gtin::parse(&ean).ok()),
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let cart = Cart::new(NewCart {
        id: row.external_id,
        currency,
        items,
        total_tax_incl: money(row.total_tax_incl)?,
        total_tax_excl: money(row.total_tax_excl)?,
        shipping: money(row.shipping)?,
        url: url(row.url),
    })
    .map_err(DbError::corrupt)?;
    let customer = Customer::new(
        EmailAddress::parse(&row.email).map_err(DbError::corrupt)?,
        NewCustomer {
            id: row.c_external_id,
            first_name: row.first_name,
            last_name: row.last_name,
            gender: row.gender.as_deref().and_then(Gender::parse),
            language: Some(Language::parse(&row.language).map_err(DbError::corrupt)?),
            country: row.country,
            groups: serde_json::from_str(&row.groups_json).map_err(DbError::corrupt)?,
            newsletter: row.newsletter,
            birthdate: row.birthdate,
            orders_count: u32::try_from(row.orders_count).map_err(DbError::corrupt)?,
            last_order_at: row.last_order_at,
            // A number stored before numbers were checked is no SMS recipient.
            phone: (row.phone.as_deref()).and_then(|p| domain::PhoneNumber::parse_e164(p).ok()),
            sms_consent: row.sms_consent,
        },
    )
    .map_err(DbError::corrupt)?;
    Ok((customer, cart))
}

/// A cart the editor can preview with.
#[derive(sqlx::FromRow)]
pub struct SampleCartRow {
    pub cart_id: String,
    pub external_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub total_tax_incl: i64,
    pub currency: String,
    pub product_count: i64,
}

/// The most recent carts left with items by a known customer, newest first.
pub async fn recent_abandoned_carts(
    pool: &Pool,
    shop_id: &str,
    limit: i64,
) -> Result<Vec<SampleCartRow>, DbError> {
    Ok(on!(pool, |db| {
        sqlx::query_as(
        "select k.cart_id, k.external_id, c.first_name, c.last_name, c.email, k.total_tax_incl, k.currency,
                k.product_count
         from carts k join customers c on c.customer_id = k.customer_id
         where k.shop_id = $1 and k.ordered_at is null and k.deleted_at is null and k.product_count > 0
         order by k.last_activity_at desc limit $2",
    )
    .bind(shop_id)
    .bind(limit)
    .fetch_all(db).await
    })?)
}

/// The languages of the shop's customers, most customers first (for fallback warnings).
pub async fn customer_languages(pool: &Pool, shop_id: &str) -> Result<Vec<Language>, DbError> {
    let rows: Vec<(String,)> = on!(pool, |db| {
        sqlx::query_as(
        "select language from customers where shop_id = $1 group by language order by count(*) desc",
    )
    .bind(shop_id)
    .fetch_all(db).await
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(code,)| Language::parse(&code).ok())
        .collect())
}
