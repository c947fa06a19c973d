//! Writes built ahead of their execution and run as one command, and the bound-value budget
//! every multi-row statement of the ingestion is cut to.

use crate::db::sql::Sql;
use crate::db::{on, Conn, DbError, Dialect};

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

/// Writes built ahead of their execution, with owned values. On SQLite they run as one
/// command: its thread runs them back to back (one round trip to it, not one per statement),
/// and the writer can build them while that thread runs something else. PostgreSQL takes one
/// statement with bound values per command, so there they run one after the other.
#[derive(Default)]
pub struct Statements {
    statements: Vec<Sql>,
}

impl Statements {
    /// A new statement, starting with `sql`.
    pub(super) fn next(&mut self, sql: &str) -> &mut Sql {
        self.statements.push(Sql::new(sql));
        self.statements.last_mut().expect("pushed above")
    }

    pub async fn execute(self, conn: &mut Conn<'_>) -> Result<(), DbError> {
        // sqlx keeps up to 100 prepared commands a connection for reuse. That pays for small
        // ones, which repeat (a group of one event: 10 % more single events per second than
        // preparing each time), but a big command's SQL changes with every group's size, so
        // keeping it only holds memory (a 100,000-cart demo peaked at 700 MB instead of 423).
        let keep = |sql: &Sql| sql.len() <= KEEP_PREPARED_UP_TO_SQL_BYTES;
        match conn.dialect() {
            Dialect::Sqlite => {
                let mut command = Sql::default();
                for statement in self.statements {
                    command.append(statement);
                }
                if !command.is_empty() {
                    let keep = keep(&command);
                    on!(conn, |db| command.execute(db, keep).await)?;
                }
            }
            Dialect::Postgres => {
                for statement in self.statements {
                    let keep = keep(&statement);
                    on!(conn, |db| statement.execute(db, keep).await)?;
                }
            }
        }
        Ok(())
    }
}
