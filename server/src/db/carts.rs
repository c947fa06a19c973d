//! The demo generator's customers, carts and orders, and how they are written.

use chrono::{DateTime, Utc};
use domain::{lifecycle::items_fingerprint, Cart, Customer};

use super::ingest::{self, CartWrite, CustomerRow, OrderRow};
use super::DbError;

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

/// Writes a batch through the same bulk writes as the ingestion API, so demo data is stored
/// exactly as real events would store it.
#[tracing::instrument(skip_all, fields(customers = batch.customers.len(), carts = batch.carts.len()))]
pub async fn insert_demo_batch(
    conn: &mut sqlx::SqliteConnection,
    shop_id: &str,
    batch: &DemoBatch,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let customers: Vec<CustomerRow> = batch
        .customers
        .iter()
        .map(|row| CustomerRow {
            customer_id: Some(&row.customer_id),
            shop_id,
            customer: &row.customer,
            phone: None,
        })
        .collect();
    ingest::upsert_customers(conn, &customers, now).await?;

    let fingerprints: Vec<String> = batch
        .carts
        .iter()
        .map(|row| items_fingerprint(&row.cart.items))
        .collect();
    let carts: Vec<CartWrite> = batch
        .carts
        .iter()
        .zip(&fingerprints)
        .map(|(row, fingerprint)| CartWrite {
            cart_id: &row.cart_id,
            shop_id,
            cart: &row.cart,
            customer_id: row.customer_id.as_deref(),
            created_at: row.created_at,
            last_activity_at: row.last_activity_at,
            fingerprint,
            sequence_started_at: row.created_at,
            ordered_at: row.ordered_at,
            deleted_at: row.deleted_at,
        })
        .collect();
    ingest::upsert_carts(conn, &carts).await?;
    let items: Vec<(&str, &str, &Cart)> = batch
        .carts
        .iter()
        .map(|row| (row.cart_id.as_str(), shop_id, &row.cart))
        .collect();
    ingest::replace_items(conn, &items, now).await?;

    let orders: Vec<OrderRow> = batch
        .orders
        .iter()
        .map(|order| {
            let row = &batch.carts[order.cart];
            OrderRow {
                order_id: order.order_id.clone(),
                shop_id: shop_id.to_owned(),
                external_id: order.external_id.clone(),
                cart_id: Some(row.cart_id.clone()),
                cart_external_id: row.cart.id.clone(),
                currency: row.cart.currency.code().to_owned(),
                total_tax_incl: row.cart.total_tax_incl.amount(),
                coupon_codes: Vec::new(),
                ordered_at: order.ordered_at,
            }
        })
        .collect();
    ingest::insert_orders(conn, &orders, now).await
}
