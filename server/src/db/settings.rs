//! The Settings page's data: the shop's own columns and its sending settings.

use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use chrono::{DateTime, Utc};
use domain::engine::{parse_time, CouponPrefix, QuietHours};
use domain::settings::{CartUrlPattern, ShopSettings};
use domain::{EmailAddress, Language, WebUrl};

use super::{DbError, Pool};

#[derive(sqlx::FromRow)]
struct SettingsRow {
    name: String,
    url: String,
    logo_url: Option<String>,
    postal_address: String,
    currency: String,
    time_zone: String,
    default_language: String,
    sender_name: Option<String>,
    sender_email: Option<String>,
    reply_to: Option<String>,
    support_email: Option<String>,
    cart_url_pattern: Option<String>,
    coupon_prefix: Option<String>,
    expired_coupon_days: Option<i64>,
    abandoned_after_minutes: Option<i64>,
    min_gap_hours: Option<i64>,
    max_lateness_hours: Option<i64>,
    coupon_cooldown_days: Option<i64>,
    re_entry_days: Option<i64>,
    attribution_window_days: Option<i64>,
    quiet_hours: Option<String>,
    require_consent: Option<bool>,
}

/// "21:00-08:00", or '' for none.
pub(super) fn quiet_hours_from_db(text: &str) -> Result<Option<QuietHours>, DbError> {
    if text.is_empty() {
        return Ok(None);
    }
    let (start, end) = text
        .split_once('-')
        .ok_or_else(|| DbError::corrupt(format!("quiet hours {text:?}")))?;
    let time = |t: &str| parse_time(t).map_err(DbError::corrupt);
    QuietHours::new(time(start)?, time(end)?)
        .map(Some)
        .map_err(DbError::corrupt)
}

fn quiet_hours_to_db(quiet: Option<QuietHours>) -> String {
    quiet.map_or_else(String::new, |q| {
        format!("{}-{}", q.start().format("%H:%M"), q.end().format("%H:%M"))
    })
}

fn email(value: Option<String>) -> Option<EmailAddress> {
    value.and_then(|v| EmailAddress::parse(&v).ok())
}

fn count(value: Option<i64>, default: u32) -> Result<u32, DbError> {
    value.map_or(Ok(default), |v| u32::try_from(v).map_err(DbError::corrupt))
}

/// The shop's settings; a shop without a settings row gets the defaults.
pub async fn load(pool: &Pool, shop_id: &str) -> Result<Option<ShopSettings>, DbError> {
    let row: Option<SettingsRow> = on!(pool, |db| sqlx::query_as(
        "select s.name, s.url, s.logo_url, s.postal_address, s.currency, s.time_zone,
                s.default_language,
                ss.sender_name, ss.sender_email, ss.reply_to, ss.support_email, ss.cart_url_pattern,
                ss.coupon_prefix, ss.expired_coupon_days, ss.abandoned_after_minutes,
                ss.min_gap_hours, ss.max_lateness_hours, ss.coupon_cooldown_days,
                ss.re_entry_days, ss.attribution_window_days, ss.quiet_hours, ss.require_consent
         from shops s left join shop_settings ss on ss.shop_id = s.shop_id
         where s.shop_id = $1",
    )
    .bind(shop_id)
    .fetch_optional(db)
    .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(ShopSettings {
        shop_name: row.name,
        shop_url: WebUrl::parse(&row.url).map_err(DbError::corrupt)?,
        logo_url: row.logo_url.and_then(|u| WebUrl::parse(&u).ok()),
        postal_address: row.postal_address,
        currency: domain::Currency::parse(&row.currency).map_err(DbError::corrupt)?,
        time_zone: row.time_zone,
        default_language: Language::parse(&row.default_language).map_err(DbError::corrupt)?,
        sender_name: row.sender_name.unwrap_or_default(),
        sender_email: email(row.sender_email),
        reply_to: email(row.reply_to),
        support_email: email(row.support_email),
        cart_url_pattern: row
            .cart_url_pattern
            .and_then(|p| CartUrlPattern::parse(&p).ok())
            .unwrap_or_default(),
        coupon_prefix: row
            .coupon_prefix
            .and_then(|p| CouponPrefix::parse(&p).ok())
            .unwrap_or_default(),
        expired_coupon_days: count(row.expired_coupon_days, 30)?,
        abandoned_after_minutes: count(row.abandoned_after_minutes, 30)?,
        min_gap_hours: count(row.min_gap_hours, 12)?,
        max_lateness_hours: count(row.max_lateness_hours, 24)?,
        coupon_cooldown_days: count(row.coupon_cooldown_days, 30)?,
        re_entry_days: count(row.re_entry_days, 7)?,
        attribution_window_days: count(
            row.attribution_window_days,
            super::DEFAULT_ATTRIBUTION_DAYS,
        )?,
        quiet_hours: match row.quiet_hours {
            Some(text) => quiet_hours_from_db(&text)?,
            None => Some(QuietHours::NIGHT),
        },
        require_consent: row.require_consent.unwrap_or(false),
    }))
}

