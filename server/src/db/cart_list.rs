//! The Carts page's queries: filtered, sorted, paginated in SQL so 100,000 carts stay fast.

use app::api::{CartSort, CartsQuery};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use domain::lifecycle::CartStatus;
use sqlx::{QueryBuilder, Sqlite};

use super::money::to_db;
use super::{DbError, Pool};

#[derive(Debug, sqlx::FromRow)]
pub struct CartListRow {
    pub cart_id: String,
    pub external_id: String,
    pub customer_id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub total_tax_incl: i64,
    pub currency: String,
    pub products: i64,
    pub last_activity_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub items_fingerprint: String,
    /// Steps the engine went through for this cart (sent, skipped or failed).
    pub steps_done: i64,
    /// A reminder was sent before the order (the cart is Recovered).
    pub sent_before_order: bool,
}

/// The steps the engine went through for cart `c` (the `deliveries_cart_step_key` index).
pub const STEPS_DONE: &str =
    "(select count(*) from deliveries d where d.cart_id = c.cart_id and d.status <> 'queued')";
/// Whether cart `c` got a reminder before its order.
pub const SENT_BEFORE_ORDER: &str = "exists (select 1 from deliveries d where d.cart_id = c.cart_id
    and d.status = 'sent' and c.ordered_at is not null and d.sent_at <= c.ordered_at)";

/// SQL for "the cart has this status", the same rule as `CartFacts::status` with the facts it
/// reads from the columns and the cart's deliveries (`enabled_steps`: the campaign's).
fn push_status(
    query: &mut QueryBuilder<Sqlite>,
    status: CartStatus,
    threshold: DateTime<Utc>,
    enabled_steps: i64,
) {
    let open = " and c.ordered_at is null and c.deleted_at is null";
    let abandoned = |query: &mut QueryBuilder<Sqlite>| {
        query
            .push(open)
            .push(" and c.items_fingerprint <> '' and c.customer_id is not null and c.last_activity_at <= ")
            .push_bind(threshold);
    };
    match status {
        CartStatus::Ordered => {
            query
                .push(" and c.ordered_at is not null and not ")
                .push(SENT_BEFORE_ORDER);
        }
        CartStatus::Recovered => {
            query
                .push(" and c.ordered_at is not null and ")
                .push(SENT_BEFORE_ORDER);
        }
        CartStatus::InProgress => {
            abandoned(query);
            query
                .push(format_args!(" and {STEPS_DONE} > 0 and {STEPS_DONE} < "))
                .push_bind(enabled_steps);
        }
        CartStatus::Finished => {
            abandoned(query);
            query
                .push(format_args!(" and {STEPS_DONE} > 0 and {STEPS_DONE} >= "))
                .push_bind(enabled_steps);
        }
        CartStatus::Deleted => {
            query.push(" and c.ordered_at is null and c.deleted_at is not null");
        }
        CartStatus::Emptied => {
            query.push(open).push(" and c.items_fingerprint = ''");
        }
        CartStatus::Active => {
            query
                .push(open)
                .push(" and c.items_fingerprint <> '' and (c.customer_id is null or c.last_activity_at > ")
                .push_bind(threshold)
                .push(")");
        }
        CartStatus::Waiting => {
            abandoned(query);
            query.push(format_args!(" and {STEPS_DONE} = 0"));
        }
    }
}

