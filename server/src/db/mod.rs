//! The database: connection, migrations, and one module per table group. Row types live here and
//! are turned into `domain` types on the way out, so nothing above this layer sees SQL shapes.

mod admins;
pub mod api_keys;
pub mod audit;
pub mod campaigns;
pub mod cart_detail;
pub mod cart_list;
mod carts;
pub mod counts;
pub mod coupons;
pub mod deliveries;
pub mod engine;
pub mod ingest;
pub mod job_lock;
pub mod members;
pub mod money;
pub mod orders;
pub mod outcomes;
pub mod render_data;
pub mod runs;
pub mod secrets;
pub mod sending;
pub mod settings;
mod shops;
pub mod stats;
pub mod suppressions;
pub mod team;
pub mod templates;
#[cfg(test)]
pub(crate) mod test_support;
pub mod tracking;
pub mod webhooks;

use std::{path::Path, str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use thiserror::Error;

pub use admins::{
    count_admins, delete_expired_sessions, delete_session, find_admin_by_email, insert_admin,
    insert_admin_in, insert_first_admin, insert_session, session_admin, AdminRow,
};
pub use campaigns::{insert_campaign, load_campaign};
pub use carts::{
    insert_demo_batch, DemoBatch, DemoHistory, HistoryCoupon, HistoryDelivery, HistoryEvent,
    NewCartRow, NewCustomerRow, NewOrderRow,
};
pub use members::Grant;
pub use shops::{
    all_shops, delete_shop, find_shop, free_slug, insert_shop, list_shops, shop_exists, ShopLine,
    DEFAULT_ABANDONED_AFTER_MINUTES, DEFAULT_ATTRIBUTION_DAYS,
};
pub use templates::{insert_template, load_templates};

pub type Pool = sqlx::SqlitePool;

/// Binds `ids` as the list of an `in (` the query just wrote, and closes it.
pub(crate) fn push_list<T: AsRef<str>>(query: &mut sqlx::QueryBuilder<sqlx::Sqlite>, ids: &[T]) {
    let mut list = query.separated(", ");
    for id in ids {
        list.push_bind(id.as_ref().to_owned());
    }
    list.push_unseparated(")");
}

#[derive(Debug, Error)]
pub enum DbError {
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    /// A stored value no longer passes the domain's checks: a bug or a hand-edited database.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// A write could not be completed as it must be (our own check, said in words).
    #[error("the write failed: {0}")]
    WriteFailed(String),
    /// A write that another task carried out failed; every request of its group shares it.
    #[error("the write failed: {0}")]
    Shared(#[source] std::sync::Arc<DbError>),
    /// The task doing the work stopped (the ingestion writer) or panicked (a statistics day).
    #[error("the task doing the write stopped: {0}")]
    TaskStopped(&'static str),
    #[error("a task doing the write failed")]
    Task(#[from] tokio::task::JoinError),
}

impl DbError {
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Self::Corrupt(what.to_string())
    }
}

/// How a process uses the database: who moves the WAL's pages back into the database file,
/// and how much memory its connections keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Commands and tests: SQLite's default checkpoints (the commit that passes 1,000 WAL
    /// pages does it), 8 connections with 64 MiB of page cache each.
    Command,
    /// One engine pass (`relance run-once`): 3 connections with 8 MiB of cache each. The pass
    /// does all its reading and writing on one of them; the others serve its first and last
    /// queries. Larger caches bought no speed here, only memory (a 100,000-cart pass peaked at
    /// 115 MB with 8 × 64 MiB; with one connection doing everything, 32 MiB changed nothing but
    /// its peak, 80 MB against 52 MB).
    Batch,
    /// `relance serve`: a background task checkpoints, so a batch of events or a single event
    /// is not held up by copying and syncing megabytes; 8 connections with 64 MiB of page
    /// cache each, so the working set of carts and their indexes stays in memory.
    Server,
}

impl Profile {
    fn connections(self) -> u32 {
        match self {
            Self::Batch => 3,
            Self::Command | Self::Server => 8,
        }
    }

    /// `pragma cache_size`: negative means KiB.
    fn cache_size(self) -> &'static str {
        match self {
            Self::Batch => "-8192",
            Self::Command | Self::Server => "-65536",
        }
    }

    fn autocheckpoint(self) -> &'static str {
        match self {
            Self::Command | Self::Batch => "1000",
            Self::Server => "0",
        }
    }
}

