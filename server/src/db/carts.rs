//! The demo generator's customers, carts and orders, and how they are written.

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Conn;
use chrono::{DateTime, Utc};
use domain::{lifecycle::items_fingerprint, Cart, Customer};

use super::ingest::{self, CartWrite, CustomerRow, OrderRow};
use super::DbError;

/// Rows per multi-row insert (SQLite allows 32,766 bound values).
const ROWS: usize = 2_000;

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
    pub coupon_codes: Vec<String>,
}

/// A reminder the demo campaign sent in the past (`relance demo --history`).
pub struct HistoryDelivery {
    pub delivery_id: String,
    /// Index of the cart in `DemoBatch::carts`.
    pub cart: usize,
    pub campaign_id: String,
    pub step_id: String,
    pub template_id: String,
    pub language: String,
    /// When the cart counted as abandoned: its steps' delays count from then.
    pub abandoned_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub sent_at: DateTime<Utc>,
    pub coupon: Option<HistoryCoupon>,
    /// `Some(true)`: held out by the rule's control group (nothing sent); `Some(false)`: drawn
    /// and reminded; `None`: the rule had no control group.
    pub control_group: Option<bool>,
}

pub struct HistoryCoupon {
    pub coupon_id: String,
    pub code: String,
    pub percent: i64,
    pub expires_at: DateTime<Utc>,
    /// The order (external id) that used it, and when.
    pub used: Option<(String, DateTime<Utc>)>,
}

/// An open, click or unsubscribe of a history reminder.
pub struct HistoryEvent {
    pub event_id: String,
    /// Index in `DemoHistory::deliveries`.
    pub delivery: usize,
    pub kind: &'static str,
    pub at: DateTime<Utc>,
    pub scanner: bool,
}

#[derive(Default)]
pub struct DemoHistory {
    pub deliveries: Vec<HistoryDelivery>,
    pub events: Vec<HistoryEvent>,
}

/// Customers, carts and orders to write together; orders point at carts by index.
#[derive(Default)]
pub struct DemoBatch {
    pub customers: Vec<NewCustomerRow>,
    pub carts: Vec<NewCartRow>,
    pub orders: Vec<NewOrderRow>,
    pub history: DemoHistory,
}

const DEMO_CARTS_PER_COMMAND: usize = 1_000;

/// Writes a batch through the same bulk writes as the ingestion API, so demo data is stored
/// exactly as real events would store it.
#[tracing::instrument(skip_all, fields(customers = batch.customers.len(), carts = batch.carts.len()))]
pub async fn insert_demo_batch(
    conn: &mut Conn<'_>,
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
            address: None,
            time_zone: None,
        })
        .collect();
    // The demo's own transaction: nothing to remember for the ingestion writer.
    let mut memory = super::ingest::WriterMemory::default();
    ingest::upsert_customers(conn, &mut memory, &customers, now).await?;

    let fingerprints: Vec<String> = batch
        .carts
        .iter()
        .map(|row| items_fingerprint(&row.cart.items))
        .collect();
    let carts = batch
        .carts
        .iter()
        .zip(&fingerprints)
        .map(|(row, fingerprint)| {
            Ok(CartWrite {
                cart_id: &row.cart_id,
                shop_id,
                cart: &row.cart,
                customer_id: row.customer_id.as_deref(),
                created_at: row.created_at,
                last_activity_at: row.last_activity_at,
                fingerprint,
                items_digest: ingest::items_digest(&row.cart.items)?,
                sequence_started_at: row.created_at,
                sequence: 1,
                ordered_at: row.ordered_at,
                deleted_at: row.deleted_at,
                // The demo writes carts, not the events that made them.
                last_event_seq: None,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    // A thousand carts per command: a command holds all its bound values until it runs, and a
    // whole demo of 100,000 carts at once peaked at 1.5 GB.
    for (carts, rows) in carts
        .chunks(DEMO_CARTS_PER_COMMAND)
        .zip(batch.carts.chunks(DEMO_CARTS_PER_COMMAND))
    {
        let items: Vec<(&str, &str, &Cart)> = rows
            .iter()
            .map(|row| (row.cart_id.as_str(), shop_id, &row.cart))
            .collect();
        let mut writes = ingest::Statements::default();
        ingest::upsert_carts(&mut writes, carts)?;
        ingest::replace_items(&mut writes, &items, now)?;
        writes.execute(conn).await?;
    }
    insert_history(conn, shop_id, batch).await?;

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
                coupon_codes: order.coupon_codes.clone(),
                ordered_at: order.ordered_at,
                customer_id: None,
                email: None,
                status: domain::lifecycle::OrderStatus::Paid,
            }
        })
        .collect();
    ingest::insert_orders(conn, &orders, now).await
}

