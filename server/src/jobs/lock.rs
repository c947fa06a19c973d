//! The engine's run lock: one pass leader at a time across every process sharing the database.
//! On PostgreSQL a session advisory lock, freed the moment its process dies, so another takes
//! the lead at its next round; on SQLite a row with an expiry.

use chrono::{DateTime, Duration, Utc};

use crate::db::{self, new_id, DbError, Pool, PooledConn};

/// Longer than any run; a holder that dies frees the row lock after this.
const HOLD: Duration = Duration::minutes(30);
const NAME: &str = "engine";
/// PostgreSQL's advisory lock number of the pass leader ("RLCE"; below 2^32, see
/// `job_lock::advisory_held`).
const LEADER_KEY: i64 = 0x524c_4345;

/// A held lock; release it when the run ends.
pub enum RunLock {
    Row { holder: String },
    Session(PooledConn),
}

/// Takes the engine's lock, or `None` when another run holds it.
pub async fn try_lock(pool: &Pool, now: DateTime<Utc>) -> Result<Option<RunLock>, DbError> {
    match pool {
        Pool::Postgres(_) => {
            let mut conn = pool.acquire().await?;
            // Closed when done, never back in the pool: a run that stops half-way (a panic,
            // a cancelled task) cannot leave a pooled connection holding the lead.
            conn.close_on_drop();
            let taken = db::job_lock::try_advisory(&mut conn, LEADER_KEY).await?;
            Ok(taken.then_some(RunLock::Session(conn)))
        }
        Pool::Sqlite(_) => {
            let holder = new_id();
            let taken = db::job_lock::try_take(pool, NAME, &holder, now + HOLD, now).await?;
            Ok(taken.then_some(RunLock::Row { holder }))
        }
    }
}

/// Whether a pass leader is running now (in any process).
pub async fn leader_running(pool: &Pool, now: DateTime<Utc>) -> Result<bool, DbError> {
    match pool {
        Pool::Postgres(_) => db::job_lock::advisory_held(pool, LEADER_KEY).await,
        Pool::Sqlite(_) => db::job_lock::held(pool, NAME, now).await,
    }
}

impl RunLock {
    pub async fn release(self, pool: &Pool) -> Result<(), DbError> {
        match self {
            Self::Row { holder } => db::job_lock::release(pool, NAME, &holder).await,
            Self::Session(mut conn) => db::job_lock::advisory_unlock(&mut conn, LEADER_KEY).await,
        }
    }
}
