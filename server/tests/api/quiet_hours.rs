//! Quiet hours: no reminder reaches a customer at night in their own time zone (sent as
//! `customer.time_zone`) or else the shop's, and a step due inside them waits for their end,
//! its lateness counted from there. Through Settings, the events API, `relance run-once --at`
//! and a real SMTP server on loopback, across both changes of clocks.

use app::api::CartsQuery;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use domain::settings::SettingsDraft;
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The shop's quiet hours, set through the Settings form's server functions.
async fn quiet_hours(app: &TestApp, cookie: &str, start: &str, end: &str) -> StatusCode {
    let loaded = app.call_form(cookie, "load_settings", &[]).await;
    let mut draft: SettingsDraft = serde_json::from_str(&loaded.body).unwrap();
    draft.quiet_hours_start = start.into();
    draft.quiet_hours_end = end.into();
    let saved = app
        .call_json(cookie, "save_settings", json!({ "draft": draft }))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let body: Value = serde_json::from_str(&saved.body).unwrap();
    if body.get("Invalid").is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

/// A cart of `customer` last active at `quiet_at`, in `zone` when given.
fn cart(cart: &str, customer: &str, quiet_at: &str, zone: Option<&str>) -> Value {
    let mut event = cart_updated(&format!("e-{cart}"), cart, quiet_at, 1);
    event["customer"]["id"] = customer.into();
    event["customer"]["email"] = format!("{customer}@example.com").into();
    if let Some(zone) = zone {
        event["customer"]["time_zone"] = zone.into();
    }
    event
}

fn recipients(peer: &SmtpPeer) -> Vec<String> {
    peer.received().into_iter().flat_map(|r| r.to).collect()
}

fn sent(summary: &Value) -> u64 {
    summary["sent"].as_u64().unwrap()
}

#[tokio::test]
async fn a_step_due_at_night_waits_for_the_morning_in_the_customer_s_zone_else_the_shop_s() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    assert_eq!(
        quiet_hours(&app, &cookie, "21:00", "08:00").await,
        StatusCode::OK
    );
    let key = app.api_key().await;
    // Quiet from 23:00 UTC: abandoned at 23:30, step 1 due at 00:30 UTC. That is 19:30 in
    // Montreal (sent at once) and 01:30 in Paris, the shop's zone (waits for 08:00 there).
    app.post_events(
        &key,
        cart(
            "web-mtl",
            "ana",
            "2026-11-23T23:00:00Z",
            Some("America/Montreal"),
        ),
    )
    .await;
    app.post_events(&key, cart("web-par", "paul", "2026-11-23T23:00:00Z", None))
        .await;
    let peer = SmtpPeer::start(&[]).await;

    let night = app.run_once(&peer.url(), "2026-11-24T00:31:00Z").await;
    assert_eq!(sent(&night), 1, "{night}");
    assert_eq!(recipients(&peer), ["ana@example.com"]);
    // The waiting cart's countdown on the Carts list shows the end of the quiet hours.
    let page = server::web::carts_page(
        &app.pool,
        &app.demo_shop().await,
        &CartsQuery {
            search: Some("paul".into()),
            ..CartsQuery::default()
        },
        at("2026-11-24T00:31:00Z"),
    )
    .await
    .unwrap();
    assert_eq!(
        page.lines[0].next_reminder_at,
        Some(at("2026-11-24T07:00:00Z"))
    );
    assert_eq!(night["next_due"], "2026-11-24T07:00:00Z", "{night}");

    let before = app.run_once(&peer.url(), "2026-11-24T06:59:00Z").await;
    assert_eq!(sent(&before), 0, "{before}");
    let morning = app.run_once(&peer.url(), "2026-11-24T07:00:00Z").await;
    assert_eq!(sent(&morning), 1, "{morning}");
    assert_eq!(recipients(&peer), ["ana@example.com", "paul@example.com"]);
}

#[tokio::test]
async fn the_maximum_lateness_of_a_step_held_by_quiet_hours_counts_from_their_end() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    quiet_hours(&app, &cookie, "21:00", "08:00").await;
    let key = app.api_key().await;
    // Step 1 due at 00:30 UTC (01:30 in Paris); quiet hours end at 07:00 UTC, and the 24 hours
    // of lateness (Settings' default) count from then: it may still go at 07:00 the next day
    // (the end of the next night), and no later.
    app.post_events(&key, cart("web-1", "paul", "2026-11-23T23:00:00Z", None))
        .await;
    let peer = SmtpPeer::start(&[]).await;

    let late = app.run_once(&peer.url(), "2026-11-25T07:00:00Z").await;

    assert_eq!(sent(&late), 1, "{late}");
    let app2 = TestApp::spawn(Some(0)).await;
    let cookie2 = app2.sign_in().await;
    quiet_hours(&app2, &cookie2, "21:00", "08:00").await;
    let key2 = app2.api_key().await;
    app2.post_events(&key2, cart("web-1", "paul", "2026-11-23T23:00:00Z", None))
        .await;
    let too_late = app2.run_once(&peer.url(), "2026-11-25T07:01:00Z").await;
    // Step 1 is a minute too late; step 2 (a day after the abandonment, held by the same
    // quiet hours until 07:00) goes in its place.
    assert_eq!(too_late["skipped"]["too_late"], 1, "{too_late}");
    assert_eq!(sent(&too_late), 1, "{too_late}");
}

