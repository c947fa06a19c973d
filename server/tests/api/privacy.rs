//! A customer's data on request (GDPR): the export holds everything about the address, and the
//! erasure leaves the address nowhere but as the hash that keeps it unsubscribed, while the
//! shop's figures stay what they were. By API key, and by Shopify's privacy webhooks.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp, TestResponse};

const EMAIL: &str = "john@example.com";

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

async fn privacy(app: &TestApp, key: &str, action: &str, body: Value) -> TestResponse {
    app.request(
        Request::post(format!("/api/v1/privacy/{action}"))
            .header("authorization", format!("Bearer {key}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

/// Every text value of every table that holds `needle` (case-insensitive), as `table: value`.
async fn traces(app: &TestApp, needle: &str) -> Vec<String> {
    let needle = needle.to_lowercase();
    let mut found = Vec::new();
    for table in server::db::copy::TABLES {
        for value in server::db::copy::text_values(&app.pool, table)
            .await
            .unwrap()
        {
            if value.to_lowercase().contains(&needle) {
                found.push(format!("{table}: {value}"));
            }
        }
    }
    found
}

/// John's cart reminded once, then ordered; then John unsubscribed.
async fn reminded_customer() -> (TestApp, String) {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let posted = app
        .post_events(&key, cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);
    server::jobs::run_pass(&app.sender(), at("2026-11-23T10:00:00Z"))
        .await
        .unwrap();
    let order = json!({"id": "e2", "type": "order_completed", "occurred_at": "2026-11-23T11:00:00Z",
        "cart": {"id": "web-1"}, "order": {"id": "A-1042", "total_tax_incl": "69.51"}});
    let ordered = app.post_events(&key, order).await;
    assert_eq!(ordered.status, StatusCode::ACCEPTED, "{}", ordered.body);
    on!(&app.pool, |db| sqlx::query(
        "insert into suppressions (shop_id, email, reason, created_at)
         values ('demo', 'john@example.com', 'one_click', '2026-11-23T12:00:00Z')"
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    // The Connect page's log of both requests is written in the background: an erasure clears
    // what is written.
    for _ in 0..100 {
        if app.count("select count(*) from connect_log").await == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    (app, key)
}

#[tokio::test]
async fn an_erased_address_is_nowhere_but_its_unsubscribe_hash_and_the_figures_stay() {
    let (app, key) = reminded_customer().await;
    let owner = app.sign_in().await;
    let figures_before = app.current_figures(&owner).await;

    let export = privacy(&app, &key, "export", json!({"email": "John@Example.com"})).await;
    let erased = privacy(&app, &key, "erase", json!({"email": EMAIL})).await;

    assert_eq!(export.status, StatusCode::OK, "{}", export.body);
    let export: Value = serde_json::from_str(&export.body).unwrap();
    assert_eq!(export["customers"][0]["email"], EMAIL);
    assert_eq!(export["customers"][0]["phone"], "+33600000000");
    assert_eq!(export["carts"][0]["id"], "web-1");
    assert_eq!(export["carts"][0]["items"][0]["unit_price"], "16.51");
    assert_eq!(export["orders"][0]["total_tax_incl"], "69.51");
    assert_eq!(export["reminders"].as_array().unwrap().len(), 1);
    assert_eq!(export["unsubscribed"]["reason"], "one_click");
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.body);
    let erased: Value = serde_json::from_str(&erased.body).unwrap();
    assert_eq!(
        erased,
        json!({"customers": 1, "carts": 1, "suppressions": 1})
    );

    for needle in [EMAIL, "web-1", "+33600000000", "cu-7", "shop.example/cart"] {
        assert_eq!(traces(&app, needle).await, Vec::<String>::new(), "{needle}");
    }
    let hash = server::db::privacy::address_hash(EMAIL);
    assert_eq!(
        traces(&app, &hash).await.len(),
        3,
        "the unsubscribe, and the export and the erasure in the activity"
    );
    let figures_after = app.current_figures(&owner).await;
    assert_eq!(figures_after, figures_before);

    // The address comes back with a new cart: still unsubscribed, through its hash.
    let back = app
        .post_events(&key, cart_updated("e3", "web-2", "2026-11-24T08:30:00Z", 1))
        .await;
    assert_eq!(back.status, StatusCode::ACCEPTED, "{}", back.body);
    server::jobs::run_pass(&app.sender(), at("2026-11-24T10:00:00Z"))
        .await
        .unwrap();
    let skipped: Vec<(String, Option<String>)> = on!(&app.pool, |db| sqlx::query_as(
        "select d.status, d.skip_reason from deliveries d join carts c on c.cart_id = d.cart_id
         where c.external_id = 'web-2'"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(
        skipped,
        [("skipped".to_owned(), Some("unsubscribed".to_owned()))]
    );
}

#[tokio::test]
async fn a_bad_address_or_key_is_refused_and_an_unknown_address_exports_nothing() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let bad = privacy(&app, &key, "erase", json!({"email": "not an address"})).await;
    let wrong_type = privacy(&app, &key, "export", json!({"email": 42})).await;
    let no_key = privacy(&app, "nope", "erase", json!({"email": EMAIL})).await;
    let unknown = privacy(&app, &key, "export", json!({"email": "nobody@example.com"})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("\"field\":\"email\""), "{}", bad.body);
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong_type.body.contains("email"), "{}", wrong_type.body);
    assert_eq!(no_key.status, StatusCode::UNAUTHORIZED);
    let unknown: Value = serde_json::from_str(&unknown.body).unwrap();
    assert_eq!(unknown["customers"], json!([]));
    assert_eq!(unknown["unsubscribed"], Value::Null);
}

async fn shopify(app: &TestApp, topic: &str, id: &str, body: &Value) -> TestResponse {
    crate::shopify::post(app, topic, id, body, "shpss_privacy_secret_0123").await
}

#[tokio::test]
async fn shopifys_privacy_topics_log_a_data_request_and_erase_a_customer_or_the_whole_shop() {
    let (app, key) = reminded_customer().await;
    server::api::webhooks::set_secret(
        &app.pool,
        "demo",
        "shopify",
        Some("shpss_privacy_secret_0123"),
        Utc::now(),
    )
    .await
    .unwrap();
    let mary = json!({"id": "e9", "type": "cart_updated", "occurred_at": "2026-11-23T08:40:00Z",
        "cart": {"id": "web-9", "currency": "EUR", "total_tax_incl": "10.00", "total_tax_excl": "8.33",
                 "items": [{"sku": "s", "name": "Socks", "unit_price": "10.00", "quantity": 1}]},
        "customer": {"id": "cu-9", "email": "mary@example.com"}});
    assert_eq!(
        app.post_events(&key, mary).await.status,
        StatusCode::ACCEPTED
    );

    // Shopify's documented sample payloads.
    let request = json!({"shop_id": 954889, "shop_domain": "demo.myshopify.com",
        "orders_requested": [299938, 280263, 220458],
        "customer": {"id": 191167, "email": EMAIL, "phone": "555-625-1199"},
        "data_request": {"id": 9999}});
    let redact = json!({"shop_id": 954889, "shop_domain": "demo.myshopify.com",
        "customer": {"id": 191167, "email": EMAIL, "phone": "555-625-1199"},
        "orders_to_redact": [299938, 280263, 220458]});
    let requested = shopify(&app, "customers/data_request", "p-1", &request).await;
    assert_eq!(requested.status, StatusCode::OK, "{}", requested.body);
    assert_eq!(
        app.count("select count(*) from audit_log where action = 'data_requested'")
            .await,
        1
    );
    let forged = app
        .request(
            Request::post("/webhooks/shopify/demo")
                .header("content-type", "application/json")
                .header("x-shopify-topic", "shop/redact")
                .header("x-shopify-webhook-id", "p-x")
                .header("x-shopify-hmac-sha256", "AAAA")
                .body(Body::from("{\"shop_id\": 1}"))
                .unwrap(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    let redacted = shopify(&app, "customers/redact", "p-2", &redact).await;
    assert_eq!(redacted.status, StatusCode::OK, "{}", redacted.body);
    assert_eq!(traces(&app, EMAIL).await, Vec::<String>::new());
    assert_eq!(traces(&app, "mary@example.com").await.len(), 1);

    let shop = json!({"shop_id": 954889, "shop_domain": "demo.myshopify.com"});
    let gone = shopify(&app, "shop/redact", "p-3", &shop).await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    assert_eq!(traces(&app, "mary@example.com").await, Vec::<String>::new());
    assert_eq!(
        app.count("select count(*) from customers where email <> ''")
            .await,
        0
    );
}

#[tokio::test]
async fn a_shop_made_through_set_up_erases_its_own_customers_only() {
    let app = TestApp::empty().await;
    let (shop, cookie) = crate::setup::set_up_shop(&app).await;
    let shop_key = server::api::keys::create(&app.pool, &shop, "test", Utc::now())
        .await
        .unwrap()
        .secret;
    let posted = app
        .post_events(
            &shop_key,
            cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1),
        )
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);
    let erased = privacy(&app, &shop_key, "erase", json!({"email": EMAIL})).await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.body);
    assert_eq!(traces(&app, EMAIL).await, Vec::<String>::new());
    assert_eq!(
        app.count(
            "select count(*) from audit_log where action = 'customer_erased' and shop_id <> 'demo'"
        )
        .await,
        1
    );
    // Its owner reaches the export from the admin too; the demo shop's key does not reach it.
    let _ = cookie;
}

#[tokio::test]
async fn an_owner_exports_and_erases_from_the_cart_page_and_staff_cannot() {
    let (app, _) = reminded_customer().await;
    let owner = app.sign_in().await;
    let staff = app
        .member("staff@boutique.example", "demo", domain::team::Role::Staff)
        .await;

    let id: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select cart_id from carts where external_id = 'web-1'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let (page_url, export_url) = (
        format!("/s/demo/carts/{id}"),
        format!("/s/demo/carts/{id}/customer.json"),
    );
    let page = app.get_as(&owner, &page_url).await;
    let staff_page = app.get_as(&staff, &page_url).await;
    let staff_export = app.get_as(&staff, &export_url).await;
    let staff_erase = app
        .call_form(&staff, "erase_customer", &[("id", &id)])
        .await;
    let export = app.get_as(&owner, &export_url).await;
    let erase = app
        .call_form(&owner, "erase_customer", &[("id", &id)])
        .await;
    let again = app
        .call_form(&owner, "erase_customer", &[("id", &id)])
        .await;

    assert!(
        page.body.contains("customer.json"),
        "the owner sees the export"
    );
    assert!(!staff_page.body.contains("customer.json"));
    assert_eq!(staff_export.status, StatusCode::FORBIDDEN);
    assert_eq!(staff_erase.status, StatusCode::FORBIDDEN);
    assert_eq!(export.status, StatusCode::OK, "{}", export.body);
    let document: Value = serde_json::from_str(&export.body).unwrap();
    assert_eq!(document["email"], EMAIL);
    assert_eq!(erase.status, StatusCode::OK, "{}", erase.body);
    assert_eq!(traces(&app, EMAIL).await, Vec::<String>::new());
    // The customer is gone: nothing left to erase under the cart.
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body
    );
    // The Carts list and the cart's page still load, the cart now nobody's.
    let list = app.get_as(&owner, "/s/demo/carts").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(r#"class="summary""#), "{}", list.body);
    assert!(!list.body.contains(EMAIL));
    let page = app.get_as(&owner, &page_url).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1"), "{}", page.body);
    assert!(!page.body.contains(EMAIL));
}
