//! What the recommendations block picks from: the lines of the carts the shop's paid orders
//! came from, oldest first.

use chrono::{DateTime, Utc};
use domain::recommend::OrderedLine;
use domain::{Currency, Money, WebUrl};

use super::money::from_db;
use super::{on, DbError, Pool};

/// The newest lines read: a year of a busy shop's orders is plenty to rank its products.
const MAX_LINES: i64 = 20_000;

#[derive(sqlx::FromRow)]
struct LineRow {
    order_id: String,
    sku: String,
    name: String,
    unit_price: i64,
    currency: String,
    image_url: Option<String>,
    product_url: Option<String>,
    category: Option<String>,
    stock: Option<i64>,
}

/// The lines of the shop's paid orders since `since`, the newest `MAX_LINES`, oldest first.
pub async fn ordered_lines(
    pool: &Pool,
    shop_id: &str,
    since: DateTime<Utc>,
) -> Result<Vec<OrderedLine>, DbError> {
    let mut rows: Vec<LineRow> = on!(pool, |db| {
        sqlx::query_as(
        "select o.order_id, i.sku, i.name, i.unit_price, c.currency, i.image_url, i.product_url,
                i.category, i.stock
         from orders o
         join cart_items i on i.cart_id = o.cart_id
         join carts c on c.cart_id = o.cart_id
         where o.shop_id = $1 and o.status = 'paid' and o.ordered_at >= $2
         order by o.ordered_at desc, i.position
         limit $3"
    )
    .bind(shop_id)
    .bind(since)
    .bind(MAX_LINES)
    .fetch_all(db)
    .await
    })?;
    rows.reverse();
    // A line the shop wrote before today's checks (a bad URL or currency) is only skipped.
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let currency = Currency::parse(&row.currency).ok()?;
            Some(OrderedLine {
                basket: row.order_id,
                sku: row.sku,
                name: row.name,
                price: Money::new(from_db(row.unit_price), currency).ok()?,
                image_url: row.image_url.and_then(|u| WebUrl::parse(&u).ok()),
                product_url: row.product_url.and_then(|u| WebUrl::parse(&u).ok()),
                category: row.category,
                stock: row.stock,
            })
        })
        .collect())
}
