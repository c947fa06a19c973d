//! The storefront tracker: `/t.js` and its events, sent with a shop's public key from the
//! shop's allowed origins only, rate limited, validated like API events, and never reaching a
//! cart or a reading the public key was not given.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::helpers::{header_of, TestApp};

const SHOP_ORIGIN: &str = "https://www.boutique.example";

struct Answer {
    status: StatusCode,
    allow_origin: Option<String>,
    retry_after: Option<String>,
    body: String,
}

async fn send(app: &TestApp, request: Request<Body>) -> Answer {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let header = |name: &str| header_of(response.headers(), name);
    let (status, allow_origin, retry_after) = (
        response.status(),
        header("access-control-allow-origin"),
        header("retry-after"),
    );
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        allow_origin,
        retry_after,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A POST as the script makes it: text/plain, from `origin`, from the visitor at `ip`.
fn tracker_post(key: &str, origin: Option<&str>, ip: [u8; 4], body: &str) -> Request<Body> {
    let mut request = Request::post(format!("/api/v1/tracker/{key}"))
        .header("content-type", "text/plain;charset=UTF-8");
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    let mut request = request.body(Body::from(body.to_owned())).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 50_000))));
    request
}

fn cart_event(event: &str, cart: &str, email: Option<&str>) -> String {
    let mut value = json!({
        "id": event, "type": "cart_updated",
        "cart": {"id": cart, "currency": "EUR", "total": "59.80", "url": "https://www.boutique.example/cart",
                 "items": [{"sku": "MUG-1", "name": "Mug <b>émaillé</b>", "unit_price": "29.90", "quantity": 2}]}
    });
    if let Some(email) = email {
        value["customer"] = json!({"email": email, "first_name": "Léa", "language": "fr"});
    }
    value.to_string()
}

