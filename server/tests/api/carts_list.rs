use std::collections::HashMap;

use app::api::{CartSort, CartsQuery};
use chrono::{Duration, TimeZone, Utc};
use domain::lifecycle::CartStatus;
use server::on;

use crate::helpers::TestApp;

fn now() -> chrono::DateTime<Utc> {
    // The demo's own clock (see TestApp::spawn), so statuses are the same on every run.
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// Every cart of `shop` at `now`, by the status filter that lists it. Fails when a filter lists
/// a cart whose line shows another status, or when a cart is under two filters.
pub async fn listed_by_status(
    app: &TestApp,
    shop: &domain::Shop,
    now: chrono::DateTime<Utc>,
) -> HashMap<String, CartStatus> {
    let mut listed = HashMap::new();
    for status in CartStatus::ALL {
        let mut page = 1;
        loop {
            let query = CartsQuery {
                status: Some(status),
                page,
                ..Default::default()
            };
            let result = server::web::carts_page(&app.pool, shop, &query, now)
                .await
                .unwrap();
            for line in result.lines {
                assert_eq!(
                    line.status, status,
                    "cart {} listed under {status:?}",
                    line.external_id
                );
                let twice = listed.insert(line.external_id.clone(), status);
                assert_eq!(twice, None, "cart {} under two filters", line.external_id);
            }
            if page >= result.pages {
                break;
            }
            page += 1;
        }
    }
    listed
}

#[tokio::test]
async fn the_status_filter_in_sql_agrees_with_the_domain_status_of_every_cart() {
    let app = TestApp::spawn(Some(300)).await;
    let listed = listed_by_status(&app, &app.demo_shop().await, now()).await;
    assert_eq!(listed.len(), 300, "every cart is in exactly one status");
}

/// The demo's three rules have three, one and two steps: after a day of passes, the In
/// progress and Finished filters count each cart's steps against its own rule's.
#[tokio::test]
async fn the_demo_s_carts_are_filtered_by_the_steps_of_their_own_rule() {
    let app = TestApp::spawn(Some(0)).await;
    app.reseed_demo_with_rules(300).await;
    for hours in [2, 26] {
        server::jobs::run_pass(&app.sender(), now() + Duration::hours(hours))
            .await
            .unwrap();
    }
    let at = now() + Duration::hours(27);
    let listed = listed_by_status(&app, &app.demo_shop().await, at).await;
    assert_eq!(listed.len(), 300, "every cart is in exactly one status");
    let rules: Vec<(String, String)> = on!(&app.pool, |db| sqlx::query_as(
        "select distinct k.external_id, d.campaign_id from deliveries d
         join carts k on k.cart_id = d.cart_id where k.shop_id = 'demo'"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    let finished_in = |rule: &str| {
        rules
            .iter()
            .filter(|(cart, id)| id == rule && listed[cart] == CartStatus::Finished)
            .count()
    };
    let in_progress_in = |rule: &str| {
        rules
            .iter()
            .filter(|(cart, id)| id == rule && listed[cart] == CartStatus::InProgress)
            .count()
    };
    assert!(finished_in("demo-rule-loyal") > 0, "{rules:?}");
    assert!(in_progress_in("demo-rule-big-carts") > 0, "{rules:?}");
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
