//! The ingestion writer's writes: a whole group of events in a few multi-row statements
//! inside the caller's transaction, most of them built as one command (`Statements`).

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Conn;
use chrono::{DateTime, Utc};
use domain::Cart;

use super::rows::{CartWrite, EventRow, OrderRow};
use super::statements::{insert_into, rows_per_statement, Statements, LOOKUP_CHUNK};
use crate::db::money::to_db;
use crate::db::DbError;

/// Marks the keys used, at most once a minute so a busy shop does not write on every request.
pub fn touch_api_keys(statements: &mut Statements, api_key_ids: &[&str], now: DateTime<Utc>) {
    for chunk in api_key_ids.chunks(LOOKUP_CHUNK) {
        let query = statements.next("update api_keys set last_used_at = ");
        query
            .push_bind(now)
            .push(" where (last_used_at is null or last_used_at < ")
            .push_bind(now - chrono::Duration::minutes(1))
            .push(") and api_key_id in (");
        let mut list = query.separated(", ");
        for id in chunk {
            list.push_bind(id.to_string());
        }
        query.push(")");
    }
}

/// The group's events, each linked to the one before it about the same cart.
pub fn insert_events(statements: &mut Statements, rows: &[EventRow], now: DateTime<Utc>) {
    const COLUMNS: [&str; 10] = [
        "event_seq",
        "previous_seq",
        "api_key_id",
        "event_id",
        "shop_id",
        "event_type",
        "cart_external_id",
        "occurred_at",
        "received_at",
        "outcome",
    ];
    let insert = insert_into("cart_events", &COLUMNS);
    for chunk in rows.chunks(rows_per_statement(COLUMNS.len())) {
        // No conflict clause: the group left out the events already stored, so a conflict
        // here is a fault, and the group fails whole rather than break a chain.
        let query = statements.next(&insert);
        query.push_values(chunk, |mut row, e| {
            row.push_bind(e.seq)
                .push_bind(e.previous_seq)
                .push_bind(e.api_key_id.clone())
                .push_bind(e.event_id.clone())
                .push_bind(e.shop_id.clone())
                .push_bind(e.event_type)
                .push_bind(e.cart_external_id.clone())
                .push_bind(e.occurred_at)
                .push_bind(now)
                .push_bind(e.outcome);
        });
    }
}

/// What the stored lines of a cart are: equal digests mean equal lines, field by field.
pub fn items_digest(items: &[domain::CartItem]) -> Result<String, DbError> {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    use sha2::{Digest, Sha256};
    let encoded = serde_json::to_vec(items).map_err(DbError::corrupt)?;
    Ok(URL_SAFE_NO_PAD.encode(Sha256::digest(&encoded)))
}

