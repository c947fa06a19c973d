//! What the links in emails read and write: their delivery, the hits, where "back to my
//! cart" leads.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};
use domain::stats::machine::{classify, EarlierHit, Hit, HitKind, MachineReason, OPEN_GRACE};
use std::net::IpAddr;

use super::{new_id, DbError, Pool};

/// The delivery a link is for, when it exists.
#[derive(sqlx::FromRow)]
pub struct DeliveryRow {
    pub shop_id: String,
    pub cart_id: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub email: String,
    pub language: String,
    /// Its step's channel (`email` when the step is gone).
    pub channel: String,
}

pub async fn delivery(pool: &Pool, delivery_id: &str) -> Result<Option<DeliveryRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select d.shop_id, d.cart_id, d.sent_at, c.email, c.language,
                coalesce((select s.channel from reminder_steps s where s.step_id = d.step_id),
                         'email') as channel
         from deliveries d join customers c on c.customer_id = d.customer_id
         where d.delivery_id = $1",
    )
    .bind(delivery_id)
    .fetch_optional(db)
    .await)?)
}

/// Where a hit came from, as its request tells.
#[derive(Debug, Clone, Copy, Default)]
pub struct HitOrigin<'a> {
    pub user_agent: Option<&'a str>,
    pub ip: Option<IpAddr>,
}

fn hit_kind(kind: &str) -> Option<HitKind> {
    match kind {
        "open" => Some(HitKind::Open),
        "click" => Some(HitKind::Click),
        _ => None,
    }
}

/// Records an open, a click or an unsubscribe, with the reason it is a machine's if it looks
/// like one (`domain::stats::machine`). An open at most `OPEN_GRACE` after a click without one
/// makes that click a person's; a click in a burst makes the burst's earlier clicks machines' too. One
/// transaction, so two hits of one email at once see each other.
pub async fn record(
    pool: &Pool,
    row: &DeliveryRow,
    delivery_id: &str,
    kind: &str,
    destination: Option<&str>,
    origin: HitOrigin<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut tx = pool.begin_write().await?;
    let earlier: Vec<(String, DateTime<Utc>, Option<String>)> = on!(&mut tx.conn(), |db| {
        sqlx::query_as(
            "select kind, occurred_at, destination from delivery_events
             where delivery_id = $1 and kind in ('open', 'click') order by occurred_at",
        )
        .bind(delivery_id)
        .fetch_all(db)
        .await
    })?;
    let earlier: Vec<EarlierHit> = earlier
        .into_iter()
        .filter_map(|(kind, at, destination)| {
            hit_kind(&kind).map(|kind| EarlierHit {
                kind,
                at,
                destination,
            })
        })
        .collect();
    let reason = match hit_kind(kind) {
        Some(hit) => classify(
            &Hit {
                kind: hit,
                at: now,
                sent_at: row.sent_at,
                user_agent: origin.user_agent,
                ip: origin.ip,
                destination,
                opens_tracked: row.channel == "email",
            },
            &earlier,
        ),
        // An unsubscribe is a form a person posts.
        None => None,
    };
    on!(&mut tx.conn(), |db| {
        sqlx::query(
        "insert into delivery_events (delivery_event_id, shop_id, delivery_id, kind, destination,
             occurred_at, probable_scanner, machine_reason)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(&row.shop_id)
    .bind(delivery_id)
    .bind(kind)
    .bind(destination)
    .bind(now)
    .bind(reason.is_some())
    .bind(reason.map(|r| r.as_str()))
    .execute(db).await.map(Done::from)
    })?;
    match (hit_kind(kind), reason) {
        (Some(HitKind::Open), None) => {
            on!(&mut tx.conn(), |db| sqlx::query(
                "update delivery_events set probable_scanner = $1, machine_reason = null
                 where delivery_id = $2 and kind = 'click' and machine_reason = 'no_open'
                   and occurred_at >= $3 and occurred_at <= $4",
            )
            .bind(false)
            .bind(delivery_id)
            .bind(now - OPEN_GRACE)
            .bind(now)
            .execute(db)
            .await
            .map(Done::from))?;
        }
        (Some(HitKind::Click), Some(MachineReason::BurstOfClicks)) => {
            on!(&mut tx.conn(), |db| {
                sqlx::query(
                "update delivery_events set probable_scanner = $1, machine_reason = 'burst_of_clicks'
                 where delivery_id = $2 and kind = 'click' and machine_reason is null
                   and occurred_at > $3",
            )
            .bind(true)
            .bind(delivery_id)
            .bind(now - chrono::Duration::seconds(1))
            .execute(db)
            .await
            .map(Done::from)
            })?;
        }
        _ => {}
    }
    tx.commit().await?;
    Ok(())
}

/// Where the recovery link of a delivery leads: the cart (or the shop), through the
/// merchant's URL pattern, with the delivery's coupon code.
pub async fn recovery_target(
    pool: &Pool,
    delivery_id: &str,
    cart_id: &str,
) -> Result<Option<String>, DbError> {
    let row: Option<(Option<String>, String, String, Option<String>)> =
        on!(pool, |db| sqlx::query_as(
            "select k.url, s.url, coalesce(ss.cart_url_pattern, '{cart_url}'), cp.code
         from carts k join shops s on s.shop_id = k.shop_id
         left join shop_settings ss on ss.shop_id = k.shop_id
         left join coupons cp on cp.delivery_id = $1
         where k.cart_id = $2",
        )
        .bind(delivery_id)
        .bind(cart_id)
        .fetch_optional(db)
        .await)?;
    Ok(row.map(|(cart_url, shop_url, pattern, code)| {
        let cart_url = cart_url.unwrap_or(shop_url);
        let code = code.unwrap_or_default();
        pattern
            .replace("{cart_url}", &cart_url)
            .replace("{code}", &domain::format::url_component(&code))
    }))
}
