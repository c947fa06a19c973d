//! The planner's statistics: taken only once the database is big enough to describe.

use sqlx::SqlitePool;

use super::sqlite::refresh_statistics;
use super::*;

async fn seeded(pool: &SqlitePool, carts: u32) {
    super::test_support::seed_demo(&Pool::Sqlite(pool.clone()), carts, false).await;
}

async fn carts_statistics(pool: &SqlitePool) -> i64 {
    let has_table: i64 =
        sqlx::query_scalar("select count(*) from sqlite_schema where name = 'sqlite_stat1'")
            .fetch_one(pool)
            .await
            .unwrap();
    if has_table == 0 {
        return 0;
    }
    sqlx::query_scalar("select count(*) from sqlite_stat1 where tbl = 'carts'")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn planner_statistics_are_taken_only_once_the_shop_has_a_thousand_carts() {
    let dir = tempfile::tempdir().unwrap();
    let pool =
        super::test_support::sqlite_pool(&format!("sqlite://{}/stats.db", dir.path().display()))
            .await;
    assert!(
        !refresh_statistics(&pool).await.unwrap(),
        "before the migrations"
    );
    migrate(&Pool::Sqlite(pool.clone())).await.unwrap();

    seeded(&pool, 3).await;
    assert!(!refresh_statistics(&pool).await.unwrap());
    assert_eq!(carts_statistics(&pool).await, 0);

    seeded(&pool, 1_200).await;
    assert!(refresh_statistics(&pool).await.unwrap());
    assert!(carts_statistics(&pool).await > 0);
    pool.close().await;
}
