use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};

fn body(response: &crate::helpers::TestResponse) -> Value {
    serde_json::from_str(&response.body).unwrap_or_else(|_| panic!("not JSON: {}", response.body))
}

#[tokio::test]
async fn a_cart_update_is_accepted_and_stored_with_its_customer_and_items() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;

    let response = app
        .post_events(
            &key,
            cart_updated("evt_1", "c-42", "2026-11-23T10:00:00Z", 2),
        )
        .await;

    assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.body);
    assert_eq!(body(&response), json!({"accepted": 1, "duplicates": 0}));
    assert_eq!(
        app.cart_column::<i64>("c-42", "total_tax_incl").await,
        695_100
    );
    assert_eq!(
        app.count("select count(*) from cart_items i join carts c on c.cart_id = i.cart_id where c.external_id = 'c-42'")
            .await,
        1
    );
    assert_eq!(
        app.count("select count(*) from customers where external_id = 'cu-7' and email = 'john@example.com' and phone = '+33600000000'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_request_without_a_valid_key_is_refused_with_401() {
    let app = TestApp::spawn(Some(1)).await;
    let event = cart_updated("evt_1", "web-1", "2026-11-23T10:00:00Z", 1);
    let revoked = app.api_key().await;
    server::api::keys::revoke(&app.pool, &revoked[..12], Utc::now())
        .await
        .unwrap();

    for key in [
        "",
        "rlk_wrong",
        &format!("rlk_{}", "0".repeat(64)),
        &revoked,
    ] {
        let response = app.post_events(key, event.clone()).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "key {key:?}");
        assert!(body(&response)["message"]
            .as_str()
            .unwrap()
            .contains("API key"));
    }
    assert_eq!(
        app.count("select count(*) from carts where external_id = 'web-1'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_refused_with_413() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;

    let padding = "x".repeat(1024 * 1024);
    let response = app
        .post_events_as(
            &key,
            "application/json",
            format!("{{\"pad\": \"{padding}\"}}"),
        )
        .await;

    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body(&response)["message"]
        .as_str()
        .unwrap()
        .contains("1 MiB"));
}

#[tokio::test]
async fn a_body_that_is_not_json_is_refused_with_415_and_broken_json_with_400() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    let event = cart_updated("evt_1", "web-1", "2026-11-23T10:00:00Z", 1).to_string();

    let form = app
        .post_events_as(&key, "application/x-www-form-urlencoded", event)
        .await;
    assert_eq!(form.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let broken = app
        .post_events_as(&key, "application/json", "{\"id\": ".into())
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert!(body(&broken)["message"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));
}

#[tokio::test]
async fn every_invalid_event_is_listed_with_its_field_and_none_of_the_batch_is_stored() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    let valid = cart_updated("evt_ok", "c-ok", "2026-11-23T10:00:00Z", 1);
    let mut bad_price = cart_updated("evt_price", "c-price", "2026-11-23T10:00:00Z", 1);
    bad_price["cart"]["items"][0]["unit_price"] = json!("12 euros");
    let mut no_currency = cart_updated("evt_currency", "c-currency", "2026-11-23T10:00:00Z", 1);
    no_currency["cart"]
        .as_object_mut()
        .unwrap()
        .remove("currency");
    let mut negative = cart_updated("evt_negative", "c-negative", "2026-11-23T10:00:00Z", 1);
    negative["cart"]["shipping"] = json!(-1);

    let response = app
        .post_events(
            &key,
            json!({"events": [valid, bad_price, no_currency, negative]}),
        )
        .await;

    assert_eq!(
        response.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        response.body
    );
    let errors = body(&response)["errors"].as_array().unwrap().clone();
    let fields: Vec<(u64, &str)> = errors
        .iter()
        .map(|e| (e["index"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            (1, "cart.items[0].unit_price"),
            (2, "cart.currency"),
            (3, "cart.shipping")
        ]
    );
    assert!(errors
        .iter()
        .all(|e| !e["message"].as_str().unwrap().is_empty()));
    assert_eq!(app.count("select count(*) from cart_events").await, 0);
    assert_eq!(
        app.count("select count(*) from carts where external_id = 'c-ok'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_batch_of_more_than_a_thousand_events_is_refused() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    let events: Vec<Value> = (0..1001)
        .map(|i| {
            cart_updated(
                &format!("e{i}"),
                &format!("c{i}"),
                "2026-11-23T10:00:00Z",
                1,
            )
        })
        .collect();

    let response = app.post_events(&key, json!({ "events": events })).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(&response)["message"]
        .as_str()
        .unwrap()
        .contains("1000"));
}

#[tokio::test]
async fn a_resent_event_changes_nothing_and_counts_as_a_duplicate() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    let event = cart_updated("evt_1", "web-1", "2026-11-23T10:00:00Z", 1);
    app.post_events(&key, event.clone()).await;

    let again = app
        .post_events(&key, json!({"events": [event.clone(), event]}))
        .await;

    assert_eq!(body(&again), json!({"accepted": 0, "duplicates": 2}));
    assert_eq!(app.count("select count(*) from cart_events").await, 1);
}

#[tokio::test]
async fn a_batch_with_one_resent_event_stores_the_new_ones_once_and_counts_the_resent_one() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    let first = cart_updated("evt_1", "web-1", "2026-11-23T10:00:00Z", 1);
    app.post_events(&key, first.clone()).await;

    let mixed = app
        .post_events(
            &key,
            json!({"events": [
                cart_updated("evt_2", "web-1", "2026-11-23T10:05:00Z", 3),
                first,
                cart_updated("evt_3", "web-2", "2026-11-23T10:06:00Z", 2),
            ]}),
        )
        .await;

    assert_eq!(body(&mixed), json!({"accepted": 2, "duplicates": 1}));
    assert_eq!(app.count("select count(*) from cart_events").await, 3);
    assert_eq!(
        app.count(
            "select count(*) from cart_events where event_id = 'evt_1' and outcome = 'created'"
        )
        .await,
        1,
        "the resent event keeps what it did the first time"
    );
    assert_eq!(app.cart_column::<i64>("web-1", "product_count").await, 3);
    assert_eq!(app.cart_column::<i64>("web-2", "product_count").await, 2);
    assert_eq!(
        app.count("select count(*) from cart_items i join carts c on c.cart_id = i.cart_id where c.external_id in ('web-1', 'web-2')")
            .await,
        2,
        "one line each, not written twice"
    );
}

