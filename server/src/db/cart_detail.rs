//! Everything the cart page shows about one cart.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use super::{new_id, DbError, Pool};

#[derive(Debug, sqlx::FromRow)]
pub struct CartDetailRow {
    pub cart_id: String,
    pub external_id: String,
    pub customer_id: Option<String>,
    pub currency: String,
    pub total_tax_incl: i64,
    pub total_tax_excl: i64,
    pub shipping: i64,
    pub url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub items_fingerprint: String,
    pub sequence: i64,
    pub sequence_started_at: Option<DateTime<Utc>>,
    pub reminders_stopped_at: Option<DateTime<Utc>>,
    /// The steps of the current sequence decided so far (the step counts' triggers).
    pub steps_done: i64,
}

#[derive(Debug, sqlx::FromRow)]
pub struct CustomerRow {
    pub external_id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub language: String,
    pub country: Option<String>,
    pub groups_json: String,
    pub newsletter: bool,
    pub orders_count: i64,
    pub last_order_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub time_zone: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub sku: String,
    pub name: String,
    pub description: String,
    pub image_url: Option<String>,
    pub product_url: Option<String>,
    pub unit_price: i64,
    pub quantity: i64,
    pub stock: Option<i64>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct EventRow {
    pub event_id: String,
    pub event_type: String,
    pub occurred_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub outcome: String,
}

/// An order of the cart, or one that spent a code of its reminders.
#[derive(Debug, sqlx::FromRow)]
pub struct OrderRow {
    pub external_id: String,
    pub cart_id: Option<String>,
    pub total_tax_incl: i64,
    pub currency: String,
    pub ordered_at: DateTime<Utc>,
    pub status: String,
    /// The codes of the cart's reminders it spent.
    pub spent_codes_json: String,
}

/// A click on one of the cart's reminders.
#[derive(Debug, sqlx::FromRow)]
pub struct ClickRow {
    pub delivery_id: String,
    pub occurred_at: DateTime<Utc>,
    pub probable_scanner: bool,
}

#[derive(Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub requested_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub email: String,
}

/// One step the engine went through for the cart.
#[derive(Debug, sqlx::FromRow)]
pub struct DeliveryRow {
    pub delivery_id: String,
    pub step_id: String,
    pub sequence: i64,
    pub abandoned_at: Option<DateTime<Utc>>,
    pub status: String,
    pub skip_reason: Option<String>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub delay_amount: i64,
    pub delay_unit: String,
    pub code: Option<String>,
    pub used_by_order: Option<String>,
    /// The first open and the first click by a person (not a mail scanner).
    pub opened_at: Option<DateTime<Utc>>,
    pub clicked_at: Option<DateTime<Utc>>,
}

pub struct CartDetailRows {
    pub deliveries: Vec<DeliveryRow>,
    pub clicks: Vec<ClickRow>,
    pub cart: CartDetailRow,
    pub customer: Option<CustomerRow>,
    pub items: Vec<ItemRow>,
    pub events: Vec<EventRow>,
    pub orders: Vec<OrderRow>,
    pub requests: Vec<RequestRow>,
    pub webhook_attempts: Vec<super::webhook_attempts::Attempt>,
}

