//! What the ingestion writer remembers of the carts and customers it has read or written, so a
//! group of events about carts it has just seen does not read them back.
//!
//! It is valid only while no other connection has committed: SQLite's `pragma data_version`
//! (per connection) changes exactly when another connection, in this process or another one,
//! has committed since. The writer checks it once per group inside its write transaction, and
//! forgets everything when it moved, so an engine pass, a shop deletion or a second server
//! writing the same file can never leave it with a stale cart. Under a burst of events with no
//! other writer (a shop's bulk sync, the benchmark), a group reads only the carts it has not
//! seen yet.

use std::collections::HashMap;

use super::rows::{StoredCartRow, StoredCustomer};

/// Entries kept per map; past it the map starts over (a bound on memory, ~15 MB each).
const MAX_ENTRIES: usize = 50_000;

/// Rows by shop id, then external id: looked up with borrowed strings, no key to build.
struct ByShop<T> {
    rows: HashMap<String, HashMap<String, T>>,
    len: usize,
}

impl<T> Default for ByShop<T> {
    fn default() -> Self {
        Self {
            rows: HashMap::new(),
            len: 0,
        }
    }
}

impl<T> ByShop<T> {
    fn take(&mut self, shop_id: &str, external_id: &str) -> Option<T> {
        let row = self.rows.get_mut(shop_id)?.remove(external_id)?;
        self.len -= 1;
        Some(row)
    }

    fn insert(&mut self, shop_id: &str, external_id: String, row: T) {
        if self.len >= MAX_ENTRIES {
            self.clear();
        }
        let shop = match self.rows.get_mut(shop_id) {
            Some(shop) => shop,
            None => self.rows.entry(shop_id.to_owned()).or_default(),
        };
        if shop.insert(external_id, row).is_none() {
            self.len += 1;
        }
    }

    fn clear(&mut self) {
        self.rows.clear();
        self.len = 0;
    }
}

#[derive(Default)]
pub struct WriterMemory {
    /// `pragma data_version` when the memory was last known valid; `None`: nothing known.
    data_version: Option<i64>,
    carts: ByShop<StoredCartRow>,
    customers: ByShop<StoredCustomer>,
    /// What the transaction in progress leaves stored, kept once it commits.
    pending_carts: Vec<(String, StoredCartRow)>,
    pending_customers: Vec<StoredCustomer>,
    /// The number the next event takes (see `read::next_event_seq`), and after the group.
    next_event_seq: Option<i64>,
    pending_next_event_seq: Option<i64>,
}

impl WriterMemory {
    /// Starts a group: forgets everything unless `data_version`, read by the writer's
    /// connection inside its write transaction, shows no commit by another connection since
    /// the memory was last valid.
    pub fn check(&mut self, data_version: i64) {
        if self.data_version != Some(data_version) {
            self.forget();
            self.data_version = Some(data_version);
        }
        self.pending_carts.clear();
        self.pending_customers.clear();
        self.pending_next_event_seq = None;
    }

    /// After a failed group, or with a new connection: nothing is known any more.
    pub fn forget(&mut self) {
        self.data_version = None;
        self.carts.clear();
        self.customers.clear();
        self.pending_carts.clear();
        self.pending_customers.clear();
        self.next_event_seq = None;
        self.pending_next_event_seq = None;
    }

    /// The group's writes committed: they are the stored state now.
    pub fn committed(&mut self) {
        for (shop_id, row) in std::mem::take(&mut self.pending_carts) {
            self.carts.insert(&shop_id, row.external_id.clone(), row);
        }
        for row in std::mem::take(&mut self.pending_customers) {
            let (shop_id, external_id) = (row.shop_id.clone(), row.external_id.clone());
            self.customers.insert(&shop_id, external_id, row);
        }
        if let Some(seq) = self.pending_next_event_seq.take() {
            self.next_event_seq = Some(seq);
        }
    }

    /// The number the group's first event takes, when remembered.
    pub fn next_event_seq(&self) -> Option<i64> {
        self.next_event_seq
    }

    /// The number the next group's first event takes, once this group commits.
    pub(crate) fn will_continue_at(&mut self, next_event_seq: i64) {
        self.pending_next_event_seq = Some(next_event_seq);
    }

    /// Takes a known cart out: the group stores it back, changed or not, when it commits.
    pub(crate) fn take_cart(&mut self, shop_id: &str, external_id: &str) -> Option<StoredCartRow> {
        self.carts.take(shop_id, external_id)
    }

    /// Takes a known customer out: the group stores it back, changed or not, when it commits.
    pub(crate) fn take_customer(
        &mut self,
        shop_id: &str,
        external_id: &str,
    ) -> Option<StoredCustomer> {
        self.customers.take(shop_id, external_id)
    }

    /// A cart as the transaction in progress leaves it.
    pub(crate) fn will_store_cart(&mut self, shop_id: &str, row: StoredCartRow) {
        self.pending_carts.push((shop_id.to_owned(), row));
    }

    /// A customer as the transaction in progress leaves it.
    pub(crate) fn will_store_customer(&mut self, row: StoredCustomer) {
        self.pending_customers.push(row);
    }

    #[cfg(test)]
    pub(super) fn known_carts(&self) -> usize {
        self.carts.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cart(external_id: &str) -> StoredCartRow {
        StoredCartRow::sample(external_id)
    }

    #[test]
    fn what_a_failed_group_wrote_is_never_remembered() {
        let mut memory = WriterMemory::default();
        memory.will_store_cart("shop", cart("c-1"));
        memory.forget();
        memory.committed();
        assert_eq!(memory.known_carts(), 0);
    }
}
