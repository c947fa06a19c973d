//! `relance migrate-data`: copies every row of one Relance database into another, empty one
//! (SQLite to PostgreSQL to move an install, or any other way), then checks that both hold
//! the same rows: a count and a checksum per table.

use std::collections::HashMap;

use anyhow::{bail, Context};
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::{ColumnIndex, Decode, Row, Type};

use super::sql::{Sql, Value};
use super::{on, Pool};

/// The tables copied, parents before children. SQLite's search tables are filled by its
/// triggers as the rows arrive.
pub const TABLES: &[&str] = &[
    "shops",
    "admin_users",
    "admin_sessions",
    "shop_members",
    "invitations",
    "app_secrets",
    "shop_settings",
    "api_keys",
    "webhook_secrets",
    "trackers",
    "connect_log",
    "customers",
    "carts",
    "cart_items",
    "orders",
    "cart_events",
    "email_templates",
    "template_contents",
    "campaigns",
    "reminder_steps",
    "step_discounts",
    "reminder_requests",
    "deliveries",
    "call_tasks",
    "code_collections",
    "collection_codes",
    "coupons",
    "delivery_events",
    "webhook_attempts",
    "suppressions",
    "sms_providers",
    "sms_suppressions",
    "audit_log",
    "engine_runs",
    "job_locks",
    "stats_days",
    "stats_step_days",
    "stats_reach_days",
    "stats_state",
];

/// The statistics' queue of days to count again: not copied, as the target's triggers mark
/// every day its copied rows touch, so its first refresh recounts them.
pub const NOT_COPIED: &[&str] = &["stats_dirty_days", "stats_claimed_days"];

/// Rows written per statement.
const ROWS_PER_INSERT: usize = 500;

/// How a column's values are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Int,
    Bool,
    Time,
    Date,
}

impl Kind {
    /// From a declared type (SQLite's `pragma table_info`, PostgreSQL's information schema).
    fn of(declared: &str) -> anyhow::Result<Self> {
        Ok(match declared.to_ascii_lowercase().as_str() {
            "text" => Self::Text,
            "integer" | "bigint" => Self::Int,
            "boolean" => Self::Bool,
            "timestamptz" | "timestamp with time zone" => Self::Time,
            "date" => Self::Date,
            other => bail!("a column of type {other:?} is not one Relance's schema uses"),
        })
    }
}

/// A table's count and checksum on each side, as the copy found them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCheck {
    pub table: &'static str,
    pub source_rows: u64,
    pub target_rows: u64,
    pub source_checksum: String,
    pub target_checksum: String,
}

impl TableCheck {
    pub fn matches(&self) -> bool {
        self.source_rows == self.target_rows && self.source_checksum == self.target_checksum
    }
}

/// Copies every table of `from` into `to`, whose schema is migrated and holds no row, then
/// compares them table by table.
pub async fn copy_all(from: &Pool, to: &Pool) -> anyhow::Result<Vec<TableCheck>> {
    for table in TABLES {
        let rows = count(to, table).await?;
        if rows > 0 {
            bail!("the target database is not empty ({table} has {rows} rows): nothing was copied");
        }
    }
    for table in TABLES {
        copy_table(from, to, table)
            .await
            .with_context(|| format!("copying {table}"))?;
    }
    // The target's triggers counted each cart's reminders again, and named its rule, as they
    // arrived: the source's are the truth.
    copy_table_columns(
        from,
        to,
        "carts",
        "cart_id",
        &["steps_done", "first_sent_at", "sequence_rule_id"],
    )
    .await?;
    let mut checks = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let columns = shared_columns(from, to, table).await?;
        let (source_rows, source_checksum) = checksum(from, table, &columns).await?;
        let (target_rows, target_checksum) = checksum(to, table, &columns).await?;
        checks.push(TableCheck {
            table,
            source_rows,
            target_rows,
            source_checksum,
            target_checksum,
        });
    }
    Ok(checks)
}

async fn count(pool: &Pool, table: &str) -> anyhow::Result<i64> {
    let sql = Sql::new(format!("select count(*) from {table}"));
    let (rows,): (i64,) = on!(pool, |db| sql.fetch_one(db).await)?;
    Ok(rows)
}

