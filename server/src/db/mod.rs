//! The database: connection, migrations, and one module per table group. Row types live here and
//! are turned into `domain` types on the way out, so nothing above this layer sees SQL shapes.

mod admins;
pub mod campaigns;
pub mod cart_detail;
pub mod cart_list;
mod carts;
pub mod deliveries;
pub mod engine;
pub mod ingest;
pub mod money;
pub mod render_data;
pub mod runs;
pub mod sending;
pub mod settings;
mod shops;
pub mod templates;
pub mod tracking;

use std::{path::Path, str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use thiserror::Error;

pub use admins::{
    count_admins, delete_expired_sessions, delete_session, find_admin_by_email, insert_admin,
    insert_session, session_admin, AdminRow,
};
pub use campaigns::{insert_campaign, load_campaign};
pub use carts::{insert_demo_batch, DemoBatch, NewCartRow, NewCustomerRow, NewOrderRow};
pub use shops::{
    abandoned_after, delete_shop, first_shop, insert_shop, shop_exists,
    DEFAULT_ABANDONED_AFTER_MINUTES,
};
pub use templates::{insert_template, load_templates};

pub type Pool = sqlx::SqlitePool;

#[derive(Debug, Error)]
pub enum DbError {
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    /// A stored value no longer passes the domain's checks: a bug or a hand-edited database.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// A write that another task carried out failed (its own error is logged there).
    #[error("the write failed: {0}")]
    WriteFailed(String),
}

impl DbError {
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Self::Corrupt(what.to_string())
    }
}

/// Opens the database named by `url`, creating a SQLite file and its folder if needed.
pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("DATABASE_URL {url:?} is not a valid SQLite URL"))?
        .create_if_missing(true)
        .foreign_keys(true)
        // WAL lets the admin read while the engine writes; NORMAL is durable with WAL.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        // 64 MiB of page cache per connection instead of 2: the working set of carts and their
        // indexes stays in memory on busy shops.
        .pragma("cache_size", "-65536")
        .pragma("temp_store", "memory");
    if let Some(parent) = Path::new(options.get_filename()).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the database folder {parent:?}"))?;
        }
    }
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {url:?}"))
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
