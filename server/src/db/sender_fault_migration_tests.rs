//! Migration 17 releases the addresses suppressed for a refusal of ours (a login, relaying, or
//! one answer for a whole pass), and keeps those a mailbox refused. Its statement runs here on
//! a demo shop seeded by today's code, so on today's schema: it reads only columns every later
//! migration keeps.

use super::connect;
use crate::db::on;
use crate::db::Done;

const RELEASE: &str =
    include_str!("../../migrations/sqlite/20261203000017_release_sender_fault_suppressions.sql");

#[tokio::test]
async fn addresses_suppressed_for_our_own_refusals_are_released_and_real_bounces_stay() {
    let dir = tempfile::tempdir().unwrap();
    let pool = connect(&format!("sqlite://{}/release.db", dir.path().display()))
        .await
        .unwrap();
    super::migrate(&pool).await.unwrap();
    super::test_support::seed_demo(&pool, 60, true).await;
    // Eight sent reminders, each to another customer, turned into the failures of the old code.
    let rows: Vec<(String, String)> = on!(&pool, |db| sqlx::query_as(
        "select min(d.delivery_id), lower(c.email) from deliveries d
         join customers c on c.customer_id = d.customer_id
         where d.status = 'sent' and not exists (select 1 from suppressions s
             where s.shop_id = d.shop_id and s.email = lower(c.email))
         group by d.customer_id limit 8",
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(rows.len(), 8);
    let failures = [
        ("permanent error (535): Invalid credentials", "10:00:01"),
        ("permanent error (550): 5.7.1 Relaying denied", "10:00:02"),
        ("permanent error (550): 5.1.1 User unknown", "10:05:00"),
        ("permanent error (554): Bad HELO", "11:00:01"),
        ("permanent error (554): Bad HELO", "11:00:02"),
        ("permanent error (554): Bad HELO", "11:00:03"),
        ("permanent error (554): Bad HELO", "11:00:04"),
        ("permanent error (554): Bad HELO", "11:00:05"),
    ];
    for ((delivery_id, email), (error, time)) in rows.iter().zip(failures) {
        on!(&pool, |db| sqlx::query(
            "update deliveries set status = 'failed', updated_at = $1,
                 last_error = 'the mail server rejected the message for good: ' || $2
             where delivery_id = $3",
        )
        .bind(format!("2026-11-23 {time}+00:00"))
        .bind(error)
        .bind(delivery_id)
        .execute(db)
        .await
        .map(Done::from))
        .unwrap();
        on!(&pool, |db| sqlx::query(
            "insert into suppressions (shop_id, email, reason, delivery_id, created_at)
             values ('demo', $1, 'permanent_bounce', $2, '2026-11-23T10:00:00Z')",
        )
        .bind(email)
        .bind(delivery_id)
        .execute(db)
        .await
        .map(Done::from))
        .unwrap();
    }

    let super::Pool::Sqlite(sqlite) = &pool else {
        unreachable!("a SQLite URL")
    };
    sqlx::raw_sql(RELEASE).execute(sqlite).await.unwrap();

    let left: Vec<(String,)> = on!(&pool, |db| sqlx::query_as(
        "select email from suppressions where reason = 'permanent_bounce'"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(
        left,
        [(rows[2].1.clone(),)],
        "only the unknown mailbox stays"
    );
}
