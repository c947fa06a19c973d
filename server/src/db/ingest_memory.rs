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

use sqlx::SqliteConnection;

use super::ingest::{StoredCartRow, StoredCustomer};
use super::DbError;

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
    fn get(&self, shop_id: &str, external_id: &str) -> Option<&T> {
        self.rows.get(shop_id)?.get(external_id)
    }

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
    /// The number the next event takes (see `ingest::next_event_seq`), and after the group.
    next_event_seq: Option<i64>,
    pending_next_event_seq: Option<i64>,
}

impl WriterMemory {
    /// Forgets everything unless `conn` (inside its write transaction) sees no commit by
    /// another connection since the memory was last valid.
    pub async fn check(&mut self, conn: &mut SqliteConnection) -> Result<(), DbError> {
        let version: i64 = sqlx::query_scalar("pragma data_version")
            .fetch_one(conn)
            .await?;
        if self.data_version != Some(version) {
            self.forget();
            self.data_version = Some(version);
        }
        self.pending_carts.clear();
        self.pending_customers.clear();
        self.pending_next_event_seq = None;
        Ok(())
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

    /// The number the group's first event takes: remembered, or read once.
    pub async fn next_event_seq(&mut self, conn: &mut SqliteConnection) -> Result<i64, DbError> {
        match self.next_event_seq {
            Some(seq) => Ok(seq),
            None => super::ingest::next_event_seq(conn).await,
        }
    }

    /// The number the next group's first event takes, once this group commits.
    pub(crate) fn will_continue_at(&mut self, next_event_seq: i64) {
        self.pending_next_event_seq = Some(next_event_seq);
    }

    /// Takes a known cart out: the group stores it back, changed or not, when it commits.
    pub(crate) fn take_cart(&mut self, shop_id: &str, external_id: &str) -> Option<StoredCartRow> {
        self.carts.take(shop_id, external_id)
    }

    pub(crate) fn customer(&self, shop_id: &str, external_id: &str) -> Option<&StoredCustomer> {
        self.customers.get(shop_id, external_id)
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
    fn known_carts(&self) -> usize {
        self.carts.len
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use sqlx::Connection;

    use super::*;

    fn cart(external_id: &str) -> StoredCartRow {
        StoredCartRow {
            cart_id: format!("id-{external_id}"),
            external_id: external_id.into(),
            created_at: Utc::now(),
            last_activity_at: Utc::now(),
            ordered_at: None,
            deleted_at: None,
            items_fingerprint: String::new(),
            sequence_started_at: None,
            items_digest: String::new(),
            last_event_seq: None,
        }
    }

    #[tokio::test]
    async fn a_commit_by_another_connection_makes_the_writer_forget_what_it_knew() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/memory.db", dir.path().display());
        let pool = crate::db::connect(&url).await.unwrap();
        sqlx::query("create table t (x integer)")
            .execute(&pool)
            .await
            .unwrap();
        let mut writer = pool.acquire().await.unwrap();
        let mut memory = WriterMemory::default();

        memory.check(&mut writer).await.unwrap();
        memory.will_store_cart("shop", cart("c-1"));
        memory.committed();
        // Its own commits do not count.
        sqlx::query("insert into t values (1)")
            .execute(&mut *writer)
            .await
            .unwrap();
        memory.check(&mut writer).await.unwrap();
        assert_eq!(memory.known_carts(), 1);

        let mut other = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("insert into t values (2)")
            .execute(&mut other)
            .await
            .unwrap();
        memory.check(&mut writer).await.unwrap();
        assert_eq!(memory.known_carts(), 0);
        assert!(memory.take_cart("shop", "c-1").is_none());
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