/// How long a statement waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How often the background checkpointer runs.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);
/// WAL frames (4 KiB pages) past which the checkpointer starts the WAL over: 256 MiB. Each
/// restart holds writers for a few milliseconds (more when the disk is slow to sync), so they
/// are kept rare: at 64 MiB the p99 at 1,000 requests/s was 8–89 ms, at 256 MiB 14–20 ms.
const RESTART_WAL_AFTER_FRAMES: i64 = 65_536;
/// How long a restart waits for the writer and readers before it gives up until next round;
/// writers queue behind it meanwhile.
const RESTART_WAIT: Duration = Duration::from_millis(20);
/// What a WAL file that starts over is cut back to, so one burst does not keep its disk space.
const WAL_SIZE_LIMIT_BYTES: &str = "536870912";
/// `pragma optimize` once an hour (in checkpointer rounds).
const OPTIMIZE_EVERY_ROUNDS: u64 = 7_200;
/// Carts from which the planner's statistics are worth taking (see `refresh_statistics`).
const ANALYZE_FROM_CARTS: i64 = 1_000;

/// Opens the database named by `url`, creating a SQLite file and its folder if needed.
pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    connect_with(url, Profile::Command).await
}

/// Opens the database for `profile`; for the server, also starts the checkpointer.
pub async fn connect_with(url: &str, profile: Profile) -> anyhow::Result<Pool> {
    configure_sqlite();
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("DATABASE_URL {url:?} is not a valid SQLite URL"))?
        .create_if_missing(true)
        .foreign_keys(true)
        // WAL lets the admin read while the engine writes; NORMAL is durable with WAL.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(BUSY_TIMEOUT)
        .pragma("cache_size", profile.cache_size())
        .pragma("temp_store", "memory")
        .pragma("wal_autocheckpoint", profile.autocheckpoint())
        .pragma("journal_size_limit", WAL_SIZE_LIMIT_BYTES);
    if let Some(parent) = Path::new(options.get_filename()).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the database folder {parent:?}"))?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(profile.connections())
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {url:?}"))?;
    if profile == Profile::Server {
        tokio::spawn(checkpointer(
            pool.clone(),
            CHECKPOINT_EVERY,
            RESTART_WAL_AFTER_FRAMES,
        ));
    }
    Ok(pool)
}

/// Turns off SQLite's memory statistics, once per process and before its first connection
/// (SQLite only takes global settings then). With them on, every allocation SQLite makes takes
/// a process-wide mutex to count bytes nobody reads here; without them the ingestion benchmark
/// does about 7 % more events per second in batches.
fn configure_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: `sqlite3_config` with SQLITE_CONFIG_MEMSTATUS takes one int. Called before
        // the first connection of the process (`Once`, and every pool opens through here); if
        // SQLite was initialized anyway it returns SQLITE_MISUSE and changes nothing.
        let status = unsafe {
            libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, 0_i32)
        };
        if status != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(
                status,
                "SQLite was already initialized; memory statistics stay on"
            );
        }
    });
}

