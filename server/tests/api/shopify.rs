//! Shopify's webhooks, posted as Shopify posts them (documented payload fields, extra fields
//! included): signed with the shop's secret, checkouts become carts, orders become orders of
//! their checkout, a full refund marks the order refunded, and every refusal stores nothing.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::Utc;
use serde_json::{json, Value};
use server::on;

use crate::helpers::{relance, stdout, TestApp, TestResponse};

const SECRET: &str = "shpss_0123456789abcdef0123456789";
const TOKEN: &str = "b1946ac92492d2347c6235b4d2611184";

fn checkout() -> Value {
    json!({
        "id": 450789469, "token": TOKEN, "cart_token": "68778783ad298f1c80c3bafcddeea02f",
        "email": "bob.norman@mail.example.com", "gateway": null, "buyer_accepts_marketing": true,
        "created_at": "2026-11-23T09:00:00Z", "updated_at": "2026-11-23T09:05:00Z",
        "landing_site": null, "note": null, "note_attributes": [], "referring_site": null,
        "shipping_lines": [], "taxes_included": true, "total_weight": 400,
        "currency": "EUR", "presentment_currency": "EUR", "completed_at": null, "closed_at": null,
        "customer_locale": "fr-FR", "source_name": "web",
        "abandoned_checkout_url": "https://demo.myshopify.com/12345/checkouts/b1946ac92492d2347c6235b4d2611184/recover?key=abc",
        "subtotal_price": "59.80", "total_price": "59.80", "total_tax": "9.97",
        "total_discounts": "0.00", "total_line_items_price": "59.80",
        "line_items": [
            {"key": "1", "title": "IPod Nano - 8GB", "variant_title": "green", "sku": "IPOD2008GREEN",
             "variant_id": 39072856, "product_id": 632910392, "price": "19.90", "quantity": 2,
             "vendor": "Apple", "requires_shipping": true, "taxable": true, "line_price": "39.80"},
            {"key": "2", "title": "Gift card", "variant_title": "", "sku": "", "variant_id": 808950810,
             "product_id": 921728736, "price": "20.00", "quantity": 1}
        ],
        "customer": {"id": 207119551, "email": "bob.norman@mail.example.com", "first_name": "Bob",
                     "last_name": "Norman", "accepts_marketing": true, "orders_count": 1,
                     "state": "disabled", "total_spent": "199.65", "tags": ""}
    })
}

fn order(financial_status: &str, cancelled_at: Option<&str>, updated_at: &str) -> Value {
    json!({
        "id": 820982911946154508_u64, "name": "#9999", "email": "bob.norman@mail.example.com",
        "created_at": "2026-11-23T10:00:00Z", "updated_at": updated_at,
        "processed_at": "2026-11-23T10:00:00Z", "currency": "EUR", "presentment_currency": "EUR",
        "total_price": "59.80", "subtotal_price": "59.80", "total_tax": "9.97",
        "financial_status": financial_status, "fulfillment_status": null,
        "cancelled_at": cancelled_at, "cancel_reason": cancelled_at.map(|_| "customer"),
        "checkout_token": TOKEN, "cart_token": "68778783ad298f1c80c3bafcddeea02f",
        "checkout_id": 901414060, "customer_locale": "fr", "test": false,
        "discount_codes": [{"code": "WELCOME10", "amount": "0.00", "type": "percentage"}],
        "line_items": [{"id": 866550311766439020_u64, "title": "IPod Nano - 8GB", "price": "19.90", "quantity": 2}],
        "customer": {"id": 207119551, "email": "bob.norman@mail.example.com", "first_name": "Bob", "last_name": "Norman"}
    })
}

fn refund(amount: &str) -> Value {
    json!({
        "id": 509562969, "order_id": 820982911946154508_u64, "created_at": "2026-11-24T10:00:00Z",
        "note": "it broke during shipping", "restock": true, "refund_line_items": [],
        "transactions": [{"id": 389404469, "kind": "refund", "status": "success", "amount": amount,
                          "currency": "EUR", "gateway": "bogus"}]
    })
}

pub async fn post(
    app: &TestApp,
    topic: &str,
    id: &str,
    body: &Value,
    secret: &str,
) -> TestResponse {
    let bytes = body.to_string();
    app.request(
        Request::post("/webhooks/shopify/demo")
            .header("content-type", "application/json")
            .header("x-shopify-topic", topic)
            .header("x-shopify-webhook-id", id)
            .header("x-shopify-shop-domain", "demo.myshopify.com")
            .header(
                "x-shopify-hmac-sha256",
                server::api::webhooks::sign(secret, bytes.as_bytes()),
            )
            .body(Body::from(bytes))
            .unwrap(),
    )
    .await
}

