//! Reads and writes only the crate's unit tests make, kept here with the rest of the SQL.

use crate::db::on;
use crate::db::Done;
use chrono::{DateTime, Utc};

use chrono::TimeZone;

use super::Pool;
use crate::demo::{seed, DemoOptions};

/// A SQLite database at `url`, for the tests of what only SQLite has (its migrations' history,
/// its checkpoints and planner statistics).
pub async fn sqlite_pool(url: &str) -> sqlx::SqlitePool {
    match super::connect(url).await.unwrap() {
        Pool::Sqlite(pool) => pool,
        Pool::Postgres(_) => unreachable!("{url} is a SQLite URL"),
    }
}

/// The demo shop with `carts` carts over the 14 days before 2026-11-23 10:00 UTC, with two
/// weeks of reminders, opens and orders when `history`.
pub async fn seed_demo(pool: &Pool, carts: u32, history: bool) {
    let options = DemoOptions {
        carts,
        seed: 7,
        now: Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
        public_url: "http://127.0.0.1".into(),
        replace: true,
        days: 14,
        history,
        rules: false,
    };
    seed(pool, &options).await.unwrap();
}

/// Lets every step of the demo shop go out however late, with no gap between reminders.
pub async fn relax_sending_limits(pool: &Pool) {
    let shop = super::find_shop(pool, "demo").await.unwrap().unwrap();
    let mut settings = super::settings::load(pool, &shop.id)
        .await
        .unwrap()
        .unwrap();
    settings.max_lateness_hours = 100_000;
    settings.min_gap_hours = 0;
    super::settings::save(pool, &shop.id, &settings, Utc::now())
        .await
        .unwrap();
}

/// Marks a cart ordered behind the engine's back, as an order event arriving would.
pub async fn mark_ordered(pool: &Pool, cart_id: &str, at: DateTime<Utc>) {
    on!(pool, |db| sqlx::query(
        "update carts set ordered_at = $1 where cart_id = $2"
    )
    .bind(at)
    .bind(cart_id)
    .execute(db)
    .await
    .map(Done::from))
    .unwrap();
}

/// The deliveries some run holds a lease on at `now`, counted by status.
pub async fn held_deliveries_by_status(pool: &Pool, now: DateTime<Utc>) -> Vec<(String, i64)> {
    on!(pool, |db| sqlx::query_as(
        "select status, count(*) from deliveries where lease_until > $1 group by status"
    )
    .bind(now)
    .fetch_all(db)
    .await)
    .unwrap()
}
