//! Statements assembled at run time (lists of ids, filters, multi-row inserts), written once
//! for both databases: values are kept aside and the placeholders (`?` for SQLite, `$n` for
//! PostgreSQL) are written when the statement is built for one of them.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::error::BoxDynError;
use std::future::Future;

use sqlx::{Arguments, AssertSqlSafe, Database, FromRow, Postgres, Sqlite};

use super::backend::{Dialect, Done};

/// Where a bound value goes in the text until it is built.
const MARK: char = '\u{0}';

/// One bound value, typed so either database receives what its column expects.
#[derive(Debug, Clone)]
pub enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
    Time(Option<DateTime<Utc>>),
    Date(Option<NaiveDate>),
}

macro_rules! value_from {
    ($variant:ident, $ty:ty) => {
        impl From<$ty> for Value {
            fn from(value: $ty) -> Self {
                Self::$variant(Some(value.into()))
            }
        }
        impl From<Option<$ty>> for Value {
            fn from(value: Option<$ty>) -> Self {
                Self::$variant(value.map(Into::into))
            }
        }
    };
}

value_from!(Text, String);
value_from!(Text, &str);
value_from!(Text, &String);
value_from!(Int, i64);
value_from!(Int, i32);
value_from!(Int, u32);
value_from!(Bool, bool);
value_from!(Time, DateTime<Utc>);
value_from!(Date, NaiveDate);

