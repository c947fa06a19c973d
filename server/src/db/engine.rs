//! What the reminder engine reads to decide: the shop's sending rules, the carts that may be
//! due with their customers, and each cart's and customer's reminder history.

use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use domain::engine::{CouponPrefix, SendingRules};
use domain::{Cart, Customer};

use super::render_data::{into_domain, CartRow, ItemRow};
use super::{DbError, Pool};

/// The shop's sending settings.
pub struct EngineSettings {
    pub rules: SendingRules,
    pub coupon_prefix: CouponPrefix,
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    abandoned_after_minutes: i64,
    min_gap_hours: i64,
    max_lateness_hours: i64,
    active_months: i64,
    coupon_cooldown_days: i64,
    re_entry_days: i64,
    coupon_prefix: String,
    quiet_hours: String,
    require_consent: bool,
}

pub async fn engine_settings(pool: &Pool, shop_id: &str) -> Result<EngineSettings, DbError> {
    let row: Option<SettingsRow> = on!(pool, |db| sqlx::query_as(
        "select abandoned_after_minutes, min_gap_hours, max_lateness_hours, active_months,
                coupon_cooldown_days, re_entry_days, coupon_prefix, quiet_hours, require_consent
         from shop_settings where shop_id = $1",
    )
    .bind(shop_id)
    .fetch_optional(db)
    .await)?;
    let Some(row) = row else {
        return Ok(EngineSettings {
            rules: SendingRules::default(),
            coupon_prefix: CouponPrefix::default(),
        });
    };
    Ok(EngineSettings {
        rules: SendingRules {
            abandoned_after: Duration::minutes(row.abandoned_after_minutes),
            min_gap: Duration::hours(row.min_gap_hours),
            max_lateness: Duration::hours(row.max_lateness_hours),
            active_months: u32::try_from(row.active_months).map_err(DbError::corrupt)?,
            coupon_cooldown: Duration::days(row.coupon_cooldown_days),
            re_entry: Duration::days(row.re_entry_days),
            quiet_hours: super::settings::quiet_hours_from_db(&row.quiet_hours)?,
            require_consent: row.require_consent,
        },
        coupon_prefix: CouponPrefix::parse(&row.coupon_prefix).map_err(DbError::corrupt)?,
    })
}

/// How many times a reminder is tried before it fails for good (Settings).
pub async fn max_attempts(pool: &Pool, shop_id: &str) -> Result<i64, DbError> {
    let row: Option<(i64,)> = on!(pool, |db| sqlx::query_as(
        "select max_attempts from shop_settings where shop_id = $1"
    )
    .bind(shop_id)
    .fetch_optional(db)
    .await)?;
    Ok(row.map_or(5, |(n,)| n))
}

/// The sender and reply address the shop set in Settings.
pub async fn mail_identity(
    pool: &Pool,
    shop_id: &str,
) -> Result<crate::mail::MailIdentity, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select sender_name, sender_email, reply_to from shop_settings where shop_id = $1",
    )
    .bind(shop_id)
    .fetch_optional(db)
    .await)?
    .unwrap_or_default())
}

/// A cart that may have a step due, with what deciding needs about it.
pub struct Candidate {
    /// Orders the pages (with the activity time).
    pub row_id: i64,
    pub cart_id: String,
    pub customer_id: String,
    pub last_activity_at: DateTime<Utc>,
    /// The cart's current reminder sequence.
    pub sequence: i64,
    pub customer: Customer,
    /// The customer's IANA time zone, when the shop sends it.
    pub time_zone: Option<String>,
    /// The merchant sent the cart's sequence to a fresh choice of rule at this time.
    pub rerouted_at: Option<DateTime<Utc>>,
    /// The merchant restarted the cart's sequence at this time.
    pub restarted_at: Option<DateTime<Utc>>,
    pub cart: Cart,
}

impl Candidate {
    /// The activity the engine counts from: the customer's last one, or, after the merchant
    /// restarted the sequence, as if the cart had been abandoned at that moment.
    pub fn activity_at(&self, rules: &domain::engine::SendingRules) -> DateTime<Utc> {
        self.restarted_at.map_or(self.last_activity_at, |at| {
            self.last_activity_at.max(at - rules.abandoned_after)
        })
    }
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    row_id: i64,
    cart_id: String,
    customer_id: String,
    last_activity_at: DateTime<Utc>,
    sequence: i64,
    time_zone: Option<String>,
    rerouted_at: Option<DateTime<Utc>>,
    restarted_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    cart: CartRow,
}

/// Where a page of candidates ends: the next page starts after this (activity, row id).
pub type PageEnd = (DateTime<Utc>, i64);

/// A JSON array of strings, for `in (select value from json_each(?))`: one bound parameter
/// whatever the page size, unlike a list of placeholders.
pub(super) fn json_list<'a>(values: impl Iterator<Item = &'a str>) -> String {
    serde_json::to_string(&values.collect::<Vec<_>>()).expect("strings serialize")
}

