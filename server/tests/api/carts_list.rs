use app::api::{CartSort, CartsQuery};
use chrono::{TimeZone, Utc};
use domain::lifecycle::CartStatus;
use server::on;

use crate::helpers::TestApp;

fn now() -> chrono::DateTime<Utc> {
    // The demo's own clock (see TestApp::spawn), so statuses are the same on every run.
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

#[tokio::test]
async fn the_status_filter_in_sql_agrees_with_the_domain_status_of_every_cart() {
    let app = TestApp::spawn(Some(300)).await;
    let mut counted = 0;
    for status in CartStatus::ALL {
        let mut page = 1;
        loop {
            let query = CartsQuery {
                status: Some(status),
                page,
                ..Default::default()
            };
            let result = server::web::carts_page(&app.pool, &app.demo_shop().await, &query, now())
                .await
                .unwrap();
            for line in &result.lines {
                assert_eq!(
                    line.status, status,
                    "cart {} listed under {status:?}",
                    line.external_id
                );
            }
            counted += result.lines.len();
            if page >= result.pages {
                break;
            }
            page += 1;
        }
    }
    assert_eq!(counted, 300, "every cart is in exactly one status");
}

#[tokio::test]
async fn pages_never_repeat_or_skip_a_cart_and_sorting_by_total_orders_them() {
    let app = TestApp::spawn(Some(80)).await;
    let mut seen = std::collections::HashSet::new();
    let mut totals = Vec::new();
    for page in 1..=4 {
        let query = CartsQuery {
            sort: CartSort::Total,
            ascending: true,
            page,
            ..Default::default()
        };
        let result = server::web::carts_page(&app.pool, &app.demo_shop().await, &query, now())
            .await
            .unwrap();
        assert_eq!(result.total, 80);
        for line in result.lines {
            assert!(seen.insert(line.external_id.clone()));
            totals.push(line.total);
        }
    }
    assert_eq!(seen.len(), 80);
    assert!(totals.windows(2).all(|w| w[0] <= w[1]));
}

#[tokio::test]
async fn search_finds_a_customer_by_part_of_the_name_or_email_whatever_the_case() {
    let app = TestApp::spawn(Some(60)).await;
    let (email,): (String,) = on!(&app.pool, |db| {
        sqlx::query_as(
        "select cu.email from carts c join customers cu on cu.customer_id = c.customer_id limit 1",
    )
    .fetch_one(db).await
    })
    .unwrap();
    let part = email.split('@').next().unwrap().to_uppercase();

    let query = CartsQuery {
        search: Some(part),
        ..Default::default()
    };
    let result = server::web::carts_page(&app.pool, &app.demo_shop().await, &query, now())
        .await
        .unwrap();

    assert!(result.total >= 1);
    assert!(result
        .lines
        .iter()
        .all(|l| l.customer_email.as_deref() == Some(email.as_str())));
}

#[tokio::test]
async fn a_waiting_cart_shows_when_its_first_reminder_falls_due() {
    let app = TestApp::spawn(Some(300)).await;
    let query = CartsQuery {
        status: Some(CartStatus::Waiting),
        ..Default::default()
    };

    let result = server::web::carts_page(&app.pool, &app.demo_shop().await, &query, now())
        .await
        .unwrap();

    let line = result.lines.first().expect("the demo has waiting carts");
    // Abandoned after 30 minutes idle; step 1 of the demo campaign an hour after that.
    let abandoned_at = line.last_activity_at + chrono::Duration::minutes(30);
    assert_eq!(line.abandoned_at, Some(abandoned_at));
    assert_eq!(
        line.next_reminder_at,
        Some(abandoned_at + chrono::Duration::hours(1))
    );
}

#[tokio::test]
async fn the_header_figures_come_from_the_last_thirty_days() {
    let app = TestApp::spawn(Some(200)).await;

    let page = server::web::carts_page(
        &app.pool,
        &app.demo_shop().await,
        &CartsQuery::default(),
        now(),
    )
    .await
    .unwrap();

    let (ordered,): (i64,) = on!(&app.pool, |db| sqlx::query_as(
        "select count(*) from carts where ordered_at is not null"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let expected = rust_decimal::Decimal::from(ordered * 100) / rust_decimal::Decimal::from(200);
    assert_eq!(page.kpis.conversion_rate, Some(expected.round_dp(1)));
    assert!(page.kpis.average_cart.unwrap() > rust_decimal::Decimal::ZERO);
}

async fn found(app: &TestApp, search: &str) -> Vec<String> {
    let query = CartsQuery {
        search: Some(search.to_owned()),
        ..Default::default()
    };
    server::web::carts_page(&app.pool, &app.demo_shop().await, &query, now())
        .await
        .unwrap()
        .lines
        .into_iter()
        .map(|line| line.external_id)
        .collect()
}

#[tokio::test]
async fn search_reads_the_full_name_part_of_a_cart_id_short_and_odd_text_and_follows_renames() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(
        &key,
        crate::helpers::cart_updated("e1", "web-4242", "2026-11-23T09:00:00Z", 1),
    )
    .await;

    assert_eq!(found(&app, "john doe").await, ["web-4242"]);
    assert_eq!(found(&app, "EXAMPLE.COM").await, ["web-4242"]);
    assert_eq!(found(&app, "b-424").await, ["web-4242"]);
    // Under three characters there is no trigram: the scan still finds it.
    assert_eq!(found(&app, "Do").await, ["web-4242"]);
    assert!(found(&app, "\"%_' or 1=1").await.is_empty());
    assert!(found(&app, "nobody").await.is_empty());

    let mut renamed = crate::helpers::cart_updated("e2", "web-4242", "2026-11-23T09:05:00Z", 2);
    renamed["customer"]["last_name"] = "Martin".into();
    app.post_events(&key, renamed).await;

    assert_eq!(found(&app, "john martin").await, ["web-4242"]);
    assert!(found(&app, "john doe").await.is_empty());
}