/// Saves every setting in one transaction: the shop's columns and its settings row.
pub async fn save(
    pool: &Pool,
    shop_id: &str,
    settings: &ShopSettings,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let email = |e: &Option<EmailAddress>| {
        e.as_ref()
            .map(|e| e.as_str().to_owned())
            .unwrap_or_default()
    };
    let mut tx = pool.begin().await?;
    let updated = on!(tx, |db| sqlx::query(
        "update shops set name = $1, url = $2, logo_url = $3, postal_address = $4,
                default_language = $5, currency = $7, time_zone = $8
         where shop_id = $6",
    )
    .bind(&settings.shop_name)
    .bind(settings.shop_url.as_str())
    .bind(settings.logo_url.as_ref().map(|u| u.as_str()))
    .bind(&settings.postal_address)
    .bind(settings.default_language.code())
    .bind(shop_id)
    .bind(settings.currency.code())
    .bind(&settings.time_zone)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected();
    if updated == 0 {
        return Ok(false);
    }
    on!(tx, |db| sqlx::query(
        "insert into shop_settings (shop_id, abandoned_after_minutes, created_at, updated_at,
             sender_name, sender_email, reply_to, support_email, cart_url_pattern, coupon_prefix,
             expired_coupon_days, min_gap_hours, max_lateness_hours, coupon_cooldown_days,
             attribution_window_days, re_entry_days, quiet_hours, require_consent)
         values ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         on conflict (shop_id) do update set
             abandoned_after_minutes = excluded.abandoned_after_minutes,
             updated_at = excluded.updated_at,
             sender_name = excluded.sender_name,
             sender_email = excluded.sender_email,
             reply_to = excluded.reply_to,
             support_email = excluded.support_email,
             cart_url_pattern = excluded.cart_url_pattern,
             coupon_prefix = excluded.coupon_prefix,
             expired_coupon_days = excluded.expired_coupon_days,
             min_gap_hours = excluded.min_gap_hours,
             max_lateness_hours = excluded.max_lateness_hours,
             coupon_cooldown_days = excluded.coupon_cooldown_days,
             attribution_window_days = excluded.attribution_window_days,
             re_entry_days = excluded.re_entry_days,
             quiet_hours = excluded.quiet_hours,
             require_consent = excluded.require_consent",
    )
    .bind(shop_id)
    .bind(i64::from(settings.abandoned_after_minutes))
    .bind(now)
    .bind(&settings.sender_name)
    .bind(email(&settings.sender_email))
    .bind(email(&settings.reply_to))
    .bind(email(&settings.support_email))
    .bind(settings.cart_url_pattern.as_str())
    .bind(settings.coupon_prefix.as_str())
    .bind(i64::from(settings.expired_coupon_days))
    .bind(i64::from(settings.min_gap_hours))
    .bind(i64::from(settings.max_lateness_hours))
    .bind(i64::from(settings.coupon_cooldown_days))
    .bind(i64::from(settings.attribution_window_days))
    .bind(i64::from(settings.re_entry_days))
    .bind(quiet_hours_to_db(settings.quiet_hours))
    .bind(settings.require_consent)
    .execute(db)
    .await
    .map(Done::from))?;
    tx.commit().await?;
    Ok(true)
}

/// The sender of a shop's reminders, as set-up asks for it.
pub async fn set_sender(
    conn: &mut Conn<'_>,
    shop_id: &str,
    name: &str,
    email: Option<&str>,
) -> Result<(), DbError> {
    on!(conn, |db| sqlx::query(
        "update shop_settings set sender_name = $1, sender_email = $2 where shop_id = $3"
    )
    .bind(name)
    .bind(email.unwrap_or_default())
    .bind(shop_id)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}
