//! WooCommerce's order webhooks, posted as WooCommerce posts them (REST API v3 order JSON):
//! signed with the shop's secret, an order gets its status and its coupon codes, a redelivery
//! is a duplicate, and the unsigned ping sent when the webhook is saved is answered.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::Utc;
use serde_json::{json, Value};
use server::on;

use crate::helpers::{TestApp, TestResponse};

const SECRET: &str = "wc-secret-0123456789abcdef";

fn order(status: &str, modified: &str) -> Value {
    json!({
        "id": 727, "parent_id": 0, "number": "727", "order_key": "wc_order_58d2d042d1d",
        "created_via": "checkout", "version": "8.4.0", "status": status, "currency": "EUR",
        "date_created": "2026-11-23T11:00:00", "date_created_gmt": "2026-11-23T10:00:00",
        "date_modified": "2026-11-23T11:00:00", "date_modified_gmt": modified,
        "discount_total": "5.00", "shipping_total": "4.90", "total": "69.51", "total_tax": "11.58",
        "prices_include_tax": true, "customer_id": 26, "customer_note": "",
        "billing": {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com",
                    "address_1": "969 Market", "city": "San Francisco", "country": "US"},
        "payment_method": "bacs", "transaction_id": "", "cart_hash": "",
        "line_items": [{"id": 315, "name": "Woo Single #1", "product_id": 93, "variation_id": 0,
                        "quantity": 2, "sku": "", "price": 3, "total": "6.00"}],
        "coupon_lines": [{"id": 318, "code": "RLC-ABCD2345", "discount": "5.00"}],
        "meta_data": []
    })
}

async fn post(
    app: &TestApp,
    topic: &str,
    delivery: &str,
    body: &Value,
    secret: &str,
) -> TestResponse {
    let bytes = body.to_string();
    app.request(
        Request::post("/webhooks/woocommerce/demo")
            .header("content-type", "application/json")
            .header("x-wc-webhook-source", "https://shop.example/")
            .header("x-wc-webhook-topic", topic)
            .header("x-wc-webhook-resource", "order")
            .header("x-wc-webhook-event", topic.trim_start_matches("order."))
            .header("x-wc-webhook-delivery-id", delivery)
            .header(
                "x-wc-webhook-signature",
                server::api::webhooks::sign(secret, bytes.as_bytes()),
            )
            .body(Body::from(bytes))
            .unwrap(),
    )
    .await
}

async fn connected() -> TestApp {
    let app = TestApp::spawn(Some(0)).await;
    server::api::webhooks::set_secret(&app.pool, "demo", "woocommerce", Some(SECRET), Utc::now())
        .await
        .unwrap();
    app
}

async fn order_row(app: &TestApp) -> (String, i64) {
    on!(&app.pool, |db| sqlx::query_as(
        "select status, total_tax_incl from orders where external_id = '727'"
    )
    .fetch_one(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn orders_get_their_status_and_total_and_a_redelivery_is_a_duplicate() {
    let app = connected().await;

    let created = post(
        &app,
        "order.created",
        "d-1",
        &order("pending", "2026-11-23T10:00:00"),
        SECRET,
    )
    .await;
    let pending = order_row(&app).await;
    let again = post(
        &app,
        "order.created",
        "d-1",
        &order("pending", "2026-11-23T10:00:00"),
        SECRET,
    )
    .await;
    let paid = post(
        &app,
        "order.updated",
        "d-2",
        &order("processing", "2026-11-23T10:05:00"),
        SECRET,
    )
    .await;
    let after = order_row(&app).await;
    post(
        &app,
        "order.updated",
        "d-3",
        &order("refunded", "2026-11-24T09:00:00"),
        SECRET,
    )
    .await;

    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(pending, ("pending".to_owned(), 695_100));
    assert!(again.body.contains("\"duplicates\":2"), "{}", again.body);
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
    assert_eq!(after.0, "paid");
    assert_eq!(order_row(&app).await.0, "refunded");
}

#[tokio::test]
async fn the_ping_is_answered_and_a_wrong_signature_or_type_stores_nothing() {
    let app = connected().await;
    let ping = app
        .request(
            Request::post("/webhooks/woocommerce/demo")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("webhook_id=15"))
                .unwrap(),
        )
        .await;
    let wrong = post(
        &app,
        "order.created",
        "d-1",
        &order("pending", "2026-11-23T10:00:00"),
        "not the secret at all",
    )
    .await;
    let mut bad = order("pending", "2026-11-23T10:00:00");
    bad["total"] = json!({"amount": 69.51});
    let typed = post(&app, "order.created", "d-2", &bad, SECRET).await;

    assert_eq!(ping.status, StatusCode::OK, "{}", ping.body);
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(typed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(typed.body.contains("total"), "{}", typed.body);
    assert_eq!(app.count("select count(*) from orders").await, 0);
}

#[tokio::test]
async fn an_owner_sets_the_secrets_on_the_connect_page_and_the_keys_list_stays_the_merchants() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let staff = app
        .member("staff@demo.test", "demo", domain::team::Role::Staff)
        .await;

    let before = app.call_form(&owner, "load_webhooks", &[]).await;
    let short = app
        .call_form(
            &owner,
            "set_webhook_secret",
            &[("platform", "shopify"), ("value", "short")],
        )
        .await;
    let pasted = app
        .call_form(
            &owner,
            "set_webhook_secret",
            &[("platform", "shopify"), ("value", "shpss_0123456789abcdef")],
        )
        .await;
    let made = app
        .call_form(
            &owner,
            "set_webhook_secret",
            &[("platform", "woocommerce"), ("value", "")],
        )
        .await;
    let after = app.call_form(&owner, "load_webhooks", &[]).await;
    let refused = app.call_form(&staff, "load_webhooks", &[]).await;
    let keys = app.call_form(&owner, "list_api_keys", &[]).await;

    let before: Value = serde_json::from_str(&before.body).unwrap();
    assert_eq!(
        before[0]["url"],
        "http://127.0.0.1:3000/webhooks/shopify/demo"
    );
    assert_eq!(before[1]["secret"], Value::Null);
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pasted.status, StatusCode::OK, "{}", pasted.body);
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let after: Value = serde_json::from_str(&after.body).unwrap();
    assert_eq!(after[0]["secret"], "shpss_0123456789abcdef");
    let woo_secret = after[1]["secret"].as_str().unwrap().to_owned();
    assert_eq!(woo_secret.len(), 64);
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!keys.body.contains("webhooks"), "{}", keys.body);
    let signed = post(
        &app,
        "order.created",
        "d-1",
        &order("pending", "2026-11-23T10:00:00"),
        &woo_secret,
    )
    .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    assert_eq!(
        app.count("select count(*) from audit_log where action = 'webhook_secret_set'")
            .await,
        2
    );
}
