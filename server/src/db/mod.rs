//! The database: connection, migrations, and one module per table group. Row types live here and
//! are turned into `domain` types on the way out, so nothing above this layer sees SQL shapes.

mod admins;
pub mod api_keys;
pub mod audit;
pub mod backend;
pub mod bulk;
pub mod calls;
pub mod campaigns;
pub mod cart_detail;
pub mod cart_list;
mod carts;
pub mod codes;
pub mod connect_log;
pub mod copy;
pub mod counts;
mod coupon_rows;
pub mod coupons;
pub mod deliveries;
pub mod engine;
pub mod history;
pub mod ingest;
pub mod job_lock;
pub mod members;
pub mod money;
pub mod orders;
pub mod outcomes;
mod postgres;
pub mod privacy;
pub mod recommend;
pub mod render_data;
pub mod runs;
pub mod secrets;
pub mod sending;
pub mod settings;
mod shops;
pub mod sms;
pub mod sql;
pub(crate) mod sqlite;
pub mod stats;
pub mod suppressions;
pub mod team;
pub mod templates;
#[cfg(test)]
pub(crate) mod test_support;
pub mod trackers;
pub mod tracking;
pub mod webhook_attempts;
pub mod webhooks;

use anyhow::Context;
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

pub(crate) use crate::on;
pub use backend::{Conn, Dialect, Done, Pool, PooledConn, Profile, Tx, ACQUIRE_TIMEOUT};

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

    /// Every connection stayed busy for `ACQUIRE_TIMEOUT`: a load to wait out, not a fault.
    pub fn is_busy(&self) -> bool {
        match self {
            Self::Sqlx(sqlx::Error::PoolTimedOut) => true,
            Self::Shared(inner) => inner.is_busy(),
            _ => false,
        }
    }
}

/// Opens the database named by `url`, creating a SQLite file and its folder if needed.
pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    connect_with(url, Profile::Command).await
}

/// Opens the database for `profile`: PostgreSQL for a `postgres://` or `postgresql://` URL,
/// SQLite otherwise (on SQLite, the server also gets its checkpointer).
pub async fn connect_with(url: &str, profile: Profile) -> anyhow::Result<Pool> {
    if postgres::is_postgres_url(url) {
        Ok(Pool::Postgres(postgres::connect(url, profile).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Pool::Sqlite(sqlite::connect(url, profile).await?))
    } else {
        anyhow::bail!(
            "DATABASE_URL must start with sqlite:// (a file) or postgres:// (a server), not {:?}",
            url.split(':').next().unwrap_or_default()
        )
    }
}

/// The variable naming the PostgreSQL server tests run against (`postgres://user@host:port`);
/// unset, they run on SQLite.
pub const TEST_POSTGRES_ENV: &str = "RELANCE_TEST_POSTGRES";

/// A fresh database for a test or a benchmark: on the PostgreSQL server named by
/// `RELANCE_TEST_POSTGRES` when set, else a SQLite file in `dir`.
#[doc(hidden)]
pub async fn scratch_database(dir: &std::path::Path) -> anyhow::Result<String> {
    match std::env::var(TEST_POSTGRES_ENV) {
        Ok(server) if !server.is_empty() => postgres::create_scratch_database(&server).await,
        _ => Ok(format!("sqlite://{}/relance.db", dir.display())),
    }
}

/// A copy of the scratch database at `url`, for tests that seed once and then run many rounds
/// on fresh copies. PostgreSQL copies it as a template (nobody may be connected to it); SQLite
/// writes it with `VACUUM INTO` beside the original in `dir`.
#[doc(hidden)]
pub async fn copy_scratch_database(url: &str, dir: &std::path::Path) -> anyhow::Result<String> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return postgres::copy_scratch_database(url).await;
    }
    use sqlx::Connection;
    let copy = dir.join(format!("copy-{}.db", uuid::Uuid::now_v7().simple()));
    let mut source = sqlx::SqliteConnection::connect(url).await?;
    sqlx::query("vacuum into ?")
        .bind(copy.display().to_string())
        .execute(&mut source)
        .await?;
    source.close().await?;
    Ok(format!("sqlite://{}", copy.display()))
}

/// After many rows arrived at once (the demo seed): PostgreSQL's planner statistics are taken
/// now, not at autovacuum's next round, so the first pass does not plan for empty tables (a
/// 100,000-cart pass read every cart per page until then). SQLite's are taken by the server's
/// checkpointer (`sqlite::refresh_statistics`).
pub async fn after_bulk_load(pool: &Pool) -> Result<(), DbError> {
    if let Pool::Postgres(pool) = pool {
        sqlx::query("analyze").execute(pool).await?;
    }
    Ok(())
}

/// Whether the database answers (the health check).
pub async fn ping(pool: &Pool) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query("select 1")
        .execute(db)
        .await
        .map(Done::from))?;
    Ok(())
}

/// Brings the schema up to date; safe to run on every start, and by several processes at
/// once (sqlx takes a lock for the run).
pub async fn migrate(pool: &Pool) -> anyhow::Result<()> {
    match pool {
        Pool::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await,
        Pool::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
    }
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