async fn connected() -> TestApp {
    let app = TestApp::spawn(Some(0)).await;
    server::api::webhooks::set_secret(&app.pool, "demo", "shopify", Some(SECRET), Utc::now())
        .await
        .unwrap();
    app
}

async fn order_status(app: &TestApp) -> String {
    on!(&app.pool, |db| sqlx::query_scalar(
        "select status from orders where external_id = '820982911946154508'"
    )
    .fetch_one(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn a_signed_checkout_becomes_a_cart_once_with_its_items_and_recovery_link() {
    let app = connected().await;

    let first = post(&app, "checkouts/create", "w-1", &checkout(), SECRET).await;
    let again = post(&app, "checkouts/create", "w-1", &checkout(), SECRET).await;

    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.body.contains("\"accepted\":1"), "{}", first.body);
    assert!(
        again.body.contains("\"duplicates\":1"),
        "a redelivery is a duplicate: {}",
        again.body
    );
    let url: String = app.cart_column(TOKEN, "url").await;
    assert!(url.ends_with("/recover?key=abc"));
    let total: i64 = app.cart_column(TOKEN, "total_tax_incl").await;
    let excl: i64 = app.cart_column(TOKEN, "total_tax_excl").await;
    assert_eq!((total, excl), (598_000, 498_300), "in ten-thousandths");
    let items: Vec<(String, String, i64)> = on!(&app.pool, |db| sqlx::query_as(
        "select sku, name, quantity from cart_items i join carts c on c.cart_id = i.cart_id
         where c.external_id = $1 order by sku",
    )
    .bind(TOKEN)
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(
        items,
        [
            ("808950810".to_owned(), "Gift card".to_owned(), 1),
            (
                "IPOD2008GREEN".to_owned(),
                "IPod Nano - 8GB – green".to_owned(),
                2
            )
        ]
    );
    let (email, language): (String, Option<String>) = on!(&app.pool, |db| sqlx::query_as(
        "select email, language from customers where external_id = '207119551'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(
        (email.as_str(), language.as_deref()),
        ("bob.norman@mail.example.com", Some("fr"))
    );
}

#[tokio::test]
async fn a_wrong_missing_or_unconfigured_signature_is_refused_and_nothing_is_stored() {
    let app = connected().await;
    let unsigned = app
        .request(
            Request::post("/webhooks/shopify/demo")
                .header("content-type", "application/json")
                .header("x-shopify-topic", "checkouts/create")
                .header("x-shopify-webhook-id", "w-2")
                .body(Body::from(checkout().to_string()))
                .unwrap(),
        )
        .await;

    let wrong = post(
        &app,
        "checkouts/create",
        "w-1",
        &checkout(),
        "another secret of the same length",
    )
    .await;
    let other_shop = app
        .request(
            Request::post("/webhooks/shopify/no-such-shop")
                .header("content-type", "application/json")
                .header("x-shopify-topic", "checkouts/create")
                .header("x-shopify-webhook-id", "w-3")
                .header(
                    "x-shopify-hmac-sha256",
                    server::api::webhooks::sign(SECRET, checkout().to_string().as_bytes()),
                )
                .body(Body::from(checkout().to_string()))
                .unwrap(),
        )
        .await;
    let mut bad_types = checkout();
    bad_types["line_items"][0]["quantity"] = json!("two");
    let typed = post(&app, "checkouts/create", "w-4", &bad_types, SECRET).await;

    assert_eq!(unsigned.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(other_shop.status, StatusCode::UNAUTHORIZED);
    assert_eq!(typed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        typed.body.contains("line_items[0].quantity"),
        "{}",
        typed.body
    );
    assert_eq!(app.count("select count(*) from carts").await, 0);
}

#[tokio::test]
async fn orders_follow_their_checkout_and_a_full_refund_marks_them_refunded() {
    let app = connected().await;
    post(&app, "checkouts/create", "w-1", &checkout(), SECRET).await;

    let paid = post(
        &app,
        "orders/paid",
        "w-2",
        &order("paid", None, "2026-11-23T10:00:00Z"),
        SECRET,
    )
    .await;
    let ordered: Option<chrono::DateTime<chrono::Utc>> = app.cart_column(TOKEN, "ordered_at").await;
    let status_paid = order_status(&app).await;
    let partial = post(&app, "refunds/create", "w-3", &refund("10.00"), SECRET).await;
    let after_partial = order_status(&app).await;
    let full = post(&app, "refunds/create", "w-4", &refund("59.80"), SECRET).await;
    let after_full = order_status(&app).await;

    assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
    assert!(ordered.is_some(), "the checkout's cart is ordered");
    assert_eq!(status_paid, "paid");
    assert!(partial.body.contains("\"accepted\":0"), "{}", partial.body);
    assert_eq!(after_partial, "paid");
    assert_eq!(full.status, StatusCode::OK, "{}", full.body);
    assert_eq!(after_full, "refunded");
}

#[tokio::test]
async fn a_cancelled_order_is_cancelled_and_the_secret_is_set_from_the_command_line() {
    let app = TestApp::spawn(Some(0)).await;
    let made = stdout(
        &relance(
            &app,
            &[
                "webhook-secret",
                "--shop",
                "demo",
                "--platform",
                "woocommerce",
            ],
        )
        .await,
    );
    let same = stdout(
        &relance(
            &app,
            &[
                "webhook-secret",
                "--shop",
                "demo",
                "--platform",
                "woocommerce",
            ],
        )
        .await,
    );
    let set = stdout(
        &relance(
            &app,
            &[
                "webhook-secret",
                "--shop",
                "demo",
                "--platform",
                "shopify",
                "--set",
                SECRET,
            ],
        )
        .await,
    );
    let short = relance(
        &app,
        &[
            "webhook-secret",
            "--shop",
            "demo",
            "--platform",
            "shopify",
            "--set",
            "short",
        ],
    )
    .await;

    post(
        &app,
        "orders/create",
        "w-1",
        &order("pending", None, "2026-11-23T10:00:00Z"),
        SECRET,
    )
    .await;
    let pending = order_status(&app).await;
    post(
        &app,
        "orders/cancelled",
        "w-2",
        &order(
            "voided",
            Some("2026-11-23T11:00:00Z"),
            "2026-11-23T11:00:00Z",
        ),
        SECRET,
    )
    .await;

    assert_eq!(made.trim().len(), 64, "a generated secret: {made}");
    assert_eq!(made, same, "printed again, not replaced");
    assert_eq!(set.trim(), SECRET);
    assert!(!short.status.success());
    assert_eq!(pending, "pending");
    assert_eq!(order_status(&app).await, "cancelled");
}

#[tokio::test]
async fn a_second_shop_gets_its_own_carts_with_its_own_secret() {
    let app = connected().await;
    let (other, _) = app
        .add_shop(domain::settings::NewShopDraft {
            name: "Second Store".into(),
            url: "https://second.example".into(),
            currency: "EUR".into(),
            time_zone: "Europe/Paris".into(),
            language: "en".into(),
            sender_name: String::new(),
            sender_email: String::new(),
        })
        .await;
    let other_secret = "shpss_second_store_secret_01";
    server::api::webhooks::set_secret(&app.pool, &other, "shopify", Some(other_secret), Utc::now())
        .await
        .unwrap();
    let send = |secret: &'static str| {
        let bytes = checkout().to_string();
        Request::post(format!("/webhooks/shopify/{other}"))
            .header("content-type", "application/json")
            .header("x-shopify-topic", "checkouts/create")
            .header("x-shopify-webhook-id", "w-1")
            .header(
                "x-shopify-hmac-sha256",
                server::api::webhooks::sign(secret, bytes.as_bytes()),
            )
            .body(Body::from(bytes))
            .unwrap()
    };

    let with_demo_secret = app.request(send(SECRET)).await;
    let own = app.request(send(other_secret)).await;
    let in_demo = post(&app, "checkouts/create", "w-1", &checkout(), SECRET).await;

    assert_eq!(with_demo_secret.status, StatusCode::UNAUTHORIZED);
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert!(own.body.contains("\"accepted\":1"));
    assert!(
        in_demo.body.contains("\"accepted\":1"),
        "the same delivery id is new for another shop"
    );
    let shops: Vec<(String,)> = on!(&app.pool, |db| sqlx::query_as(
        "select shop_id from carts where external_id = $1 order by shop_id"
    )
    .bind(TOKEN)
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(shops, [("demo".to_owned(),), (other.clone(),)]);
}
