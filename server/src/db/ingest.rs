//! The reads and writes of the ingestion API: a whole group of events in a few multi-row
//! statements inside the caller's transaction.

use chrono::{DateTime, Utc};
use domain::{Cart, Customer};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::ingest_memory::WriterMemory;
use super::money::to_db;
use super::{new_id, push_list, DbError};

/// SQLite accepts 32,766 bound values per statement; stay below it.
const MAX_BINDS: usize = 30_000;
/// Commands with SQL up to this long stay prepared for reuse (see `Statements::execute`).
const KEEP_PREPARED_UP_TO_SQL_BYTES: usize = 16 * 1024;

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
    fn next(&mut self, sql: &str) -> &mut QueryBuilder<Sqlite> {
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

/// Marks the keys used, at most once a minute so a busy shop does not write on every request.
pub fn touch_api_keys(statements: &mut Statements, api_key_ids: &[&str], now: DateTime<Utc>) {
    for chunk in api_key_ids.chunks(900) {
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

/// Which of `event_ids` this key already sent.
pub async fn known_event_ids(
    conn: &mut SqliteConnection,
    api_key_id: &str,
    event_ids: &[&str],
) -> Result<Vec<String>, DbError> {
    let mut known = Vec::new();
    for chunk in event_ids.chunks(900) {
        let mut query: QueryBuilder<Sqlite> =
            QueryBuilder::new("select event_id from cart_events where api_key_id = ");
        query
            .push_bind(api_key_id.to_owned())
            .push(" and event_id in (");
        push_list(&mut query, chunk);
        let rows: Vec<(String,)> = query.build_query_as().fetch_all(&mut *conn).await?;
        known.extend(rows.into_iter().map(|(id,)| id));
    }
    Ok(known)
}

/// A stored cart as the lifecycle rules and the writes need it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredCartRow {
    pub cart_id: String,
    pub external_id: String,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub items_fingerprint: String,
    pub sequence_started_at: Option<DateTime<Utc>>,
    pub items_digest: String,
    /// The last event received about the cart: where its timeline's chain starts.
    pub last_event_seq: Option<i64>,
}

/// The shop's stored carts among `external_ids`; those the writer's memory holds are not read.
pub async fn stored_carts(
    conn: &mut SqliteConnection,
    memory: &mut WriterMemory,
    shop_id: &str,
    external_ids: &[&str],
) -> Result<Vec<StoredCartRow>, DbError> {
    let mut rows = Vec::new();
    let mut unknown = Vec::new();
    for id in external_ids {
        match memory.take_cart(shop_id, id) {
            Some(row) => rows.push(row),
            None => unknown.push(*id),
        }
    }
    for chunk in unknown.chunks(900) {
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "select cart_id, external_id, created_at, last_activity_at, ordered_at, deleted_at,
                 items_fingerprint, sequence_started_at, items_digest, last_event_seq
             from carts where shop_id = ",
        );
        query
            .push_bind(shop_id.to_owned())
            .push(" and external_id in (");
        push_list(&mut query, chunk);
        rows.extend(
            query
                .build_query_as::<StoredCartRow>()
                .fetch_all(&mut *conn)
                .await?,
        );
    }
    Ok(rows)
}

/// The number the next event received takes: one past the last stored.
pub async fn next_event_seq(conn: &mut SqliteConnection) -> Result<i64, DbError> {
    let last: Option<i64> = sqlx::query_scalar("select max(event_seq) from cart_events")
        .fetch_one(conn)
        .await?;
    Ok(last.unwrap_or(0) + 1)
}

/// The last event stored about each of these carts while the shop did not know them (an order
/// or a deletion before any update), by external id: where a cart created now links its chain.
pub async fn unknown_cart_heads(
    conn: &mut SqliteConnection,
    shop_id: &str,
    external_ids: &[&str],
) -> Result<Vec<(String, i64)>, DbError> {
    let mut heads = Vec::new();
    for chunk in external_ids.chunks(900) {
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "select cart_external_id, max(event_seq) from cart_events
             where outcome = 'unknown_cart' and shop_id = ",
        );
        query
            .push_bind(shop_id.to_owned())
            .push(" and cart_external_id in (");
        push_list(&mut query, chunk);
        query.push(" group by cart_external_id");
        heads.extend(
            query
                .build_query_as::<(String, i64)>()
                .fetch_all(&mut *conn)
                .await?,
        );
    }
    Ok(heads)
}

