//! The stored days: written whole for one day, read for a range.

use crate::db::on;
use crate::db::sql::Sql;
use crate::db::Conn;
use crate::db::Done;
use std::collections::HashMap;

use chrono::NaiveDate;
use domain::stats::{Credit, DayStats, Reach, StepDay, Subject};

/// Rows per multi-row insert (10 bound values each, far below SQLite's limit).
const ROWS: usize = 1_000;

use crate::db::money::{from_db, to_db};
use crate::db::{DbError, Pool};

/// Replaces the stored rows of `stats.day`.
pub async fn write_day(
    conn: &mut Conn<'_>,
    shop_id: &str,
    stats: &DayStats,
) -> Result<(), DbError> {
    for statement in [
        "delete from stats_days where shop_id = $1 and day = $2",
        "delete from stats_step_days where shop_id = $1 and day = $2",
        "delete from stats_reach_days where shop_id = $1 and day = $2",
    ] {
        on!(conn, |db| sqlx::query(statement)
            .bind(shop_id)
            .bind(stats.day)
            .execute(db)
            .await
            .map(Done::from))?;
    }
    for (scanners, credit) in [(false, stats.credited[0]), (true, stats.credited[1])] {
        on!(conn, |db| sqlx::query(
            "insert into stats_days (shop_id, day, scanners, carts_created, carts_abandoned,
                 credited_orders, credited_revenue)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(shop_id)
        .bind(stats.day)
        .bind(scanners)
        .bind(count(stats.carts_created))
        .bind(count(stats.carts_abandoned))
        .bind(count(credit.orders))
        .bind(to_db(credit.revenue)?)
        .execute(db)
        .await
        .map(Done::from))?;
    }
    // One statement per table: a big shop's day has hundreds of reach rows.
    for chunk in stats.steps.chunks(ROWS) {
        let mut query: Sql = Sql::new(
            "insert into stats_step_days (shop_id, day, scanners, step_id, template_id, sent, opened,
                 clicked, converted, revenue) ",
        );
        let revenues = chunk
            .iter()
            .map(|step| to_db(step.revenue))
            .collect::<Result<Vec<_>, _>>()?;
        query.push_values(chunk.iter().zip(revenues), |mut row, (step, revenue)| {
            row.push_bind(shop_id.to_owned())
                .push_bind(stats.day)
                .push_bind(step.scanners)
                .push_bind(step.step_id.clone())
                .push_bind(step.template_id.clone())
                .push_bind(count(step.sent))
                .push_bind(count(step.opened))
                .push_bind(count(step.clicked))
                .push_bind(count(step.converted))
                .push_bind(revenue);
        });
        on!(conn, |db| query.execute(db, true).await)?;
    }
    for chunk in stats.reach.chunks(ROWS) {
        let mut query: Sql = Sql::new(
            "insert into stats_reach_days (shop_id, day, subject, prev_day, reached, converted, value) ",
        );
        let values = chunk
            .iter()
            .map(|reach| to_db(reach.value))
            .collect::<Result<Vec<_>, _>>()?;
        query.push_values(chunk.iter().zip(values), |mut row, (reach, value)| {
            row.push_bind(shop_id.to_owned())
                .push_bind(stats.day)
                .push_bind(reach.subject.as_str())
                .push_bind(reach.prev_day)
                .push_bind(count(reach.reached))
                .push_bind(count(reach.converted))
                .push_bind(value);
        });
        on!(conn, |db| query.execute(db, true).await)?;
    }
    Ok(())
}