#[tokio::test]
async fn on_both_nights_clocks_change_each_held_step_goes_once_at_the_local_morning() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    quiet_hours(&app, &cookie, "21:00", "08:00").await;
    let key = app.api_key().await;
    // 25 October 2026: Paris goes from UTC+2 to UTC+1 at 03:00, so 02:30 happens twice.
    // Quiet at 23:00 UTC: step 1 due at 00:30 UTC, the first 02:30; 08:00 is 07:00 UTC.
    app.post_events(&key, cart("web-oct", "ana", "2026-10-24T23:00:00Z", None))
        .await;
    // 29 March 2026: from UTC+1 to UTC+2 at 02:00, so there is no 02:30 that night.
    // Quiet at 23:00 UTC: due at 00:30 UTC (01:30 local); 08:00 is 06:00 UTC.
    app.post_events(&key, cart("web-mar", "paul", "2026-03-28T23:00:00Z", None))
        .await;
    let peer = SmtpPeer::start(&[]).await;

    let mut sends = Vec::new();
    for pass in [
        "2026-03-29T00:30:00Z",
        "2026-03-29T01:00:00Z",
        "2026-03-29T05:59:00Z",
        "2026-03-29T06:00:00Z",
        "2026-03-29T06:30:00Z",
        "2026-10-25T00:30:00Z",
        "2026-10-25T01:30:00Z",
        "2026-10-25T06:59:00Z",
        "2026-10-25T07:00:00Z",
        "2026-10-25T08:00:00Z",
    ] {
        let summary = app.run_once(&peer.url(), pass).await;
        sends.push((pass, sent(&summary)));
    }

    let sent_at: Vec<&str> = sends
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(pass, _)| *pass)
        .collect();
    assert_eq!(
        sent_at,
        ["2026-03-29T06:00:00Z", "2026-10-25T07:00:00Z"],
        "{sends:?}"
    );
    assert_eq!(recipients(&peer), ["paul@example.com", "ana@example.com"]);
}

#[tokio::test]
async fn quiet_hours_and_the_customer_s_time_zone_are_checked_naming_the_field() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    assert_eq!(
        quiet_hours(&app, &cookie, "21:00", "").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        quiet_hours(&app, &cookie, "9pm", "08:00").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let key = app.api_key().await;

    let response = app
        .post_events(
            &key,
            cart("web-1", "ana", "2026-11-23T10:00:00Z", Some("Mars/Olympus")),
        )
        .await;

    assert_eq!(
        response.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        response.body
    );
    assert!(
        response.body.contains("customer.time_zone"),
        "{}",
        response.body
    );
    assert_eq!(app.count("select count(*) from carts").await, 0);
}

#[tokio::test]
async fn a_new_shop_starts_with_quiet_hours_from_nine_in_the_evening_to_eight() {
    let app = TestApp::spawn(None).await;
    let shop = domain::Shop {
        id: "s-new".into(),
        name: "Nouvelle".into(),
        url: domain::WebUrl::parse("https://nouvelle.example").unwrap(),
        logo_url: None,
        postal_address: String::new(),
        currency: domain::Currency::EUR,
        default_language: domain::Language::FRENCH,
        time_zone: "Europe/Paris".into(),
    };
    let mut conn = app.pool.acquire().await.unwrap();
    server::db::insert_shop(&mut conn.conn(), &shop, Utc::now() - Duration::days(1))
        .await
        .unwrap();

    let settings = server::db::settings::load(&app.pool, "s-new")
        .await
        .unwrap()
        .unwrap();

    assert_eq!(
        settings.quiet_hours,
        Some(domain::engine::QuietHours::NIGHT)
    );
}

#[tokio::test]
async fn a_reminder_held_by_a_sending_fault_into_the_night_waits_for_the_morning() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    quiet_hours(&app, &cookie, "21:00", "08:00").await;
    let key = app.api_key().await;
    // Quiet at 18:00 UTC: step 1 due at 19:30 UTC, 20:30 in Paris.
    app.post_events(&key, cart("web-1", "paul", "2026-11-23T18:00:00Z", None))
        .await;
    let peer = SmtpPeer::start_with_login("right").await;
    let sender = |password: &str| server::jobs::Sender {
        mail: server::mail::smtp(&peer.url_with_login(password)).unwrap(),
        ..app.sender()
    };
    // The login is refused at 20:30 in Paris: the reminder stays queued.
    server::jobs::run_pass(&sender("wrong"), at("2026-11-23T19:30:00Z"))
        .await
        .unwrap_err();

    // Fixed at 21:10 in Paris: inside the quiet hours, the reminder waits for 08:00.
    let night = server::jobs::run_pass(&sender("right"), at("2026-11-23T20:10:00Z"))
        .await
        .unwrap();
    let morning = server::jobs::run_pass(&sender("right"), at("2026-11-24T07:00:00Z"))
        .await
        .unwrap();

    assert_eq!(night.sent, 0, "{night:?}");
    assert_eq!(night.next_due, Some(at("2026-11-24T07:00:00Z")));
    assert_eq!(morning.sent, 1, "{morning:?}");
    assert_eq!(recipients(&peer), ["paul@example.com"]);
    let (attempts,): (i64,) = on!(&app.pool, |db| sqlx::query_as(
        "select attempts from deliveries"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(
        attempts, 1,
        "neither the fault nor the night counts as an attempt"
    );
}
