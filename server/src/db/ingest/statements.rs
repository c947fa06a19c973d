//! Writes built ahead of their execution and run as one command, and the bound-value budget
//! every multi-row statement of the ingestion is cut to.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::db::DbError;

/// SQLite accepts 32,766 bound values per statement; stay below it.
const MAX_BINDS: usize = 30_000;
/// Ids per `in (…)` list of a read.
pub(super) const LOOKUP_CHUNK: usize = 900;
/// Commands with SQL up to this long stay prepared for reuse (see `Statements::execute`).
const KEEP_PREPARED_UP_TO_SQL_BYTES: usize = 16 * 1024;

/// How many rows of `columns` bound values one statement may carry.
pub(super) const fn rows_per_statement(columns: usize) -> usize {
    MAX_BINDS / columns
}

/// `insert into {table} ({columns}) `, ready for `push_values`.
pub(super) fn insert_into(table: &str, columns: &[&str]) -> String {
    format!("insert into {table} ({}) ", columns.join(", "))
}

/// Writes built ahead of their execution, with owned values, as one command: SQLite's thread
/// runs them back to back (one round trip to it, not one per statement), and the writer can
/// build them while that thread runs something else.
pub struct Statements {
    query: QueryBuilder<Sqlite>,
    empty: bool,
}

impl Default for Statements {
    fn default() -> Self {
        Self {
            query: QueryBuilder::new(""),
            empty: true,
        }
    }
}

impl Statements {
    /// The command, with `sql` starting a statement of its own.
    pub(super) fn next(&mut self, sql: &str) -> &mut QueryBuilder<Sqlite> {
        if !self.empty {
            self.query.push(";\n");
        }
        self.empty = false;
        self.query.push(sql)
    }

    pub async fn execute(mut self, conn: &mut SqliteConnection) -> Result<(), DbError> {
        if self.empty {
            return Ok(());
        }
        // sqlx keeps up to 100 prepared commands a connection for reuse. That pays for small
        // ones, which repeat (a group of one event: 10 % more single events per second than
        // preparing each time), but a big command's SQL changes with every group's size, so
        // keeping it only holds memory (a 100,000-cart demo peaked at 700 MB instead of 423).
        let keep = self.query.sql().as_str().len() <= KEEP_PREPARED_UP_TO_SQL_BYTES;
        self.query.build().persistent(keep).execute(conn).await?;
        Ok(())
    }
}