/// Copies committed WAL pages into the database file every `every`. PASSIVE never waits for
/// readers or blocks writers; what it cannot copy yet, the next round does.
///
/// Passive rounds alone never shorten the WAL under a steady write load: SQLite starts the
/// WAL over only when a write begins with every frame already copied, and some commit always
/// lands between a round and the next write (a 15-second ingestion benchmark grew it to
/// 1.4 GB, and every append then paid the kernel for a new file block). So past
/// `restart_after` frames a RESTART round follows, which holds writers while it copies and
/// syncs what is left. A second passive round first shrinks that remainder to what came in
/// during the first, so the hold is short; and the restart waits only briefly for the writer
/// lock, trying again next round rather than queueing writers behind it.
async fn checkpointer(pool: Pool, every: Duration, restart_after: i64) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut rounds: u64 = 0;
    loop {
        tick.tick().await;
        if pool.is_closed() {
            return;
        }
        // Now and then (first at start), refresh the planner's statistics where tables grew.
        if rounds.is_multiple_of(OPTIMIZE_EVERY_ROUNDS) {
            if let Err(error) = refresh_statistics(&pool).await {
                tracing::warn!(%error, "pragma optimize failed");
            }
        }
        rounds += 1;
        if let Err(error) = checkpoint_round(&pool, restart_after).await {
            tracing::warn!(%error, "WAL checkpoint failed; the next round tries again");
        }
    }
}

/// Runs `pragma optimize` (ANALYZE where tables grew or shrank tenfold, or were never
/// analyzed) once the database holds `ANALYZE_FROM_CARTS` carts.
///
/// Statistics taken of a nearly empty database mislead SQLite for good: with one cart, every
/// index of `carts` looks unique, so the planner picks among them at random, and the stats stay
/// until the table is ten times larger. A server started on a fresh database did exactly that
/// when its first round ran during the migrations or the first events, and every ingestion
/// group then cost 1.5 times the CPU. Below the threshold SQLite's own guesses (no statistics)
/// are right; above it the statistics describe real data.
pub(crate) async fn refresh_statistics(pool: &Pool) -> Result<bool, sqlx::Error> {
    // The first round can come before the migrations on a new database.
    let migrated: Option<i64> =
        sqlx::query_scalar("select 1 from sqlite_schema where type = 'table' and name = 'carts'")
            .fetch_optional(pool)
            .await?;
    if migrated.is_none() {
        return Ok(false);
    }
    let big_enough: Option<i64> = sqlx::query_scalar("select 1 from carts limit 1 offset $1")
        .bind(ANALYZE_FROM_CARTS - 1)
        .fetch_optional(pool)
        .await?;
    if big_enough.is_none() {
        return Ok(false);
    }
    sqlx::query("pragma optimize").execute(pool).await?;
    Ok(true)
}

async fn checkpoint_round(pool: &Pool, restart_after: i64) -> Result<(), sqlx::Error> {
    const PASSIVE: &str = "pragma wal_checkpoint(passive)";
    // (busy, frames in the WAL, frames copied)
    let (_, frames, _): (i64, i64, i64) = sqlx::query_as(PASSIVE).fetch_one(pool).await?;
    if frames <= restart_after {
        return Ok(());
    }
    let mut conn = pool.acquire().await?;
    sqlx::query(PASSIVE).execute(&mut *conn).await?;
    set_busy_timeout(&mut conn, RESTART_WAIT).await?;
    let restarted = sqlx::query("pragma wal_checkpoint(restart)")
        .execute(&mut *conn)
        .await;
    let reset = set_busy_timeout(&mut conn, BUSY_TIMEOUT).await;
    if reset.is_err() {
        // Not back in the pool with the short wait.
        conn.close_on_drop();
    }
    restarted?;
    reset?;
    Ok(())
}

async fn set_busy_timeout(
    conn: &mut sqlx::SqliteConnection,
    wait: Duration,
) -> Result<(), sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "pragma busy_timeout = {}",
        wait.as_millis()
    )))
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the database answers (the health check).
pub async fn ping(pool: &Pool) -> Result<(), DbError> {
    sqlx::query("select 1").execute(pool).await?;
    Ok(())
}

/// Brings the schema up to date; safe to run on every start.
pub async fn migrate(pool: &Pool) -> anyhow::Result<()> {
    sqlx::migrate!("./migrations")
        .run(pool)
        .await
        .context("database migration failed")
}

/// A fresh id for a new row: UUID v7, time-ordered so inserts stay index-friendly.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod event_chain_migration_tests;

#[cfg(test)]
mod sender_fault_migration_tests;
#[cfg(test)]
mod sequence_migration_tests;

#[cfg(test)]
mod statistics_tests;

#[cfg(test)]
mod checkpoint_tests;
