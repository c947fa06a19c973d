//! The engine's run lock: one run at a time across every process sharing the database.

use chrono::{DateTime, Duration, Utc};

use crate::db::{self, new_id, DbError, Pool};

/// Longer than any run; a holder that dies frees the lock after this.
const HOLD: Duration = Duration::minutes(30);
const NAME: &str = "engine";

/// A held lock; release it when the run ends.
pub struct RunLock {
    holder: String,
}

/// Takes the engine's lock, or `None` when another run holds it.
pub async fn try_lock(pool: &Pool, now: DateTime<Utc>) -> Result<Option<RunLock>, DbError> {
    let holder = new_id();
    let taken = db::job_lock::try_take(pool, NAME, &holder, now + HOLD, now).await?;
    Ok(taken.then_some(RunLock { holder }))
}

impl RunLock {
    pub async fn release(self, pool: &Pool) -> Result<(), DbError> {
        db::job_lock::release(pool, NAME, &self.holder).await
    }
}