fn count(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn counted(value: i64) -> Result<u64, DbError> {
    u64::try_from(value).map_err(DbError::corrupt)
}

type DayRow = (NaiveDate, bool, i64, i64, i64, i64);
type StepRow = (NaiveDate, bool, String, String, i64, i64, i64, i64, i64);
type ReachRow = (NaiveDate, String, bool, i64, i64, i64);

/// The stored days of `from..=to` (days with nothing stored are absent), ready to be summed
/// over exactly that range: a day's reach rows come back as two, the carts and customers
/// whose previous reminder is before `from` (`prev_day: None`) and the others
/// (`prev_day: Some(from)`). That is all `headline_of_days` asks of them, and SQLite adds up
/// the thousands of stored rows of a big shop instead of sending each one.
pub async fn read_range(
    pool: &Pool,
    shop_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DayStats>, DbError> {
    let days = day_rows(pool, shop_id, from, to).await?;
    let steps = step_rows(pool, shop_id, from, to).await?;
    let reach: Vec<ReachRow> = on!(pool, |db| sqlx::query_as(
        "select day, subject, coalesce(prev_day >= $2, false) as inside,
                cast(sum(reached) as bigint), cast(sum(converted) as bigint),
                cast(sum(value) as bigint)
         from stats_reach_days where shop_id = $1 and day >= $2 and day <= $3
         group by day, subject, inside order by day, subject, inside",
    )
    .bind(shop_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await)?;

    let mut by_day: HashMap<NaiveDate, DayStats> = HashMap::new();
    for (day, scanners, created, abandoned, orders, revenue) in days {
        let stats = by_day.entry(day).or_insert_with(|| empty(day));
        stats.carts_created = counted(created)?;
        stats.carts_abandoned = counted(abandoned)?;
        stats.credited[usize::from(scanners)] = Credit {
            orders: counted(orders)?,
            revenue: from_db(revenue),
        };
    }
    for (day, scanners, step_id, template_id, sent, opened, clicked, converted, revenue) in steps {
        by_day
            .entry(day)
            .or_insert_with(|| empty(day))
            .steps
            .push(StepDay {
                scanners,
                step_id,
                template_id,
                sent: counted(sent)?,
                opened: counted(opened)?,
                clicked: counted(clicked)?,
                converted: counted(converted)?,
                revenue: from_db(revenue),
            });
    }
    for (day, subject, inside, reached, converted, value) in reach {
        by_day
            .entry(day)
            .or_insert_with(|| empty(day))
            .reach
            .push(Reach {
                subject: Subject::parse(&subject).ok_or_else(|| DbError::corrupt(&subject))?,
                prev_day: inside.then_some(from),
                reached: counted(reached)?,
                converted: counted(converted)?,
                value: from_db(value),
            });
    }
    let mut days: Vec<DayStats> = by_day.into_values().collect();
    days.sort_by_key(|d| d.day);
    Ok(days)
}

/// Every stored row of `from..=to` as written (for the recount-equality test).
pub async fn read_rows(
    pool: &Pool,
    shop_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<String>, DbError> {
    let mut rows: Vec<String> = Vec::new();
    let days = day_rows(pool, shop_id, from, to).await?;
    rows.extend(days.into_iter().map(|r| format!("day {r:?}")));
    let steps = step_rows(pool, shop_id, from, to).await?;
    rows.extend(steps.into_iter().map(|r| format!("step {r:?}")));
    let reach: Vec<(NaiveDate, String, Option<NaiveDate>, i64, i64, i64)> =
        on!(pool, |db| sqlx::query_as(
            "select day, subject, prev_day, reached, converted, value
         from stats_reach_days where shop_id = $1 and day >= $2 and day <= $3
         order by day, subject, prev_day",
        )
        .bind(shop_id)
        .bind(from)
        .bind(to)
        .fetch_all(db)
        .await)?;
    rows.extend(reach.into_iter().map(|r| format!("reach {r:?}")));
    Ok(rows)
}

async fn day_rows(
    pool: &Pool,
    shop_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DayRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select day, scanners, carts_created, carts_abandoned, credited_orders, credited_revenue
         from stats_days where shop_id = $1 and day >= $2 and day <= $3 order by day, scanners",
    )
    .bind(shop_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await)?)
}

async fn step_rows(
    pool: &Pool,
    shop_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<StepRow>, DbError> {
    Ok(on!(pool, |db| sqlx::query_as(
        "select day, scanners, step_id, template_id, sent, opened, clicked, converted, revenue
         from stats_step_days where shop_id = $1 and day >= $2 and day <= $3
         order by day, scanners, step_id, template_id",
    )
    .bind(shop_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await)?)
}

fn empty(day: NaiveDate) -> DayStats {
    DayStats {
        day,
        carts_created: 0,
        carts_abandoned: 0,
        credited: [Credit::default(); 2],
        steps: Vec::new(),
        reach: Vec::new(),
    }
}