#[tokio::test]
async fn an_older_update_arriving_late_never_overwrites_a_newer_one() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(
        &key,
        cart_updated("new", "web-1", "2026-11-23T10:30:00Z", 3),
    )
    .await;

    let late = app
        .post_events(
            &key,
            cart_updated("old", "web-1", "2026-11-23T10:00:00Z", 1),
        )
        .await;

    assert_eq!(body(&late), json!({"accepted": 1, "duplicates": 0}));
    assert_eq!(
        app.cart_column::<String>("web-1", "items_fingerprint")
            .await,
        "demo_1:3"
    );
    let activity: DateTime<Utc> = app.cart_column("web-1", "last_activity_at").await;
    assert_eq!(activity.to_rfc3339(), "2026-11-23T10:30:00+00:00");
    assert_eq!(
        app.count("select count(*) from cart_events where event_id = 'old' and outcome = 'stale'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_cart_another_connection_changed_is_read_again_before_the_next_event() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    // Another writer (a second server on the same file, say) stored a newer activity since.
    on!(&app.pool, |db| sqlx::query(
        "update carts set last_activity_at = '2026-11-23T11:00:00+00:00' where external_id = 'web-1'",
    )
    .execute(db).await.map(server::db::Done::from))
    .unwrap();

    let late = app
        .post_events(&key, cart_updated("e2", "web-1", "2026-11-23T10:30:00Z", 2))
        .await;

    assert_eq!(body(&late), json!({"accepted": 1, "duplicates": 0}));
    assert_eq!(
        app.count("select count(*) from cart_events where event_id = 'e2' and outcome = 'stale'")
            .await,
        1
    );
    assert_eq!(
        app.cart_column::<String>("web-1", "items_fingerprint")
            .await,
        "demo_1:1"
    );
}

#[tokio::test]
async fn before_any_reminder_a_changed_cart_stays_in_its_first_sequence() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;

    app.post_events(&key, cart_updated("e2", "web-1", "2026-11-23T11:00:00Z", 1))
        .await;
    app.post_events(&key, cart_updated("e3", "web-1", "2026-11-23T12:00:00Z", 2))
        .await;

    let started: DateTime<Utc> = app.cart_column("web-1", "sequence_started_at").await;
    assert_eq!(started.to_rfc3339(), "2026-11-23T10:00:00+00:00");
    assert_eq!(app.cart_column::<i64>("web-1", "sequence").await, 1);
    let last: DateTime<Utc> = app.cart_column("web-1", "last_activity_at").await;
    assert_eq!(last.to_rfc3339(), "2026-11-23T12:00:00+00:00");
}

