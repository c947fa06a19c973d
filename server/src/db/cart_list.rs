//! The Carts page's queries: filtered, sorted, paginated in SQL so 100,000 carts stay fast.

use crate::db::sql::Sql;
use crate::db::{on, Dialect};
use app::api::{CartSort, CartsQuery};
use chrono::{DateTime, Duration, Utc};

use super::stats::ShopCalendar;
use domain::lifecycle::CartStatus;

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
    /// When the cart counted as abandoned for its current sequence, once a step of it was
    /// decided.
    pub sequence_abandoned_at: Option<DateTime<Utc>>,
    /// The customer's own time zone, for quiet hours.
    pub time_zone: Option<String>,
    /// The merchant stopped its reminders then.
    pub reminders_stopped_at: Option<DateTime<Utc>>,
}

/// How many of cart `c`'s steps were decided (sent, failed or skipped), kept by triggers on
/// the deliveries (migration 0011).
pub const STEPS_DONE: &str = "c.steps_done";
/// Whether cart `c` got a reminder before its order.
pub const SENT_BEFORE_ORDER: &str = "(c.first_sent_at is not null and c.ordered_at is not null
    and c.first_sent_at <= c.ordered_at)";

/// The enabled steps of the rule cart `c`'s current sequence follows, as the list's lines count
/// them: the rule of the sequence's latest decided step (`carts.sequence_rule_id`, kept by the
/// step counts' triggers), none when that rule is paused or gone. A re-routed cart counts by
/// that rule until the next pass records its new one.
fn push_rule_steps(query: &mut Sql, rule_steps: &[(String, i64)]) {
    if rule_steps.is_empty() {
        query.push("0");
        return;
    }
    query.push("(case c.sequence_rule_id");
    for (rule, steps) in rule_steps {
        query
            .push(" when ")
            .push_bind(rule.clone())
            .push(" then ")
            .push_bind(*steps);
    }
    query.push(" else 0 end)");
}

