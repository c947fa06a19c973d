//! A cart is abandoned once idle for the shop's "abandoned after" setting, its step delays count
//! from that moment, and a customer who adds to the cart after a reminder starts the sequence
//! again, at most once per re-entry period: through the events API, the Settings server
//! function, `relance run-once --at` and a real SMTP server on loopback.

use app::api::{CartsQuery, TimelineEntry};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use domain::lifecycle::CartStatus;
use domain::settings::SettingsDraft;
use serde_json::json;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// Changes the shop's settings through the Settings form's server functions.
async fn change_settings(app: &TestApp, cookie: &str, change: impl FnOnce(&mut SettingsDraft)) {
    let loaded = app.call_form(cookie, "load_settings", &[]).await;
    let mut draft: SettingsDraft = serde_json::from_str(&loaded.body).unwrap();
    change(&mut draft);
    let saved = app
        .call_json(cookie, "save_settings", json!({ "draft": draft }))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
}

fn mary(event_id: &str, occurred_at: &str, quantity: u32) -> serde_json::Value {
    let mut event = cart_updated(event_id, "web-2", occurred_at, quantity);
    event["customer"]["id"] = "cu-8".into();
    event["customer"]["email"] = "mary@example.com".into();
    event
}

async fn cart_id(app: &TestApp, external_id: &str) -> String {
    app.cart_column(external_id, "cart_id").await
}

/// Each reminder on the cart's timeline as (status, reason), and each event's outcome.
async fn timeline(
    app: &TestApp,
    external_id: &str,
) -> (Vec<(String, Option<String>)>, Vec<String>) {
    let id = cart_id(app, external_id).await;
    let detail = server::web::cart_detail(&app.pool, &app.demo_shop().await, &id, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let mut reminders = Vec::new();
    let mut outcomes = Vec::new();
    for entry in detail.timeline {
        match entry {
            TimelineEntry::Reminder { status, reason, .. } => reminders.push((status, reason)),
            TimelineEntry::Event { outcome, .. } => outcomes.push(outcome),
            _ => {}
        }
    }
    (reminders, outcomes)
}

fn sent(summary: &serde_json::Value) -> u64 {
    summary["sent"].as_u64().unwrap()
}

#[tokio::test]
async fn a_cart_gets_nothing_until_idle_for_the_shop_s_delay_and_its_steps_count_from_then() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    change_settings(&app, &cookie, |draft| {
        draft.abandoned_after_minutes = "60".into();
    })
    .await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T08:00:00Z", 1))
        .await;
    let peer = SmtpPeer::start(&[]).await;

    let page = server::web::carts_page(
        &app.pool,
        &app.demo_shop().await,
        &CartsQuery::default(),
        at("2026-11-23T08:50:00Z"),
    )
    .await
    .unwrap();
    let line = page
        .lines
        .iter()
        .find(|l| l.external_id == "web-1")
        .unwrap();
    assert_eq!(line.status, CartStatus::Checking);
    assert_eq!(line.abandoned_at, Some(at("2026-11-23T09:00:00Z")));
    assert_eq!(line.next_reminder_at, Some(at("2026-11-23T10:00:00Z")));

    // With the default 30 minutes, step 1 ("1 hour") would have gone at 09:30.
    let early = app.run_once(&peer.url(), "2026-11-23T09:59:00Z").await;
    let due = app.run_once(&peer.url(), "2026-11-23T10:00:00Z").await;

    assert_eq!((sent(&early), sent(&due)), (0, 1), "{early} {due}");
    assert_eq!(peer.received().len(), 1);
    assert_eq!(peer.received()[0].to, ["john@example.com"]);
}

#[tokio::test]
async fn a_new_abandonment_delay_applies_to_carts_not_yet_reminded_and_keeps_the_others_times() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T08:00:00Z", 1))
        .await;
    app.post_events(&key, mary("e2", "2026-11-23T08:45:00Z", 1))
        .await;
    let peer = SmtpPeer::start(&[]).await;
    // John: abandoned 08:30, reminded 09:30.
    let john = app.run_once(&peer.url(), "2026-11-23T09:30:00Z").await;

    change_settings(&app, &cookie, |draft| {
        draft.abandoned_after_minutes = "120".into();
    })
    .await;
    // Mary was due at 10:15 with 30 minutes; with two hours she is abandoned at 10:45.
    let old_time = app.run_once(&peer.url(), "2026-11-23T10:15:00Z").await;
    let new_time = app.run_once(&peer.url(), "2026-11-23T11:45:00Z").await;

    assert_eq!(
        (sent(&john), sent(&old_time), sent(&new_time)),
        (1, 0, 1),
        "{old_time} {new_time}"
    );
    let to: Vec<Vec<String>> = peer.received().into_iter().map(|m| m.to).collect();
    assert_eq!(to, [["john@example.com"], ["mary@example.com"]]);
    // John's step 2 keeps counting from his abandonment at 08:30, not from 10:00.
    let id = cart_id(&app, "web-1").await;
    let detail = server::web::cart_detail(
        &app.pool,
        &app.demo_shop().await,
        &id,
        at("2026-11-23T12:00:00Z"),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(detail.abandoned_at, Some(at("2026-11-23T08:30:00Z")));
    assert_eq!(detail.next_reminder_at, Some(at("2026-11-24T08:30:00Z")));
    let step_two = app.run_once(&peer.url(), "2026-11-24T08:30:00Z").await;
    assert_eq!(sent(&step_two), 1, "{step_two}");
}

