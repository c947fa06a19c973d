//! A shop spends a Relance code as its checkout would check it: `POST
//! /api/v1/coupons/{code}/redeem` and the codes of `order_completed` follow the same rules.

use axum::{body::Body, http::Request, http::StatusCode};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};

/// A cart of `customer` (69.51 EUR, so the demo's free-shipping range from 50 EUR) reminded
/// twice, the second time with a code made at `last_activity` + 1 day 30 minutes; returns it.
async fn code_for(
    app: &TestApp,
    key: &str,
    cart: &str,
    customer: &str,
    last_activity: DateTime<Utc>,
) -> String {
    let mut event = cart_updated(&format!("e-{cart}"), cart, &last_activity.to_rfc3339(), 1);
    event["customer"]["id"] = customer.into();
    event["customer"]["email"] = format!("{customer}@example.com").into();
    app.post_events(key, event).await;
    let sender = app.sender();
    server::jobs::run_pass(&sender, last_activity + Duration::minutes(90))
        .await
        .unwrap();
    server::jobs::run_pass(
        &sender,
        last_activity + Duration::days(1) + Duration::minutes(30),
    )
    .await
    .unwrap();
    let (code,): (String,) = on!(&app.pool, |db| sqlx::query_as(
        "select cp.code from coupons cp join deliveries d on d.delivery_id = cp.delivery_id
         join carts c on c.cart_id = d.cart_id where c.external_id = $1",
    )
    .bind(cart)
    .fetch_one(db)
    .await)
    .unwrap();
    code
}

/// A code made an hour ago, valid 11 days.
async fn fresh_code(app: &TestApp, key: &str, cart: &str, customer: &str) -> String {
    let last_activity = Utc::now() - Duration::days(1) - Duration::minutes(90);
    code_for(app, key, cart, customer, last_activity).await
}

