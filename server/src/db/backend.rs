//! The two databases Relance runs on behind one set of handles: a pool, a connection taken from
//! it, a borrowed connection and a transaction, each either SQLite or PostgreSQL.
//!
//! A query is written once and run on either with `on!`, which expands its body once per
//! database, so sqlx checks each expansion against that database's types. Where the two speak
//! different SQL, the body picks its text by `Dialect`.

use sqlx::pool::PoolConnection;
use sqlx::{Connection, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool};

/// How a process uses the database: how many connections it keeps, and on SQLite who
/// moves the WAL's pages back into the database file and how much memory each keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Commands and tests.
    Command,
    /// One engine pass (`relance run-once`, `relance worker`).
    Batch,
    /// `relance serve`.
    Server,
}

/// How long a request waits for a free connection before it is refused (503 on the API)
/// rather than left hanging.
pub const ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Either database's side of a handle; `on!` matches on it.
pub enum Either<S, P> {
    Sqlite(S),
    Postgres(P),
}

/// Which SQL a statement is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// `sqlite` on SQLite, `postgres` on PostgreSQL: for the few statements that differ.
    pub const fn pick(self, sqlite: &'static str, postgres: &'static str) -> &'static str {
        match self {
            Self::Sqlite => sqlite,
            Self::Postgres => postgres,
        }
    }
}

/// Runs `$body` with `$x` bound to the handle's SQLite or PostgreSQL side (and `$d` to its
/// dialect when named). `$db` is anything with a `split` method: `&Pool`, `&mut Conn`,
/// `PooledConn`, `Tx`. Exported for the integration tests' own statements.
#[macro_export]
macro_rules! on {
    ($db:expr, |$x:ident| $body:expr) => {
        match $db.split() {
            $crate::db::backend::Either::Sqlite($x) => $body,
            $crate::db::backend::Either::Postgres($x) => $body,
        }
    };
    ($db:expr, |$x:ident, $d:ident| $body:expr) => {
        match $db.split() {
            $crate::db::backend::Either::Sqlite($x) => {
                let $d = $crate::db::backend::Dialect::Sqlite;
                $body
            }
            $crate::db::backend::Either::Postgres($x) => {
                let $d = $crate::db::backend::Dialect::Postgres;
                $body
            }
        }
    };
}

/// A pool of connections to one database.
#[derive(Debug, Clone)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    pub fn split(&self) -> Either<&SqlitePool, &PgPool> {
        match self {
            Self::Sqlite(pool) => Either::Sqlite(pool),
            Self::Postgres(pool) => Either::Postgres(pool),
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    pub async fn acquire(&self) -> Result<PooledConn, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(pool) => PooledConn::Sqlite(pool.acquire().await?),
            Self::Postgres(pool) => PooledConn::Postgres(pool.acquire().await?),
        })
    }

    pub async fn begin(&self) -> Result<Tx<'static>, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A transaction that writes: see `Conn::begin_write`.
    pub async fn begin_write(&self) -> Result<Tx<'static>, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub fn is_closed(&self) -> bool {
        match self {
            Self::Sqlite(pool) => pool.is_closed(),
            Self::Postgres(pool) => pool.is_closed(),
        }
    }

    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

/// A connection taken from the pool, back in it when dropped.
pub enum PooledConn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl PooledConn {
    pub fn split(&mut self) -> Either<&mut SqliteConnection, &mut PgConnection> {
        match self {
            Self::Sqlite(conn) => Either::Sqlite(&mut **conn),
            Self::Postgres(conn) => Either::Postgres(&mut **conn),
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The connection, borrowed for the functions of `db` that take one.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Self::Sqlite(conn) => Conn::Sqlite(conn),
            Self::Postgres(conn) => Conn::Postgres(conn),
        }
    }

    pub async fn begin(&mut self) -> Result<Tx<'_>, sqlx::Error> {
        self.conn().into_begin().await
    }

    /// A transaction that writes: see `Conn::begin_write`.
    pub async fn begin_write(&mut self) -> Result<Tx<'_>, sqlx::Error> {
        self.conn().into_begin_write().await
    }

    /// Closes the connection instead of returning it to the pool.
    pub fn close_on_drop(&mut self) {
        match self {
            Self::Sqlite(conn) => conn.close_on_drop(),
            Self::Postgres(conn) => conn.close_on_drop(),
        }
    }
}

