use axum::{body::Body, http::Request, http::StatusCode};
use serde_json::Value;

use crate::helpers::{cart_updated, TestApp, TEST_CRON_TOKEN};

async fn cron(app: &TestApp, token: &str) -> StatusCode {
    app.request(
        Request::post("/api/v1/jobs/run")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .status
}

#[tokio::test]
async fn run_now_sends_what_is_due_and_the_tab_shows_the_run_and_an_empty_queue() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    // Last activity long ago: step 1 is due now (and step 2 too late, skipped).
    app.post_events(&key, cart_updated("e1", "web-1", "2026-01-01T09:00:00Z", 1))
        .await;
    let cookie = app.sign_in().await;

    let response = app.call_form(&cookie, "run_now", &[]).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let outcome: Value = serde_json::from_str(&response.body).unwrap();
    let ran = &outcome["Ran"];
    assert!(ran["due"].as_u64().unwrap() >= 1, "{outcome}");
    let status = app.call_form(&cookie, "load_sending", &[]).await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.body);
    let status: Value = serde_json::from_str(&status.body).unwrap();
    assert_eq!(status["runs"][0]["trigger"], "admin");
    assert_eq!(status["runs"][0]["figures"]["due"], ran["due"]);
    assert_eq!(status["queued_due"], 0);
    assert_eq!(status["cron_token"], TEST_CRON_TOKEN);
    assert!(status["cron_url"]
        .as_str()
        .unwrap()
        .ends_with("/api/v1/jobs/run"));
}

#[tokio::test]
async fn a_new_cron_token_works_at_once_and_the_old_one_stops() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    assert_eq!(cron(&app, TEST_CRON_TOKEN).await, StatusCode::OK);

    let response = app.call_form(&cookie, "regenerate_cron_token", &[]).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let fresh: String = serde_json::from_str(&response.body).unwrap();
    assert!(fresh.len() >= 40);
    assert_eq!(cron(&app, TEST_CRON_TOKEN).await, StatusCode::UNAUTHORIZED);
    assert_eq!(cron(&app, &fresh).await, StatusCode::OK);
}

#[tokio::test]
async fn the_sending_tab_needs_a_signed_in_admin() {
    let app = TestApp::spawn(Some(0)).await;

    for function in ["load_sending", "run_now", "regenerate_cron_token"] {
        let response = app.call_form("", function, &[]).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{function}");
    }
    assert_eq!(cron(&app, TEST_CRON_TOKEN).await, StatusCode::OK);
}