/// SQL for "the cart has this status", the same rule as `CartFacts::status` with the facts it
/// reads from the columns and the cart's deliveries.
fn push_status(query: &mut Sql, status: CartStatus, scope: &ListScope<'_>) {
    let threshold = scope.threshold;
    let open = " and c.ordered_at is null and c.deleted_at is null";
    let abandoned = |query: &mut Sql| {
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
            query.push(format_args!(" and {STEPS_DONE} > 0 and {STEPS_DONE} < "));
            push_rule_steps(query, &scope.rule_steps);
        }
        CartStatus::Finished => {
            abandoned(query);
            query.push(format_args!(" and {STEPS_DONE} > 0 and {STEPS_DONE} >= "));
            push_rule_steps(query, &scope.rule_steps);
        }
        CartStatus::Deleted => {
            query.push(" and c.ordered_at is null and c.deleted_at is not null");
        }
        CartStatus::Emptied => {
            query.push(open).push(" and c.items_fingerprint = ''");
        }
        CartStatus::Checking => {
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

/// What a list's filters are read against: the shop, the moment before which an idle cart
/// counts as abandoned, the enabled steps of each running rule (by campaign id) and the shop's
/// calendar (date filters).
pub struct ListScope<'a> {
    pub shop_id: &'a str,
    pub threshold: DateTime<Utc>,
    pub rule_steps: Vec<(String, i64)>,
    pub calendar: &'a ShopCalendar,
}

fn push_filters(
    query: &mut Sql,
    scope: &ListScope<'_>,
    filters: &CartsQuery,
    dialect: Dialect,
) -> Result<(), DbError> {
    let (shop_id, calendar) = (scope.shop_id, scope.calendar);
    query
        .push(" where c.shop_id = ")
        .push_bind(shop_id.to_owned());
    if let Some(status) = filters.status {
        push_status(query, status, scope);
    }
    if let Some(from) = filters.from {
        query
            .push(" and c.last_activity_at >= ")
            .push_bind(calendar.start_of(from));
    }
    if let Some(to) = filters.to {
        query
            .push(" and c.last_activity_at < ")
            .push_bind(calendar.start_of(to + Duration::days(1)));
    }
    if let Some(search) = &filters.search {
        push_search(query, shop_id, search, dialect);
    }
    if let Some(min) = filters.min_total {
        let min = to_db(min.max(rust_decimal::Decimal::ZERO).round_dp(4))?;
        // With a state filter, `+` keeps SQLite on the covering state index (which holds the
        // total too) rather than the total index plus a row read per cart above the amount.
        let column = if filters.status.is_some() {
            " and +c.total_tax_incl >= "
        } else {
            " and c.total_tax_incl >= "
        };
        query.push(column).push_bind(min);
    }
    Ok(())
}

/// One page of the shop's carts matching `filters`, and how many match in all.
#[tracing::instrument(skip_all, fields(shop_id))]
pub async fn list_carts(
    pool: &Pool,
    scope: &ListScope<'_>,
    filters: &CartsQuery,
    page_size: u32,
) -> Result<(Vec<CartListRow>, u64), DbError> {
    // Counting needs no customer columns: without the join it is 50 times faster.
    let mut count: Sql = Sql::new("select count(*) from carts c");
    push_filters(&mut count, scope, filters, pool.dialect())?;
    let (total,): (i64,) = on!(pool, |db| count.fetch_one(db).await)?;

    let column = match filters.sort {
        CartSort::LastActivity => "c.last_activity_at",
        CartSort::Total => "c.total_tax_incl",
        CartSort::Items => "c.product_count",
    };
    let direction = if filters.ascending { "asc" } else { "desc" };
    // The page's carts first (the id breaks ties, so pages never repeat or skip a cart); only
    // then their customers and reminder counts: 50 lookups, not one per skipped cart.
    let mut query: Sql = Sql::new(
        "select c.cart_id, c.external_id, c.customer_id, cu.first_name, cu.last_name, cu.email,
             cu.time_zone,
             c.total_tax_incl, c.currency, c.product_count as products,
             c.last_activity_at, c.ordered_at, c.deleted_at, c.items_fingerprint,
             c.reminders_stopped_at",
    );
    query.push(format_args!(
        ", {STEPS_DONE} as steps_done, {SENT_BEFORE_ORDER} as sent_before_order,
         (select min(d.abandoned_at) from deliveries d
          where d.cart_id = c.cart_id and d.sequence = c.sequence) as sequence_abandoned_at"
    ));
    query.push(
        " from (select c.cart_id, c.external_id, c.customer_id, c.total_tax_incl, c.currency,
             c.product_count, c.last_activity_at, c.ordered_at, c.deleted_at, c.items_fingerprint,
             c.steps_done, c.first_sent_at, c.sequence, c.reminders_stopped_at
         from carts c",
    );
    push_filters(&mut query, scope, filters, pool.dialect())?;
    query.push(format_args!(
        " order by {column} {direction}, c.cart_id {direction}"
    ));
    query
        .push(" limit ")
        .push_bind(i64::from(page_size))
        .push(" offset ")
        .push_bind(i64::from(filters.page.saturating_sub(1)) * i64::from(page_size));
    query.push(") c left join customers cu on cu.customer_id = c.customer_id");
    query.push(format_args!(
        " order by {column} {direction}, c.cart_id {direction}"
    ));
    let rows = on!(pool, |db| query.fetch_all::<CartListRow, _>(db).await)?;
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
    calendar: &ShopCalendar,
) -> Result<KpiCounts, DbError> {
    let (created, ordered, with_items, value): (i64, i64, i64, i64) = on!(pool, |db| {
        sqlx::query_as(
            "select count(*), count(ordered_at),
                coalesce(sum(case when product_count > 0 then 1 else 0 end), 0),
                cast(coalesce(sum(case when product_count > 0 then total_tax_incl else 0 end), 0) as bigint)
         from carts where shop_id = $1 and created_at >= $2",
        )
        .bind(shop_id)
        .bind(now - Duration::days(30))
        .fetch_one(db)
        .await
    })?;
    let midnight = calendar.start_of(calendar.day_of(now));
    // A cart became abandoned today (the shop's day) when its last activity plus the delay falls after midnight.
    let (abandoned_today,): (i64,) = on!(pool, |db| {
        sqlx::query_as(
        "select count(*) from carts
         where shop_id = $1 and ordered_at is null and deleted_at is null and items_fingerprint <> ''
           and customer_id is not null and last_activity_at >= $2 and last_activity_at <= $3",
    )
    .bind(shop_id)
    .bind(midnight - abandoned_after)
    .bind(now - abandoned_after)
    .fetch_one(db).await
    })?;
    Ok(KpiCounts {
        created_30d: created,
        ordered_30d: ordered,
        with_items_30d: with_items,
        value_with_items_30d: value,
        abandoned_today,
    })
}

/// Carts whose customer's email or name, or whose own id, contains `search` (any case).
fn push_search(query: &mut Sql, shop_id: &str, search: &str, dialect: Dialect) {
    match dialect {
        Dialect::Sqlite if search.chars().count() >= 3 => {
            // Three characters or more: the trigram indexes find the substring (any case).
            let phrase = format!("\"{}\"", search.replace('"', "\"\""));
            query
                .push(" and (c.customer_id in (select customer_id from customers where shop_id = ")
                .push_bind(shop_id.to_owned())
                .push(
                    " and rowid in (select rowid from customer_search where customer_search match ",
                )
                .push_bind(phrase.clone())
                .push(")) or c.rowid in (select rowid from cart_search where cart_search match ")
                .push_bind(phrase)
                .push("))");
        }
        _ => {
            // SQLite's LIKE ignores case for ASCII (a scan: shorter than a trigram); PostgreSQL's
            // ILIKE ignores case and uses the trigram indexes from three characters.
            let like = dialect.pick("like", "ilike");
            let pattern = like_pattern(search);
            query
                .push(" and (c.customer_id in (select customer_id from customers where shop_id = ")
                .push_bind(shop_id.to_owned())
                .push(format_args!(
                    " and (email || ' ' || first_name || ' ' || last_name) {like} "
                ))
                .push_bind(pattern.clone())
                .push(format_args!(" escape '\\') or c.external_id {like} "))
                .push_bind(pattern)
                .push(" escape '\\')");
        }
    }
}