/// Which carts to read.
pub enum CandidatePage<'a> {
    /// Carts whose next reminder the merchant asked for ("send the next reminder now") that
    /// are not quiet long enough to be in the other pages.
    Requested,
    /// Up to `limit` carts quiet since the pass's `quiet_since`, after `after`.
    Quiet {
        after: Option<&'a PageEnd>,
        limit: i64,
    },
    /// One cart with a customer, open or not (the cart page's "why this rule").
    Cart(&'a str),
    /// These carts with a customer, open or not (the Carts list's page).
    Carts(&'a [String]),
}

/// Open carts (no order, not deleted, with items and a customer), with their customers and
/// items. Quiet carts come in (activity, row id) order: the walk follows the
/// `(shop_id, last_activity_at)` index, page after page, without sorting. An erased customer
/// (their address emptied, `privacy::erase`) is nobody to remind, nor to explain a rule for.
pub async fn candidates(
    conn: &mut Conn<'_>,
    shop_id: &str,
    quiet_since: DateTime<Utc>,
    page: CandidatePage<'_>,
) -> Result<Vec<Candidate>, DbError> {
    const COLUMNS: &str = "select k.rowid as row_id, k.cart_id, k.customer_id, k.last_activity_at, k.sequence,
            k.rerouted_at, k.restarted_at, k.external_id, k.currency, k.total_tax_incl, k.total_tax_excl, k.shipping, k.url,
            c.external_id as c_external_id, c.email, c.first_name, c.last_name, c.gender, c.language,
            c.country, c.groups_json, c.newsletter, c.orders_count, c.last_order_at, c.time_zone,
            c.birthdate, c.phone, c.sms_consent
         from carts k join customers c on c.customer_id = k.customer_id
         where k.shop_id = $1 and c.email <> ''";
    let select = format!(
        "{COLUMNS} and k.ordered_at is null and k.deleted_at is null
           and k.product_count > 0 and k.customer_id is not null
           and k.reminders_stopped_at is null"
    );
    let select = select.as_str();
    let rows: Vec<CandidateRow> = match page {
        CandidatePage::Cart(cart_id) => on!(conn, |db| sqlx::query_as(sqlx::AssertSqlSafe(
            format!("{COLUMNS} and k.cart_id = $2")
        ))
        .bind(shop_id)
        .bind(cart_id)
        .fetch_all(db)
        .await)?,
        CandidatePage::Carts(cart_ids) => on!(conn, |db| sqlx::query_as(sqlx::AssertSqlSafe(
            format!("{COLUMNS} and k.cart_id in (select value from json_each($2))")
        ))
        .bind(shop_id)
        .bind(json_list(cart_ids.iter().map(String::as_str)))
        .fetch_all(db)
        .await)?,
        CandidatePage::Requested => on!(conn, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{select} and k.last_activity_at > $2 and k.cart_id in
                   (select cart_id from reminder_requests where handled_at is null)"
        )))
        .bind(shop_id)
        .bind(quiet_since)
        .fetch_all(db)
        .await)?,
        CandidatePage::Quiet { after, limit } => {
            let after = after
                .copied()
                // Before any cart (PostgreSQL's timestamps start at 4713 BC, chrono's earlier).
                .unwrap_or((DateTime::<Utc>::UNIX_EPOCH, i64::MIN));
            on!(conn, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{select} and k.last_activity_at <= $2 and (k.last_activity_at, k.rowid) > ($3, $4)
                 order by k.last_activity_at, k.rowid limit $5"
            )))
            .bind(shop_id)
            .bind(quiet_since)
            .bind(after.0)
            .bind(after.1)
            .bind(limit)
            .fetch_all(db)
            .await)?
        }
    };
    let items: Vec<ItemRow> = on!(conn, |db| sqlx::query_as(
        "select cart_id, sku, name, description, image_url, product_url, category, unit_price,
                quantity, stock, ean
         from cart_items where cart_id in (select value from json_each($1))
         order by cart_id, position",
    )
    .bind(json_list(rows.iter().map(|row| row.cart_id.as_str())))
    .fetch_all(db)
    .await)?;
    let mut items_by_cart: HashMap<String, Vec<ItemRow>> = HashMap::new();
    for item in items {
        items_by_cart
            .entry(item.cart_id.clone())
            .or_default()
            .push(item);
    }
    rows.into_iter()
        .map(|row| {
            let items = items_by_cart.remove(&row.cart_id).unwrap_or_default();
            let (customer, cart) = into_domain(row.cart, items)?;
            Ok(Candidate {
                row_id: row.row_id,
                cart_id: row.cart_id,
                customer_id: row.customer_id,
                last_activity_at: row.last_activity_at,
                sequence: row.sequence,
                customer,
                time_zone: row.time_zone,
                rerouted_at: row.rerouted_at,
                restarted_at: row.restarted_at,
                cart,
            })
        })
        .collect()
}

/// The carts with a pending "send the next reminder now" request.
pub async fn requested_carts(
    pool: &Pool,
    shop_id: &str,
) -> Result<std::collections::HashSet<String>, DbError> {
    let rows: Vec<(String,)> = on!(pool, |db| {
        sqlx::query_as(
        "select distinct cart_id from reminder_requests where shop_id = $1 and handled_at is null",
    )
    .bind(shop_id)
    .fetch_all(db).await
    })?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Marks a cart's pending requests as taken by the engine.
pub async fn mark_requests_handled(
    conn: &mut Conn<'_>,
    cart_id: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| sqlx::query(
        "update reminder_requests set handled_at = $1 where cart_id = $2 and handled_at is null",
    )
    .bind(now)
    .bind(cart_id)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// Deletes codes that expired unused longer ago than the shop keeps them (Settings).
pub async fn delete_expired_coupons(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let days: Option<(i64,)> = on!(pool, |db| sqlx::query_as(
        "select expired_coupon_days from shop_settings where shop_id = $1"
    )
    .bind(shop_id)
    .fetch_optional(db)
    .await)?;
    let keep = Duration::days(days.map_or(30, |(d,)| d));
    Ok(on!(pool, |db| sqlx::query(
        "delete from coupons where shop_id = $1 and used_at is null and expires_at < $2",
    )
    .bind(shop_id)
    .bind(now - keep)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected())
}