pub struct EventRow {
    pub seq: i64,
    pub previous_seq: Option<i64>,
    pub api_key_id: String,
    pub event_id: String,
    pub shop_id: String,
    pub event_type: &'static str,
    pub cart_external_id: String,
    pub occurred_at: DateTime<Utc>,
    pub outcome: &'static str,
}

pub fn insert_events(statements: &mut Statements, rows: &[EventRow], now: DateTime<Utc>) {
    for chunk in rows.chunks(MAX_BINDS / 10) {
        // No conflict clause: the group left out the events already stored, so a conflict
        // here is a fault, and the group fails whole rather than break a chain.
        let query = statements.next(
            "insert into cart_events (event_seq, previous_seq, api_key_id, event_id, shop_id, event_type,
                 cart_external_id, occurred_at, received_at, outcome) ",
        );
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

pub struct CustomerRow<'a> {
    /// The id a new customer gets; `None` for a fresh one.
    pub customer_id: Option<&'a str>,
    pub shop_id: &'a str,
    pub customer: &'a Customer,
    pub phone: Option<&'a str>,
}

/// A stored customer, in the columns an event can change, as they are bound.
#[derive(Clone, sqlx::FromRow)]
pub(crate) struct StoredCustomer {
    pub(crate) shop_id: String,
    pub(crate) external_id: String,
    customer_id: String,
    email: String,
    first_name: String,
    last_name: String,
    gender: Option<String>,
    language: String,
    country: Option<String>,
    groups_json: String,
    newsletter: bool,
    birthdate: Option<chrono::NaiveDate>,
    orders_count: i64,
    last_order_at: Option<DateTime<Utc>>,
    phone: Option<String>,
}

impl StoredCustomer {
    /// The stored customer once `row` is written over `before`, or `None` when `before` already
    /// says the same (nothing to write). A missing phone keeps the stored one.
    fn after(
        row: &CustomerRow<'_>,
        groups_json: &str,
        customer_id: &str,
        before: Option<&StoredCustomer>,
    ) -> Option<Self> {
        if before.is_some_and(|before| !before.differs(row, groups_json)) {
            return None;
        }
        let c = row.customer;
        Some(Self {
            shop_id: row.shop_id.to_owned(),
            external_id: c.id.clone(),
            customer_id: customer_id.to_owned(),
            email: c.email.as_str().to_owned(),
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            gender: c.gender.map(|g| g.as_str().to_owned()),
            language: c.language.code().to_owned(),
            country: c.country.clone(),
            groups_json: groups_json.to_owned(),
            newsletter: c.newsletter,
            birthdate: c.birthdate,
            orders_count: i64::from(c.orders_count),
            last_order_at: c.last_order_at,
            phone: row
                .phone
                .map(str::to_owned)
                .or_else(|| before.and_then(|b| b.phone.clone())),
        })
    }

    /// Whether `row` says anything new; a missing phone keeps the stored one.
    fn differs(&self, row: &CustomerRow<'_>, groups_json: &str) -> bool {
        let c = row.customer;
        self.email != c.email.as_str()
            || self.first_name != c.first_name
            || self.last_name != c.last_name
            || self.gender.as_deref() != c.gender.map(|g| g.as_str())
            || self.language != c.language.code()
            || self.country != c.country
            || self.groups_json != groups_json
            || self.newsletter != c.newsletter
            || self.birthdate != c.birthdate
            || self.orders_count != i64::from(c.orders_count)
            || self.last_order_at != c.last_order_at
            || row
                .phone
                .is_some_and(|phone| self.phone.as_deref() != Some(phone))
    }
}