async fn redeem(app: &TestApp, key: &str, code: &str, body: Value) -> (StatusCode, Value) {
    let response = app
        .request(
            Request::post(format!("/api/v1/coupons/{code}/redeem"))
                .header("authorization", format!("Bearer {key}"))
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    let body = serde_json::from_str(&response.body).unwrap_or(Value::Null);
    (response.status, body)
}

fn john_orders(order: &str, total: &str) -> Value {
    json!({"order_id": order, "customer_id": "john", "cart_total": total})
}

#[tokio::test]
async fn the_customer_s_own_order_spends_the_code_once_and_asking_again_changes_nothing() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let code = fresh_code(&app, &key, "web-1", "john").await;

    let (first, spent) = redeem(
        &app,
        &key,
        &code.to_lowercase(),
        john_orders("o-1", "69.51"),
    )
    .await;
    let (again, same) = redeem(&app, &key, &code, john_orders("o-1", "69.51")).await;
    let (other, refused) = redeem(&app, &key, &code, john_orders("o-2", "69.51")).await;

    assert_eq!(first, StatusCode::OK, "{spent}");
    assert_eq!(spent["state"], "redeemed");
    assert_eq!(spent["already_redeemed"], false);
    assert_eq!(
        (again, &same["already_redeemed"]),
        (StatusCode::OK, &json!(true))
    );
    assert_eq!(same["redeemed_at"], spent["redeemed_at"]);
    assert_eq!(other, StatusCode::CONFLICT);
    assert_eq!(refused["reason"], "already_used");
    let (used_by,): (Option<String>,) = on!(&app.pool, |db| sqlx::query_as(
        "select used_by_order from coupons where code = $1"
    )
    .bind(&code)
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(used_by.as_deref(), Some("o-1"));

    // The cart page shows the code and the order that spent it.
    let cart_id: String = app.cart_column("web-1", "cart_id").await;
    let page = app
        .get_signed_in(&format!("/s/demo/carts/{cart_id}"), "en")
        .await;
    assert!(
        page.body
            .contains(&format!("code {code}, used by order o-1")),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn another_customer_a_small_cart_an_expired_code_or_another_shop_is_refused_with_its_reason()
{
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let code = fresh_code(&app, &key, "web-1", "john").await;
    let old = code_for(&app, &key, "web-2", "mary", Utc::now() - Duration::days(13)).await;
    on!(&app.pool, |db| sqlx::query(
        "insert into shops (shop_id, name, url, currency, default_language, time_zone, created_at)
         values ('other', 'Other', 'https://other.example', 'EUR', 'en', 'UTC', '2026-11-01T00:00:00Z')",
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    let other_key = server::api::keys::create(&app.pool, "other", "test", Utc::now())
        .await
        .unwrap()
        .secret;

    let by_mary = json!({"order_id": "o-1", "email": "mary@example.com", "cart_total": "69.51"});
    let cases = [
        (
            &key,
            &code,
            by_mary,
            StatusCode::FORBIDDEN,
            "other_customer",
        ),
        (
            &key,
            &code,
            john_orders("o-1", "49.99"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "below_minimum",
        ),
        (
            &key,
            &old,
            json!({"order_id": "o-2", "customer_id": "mary", "cart_total": "69.51"}),
            StatusCode::GONE,
            "expired",
        ),
        (
            &other_key,
            &code,
            john_orders("o-1", "69.51"),
            StatusCode::NOT_FOUND,
            "unknown",
        ),
        (
            &key,
            &"RLC-NOPE2345".to_owned(),
            john_orders("o-1", "69.51"),
            StatusCode::NOT_FOUND,
            "unknown",
        ),
    ];
    for (key, code, body, status, reason) in cases {
        let (got, answer) = redeem(&app, key, code, body).await;
        assert_eq!(
            (got, answer["reason"].as_str()),
            (status, Some(reason)),
            "{answer}"
        );
        assert!(
            answer["message"].as_str().unwrap().contains(code.as_str()),
            "{answer}"
        );
    }
    let (_, small) = redeem(&app, &key, &code, john_orders("o-1", "49.99")).await;
    assert_eq!(small["minimum"], "50");
    assert_eq!(
        app.count("select count(*) from coupons where used_at is not null")
            .await,
        0,
        "nothing was spent"
    );
}

#[tokio::test]
async fn a_bad_body_names_the_field_and_spends_nothing() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let code = fresh_code(&app, &key, "web-1", "john").await;

    let cases = [
        (
            json!({"order_id": "", "customer_id": "john", "cart_total": "69.51"}),
            "order_id",
        ),
        (
            json!({"order_id": "o-1", "cart_total": "69.51"}),
            "customer_id",
        ),
        (
            json!({"order_id": "o-1", "email": "not an address", "cart_total": "1"}),
            "email",
        ),
        (
            json!({"order_id": "o-1", "customer_id": "john", "cart_total": "-3"}),
            "cart_total",
        ),
        (
            json!({"order_id": "o-1", "customer_id": "john", "cart_total": "lots"}),
            "cart_total",
        ),
    ];
    for (body, field) in cases {
        let (status, answer) = redeem(&app, &key, &code, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["field"], field, "{answer}");
    }
    let (missing, answer) = redeem(&app, &key, &code, json!({"customer_id": "john"})).await;
    assert_eq!(missing, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer["message"].as_str().unwrap().contains("order_id"),
        "{answer}"
    );
    let anonymous = app
        .request(
            Request::post(format!("/api/v1/coupons/{code}/redeem"))
                .header("content-type", "application/json")
                .body(Body::from(john_orders("o-1", "69.51").to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.count("select count(*) from coupons where used_at is not null")
            .await,
        0
    );
}

fn order_event(event: &str, cart: &str, order: &str, codes: &[&str]) -> Value {
    json!({"id": event, "type": "order_completed", "occurred_at": Utc::now().to_rfc3339(),
        "cart": {"id": cart},
        "order": {"id": order, "total_tax_incl": "69.51", "coupon_codes": codes}})
}

#[tokio::test]
async fn an_order_event_spends_only_the_codes_the_rules_allow_and_only_those_count_in_the_stats() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let key = app.api_key().await;
    let johns = fresh_code(&app, &key, "web-1", "john").await;
    let marys = fresh_code(&app, &key, "web-2", "mary").await;

    // John's order lists Mary's code too: his is spent, hers is not his to spend. An order
    // of a cart Relance never saw, by nobody known, lists hers as well.
    for event in [
        order_event("o-1", "web-1", "order-1", &[&johns, &marys]),
        order_event("o-x", "web-unknown", "order-x", &[&marys]),
    ] {
        let response = app.post_events(&key, event).await;
        assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.body);
    }

    let used: Vec<(String, Option<String>)> = on!(&app.pool, |db| sqlx::query_as(
        "select code, used_by_order from coupons order by code = $1 desc"
    )
    .bind(&johns)
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(
        used,
        [
            (johns.clone(), Some("order-1".to_owned())),
            (marys.clone(), None)
        ]
    );
    assert_eq!(app.current_figures(&cookie).await["revenue"], "69.51");

    // Mary spends her own code at checkout, then her order arrives: it counts.
    let (status, _) = redeem(
        &app,
        &key,
        &marys,
        json!({"order_id": "order-2", "email": "Mary@Example.com", "cart_total": "69.51"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    app.post_events(&key, order_event("o-2", "web-2", "order-2", &[]))
        .await;
    assert_eq!(app.current_figures(&cookie).await["revenue"], "139.02");
}
