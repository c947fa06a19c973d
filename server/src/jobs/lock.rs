//! The engine's run lock: one run at a time across every process sharing the database.

use chrono::{DateTime, Duration, Utc};

use crate::db::{new_id, DbError, Pool};

/// Longer than any run; a holder that dies frees the lock after this.
const HOLD: Duration = Duration::minutes(30);

/// A held lock; release it when the run ends.
pub struct RunLock {
    holder: String,
}

/// Takes the engine's lock, or `None` when another run holds it.
pub async fn try_lock(pool: &Pool, now: DateTime<Utc>) -> Result<Option<RunLock>, DbError> {
    let holder = new_id();
    let taken = sqlx::query(
        "insert into job_locks (name, holder, held_until) values ('engine', $1, $2)
         on conflict (name) do update set holder = excluded.holder, held_until = excluded.held_until
         where job_locks.held_until < $3",
    )
    .bind(&holder)
    .bind(now + HOLD)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected();
    Ok((taken == 1).then_some(RunLock { holder }))
}

impl RunLock {
    pub async fn release(self, pool: &Pool) -> Result<(), DbError> {
        sqlx::query("delete from job_locks where name = 'engine' and holder = $1")
            .bind(&self.holder)
            .execute(pool)
            .await?;
        Ok(())
    }
}
