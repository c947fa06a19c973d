//! A cart as a group of events finds it and leaves it.

use chrono::{DateTime, Utc};
use domain::{lifecycle::StoredCart, Cart};

use crate::db::{
    ingest::{items_digest, StoredCartRow},
    new_id, DbError,
};

/// (shop id, the cart's external id).
pub type CartKey = (String, String);

/// A cart known before or during the group, and what the group changes on it.
#[derive(Debug)]
pub struct Slot<'e> {
    pub cart_id: String,
    pub state: StoredCart,
    pub created_at: Option<DateTime<Utc>>,
    pub sequence_started_at: Option<DateTime<Utc>>,
    /// The cart's reminder sequence and the steps of it decided, as the group leaves them.
    pub sequence: i64,
    pub steps_done: i64,
    pub deleted_at: Option<DateTime<Utc>>,
    /// The digest of the lines stored before the group ("" for a new cart).
    pub stored_items_digest: String,
    /// The cart's last event, before the group and as the group leaves it.
    pub stored_last_event_seq: Option<i64>,
    pub last_event_seq: Option<i64>,
    /// The newest full state from a `cart_updated`, if any.
    pub data: Option<&'e Cart>,
    /// The customer (shop, external id) an event of the group linked to the cart.
    pub customer: Option<CartKey>,
    /// Ordered or deleted by the group.
    pub marked: bool,
}

impl Slot<'_> {
    /// A cart as stored before the group.
    pub fn stored(row: StoredCartRow) -> Self {
        Self {
            cart_id: row.cart_id,
            state: StoredCart {
                last_activity_at: row.last_activity_at,
                ordered_at: row.ordered_at,
                items_fingerprint: row.items_fingerprint,
                sequence_begun: row.steps_done > 0,
            },
            created_at: Some(row.created_at),
            sequence_started_at: row.sequence_started_at,
            sequence: row.sequence,
            steps_done: row.steps_done,
            deleted_at: row.deleted_at,
            stored_items_digest: row.items_digest,
            stored_last_event_seq: row.last_event_seq,
            last_event_seq: row.last_event_seq,
            data: None,
            customer: None,
            marked: false,
        }
    }

    /// The customer added to the cart after its sequence began, at `at`: the next sequence
    /// starts, from step 1.
    pub fn restart(&mut self, at: DateTime<Utc>) {
        self.sequence += 1;
        self.steps_done = 0;
        self.state.sequence_begun = false;
        self.sequence_started_at = Some(at);
    }

    /// A cart the group creates, first seen at `at`.
    pub fn new_cart(at: DateTime<Utc>) -> Self {
        Self {
            cart_id: new_id(),
            state: StoredCart {
                last_activity_at: at,
                ordered_at: None,
                items_fingerprint: String::new(),
                sequence_begun: false,
            },
            created_at: None,
            sequence_started_at: None,
            sequence: 1,
            steps_done: 0,
            deleted_at: None,
            stored_items_digest: String::new(),
            stored_last_event_seq: None,
            last_event_seq: None,
            data: None,
            customer: None,
            marked: false,
        }
    }

    /// The cart as the group leaves it in the database: rewritten whole when the group has its
    /// new state, otherwise as stored apart from the marks (ordered, deleted).
    pub fn as_stored(&self, external_id: &str) -> Result<StoredCartRow, DbError> {
        let created_at = self.created_at.unwrap_or(self.state.last_activity_at);
        let (sequence_started_at, items_digest) = match self.data {
            Some(cart) => (
                Some(self.sequence_started_at.unwrap_or(created_at)),
                items_digest(&cart.items)?,
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
            sequence: self.sequence,
            steps_done: self.steps_done,
            items_digest,
            last_event_seq: self.last_event_seq,
        })
    }
}
