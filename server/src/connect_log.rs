//! The Connect page's log of what each shop's sources sent: requests are noted as they are
//! answered and written in the background, a batch at a time, so noting one never slows or
//! fails a request (when the queue is full, an entry is dropped).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, Mutex};

use crate::db::connect_log::{self, NewEntry};
use crate::db::Pool;

/// Entries waiting at most; beyond, new ones are dropped.
const QUEUE: usize = 10_000;
/// Entries taken from the queue at a time.
const BATCH: usize = 10_000;
/// How often the log is written: requests of a second share one transaction, which holds only
/// the newest entries of each shop (the page shows no more), so a busy shop's log costs its
/// ingestion one small write a second.
const EVERY: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct ConnectLog {
    entries: mpsc::Sender<NewEntry>,
    /// Customers erased lately: entries noted before an erasure and still waiting are not
    /// written. The writer holds this lock while it filters and writes a batch, so an erasure
    /// waits for a write under way, and the database's own erasure then finds its entries.
    erased: Arc<Mutex<Vec<Erasure>>>,
}

/// What an erased customer of a shop is named by in the log (its address and its carts'
/// ids; `None`: every customer of the shop), and when.
struct Erasure {
    shop_id: String,
    names: Option<Vec<String>>,
    at: DateTime<Utc>,
}

impl Erasure {
    fn covers(&self, entry: &NewEntry) -> bool {
        entry.shop_id == self.shop_id
            && entry.received_at <= self.at
            && self.names.as_ref().is_none_or(|names| {
                let summary = entry.summary.to_lowercase();
                names.iter().any(|name| summary.contains(name.as_str()))
            })
    }
}

/// How long an erasure is remembered: far longer than an entry waits to be written.
const ERASURE_KEPT: chrono::Duration = chrono::Duration::minutes(1);

/// How a request ended, for the log.
pub enum Outcome<'a> {
    Stored { accepted: usize, duplicates: usize },
    Refused(&'a str),
}

/// The last KEPT entries of each shop, in the order received.
fn newest_per_shop(mut entries: Vec<NewEntry>) -> Vec<NewEntry> {
    let mut per_shop: std::collections::HashMap<String, i64> = Default::default();
    entries.reverse();
    entries.retain(|entry| {
        let seen = per_shop.entry(entry.shop_id.clone()).or_default();
        *seen += 1;
        *seen <= connect_log::KEPT
    });
    entries.reverse();
    entries
}

impl ConnectLog {
    /// Starts the writer on `pool`; it stops when every `ConnectLog` is dropped.
    pub fn start(pool: Pool) -> Self {
        let (entries, mut queue) = mpsc::channel::<NewEntry>(QUEUE);
        let erased: Arc<Mutex<Vec<Erasure>>> = Arc::default();
        let writer_erased = erased.clone();
        tokio::spawn(async move {
            let mut batch = Vec::new();
            while queue.recv_many(&mut batch, BATCH).await > 0 {
                let mut newest = newest_per_shop(std::mem::take(&mut batch));
                let mut erased = writer_erased.lock().await;
                let now = Utc::now();
                erased.retain(|erasure| erasure.at + ERASURE_KEPT > now);
                newest.retain(|entry| !erased.iter().any(|erasure| erasure.covers(entry)));
                if let Err(error) = connect_log::write(&pool, &newest).await {
                    tracing::warn!(%error, "the Connect page's log was not written");
                }
                drop(erased);
                tokio::time::sleep(EVERY).await;
            }
        });
        Self { entries, erased }
    }

    /// Keeps entries of `shop_id` naming one of `names` (every entry with `None`) noted until
    /// now from being written; returns once no write is under way, so the caller's erasure in
    /// the database then removes whatever was written before.
    pub async fn forget(&self, shop_id: &str, names: Option<Vec<String>>) {
        self.erased.lock().await.push(Erasure {
            shop_id: shop_id.to_owned(),
            names: names.map(|names| names.iter().map(|n| n.to_lowercase()).collect()),
            at: Utc::now(),
        });
    }

    /// Notes a request of `shop_id` from `source` carrying `summary`.
    pub fn note(&self, shop_id: &str, source: &'static str, summary: String, outcome: Outcome<'_>) {
        let (result, reason) = match outcome {
            Outcome::Stored {
                accepted,
                duplicates,
            } if accepted == 0 && duplicates > 0 => ("duplicate", None),
            Outcome::Stored { duplicates, .. } if duplicates > 0 => {
                ("accepted", Some(format!("{duplicates} already received")))
            }
            Outcome::Stored { .. } => ("accepted", None),
            Outcome::Refused(why) => ("refused", Some(why.chars().take(500).collect())),
        };
        let entry = NewEntry {
            shop_id: shop_id.to_owned(),
            received_at: Utc::now(),
            source,
            summary: summary.chars().take(300).collect(),
            result,
            reason,
        };
        if self.entries.try_send(entry).is_err() {
            tracing::debug!("the Connect page's log is full: an entry was dropped");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(shop_id: &str, summary: &str, received_at: DateTime<Utc>) -> NewEntry {
        NewEntry {
            shop_id: shop_id.into(),
            received_at,
            source: "api",
            summary: summary.into(),
            result: "accepted",
            reason: None,
        }
    }

    #[test]
    fn an_erasure_covers_the_shop_s_earlier_entries_naming_the_customer_only() {
        let at = Utc::now();
        let erasure = Erasure {
            shop_id: "shop".into(),
            names: Some(vec!["web-42".into(), "emilie@example.com".into()]),
            at,
        };
        let before = at - chrono::Duration::seconds(1);
        assert!(erasure.covers(&entry("shop", "1 event: cart_updated web-42", before)));
        assert!(erasure.covers(&entry("shop", "consent Emilie@Example.com", before)));
        assert!(!erasure.covers(&entry("shop", "1 event: cart_updated web-7", before)));
        assert!(!erasure.covers(&entry("other", "1 event: cart_updated web-42", before)));
        // A cart the customer starts again after the erasure is theirs to keep.
        let after = at + chrono::Duration::seconds(1);
        assert!(!erasure.covers(&entry("shop", "1 event: cart_updated web-42", after)));
        let whole_shop = Erasure {
            shop_id: "shop".into(),
            names: None,
            at,
        };
        assert!(whole_shop.covers(&entry("shop", "anything", before)));
    }
}
