use axum::{body::Body, http::Request, http::StatusCode};
use serde_json::Value;
use server::on;

use crate::helpers::TestApp;

async fn suppress(app: &TestApp, email: &str, reason: &str, at: &str) {
    on!(&app.pool, |db| sqlx::query(
        "insert into suppressions (shop_id, email, reason, created_at) values ($1, $2, $3, $4)",
    )
    .bind(server::demo::DEMO_SHOP_ID)
    .bind(email)
    .bind(reason)
    .bind(at.parse::<chrono::DateTime<chrono::Utc>>().unwrap())
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
}

async fn listed(app: &TestApp, cookie: &str, search: &str) -> Vec<String> {
    let response = app
        .call_form(
            cookie,
            "list_unsubscribed",
            &[("search", search), ("page", "1")],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let page: Value = serde_json::from_str(&response.body).unwrap();
    page["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["email"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_list_shows_newest_first_finds_by_part_and_a_removed_address_gets_reminders_again() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    suppress(
        &app,
        "anne@example.com",
        "one_click",
        "2026-11-01T10:00:00Z",
    )
    .await;
    suppress(
        &app,
        "bob@shop.example",
        "permanent_bounce",
        "2026-11-02T10:00:00Z",
    )
    .await;

    assert_eq!(
        listed(&app, &cookie, "").await,
        ["bob@shop.example", "anne@example.com"]
    );
    assert_eq!(listed(&app, &cookie, "ANNE").await, ["anne@example.com"]);
    assert!(listed(&app, &cookie, "%").await.is_empty());

    let removed = app
        .call_form(
            &cookie,
            "remove_unsubscribed",
            &[("email", "Anne@Example.com")],
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    assert_eq!(listed(&app, &cookie, "").await, ["bob@shop.example"]);
    let again = app
        .call_form(
            &cookie,
            "remove_unsubscribed",
            &[("email", "anne@example.com")],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_csv_export_neutralises_formulas_and_needs_a_session() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    suppress(
        &app,
        "=cmd|'/c calc'!a1@evil.example",
        "unsubscribe_page",
        "2026-11-03T10:00:00Z",
    )
    .await;
    suppress(
        &app,
        "plain@example.com",
        "one_click",
        "2026-11-01T10:00:00Z",
    )
    .await;

    let csv = app
        .request(
            Request::get("/s/demo/unsubscribed.csv?q=")
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type.starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "email,reason,since");
    assert!(lines[1].starts_with("'=cmd"), "{}", lines[1]);
    // In the shop's time (Paris, UTC+1 in November), with its offset.
    assert_eq!(
        lines[2],
        "plain@example.com,one_click,2026-11-01T11:00:00+01:00"
    );

    let anonymous = app
        .request(
            Request::get("/s/demo/unsubscribed.csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_ne!(anonymous.status, StatusCode::OK);
    let list = app
        .call_form("", "list_unsubscribed", &[("search", ""), ("page", "1")])
        .await;
    assert_eq!(list.status, StatusCode::UNAUTHORIZED);
}