/// The cart `cart_id` of `shop_id` with everything around it; `None` if the shop has no such cart.
#[tracing::instrument(skip_all, fields(shop_id, cart_id))]
pub async fn cart_detail(
    pool: &Pool,
    shop_id: &str,
    cart_id: &str,
) -> Result<Option<CartDetailRows>, DbError> {
    let Some(cart): Option<CartDetailRow> = on!(pool, |db| {
        sqlx::query_as(
        "select cart_id, external_id, customer_id, currency, total_tax_incl, total_tax_excl, shipping, url,
                created_at, last_activity_at, ordered_at, deleted_at, items_fingerprint, sequence,
                sequence_started_at, reminders_stopped_at, steps_done
         from carts where shop_id = $1 and cart_id = $2",
    )
    .bind(shop_id)
    .bind(cart_id)
    .fetch_optional(db).await
    })?
    else {
        return Ok(None);
    };
    let customer = match &cart.customer_id {
        Some(id) => on!(pool, |db| {
            sqlx::query_as(
            "select external_id, email, first_name, last_name, phone, language, country, groups_json, newsletter,
                    orders_count, last_order_at, created_at, time_zone
             from customers where customer_id = $1",
        )
        .bind(id)
        .fetch_optional(db).await
        })?,
        None => None,
    };
    let items = on!(pool, |db| sqlx::query_as(
        "select sku, name, description, image_url, product_url, unit_price, quantity, stock
         from cart_items where cart_id = $1 order by position",
    )
    .bind(cart_id)
    .fetch_all(db)
    .await)?;
    // The cart's chain, from its last event back to its first (see migration 15).
    let events = on!(pool, |db| sqlx::query_as(
        "with recursive chain (event_seq) as (
             select last_event_seq from carts where cart_id = $1 and last_event_seq is not null
             union all
             select e.previous_seq from cart_events e join chain c on e.event_seq = c.event_seq
             where e.previous_seq is not null
         )
         select e.event_id, e.event_type, e.occurred_at, e.received_at, e.outcome
         from chain c join cart_events e on e.event_seq = c.event_seq
         order by e.occurred_at, e.received_at, e.event_seq",
    )
    .bind(cart_id)
    .fetch_all(db)
    .await)?;
    let orders = on!(pool, |db, dialect| sqlx::query_as(dialect.pick(
        "select o.external_id, o.cart_id, o.total_tax_incl, o.currency, o.ordered_at, o.status,
                (select json_group_array(c.code) from coupons c
                 join deliveries d on d.delivery_id = c.delivery_id
                 where d.cart_id = $2 and c.used_by_order = o.external_id) as spent_codes_json
         from orders o
         where o.shop_id = $1 and (o.cart_id = $2 or o.cart_external_id = $3
               or o.external_id in (select c.used_by_order from coupons c
                                    join deliveries d on d.delivery_id = c.delivery_id
                                    where d.cart_id = $2 and c.used_by_order is not null))
         order by o.ordered_at",
        "select o.external_id, o.cart_id, o.total_tax_incl, o.currency, o.ordered_at, o.status,
                (select coalesce(cast(json_agg(c.code) as text), '[]') from coupons c
                 join deliveries d on d.delivery_id = c.delivery_id
                 where d.cart_id = $2 and c.used_by_order = o.external_id) as spent_codes_json
         from orders o
         where o.shop_id = $1 and (o.cart_id = $2 or o.cart_external_id = $3
               or o.external_id in (select c.used_by_order from coupons c
                                    join deliveries d on d.delivery_id = c.delivery_id
                                    where d.cart_id = $2 and c.used_by_order is not null))
         order by o.ordered_at",
    ))
    .bind(shop_id)
    .bind(cart_id)
    .bind(&cart.external_id)
    .fetch_all(db)
    .await)?;
    let requests = on!(pool, |db| sqlx::query_as(
        "select r.requested_at, r.handled_at, u.email from reminder_requests r
         join admin_users u on u.user_id = r.requested_by
         where r.cart_id = $1 order by r.requested_at",
    )
    .bind(cart_id)
    .fetch_all(db)
    .await)?;
    let deliveries = on!(pool, |db| {
        sqlx::query_as(
        "select d.delivery_id, d.step_id, d.sequence, d.abandoned_at, d.status, d.skip_reason,
                d.last_error, d.sent_at, d.updated_at,
                coalesce(s.delay_amount, 0) as delay_amount,
                coalesce(s.delay_unit, 'hours') as delay_unit, cp.code,
                cp.used_by_order,
                (select min(e.occurred_at) from delivery_events e where e.delivery_id = d.delivery_id
                    and e.kind = 'open' and not e.probable_scanner) as opened_at,
                (select min(e.occurred_at) from delivery_events e where e.delivery_id = d.delivery_id
                    and e.kind = 'click' and not e.probable_scanner) as clicked_at
         from deliveries d left join reminder_steps s on s.step_id = d.step_id
         left join coupons cp on cp.delivery_id = d.delivery_id
         where d.cart_id = $1 order by d.due_at",
    )
    .bind(cart_id)
    .fetch_all(db).await
    })?;
    let clicks = on!(pool, |db| sqlx::query_as(
        "select e.delivery_id, e.occurred_at, e.probable_scanner from delivery_events e
         join deliveries d on d.delivery_id = e.delivery_id
         where d.cart_id = $1 and e.kind = 'click'",
    )
    .bind(cart_id)
    .fetch_all(db)
    .await)?;
    let webhook_attempts = super::webhook_attempts::of_cart(pool, shop_id, cart_id).await?;
    Ok(Some(CartDetailRows {
        webhook_attempts,
        deliveries,
        clicks,
        cart,
        customer,
        items,
        events,
        orders,
        requests,
    }))
}

/// Queues "send the next reminder now" unless one is already waiting; `false` if one was.
pub async fn queue_reminder_request(
    pool: &Pool,
    shop_id: &str,
    cart_id: &str,
    user_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let result = on!(pool, |db| {
        sqlx::query(
        "insert into reminder_requests (request_id, shop_id, cart_id, requested_by, requested_at)
         select $1, $2, $3, $4, $5
         where not exists (select 1 from reminder_requests where cart_id = $3 and handled_at is null)",
    )
    .bind(new_id())
    .bind(shop_id)
    .bind(cart_id)
    .bind(user_id)
    .bind(now)
    .execute(db).await.map(Done::from)
    })?;
    Ok(result.rows_affected() == 1)
}