/// Writes carts whole: new ones are inserted, known ones take the new state (a guest cart keeps
/// the customer it had when the update names none).
pub fn upsert_carts(statements: &mut Statements, rows: &[CartWrite<'_>]) -> Result<(), DbError> {
    const COLUMNS: [&str; 19] = [
        "cart_id",
        "shop_id",
        "external_id",
        "customer_id",
        "currency",
        "total_tax_incl",
        "total_tax_excl",
        "shipping",
        "url",
        "created_at",
        "last_activity_at",
        "ordered_at",
        "deleted_at",
        "items_fingerprint",
        "sequence_started_at",
        "sequence",
        "product_count",
        "items_digest",
        "last_event_seq",
    ];
    let insert = insert_into("carts", &COLUMNS);
    for chunk in rows.chunks(rows_per_statement(COLUMNS.len())) {
        let amounts = chunk
            .iter()
            .map(|r| {
                Ok((
                    to_db(r.cart.total_tax_incl.amount())?,
                    to_db(r.cart.total_tax_excl.amount())?,
                    to_db(r.cart.shipping.amount())?,
                ))
            })
            .collect::<Result<Vec<_>, DbError>>()?;
        let query = statements.next(&insert);
        query.push_values(
            chunk.iter().zip(amounts),
            |mut row, (r, (incl, excl, shipping))| {
                row.push_bind(r.cart_id.to_owned())
                    .push_bind(r.shop_id.to_owned())
                    .push_bind(r.cart.id.clone())
                    .push_bind(r.customer_id.map(str::to_owned))
                    .push_bind(r.cart.currency.code().to_owned())
                    .push_bind(incl)
                    .push_bind(excl)
                    .push_bind(shipping)
                    .push_bind(r.cart.url.as_ref().map(|u| u.as_str().to_owned()))
                    .push_bind(r.created_at)
                    .push_bind(r.last_activity_at)
                    .push_bind(r.ordered_at)
                    .push_bind(r.deleted_at)
                    .push_bind(r.fingerprint.to_owned())
                    .push_bind(r.sequence_started_at)
                    .push_bind(r.sequence)
                    .push_bind(i64::from(r.cart.product_count()))
                    .push_bind(r.items_digest.clone())
                    .push_bind(r.last_event_seq);
            },
        );
        query.push(
            " on conflict (shop_id, external_id) do update set
                 customer_id = coalesce(excluded.customer_id, carts.customer_id), currency = excluded.currency,
                 total_tax_incl = excluded.total_tax_incl, total_tax_excl = excluded.total_tax_excl,
                 shipping = excluded.shipping, url = excluded.url, last_activity_at = excluded.last_activity_at,
                 ordered_at = excluded.ordered_at, deleted_at = excluded.deleted_at,
                 items_fingerprint = excluded.items_fingerprint, sequence_started_at = excluded.sequence_started_at,
                 sequence = excluded.sequence,
                 steps_done = case when excluded.sequence = carts.sequence then carts.steps_done else 0 end,
                 product_count = excluded.product_count, items_digest = excluded.items_digest,
                 last_event_seq = excluded.last_event_seq",
        );
    }
    Ok(())
}

/// Replaces the lines of these carts with their new ones.
pub fn replace_items(
    statements: &mut Statements,
    carts: &[(&str, &str, &Cart)],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    for chunk in carts.chunks(LOOKUP_CHUNK) {
        let query = statements.next("delete from cart_items where cart_id in (");
        let mut list = query.separated(", ");
        for (cart_id, _, _) in chunk {
            list.push_bind(cart_id.to_string());
        }
        query.push(")");
    }
    let mut lines = Vec::new();
    for (cart_id, shop_id, cart) in carts {
        for (position, item) in cart.items.iter().enumerate() {
            lines.push((
                *cart_id,
                *shop_id,
                position,
                item,
                to_db(item.unit_price.amount())?,
            ));
        }
    }
    const COLUMNS: [&str; 14] = [
        "cart_id",
        "shop_id",
        "position",
        "sku",
        "name",
        "description",
        "image_url",
        "product_url",
        "category",
        "unit_price",
        "quantity",
        "stock",
        "created_at",
        "ean",
    ];
    let insert = insert_into("cart_items", &COLUMNS);
    for chunk in lines.chunks(rows_per_statement(COLUMNS.len())) {
        let query = statements.next(&insert);
        query.push_values(
            chunk,
            |mut row, (cart_id, shop_id, position, item, price)| {
                row.push_bind(cart_id.to_string())
                    .push_bind(shop_id.to_string())
                    .push_bind(*position as i64)
                    .push_bind(item.sku.clone())
                    .push_bind(item.name.clone())
                    .push_bind(item.description.clone())
                    .push_bind(item.image_url.as_ref().map(|u| u.as_str().to_owned()))
                    .push_bind(item.product_url.as_ref().map(|u| u.as_str().to_owned()))
                    .push_bind(item.category.clone())
                    .push_bind(*price)
                    .push_bind(i64::from(item.quantity))
                    .push_bind(item.stock)
                    .push_bind(now)
                    .push_bind(item.ean.as_ref().map(|e| e.as_str().to_owned()));
            },
        );
    }
    Ok(())
}

/// Marks a cart the group did not rewrite as ordered and/or deleted.
pub fn mark_cart(
    statements: &mut Statements,
    cart_id: &str,
    customer_id: Option<&str>,
    ordered_at: Option<DateTime<Utc>>,
    deleted_at: Option<DateTime<Utc>>,
    last_event_seq: Option<i64>,
) {
    statements
        .next("update carts set ordered_at = ")
        .push_bind(ordered_at)
        .push(", deleted_at = ")
        .push_bind(deleted_at)
        .push(", customer_id = coalesce(")
        .push_bind(customer_id.map(str::to_owned))
        .push(", customer_id), last_event_seq = ")
        .push_bind(last_event_seq)
        .push(" where cart_id = ")
        .push_bind(cart_id.to_owned());
}

/// Points a cart the group left as it was (a late or after-order event) at its last event.
pub fn chain_cart(statements: &mut Statements, cart_id: &str, last_event_seq: i64) {
    statements
        .next("update carts set last_event_seq = ")
        .push_bind(last_event_seq)
        .push(" where cart_id = ")
        .push_bind(cart_id.to_owned());
}

/// Records orders once (a shop resending one under another event id changes nothing).
pub async fn insert_orders(
    conn: &mut Conn<'_>,
    rows: &[OrderRow],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    const COLUMNS: [&str; 11] = [
        "order_id",
        "shop_id",
        "external_id",
        "cart_id",
        "cart_external_id",
        "currency",
        "total_tax_incl",
        "coupon_codes_json",
        "ordered_at",
        "created_at",
        "status",
    ];
    let insert = insert_into("orders", &COLUMNS);
    for chunk in rows.chunks(rows_per_statement(COLUMNS.len())) {
        let encoded = chunk
            .iter()
            .map(|o| {
                Ok((
                    to_db(o.total_tax_incl)?,
                    serde_json::to_string(&o.coupon_codes).map_err(DbError::corrupt)?,
                ))
            })
            .collect::<Result<Vec<_>, DbError>>()?;
        let mut query: Sql = Sql::new(&insert);
        query.push_values(chunk.iter().zip(encoded), |mut row, (o, (total, codes))| {
            row.push_bind(o.order_id.clone())
                .push_bind(o.shop_id.clone())
                .push_bind(o.external_id.clone())
                .push_bind(o.cart_id.clone())
                .push_bind(o.cart_external_id.clone())
                .push_bind(o.currency.clone())
                .push_bind(total)
                .push_bind(codes)
                .push_bind(o.ordered_at)
                .push_bind(now)
                .push_bind(o.status.as_str());
        });
        query.push(" on conflict (shop_id, external_id) do nothing");
        on!(conn, |db| query.execute(db, true).await)?;
    }
    Ok(())
}