#[tokio::test]
async fn nothing_reopens_a_cart_after_its_order() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    let order = json!({"id": "e2", "type": "order_completed", "occurred_at": "2026-11-23T10:20:00Z",
        "cart": {"id": "web-1"}, "order": {"id": "o-5", "total_tax_incl": "69.51", "coupon_codes": ["RLC-7K2M9QXP"]}});
    app.post_events(&key, order).await;

    app.post_events(&key, cart_updated("e3", "web-1", "2026-11-23T11:00:00Z", 4))
        .await;
    let deleted = json!({"id": "e4", "type": "cart_deleted", "occurred_at": "2026-11-23T11:30:00Z", "cart": {"id": "web-1"}});
    app.post_events(&key, deleted).await;

    let ordered: Option<DateTime<Utc>> = app.cart_column("web-1", "ordered_at").await;
    assert_eq!(ordered.unwrap().to_rfc3339(), "2026-11-23T10:20:00+00:00");
    let deleted_at: Option<DateTime<Utc>> = app.cart_column("web-1", "deleted_at").await;
    assert!(deleted_at.is_none());
    assert_eq!(
        app.cart_column::<String>("web-1", "items_fingerprint")
            .await,
        "demo_1:1"
    );
    assert_eq!(
        app.count("select count(*) from orders where external_id = 'o-5' and coupon_codes_json = '[\"RLC-7K2M9QXP\"]'").await,
        1
    );
}

#[tokio::test]
async fn an_order_for_an_unknown_cart_is_still_recorded() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;

    let response = app
        .post_events(
            &key,
            json!({"id": "e1", "type": "order_completed", "occurred_at": "2026-11-23T10:00:00Z",
            "cart": {"id": "never-seen"}, "order": {"id": "o-9", "total_tax_incl": 42.5}}),
        )
        .await;

    assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.body);
    assert_eq!(
        app.count("select count(*) from orders where external_id = 'o-9' and cart_id is null and cart_external_id = 'never-seen' and total_tax_incl = 425000").await,
        1
    );
}

#[tokio::test]
async fn a_deleted_cart_is_marked_deleted() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;

    app.post_events(&key, json!({"id": "e2", "type": "cart_deleted", "occurred_at": "2026-11-23T10:05:00Z", "cart": {"id": "web-1"}}))
        .await;

    let deleted_at: Option<DateTime<Utc>> = app.cart_column("web-1", "deleted_at").await;
    assert_eq!(
        deleted_at.unwrap().to_rfc3339(),
        "2026-11-23T10:05:00+00:00"
    );
}