/// A borrowed connection: from the pool or inside a transaction.
pub enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Conn<'_> {
    pub fn split(&mut self) -> Either<&mut SqliteConnection, &mut PgConnection> {
        match self {
            Self::Sqlite(conn) => Either::Sqlite(&mut **conn),
            Self::Postgres(conn) => Either::Postgres(&mut **conn),
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The same connection, borrowed again for a shorter while.
    pub fn reborrow(&mut self) -> Conn<'_> {
        match self {
            Self::Sqlite(conn) => Conn::Sqlite(conn),
            Self::Postgres(conn) => Conn::Postgres(conn),
        }
    }

    pub async fn begin(&mut self) -> Result<Tx<'_>, sqlx::Error> {
        self.reborrow().into_begin().await
    }

    /// Inside a transaction, waits until no other transaction holds `turn`, and holds it
    /// until this one ends. SQLite's write transactions take turns already (one writer); on
    /// PostgreSQL this is a transaction-scoped advisory lock, for the checks-then-writes that
    /// must see every write made before them (set-up's first account, ingestion's event
    /// numbers).
    pub async fn take_turn(&mut self, turn: Turn) -> Result<(), sqlx::Error> {
        if let Self::Postgres(conn) = self {
            sqlx::query("select pg_advisory_xact_lock($1)")
                .bind(turn as i64)
                .execute(&mut **conn)
                .await?;
        }
        Ok(())
    }

    /// A transaction that takes the write lock at once on SQLite (`BEGIN IMMEDIATE`), so two
    /// writers queue at the start instead of one failing at its first write; PostgreSQL locks
    /// rows as they are written.
    pub async fn begin_write(&mut self) -> Result<Tx<'_>, sqlx::Error> {
        self.reborrow().into_begin_write().await
    }
}

impl<'c> Conn<'c> {
    async fn into_begin(self) -> Result<Tx<'c>, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(conn) => Tx::Sqlite(conn.begin().await?),
            Self::Postgres(conn) => Tx::Postgres(conn.begin().await?),
        })
    }

    async fn into_begin_write(self) -> Result<Tx<'c>, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(conn) => Tx::Sqlite(conn.begin_with("BEGIN IMMEDIATE").await?),
            Self::Postgres(conn) => Tx::Postgres(conn.begin().await?),
        })
    }
}

/// What writers take turns for on PostgreSQL (`Conn::take_turn`); each its own lock number.
#[derive(Debug, Clone, Copy)]
#[repr(i64)]
pub enum Turn {
    Ingestion = 0x7265_6c61_6e63_6501,
    Setup = 0x7265_6c61_6e63_6502,
}

/// A transaction: rolled back when dropped without `commit`.
pub enum Tx<'c> {
    Sqlite(sqlx::Transaction<'c, Sqlite>),
    Postgres(sqlx::Transaction<'c, Postgres>),
}

impl Tx<'_> {
    pub fn split(&mut self) -> Either<&mut SqliteConnection, &mut PgConnection> {
        match self {
            Self::Sqlite(tx) => Either::Sqlite(&mut **tx),
            Self::Postgres(tx) => Either::Postgres(&mut **tx),
        }
    }

    /// The transaction's connection, for the functions of `db` that take one.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Self::Sqlite(tx) => Conn::Sqlite(tx),
            Self::Postgres(tx) => Conn::Postgres(tx),
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => tx.commit().await,
            Self::Postgres(tx) => tx.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => tx.rollback().await,
            Self::Postgres(tx) => tx.rollback().await,
        }
    }
}

/// What a write did, on either database.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    rows_affected: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

impl From<sqlx::sqlite::SqliteQueryResult> for Done {
    fn from(result: sqlx::sqlite::SqliteQueryResult) -> Self {
        Self {
            rows_affected: result.rows_affected(),
        }
    }
}

impl From<sqlx::postgres::PgQueryResult> for Done {
    fn from(result: sqlx::postgres::PgQueryResult) -> Self {
        Self {
            rows_affected: result.rows_affected(),
        }
    }
}
