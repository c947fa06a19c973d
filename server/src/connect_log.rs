//! The Connect page's log of what each shop's sources sent: requests are noted as they are
//! answered and written in the background, a batch at a time, so noting one never slows or
//! fails a request (when the queue is full, an entry is dropped).

use std::time::Duration;

use chrono::Utc;
use tokio::sync::mpsc;

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
}

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
        tokio::spawn(async move {
            let mut batch = Vec::new();
            while queue.recv_many(&mut batch, BATCH).await > 0 {
                let newest = newest_per_shop(std::mem::take(&mut batch));
                if let Err(error) = connect_log::write(&pool, &newest).await {
                    tracing::warn!(%error, "the Connect page's log was not written");
                }
                tokio::time::sleep(EVERY).await;
            }
        });
        Self { entries }
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
