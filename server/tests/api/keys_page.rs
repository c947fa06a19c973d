//! The Connect page's keys: made from the admin (the secret shown once), used by the shop,
//! listed with their last use, revoked; every call needs a session.

use axum::http::StatusCode;
use serde_json::Value;

use crate::helpers::{cart_updated, TestApp};

async fn keys(app: &TestApp, cookie: &str) -> Value {
    let page = app.call_form(cookie, "list_api_keys", &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

#[tokio::test]
async fn a_key_made_in_the_admin_sends_events_shows_its_use_and_once_revoked_is_refused() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;

    let made = app
        .call_form(&cookie, "create_api_key", &[("name", "PrestaShop")])
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let made: Value = serde_json::from_str(&made.body).unwrap();
    let secret = made["Created"]["secret"].as_str().unwrap().to_owned();
    let accepted = app
        .post_events(
            &secret,
            cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED);

    let page = keys(&app, &cookie).await;
    assert_eq!(page["endpoint"], "http://127.0.0.1:3000/api/v1/events");
    let key = page["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "PrestaShop")
        .unwrap()
        .clone();
    assert!(secret.starts_with(key["prefix"].as_str().unwrap()));
    assert!(!key["last_used_at"].is_null(), "{key}");
    assert!(
        !page.to_string().contains(&secret),
        "the secret is never listed"
    );

    let revoked = app
        .call_form(
            &cookie,
            "revoke_api_key",
            &[("id", key["id"].as_str().unwrap())],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    let refused = app
        .post_events(
            &secret,
            cart_updated("e2", "web-1", "2026-11-23T10:05:00Z", 2),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let again = app
        .call_form(
            &cookie,
            "revoke_api_key",
            &[("id", key["id"].as_str().unwrap())],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_key_without_a_name_or_without_a_session_is_not_made() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let before = app.count("select count(*) from api_keys").await;

    let unnamed = app
        .call_form(&cookie, "create_api_key", &[("name", "  ")])
        .await;
    let anonymous = app
        .call_form("", "create_api_key", &[("name", "web")])
        .await;
    let listed = app.call_form("", "list_api_keys", &[]).await;

    assert_eq!(
        unnamed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unnamed.body
    );
    assert!(unnamed.body.contains("BadName"));
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(listed.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("select count(*) from api_keys").await, before);
}
