//! The Connect page's log of what the shop's sources sent: accepted, duplicate and refused
//! requests from the API, the tracker and the webhooks, with why; the test event; the newest
//! 50 kept; owners only; a shop made through set-up as well as the demo.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{cart_updated, TestApp};

/// The shop's log once it holds `count` lines (it is written in the background).
async fn log_of(app: &TestApp, cookie: &str, shop: &str, count: usize) -> Vec<Value> {
    for _ in 0..100 {
        let answer = app
            .call_form(cookie, "load_connect_log", &[("shop", shop)])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let lines: Vec<Value> = serde_json::from_str(&answer.body).unwrap();
        if lines.len() >= count {
            return lines;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the log never held {count} lines");
}

fn line<'a>(lines: &'a [Value], source: &str, result: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["source"] == source && l["result"] == result)
        .unwrap_or_else(|| panic!("no {source} {result} line in {lines:?}"))
}

#[tokio::test]
async fn api_and_webhook_requests_show_with_their_result_and_why() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let key = app.api_key().await;
    server::api::webhooks::set_secret(
        &app.pool,
        "demo",
        "shopify",
        Some("shpss_log_secret_0123456"),
        chrono::Utc::now(),
    )
    .await
    .unwrap();

    let event = cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1);
    assert_eq!(
        app.post_events(&key, event.clone()).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        app.post_events(&key, event).await.status,
        StatusCode::ACCEPTED
    );
    let mut wrong = cart_updated("e2", "web-2", "2026-11-23T08:30:00Z", 1);
    wrong["cart"]["currency"] = json!("euros");
    assert_eq!(
        app.post_events(&key, wrong).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let forged = app
        .request(
            Request::post("/webhooks/shopify/demo")
                .header("content-type", "application/json")
                .header("x-shopify-topic", "checkouts/create")
                .header("x-shopify-webhook-id", "w-1")
                .header("x-shopify-hmac-sha256", "bm90IGl0")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    // A shop that does not exist gets nothing written.
    let nowhere = app
        .request(
            Request::post("/webhooks/shopify/no-such-shop")
                .header("content-type", "application/json")
                .header("x-shopify-webhook-id", "w-2")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(nowhere.status, StatusCode::UNAUTHORIZED);

    let lines = log_of(&app, &owner, "demo", 4).await;
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(
        line(&lines, "api", "accepted")["summary"],
        "cart_updated web-1"
    );
    line(&lines, "api", "duplicate");
    let refused = line(&lines, "api", "refused");
    assert!(
        refused["reason"]
            .as_str()
            .unwrap()
            .contains("cart.currency"),
        "{refused}"
    );
    let forged = line(&lines, "shopify", "refused");
    assert_eq!(forged["summary"], "checkouts/create w-1");
    assert!(
        forged["reason"].as_str().unwrap().contains("signature"),
        "{forged}"
    );
    assert_eq!(
        app.count("select count(*) from connect_log where shop_id <> 'demo'")
            .await,
        0
    );
}

#[tokio::test]
async fn the_test_event_makes_a_cart_nobody_is_reminded_of_and_staff_cannot_see_the_log() {
    let app = TestApp::empty().await;
    let (shop, cookie) = crate::setup::set_up_shop(&app).await;
    let sent = app
        .call_form(&cookie, "send_test_event", &[("shop", &shop)])
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);

    let lines = log_of(&app, &cookie, &shop, 1).await;
    let test = line(&lines, "test", "accepted");
    assert!(test["summary"]
        .as_str()
        .unwrap()
        .starts_with("cart_updated relance-test-"));
    assert_eq!(
        app.count("select count(*) from carts where external_id like 'relance-test-%' and customer_id is null")
            .await,
        1
    );
    let staff = app
        .member("staff@emilie.example", &shop, domain::team::Role::Staff)
        .await;
    let refused = app
        .call_form(&staff, "load_connect_log", &[("shop", &shop)])
        .await;
    let refused_test = app
        .call_form(&staff, "send_test_event", &[("shop", &shop)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused_test.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_the_newest_fifty_requests_are_kept() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let key = app.api_key().await;
    for n in 0..60 {
        let event = cart_updated(
            &format!("e{n}"),
            &format!("web-{n}"),
            "2026-11-23T08:30:00Z",
            1,
        );
        assert_eq!(
            app.post_events(&key, event).await.status,
            StatusCode::ACCEPTED
        );
    }
    // The entries are written in the background: wait for the last one.
    let mut lines = Vec::new();
    for _ in 0..100 {
        lines = log_of(&app, &owner, "demo", 50).await;
        if lines[0]["summary"] == "cart_updated web-59" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(lines.len(), 50);
    assert_eq!(app.count("select count(*) from connect_log").await, 50);
    assert_eq!(lines[0]["summary"], "cart_updated web-59");
}
