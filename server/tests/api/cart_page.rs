use axum::{body::Body, http::Request, http::StatusCode};
use chrono::Utc;
use serde_json::json;

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

    let detail = server::web::cart_detail(&app.pool, &app.demo_shop().await, &id, Utc::now())
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
    // In the order things happened: the late, older event first, recorded as stale. No
    // reminder went out yet, so more items restart nothing.
    assert_eq!(outcomes, ["stale", "created", "applied"]);
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
            .body(Body::from(format!("shop=demo&id={id}")))
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
    let detail = server::web::cart_detail(&app.pool, &app.demo_shop().await, &id, Utc::now())
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

/// The outcome of each shop event on the cart's timeline, by event id, in timeline order.
async fn timeline_events(app: &TestApp, external_id: &str) -> Vec<(String, String)> {
    let id = cart_id(app, external_id).await;
    let detail = server::web::cart_detail(&app.pool, &app.demo_shop().await, &id, Utc::now())
        .await
        .unwrap()
        .unwrap();
    detail
        .timeline
        .iter()
        .filter_map(|entry| match entry {
            app::api::TimelineEntry::Event {
                event_id, outcome, ..
            } => Some((event_id.clone(), outcome.clone())),
            _ => None,
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(id, outcome)| (id.to_string(), outcome.to_string()))
        .collect()
}

#[tokio::test]
async fn the_timeline_holds_every_event_of_the_cart_across_requests_and_none_of_another() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    // An order and a deletion before the shop ever sent the cart, then the cart itself.
    let order = json!({"id": "a0", "type": "order_completed", "occurred_at": "2026-11-23T09:00:00Z",
        "cart": {"id": "web-1"}, "order": {"id": "o-1", "total_tax_incl": "10.00"}});
    app.post_events(&key, order).await;
    let deleted = json!({"id": "a1", "type": "cart_deleted", "occurred_at": "2026-11-23T09:30:00Z", "cart": {"id": "web-1"}});
    app.post_events(&key, deleted).await;
    app.post_events(&key, cart_updated("a2", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    app.post_events(&key, cart_updated("b1", "web-2", "2026-11-23T10:01:00Z", 1))
        .await;
    // One request about both carts, with a late event for the first.
    let batch = json!({"events": [
        cart_updated("a3", "web-1", "2026-11-23T10:10:00Z", 2),
        cart_updated("b2", "web-2", "2026-11-23T10:11:00Z", 2),
        cart_updated("a4", "web-1", "2026-11-23T09:45:00Z", 3),
    ]});
    app.post_events(&key, batch).await;
    // After the cart's order: recorded, and still on its timeline.
    let order = json!({"id": "a5", "type": "order_completed", "occurred_at": "2026-11-23T10:20:00Z",
        "cart": {"id": "web-1"}, "order": {"id": "o-2", "total_tax_incl": "69.51"}});
    app.post_events(&key, order).await;
    app.post_events(&key, cart_updated("a6", "web-1", "2026-11-23T10:30:00Z", 4))
        .await;
    // A resent event is not a second entry.
    app.post_events(&key, cart_updated("a3", "web-1", "2026-11-23T10:10:00Z", 2))
        .await;

    assert_eq!(
        timeline_events(&app, "web-1").await,
        pairs(&[
            ("a0", "unknown_cart"),
            ("a1", "unknown_cart"),
            ("a4", "stale"),
            ("a2", "created"),
            ("a3", "applied"),
            ("a5", "applied"),
            ("a6", "after_order"),
        ])
    );
    assert_eq!(
        timeline_events(&app, "web-2").await,
        pairs(&[("b1", "created"), ("b2", "applied")])
    );
}

#[tokio::test]
async fn a_cart_created_in_the_same_request_as_its_earlier_order_has_both_on_its_timeline() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    let batch = json!({"events": [
        {"id": "e1", "type": "order_completed", "occurred_at": "2026-11-23T10:30:00Z",
         "cart": {"id": "web-1"}, "order": {"id": "o-1", "total_tax_incl": "69.51"}},
        cart_updated("e2", "web-1", "2026-11-23T10:00:00Z", 1),
    ]});

    let response = app.post_events(&key, batch).await;

    assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.body);
    assert_eq!(
        timeline_events(&app, "web-1").await,
        pairs(&[("e2", "created"), ("e1", "unknown_cart")])
    );
}

#[tokio::test]
async fn the_cart_pages_buttons_act_through_perform_act_with_the_same_checks() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    let id = cart_id(&app, "web-1").await;
    let owner = app.sign_in().await;
    let staff = app
        .member("staff@boutique.example", "demo", domain::team::Role::Staff)
        .await;
    let act = |name: &str| json!({"act": {name: {"id": id}}});

    // Any member may ask for the next reminder; the page loads again to show it.
    let queued = app
        .call_json(&staff, "perform_act", act("SendNextReminder"))
        .await;
    assert_eq!(queued.status, StatusCode::OK, "{}", queued.body);
    assert_eq!(queued.body, "\"Reload\"");
    let twice = app
        .call_json(&owner, "perform_act", act("SendNextReminder"))
        .await;
    assert!(twice.body.contains("already queued"), "{}", twice.body);
    assert_eq!(app.count("select count(*) from reminder_requests").await, 1);

    // Erasing is the owner's: staff are refused and the customer stays.
    let refused = app
        .call_json(&staff, "perform_act", act("EraseCustomer"))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(
        app.count("select count(*) from customers where email = 'john@example.com'")
            .await,
        1
    );
    let erased = app
        .call_json(&owner, "perform_act", act("EraseCustomer"))
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.body);
    assert_eq!(erased.body, r#"{"Go":{"to":"/s/demo/carts"}}"#);
    assert_eq!(
        app.count("select count(*) from customers where email = 'john@example.com'")
            .await,
        0
    );
}
