//! The activity log: every change is recorded with who, when, what and a before/after; owners
//! read it filtered by author and date and export it as CSV; nobody else does.

use axum::http::StatusCode;
use domain::team::Role;
use serde_json::{json, Value};

use crate::helpers::TestApp;

async fn activity(app: &TestApp, cookie: &str, query: Value) -> (StatusCode, Value) {
    let response = app
        .call_json(cookie, "load_activity", json!({ "query": query }))
        .await;
    let body = serde_json::from_str(&response.body).unwrap_or(Value::Null);
    (response.status, body)
}

#[tokio::test]
async fn changes_are_logged_with_author_and_before_after_and_filtered_by_author() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let manager = app.member("max@demo.test", "demo", Role::Manager).await;

    app.call_form(
        &owner,
        "set_reminder_enabled",
        &[("id", "demo-step-1"), ("enabled", "false")],
    )
    .await;
    let loaded = app.call_form(&owner, "load_settings", &[]).await;
    let mut draft: Value = serde_json::from_str(&loaded.body).unwrap();
    draft["min_gap_hours"] = "24".into();
    app.call_json(&owner, "save_settings", json!({ "draft": draft }))
        .await;
    let key = app
        .call_form(&owner, "create_api_key", &[("name", "=cmd|' /C calc'!A0")])
        .await;
    app.call_form(&manager, "set_escalation", &[("enabled", "true")])
        .await;

    let (status, all) = activity(&app, &owner, json!({"user": "", "from": "", "to": ""})).await;
    let (_, by_max) = activity(
        &app,
        &owner,
        json!({"user": "max@demo.test", "from": "", "to": ""}),
    )
    .await;
    let (bad, _) = activity(
        &app,
        &owner,
        json!({"user": "", "from": "yesterday", "to": ""}),
    )
    .await;

    assert_eq!(status, StatusCode::OK, "{all}");
    let lines = all["lines"].as_array().unwrap();
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "escalation_switched",
            "key_created",
            "settings_saved",
            "reminder_switched"
        ],
        "newest first"
    );
    let settings = &lines[2];
    assert_eq!(settings["email"], "demo@relance.test");
    assert_eq!(settings["before"], "min_gap_hours: 12");
    assert_eq!(settings["after"], "min_gap_hours: 24");
    let secret = serde_json::from_str::<Value>(&key.body).unwrap()["Created"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        !all.to_string().contains(&secret),
        "a key's secret is never logged"
    );
    assert_eq!(lines[3]["before"], "on");
    assert_eq!(lines[3]["after"], "off");
    let max_lines = by_max["lines"].as_array().unwrap();
    assert_eq!(max_lines.len(), 1);
    assert_eq!(max_lines[0]["email"], "max@demo.test");
    assert_eq!(
        all["authors"],
        json!(["demo@relance.test", "max@demo.test"])
    );
    assert_eq!(bad, StatusCode::UNPROCESSABLE_ENTITY);

    let csv = app.get_as(&owner, "/s/demo/activity.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("at,user,action,subject,before,after"));
    assert!(
        csv.body.contains("'=cmd"),
        "a formula-like name is neutralised: {}",
        csv.body
    );
}

#[tokio::test]
async fn only_owners_read_the_log_and_a_shop_sees_only_its_own() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let manager = app.member("max@demo.test", "demo", Role::Manager).await;
    app.call_form(&owner, "set_escalation", &[("enabled", "true")])
        .await;
    let created = app
        .call_json(
            &owner,
            "create_shop",
            json!({"draft": {"name": "Other", "url": "https://other.example", "currency": "EUR",
                             "time_zone": "Europe/Paris", "language": "fr", "sender_name": "",
                             "sender_email": ""}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);

    let (refused, _) = activity(&app, &manager, json!({"user": "", "from": "", "to": ""})).await;
    let csv = app.get_as(&manager, "/s/demo/activity.csv").await;
    let other = app
        .call_json(
            &owner,
            "load_activity",
            json!({"shop": "other", "query": {"user": "", "from": "", "to": ""}}),
        )
        .await;

    assert_eq!(refused, StatusCode::FORBIDDEN);
    assert_eq!(csv.status, StatusCode::FORBIDDEN);
    let other: Value = serde_json::from_str(&other.body).unwrap();
    let actions: Vec<&str> = other["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["shop_created"]);
}