/// The table's columns with their kinds, as `pool`'s schema declares them (without
/// PostgreSQL's `rowid` identity, which numbers rows itself).
async fn columns(pool: &Pool, table: &str) -> anyhow::Result<Vec<(String, Kind)>> {
    let rows: Vec<(String, String)> = match pool {
        Pool::Sqlite(db) => {
            let mut sql = Sql::new("select name, type from pragma_table_info(");
            sql.push_bind(table).push(") order by cid");
            sql.fetch_all(db).await?
        }
        Pool::Postgres(db) => {
            let mut sql = Sql::new(
                "select column_name::text, data_type::text from information_schema.columns
                 where table_schema = current_schema() and is_identity = 'NO' and table_name = ",
            );
            sql.push_bind(table).push(" order by ordinal_position");
            sql.fetch_all(db).await?
        }
    };
    if rows.is_empty() {
        bail!("the table {table} is missing: is the database migrated?");
    }
    rows.into_iter()
        .map(|(name, declared)| Ok((name, Kind::of(&declared)?)))
        .collect()
}

/// Every text value of `table`, in no order: how a test proves an address is nowhere left.
pub async fn text_values(pool: &Pool, table: &str) -> anyhow::Result<Vec<String>> {
    let names: Vec<String> = columns(pool, table)
        .await?
        .into_iter()
        .filter(|(_, kind)| *kind == Kind::Text)
        .map(|(name, _)| name)
        .collect();
    let mut values = Vec::new();
    for name in names {
        let sql = Sql::new(format!(
            "select {name} from {table} where {name} is not null"
        ));
        let column: Vec<(String,)> = on!(pool, |db| sql.fetch_all(db).await)?;
        values.extend(column.into_iter().map(|(value,)| value));
    }
    Ok(values)
}

/// The columns both sides have: a newer schema on one side is refused rather than guessed.
async fn shared_columns(
    from: &Pool,
    to: &Pool,
    table: &str,
) -> anyhow::Result<Vec<(String, Kind)>> {
    let source = columns(from, table).await?;
    let target: HashMap<String, Kind> = columns(to, table).await?.into_iter().collect();
    if source.len() != target.len() || source.iter().any(|(name, _)| !target.contains_key(name)) {
        bail!("{table} has other columns in the two databases: migrate both to this version first");
    }
    Ok(source)
}

async fn copy_table(from: &Pool, to: &Pool, table: &'static str) -> anyhow::Result<()> {
    let columns = shared_columns(from, to, table).await?;
    let names: Vec<&str> = columns.iter().map(|(name, _)| name.as_str()).collect();
    let kinds: Vec<Kind> = columns.iter().map(|(_, kind)| *kind).collect();
    let select = Sql::new(format!("select {} from {table}", names.join(", ")));
    let insert = format!("insert into {table} ({}) ", names.join(", "));
    let mut batch: Vec<Vec<Value>> = Vec::with_capacity(ROWS_PER_INSERT);
    let write = |rows: Vec<Vec<Value>>| {
        let mut sql = Sql::new(&insert);
        sql.push_values(rows, |mut row, values| {
            for value in values {
                row.push_bind(value);
            }
        });
        sql
    };
    let text = select.text(from.dialect());
    macro_rules! stream {
        ($db:expr) => {{
            let mut rows = sqlx::query(sqlx::AssertSqlSafe(text.clone())).fetch($db);
            while let Some(row) = rows.try_next().await? {
                batch.push(decode(&row, &kinds)?);
                if batch.len() == ROWS_PER_INSERT {
                    let sql = write(std::mem::take(&mut batch));
                    on!(to, |target| sql.execute(target, false).await)?;
                }
            }
        }};
    }
    match from {
        Pool::Sqlite(db) => stream!(db),
        Pool::Postgres(db) => stream!(db),
    }
    if !batch.is_empty() {
        let sql = write(batch);
        on!(to, |target| sql.execute(target, false).await)?;
    }
    Ok(())
}

