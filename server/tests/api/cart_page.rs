use axum::{body::Body, http::Request, http::StatusCode};
use chrono::Utc;

use crate::helpers::{cart_updated, TestApp};

async fn cart_id(app: &TestApp, external_id: &str) -> String {
    app.cart_column(external_id, "cart_id").await
}

#[tokio::test]
async fn the_cart_page_shows_customer_items_totals_and_timeline() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    app.post_events(&key, cart_updated("e2", "web-1", "2026-11-23T10:05:00Z", 2))
        .await;
    app.post_events(&key, cart_updated("e0", "web-1", "2026-11-23T09:00:00Z", 5))
        .await;
    let id = cart_id(&app, "web-1").await;

    let detail = server::web::cart_detail(&app.pool, &id, Utc::now())
        .await
        .unwrap()
        .unwrap();

    let customer = detail.customer.expect("the event named a customer");
    assert_eq!(customer.email, "john@example.com");
    assert_eq!(customer.phone.as_deref(), Some("+33600000000"));
    assert_eq!(detail.items.len(), 1);
    assert_eq!(detail.items[0].quantity, 2);
    assert_eq!(detail.items[0].line_total.to_string(), "33.02");
    let outcomes: Vec<String> = detail
        .timeline
        .iter()
        .filter_map(|entry| match entry {
            app::api::TimelineEntry::Event { outcome, .. } => Some(outcome.clone()),
            app::api::TimelineEntry::Created { .. } => None,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    // In the order things happened: the late, older event first, recorded as stale.
    assert_eq!(outcomes, ["stale", "created", "restarted"]);
    assert!(matches!(
        detail.timeline[1],
        app::api::TimelineEntry::Created { .. }
    ));
}

async fn send_now(app: &TestApp, cookie: &str, id: &str) -> crate::helpers::TestResponse {
    app.request(
        Request::post("/admin/fn/send_next_reminder_now")
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from(format!("id={id}")))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn send_now_queues_one_request_and_refuses_a_second_while_it_waits() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    let id = cart_id(&app, "web-1").await;
    let cookie = app.sign_in().await;

    let first = send_now(&app, &cookie, &id).await;
    let second = send_now(&app, &cookie, &id).await;

    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_ne!(second.status, StatusCode::OK);
    assert!(second.body.contains("already queued"), "{}", second.body);
    assert_eq!(
        app.count("select count(*) from reminder_requests where handled_at is null")
            .await,
        1
    );
    let detail = server::web::cart_detail(&app.pool, &id, Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert!(detail.reminder_pending);
    assert!(matches!(
        detail.timeline.last(),
        Some(app::api::TimelineEntry::ReminderRequested { handled: false, .. })
    ));
}

#[tokio::test]
async fn send_now_is_refused_for_an_ordered_cart_and_without_a_session() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    app.post_events(&key, serde_json::json!({"id": "e2", "type": "order_completed", "occurred_at": "2026-11-23T10:10:00Z",
        "cart": {"id": "web-1"}, "order": {"id": "o-1", "total_tax_incl": "69.51"}})).await;
    let id = cart_id(&app, "web-1").await;

    let anonymous = send_now(&app, "", &id).await;
    let ordered = send_now(&app, &app.sign_in().await, &id).await;

    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(
        ordered.body.contains("cannot get a reminder"),
        "{}",
        ordered.body
    );
    assert_eq!(app.count("select count(*) from reminder_requests").await, 0);
}