#[tokio::test]
async fn a_guest_cart_gets_its_customer_later_and_json_numbers_are_exact() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    let mut guest = cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1);
    guest.as_object_mut().unwrap().remove("customer");
    guest["cart"]["total_tax_incl"] = json!(69.51);
    app.post_events(&key, guest).await;
    let before: Option<String> = app.cart_column("web-1", "customer_id").await;

    app.post_events(&key, cart_updated("e2", "web-1", "2026-11-23T10:01:00Z", 1))
        .await;

    let after: Option<String> = app.cart_column("web-1", "customer_id").await;
    assert!(before.is_none());
    assert!(after.is_some());
    assert_eq!(
        app.cart_column::<i64>("web-1", "total_tax_incl").await,
        695_100
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_on_the_same_carts_are_all_stored() {
    let app = std::sync::Arc::new(TestApp::spawn(Some(1)).await);
    let key = app.api_key().await;

    // Batches make each transaction long enough for others to write in the meantime.
    let requests = (0..32).map(|i| {
        let app = app.clone();
        let key = key.clone();
        tokio::spawn(async move {
            let events: Vec<_> = (0..20)
                .map(|j| {
                    cart_updated(
                        &format!("e{i}-{j}"),
                        &format!("web-{}", j % 3),
                        "2026-11-23T10:00:00Z",
                        1,
                    )
                })
                .collect();
            app.post_events(&key, json!({ "events": events }))
                .await
                .status
        })
    });
    let statuses: Vec<StatusCode> = futures_join(requests).await;

    assert!(
        statuses.iter().all(|s| *s == StatusCode::ACCEPTED),
        "{statuses:?}"
    );
    assert_eq!(app.count("select count(*) from cart_events").await, 640);
    assert_eq!(
        app.count("select count(*) from carts where external_id like 'web-%'")
            .await,
        3
    );
}

async fn futures_join<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_stored_cart_knows_how_many_products_it_holds() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;

    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 3))
        .await;

    assert_eq!(app.cart_column::<i64>("web-1", "product_count").await, 3);
}