#[tokio::test]
async fn adding_to_the_cart_after_a_reminder_restarts_the_sequence_once_per_re_entry_period() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let peer = SmtpPeer::start(&[]).await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1))
        .await;
    let first = app.run_once(&peer.url(), "2026-11-23T10:00:00Z").await;

    // Two more of the T-shirt at noon: step 1 again, an hour after the new abandonment (12:30),
    // held until the 12-hour gap since the last mail has passed.
    app.post_events(&key, cart_updated("e2", "web-1", "2026-11-23T12:00:00Z", 3))
        .await;
    let in_gap = app.run_once(&peer.url(), "2026-11-23T13:30:00Z").await;
    let again = app.run_once(&peer.url(), "2026-11-23T22:00:00Z").await;

    assert_eq!(
        (sent(&first), sent(&in_gap), sent(&again)),
        (1, 0, 1),
        "{in_gap} {again}"
    );
    assert_eq!(app.cart_column::<i64>("web-1", "sequence").await, 2);

    // Toggling once more the same evening restarts the cart, but the week's restart was used.
    app.post_events(&key, cart_updated("e3", "web-1", "2026-11-23T23:00:00Z", 1))
        .await;
    app.post_events(&key, cart_updated("e4", "web-1", "2026-11-23T23:05:00Z", 4))
        .await;
    let limited = app.run_once(&peer.url(), "2026-11-24T10:05:00Z").await;

    assert_eq!(sent(&limited), 0, "{limited}");
    assert_eq!(limited["skipped"]["re_entry_limit"], 1, "{limited}");
    assert_eq!(peer.received().len(), 2);
    let (reminders, outcomes) = timeline(&app, "web-1").await;
    assert_eq!(
        outcomes,
        [
            "created",
            "restarted_quantity_up",
            "applied",
            "restarted_quantity_up"
        ]
    );
    assert_eq!(
        reminders,
        [
            ("sent".to_owned(), None),
            ("sent".to_owned(), None),
            ("skipped".to_owned(), Some("re_entry_limit".to_owned())),
        ]
    );
}

#[tokio::test]
async fn removing_items_after_a_reminder_goes_on_with_the_sequence_once_idle_again() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let peer = SmtpPeer::start(&[]).await;
    app.post_events(&key, mary("e1", "2026-11-23T08:30:00Z", 3))
        .await;
    app.run_once(&peer.url(), "2026-11-23T10:00:00Z").await;

    // Step 2 is due at 09:00 the next day; Mary takes one T-shirt out at 08:50.
    app.post_events(&key, mary("e2", "2026-11-24T08:50:00Z", 2))
        .await;
    let active = app.run_once(&peer.url(), "2026-11-24T09:00:00Z").await;
    let idle = app.run_once(&peer.url(), "2026-11-24T09:20:00Z").await;

    assert_eq!((sent(&active), sent(&idle)), (0, 1), "{active} {idle}");
    assert_eq!(app.cart_column::<i64>("web-2", "sequence").await, 1);
    let (_, outcomes) = timeline(&app, "web-2").await;
    assert_eq!(outcomes, ["created", "applied"]);
}

#[tokio::test]
async fn the_cart_page_says_when_the_sequence_last_restarted() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let peer = SmtpPeer::start(&[]).await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1))
        .await;
    app.run_once(&peer.url(), "2026-11-23T10:00:00Z").await;
    app.post_events(&key, cart_updated("e2", "web-1", "2026-11-23T12:00:00Z", 2))
        .await;

    let id = cart_id(&app, "web-1").await;
    let page = app
        .get_signed_in(&format!("/s/demo/carts/{id}"), "en")
        .await;

    assert!(
        page.body
            // 12:00 UTC is 13:00 in Paris, the shop's time zone.
            .contains("restarted 1 time, last on 23 Nov 2026, 13:00"),
        "{}",
        page.body
    );
    assert!(page.body.contains("restarted because a quantity went up"));
}
