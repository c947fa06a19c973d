//! The raw rows one day's figures are computed from (see `domain::stats::DayFacts` for which).

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Conn;
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use domain::stats::{Order, Period, SentReminder, Touch};
use rust_decimal::Decimal;

use super::orders::{crediting_orders, used_codes, OrderRow, ORDER_COLUMNS};
use super::CHUNK;
use crate::db::money::from_db;
use crate::db::DbError;

pub struct DayInput {
    pub carts_created: u64,
    pub carts_abandoned: u64,
    pub reminders: Vec<SentReminder>,
    pub orders: Vec<Order>,
    pub cart_values: HashMap<String, Decimal>,
}

type Moment = Option<DateTime<Utc>>;

/// What the customer did with one reminder.
#[derive(Default)]
struct Touches {
    opens: Vec<Touch>,
    clicks: Vec<Touch>,
    unsubscribed_at: Moment,
}

#[derive(sqlx::FromRow)]
struct ReminderRow {
    delivery_id: String,
    cart_id: String,
    customer_id: String,
    step_id: String,
    template_id: String,
    sent_at: DateTime<Utc>,
    code: Option<String>,
}

// Comparing `status || ''` keeps SQLite off the queue index on `status` (every sent row): the
// lists of carts, customers or codes that follow are what narrows the search. (SQLite's usual
// unary `+` means the same but is no text operator on PostgreSQL.)
const REMINDER_COLUMNS: &str = "select d.delivery_id, d.cart_id, d.customer_id, d.step_id,
        coalesce(d.template_id, '') as template_id, d.sent_at, cp.code
    from deliveries d left join coupons cp on cp.delivery_id = d.delivery_id
    where d.status || '' = 'sent' and ";

pub async fn load_day(
    conn: &mut Conn<'_>,
    shop_id: &str,
    period: Period,
    abandoned_after: Duration,
    now: DateTime<Utc>,
) -> Result<DayInput, DbError> {
    let carts_created = created(conn, shop_id, period).await?;
    let carts_abandoned = abandoned(conn, shop_id, period, abandoned_after, now).await?;
    let day = day_activity(conn, shop_id, period).await?;
    let mut carts = day.reminded_carts.clone();
    carts.extend(day.orders.iter().filter_map(|o| o.cart_id.clone()));
    // Every reminder of those carts and customers, then the orders that could credit them.
    let mut reminders: HashMap<String, ReminderRow> = HashMap::new();
    for (column, ids) in [("d.cart_id", &carts), ("d.customer_id", &day.customers)] {
        for row in reminders_where(conn, None, column, ids).await? {
            reminders.insert(row.delivery_id.clone(), row);
        }
    }
    let codes = reminders.values().filter_map(|r| r.code.clone()).collect();
    let orders = crediting_orders(conn, shop_id, &carts, codes, day.orders).await?;
    // Reminders whose code one of these orders used compete for the credit too.
    let codes = used_codes(&orders);
    for row in reminders_where(conn, Some(shop_id), "cp.code", &codes).await? {
        reminders.insert(row.delivery_id.clone(), row);
    }
    let mut touches = touches_needed(conn, period, &orders, &reminders).await?;
    let mut reminders: Vec<SentReminder> = reminders
        .into_values()
        .map(|row| {
            let touches = touches.0.remove(&row.delivery_id).unwrap_or_default();
            sent_reminder(row, touches)
        })
        .collect();
    // The first reminder carrying a code gets it, whatever order the rows came in.
    reminders.sort_by(|a, b| (a.sent_at, &a.delivery_id).cmp(&(b.sent_at, &b.delivery_id)));
    Ok(DayInput {
        carts_created,
        carts_abandoned,
        reminders,
        orders,
        cart_values: cart_values(conn, &day.reminded_carts).await?,
    })
}

async fn created(conn: &mut Conn<'_>, shop_id: &str, period: Period) -> Result<u64, DbError> {
    let (created,): (i64,) = on!(conn, |db| {
        sqlx::query_as(
        "select count(*) from carts where shop_id = $1 and created_at >= $2 and created_at < $3",
    )
    .bind(shop_id)
    .bind(period.from)
    .bind(period.to)
    .fetch_one(db).await
    })?;
    u64::try_from(created).map_err(DbError::corrupt)
}

/// The day's reminders (whose carts and customers) and orders.
struct DayActivity {
    reminded_carts: BTreeSet<String>,
    customers: BTreeSet<String>,
    orders: Vec<OrderRow>,
}

async fn day_activity(
    conn: &mut Conn<'_>,
    shop_id: &str,
    period: Period,
) -> Result<DayActivity, DbError> {
    let sent: Vec<(String, String)> = on!(conn, |db| sqlx::query_as(
        "select cart_id, customer_id from deliveries
         where shop_id = $1 and sent_at >= $2 and sent_at < $3 and status = 'sent'",
    )
    .bind(shop_id)
    .bind(period.from)
    .bind(period.to)
    .fetch_all(db)
    .await)?;
    let orders: Vec<OrderRow> = on!(conn, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ORDER_COLUMNS} shop_id = $1 and ordered_at >= $2 and ordered_at < $3"
    )))
    .bind(shop_id)
    .bind(period.from)
    .bind(period.to)
    .fetch_all(db)
    .await)?;
    Ok(DayActivity {
        reminded_carts: sent.iter().map(|(cart, _)| cart.clone()).collect(),
        customers: sent.into_iter().map(|(_, customer)| customer).collect(),
        orders,
    })
}

