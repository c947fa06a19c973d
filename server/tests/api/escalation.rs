//! Discount escalation: with the Reminders page's switch on, a step's discount is offered only
//! once a reminder of the same sequence went out without one. Through the server functions,
//! the events API, `relance run-once --at` and a real SMTP server on loopback.

use axum::http::StatusCode;
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

/// The demo campaign's step ids, in delay order (1 hour without a discount, then 1 day with
/// discounts from 1 EUR of cart).
async fn steps(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = on!(&app.pool, |db| sqlx::query_as(
        "select step_id from reminder_steps order by delay_amount * (case delay_unit when 'days' then 24 else 1 end)",
    )
    .fetch_all(db).await)
    .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

async fn set(app: &TestApp, cookie: &str, function: &str, fields: &[(&str, &str)]) {
    let response = app.call_form(cookie, function, fields).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

/// Turns the demo's first step (the one without a discount) off from the Reminders page.
async fn first_step_off(app: &TestApp, cookie: &str) {
    let first = steps(app).await[0].clone();
    set(
        app,
        cookie,
        "set_reminder_enabled",
        &[("id", first.as_str()), ("enabled", "false")],
    )
    .await;
}

/// John's cart, quiet from 10:00 UTC on 23 November: step 1 due at 11:30, step 2 at 10:30 the
/// next day. Returns the codes made after the run at each of those times.
async fn codes_after_both_steps(app: &TestApp) -> (u64, i64) {
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    let peer = SmtpPeer::start(&[]).await;
    let first = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    let second = app.run_once(&peer.url(), "2026-11-24T10:31:00Z").await;
    let sent = first["sent"].as_u64().unwrap() + second["sent"].as_u64().unwrap();
    (sent, app.count("select count(*) from coupons").await)
}

#[tokio::test]
async fn with_escalation_the_first_reminder_sent_never_carries_a_code() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    set(&app, &cookie, "set_escalation", &[("enabled", "true")]).await;
    first_step_off(&app, &cookie).await;

    let (sent, codes) = codes_after_both_steps(&app).await;

    // Step 2 went out (first of its sequence), its discount held back.
    assert_eq!((sent, codes), (1, 0));
}

#[tokio::test]
async fn with_escalation_a_discount_follows_a_reminder_sent_without_one() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    set(&app, &cookie, "set_escalation", &[("enabled", "true")]).await;

    let (sent, codes) = codes_after_both_steps(&app).await;

    assert_eq!((sent, codes), (2, 1));
    let list = app.call_form(&cookie, "list_reminders", &[]).await;
    assert!(list.body.contains("\"escalation\":true"), "{}", list.body);
}

#[tokio::test]
async fn without_escalation_the_first_reminder_sent_carries_its_step_s_code() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    first_step_off(&app, &cookie).await;

    let (sent, codes) = codes_after_both_steps(&app).await;

    assert_eq!((sent, codes), (1, 1));
}

#[tokio::test]
async fn the_escalation_switch_needs_a_signed_in_admin() {
    let app = TestApp::spawn(Some(0)).await;

    let response = app
        .call_form("", "set_escalation", &[("enabled", "true")])
        .await;

    assert_eq!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.body
    );
    let list: Vec<(bool,)> = on!(&app.pool, |db| sqlx::query_as(
        "select escalation from campaigns"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(list, [(false,)]);
}
