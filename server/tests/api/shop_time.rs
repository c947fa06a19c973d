//! Every date of the admin is the shop's (Settings' time zone, Europe/Paris for the demo), not
//! UTC and not the server's: on the pages, in the carts' date filter, in "abandoned today" and
//! in the CSV files.

use app::api::CartsQuery;
use axum::{body::Body, http::Request};
use chrono::{DateTime, NaiveDate, Utc};
use server::on;

use crate::helpers::{cart_updated, TestApp};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// John's cart, last active at 23:30 UTC on 23 November: 00:30 on the 24th in Paris.
async fn late_cart(app: &TestApp) {
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T23:30:00Z", 1))
        .await;
}

#[tokio::test]
async fn the_carts_page_shows_the_shop_s_local_time_and_carries_its_clock() {
    let app = TestApp::spawn(Some(0)).await;
    late_cart(&app).await;

    let page = app.get_signed_in("/s/demo/carts", "en").await;

    assert!(page.body.contains("24 Nov 2026, 00:30"), "{}", page.body);
    assert!(!page.body.contains("23 Nov 2026, 23:30"));
    assert!(page.body.contains("data-clock=\"Europe/Paris;"));
    assert!(page.body.contains("(Europe/Paris)"));
}

#[tokio::test]
async fn the_date_filter_and_abandoned_today_count_in_the_shop_s_days() {
    let app = TestApp::spawn(Some(0)).await;
    late_cart(&app).await;
    let filtered = |from: &str| CartsQuery {
        from: Some(day(from)),
        to: Some(day(from)),
        ..CartsQuery::default()
    };
    // 00:10 UTC on the 24th is 01:10 in Paris; the cart was abandoned at 00:00 UTC, 01:00 in
    // Paris: today there.
    let now = at("2026-11-24T00:10:00Z");

    let on_24th = server::web::carts_page(
        &app.pool,
        &app.demo_shop().await,
        &filtered("2026-11-24"),
        now,
    )
    .await
    .unwrap();
    let on_23rd = server::web::carts_page(
        &app.pool,
        &app.demo_shop().await,
        &filtered("2026-11-23"),
        now,
    )
    .await
    .unwrap();

    assert_eq!(on_24th.total, 1);
    assert_eq!(on_23rd.total, 0);
    assert_eq!(on_24th.kpis.abandoned_today, 1);
    // At 22:50 UTC on the 24th it is already the 25th in Paris: nothing abandoned today.
    let next_day = server::web::carts_page(
        &app.pool,
        &app.demo_shop().await,
        &CartsQuery::default(),
        at("2026-11-24T23:10:00Z"),
    )
    .await
    .unwrap();
    assert_eq!(next_day.kpis.abandoned_today, 0);
}

#[tokio::test]
async fn the_unsubscribed_csv_gives_the_shop_s_time_with_its_offset() {
    let app = TestApp::spawn(Some(0)).await;
    on!(&app.pool, |db| sqlx::query(
        "insert into suppressions (shop_id, email, reason, created_at) values ('demo', 'ana@example.com', 'merchant', $1)",
    )
    .bind(at("2026-07-01T10:00:00Z"))
    .execute(db).await.map(server::db::Done::from))
    .unwrap();
    let cookie = app.sign_in().await;

    let csv = app
        .request(
            Request::get("/s/demo/unsubscribed.csv")
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert!(
        csv.body
            .contains("ana@example.com,merchant,2026-07-01T12:00:00+02:00"),
        "{}",
        csv.body
    );
}