fn like_pattern(search: &str) -> String {
    let escaped = search
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn push_filters(
    query: &mut QueryBuilder<Sqlite>,
    shop_id: &str,
    filters: &CartsQuery,
    threshold: DateTime<Utc>,
    enabled_steps: i64,
) -> Result<(), DbError> {
    query
        .push(" where c.shop_id = ")
        .push_bind(shop_id.to_owned());
    if let Some(status) = filters.status {
        push_status(query, status, threshold, enabled_steps);
    }
    if let Some(from) = filters.from {
        query
            .push(" and c.last_activity_at >= ")
            .push_bind(from.and_time(NaiveTime::MIN).and_utc());
    }
    if let Some(to) = filters.to {
        query
            .push(" and c.last_activity_at < ")
            .push_bind((to + Duration::days(1)).and_time(NaiveTime::MIN).and_utc());
    }
    if let Some(search) = &filters.search {
        // SQLite's LIKE ignores case for ASCII, as its lower() would: no per-row lower() calls.
        // Matching customers first and then their carts reads each table once.
        let pattern = like_pattern(search);
        query
            .push(" and (c.customer_id in (select customer_id from customers where shop_id = ")
            .push_bind(shop_id.to_owned())
            .push(" and (email like ")
            .push_bind(pattern.clone())
            .push(" escape '\\' or (first_name || ' ' || last_name) like ")
            .push_bind(pattern.clone())
            .push(" escape '\\')) or c.external_id like ")
            .push_bind(pattern)
            .push(" escape '\\')");
    }
    if let Some(min) = filters.min_total {
        let min = to_db(min.max(rust_decimal::Decimal::ZERO).round_dp(4))?;
        query.push(" and c.total_tax_incl >= ").push_bind(min);
    }
    Ok(())
}

const FROM: &str = " from carts c left join customers cu on cu.customer_id = c.customer_id";

/// One page of the shop's carts matching `filters`, and how many match in all.
#[tracing::instrument(skip_all, fields(shop_id))]
pub async fn list_carts(
    pool: &Pool,
    shop_id: &str,
    filters: &CartsQuery,
    threshold: DateTime<Utc>,
    enabled_steps: i64,
    page_size: u32,
) -> Result<(Vec<CartListRow>, u64), DbError> {
    // Counting needs no customer columns: without the join it is 50 times faster.
    let mut count: QueryBuilder<Sqlite> = QueryBuilder::new("select count(*) from carts c");
    push_filters(&mut count, shop_id, filters, threshold, enabled_steps)?;
    let (total,): (i64,) = count.build_query_as().fetch_one(pool).await?;

    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
        "select c.cart_id, c.external_id, c.customer_id, cu.first_name, cu.last_name, cu.email,
             c.total_tax_incl, c.currency,
             c.product_count as products,
             c.last_activity_at, c.ordered_at, c.deleted_at, c.items_fingerprint",
    );
    query.push(format_args!(
        ", {STEPS_DONE} as steps_done, {SENT_BEFORE_ORDER} as sent_before_order"
    ));
    query.push(FROM);
    push_filters(&mut query, shop_id, filters, threshold, enabled_steps)?;
    let column = match filters.sort {
        CartSort::LastActivity => "c.last_activity_at",
        CartSort::Total => "c.total_tax_incl",
        CartSort::Items => "c.product_count",
    };
    let direction = if filters.ascending { "asc" } else { "desc" };
    // The id breaks ties so pages never repeat or skip a cart.
    query.push(format_args!(
        " order by {column} {direction}, c.cart_id {direction}"
    ));
    query
        .push(" limit ")
        .push_bind(i64::from(page_size))
        .push(" offset ")
        .push_bind(i64::from(filters.page.saturating_sub(1)) * i64::from(page_size));
    let rows = query
        .build_query_as::<CartListRow>()
        .fetch_all(pool)
        .await?;
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}

/// The raw sums behind the Carts page's header figures.
pub struct KpiCounts {
    pub created_30d: i64,
    pub ordered_30d: i64,
    pub with_items_30d: i64,
    /// In ten-thousandths, like stored money.
    pub value_with_items_30d: i64,
    pub abandoned_today: i64,
}

pub async fn kpi_counts(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
    abandoned_after: Duration,
) -> Result<KpiCounts, DbError> {
    let (created, ordered, with_items, value): (i64, i64, i64, i64) = sqlx::query_as(
        "select count(*), count(ordered_at),
                coalesce(sum(case when product_count > 0 then 1 else 0 end), 0),
                coalesce(sum(case when product_count > 0 then total_tax_incl else 0 end), 0)
         from carts where shop_id = $1 and created_at >= $2",
    )
    .bind(shop_id)
    .bind(now - Duration::days(30))
    .fetch_one(pool)
    .await?;
    let midnight = now.date_naive().and_time(NaiveTime::MIN).and_utc();
    // A cart became abandoned today when its last activity plus the delay falls after midnight.
    let (abandoned_today,): (i64,) = sqlx::query_as(
        "select count(*) from carts
         where shop_id = $1 and ordered_at is null and deleted_at is null and items_fingerprint <> ''
           and customer_id is not null and last_activity_at >= $2 and last_activity_at <= $3",
    )
    .bind(shop_id)
    .bind(midnight - abandoned_after)
    .bind(now - abandoned_after)
    .fetch_one(pool)
    .await?;
    Ok(KpiCounts {
        created_30d: created,
        ordered_30d: ordered,
        with_items_30d: with_items,
        value_with_items_30d: value,
        abandoned_today,
    })
}