/// Creates or refreshes customers; returns (shop id, external id, internal id) of each.
///
/// A shop resends the same customer with every cart event, so the stored ones are read first
/// and only new or changed customers are written (an unchanged one costs no row or index
/// write, and `updated_at` keeps the last real change).
pub async fn upsert_customers(
    conn: &mut SqliteConnection,
    memory: &mut WriterMemory,
    rows: &[CustomerRow<'_>],
    now: DateTime<Utc>,
) -> Result<Vec<(String, String, String)>, DbError> {
    let mut ids = Vec::with_capacity(rows.len());
    let mut writes = Vec::new();
    let mut unknown = Vec::new();
    // Known to the writer: compared in place, remembered again only when written.
    for row in rows {
        let groups = serde_json::to_string(&row.customer.groups).map_err(DbError::corrupt)?;
        let Some(known) = memory.customer(row.shop_id, &row.customer.id) else {
            unknown.push((row, groups));
            continue;
        };
        let customer_id = known.customer_id.clone();
        ids.push((
            row.shop_id.to_owned(),
            row.customer.id.clone(),
            customer_id.clone(),
        ));
        if let Some(written) = StoredCustomer::after(row, &groups, &customer_id, Some(known)) {
            memory.will_store_customer(written);
            writes.push((row, groups, customer_id));
        }
    }
    let mut by_shop: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (row, _) in &unknown {
        by_shop
            .entry(row.shop_id)
            .or_default()
            .push(row.customer.id.as_str());
    }
    let mut stored: std::collections::HashMap<(String, String), StoredCustomer> =
        Default::default();
    for (shop_id, external_ids) in by_shop {
        for chunk in external_ids.chunks(900) {
            let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
                "select shop_id, external_id, customer_id, email, first_name, last_name, gender, language,
                     country, groups_json, newsletter, birthdate, orders_count, last_order_at, phone
                 from customers where shop_id = ",
            );
            query
                .push_bind(shop_id.to_owned())
                .push(" and external_id in (");
            push_list(&mut query, chunk);
            for row in query
                .build_query_as::<StoredCustomer>()
                .fetch_all(&mut *conn)
                .await?
            {
                stored.insert((row.shop_id.clone(), row.external_id.clone()), row);
            }
        }
    }
    for (row, groups) in unknown {
        let key = (row.shop_id.to_owned(), row.customer.id.clone());
        let known = stored.remove(&key);
        let customer_id = match &known {
            Some(known) => known.customer_id.clone(),
            None => row.customer_id.map_or_else(new_id, str::to_owned),
        };
        ids.push((key.0, key.1, customer_id.clone()));
        match (
            StoredCustomer::after(row, &groups, &customer_id, known.as_ref()),
            known,
        ) {
            (Some(written), _) => {
                memory.will_store_customer(written);
                writes.push((row, groups, customer_id));
            }
            // Stored and unchanged: known from now on as it is.
            (None, Some(known)) => memory.will_store_customer(known),
            (None, None) => {}
        }
    }
    for chunk in writes.chunks(MAX_BINDS / 17) {
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "insert into customers (customer_id, shop_id, external_id, email, first_name, last_name, gender, language,
                 country, groups_json, newsletter, birthdate, orders_count, last_order_at, phone, created_at, updated_at) ",
        );
        query.push_values(chunk, |mut row, (r, groups, customer_id)| {
            let c = r.customer;
            row.push_bind(customer_id.clone())
                .push_bind(r.shop_id.to_owned())
                .push_bind(c.id.clone())
                .push_bind(c.email.as_str().to_owned())
                .push_bind(c.first_name.clone())
                .push_bind(c.last_name.clone())
                .push_bind(c.gender.map(|g| g.as_str()))
                .push_bind(c.language.code().to_owned())
                .push_bind(c.country.clone())
                .push_bind(groups.clone())
                .push_bind(c.newsletter)
                .push_bind(c.birthdate)
                .push_bind(i64::from(c.orders_count))
                .push_bind(c.last_order_at)
                .push_bind(r.phone.map(str::to_owned))
                .push_bind(now)
                .push_bind(now);
        });
        query.push(
            " on conflict (shop_id, external_id) do update set
                 email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name,
                 gender = excluded.gender, language = excluded.language, country = excluded.country,
                 groups_json = excluded.groups_json, newsletter = excluded.newsletter,
                 birthdate = excluded.birthdate, orders_count = excluded.orders_count,
                 last_order_at = excluded.last_order_at, phone = coalesce(excluded.phone, customers.phone),
                 updated_at = excluded.updated_at",
        );
        query.build().execute(&mut *conn).await?;
    }
    Ok(ids)
}

