//! The first step of a group: what its events are about, as stored (or remembered).

use crate::db::Conn;
use std::collections::{HashMap, HashSet};

use super::decide::{Batch, GroupState};
use super::slot::Slot;
use crate::db::{
    ingest::{self as store, WriterMemory},
    DbError,
};

/// Reads the group's state inside its transaction, taking what the writer's memory holds.
pub async fn read_state<'e>(
    conn: &mut Conn<'_>,
    memory: &mut WriterMemory,
    batches: &[Batch<'_>],
) -> Result<GroupState<'e>, DbError> {
    store::check_memory(conn, memory).await?;
    let mut state = GroupState {
        next_seq: store::next_event_seq(conn, memory).await?,
        ..GroupState::default()
    };
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
    for (key, ids) in &ids_by_key {
        for id in store::known_event_ids(conn, key, ids).await? {
            state.known.insert((key.to_string(), id));
        }
    }
    for (shop_id, cart_ids) in &mut carts_by_shop {
        // Each cart once: a cart named again would be read again from the database, since
        // the writer's memory hands out a cart only once per group.
        cart_ids.sort_unstable();
        cart_ids.dedup();
        let stored = store::stored_carts(conn, memory, shop_id, cart_ids).await?;
        let found: HashSet<&str> = stored.iter().map(|r| r.external_id.as_str()).collect();
        let missing: Vec<&str> = cart_ids
            .iter()
            .copied()
            .filter(|id| !found.contains(id))
            .collect();
        if !missing.is_empty() {
            for (cart_id, seq) in store::unknown_cart_heads(conn, shop_id, &missing).await? {
                state
                    .unknown_heads
                    .insert((shop_id.to_string(), cart_id), seq);
            }
        }
        for row in stored {
            let key = (shop_id.to_string(), row.external_id.clone());
            state.slots.insert(key, Slot::stored(row));
        }
    }
    Ok(state)
}