/// The shop's tracker with `origins` saved through the Connect page; returns its public key.
async fn tracker_of(app: &TestApp, cookie: &str, shop: &str, origins: &str) -> String {
    let saved = app
        .call_form(
            cookie,
            "save_tracker_origins",
            &[("shop", shop), ("origins", origins)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let line = app
        .call_form(cookie, "load_tracker", &[("shop", shop)])
        .await;
    let line: Value = serde_json::from_str(&line.body).unwrap();
    line["public_key"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_visitor_of_an_allowed_origin_makes_a_cart_and_with_consent_gives_its_email() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let key = tracker_of(
        &app,
        &owner,
        "demo",
        "https://WWW.boutique.example/\nhttp://localhost:8080",
    )
    .await;
    assert!(key.starts_with("pk_"), "{key}");

    let anonymous = send(
        &app,
        tracker_post(
            &key,
            Some(SHOP_ORIGIN),
            [203, 0, 113, 9],
            &cart_event("e1", "c0ffee", None),
        ),
    )
    .await;
    let with_email = send(
        &app,
        tracker_post(
            &key,
            Some(SHOP_ORIGIN),
            [203, 0, 113, 9],
            &cart_event("e2", "c0ffee", Some(" Lea@Example.com ")),
        ),
    )
    .await;
    let again = send(
        &app,
        tracker_post(
            &key,
            Some(SHOP_ORIGIN),
            [203, 0, 113, 9],
            &cart_event("e2", "c0ffee", Some("lea@example.com")),
        ),
    )
    .await;
    let ordered = send(
        &app,
        tracker_post(
            &key,
            Some(SHOP_ORIGIN),
            [203, 0, 113, 9],
            &json!({"id": "e3", "type": "order_completed", "cart": {"id": "c0ffee", "currency": "EUR"},
                    "order": {"id": "1042", "total": "59.80"}}).to_string(),
        ),
    )
    .await;

    assert_eq!(anonymous.status, StatusCode::OK, "{}", anonymous.body);
    assert_eq!(anonymous.allow_origin.as_deref(), Some(SHOP_ORIGIN));
    assert_eq!(with_email.status, StatusCode::OK, "{}", with_email.body);
    assert!(again.body.contains("\"duplicates\":1"), "{}", again.body);
    assert_eq!(ordered.status, StatusCode::OK, "{}", ordered.body);
    // The tracker's carts are its own: prefixed, so it never touches an API cart.
    let total: i64 = app.cart_column("t-c0ffee", "total_tax_incl").await;
    assert_eq!(total, 598_000, "59.80 in ten-thousandths");
    let emails: Vec<(String, bool)> = server::on!(&app.pool, |db| sqlx::query_as(
        "select cu.email, cu.newsletter from carts c join customers cu on cu.customer_id = c.customer_id
         where c.external_id = 't-c0ffee'"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    // An address comes only with the page's consent, which a shop requiring consent counts.
    assert_eq!(emails, [("lea@example.com".to_owned(), true)]);
    assert_eq!(
        app.count("select count(*) from orders where external_id = '1042'")
            .await,
        1
    );
}

#[tokio::test]
async fn another_origin_no_origin_or_an_unknown_key_is_refused_and_stores_nothing() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let key = tracker_of(&app, &owner, "demo", SHOP_ORIGIN).await;
    let body = cart_event("e1", "abc", None);

    let elsewhere = send(
        &app,
        tracker_post(&key, Some("https://evil.example"), [198, 51, 100, 1], &body),
    )
    .await;
    let nowhere = send(&app, tracker_post(&key, None, [198, 51, 100, 1], &body)).await;
    let unknown = send(
        &app,
        tracker_post("pk_nope", Some(SHOP_ORIGIN), [198, 51, 100, 1], &body),
    )
    .await;
    let preflight_ok = send(
        &app,
        Request::options(format!("/api/v1/tracker/{key}"))
            .header("origin", SHOP_ORIGIN)
            .header("access-control-request-method", "POST")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let preflight_elsewhere = send(
        &app,
        Request::options(format!("/api/v1/tracker/{key}"))
            .header("origin", "https://evil.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    // The public key is no bearer key: it reads and writes nothing through the API.
    let as_bearer = app
        .post_events(
            &key,
            crate::helpers::cart_updated("x1", "c1", "2026-11-23T10:00:00Z", 1),
        )
        .await;
    let coupons = app
        .request(
            Request::get("/api/v1/coupons/RLC-ABCD2345")
                .header("authorization", format!("Bearer {key}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
    assert!(
        elsewhere
            .body
            .contains("origin: https://evil.example is not an allowed origin"),
        "{}",
        elsewhere.body
    );
    assert_eq!(elsewhere.allow_origin, None);
    assert_eq!(nowhere.status, StatusCode::FORBIDDEN);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert!(unknown.body.contains("key:"), "{}", unknown.body);
    assert_eq!(preflight_ok.status, StatusCode::NO_CONTENT);
    assert_eq!(preflight_ok.allow_origin.as_deref(), Some(SHOP_ORIGIN));
    assert_eq!(preflight_elsewhere.status, StatusCode::FORBIDDEN);
    assert_eq!(as_bearer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(coupons.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("select count(*) from carts").await, 0);
}

#[tokio::test]
async fn wrong_types_name_the_field_a_big_body_is_too_large_and_a_flood_gets_retry_after() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let key = tracker_of(&app, &owner, "demo", SHOP_ORIGIN).await;

    let wrong = json!({"id": "e1", "type": "cart_updated",
        "cart": {"id": "abc", "currency": "EUR", "total": "59.80",
                 "items": [{"sku": "A", "name": "A", "unit_price": "cheap", "quantity": 1}]}});
    let wrong = send(
        &app,
        tracker_post(&key, Some(SHOP_ORIGIN), [192, 0, 2, 1], &wrong.to_string()),
    )
    .await;
    let bad_currency = json!({"id": "e2", "type": "cart_updated",
        "cart": {"id": "abc", "currency": "euros", "total": "59.80", "items": []}});
    let bad_currency = send(
        &app,
        tracker_post(
            &key,
            Some(SHOP_ORIGIN),
            [192, 0, 2, 1],
            &bad_currency.to_string(),
        ),
    )
    .await;
    let huge = "x".repeat(server::api::tracker::MAX_TRACKER_BYTES + 1);
    let huge = send(
        &app,
        tracker_post(&key, Some(SHOP_ORIGIN), [192, 0, 2, 1], &huge),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains("cart.items[0].unit_price"),
        "{}",
        wrong.body
    );
    assert_eq!(bad_currency.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_currency.body.contains("cart.currency"),
        "{}",
        bad_currency.body
    );
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);

    // One address sends a burst of 30; the 31st waits. Another address is not held back.
    let mut statuses = Vec::new();
    for n in 0..31 {
        let body = cart_event(&format!("f{n}"), "flood", None);
        let answer = send(
            &app,
            tracker_post(&key, Some(SHOP_ORIGIN), [203, 0, 113, 77], &body),
        )
        .await;
        statuses.push((answer.status, answer.retry_after));
    }
    let other = send(
        &app,
        tracker_post(
            &key,
            Some(SHOP_ORIGIN),
            [203, 0, 113, 78],
            &cart_event("o1", "other", None),
        ),
    )
    .await;
    assert!(
        statuses[..29].iter().all(|(s, _)| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let (last, retry) = statuses.last().unwrap();
    assert_eq!(*last, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        retry
            .as_deref()
            .is_some_and(|s| s.parse::<u64>().unwrap() >= 1),
        "{retry:?}"
    );
    assert_eq!(other.status, StatusCode::OK, "{}", other.body);
}

#[tokio::test]
async fn a_shop_made_through_set_up_gets_its_own_tracker_and_staff_cannot_change_it() {
    let app = TestApp::empty().await;
    let (shop, cookie) = crate::setup::set_up_shop(&app).await;
    let key = tracker_of(&app, &cookie, &shop, SHOP_ORIGIN).await;
    let sent = send(
        &app,
        tracker_post(
            &key,
            Some(SHOP_ORIGIN),
            [203, 0, 113, 5],
            &cart_event("e1", "moon", None),
        ),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(
        app.count("select count(*) from carts where shop_id <> 'demo' and external_id = 't-moon'")
            .await,
        1
    );

    let staff = app
        .member("staff@emilie.example", &shop, domain::team::Role::Staff)
        .await;
    let refused = app
        .call_form(
            &staff,
            "save_tracker_origins",
            &[("shop", &shop), ("origins", "https://evil.example")],
        )
        .await;
    let bad = app
        .call_form(
            &cookie,
            "save_tracker_origins",
            &[("shop", &shop), ("origins", "https://x.example/path")],
        )
        .await;
    let renewed = app
        .call_form(&cookie, "renew_tracker_key", &[("shop", &shop)])
        .await;
    let old_key = send(
        &app,
        tracker_post(
            &key,
            Some(SHOP_ORIGIN),
            [203, 0, 113, 5],
            &cart_event("e2", "moon", None),
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("allowed_origins"), "{}", bad.body);
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.body);
    assert_eq!(old_key.status, StatusCode::UNAUTHORIZED);
    // The tracker's own key is not in the shop's key list.
    let keys = app
        .call_form(&cookie, "list_api_keys", &[("shop", &shop)])
        .await;
    assert!(!keys.body.contains("tracker"), "{}", keys.body);
}

#[tokio::test]
async fn the_script_is_served_small_as_javascript() {
    let app = TestApp::spawn(Some(0)).await;
    let script = app.get("/t.js", "en").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(
        script.content_type.starts_with("text/javascript"),
        "{}",
        script.content_type
    );
    assert!(script.body.contains("/api/v1/tracker/"));
    assert!(script.body.len() < 5 * 1024, "{} bytes", script.body.len());
}
