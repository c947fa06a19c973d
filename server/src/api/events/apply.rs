//! Applies a group of requests' events in one transaction: the lifecycle decisions are made in
//! memory, event by event in arrival order (so two events about one cart in the same group see
//! each other), then everything is written with a few multi-row statements.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use domain::{
    lifecycle::{
        decide_deletion, decide_order, decide_update, items_fingerprint, Decision, StoredCart,
    },
    Cart,
};
use sqlx::{Connection, SqliteConnection};

use super::validate::{EventBody, IncomingCustomer, ValidEvent};
use crate::db::{
    api_keys::ApiKeyOwner,
    ingest::{
        self as store, CartWrite, CustomerRow, EventRow, OrderRow, Statements, StoredCartRow,
    },
    ingest_memory::WriterMemory,
    new_id, DbError,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IngestSummary {
    pub accepted: usize,
    pub duplicates: usize,
}

/// A cart known before or during the group, and what the group changes on it.
struct Slot<'e> {
    cart_id: String,
    state: StoredCart,
    created_at: Option<DateTime<Utc>>,
    sequence_started_at: Option<DateTime<Utc>>,
    deleted_at: Option<DateTime<Utc>>,
    /// The digest of the lines stored before the group ("" for a new cart).
    stored_items_digest: String,
    /// The cart's last event, before the group and as the group leaves it.
    stored_last_event_seq: Option<i64>,
    last_event_seq: Option<i64>,
    /// The newest full state from a `cart_updated`, if any.
    data: Option<&'e Cart>,
    /// The customer (shop, external id) an event of the group linked to the cart.
    customer: Option<(String, String)>,
    /// Ordered or deleted by the group.
    marked: bool,
}

impl Slot<'_> {
    /// The cart as the group leaves it in the database: rewritten whole when the group has its
    /// new state, otherwise as stored apart from the marks (ordered, deleted).
    fn as_stored(&self, external_id: &str) -> Result<StoredCartRow, DbError> {
        let created_at = self.created_at.unwrap_or(self.state.last_activity_at);
        let (sequence_started_at, items_digest) = match self.data {
            Some(cart) => (
                Some(self.sequence_started_at.unwrap_or(created_at)),
                store::items_digest(&cart.items)?,
            ),
            None => (self.sequence_started_at, self.stored_items_digest.clone()),
        };
        Ok(StoredCartRow {
            cart_id: self.cart_id.clone(),
            external_id: external_id.to_owned(),
            created_at,
            last_activity_at: self.state.last_activity_at,
            ordered_at: self.state.ordered_at,
            deleted_at: self.deleted_at,
            items_fingerprint: self.state.items_fingerprint.clone(),
            sequence_started_at,
            items_digest,
            last_event_seq: self.last_event_seq,
        })
    }
}

type CartKey = (String, String);

fn remember_customer<'e>(
    customers: &mut HashMap<CartKey, &'e IncomingCustomer>,
    shop_id: &str,
    customer: Option<&'e IncomingCustomer>,
) -> Option<CartKey> {
    let customer = customer?;
    let key = (shop_id.to_owned(), customer.customer.id.clone());
    customers.insert(key.clone(), customer);
    Some(key)
}

