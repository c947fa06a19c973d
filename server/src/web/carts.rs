//! The Carts page's data: rows from SQL, statuses and countdowns from `domain::lifecycle`.

use app::api::{CartKpis, CartLine, CartsPage, CartsQuery, PAGE_SIZE};
use chrono::{DateTime, Utc};
use domain::{
    lifecycle::{next_reminder_at, CartFacts, CartStatus},
    Currency, Delay,
};
use rust_decimal::Decimal;

use crate::db::{self, cart_list::CartListRow, money::from_db, DbError, Pool};

fn line(
    row: CartListRow,
    now: DateTime<Utc>,
    abandoned_after: chrono::Duration,
    delays: &[Delay],
) -> CartLine {
    let facts = CartFacts {
        has_items: !row.items_fingerprint.is_empty(),
        has_email: row.customer_id.is_some(),
        last_activity_at: row.last_activity_at,
        ordered_at: row.ordered_at,
        deleted_at: row.deleted_at,
        // Reminders are not recorded yet: the engine adds them.
        reminders_in_sequence: 0,
        reminders_before_order: 0,
        enabled_steps: delays.len() as u32,
    };
    let status = facts.status(now, abandoned_after);
    let next = matches!(status, CartStatus::Waiting | CartStatus::InProgress)
        .then(|| next_reminder_at(row.last_activity_at, facts.reminders_in_sequence, delays))
        .flatten();
    let name = format!(
        "{} {}",
        row.first_name.unwrap_or_default(),
        row.last_name.unwrap_or_default()
    )
    .trim()
    .to_owned();
    CartLine {
        id: row.cart_id,
        external_id: row.external_id,
        customer_name: (!name.is_empty()).then_some(name),
        customer_email: row.email,
        total: from_db(row.total_tax_incl),
        currency: Currency::parse(&row.currency).unwrap_or(Currency::EUR),
        products: u32::try_from(row.products).unwrap_or(0),
        last_activity_at: row.last_activity_at,
        status,
        next_reminder_at: next,
    }
}

fn percent(part: i64, whole: i64) -> Option<Decimal> {
    (whole > 0)
        .then(|| (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole)).round_dp(1))
}

pub async fn carts_page(
    pool: &Pool,
    query: &CartsQuery,
    now: DateTime<Utc>,
) -> Result<Option<CartsPage>, DbError> {
    let Some(shop) = db::first_shop(pool).await? else {
        return Ok(None);
    };
    let abandoned_after = db::abandoned_after(pool, &shop.id).await?;
    let delays: Vec<Delay> = db::load_campaign(pool, &shop.id)
        .await?
        .map(|c| {
            c.steps()
                .iter()
                .filter(|s| s.enabled)
                .map(|s| s.delay)
                .collect()
        })
        .unwrap_or_default();
    let (rows, total) =
        db::cart_list::list_carts(pool, &shop.id, query, now - abandoned_after, PAGE_SIZE).await?;
    let counts = db::cart_list::kpi_counts(pool, &shop.id, now, abandoned_after).await?;
    let pages = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE)))
        .unwrap_or(u32::MAX)
        .max(1);
    Ok(Some(CartsPage {
        lines: rows
            .into_iter()
            .map(|row| line(row, now, abandoned_after, &delays))
            .collect(),
        total,
        page: query.page,
        pages,
        kpis: CartKpis {
            conversion_rate: percent(counts.ordered_30d, counts.created_30d),
            abandoned_today: u64::try_from(counts.abandoned_today).unwrap_or(0),
            average_cart: (counts.with_items_30d > 0).then(|| {
                (from_db(counts.value_with_items_30d) / Decimal::from(counts.with_items_30d))
                    .round_dp(2)
            }),
        },
        currency: shop.currency,
        now,
    }))
}
