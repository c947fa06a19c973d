//! The Carts list's bulk actions: selected carts' reminders stopped, restarted from the first
//! reminder, asked for now, or exported; each only on the shop's own carts, by the roles that
//! may, through the server functions, the events API and `relance run-once --at`.

use axum::http::StatusCode;
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

/// A cart of its own customer, quiet from 10:00 UTC on 23 November.
fn cart(id: &str) -> Value {
    let mut event = cart_updated(&format!("e-{id}"), id, "2026-11-23T10:00:00Z", 1);
    event["customer"]["id"] = format!("cu-{id}").into();
    event["customer"]["email"] = format!("{id}@example.com").into();
    event
}

async fn internal_ids(app: &TestApp, external: &[&str]) -> Vec<String> {
    let mut ids = Vec::new();
    for id in external {
        let id = (*id).to_owned();
        let found: String = on!(&app.pool, |db| sqlx::query_scalar(
            "select cart_id from carts where external_id = $1"
        )
        .bind(&id)
        .fetch_one(db)
        .await)
        .unwrap();
        ids.push(found);
    }
    ids
}

/// A demo shop with its owner, a staff member and two carts of their own (internal ids).
async fn owner_staff_and_two_carts(external: [&str; 2]) -> (TestApp, String, String, Vec<String>) {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let staff = app
        .member("staff@boutique.example", "demo", domain::team::Role::Staff)
        .await;
    let key = app.api_key().await;
    for id in external {
        app.post_events(&key, cart(id)).await;
    }
    let ids = internal_ids(&app, &external).await;
    (app, owner, staff, ids)
}

async fn bulk(
    app: &TestApp,
    cookie: &str,
    shop: &str,
    action: &str,
    ids: &[String],
) -> (StatusCode, String) {
    let response = app
        .call_json(
            cookie,
            "bulk_carts",
            json!({"shop": shop, "action": action, "ids": ids}),
        )
        .await;
    (response.status, response.body)
}

async fn sent_to(app: &TestApp, external_id: &str) -> i64 {
    let id = external_id.to_owned();
    on!(&app.pool, |db| sqlx::query_scalar(
        "select count(*) from deliveries d join carts k on k.cart_id = d.cart_id
         where k.external_id = $1 and d.status = 'sent'"
    )
    .bind(&id)
    .fetch_one(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn stopped_carts_get_nothing_until_restarted_from_the_first_reminder() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    // The restart counts from the wall clock: no quiet hours, whatever the hour the test runs.
    let loaded = app.call_form(&cookie, "load_settings", &[]).await;
    let mut draft: domain::settings::SettingsDraft = serde_json::from_str(&loaded.body).unwrap();
    draft.quiet_hours_start = String::new();
    draft.quiet_hours_end = String::new();
    let saved = app
        .call_json(&cookie, "save_settings", json!({ "draft": draft }))
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    let key = app.api_key().await;
    for id in ["web-1", "web-2", "web-3"] {
        app.post_events(&key, cart(id)).await;
    }
    let ids = internal_ids(&app, &["web-1", "web-2"]).await;
    assert_eq!(
        bulk(&app, &cookie, "demo", "stop", &ids).await,
        (StatusCode::OK, "2".into())
    );
    // Stopping again changes nothing.
    assert_eq!(bulk(&app, &cookie, "demo", "stop", &ids).await.1, "0");

    let peer = SmtpPeer::start(&[]).await;
    let first = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(first["sent"], 1, "{first}");
    assert_eq!(
        (sent_to(&app, "web-1").await, sent_to(&app, "web-3").await),
        (0, 1)
    );
    let page = app
        .call_form(&cookie, "load_cart", &[("id", ids[0].as_str())])
        .await;
    let page: Value = serde_json::from_str(&page.body).unwrap();
    assert!(page["reminders_stopped_at"].is_string(), "{page}");
    assert_eq!(page["next_reminder_at"], Value::Null);

    // Restarted, web-1 starts a new sequence counted from the restart, as if abandoned then:
    // its first reminder an hour later, not passed over as too late.
    let one = ids[..1].to_vec();
    assert_eq!(bulk(&app, &cookie, "demo", "restart", &one).await.1, "1");
    let restarted = chrono::Utc::now();
    let page = app
        .call_form(&cookie, "load_cart", &[("id", ids[0].as_str())])
        .await;
    let page: Value = serde_json::from_str(&page.body).unwrap();
    let next: chrono::DateTime<chrono::Utc> =
        page["next_reminder_at"].as_str().unwrap().parse().unwrap();
    assert!(next > restarted + chrono::Duration::minutes(59), "{next}");
    let early = (restarted + chrono::Duration::minutes(30)).to_rfc3339();
    assert_eq!(app.run_once(&peer.url(), &early).await["sent"], 0);
    let due = (restarted + chrono::Duration::minutes(70)).to_rfc3339();
    let second = app.run_once(&peer.url(), &due).await;
    assert_eq!(second["sent"], 1, "{second}");
    assert_eq!(sent_to(&app, "web-1").await, 1);
    assert_eq!(sent_to(&app, "web-2").await, 0);
    let sequence: i64 = app.cart_column("web-1", "sequence").await;
    assert_eq!(sequence, 2);
}

#[tokio::test]
async fn the_next_reminder_is_asked_for_the_open_carts_only_and_staff_may_not_stop() {
    let (app, owner, staff, ids) = owner_staff_and_two_carts(["web-1", "web-2"]).await;
    let (status, _) = bulk(&app, &staff, "demo", "stop", &ids).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("select count(*) from carts where reminders_stopped_at is not null")
            .await,
        0
    );
    assert_eq!(bulk(&app, &staff, "demo", "send_next", &ids).await.1, "2");
    // A request already waits: asking again adds none.
    assert_eq!(bulk(&app, &owner, "demo", "send_next", &ids).await.1, "0");
    assert_eq!(app.count("select count(*) from reminder_requests").await, 2);

    let too_many: Vec<String> = (0..501).map(|n| n.to_string()).collect();
    let (status, body) = bulk(&app, &owner, "demo", "stop", &too_many).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("ids"), "{body}");
    let activity = app
        .count("select count(*) from audit_log where action = 'carts_bulk_action'")
        .await;
    assert_eq!(activity, 2);
}

