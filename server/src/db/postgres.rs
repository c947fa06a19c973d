//! PostgreSQL: how its connections are opened. Several Relance processes share one server, so
//! each keeps a bounded pool and waits a bounded time for a connection.

use std::str::FromStr;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgPool};

use super::backend::{Profile, ACQUIRE_TIMEOUT};

pub(super) fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

fn connections(profile: Profile) -> u32 {
    match profile {
        Profile::Batch => 4,
        Profile::Command => 8,
        Profile::Server => 16,
    }
}

pub(super) async fn connect(url: &str, profile: Profile) -> anyhow::Result<PgPool> {
    let options = PgConnectOptions::from_str(url)
        .with_context(|| {
            format!(
                "DATABASE_URL is not a valid PostgreSQL URL ({})",
                redact(url)
            )
        })?
        // Dates and days are counted in UTC on the database side as on SQLite's. Every
        // statement is planned for its values and the tables as they are now: a plan kept
        // from when a table was nearly empty (a new shop, a fresh install) read all its rows
        // for each lookup once it had grown (an ingestion group's 500 carts: 290 ms, not 2).
        .options([
            ("timezone", "UTC"),
            ("plan_cache_mode", "force_custom_plan"),
        ])
        .application_name("relance");
    // One connection first: a pool's failure says only that it timed out, this one says why
    // (refused, password, unknown database).
    sqlx::PgConnection::connect_with(&options)
        .await
        .with_context(|| format!("cannot connect to PostgreSQL at {}", redact(url)))?
        .close()
        .await?;
    PgPoolOptions::new()
        .max_connections(connections(profile))
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot connect to PostgreSQL at {}", redact(url)))
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(parsed) => parsed.to_string(),
        Err(_) => "an unreadable URL".into(),
    }
}

/// A new, empty database on the PostgreSQL server of `server_url` (a URL without a database
/// name, whose user may create databases), named uniquely; its URL.
pub async fn create_scratch_database(server_url: &str) -> anyhow::Result<String> {
    use sqlx::Connection;
    let base = server_url.trim_end_matches('/');
    let mut admin = sqlx::PgConnection::connect(&format!("{base}/postgres"))
        .await
        .with_context(|| format!("cannot connect to PostgreSQL at {}", redact(base)))?;
    let name = format!("relance_{}", uuid::Uuid::now_v7().simple());
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(&mut admin)
        .await?;
    admin.close().await?;
    Ok(format!("{base}/{name}"))
}

/// A new database on the same server, made from the one at `url` as its template; its URL.
pub async fn copy_scratch_database(url: &str) -> anyhow::Result<String> {
    let (base, template) = url
        .rsplit_once('/')
        .context("a PostgreSQL URL ends with its database's name")?;
    let mut admin = sqlx::PgConnection::connect(&format!("{base}/postgres"))
        .await
        .with_context(|| format!("cannot connect to PostgreSQL at {}", redact(base)))?;
    let name = format!("relance_{}", uuid::Uuid::now_v7().simple());
    // Names are made here (uuid) or by create_scratch_database: nothing to quote.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "create database {name} template {template}"
    )))
    .execute(&mut admin)
    .await?;
    admin.close().await?;
    Ok(format!("{base}/{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_never_show_the_password() {
        assert_eq!(
            redact("postgres://relance:secret@db.example:5432/relance"),
            "postgres://relance:***@db.example:5432/relance"
        );
    }
}
