use axum::http::StatusCode;
use domain::settings::SettingsDraft;
use serde_json::{json, Value};

use crate::helpers::TestApp;

async fn load(app: &TestApp, cookie: &str) -> SettingsDraft {
    let response = app.call_form(cookie, "load_settings", &[]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

#[tokio::test]
async fn the_settings_open_with_the_demo_shop_and_its_default_rules() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;

    let draft = load(&app, &cookie).await;

    assert!(!draft.shop_name.is_empty());
    assert_eq!(draft.coupon_prefix, "RLC-");
    assert_eq!(draft.min_gap_hours, "12");
    assert_eq!(draft.max_lateness_hours, "24");
    assert_eq!(draft.cart_url_pattern, "{cart_url}");
}

#[tokio::test]
async fn saved_settings_are_what_the_engine_and_the_next_load_use() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let mut draft = load(&app, &cookie).await;
    draft.shop_name = "Boutique Émilie".into();
    draft.sender_name = "Émilie".into();
    draft.sender_email = "bonjour@emilie.example".into();
    draft.reply_to = "sav@emilie.example".into();
    draft.coupon_prefix = "emi-".into();
    draft.min_gap_hours = "6".into();

    let response = app
        .call_json(&cookie, "save_settings", json!({ "draft": draft }))
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert!(response.body.contains("Saved"), "{}", response.body);
    let stored = load(&app, &cookie).await;
    assert_eq!(stored.shop_name, "Boutique Émilie");
    assert_eq!(stored.coupon_prefix, "EMI-");
    assert_eq!(stored.min_gap_hours, "6");
    let identity = server::db::engine::mail_identity(&app.pool, server::demo::DEMO_SHOP_ID)
        .await
        .unwrap();
    assert_eq!(identity.reply_to().as_deref(), Some("sav@emilie.example"));
}

#[tokio::test]
async fn a_crafted_call_with_a_bad_address_is_refused_field_by_field_and_nothing_is_saved() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let before = load(&app, &cookie).await;
    let mut bad = before.clone();
    bad.shop_name = "Changed".into();
    bad.sender_email = "not an address".into();
    bad.abandoned_after_minutes = "1".into();

    let response = app
        .call_json(&cookie, "save_settings", json!({ "draft": bad }))
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let outcome: Value = serde_json::from_str(&response.body).unwrap();
    let problems = outcome["Invalid"]["problems"].as_array().unwrap();
    let fields: Vec<&str> = problems
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["sender_email", "abandoned_after_minutes"]);
    assert_eq!(load(&app, &cookie).await, before);
}

#[tokio::test]
async fn settings_need_a_signed_in_admin() {
    let app = TestApp::spawn(Some(0)).await;

    let response = app
        .call_json(
            "",
            "save_settings",
            json!({ "draft": SettingsDraft::default() }),
        )
        .await;

    assert_eq!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.body
    );
}

#[tokio::test]
async fn with_consent_required_only_customers_who_agreed_are_reminded() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let loaded = app.call_form(&cookie, "load_settings", &[]).await;
    let mut draft: domain::settings::SettingsDraft = serde_json::from_str(&loaded.body).unwrap();
    assert!(!draft.require_consent);
    draft.require_consent = true;
    let saved = app
        .call_json(
            &cookie,
            "save_settings",
            serde_json::json!({ "draft": draft }),
        )
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    let key = app.api_key().await;
    for (cart, newsletter) in [("web-yes", true), ("web-no", false)] {
        let mut event =
            crate::helpers::cart_updated(&format!("e-{cart}"), cart, "2026-11-23T10:00:00Z", 1);
        event["customer"]["id"] = format!("cu-{cart}").into();
        event["customer"]["email"] = format!("{cart}@example.com").into();
        event["customer"]["newsletter"] = newsletter.into();
        app.post_events(&key, event).await;
    }
    let peer = crate::smtp_peer::SmtpPeer::start(&[]).await;
    let summary = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(summary["sent"], 1, "{summary}");
    assert_eq!(summary["skipped"]["no_consent"], 1, "{summary}");
    let recipients: Vec<String> = peer.received().into_iter().flat_map(|r| r.to).collect();
    assert_eq!(recipients, ["web-yes@example.com"]);
    let reloaded = app.call_form(&cookie, "load_settings", &[]).await;
    assert!(
        reloaded.body.contains("\"require_consent\":true"),
        "{}",
        reloaded.body
    );
}
