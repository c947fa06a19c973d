//! Keeps the Statistics page's stored days current: every minute, the days the writes marked
//! (and the days carts became abandoned on by the clock alone) are recounted. The page only
//! reads, so its time does not grow with what happened since the last look.

use std::future::Future;

use chrono::Utc;

use crate::db::{stats, Pool};

/// How stale the figures may get.
const EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Refreshes every shop now, then every minute, until `shutdown` resolves.
pub async fn run(pool: Pool, shutdown: impl Future<Output = ()>) {
    tokio::pin!(shutdown);
    loop {
        if let Err(error) = stats::refresh_all(&pool, Utc::now()).await {
            tracing::error!(error = %error, "cannot refresh the statistics");
        }
        tokio::select! {
            () = tokio::time::sleep(EVERY) => {}
            () = &mut shutdown => return,
        }
    }
}
