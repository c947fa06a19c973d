//! Applies valid events in one transaction, each as the domain's lifecycle rules decide.

use chrono::{DateTime, Utc};
use domain::lifecycle::{
    decide_deletion, decide_order, decide_update, items_fingerprint, Decision,
};

use super::validate::{EventBody, IncomingCustomer, ValidEvent};
use crate::db::{
    ingest::{self as store, ApiKeyOwner, CartState, EventRecord, OrderRecord},
    new_id, DbError, Pool,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IngestSummary {
    pub accepted: usize,
    pub duplicates: usize,
}

async fn save_customer(
    conn: &mut sqlx::SqliteConnection,
    shop_id: &str,
    customer: Option<&IncomingCustomer>,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    match customer {
        Some(c) => Ok(Some(
            store::upsert_customer(conn, shop_id, &c.customer, c.phone.as_deref(), now).await?,
        )),
        None => Ok(None),
    }
}

/// Stores `events` for the key's shop: all of them or, on any error, none.
#[tracing::instrument(skip_all, fields(events = events.len()))]
pub async fn ingest(
    pool: &Pool,
    owner: &ApiKeyOwner,
    events: &[ValidEvent],
    now: DateTime<Utc>,
) -> Result<IngestSummary, DbError> {
    let shop_id = owner.shop_id.as_str();
    let mut summary = IngestSummary::default();
    let mut tx = pool.begin().await?;
    for event in events {
        let stored = store::stored_cart(&mut tx, shop_id, &event.cart_id).await?;
        let stored_state = stored.as_ref().map(|(_, _, state)| state);
        let fingerprint = match &event.body {
            EventBody::Updated { cart, .. } => items_fingerprint(&cart.items),
            _ => String::new(),
        };
        let decision = match &event.body {
            EventBody::Updated { .. } => {
                decide_update(stored_state, event.occurred_at, &fingerprint)
            }
            EventBody::Deleted => decide_deletion(stored_state, event.occurred_at),
            EventBody::Ordered { .. } => decide_order(stored_state),
        };
        let record = EventRecord {
            api_key_id: &owner.api_key_id,
            event_id: &event.id,
            shop_id,
            event_type: event.kind.as_str(),
            cart_external_id: &event.cart_id,
            occurred_at: event.occurred_at,
            outcome: decision.as_str(),
        };
        if !store::insert_event(&mut tx, &record, now).await? {
            summary.duplicates += 1;
            continue;
        }
        summary.accepted += 1;

        let cart_id = stored.as_ref().map(|(id, _, _)| id.as_str());
        match (&event.body, decision) {
            (EventBody::Updated { cart, customer }, Decision::Create | Decision::Apply { .. }) => {
                let customer_id = save_customer(&mut tx, shop_id, customer.as_ref(), now).await?;
                let state = CartState {
                    cart,
                    customer_id: customer_id.as_deref(),
                    occurred_at: event.occurred_at,
                    fingerprint: &fingerprint,
                };
                let cart_id = match (cart_id, decision) {
                    (Some(id), Decision::Apply { restart }) => {
                        store::update_cart(&mut tx, id, &state, restart).await?;
                        id.to_owned()
                    }
                    _ => {
                        let id = new_id();
                        store::insert_cart(&mut tx, shop_id, &id, &state).await?;
                        id
                    }
                };
                store::replace_items(&mut tx, shop_id, &cart_id, cart, now).await?;
            }
            (EventBody::Deleted, Decision::Apply { .. }) => {
                if let Some(id) = cart_id {
                    store::mark_deleted(&mut tx, id, event.occurred_at).await?;
                }
            }
            (EventBody::Ordered { order, customer }, decision) => {
                let customer_id = save_customer(&mut tx, shop_id, customer.as_ref(), now).await?;
                store::insert_order(
                    &mut tx,
                    &OrderRecord {
                        shop_id,
                        external_id: &order.id,
                        cart_id,
                        cart_external_id: &event.cart_id,
                        currency: order.total.currency().code(),
                        total_tax_incl: order.total.amount(),
                        coupon_codes: &order.coupon_codes,
                        ordered_at: event.occurred_at,
                    },
                    now,
                )
                .await?;
                if let (Some(id), Decision::Apply { .. }) = (cart_id, decision) {
                    store::mark_ordered(&mut tx, id, customer_id.as_deref(), event.occurred_at)
                        .await?;
                }
            }
            // Stale, after the order, or about an unknown cart: recorded, nothing else changes.
            _ => {}
        }
    }
    store::touch_api_key(&mut tx, &owner.api_key_id, now).await?;
    tx.commit().await?;
    Ok(summary)
}