#[tokio::test]
async fn a_changed_customer_is_rewritten_and_an_unchanged_one_is_left_alone() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    let first: (String, bool, DateTime<Utc>) = on!(&app.pool, |db| sqlx::query_as(
        "select email, newsletter, updated_at from customers where external_id = 'cu-7'",
    )
    .fetch_one(db)
    .await)
    .unwrap();

    app.post_events(&key, cart_updated("e2", "web-1", "2026-11-23T10:05:00Z", 2))
        .await;
    let unchanged: (String, bool, DateTime<Utc>) = on!(&app.pool, |db| sqlx::query_as(
        "select email, newsletter, updated_at from customers where external_id = 'cu-7'",
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let mut moved = cart_updated("e3", "web-1", "2026-11-23T10:10:00Z", 2);
    moved["customer"]["email"] = "john.doe@example.org".into();
    moved["customer"]["newsletter"] = false.into();
    app.post_events(&key, moved).await;
    let changed: (String, bool) = on!(&app.pool, |db| sqlx::query_as(
        "select email, newsletter from customers where external_id = 'cu-7'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let cart_customer: Option<String> = app.cart_column("web-1", "customer_id").await;

    assert_eq!(unchanged, first);
    assert_eq!(changed, ("john.doe@example.org".to_owned(), false));
    assert!(cart_customer.is_some());
    assert_eq!(
        app.count("select count(*) from customers where external_id = 'cu-7'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_customer_resent_without_a_phone_keeps_it_and_a_new_phone_replaces_it() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    let mut without = cart_updated("e2", "web-1", "2026-11-23T10:05:00Z", 1);
    without["customer"].as_object_mut().unwrap().remove("phone");
    app.post_events(&key, without).await;
    let kept: Option<String> = on!(&app.pool, |db| sqlx::query_scalar(
        "select phone from customers where external_id = 'cu-7'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let mut new_phone = cart_updated("e3", "web-1", "2026-11-23T10:10:00Z", 1);
    new_phone["customer"]["phone"] = "+33611111111".into();
    app.post_events(&key, new_phone).await;
    let replaced: Option<String> = on!(&app.pool, |db| sqlx::query_scalar(
        "select phone from customers where external_id = 'cu-7'"
    )
    .fetch_one(db)
    .await)
    .unwrap();

    assert_eq!(kept.as_deref(), Some("+33600000000"));
    assert_eq!(replaced.as_deref(), Some("+33611111111"));
}

#[tokio::test]
async fn resent_identical_lines_are_left_in_place_and_any_changed_field_rewrites_them() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let lines = |pool: server::db::Pool| async move {
        on!(&pool, |db| sqlx::query_as::<_, (DateTime<Utc>, String, Option<i64>)>(
            "select i.created_at, i.name, i.stock from cart_items i join carts c on c.cart_id = i.cart_id
             where c.external_id = 'web-1'",
        )
        .fetch_all(db).await)
        .unwrap()
    };
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    let first = lines(app.pool.clone()).await;
    app.post_events(&key, cart_updated("e2", "web-1", "2026-11-23T10:05:00Z", 1))
        .await;
    let resent = lines(app.pool.clone()).await;
    // Only the stock moved: same products and quantities, so no restart, but new lines.
    let mut restocked = cart_updated("e3", "web-1", "2026-11-23T10:10:00Z", 1);
    restocked["cart"]["items"][0]["stock"] = 12.into();
    app.post_events(&key, restocked).await;
    let after_stock = lines(app.pool.clone()).await;
    let mut renamed = cart_updated("e4", "web-1", "2026-11-23T10:15:00Z", 1);
    renamed["cart"]["items"][0]["stock"] = 12.into();
    renamed["cart"]["items"][0]["name"] = "T-shirt <b>neuf</b>".into();
    app.post_events(&key, renamed).await;
    let after_name = lines(app.pool.clone()).await;

    assert_eq!(
        resent, first,
        "the same lines, not deleted and inserted again"
    );
    assert_eq!(after_stock.len(), 1);
    assert_eq!(after_stock[0].2, Some(12));
    assert_ne!(after_stock[0].0, first[0].0, "rewritten");
    assert_eq!(after_name[0].1, "T-shirt <b>neuf</b>");
    let last_activity: DateTime<Utc> = app.cart_column("web-1", "last_activity_at").await;
    assert_eq!(
        last_activity.to_rfc3339(),
        "2026-11-23T10:15:00+00:00",
        "every resend still counts as activity"
    );
}

#[tokio::test]
async fn a_key_is_marked_used_by_its_events_and_not_rewritten_within_the_minute() {
    let app = TestApp::spawn(Some(0)).await;
    let used = app.api_key().await;
    // A second key of the shop that sends nothing.
    let _idle = app.api_key().await;
    let last_used = |pool: server::db::Pool| async move {
        on!(&pool, |db| sqlx::query_as::<_, (DateTime<Utc>,)>(
            "select last_used_at from api_keys where name = 'test' and last_used_at is not null",
        )
        .fetch_all(db)
        .await)
        .unwrap()
    };
    assert!(last_used(app.pool.clone()).await.is_empty());

    app.post_events(
        &used,
        cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1),
    )
    .await;
    let first = last_used(app.pool.clone()).await;
    app.post_events(
        &used,
        cart_updated("e2", "web-1", "2026-11-23T10:05:00Z", 2),
    )
    .await;
    let second = last_used(app.pool.clone()).await;

    assert_eq!(first.len(), 1, "only the key that sent events: {first:?}");
    assert_eq!(second, first, "not written again within the minute");
}

#[tokio::test]
async fn rebuilding_the_demo_shop_removes_the_events_its_keys_sent() {
    let app = TestApp::spawn(Some(1)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    assert_eq!(app.count("select count(*) from cart_events").await, 1);

    server::demo::seed(
        &app.pool,
        &server::demo::DemoOptions {
            carts: 1,
            seed: 3,
            now: Utc::now(),
            public_url: "http://127.0.0.1:3000".into(),
            replace: true,
            days: 14,
            history: false,
            rules: false,
        },
    )
    .await
    .unwrap();

    assert_eq!(app.count("select count(*) from cart_events").await, 0);
    assert_eq!(
        app.count("select count(*) from carts where external_id = 'web-1'")
            .await,
        0
    );
}

#[tokio::test]
async fn with_every_database_connection_busy_events_get_503_with_retry_after_and_nothing_is_stored()
{
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    // Hold every connection of the app's pool, as a load would.
    let mut held = Vec::new();
    while let Ok(Ok(conn)) =
        tokio::time::timeout(std::time::Duration::from_millis(300), app.pool.acquire()).await
    {
        held.push(conn);
    }

    let busy = app
        .post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    drop(held);
    let carts = app
        .count("select count(*) from carts where external_id = 'web-1'")
        .await;
    let later = app
        .post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;

    assert_eq!(
        busy.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        busy.body
    );
    assert_eq!(busy.retry_after.as_deref(), Some("5"), "{}", busy.body);
    assert!(
        busy.body.contains("retry in a few seconds"),
        "{}",
        busy.body
    );
    assert_eq!(carts, 0);
    assert_eq!(later.status, StatusCode::ACCEPTED, "{}", later.body);
}