#[tokio::test]
async fn a_set_up_shop_acts_on_its_own_carts_only_and_exports_the_selection() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart("demo-cart")).await;
    let fresh = TestApp::empty().await;
    let (shop, cookie) = crate::setup::set_up_shop(&fresh).await;
    let shop_key = server::api::keys::create(&fresh.pool, &shop, "test", chrono::Utc::now())
        .await
        .unwrap()
        .secret;
    let mut hostile = cart("=HYPERLINK(1)");
    hostile["customer"]["first_name"] = "+cmd".into();
    fresh.post_events(&shop_key, cart("web-1")).await;
    fresh.post_events(&shop_key, hostile).await;
    let ids = internal_ids(&fresh, &["web-1", "=HYPERLINK(1)"]).await;
    assert_eq!(bulk(&fresh, &cookie, &shop, "stop", &ids[..1]).await.1, "1");
    // Another shop's cart id (the demo install's) changes nothing here.
    let foreign = internal_ids(&app, &["demo-cart"]).await;
    assert_eq!(bulk(&fresh, &cookie, &shop, "stop", &foreign).await.1, "0");

    let csv = fresh
        .get_as(
            &cookie,
            &format!("/s/{shop}/carts.csv?ids={}", ids.join(",")),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(
        lines[0].starts_with("cart,email,first_name"),
        "{}",
        lines[0]
    );
    assert!(csv.body.contains("'=HYPERLINK(1)"), "{}", csv.body);
    assert!(csv.body.contains("'+cmd"), "{}", csv.body);
    let stopped_line = lines.iter().find(|l| l.starts_with("web-1,")).unwrap();
    assert!(!stopped_line.ends_with(','), "{stopped_line}");
    let empty = fresh.get_as(&cookie, &format!("/s/{shop}/carts.csv")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_carts_list_control_asks_through_perform_act_with_the_same_checks() {
    let (app, owner, staff, ids) = owner_staff_and_two_carts(["act-1", "act-2"]).await;
    let act = |action: &str| json!({"act": {"BulkCarts": {"action": action, "ids": ids}}});

    let refused = app.call_json(&staff, "perform_act", act("stop")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let stopped_count = || async {
        on!(&app.pool, |db| sqlx::query_scalar::<_, i64>(
            "select count(*) from carts where reminders_stopped_at is not null"
        )
        .fetch_one(db)
        .await)
        .unwrap()
    };
    assert_eq!(stopped_count().await, 0);

    // The owner's stop is said in the caller's language, as the control shows it.
    let done = app.call_json(&owner, "perform_act", act("stop")).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let done: Value = serde_json::from_str(&done.body).unwrap();
    assert_eq!(done["Report"]["done"], true, "{done}");
    assert!(
        done["Report"]["headline"]
            .as_str()
            .is_some_and(|h| h.starts_with('2')),
        "{done}"
    );
    assert_eq!(stopped_count().await, 2);

    let empty = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"BulkCarts": {"action": "restart", "ids": []}}}),
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    assert!(empty.body.contains("ids"), "{}", empty.body);
    assert_eq!(stopped_count().await, 2);
}