/// What the stored lines of a cart are: equal digests mean equal lines, field by field.
pub fn items_digest(items: &[domain::CartItem]) -> Result<String, DbError> {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    use sha2::{Digest, Sha256};
    let encoded = serde_json::to_vec(items).map_err(DbError::corrupt)?;
    Ok(URL_SAFE_NO_PAD.encode(Sha256::digest(&encoded)))
}

/// The state of a cart to write after a group of events.
pub struct CartWrite<'a> {
    pub cart_id: &'a str,
    pub shop_id: &'a str,
    pub cart: &'a Cart,
    pub customer_id: Option<&'a str>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub fingerprint: &'a str,
    pub items_digest: String,
    pub sequence_started_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub last_event_seq: Option<i64>,
}

/// Writes carts whole: new ones are inserted, known ones take the new state (a guest cart keeps
/// the customer it had when the update names none).
pub fn upsert_carts(statements: &mut Statements, rows: &[CartWrite<'_>]) -> Result<(), DbError> {
    for chunk in rows.chunks(MAX_BINDS / 18) {
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
        let query = statements.next(
            "insert into carts (cart_id, shop_id, external_id, customer_id, currency, total_tax_incl, total_tax_excl,
                 shipping, url, created_at, last_activity_at, ordered_at, deleted_at, items_fingerprint,
                 sequence_started_at, product_count, items_digest, last_event_seq) ",
        );
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
    for chunk in carts.chunks(900) {
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
    for chunk in lines.chunks(MAX_BINDS / 13) {
        let query = statements.next(
            "insert into cart_items (cart_id, shop_id, position, sku, name, description, image_url, product_url,
                 category, unit_price, quantity, stock, created_at) ",
        );
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
                    .push_bind(now);
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

pub struct OrderRow {
    pub order_id: String,
    pub shop_id: String,
    pub external_id: String,
    pub cart_id: Option<String>,
    pub cart_external_id: String,
    pub currency: String,
    pub total_tax_incl: rust_decimal::Decimal,
    pub coupon_codes: Vec<String>,
    pub ordered_at: DateTime<Utc>,
}

/// Records orders once (a shop resending one under another event id changes nothing).
pub async fn insert_orders(
    conn: &mut SqliteConnection,
    rows: &[OrderRow],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    for chunk in rows.chunks(MAX_BINDS / 10) {
        let encoded = chunk
            .iter()
            .map(|o| {
                Ok((
                    to_db(o.total_tax_incl)?,
                    serde_json::to_string(&o.coupon_codes).map_err(DbError::corrupt)?,
                ))
            })
            .collect::<Result<Vec<_>, DbError>>()?;
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "insert into orders (order_id, shop_id, external_id, cart_id, cart_external_id, currency, total_tax_incl,
                 coupon_codes_json, ordered_at, created_at) ",
        );
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
                .push_bind(now);
        });
        query.push(" on conflict (shop_id, external_id) do nothing");
        query.build().execute(&mut *conn).await?;
    }
    // A code the order used is spent: it validates no other order.
    for order in rows {
        for code in &order.coupon_codes {
            sqlx::query(
                "update coupons set used_at = $1, used_by_order = $2
                 where shop_id = $3 and code = $4 and used_at is null",
            )
            .bind(order.ordered_at)
            .bind(&order.external_id)
            .bind(&order.shop_id)
            .bind(code.trim().to_ascii_uppercase())
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}