/// The history's deliveries, codes, opens, clicks and unsubscribes, in bulk.
async fn insert_history(
    conn: &mut Conn<'_>,
    shop_id: &str,
    batch: &DemoBatch,
) -> Result<(), DbError> {
    let history = &batch.history;
    let customer_of = |cart: usize| batch.carts[cart].customer_id.clone().unwrap_or_default();
    for chunk in history.deliveries.chunks(ROWS) {
        let mut query: Sql = Sql::new(
            "insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id, status,
                 language, due_at, created_at, updated_at, attempts, message_id, sent_at, template_id,
                 skip_reason, control_group, abandoned_at) ",
        );
        query.push_values(chunk, |mut row, d| {
            let held_out = d.control_group == Some(true);
            row.push_bind(d.delivery_id.clone())
                .push_bind(shop_id.to_owned())
                .push_bind(batch.carts[d.cart].cart_id.clone())
                .push_bind(customer_of(d.cart))
                .push_bind(d.campaign_id.clone())
                .push_bind(d.step_id.clone())
                .push_bind(if held_out { "skipped" } else { "sent" })
                .push_bind(d.language.clone())
                .push_bind(d.due_at)
                .push_bind(d.due_at)
                .push_bind(d.sent_at)
                .push(if held_out { "0" } else { "1" })
                .push_bind((!held_out).then(|| format!("<{}@relance.demo>", d.delivery_id)))
                .push_bind((!held_out).then_some(d.sent_at))
                .push_bind(d.template_id.clone())
                .push_bind(held_out.then_some("control_group"))
                .push_bind(d.control_group)
                .push_bind(d.abandoned_at);
        });
        on!(conn, |db| query.execute(db, true).await)?;
    }
    let coupons: Vec<(&HistoryDelivery, &HistoryCoupon)> = history
        .deliveries
        .iter()
        .filter_map(|d| d.coupon.as_ref().map(|c| (d, c)))
        .collect();
    for chunk in coupons.chunks(ROWS) {
        let mut query: Sql = Sql::new(
            "insert into coupons (coupon_id, shop_id, code, customer_id, delivery_id, kind, value, tax_included,
                 combinable, expires_at, used_at, used_by_order, created_at) ",
        );
        query.push_values(chunk, |mut row, (d, c)| {
            row.push_bind(c.coupon_id.clone())
                .push_bind(shop_id.to_owned())
                .push_bind(c.code.clone())
                .push_bind(customer_of(d.cart))
                .push_bind(d.delivery_id.clone())
                .push("'percent'")
                .push_bind(c.percent * 10_000)
                .push_bind(true)
                .push_bind(false)
                .push_bind(c.expires_at)
                .push_bind(c.used.as_ref().map(|(_, at)| *at))
                .push_bind(c.used.as_ref().map(|(order, _)| order.clone()))
                .push_bind(d.sent_at);
        });
        on!(conn, |db| query.execute(db, true).await)?;
    }
    for chunk in history.events.chunks(ROWS) {
        let mut query: Sql = Sql::new(
            "insert into delivery_events (delivery_event_id, shop_id, delivery_id, kind, occurred_at,
                 probable_scanner) ",
        );
        query.push_values(chunk, |mut row, e| {
            row.push_bind(e.event_id.clone())
                .push_bind(shop_id.to_owned())
                .push_bind(history.deliveries[e.delivery].delivery_id.clone())
                .push_bind(e.kind)
                .push_bind(e.at)
                .push_bind(e.scanner);
        });
        on!(conn, |db| query.execute(db, true).await)?;
    }
    let unsubscribed: Vec<&HistoryEvent> = history
        .events
        .iter()
        .filter(|e| e.kind == "unsubscribe")
        .collect();
    let emails: std::collections::HashMap<&str, String> = batch
        .customers
        .iter()
        .map(|c| {
            (
                c.customer_id.as_str(),
                c.customer.email.as_str().to_ascii_lowercase(),
            )
        })
        .collect();
    for chunk in unsubscribed.chunks(ROWS) {
        let mut query: Sql =
            Sql::new("insert into suppressions (shop_id, email, reason, delivery_id, created_at) ");
        query.push_values(chunk, |mut row, e| {
            let delivery = &history.deliveries[e.delivery];
            let email = batch.carts[delivery.cart]
                .customer_id
                .as_deref()
                .and_then(|id| emails.get(id).cloned())
                .unwrap_or_default();
            row.push_bind(shop_id.to_owned())
                .push_bind(email)
                .push("'unsubscribe_page'")
                .push_bind(delivery.delivery_id.clone())
                .push_bind(e.at);
        });
        query.push(" on conflict (shop_id, email) do nothing");
        on!(conn, |db| query.execute(db, true).await)?;
    }
    Ok(())
}
