//! Bulk writes of customers, carts and orders, as the demo generator makes them.
//! (Single-event writes from the ingestion API come with that API.)

use chrono::{DateTime, Utc};
use domain::{lifecycle::items_fingerprint, Cart, Customer, WebUrl};
use sqlx::{QueryBuilder, Sqlite};

use super::money::to_db;
use super::DbError;

/// SQLite accepts 32,766 bound values per statement; stay well below it.
const MAX_BINDS: usize = 30_000;

pub struct NewCustomerRow {
    pub customer_id: String,
    pub customer: Customer,
}

pub struct NewCartRow {
    pub cart_id: String,
    pub customer_id: Option<String>,
    pub cart: Cart,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

pub struct NewOrderRow {
    pub order_id: String,
    pub external_id: String,
    /// Index of the ordered cart in `DemoBatch::carts`.
    pub cart: usize,
    pub ordered_at: DateTime<Utc>,
}

/// Customers, carts and orders to write together; orders point at carts by index.
#[derive(Default)]
pub struct DemoBatch {
    pub customers: Vec<NewCustomerRow>,
    pub carts: Vec<NewCartRow>,
    pub orders: Vec<NewOrderRow>,
}

fn rows_per_statement(columns: usize) -> usize {
    MAX_BINDS / columns
}

/// Writes a batch with multi-row inserts: a few hundred statements for 100,000 carts.
#[tracing::instrument(skip_all, fields(customers = batch.customers.len(), carts = batch.carts.len()))]
pub async fn insert_demo_batch(
    conn: &mut sqlx::SqliteConnection,
    shop_id: &str,
    batch: &DemoBatch,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    for chunk in batch.customers.chunks(rows_per_statement(16)) {
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "insert into customers (customer_id, shop_id, external_id, email, first_name, last_name, gender,
                 language, country, groups_json, newsletter, birthdate, orders_count, last_order_at,
                 created_at, updated_at) ",
        );
        let mut failed = None;
        query.push_values(chunk, |mut row, new| {
            let c = &new.customer;
            let groups = serde_json::to_string(&c.groups).unwrap_or_else(|e| {
                failed = Some(DbError::corrupt(e));
                String::from("[]")
            });
            row.push_bind(new.customer_id.clone())
                .push_bind(shop_id.to_owned())
                .push_bind(c.id.clone())
                .push_bind(c.email.as_str().to_owned())
                .push_bind(c.first_name.clone())
                .push_bind(c.last_name.clone())
                .push_bind(c.gender.map(|g| g.as_str()))
                .push_bind(c.language.code().to_owned())
                .push_bind(c.country.clone())
                .push_bind(groups)
                .push_bind(c.newsletter)
                .push_bind(c.birthdate)
                .push_bind(i64::from(c.orders_count))
                .push_bind(c.last_order_at)
                .push_bind(now)
                .push_bind(now);
        });
        if let Some(error) = failed {
            return Err(error);
        }
        query.build().execute(&mut *conn).await?;
    }

    for chunk in batch.carts.chunks(rows_per_statement(16)) {
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "insert into carts (cart_id, shop_id, external_id, customer_id, currency, total_tax_incl,
                 total_tax_excl, shipping, url, created_at, last_activity_at, ordered_at, deleted_at,
                 items_fingerprint, sequence_started_at, product_count) ",
        );
        let mut failed = None;
        query.push_values(chunk, |mut row, new| {
            let cart = &new.cart;
            let mut money = |amount| {
                to_db(amount).unwrap_or_else(|e| {
                    failed = Some(e);
                    0
                })
            };
            let (incl, excl, shipping) = (
                money(cart.total_tax_incl.amount()),
                money(cart.total_tax_excl.amount()),
                money(cart.shipping.amount()),
            );
            row.push_bind(new.cart_id.clone())
                .push_bind(shop_id.to_owned())
                .push_bind(cart.id.clone())
                .push_bind(new.customer_id.clone())
                .push_bind(cart.currency.code().to_owned())
                .push_bind(incl)
                .push_bind(excl)
                .push_bind(shipping)
                .push_bind(cart.url.as_ref().map(|u| u.as_str().to_owned()))
                .push_bind(new.created_at)
                .push_bind(new.last_activity_at)
                .push_bind(new.ordered_at)
                .push_bind(new.deleted_at)
                .push_bind(items_fingerprint(&cart.items))
                .push_bind(new.created_at)
                .push_bind(i64::from(cart.product_count()));
        });
        if let Some(error) = failed {
            return Err(error);
        }
        query.build().execute(&mut *conn).await?;
    }

    let items: Vec<(&NewCartRow, usize)> = batch
        .carts
        .iter()
        .flat_map(|cart| (0..cart.cart.items.len()).map(move |position| (cart, position)))
        .collect();
    for chunk in items.chunks(rows_per_statement(13)) {
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "insert into cart_items (cart_id, shop_id, position, sku, name, description, image_url,
                 product_url, category, unit_price, quantity, stock, created_at) ",
        );
        let mut failed = None;
        query.push_values(chunk, |mut row, (cart, position)| {
            let item = &cart.cart.items[*position];
            let price = to_db(item.unit_price.amount()).unwrap_or_else(|e| {
                failed = Some(e);
                0
            });
            row.push_bind(cart.cart_id.clone())
                .push_bind(shop_id.to_owned())
                .push_bind(*position as i64)
                .push_bind(item.sku.clone())
                .push_bind(item.name.clone())
                .push_bind(item.description.clone())
                .push_bind(
                    item.image_url
                        .as_ref()
                        .map(|u: &WebUrl| u.as_str().to_owned()),
                )
                .push_bind(item.product_url.as_ref().map(|u| u.as_str().to_owned()))
                .push_bind(item.category.clone())
                .push_bind(price)
                .push_bind(i64::from(item.quantity))
                .push_bind(item.stock)
                .push_bind(cart.created_at);
        });
        if let Some(error) = failed {
            return Err(error);
        }
        query.build().execute(&mut *conn).await?;
    }

    for chunk in batch.orders.chunks(rows_per_statement(9)) {
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "insert into orders (order_id, shop_id, external_id, cart_id, cart_external_id, currency,
                 total_tax_incl, ordered_at, created_at) ",
        );
        let mut failed = None;
        query.push_values(chunk, |mut row, order| {
            let row_cart = &batch.carts[order.cart];
            let cart = &row_cart.cart;
            let total = to_db(cart.total_tax_incl.amount()).unwrap_or_else(|e| {
                failed = Some(e);
                0
            });
            row.push_bind(order.order_id.clone())
                .push_bind(shop_id.to_owned())
                .push_bind(order.external_id.clone())
                .push_bind(row_cart.cart_id.clone())
                .push_bind(cart.id.clone())
                .push_bind(cart.currency.code().to_owned())
                .push_bind(total)
                .push_bind(order.ordered_at)
                .push_bind(order.ordered_at);
        });
        if let Some(error) = failed {
            return Err(error);
        }
        query.build().execute(&mut *conn).await?;
    }
    Ok(())
}
