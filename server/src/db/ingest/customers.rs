//! Customers named by a group of events: created, refreshed when the event says something
//! new, and left alone (no row or index write) when it does not.

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Conn;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::memory::WriterMemory;
use super::read::stored_customers;
use super::rows::{CustomerRow, StoredCustomer, CUSTOMER_COLUMNS};
use super::statements::{insert_into, rows_per_statement};
use crate::db::{new_id, DbError};

/// The columns an event changes on a stored customer: all but its keys, its phone, address
/// and time zone (a missing one keeps the stored one).
fn refreshed_columns() -> impl Iterator<Item = &'static str> {
    CUSTOMER_COLUMNS.into_iter().filter(|c| {
        !matches!(
            *c,
            "shop_id"
                | "external_id"
                | "customer_id"
                | "phone"
                | "address"
                | "time_zone"
                | "sms_consent"
        )
    })
}

/// Creates or refreshes customers; returns (shop id, external id, internal id) of each.
///
/// A shop resends the same customer with every cart event, so the stored ones are read first
/// (from the writer's memory when it has them) and only new or changed customers are written
/// (an unchanged one costs no row or index write, and `updated_at` keeps the last real change).
pub async fn upsert_customers(
    conn: &mut Conn<'_>,
    memory: &mut WriterMemory,
    rows: &[CustomerRow<'_>],
    now: DateTime<Utc>,
) -> Result<Vec<(String, String, String)>, DbError> {
    let mut by_shop: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for row in rows {
        by_shop
            .entry(row.shop_id)
            .or_default()
            .push(row.customer.id.as_str());
    }
    let mut stored: HashMap<(String, String), StoredCustomer> = HashMap::new();
    for (shop_id, external_ids) in by_shop {
        for row in stored_customers(conn, memory, shop_id, &external_ids).await? {
            stored.insert((row.shop_id.clone(), row.external_id.clone()), row);
        }
    }
    let mut ids = Vec::with_capacity(rows.len());
    let mut writes = Vec::new();
    for row in rows {
        let groups = serde_json::to_string(&row.customer.groups).map_err(DbError::corrupt)?;
        let key = (row.shop_id.to_owned(), row.customer.id.clone());
        let before = stored.remove(&key);
        let customer_id = match &before {
            Some(before) => before.customer_id.clone(),
            None => row.customer_id.map_or_else(new_id, str::to_owned),
        };
        ids.push((key.0, key.1, customer_id.clone()));
        let after = StoredCustomer::after(row, groups, customer_id, before.as_ref());
        match before {
            // Stored and unchanged: known from now on as it is.
            Some(before) if before == after => memory.will_store_customer(before),
            _ => writes.push(after),
        }
    }
    write_customers(conn, &writes, now).await?;
    for written in writes {
        memory.will_store_customer(written);
    }
    Ok(ids)
}

async fn write_customers(
    conn: &mut Conn<'_>,
    customers: &[StoredCustomer],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut columns = CUSTOMER_COLUMNS.to_vec();
    columns.extend(["created_at", "updated_at"]);
    let insert = insert_into("customers", &columns);
    let refresh: Vec<String> = refreshed_columns()
        .map(|column| format!("{column} = excluded.{column}"))
        .collect();
    let on_conflict = format!(
        " on conflict (shop_id, external_id) do update set {},
             phone = coalesce(excluded.phone, customers.phone),
             address = coalesce(excluded.address, customers.address),
             time_zone = coalesce(excluded.time_zone, customers.time_zone),
             sms_consent = excluded.sms_consent and not exists (select 1 from sms_suppressions s
                 where s.shop_id = excluded.shop_id
                   and s.phone = coalesce(excluded.phone, customers.phone)),
             updated_at = excluded.updated_at",
        refresh.join(", ")
    );
    for chunk in customers.chunks(rows_per_statement(columns.len())) {
        let mut query: Sql = Sql::new(&insert);
        query.push_values(chunk, |mut row, c| {
            // In the order of CUSTOMER_COLUMNS.
            row.push_bind(c.shop_id.clone())
                .push_bind(c.external_id.clone())
                .push_bind(c.customer_id.clone())
                .push_bind(c.email.clone())
                .push_bind(c.first_name.clone())
                .push_bind(c.last_name.clone())
                .push_bind(c.gender.clone())
                .push_bind(c.language.clone())
                .push_bind(c.country.clone())
                .push_bind(c.groups_json.clone())
                .push_bind(c.newsletter)
                .push_bind(c.birthdate)
                .push_bind(c.orders_count)
                .push_bind(c.last_order_at)
                .push_bind(c.phone.clone())
                .push_bind(c.address.clone())
                .push_bind(c.time_zone.clone())
                .push_bind(c.sms_consent)
                .push_bind(now)
                .push_bind(now);
        });
        query.push(&on_conflict);
        on!(conn, |db| query.execute(db, true).await)?;
    }
    Ok(())
}