/// Sets `columns` of every row of `table` in `to` to their values in `from`, by `key`.
async fn copy_table_columns(
    from: &Pool,
    to: &Pool,
    table: &str,
    key: &str,
    columns: &[&str],
) -> anyhow::Result<()> {
    let all = shared_columns(from, to, table).await?;
    let kinds: Vec<Kind> = std::iter::once(key)
        .chain(columns.iter().copied())
        .map(|name| {
            all.iter()
                .find(|(n, _)| n == name)
                .map(|(_, kind)| *kind)
                .with_context(|| format!("{table} has no column {name}"))
        })
        .collect::<anyhow::Result<_>>()?;
    let select = Sql::new(format!("select {key}, {} from {table}", columns.join(", ")));
    let rows: Vec<Vec<Value>> = match from {
        Pool::Sqlite(db) => {
            let rows = sqlx::query(sqlx::AssertSqlSafe(select.text(from.dialect())))
                .fetch_all(db)
                .await?;
            rows.iter()
                .map(|row| decode(row, &kinds))
                .collect::<Result<_, _>>()?
        }
        Pool::Postgres(db) => {
            let rows = sqlx::query(sqlx::AssertSqlSafe(select.text(from.dialect())))
                .fetch_all(db)
                .await?;
            rows.iter()
                .map(|row| decode(row, &kinds))
                .collect::<Result<_, _>>()?
        }
    };
    let set: Vec<String> = columns.iter().map(|c| format!("{c} = ")).collect();
    for values in rows {
        let mut values = values.into_iter();
        let id = values.next().expect("the key comes first");
        let mut sql = Sql::new(format!("update {table} set "));
        for (n, (assign, value)) in set.iter().zip(values).enumerate() {
            if n > 0 {
                sql.push(", ");
            }
            sql.push(assign).push_bind(value);
        }
        sql.push(format_args!(" where {key} = ")).push_bind(id);
        on!(to, |target| sql.execute(target, true).await)?;
    }
    Ok(())
}

/// The row's values, read by kind.
fn decode<R>(row: &R, kinds: &[Kind]) -> Result<Vec<Value>, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    for<'r> Option<String>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Option<i64>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Option<bool>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Option<DateTime<Utc>>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Option<NaiveDate>: Decode<'r, R::Database> + Type<R::Database>,
{
    kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            Ok(match kind {
                Kind::Text => Value::Text(row.try_get(i)?),
                Kind::Int => Value::Int(row.try_get(i)?),
                Kind::Bool => Value::Bool(row.try_get(i)?),
                Kind::Time => Value::Time(row.try_get(i)?),
                Kind::Date => Value::Date(row.try_get(i)?),
            })
        })
        .collect()
}

/// The table's row count, and a checksum of its rows that does not depend on their order:
/// the sum of each row's SHA-256 (first 16 bytes) of its values written out the same way on
/// either database (times at the microsecond, PostgreSQL's precision).
async fn checksum(
    pool: &Pool,
    table: &str,
    columns: &[(String, Kind)],
) -> anyhow::Result<(u64, String)> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| name.as_str()).collect();
    let kinds: Vec<Kind> = columns.iter().map(|(_, kind)| *kind).collect();
    let text = format!("select {} from {table}", names.join(", "));
    let mut rows = 0_u64;
    let mut sum = 0_u128;
    macro_rules! stream {
        ($db:expr) => {{
            let mut stream = sqlx::query(sqlx::AssertSqlSafe(text)).fetch($db);
            while let Some(row) = stream.try_next().await? {
                let values = decode(&row, &kinds)?;
                sum = sum.wrapping_add(row_hash(&values));
                rows += 1;
            }
        }};
    }
    match pool {
        Pool::Sqlite(db) => stream!(db),
        Pool::Postgres(db) => stream!(db),
    }
    Ok((rows, format!("{sum:032x}")))
}

fn row_hash(values: &[Value]) -> u128 {
    let mut hasher = Sha256::new();
    for value in values {
        let text = match value {
            Value::Text(v) => v.clone(),
            Value::Int(v) => v.map(|n| n.to_string()),
            Value::Bool(v) => v.map(|b| b.to_string()),
            Value::Time(v) => v.map(|t| t.trunc_subsecs(6).to_rfc3339()),
            Value::Date(v) => v.map(|d| d.to_string()),
        };
        match text {
            Some(text) => {
                hasher.update([1]);
                hasher.update((text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
            None => hasher.update([0]),
        }
    }
    let digest = hasher.finalize();
    u128::from_le_bytes(digest[..16].try_into().expect("32 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_copy_knows_every_table_of_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let pool = super::super::test_support::sqlite_pool(&format!(
            "sqlite://{}/tables.db",
            dir.path().display()
        ))
        .await;
        super::super::migrate(&Pool::Sqlite(pool.clone()))
            .await
            .unwrap();
        let tables: Vec<(String,)> = sqlx::query_as(
            "select name from sqlite_schema where type = 'table' and name not like '_sqlx%'
               and name not like '%search%' order by name",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let mut known: Vec<&str> = TABLES.iter().chain(NOT_COPIED).copied().collect();
        known.sort_unstable();
        let tables: Vec<&str> = tables.iter().map(|(name,)| name.as_str()).collect();
        assert_eq!(tables, known);
    }
}