#[tracing::instrument(skip_all, fields(requests = batches.len()))]
pub async fn apply_group(
    conn: &mut SqliteConnection,
    memory: &mut WriterMemory,
    batches: &[(&ApiKeyOwner, &[ValidEvent])],
    now: DateTime<Utc>,
) -> Result<Vec<IngestSummary>, DbError> {
    // IMMEDIATE takes SQLite's write lock up front: a deferred transaction that reads first and
    // writes later fails at once with SQLITE_BUSY when another connection wrote in between.
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    memory.check(&mut tx).await?;
    let mut next_seq = memory.next_event_seq(&mut tx).await?;

    let mut known: HashSet<(String, String)> = HashSet::new();
    let mut ids_by_key: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut carts_by_shop: HashMap<&str, Vec<&str>> = HashMap::new();
    for (owner, events) in batches {
        for event in *events {
            ids_by_key
                .entry(&owner.api_key_id)
                .or_default()
                .push(&event.id);
            carts_by_shop
                .entry(&owner.shop_id)
                .or_default()
                .push(&event.cart_id);
        }
    }
    // Each cart once: a cart named again would be read again from the database, since the
    // writer's memory hands out a cart only once per group.
    for cart_ids in carts_by_shop.values_mut() {
        cart_ids.sort_unstable();
        cart_ids.dedup();
    }
    for (key, ids) in &ids_by_key {
        for id in store::known_event_ids(&mut tx, key, ids).await? {
            known.insert((key.to_string(), id));
        }
    }
    let mut slots: HashMap<CartKey, Slot> = HashMap::new();
    // The last event of each cart the shop does not have yet (an order or a deletion that came
    // first), so the chain of a cart the group creates starts there.
    let mut unknown_heads: HashMap<CartKey, i64> = HashMap::new();
    for (shop_id, cart_ids) in &carts_by_shop {
        let stored = store::stored_carts(&mut tx, memory, shop_id, cart_ids).await?;
        let found: HashSet<&str> = stored.iter().map(|r| r.external_id.as_str()).collect();
        let missing: Vec<&str> = cart_ids
            .iter()
            .copied()
            .filter(|id| !found.contains(id))
            .collect();
        if !missing.is_empty() {
            for (cart_id, seq) in store::unknown_cart_heads(&mut tx, shop_id, &missing).await? {
                unknown_heads.insert((shop_id.to_string(), cart_id), seq);
            }
        }
        for row in stored {
            slots.insert(
                (shop_id.to_string(), row.external_id.clone()),
                Slot {
                    cart_id: row.cart_id,
                    state: StoredCart {
                        last_activity_at: row.last_activity_at,
                        ordered_at: row.ordered_at,
                        items_fingerprint: row.items_fingerprint,
                    },
                    created_at: Some(row.created_at),
                    sequence_started_at: row.sequence_started_at,
                    deleted_at: row.deleted_at,
                    stored_items_digest: row.items_digest,
                    stored_last_event_seq: row.last_event_seq,
                    last_event_seq: row.last_event_seq,
                    data: None,
                    customer: None,
                    marked: false,
                },
            );
        }
    }

    let mut summaries = Vec::with_capacity(batches.len());
    let mut event_rows = Vec::new();
    let mut order_rows: Vec<OrderRow> = Vec::new();
    let mut customers: HashMap<CartKey, &IncomingCustomer> = HashMap::new();
    for (owner, events) in batches {
        let mut summary = IngestSummary::default();
        let shop_id = owner.shop_id.as_str();
        for event in *events {
            if !known.insert((owner.api_key_id.clone(), event.id.clone())) {
                summary.duplicates += 1;
                continue;
            }
            summary.accepted += 1;
            let key = (shop_id.to_owned(), event.cart_id.clone());
            let seq = next_seq;
            next_seq += 1;
            let stored = slots.get(&key);
            let previous_seq = match stored {
                Some(slot) => slot.last_event_seq,
                None => unknown_heads.get(&key).copied(),
            };
            let state = stored.map(|slot| &slot.state);
            let fingerprint = match &event.body {
                EventBody::Updated { cart, .. } => items_fingerprint(&cart.items),
                _ => String::new(),
            };
            let decision = match &event.body {
                EventBody::Updated { .. } => decide_update(state, event.occurred_at, &fingerprint),
                EventBody::Deleted => decide_deletion(state, event.occurred_at),
                EventBody::Ordered { .. } => decide_order(state),
            };
            event_rows.push(EventRow {
                seq,
                previous_seq,
                api_key_id: owner.api_key_id.clone(),
                event_id: event.id.clone(),
                shop_id: shop_id.to_owned(),
                event_type: event.kind.as_str(),
                cart_external_id: event.cart_id.clone(),
                occurred_at: event.occurred_at,
                outcome: decision.as_str(),
            });
            match (&event.body, decision) {
                (
                    EventBody::Updated { cart, customer },
                    Decision::Create | Decision::Apply { .. },
                ) => {
                    let customer = remember_customer(&mut customers, shop_id, customer.as_ref());
                    let slot = slots.entry(key).or_insert_with(|| Slot {
                        cart_id: new_id(),
                        state: StoredCart {
                            last_activity_at: event.occurred_at,
                            ordered_at: None,
                            items_fingerprint: String::new(),
                        },
                        created_at: None,
                        sequence_started_at: None,
                        deleted_at: None,
                        stored_items_digest: String::new(),
                        stored_last_event_seq: None,
                        last_event_seq: None,
                        data: None,
                        customer: None,
                        marked: false,
                    });
                    slot.last_event_seq = Some(seq);
                    let restart = matches!(
                        decision,
                        Decision::Create | Decision::Apply { restart: true }
                    );
                    if restart || slot.sequence_started_at.is_none() {
                        slot.sequence_started_at = Some(event.occurred_at);
                    }
                    slot.created_at.get_or_insert(event.occurred_at);
                    slot.state.last_activity_at = event.occurred_at;
                    slot.state.items_fingerprint = fingerprint;
                    slot.deleted_at = None;
                    slot.data = Some(cart);
                    if customer.is_some() {
                        slot.customer = customer;
                    }
                }
                (EventBody::Deleted, Decision::Apply { .. }) => {
                    if let Some(slot) = slots.get_mut(&key) {
                        slot.deleted_at = Some(event.occurred_at);
                        slot.marked = true;
                    }
                    chain_event(&mut slots, &mut unknown_heads, key, seq);
                }
                (EventBody::Ordered { order, customer }, decision) => {
                    let customer = remember_customer(&mut customers, shop_id, customer.as_ref());
                    let slot = slots.get_mut(&key);
                    order_rows.push(OrderRow {
                        order_id: new_id(),
                        shop_id: shop_id.to_owned(),
                        external_id: order.id.clone(),
                        cart_id: slot.as_ref().map(|s| s.cart_id.clone()),
                        cart_external_id: event.cart_id.clone(),
                        currency: order.total.currency().code().to_owned(),
                        total_tax_incl: order.total.amount(),
                        coupon_codes: order.coupon_codes.clone(),
                        ordered_at: event.occurred_at,
                    });
                    if let (Some(slot), Decision::Apply { .. }) = (slot, decision) {
                        slot.state.ordered_at = Some(event.occurred_at);
                        slot.marked = true;
                        if customer.is_some() {
                            slot.customer = customer;
                        }
                    }
                    chain_event(&mut slots, &mut unknown_heads, key, seq);
                }
                // Stale, after the order, or about an unknown cart: recorded, nothing else changes.
                _ => chain_event(&mut slots, &mut unknown_heads, key, seq),
            }
        }
        summaries.push(summary);
    }

    let customer_rows: Vec<CustomerRow> = customers
        .iter()
        .map(|((shop_id, _), incoming)| CustomerRow {
            customer_id: None,
            shop_id,
            customer: &incoming.customer,
            phone: incoming.phone.as_deref(),
        })
        .collect();
    let customer_ids: HashMap<CartKey, String> =
        store::upsert_customers(&mut tx, memory, &customer_rows, now)
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
    store::insert_events(&mut events, &event_rows, now);
    let (events_written, carts) = tokio::join!(events.execute(&mut tx), async {
        cart_writes(&slots, customer_id, now)
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
    statements.execute(&mut tx).await?;
    for (shop_id, row) in stored {
        memory.will_store_cart(shop_id, row);
    }
    memory.will_continue_at(next_seq);
    store::insert_orders(&mut tx, &order_rows, now).await?;
    tx.commit().await?;
    memory.committed();
    Ok(summaries)
}

/// Makes event `seq` the last of its cart's chain: the cart's, or, for a cart the shop does not
/// have, the chain a cart created later starts from.
fn chain_event(
    slots: &mut HashMap<CartKey, Slot>,
    unknown_heads: &mut HashMap<CartKey, i64>,
    key: CartKey,
    seq: i64,
) {
    match slots.get_mut(&key) {
        Some(slot) => slot.last_event_seq = Some(seq),
        None => {
            unknown_heads.insert(key, seq);
        }
    }
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
