//! An order counts once it is paid: `order_completed` may report it pending, `order_updated`
//! moves it to paid, cancelled or refunded, and Statistics and the cart page follow. Through
//! the events API, `relance run-once --at` and a real SMTP server on loopback.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, DurationRound, Utc};
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

fn order_completed(event: &str, at: DateTime<Utc>, status: &str) -> Value {
    json!({"id": event, "type": "order_completed", "occurred_at": at.to_rfc3339(),
           "cart": {"id": "web-1"},
           "order": {"id": "o-1", "total_tax_incl": "69.51", "status": status}})
}

fn order_updated(event: &str, at: DateTime<Utc>, status: &str) -> Value {
    json!({"id": event, "type": "order_updated", "occurred_at": at.to_rfc3339(),
           "cart": {"id": "web-1"}, "order": {"id": "o-1", "status": status}})
}

/// John's cart, reminded once (first step) 90 minutes after his last activity `days_ago`.
async fn reminded_cart(app: &TestApp, key: &str, days_ago: i64) -> DateTime<Utc> {
    let quiet = Utc::now().duration_trunc(Duration::minutes(1)).unwrap() - Duration::days(days_ago);
    app.post_events(key, cart_updated("e-cart", "web-1", &quiet.to_rfc3339(), 1))
        .await;
    let peer = SmtpPeer::start(&[]).await;
    let run = app
        .run_once(&peer.url(), &(quiet + Duration::minutes(90)).to_rfc3339())
        .await;
    assert_eq!(run["sent"], 1, "{run}");
    quiet
}

/// John's cart as its page shows it now.
async fn cart_page(app: &TestApp) -> app::api::CartDetail {
    let id: String = app.cart_column("web-1", "cart_id").await;
    server::web::cart_detail(&app.pool, &app.demo_shop().await, &id, Utc::now())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_pending_order_counts_once_paid_and_leaves_the_figures_when_refunded() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let cookie = app.sign_in().await;
    let quiet = reminded_cart(&app, &key, 2).await;

    app.post_events(
        &key,
        order_completed("e-order", quiet + Duration::hours(3), "pending"),
    )
    .await;
    let pending = app.current_figures(&cookie).await;
    assert_eq!(pending["revenue"], "0", "{pending}");
    assert_eq!(pending["finalised"]["part"], 0);

    let paid = app
        .post_events(
            &key,
            order_updated("e-paid", quiet + Duration::hours(4), "paid"),
        )
        .await;
    assert_eq!(paid.status, StatusCode::ACCEPTED, "{}", paid.body);
    let paid = app.current_figures(&cookie).await;
    assert_eq!(paid["revenue"], "69.51", "{paid}");
    assert_eq!(paid["finalised"]["part"], 1);

    app.post_events(
        &key,
        order_updated("e-refund", quiet + Duration::hours(6), "refunded"),
    )
    .await;
    // A "paid" report older than the refund arrives late: the refund stands.
    app.post_events(
        &key,
        order_updated("e-late", quiet + Duration::hours(5), "paid"),
    )
    .await;
    let refunded = app.current_figures(&cookie).await;
    assert_eq!(refunded["revenue"], "0", "{refunded}");
    assert_eq!(refunded["finalised"]["part"], 0);
    let status: (String,) = on!(&app.pool, |db| sqlx::query_as(
        "select status from orders where external_id = 'o-1'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(status.0, "refunded");
}

#[tokio::test]
async fn the_cart_page_shows_the_order_status_and_the_reminder_it_credits_by_which_rule() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let quiet = reminded_cart(&app, &key, 2).await;
    app.post_events(
        &key,
        order_completed("e-order", quiet + Duration::hours(3), "paid"),
    )
    .await;
    let detail = cart_page(&app).await;

    assert_eq!(detail.attribution_window_days, 7);
    let order = detail
        .timeline
        .iter()
        .find_map(|entry| match entry {
            app::api::TimelineEntry::Order {
                status, credited, ..
            } => Some((*status, credited.clone())),
            _ => None,
        })
        .expect("the order is on the timeline");
    assert_eq!(order.0, domain::lifecycle::OrderStatus::Paid);
    let credited = order.1.expect("the reminder went out 90 minutes before");
    assert_eq!(credited.rule, domain::stats::CreditRule::Send);
    assert_eq!(
        (credited.delay_amount, credited.delay_unit),
        (1, domain::DelayUnit::Hours)
    );
    let led_to = detail.timeline.iter().find_map(|entry| match entry {
        app::api::TimelineEntry::Reminder { led_to, .. } => led_to.clone(),
        _ => None,
    });
    assert_eq!(led_to.map(|l| l.order_id), Some("o-1".to_owned()));
}

#[tokio::test]
async fn an_order_update_without_a_known_status_is_refused_naming_the_field() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let at = Utc::now();
    let mut missing = order_updated("e-1", at, "paid");
    missing["order"].as_object_mut().unwrap().remove("status");

    let response = app.post_events(&key, missing).await;

    assert_eq!(
        response.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        response.body
    );
    assert!(response.body.contains("order.status"), "{}", response.body);
    let shipped = app
        .post_events(&key, order_updated("e-2", at, "shipped"))
        .await;
    assert_eq!(
        shipped.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        shipped.body
    );
    assert!(shipped.body.contains("status"), "{}", shipped.body);
    assert_eq!(app.count("select count(*) from cart_events").await, 0);
}

#[tokio::test]
async fn a_status_for_an_order_relance_never_received_is_accepted_and_changes_nothing() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;

    let response = app
        .post_events(&key, order_updated("e-1", Utc::now(), "cancelled"))
        .await;

    assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.body);
    assert_eq!(app.count("select count(*) from orders").await, 0);
}

#[tokio::test]
async fn a_click_credits_a_reminder_sent_before_the_window_and_its_line_shows_the_click() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    // Reminded ten days ago: outside the 7 days after its send.
    reminded_cart(&app, &key, 10).await;
    let (delivery,): (String,) = on!(&app.pool, |db| sqlx::query_as(
        "select delivery_id from deliveries where status = 'sent'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let signer =
        server::links::LinkSigner::new(crate::helpers::TEST_LINK_KEY, "http://127.0.0.1:3000");
    let click = signer.url(
        server::links::LinkKind::Click,
        &delivery,
        "https://shop.example/cart?id=42",
    );
    // The customer opens the email, then clicks (a click with no open is a machine's).
    let open = signer.url(server::links::LinkKind::Open, &delivery, "");
    let opened = app
        .get(open.trim_start_matches("http://127.0.0.1:3000"), "fr")
        .await;
    assert_eq!(opened.status, StatusCode::OK);
    let clicked = app
        .get(click.trim_start_matches("http://127.0.0.1:3000"), "fr")
        .await;
    assert_eq!(clicked.status, StatusCode::SEE_OTHER, "{}", clicked.body);
    app.post_events(&key, order_completed("e-order", Utc::now(), "paid"))
        .await;
    let detail = cart_page(&app).await;

    let (clicked_at, led_to) = detail
        .timeline
        .iter()
        .find_map(|entry| match entry {
            app::api::TimelineEntry::Reminder {
                clicked_at, led_to, ..
            } => Some((*clicked_at, led_to.clone())),
            _ => None,
        })
        .unwrap();
    assert!(clicked_at.is_some());
    let led_to = led_to.expect("the click is within 7 days of the order");
    assert_eq!(led_to.order_id, "o-1");
    assert_eq!(led_to.rule, domain::stats::CreditRule::Click);
}
