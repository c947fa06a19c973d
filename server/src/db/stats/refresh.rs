//! Bringing the stored days up to date: the days the writes marked, the days carts may have
//! become abandoned on since the last refresh (time alone does that), or every day when the
//! attribution window or the time zone changed.

use crate::db::Done;
use crate::db::{on, Dialect};
use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::stats::{day_stats, AttributionRules, DayFacts};
use futures_util::StreamExt;

use super::facts::load_day;
use super::store::write_day;
use super::ShopCalendar;
use crate::db::{DbError, Pool};

/// Carts that became abandoned by the clock alone are counted at most this late.
const CLOCK_STEP: Duration = Duration::minutes(1);

/// What a refresh did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshReport {
    /// Days of the shop's calendar recounted.
    pub days: usize,
    /// Every day was recounted (first refresh, or a setting that changes every day).
    pub full: bool,
}

#[derive(sqlx::FromRow)]
struct Context {
    time_zone: String,
    abandoned_after_minutes: Option<i64>,
    window_days: Option<i64>,
    refreshed_at: Option<DateTime<Utc>>,
    stored_window: Option<i64>,
    stored_time_zone: Option<String>,
}

/// Recounts what changed since the last refresh, one day per transaction.
pub async fn refresh(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<RefreshReport, DbError> {
    let Some(context) = on!(pool, |db| {
        sqlx::query_as::<_, Context>(
        "select s.time_zone, ss.abandoned_after_minutes, ss.attribution_window_days as window_days,
                st.refreshed_at, st.window_days as stored_window, st.time_zone as stored_time_zone
         from shops s
         left join shop_settings ss on ss.shop_id = s.shop_id
         left join stats_state st on st.shop_id = s.shop_id
         where s.shop_id = $1",
    )
    .bind(shop_id)
    .fetch_optional(db).await
    })?
    else {
        return Ok(RefreshReport {
            days: 0,
            full: false,
        });
    };
    let calendar = ShopCalendar::new(&context.time_zone);
    let after = Duration::minutes(
        context
            .abandoned_after_minutes
            .unwrap_or(crate::db::DEFAULT_ABANDONED_AFTER_MINUTES),
    );
    let window_days = context
        .window_days
        .unwrap_or(i64::from(crate::db::DEFAULT_ATTRIBUTION_DAYS));
    let rules = AttributionRules {
        window: Duration::days(window_days),
        include_scanners: false,
    };
    let today = calendar.day_of(now);

    let _one_at_a_time = REFRESHING.lock().await;
    let marks = claim_marks(pool, shop_id).await?;
    let full = context.stored_window != Some(window_days)
        || context.stored_time_zone.as_deref() != Some(context.time_zone.as_str());
    let days = if full {
        // Day by day over the old figures, so the page shows them until each day is redone.
        let first = first_day(pool, shop_id, &calendar).await?.unwrap_or(today);
        forget_days_outside(pool, shop_id, first, today).await?;
        first.iter_days().take_while(|d| *d <= today).collect()
    } else {
        changed_days(&marks, &calendar, after, context.refreshed_at, now)
    };
    recount_days(pool, shop_id, &days, &calendar, after, &rules, now).await?;

    // Counted: the claim is done. (Marks made meanwhile are in stats_dirty_days again.)
    release_claims(pool, shop_id, &marks).await?;
    let clock_moved = context.refreshed_at.is_none_or(|at| now - at >= CLOCK_STEP);
    if full || clock_moved {
        save_state(pool, shop_id, now, window_days, &context.time_zone).await?;
    }
    Ok(RefreshReport {
        days: days.len(),
        full,
    })
}

/// The shop's days a refresh recounts when its settings did not change: those the writes
/// marked (a UTC day overlaps one or two of the shop's days, and a cart active that day may
/// become abandoned up to `after` later), and, once the clock moved, every day since the last
/// refresh.
fn changed_days(
    marks: &[NaiveDate],
    calendar: &ShopCalendar,
    after: Duration,
    refreshed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> BTreeSet<NaiveDate> {
    let today = calendar.day_of(now);
    let mut days = BTreeSet::new();
    for utc_day in marks {
        let start = utc_day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        let first = calendar.day_of(start);
        let last = calendar.day_of(start + Duration::days(1) + after);
        days.extend(first.iter_days().take_while(|d| *d <= last.min(today)));
    }
    if let Some(refreshed_at) = refreshed_at {
        if now - refreshed_at >= CLOCK_STEP {
            let first = calendar.day_of(refreshed_at);
            days.extend(first.iter_days().take_while(|d| *d <= today));
        }
    }
    days
}

/// Drops the stored figures of days before `first` or after `today` (a full recount).
async fn forget_days_outside(
    pool: &Pool,
    shop_id: &str,
    first: NaiveDate,
    today: NaiveDate,
) -> Result<(), DbError> {
    for statement in [
        "delete from stats_days where shop_id = $1 and (day < $2 or day > $3)",
        "delete from stats_step_days where shop_id = $1 and (day < $2 or day > $3)",
        "delete from stats_reach_days where shop_id = $1 and (day < $2 or day > $3)",
    ] {
        on!(pool, |db| sqlx::query(statement)
            .bind(shop_id)
            .bind(first)
            .bind(today)
            .execute(db)
            .await
            .map(Done::from))?;
    }
    Ok(())
}

/// Recounts `days`, two at a time on the runtime's threads: one day's reads overlap the
/// other's counting, on both cores.
async fn recount_days(
    pool: &Pool,
    shop_id: &str,
    days: &BTreeSet<NaiveDate>,
    calendar: &ShopCalendar,
    after: Duration,
    rules: &AttributionRules,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let (calendar, rules) = (*calendar, *rules);
    let mut recounts = futures_util::stream::iter(days.iter().copied())
        .map(|day| {
            let (pool, shop_id) = (pool.clone(), shop_id.to_owned());
            tokio::spawn(async move {
                recount_day(&pool, &shop_id, &calendar, day, after, &rules, now).await
            })
        })
        .buffer_unordered(2);
    while let Some(result) = recounts.next().await {
        result??;
    }
    Ok(())
}

async fn release_claims(pool: &Pool, shop_id: &str, days: &[NaiveDate]) -> Result<(), DbError> {
    for day in days {
        on!(pool, |db| sqlx::query(
            "delete from stats_claimed_days where shop_id = $1 and day = $2"
        )
        .bind(shop_id)
        .bind(day)
        .execute(db)
        .await
        .map(Done::from))?;
    }
    Ok(())
}

/// What the stored figures were counted with, and when.
async fn save_state(
    pool: &Pool,
    shop_id: &str,
    now: DateTime<Utc>,
    window_days: i64,
    time_zone: &str,
) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "insert into stats_state (shop_id, refreshed_at, window_days, time_zone)
         values ($1, $2, $3, $4)
         on conflict (shop_id) do update set refreshed_at = excluded.refreshed_at,
             window_days = excluded.window_days, time_zone = excluded.time_zone",
    )
    .bind(shop_id)
    .bind(now)
    .bind(window_days)
    .bind(time_zone)
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// One refresh at a time in this process (the minute task and the scheduler may meet).
static REFRESHING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Moves the shop's marked days to its claimed days, in one write, and returns every claimed
/// day: those just claimed and those a refresh that died had claimed.
async fn claim_marks(pool: &Pool, shop_id: &str) -> Result<Vec<NaiveDate>, DbError> {
    let mut tx = pool.begin_write().await?;
    let mut conn = tx.conn();
    let moved = async {
        // On PostgreSQL, moving and deleting in one statement leaves the marks written
        // meanwhile for the next refresh; SQLite's write lock already keeps them out.
        on!(conn, |db, dialect| sqlx::query(dialect.pick(
            "insert into stats_claimed_days (shop_id, day)
             select shop_id, day from stats_dirty_days where shop_id = $1
             on conflict (shop_id, day) do nothing",
            "with moved as (delete from stats_dirty_days where shop_id = $1 returning shop_id, day)
             insert into stats_claimed_days (shop_id, day) select distinct shop_id, day from moved
             on conflict (shop_id, day) do nothing",
        ))
        .bind(shop_id)
        .execute(db)
        .await
        .map(Done::from))?;
        if conn.dialect() == Dialect::Sqlite {
            on!(conn, |db| sqlx::query(
                "delete from stats_dirty_days where shop_id = $1"
            )
            .bind(shop_id)
            .execute(db)
            .await
            .map(Done::from))?;
        }
        on!(conn, |db| sqlx::query_as::<_, (NaiveDate,)>(
            "select day from stats_claimed_days where shop_id = $1"
        )
        .bind(shop_id)
        .fetch_all(db)
        .await)
    }
    .await?;
    tx.commit().await?;
    Ok(moved.into_iter().map(|(day,)| day).collect())
}

/// Recounts one day from the raw rows and replaces its stored rows. The reads run in a
/// snapshot without holding the write lock (ingestion and sending go on); the rows are then
/// replaced in a short write. A write that lands in between marks its day again, so that day
/// is recounted next time.
async fn recount_day(
    pool: &Pool,
    shop_id: &str,
    calendar: &ShopCalendar,
    day: NaiveDate,
    after: Duration,
    rules: &AttributionRules,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let period = calendar.period(day);
    let mut conn = pool.acquire().await?;
    let mut snapshot = conn.begin().await?;
    let input = load_day(&mut snapshot.conn(), shop_id, period, after, now).await?;
    snapshot.commit().await?;
    let stats = day_stats(
        &DayFacts {
            day,
            period,
            carts_created: input.carts_created,
            carts_abandoned: input.carts_abandoned,
            reminders: &input.reminders,
            orders: &input.orders,
            cart_values: &input.cart_values,
        },
        rules,
        |at| calendar.day_of(at),
    );
    let mut tx = conn.begin_write().await?;
    write_day(&mut tx.conn(), shop_id, &stats).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the shop's day of `at` to be counted again at the next refresh.
pub async fn mark_dirty(pool: &Pool, shop_id: &str, at: DateTime<Utc>) -> Result<(), DbError> {
    on!(pool, |db| sqlx::query(
        "insert into stats_dirty_days (shop_id, day) values ($1, $2) on conflict do nothing"
    )
    .bind(shop_id)
    // The UTC day, as the triggers mark.
    .bind(at.date_naive())
    .execute(db)
    .await
    .map(Done::from))?;
    Ok(())
}

/// When the shop's figures were last brought up to date.
pub async fn refreshed_at(pool: &Pool, shop_id: &str) -> Result<Option<DateTime<Utc>>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as::<_, (DateTime<Utc>,)>(
        "select refreshed_at from stats_state where shop_id = $1",
    )
    .bind(shop_id)
    .fetch_optional(db)
    .await)?
    .map(|(at,)| at))
}

/// Refreshes every shop's figures (the scheduler, after each engine run).
pub async fn refresh_all(pool: &Pool, now: DateTime<Utc>) -> Result<(), DbError> {
    let shops: Vec<(String,)> = on!(pool, |db| sqlx::query_as("select shop_id from shops")
        .fetch_all(db)
        .await)?;
    for (shop_id,) in shops {
        refresh(pool, &shop_id, now).await?;
    }
    Ok(())
}

/// The first day anything happened in the shop.
async fn first_day(
    pool: &Pool,
    shop_id: &str,
    calendar: &ShopCalendar,
) -> Result<Option<NaiveDate>, DbError> {
    type Firsts = (
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
    );
    let (carts, sent, orders): Firsts = on!(pool, |db| sqlx::query_as(
        "select (select min(created_at) from carts where shop_id = $1),
                (select min(sent_at) from deliveries where shop_id = $1 and sent_at is not null),
                (select min(ordered_at) from orders where shop_id = $1)",
    )
    .bind(shop_id)
    .fetch_one(db)
    .await)?;
    Ok([carts, sent, orders]
        .into_iter()
        .flatten()
        .min()
        .map(|at| calendar.day_of(at)))
}
