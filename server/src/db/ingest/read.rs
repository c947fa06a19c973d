//! The ingestion writer's reads, inside its write transaction: what the group's events are
//! about, as stored, with what the writer's memory already holds taken first.

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Conn;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;

use super::memory::WriterMemory;
use super::rows::{StoredCartRow, StoredCustomer, CUSTOMER_COLUMNS, STORED_CART_COLUMNS};
use super::statements::LOOKUP_CHUNK;
use crate::db::backend::Turn;
use crate::db::DbError;

/// Starts a group: the memory stays valid only if no other connection committed since.
pub async fn check_memory(conn: &mut Conn<'_>, memory: &mut WriterMemory) -> Result<(), DbError> {
    // Other processes may ingest into the same database: one group at a time across all of
    // them, so the events' numbers and the carts read stay this group's until it commits.
    conn.take_turn(Turn::Ingestion).await?;
    match conn {
        // Changes when another connection commits; the writer's own commits leave it.
        Conn::Sqlite(conn) => {
            let version: i64 = sqlx::query_scalar("pragma data_version")
                .fetch_one(&mut **conn)
                .await?;
            memory.check(version);
        }
        // Another process may have written anything since: the writer reads afresh.
        Conn::Postgres(_) => memory.forget(),
    }
    Ok(())
}

/// Which of `event_ids` this key already sent.
pub async fn known_event_ids(
    conn: &mut Conn<'_>,
    api_key_id: &str,
    event_ids: &[&str],
) -> Result<Vec<String>, DbError> {
    let mut known = Vec::new();
    for chunk in event_ids.chunks(LOOKUP_CHUNK) {
        let mut query: Sql = Sql::new("select event_id from cart_events where api_key_id = ");
        query
            .push_bind(api_key_id.to_owned())
            .push(" and event_id in (");
        query.push_list(chunk);
        let rows: Vec<(String,)> = on!(conn, |db| query.fetch_all(db).await)?;
        known.extend(rows.into_iter().map(|(id,)| id));
    }
    Ok(known)
}

/// The shop's rows of `table` with these external ids: first those `take` finds in the
/// writer's memory, then the rest read `LOOKUP_CHUNK` at a time.
async fn lookup<T>(
    conn: &mut Conn<'_>,
    columns: &str,
    table: &str,
    shop_id: &str,
    external_ids: &[&str],
    mut take: impl FnMut(&str) -> Option<T>,
) -> Result<Vec<T>, DbError>
where
    T: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
{
    let mut rows = Vec::with_capacity(external_ids.len());
    let mut unknown = Vec::new();
    for id in external_ids {
        match take(id) {
            Some(row) => rows.push(row),
            None => unknown.push(*id),
        }
    }
    for chunk in unknown.chunks(LOOKUP_CHUNK) {
        let mut query: Sql = Sql::new(format!("select {columns} from {table} where shop_id = "));
        query
            .push_bind(shop_id.to_owned())
            .push(" and external_id in (");
        query.push_list(chunk);
        rows.extend(on!(conn, |db| query.fetch_all::<T, _>(db).await)?);
    }
    Ok(rows)
}

/// The shop's stored carts among `external_ids`; those the writer's memory holds are taken
/// from it, not read (the group stores them back).
pub async fn stored_carts(
    conn: &mut Conn<'_>,
    memory: &mut WriterMemory,
    shop_id: &str,
    external_ids: &[&str],
) -> Result<Vec<StoredCartRow>, DbError> {
    lookup(
        conn,
        STORED_CART_COLUMNS,
        "carts",
        shop_id,
        external_ids,
        |id| memory.take_cart(shop_id, id),
    )
    .await
}

/// The shop's stored customers among `external_ids`; those the writer's memory holds are
/// taken from it, not read (the group stores them back).
pub async fn stored_customers(
    conn: &mut Conn<'_>,
    memory: &mut WriterMemory,
    shop_id: &str,
    external_ids: &[&str],
) -> Result<Vec<StoredCustomer>, DbError> {
    let columns = CUSTOMER_COLUMNS.join(", ");
    lookup(conn, &columns, "customers", shop_id, external_ids, |id| {
        memory.take_customer(shop_id, id)
    })
    .await
}

/// The number the next event received takes: the memory's, or one past the last stored.
pub async fn next_event_seq(conn: &mut Conn<'_>, memory: &WriterMemory) -> Result<i64, DbError> {
    if let Some(seq) = memory.next_event_seq() {
        return Ok(seq);
    }
    let last: Option<i64> = on!(conn, |db| sqlx::query_scalar(
        "select max(event_seq) from cart_events"
    )
    .fetch_one(db)
    .await)?;
    Ok(last.unwrap_or(0) + 1)
}

/// The last event stored about each of these carts while the shop did not know them (an order
/// or a deletion before any update), by external id: where a cart created now links its chain.
pub async fn unknown_cart_heads(
    conn: &mut Conn<'_>,
    shop_id: &str,
    external_ids: &[&str],
) -> Result<Vec<(String, i64)>, DbError> {
    let mut heads = Vec::new();
    for chunk in external_ids.chunks(LOOKUP_CHUNK) {
        let mut query: Sql = Sql::new(
            "select cart_external_id, max(event_seq) from cart_events
             where outcome = 'unknown_cart' and shop_id = ",
        );
        query
            .push_bind(shop_id.to_owned())
            .push(" and cart_external_id in (");
        query.push_list(chunk);
        query.push(" group by cart_external_id");
        heads.extend(on!(conn, |db| query
            .fetch_all::<(String, i64), _>(db)
            .await)?);
    }
    Ok(heads)
}

#[cfg(test)]
mod tests {
    use sqlx::Connection;

    use super::*;

    fn cart(external_id: &str) -> StoredCartRow {
        StoredCartRow::sample(external_id)
    }

    #[tokio::test]
    async fn a_commit_by_another_connection_makes_the_writer_forget_what_it_knew() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/memory.db", dir.path().display());
        let pool = crate::db::connect(&url).await.unwrap();
        on!(&pool, |db| sqlx::query("create table t (x integer)")
            .execute(db)
            .await
            .map(crate::db::Done::from))
        .unwrap();
        let mut writer = pool.acquire().await.unwrap();
        let mut memory = WriterMemory::default();

        check_memory(&mut writer.conn(), &mut memory).await.unwrap();
        memory.will_store_cart("shop", cart("c-1"));
        memory.committed();
        // Its own commits do not count.
        on!(writer, |db| sqlx::query("insert into t values (1)")
            .execute(db)
            .await
            .map(crate::db::Done::from))
        .unwrap();
        check_memory(&mut writer.conn(), &mut memory).await.unwrap();
        assert_eq!(memory.known_carts(), 1);

        let mut other = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("insert into t values (2)")
            .execute(&mut other)
            .await
            .unwrap();
        check_memory(&mut writer.conn(), &mut memory).await.unwrap();
        assert_eq!(memory.known_carts(), 0);
        assert!(memory.take_cart("shop", "c-1").is_none());
    }
}
