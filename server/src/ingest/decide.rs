//! The middle step of a group, without I/O: its events applied one by one in arrival order to
//! the carts as read, so two events about one cart in the same group see each other.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use domain::lifecycle::{
    decide_deletion, decide_order, decide_order_update, decide_update, items_fingerprint, Decision,
};

use super::slot::{CartKey, Slot};
use crate::api::events::validate::{EventBody, IncomingCustomer, ValidEvent};
use crate::db::{
    api_keys::ApiKeyOwner,
    ingest::{EventRow, OrderRow, OrderStatusRow},
    new_id,
};

/// One request's events, with the key that sent them.
pub type Batch<'e> = (&'e ApiKeyOwner, &'e [ValidEvent]);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IngestSummary {
    pub accepted: usize,
    pub duplicates: usize,
}

/// What the group finds before its first event is applied.
#[derive(Debug, Default)]
pub struct GroupState<'e> {
    /// (API key, event id) of the events already stored: sent again, they count as duplicates.
    pub known: HashSet<(String, String)>,
    /// The stored carts the group's events name.
    pub slots: HashMap<CartKey, Slot<'e>>,
    /// The last event of each cart the shop does not have yet (an order or a deletion that came
    /// first), so the chain of a cart the group creates starts there.
    pub unknown_heads: HashMap<CartKey, i64>,
    /// The number the group's first event takes.
    pub next_seq: i64,
}

/// What the group writes: each event's row, the orders, the customers named, the carts as the
/// group leaves them, and each request's answer.
#[derive(Debug)]
pub struct Applied<'e> {
    pub summaries: Vec<IngestSummary>,
    pub event_rows: Vec<EventRow>,
    pub order_rows: Vec<OrderRow>,
    pub status_rows: Vec<OrderStatusRow>,
    pub customers: HashMap<CartKey, &'e IncomingCustomer>,
    pub slots: HashMap<CartKey, Slot<'e>>,
    /// The number the next group's first event takes.
    pub next_seq: i64,
}

/// Applies every event of the group, in order, to `state`.
pub fn apply_events<'e>(batches: &[Batch<'e>], state: GroupState<'e>) -> Applied<'e> {
    let GroupState {
        mut known,
        slots,
        mut unknown_heads,
        next_seq,
    } = state;
    let mut applied = Applied {
        summaries: Vec::with_capacity(batches.len()),
        event_rows: Vec::new(),
        order_rows: Vec::new(),
        status_rows: Vec::new(),
        customers: HashMap::new(),
        slots,
        next_seq,
    };
    for (owner, events) in batches {
        let mut summary = IngestSummary::default();
        for event in *events {
            if !known.insert((owner.api_key_id.clone(), event.id.clone())) {
                summary.duplicates += 1;
                continue;
            }
            summary.accepted += 1;
            apply_event(&mut applied, &mut unknown_heads, owner, event);
        }
        applied.summaries.push(summary);
    }
    applied
}

