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
/// Entries written together at most.
const BATCH: usize = 500;

#[derive(Clone)]
pub struct ConnectLog {
    entries: mpsc::Sender<NewEntry>,
}

/// How a request ended, for the log.
pub enum Outcome<'a> {
    Stored { accepted: usize, duplicates: usize },
    Refused(&'a str),
}

impl ConnectLog {
    /// Starts the writer on `pool`; it stops when every `ConnectLog` is dropped.
    pub fn start(pool: Pool) -> Self {
        let (entries, mut queue) = mpsc::channel::<NewEntry>(QUEUE);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while queue.recv_many(&mut batch, BATCH).await > 0 {
                if let Err(error) = connect_log::write(&pool, &batch).await {
                    tracing::warn!(%error, "the Connect page's log was not written");
                }
                batch.clear();
                // Requests in a burst share a transaction.
                tokio::time::sleep(Duration::from_millis(200)).await;
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
