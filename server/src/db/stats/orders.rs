//! The orders a day's figures weigh: the paid ones that could credit its reminders, with the
//! codes each one spent. A pending, cancelled or refunded order counts for nothing.

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Conn;
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use domain::stats::Order;

use super::CHUNK;
use crate::db::money::from_db;
use crate::db::DbError;

#[derive(sqlx::FromRow)]
pub(super) struct OrderRow {
    pub(super) external_id: String,
    pub(super) cart_id: Option<String>,
    ordered_at: DateTime<Utc>,
    total_tax_incl: i64,
}

pub(super) const ORDER_COLUMNS: &str =
    "select external_id, cart_id, ordered_at, total_tax_incl from orders where status = 'paid' and ";

/// The orders that could credit these reminders: those of their carts, those that used their
/// codes, and the day's own.
pub(super) async fn crediting_orders(
    conn: &mut Conn<'_>,
    shop_id: &str,
    carts: &BTreeSet<String>,
    codes: BTreeSet<String>,
    day_orders: Vec<OrderRow>,
) -> Result<Vec<Order>, DbError> {
    let mut orders: HashMap<String, OrderRow> = HashMap::new();
    for row in orders_where(conn, "cart_id", carts).await? {
        orders.insert(row.external_id.clone(), row);
    }
    let by_coupon: Vec<String> = orders_using(conn, shop_id, codes)
        .await?
        .into_iter()
        .filter(|id| !orders.contains_key(id))
        .collect();
    for chunk in by_coupon.chunks(CHUNK) {
        let mut query: Sql = Sql::new(ORDER_COLUMNS);
        query
            .push("shop_id = ")
            .push_bind(shop_id.to_owned())
            .push(" and external_id in (");
        query.push_list(chunk);
        for row in on!(conn, |db| query.fetch_all::<OrderRow, _>(db).await)? {
            orders.insert(row.external_id.clone(), row);
        }
    }
    for row in day_orders {
        orders.insert(row.external_id.clone(), row);
    }
    let mut spent = spent_codes(conn, shop_id, orders.keys()).await?;
    Ok(orders
        .into_values()
        .map(|row| Order {
            coupon_codes: spent.remove(&row.external_id).unwrap_or_default(),
            cart_id: row.cart_id,
            ordered_at: row.ordered_at,
            total: from_db(row.total_tax_incl),
        })
        .collect())
}

/// The codes each of these orders spent. An order credits a reminder by its code only when
/// the code was spent by the redemption rules (its customer's, unexpired, over its minimum):
/// a code an order merely listed counts for nothing.
async fn spent_codes<'a>(
    conn: &mut Conn<'_>,
    shop_id: &str,
    orders: impl Iterator<Item = &'a String>,
) -> Result<HashMap<String, Vec<String>>, DbError> {
    let orders: Vec<&String> = orders.collect();
    let mut spent: HashMap<String, Vec<String>> = HashMap::new();
    for chunk in orders.chunks(CHUNK) {
        let mut query: Sql = Sql::new("select used_by_order, code from coupons where shop_id = ");
        query
            .push_bind(shop_id.to_owned())
            .push(" and used_by_order in (");
        query.push_list(chunk);
        let rows: Vec<(String, String)> = on!(conn, |db| query.fetch_all(db).await)?;
        for (order, code) in rows {
            spent.entry(order).or_default().push(code);
        }
    }
    Ok(spent)
}

/// The orders (external ids) that used any of these codes.
async fn orders_using(
    conn: &mut Conn<'_>,
    shop_id: &str,
    codes: BTreeSet<String>,
) -> Result<BTreeSet<String>, DbError> {
    let mut used = BTreeSet::new();
    for chunk in codes.into_iter().collect::<Vec<_>>().chunks(CHUNK) {
        // Unused codes are filtered here, not in SQL: with `used_by_order is not null` in
        // the query SQLite preferred the (shop, used_by_order) index, every used code.
        let mut query: Sql = Sql::new("select used_by_order from coupons where shop_id = ");
        query.push_bind(shop_id.to_owned()).push(" and code in (");
        query.push_list(chunk);
        let rows: Vec<(Option<String>,)> = on!(conn, |db| query.fetch_all(db).await)?;
        used.extend(rows.into_iter().filter_map(|(id,)| id));
    }
    Ok(used)
}

/// The codes these orders used, as stored on coupons.
pub(super) fn used_codes(orders: &[Order]) -> BTreeSet<String> {
    orders
        .iter()
        .flat_map(|o| o.coupon_codes.iter().map(|c| c.trim().to_ascii_uppercase()))
        .collect()
}

async fn orders_where(
    conn: &mut Conn<'_>,
    column: &str,
    ids: &BTreeSet<String>,
) -> Result<Vec<OrderRow>, DbError> {
    let ids: Vec<&String> = ids.iter().collect();
    let mut rows = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let mut query: Sql = Sql::new(ORDER_COLUMNS);
        query.push(column).push(" in (");
        query.push_list(chunk);
        rows.extend(on!(conn, |db| query.fetch_all::<OrderRow, _>(db).await)?);
    }
    Ok(rows)
}
