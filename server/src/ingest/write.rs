//! The last step of a group: everything it decided, written in its transaction, and what the
//! writer's memory keeps once it commits.

use crate::db::Conn;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::decide::{Applied, Batch};
use super::slot::{CartKey, Slot};
use crate::db::{
    ingest::{self as store, CartWrite, CustomerRow, Statements, StoredCartRow, WriterMemory},
    DbError,
};

/// Writes the group; the caller commits, then tells the memory (`WriterMemory::committed`).
pub async fn write_group(
    conn: &mut Conn<'_>,
    memory: &mut WriterMemory,
    batches: &[Batch<'_>],
    applied: &Applied<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let customer_rows: Vec<CustomerRow> = applied
        .customers
        .iter()
        .map(|((shop_id, _), incoming)| CustomerRow {
            customer_id: None,
            shop_id,
            customer: &incoming.customer,
            phone: incoming.phone.as_deref(),
            address: incoming.address.as_deref(),
            time_zone: incoming.time_zone.as_deref(),
        })
        .collect();
    let customer_ids: HashMap<CartKey, String> =
        store::upsert_customers(conn, memory, &customer_rows, now)
            .await?
            .into_iter()
            .map(|(shop_id, external_id, id)| ((shop_id, external_id), id))
            .collect();
    let customer_id = |slot: &Slot| {
        slot.customer
            .as_ref()
            .and_then(|key| customer_ids.get(key))
            .map(String::as_str)
    };

    // The event rows take SQLite a while; the carts' writes are built meanwhile.
    let mut events = Statements::default();
    store::insert_events(&mut events, &applied.event_rows, now);
    let (events_written, carts) = tokio::join!(events.execute(&mut *conn), async {
        cart_writes(&applied.slots, customer_id, now)
    });
    events_written?;
    let CartWrites {
        mut statements,
        stored,
    } = carts?;
    let keys: Vec<&str> = batches
        .iter()
        .map(|(owner, _)| owner.api_key_id.as_str())
        .collect();
    store::touch_api_keys(&mut statements, &keys, now);
    statements.execute(&mut *conn).await?;
    for (shop_id, row) in stored {
        memory.will_store_cart(shop_id, row);
    }
    memory.will_continue_at(applied.next_seq);
    store::insert_orders(conn, &applied.order_rows, now).await?;
    super::orders::apply_statuses(conn, &applied.status_rows).await?;
    super::coupons::spend_order_codes(conn, &applied.order_rows).await
}

/// The writes that leave every cart of the group as its slot says, and each cart as stored then
/// (by shop id), for the writer's memory.
struct CartWrites<'s> {
    statements: Statements,
    stored: Vec<(&'s str, StoredCartRow)>,
}

fn cart_writes<'s>(
    slots: &'s HashMap<CartKey, Slot>,
    customer_id: impl Fn(&Slot) -> Option<&'s str>,
    now: DateTime<Utc>,
) -> Result<CartWrites<'s>, DbError> {
    let mut cart_writes = Vec::new();
    let mut item_writes = Vec::new();
    let mut statements = Statements::default();
    let mut stored_rows = Vec::with_capacity(slots.len());
    for ((shop_id, external_id), slot) in slots {
        let stored = slot.as_stored(external_id)?;
        match slot.data {
            Some(cart) => {
                if stored.items_digest != slot.stored_items_digest {
                    item_writes.push((slot.cart_id.as_str(), shop_id.as_str(), cart));
                }
                cart_writes.push(CartWrite {
                    cart_id: &slot.cart_id,
                    shop_id,
                    cart,
                    customer_id: customer_id(slot),
                    created_at: stored.created_at,
                    last_activity_at: stored.last_activity_at,
                    fingerprint: &slot.state.items_fingerprint,
                    items_digest: stored.items_digest.clone(),
                    sequence_started_at: stored.sequence_started_at.unwrap_or(stored.created_at),
                    sequence: stored.sequence,
                    ordered_at: stored.ordered_at,
                    deleted_at: stored.deleted_at,
                    last_event_seq: stored.last_event_seq,
                });
            }
            None if slot.marked => store::mark_cart(
                &mut statements,
                &slot.cart_id,
                customer_id(slot),
                slot.state.ordered_at,
                slot.deleted_at,
                slot.last_event_seq,
            ),
            None => {
                if let (Some(seq), true) = (
                    slot.last_event_seq,
                    slot.last_event_seq != slot.stored_last_event_seq,
                ) {
                    store::chain_cart(&mut statements, &slot.cart_id, seq);
                }
            }
        }
        stored_rows.push((shop_id.as_str(), stored));
    }
    store::upsert_carts(&mut statements, &cart_writes)?;
    store::replace_items(&mut statements, &item_writes, now)?;
    Ok(CartWrites {
        statements,
        stored: stored_rows,
    })
}