/// A statement and its values, built for a database when it runs.
#[derive(Debug, Clone, Default)]
pub struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(text: impl AsRef<str>) -> Self {
        Self {
            text: text.as_ref().to_owned(),
            values: Vec::new(),
        }
    }

    pub fn push(&mut self, text: impl std::fmt::Display) -> &mut Self {
        use std::fmt::Write;
        write!(self.text, "{text}").expect("writing to a String");
        self
    }

    pub fn push_bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.text.push(MARK);
        self.values.push(value.into());
        self
    }

    /// Pieces written with `separator` between them.
    pub fn separated(&mut self, separator: &'static str) -> Separated<'_> {
        Separated {
            sql: self,
            separator,
            first: true,
        }
    }

    /// `VALUES (…), (…)`: one parenthesised row per item, written by `row`.
    pub fn push_values<I, F>(&mut self, items: I, mut row: F) -> &mut Self
    where
        I: IntoIterator,
        F: FnMut(Separated<'_>, I::Item),
    {
        self.text.push_str("VALUES ");
        for (n, item) in items.into_iter().enumerate() {
            if n > 0 {
                self.text.push_str(", ");
            }
            self.text.push('(');
            row(self.separated(", "), item);
            self.text.push(')');
        }
        self
    }

    /// Binds `ids` as the list of an `in (` the statement just wrote, and closes it.
    pub fn push_list<T: AsRef<str>>(&mut self, ids: &[T]) -> &mut Self {
        let mut list = self.separated(", ");
        for id in ids {
            list.push_bind(id.as_ref());
        }
        list.push_unseparated(")");
        self
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text's length, placeholders counted as one byte.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Appends `other` as a statement of its own (SQLite runs several in one command).
    pub fn append(&mut self, other: Sql) {
        if !self.text.is_empty() {
            self.text.push_str(";\n");
        }
        self.text.push_str(&other.text);
        self.values.extend(other.values);
    }

    /// The text with each database's placeholders.
    pub fn text(&self, dialect: Dialect) -> String {
        let mut out = String::with_capacity(self.text.len() + self.values.len() * 3);
        let mut n = 0;
        for c in self.text.chars() {
            if c == MARK {
                n += 1;
                match dialect {
                    Dialect::Sqlite => out.push('?'),
                    Dialect::Postgres => {
                        out.push('$');
                        out.push_str(&n.to_string());
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn build<DB: Bind>(self) -> Result<(String, DB::Arguments), sqlx::Error> {
        let text = self.text(DB::DIALECT);
        let arguments = DB::arguments(self.values).map_err(sqlx::Error::Encode)?;
        Ok((text, arguments))
    }

    /// Runs a write; `keep_prepared` says whether the connection keeps it for reuse.
    pub async fn execute<T: Target>(self, db: T, keep_prepared: bool) -> Result<Done, sqlx::Error> {
        db.execute(self, keep_prepared).await
    }

    pub async fn fetch_all<O, T>(self, db: T) -> Result<Vec<O>, sqlx::Error>
    where
        T: Target,
        O: for<'r> FromRow<'r, <T::Db as Database>::Row> + Send + Unpin,
    {
        db.fetch_all(self).await
    }

    pub async fn fetch_one<O, T>(self, db: T) -> Result<O, sqlx::Error>
    where
        T: Target,
        O: for<'r> FromRow<'r, <T::Db as Database>::Row> + Send + Unpin,
    {
        db.fetch_one(self).await
    }
}

/// Where a `Sql` runs: either database's pool or connection (what `on!` hands its body).
pub trait Target: Send {
    type Db: Bind;

    fn execute(
        self,
        sql: Sql,
        keep: bool,
    ) -> impl Future<Output = Result<Done, sqlx::Error>> + Send;

    fn fetch_all<O>(self, sql: Sql) -> impl Future<Output = Result<Vec<O>, sqlx::Error>> + Send
    where
        O: for<'r> FromRow<'r, <Self::Db as Database>::Row> + Send + Unpin;

    fn fetch_one<O>(self, sql: Sql) -> impl Future<Output = Result<O, sqlx::Error>> + Send
    where
        O: for<'r> FromRow<'r, <Self::Db as Database>::Row> + Send + Unpin;
}

macro_rules! target {
    ($target:ty, $db:ty) => {
        impl<'a> Target for $target {
            type Db = $db;

            async fn execute(self, sql: Sql, keep: bool) -> Result<Done, sqlx::Error> {
                let (text, arguments) = sql.build::<$db>()?;
                let done = sqlx::query_with(AssertSqlSafe(text), arguments)
                    .persistent(keep)
                    .execute(self)
                    .await?;
                Ok(done.into())
            }

            async fn fetch_all<O>(self, sql: Sql) -> Result<Vec<O>, sqlx::Error>
            where
                O: for<'r> FromRow<'r, <$db as Database>::Row> + Send + Unpin,
            {
                let (text, arguments) = sql.build::<$db>()?;
                sqlx::query_as_with(AssertSqlSafe(text), arguments)
                    .fetch_all(self)
                    .await
            }

            async fn fetch_one<O>(self, sql: Sql) -> Result<O, sqlx::Error>
            where
                O: for<'r> FromRow<'r, <$db as Database>::Row> + Send + Unpin,
            {
                let (text, arguments) = sql.build::<$db>()?;
                sqlx::query_as_with(AssertSqlSafe(text), arguments)
                    .fetch_one(self)
                    .await
            }
        }
    };
}

target!(&'a sqlx::SqlitePool, Sqlite);
target!(&'a mut sqlx::SqliteConnection, Sqlite);
target!(&'a sqlx::PgPool, Postgres);
target!(&'a mut sqlx::PgConnection, Postgres);

/// Pieces of a statement with a separator between them (`Sql::separated`).
pub struct Separated<'a> {
    sql: &'a mut Sql,
    separator: &'static str,
    first: bool,
}

impl Separated<'_> {
    fn separate(&mut self) {
        if !self.first {
            self.sql.text.push_str(self.separator);
        }
        self.first = false;
    }

    pub fn push(&mut self, text: impl std::fmt::Display) -> &mut Self {
        self.separate();
        self.sql.push(text);
        self
    }

    pub fn push_bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.separate();
        self.sql.push_bind(value);
        self
    }

    pub fn push_unseparated(&mut self, text: impl std::fmt::Display) -> &mut Self {
        self.sql.push(text);
        self
    }

    pub fn push_bind_unseparated(&mut self, value: impl Into<Value>) -> &mut Self {
        self.sql.push_bind(value);
        self
    }
}

/// A database a `Sql` can be built for.
pub trait Bind: Database {
    const DIALECT: Dialect;
    fn arguments(values: Vec<Value>) -> Result<Self::Arguments, BoxDynError>;
}

macro_rules! bind_for {
    ($db:ty, $dialect:expr) => {
        impl Bind for $db {
            const DIALECT: Dialect = $dialect;
            fn arguments(values: Vec<Value>) -> Result<Self::Arguments, BoxDynError> {
                let mut arguments = <$db as Database>::Arguments::default();
                arguments.reserve(values.len(), values.len() * 16);
                for value in values {
                    match value {
                        Value::Text(v) => arguments.add(v)?,
                        Value::Int(v) => arguments.add(v)?,
                        Value::Bool(v) => arguments.add(v)?,
                        Value::Time(v) => arguments.add(v)?,
                        Value::Date(v) => arguments.add(v)?,
                    }
                }
                Ok(arguments)
            }
        }
    };
}

bind_for!(Sqlite, Dialect::Sqlite);
bind_for!(Postgres, Dialect::Postgres);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_question_marks_on_sqlite_and_numbered_on_postgres() {
        let mut sql = Sql::new("select x from t where a = ");
        sql.push_bind("a").push(" and b in (");
        sql.push_list(&["b", "c"]);
        assert_eq!(
            sql.text(Dialect::Sqlite),
            "select x from t where a = ? and b in (?, ?)"
        );
        assert_eq!(
            sql.text(Dialect::Postgres),
            "select x from t where a = $1 and b in ($2, $3)"
        );
    }

    #[test]
    fn values_rows_are_parenthesised_and_separated() {
        let mut sql = Sql::new("insert into t (a, b) ");
        sql.push_values([(1_i64, "x"), (2, "y")], |mut row, (a, b)| {
            row.push_bind(a).push_bind(b);
        });
        assert_eq!(
            sql.text(Dialect::Postgres),
            "insert into t (a, b) VALUES ($1, $2), ($3, $4)"
        );
    }
}