/// Records one new event and applies it to its cart.
fn apply_event<'e>(
    applied: &mut Applied<'e>,
    unknown_heads: &mut HashMap<CartKey, i64>,
    owner: &ApiKeyOwner,
    event: &'e ValidEvent,
) {
    let shop_id = owner.shop_id.as_str();
    let key = (shop_id.to_owned(), event.cart_id.clone());
    let seq = applied.next_seq;
    applied.next_seq += 1;
    let stored = applied.slots.get(&key);
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
        EventBody::OrderStatus { .. } => decide_order_update(state),
    };
    applied.event_rows.push(EventRow {
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
    let slots = &mut applied.slots;
    match (&event.body, decision) {
        (EventBody::Updated { cart, customer }, Decision::Create | Decision::Apply { .. }) => {
            let customer = remember_customer(&mut applied.customers, shop_id, customer.as_ref());
            let slot = slots
                .entry(key)
                .or_insert_with(|| Slot::new_cart(event.occurred_at));
            slot.last_event_seq = Some(seq);
            match decision {
                Decision::Apply { restart: Some(_) } => slot.restart(event.occurred_at),
                Decision::Create => slot.sequence_started_at = Some(event.occurred_at),
                _ => {}
            }
            update_cart(slot, event.occurred_at, fingerprint, cart);
            if customer.is_some() {
                slot.customer = customer;
            }
        }
        (EventBody::Deleted, Decision::Apply { .. }) => {
            if let Some(slot) = slots.get_mut(&key) {
                slot.deleted_at = Some(event.occurred_at);
                slot.marked = true;
            }
            chain_event(slots, unknown_heads, key, seq);
        }
        (EventBody::Ordered { order, customer }, decision) => {
            let event_customer = customer.as_ref();
            let customer = remember_customer(&mut applied.customers, shop_id, event_customer);
            let slot = slots.get_mut(&key);
            applied.order_rows.push(OrderRow {
                order_id: new_id(),
                shop_id: shop_id.to_owned(),
                external_id: order.id.clone(),
                cart_id: slot.as_ref().map(|s| s.cart_id.clone()),
                cart_external_id: event.cart_id.clone(),
                currency: order.total.currency().code().to_owned(),
                total_tax_incl: order.total.amount(),
                coupon_codes: order.coupon_codes.clone(),
                ordered_at: event.occurred_at,
                status: order.status,
                customer_id: event_customer.map(|c| c.customer.id.clone()),
                email: event_customer.map(|c| c.customer.email.as_str().to_owned()),
            });
            if let (Some(slot), Decision::Apply { .. }) = (slot, decision) {
                slot.state.ordered_at = Some(event.occurred_at);
                slot.marked = true;
                if customer.is_some() {
                    slot.customer = customer;
                }
            }
            chain_event(slots, unknown_heads, key, seq);
        }
        (EventBody::OrderStatus { order_id, status }, _) => {
            applied.status_rows.push(OrderStatusRow {
                shop_id: shop_id.to_owned(),
                external_id: order_id.clone(),
                status: *status,
                at: event.occurred_at,
            });
            chain_event(slots, unknown_heads, key, seq);
        }
        // Stale, after the order, or about an unknown cart: recorded, nothing else changes.
        _ => chain_event(slots, unknown_heads, key, seq),
    }
}

/// A `cart_updated` applied: the cart takes its new state.
fn update_cart<'e>(
    slot: &mut Slot<'e>,
    at: DateTime<Utc>,
    fingerprint: String,
    cart: &'e domain::Cart,
) {
    slot.sequence_started_at.get_or_insert(at);
    slot.created_at.get_or_insert(at);
    slot.state.last_activity_at = at;
    slot.state.items_fingerprint = fingerprint;
    slot.deleted_at = None;
    slot.data = Some(cart);
}

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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde_json::json;

    use super::*;
    use crate::api::events::parse_events;
    use crate::db::ingest::StoredCartRow;

    fn owner() -> ApiKeyOwner {
        ApiKeyOwner {
            api_key_id: "key".into(),
            shop_id: "shop".into(),
            currency: "EUR".into(),
        }
    }

    fn updated(id: &str, cart: &str, at: &str, quantity: u32) -> serde_json::Value {
        json!({"id": id, "type": "cart_updated", "occurred_at": at,
            "cart": {"id": cart, "currency": "EUR", "total_tax_incl": "20.00",
                     "total_tax_excl": "16.67", "shipping": "0",
                     "items": [{"sku": "tee", "name": "T-shirt", "unit_price": "20.00",
                                "quantity": quantity}]},
            "customer": {"id": "cu-1", "email": "ana@example.com", "language": "fr"}})
    }

    fn ordered(id: &str, cart: &str, at: &str) -> serde_json::Value {
        json!({"id": id, "type": "order_completed", "occurred_at": at, "cart": {"id": cart},
            "order": {"id": format!("o-{id}"), "total_tax_incl": "20.00"}})
    }

    fn events(events: &[serde_json::Value]) -> Vec<ValidEvent> {
        let body = json!({ "events": events }).to_string();
        parse_events(body.as_bytes(), domain::Currency::EUR).unwrap()
    }

    fn key(cart: &str) -> CartKey {
        ("shop".to_owned(), cart.to_owned())
    }

    fn stored_cart(cart: &str, last_activity: &str) -> Slot<'static> {
        let at = DateTime::parse_from_rfc3339(last_activity)
            .unwrap()
            .to_utc();
        Slot::stored(StoredCartRow {
            cart_id: format!("id-{cart}"),
            external_id: cart.into(),
            created_at: at,
            last_activity_at: at,
            ordered_at: None,
            deleted_at: None,
            items_fingerprint: String::new(),
            sequence_started_at: Some(at),
            sequence: 1,
            steps_done: 0,
            items_digest: String::new(),
            last_event_seq: Some(7),
        })
    }

    /// A cart of one T-shirt reminded once, last active at `last_activity`.
    fn reminded_cart(cart: &str, last_activity: &str) -> Slot<'static> {
        let mut slot = stored_cart(cart, last_activity);
        slot.state.items_fingerprint = "tee:1".into();
        slot.state.sequence_begun = true;
        slot.steps_done = 1;
        slot
    }

    #[test]
    fn two_events_about_one_new_cart_in_a_group_see_each_other() {
        let owner = owner();
        let events = events(&[
            updated("e1", "web-1", "2026-11-23T10:00:00Z", 1),
            ordered("e2", "web-1", "2026-11-23T10:20:00Z"),
        ]);
        let state = GroupState {
            next_seq: 100,
            ..GroupState::default()
        };

        let applied = apply_events(&[(&owner, events.as_slice())], state);

        assert_eq!(applied.summaries[0].accepted, 2);
        let outcomes: Vec<_> = applied.event_rows.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, ["created", "applied"]);
        assert_eq!(applied.event_rows[1].previous_seq, Some(100));
        let slot = &applied.slots[&key("web-1")];
        assert_eq!(applied.order_rows[0].cart_id.as_ref(), Some(&slot.cart_id));
        assert!(slot.state.ordered_at.is_some());
        assert_eq!(slot.last_event_seq, Some(101));
        assert_eq!(applied.next_seq, 102);
        assert!(applied.customers.contains_key(&key("cu-1")));
    }

    #[test]
    fn an_event_sent_again_counts_as_a_duplicate_and_is_not_recorded_twice() {
        let owner = owner();
        let events = events(&[
            updated("e1", "web-1", "2026-11-23T10:00:00Z", 1),
            updated("e2", "web-1", "2026-11-23T10:05:00Z", 2),
            updated("e2", "web-1", "2026-11-23T10:05:00Z", 2),
        ]);
        let mut state = GroupState::default();
        state.known.insert(("key".into(), "e1".into()));

        let applied = apply_events(&[(&owner, events.as_slice())], state);

        assert_eq!(
            applied.summaries[0],
            IngestSummary {
                accepted: 1,
                duplicates: 2
            }
        );
        assert_eq!(applied.event_rows.len(), 1);
        assert_eq!(applied.event_rows[0].event_id, "e2");
    }

    #[test]
    fn a_late_update_is_recorded_as_stale_and_changes_nothing_but_the_chain() {
        let owner = owner();
        let events = events(&[updated("e1", "web-1", "2026-11-23T09:00:00Z", 3)]);
        let mut state = GroupState {
            next_seq: 8,
            ..GroupState::default()
        };
        state
            .slots
            .insert(key("web-1"), stored_cart("web-1", "2026-11-23T10:00:00Z"));

        let applied = apply_events(&[(&owner, events.as_slice())], state);

        let row = &applied.event_rows[0];
        assert_eq!((row.outcome, row.previous_seq), ("stale", Some(7)));
        let slot = &applied.slots[&key("web-1")];
        assert!(slot.data.is_none());
        assert_eq!(
            slot.state.last_activity_at,
            Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
        );
        assert_eq!(slot.last_event_seq, Some(8));
    }

    #[test]
    fn an_order_before_its_cart_starts_the_chain_the_cart_created_later_continues() {
        let owner = owner();
        let events = events(&[
            ordered("e1", "web-9", "2026-11-23T10:00:00Z"),
            updated("e2", "web-9", "2026-11-23T10:01:00Z", 1),
        ]);
        let mut state = GroupState {
            next_seq: 50,
            ..GroupState::default()
        };
        state.unknown_heads.insert(key("web-9"), 40);

        let applied = apply_events(&[(&owner, events.as_slice())], state);

        let rows: Vec<_> = applied
            .event_rows
            .iter()
            .map(|r| (r.outcome, r.previous_seq))
            .collect();
        assert_eq!(rows, [("unknown_cart", Some(40)), ("created", Some(50))]);
        assert_eq!(applied.order_rows[0].cart_id, None);
        assert_eq!(applied.slots[&key("web-9")].last_event_seq, Some(51));
    }

    #[test]
    fn more_items_after_a_reminder_start_the_next_sequence_from_the_new_activity() {
        let owner = owner();
        let events = events(&[updated("e1", "web-1", "2026-11-23T12:00:00Z", 5)]);
        let mut state = GroupState::default();
        state
            .slots
            .insert(key("web-1"), reminded_cart("web-1", "2026-11-23T10:00:00Z"));

        let applied = apply_events(&[(&owner, events.as_slice())], state);

        assert_eq!(applied.event_rows[0].outcome, "restarted_quantity_up");
        let slot = &applied.slots[&key("web-1")];
        assert_eq!((slot.sequence, slot.steps_done), (2, 0));
        assert_eq!(
            slot.sequence_started_at,
            Some(Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap())
        );
    }
}