/// The opens, clicks and unsubscribes of these reminders, by delivery id. Opens and clicks
/// matter for the day's reminders (the funnel) and for those that may get an order's credit;
/// of the customers' other reminders only unsubscribes count. Big days read a fraction of the
/// events this way.
async fn touches_needed(
    conn: &mut Conn<'_>,
    period: Period,
    orders: &[Order],
    reminders: &HashMap<String, ReminderRow>,
) -> Result<TouchesById, DbError> {
    let ordered_carts: BTreeSet<&str> =
        orders.iter().filter_map(|o| o.cart_id.as_deref()).collect();
    let used_codes = used_codes(orders);
    let mut every_kind = Vec::new();
    let mut unsubscribes_only = Vec::new();
    for r in reminders.values() {
        let needed = period.contains(r.sent_at)
            || ordered_carts.contains(r.cart_id.as_str())
            || r.code.as_ref().is_some_and(|c| used_codes.contains(c));
        if needed {
            every_kind.push(r.delivery_id.clone());
        } else {
            unsubscribes_only.push(r.delivery_id.clone());
        }
    }
    let mut touches = TouchesById::default();
    let chunks = every_kind
        .chunks(CHUNK)
        .map(|chunk| (chunk, false))
        .chain(unsubscribes_only.chunks(CHUNK).map(|chunk| (chunk, true)));
    for (chunk, only_unsubscribes) in chunks {
        let mut query: Sql = Sql::new(
            "select delivery_id, kind, occurred_at, probable_scanner from delivery_events where ",
        );
        if only_unsubscribes {
            query.push("kind = 'unsubscribe' and ");
        }
        query.push("delivery_id in (");
        query.push_list(chunk);
        let rows: Vec<(String, String, DateTime<Utc>, bool)> =
            on!(conn, |db| query.fetch_all(db).await)?;
        for (id, kind, at, scanner) in rows {
            touches.add(id, &kind, Touch { at, scanner });
        }
    }
    Ok(touches)
}

/// What happened to each reminder after it was sent.
#[derive(Default)]
struct TouchesById(HashMap<String, Touches>);

impl TouchesById {
    fn add(&mut self, delivery_id: String, kind: &str, touch: Touch) {
        let entry = self.0.entry(delivery_id).or_default();
        match kind {
            "open" => entry.opens.push(touch),
            "click" => entry.clicks.push(touch),
            _ => {
                entry.unsubscribed_at =
                    Some(entry.unsubscribed_at.map_or(touch.at, |f| f.min(touch.at)))
            }
        }
    }
}

fn sent_reminder(row: ReminderRow, touches: Touches) -> SentReminder {
    let Touches {
        opens,
        clicks,
        unsubscribed_at,
    } = touches;
    SentReminder {
        delivery_id: row.delivery_id,
        cart_id: row.cart_id,
        customer_id: row.customer_id,
        step_id: row.step_id,
        template_id: row.template_id,
        sent_at: row.sent_at,
        opens,
        clicks,
        coupon_code: row.code,
        unsubscribed_at,
    }
}

/// What the reminded carts were worth.
async fn cart_values(
    conn: &mut Conn<'_>,
    carts: &BTreeSet<String>,
) -> Result<HashMap<String, Decimal>, DbError> {
    let mut values = HashMap::new();
    let carts: Vec<&String> = carts.iter().collect();
    for chunk in carts.chunks(CHUNK) {
        let mut query: Sql =
            Sql::new("select cart_id, total_tax_incl from carts where cart_id in (");
        query.push_list(chunk);
        let rows: Vec<(String, i64)> = on!(conn, |db| query.fetch_all(db).await)?;
        values.extend(rows.into_iter().map(|(id, value)| (id, from_db(value))));
    }
    Ok(values)
}

/// Carts whose abandonment (last activity + the setting, with items, an email, neither ordered
/// nor deleted by then) falls in the period and has happened by `now`.
async fn abandoned(
    conn: &mut Conn<'_>,
    shop_id: &str,
    period: Period,
    after: Duration,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let rows: Vec<(DateTime<Utc>, Moment, Moment)> = on!(conn, |db| sqlx::query_as(
        "select last_activity_at, ordered_at, deleted_at from carts
             where shop_id = $1 and last_activity_at >= $2 and last_activity_at < $3
               and customer_id is not null and product_count > 0",
    )
    .bind(shop_id)
    .bind(period.from - after)
    .bind(period.to - after)
    .fetch_all(db)
    .await)?;
    Ok(rows
        .into_iter()
        .filter(|(last, ordered, deleted)| {
            let at = *last + after;
            at <= now && ordered.is_none_or(|o| o >= at) && deleted.is_none_or(|d| d >= at)
        })
        .count() as u64)
}

/// The sent reminders whose `column` is one of `ids`; with `shop_id`, of that shop's coupons
/// only (codes are unique per shop, not across shops).
async fn reminders_where(
    conn: &mut Conn<'_>,
    shop_id: Option<&str>,
    column: &str,
    ids: &BTreeSet<String>,
) -> Result<Vec<ReminderRow>, DbError> {
    let ids: Vec<&String> = ids.iter().collect();
    let mut rows = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let mut query: Sql = Sql::new(REMINDER_COLUMNS);
        if let Some(shop_id) = shop_id {
            query
                .push("cp.shop_id = ")
                .push_bind(shop_id.to_owned())
                .push(" and ");
        }
        query.push(column).push(" in (");
        query.push_list(chunk);
        rows.extend(on!(conn, |db| query.fetch_all::<ReminderRow, _>(db).await)?);
    }
    Ok(rows)
}
