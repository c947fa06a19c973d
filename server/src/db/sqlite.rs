//! SQLite: how its connections are opened and tuned, and the server's WAL checkpointer.

use std::{path::Path, str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{SqliteConnection, SqlitePool};

use super::backend::{Profile, ACQUIRE_TIMEOUT};

/// SQLite per profile:
/// - Commands and tests: SQLite's default checkpoints (the commit that passes 1,000 WAL pages
///   does it), 8 connections with 64 MiB of page cache each.
/// - One engine pass: 3 connections with 8 MiB of cache each. The pass does all its reading
///   and writing on one of them; the others serve its first and last queries. Larger caches
///   bought no speed here, only memory (a 100,000-cart pass peaked at 115 MB with 8 × 64 MiB;
///   with one connection doing everything, 32 MiB changed nothing but its peak, 80 MB
///   against 52 MB).
/// - The server: a background task checkpoints, so a batch of events or a single event is not
///   held up by copying and syncing megabytes; 8 connections with 64 MiB of page cache each,
///   so the working set of carts and their indexes stays in memory.
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
pub(crate) const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);
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

/// Opens the SQLite database file of `url` for `profile`; for the server, also starts the
/// checkpointer.
pub(crate) async fn connect(url: &str, profile: Profile) -> anyhow::Result<SqlitePool> {
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
        .acquire_timeout(ACQUIRE_TIMEOUT)
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
pub(crate) async fn checkpointer(pool: SqlitePool, every: Duration, restart_after: i64) {
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
pub(crate) async fn refresh_statistics(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
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

pub(crate) async fn checkpoint_round(
    pool: &SqlitePool,
    restart_after: i64,
) -> Result<(), sqlx::Error> {
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

async fn set_busy_timeout(conn: &mut SqliteConnection, wait: Duration) -> Result<(), sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "pragma busy_timeout = {}",
        wait.as_millis()
    )))
    .execute(conn)
    .await?;
    Ok(())
}
