//! The first run from an empty database: every admin URL leads to set-up, which creates the
//! owner and the first shop in one go, signs the owner in and shows a key that works; then
//! set-up is closed for good, even to two set-ups racing.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{cart_updated, TestApp};

fn draft(password: &str, currency: &str, zone: &str) -> Value {
    json!({"draft": {
        "email": "owner@emilie.example",
        "password": password,
        "shop": {"name": "Boutique Émilie", "url": "https://emilie.example", "currency": currency,
                 "time_zone": zone, "language": "fr", "sender_name": "Émilie",
                 "sender_email": "bonjour@emilie.example"}
    }})
}

fn good() -> Value {
    draft("a long enough password", "EUR", "Europe/Paris")
}

fn cookie_of(set_cookie: &[String]) -> String {
    set_cookie[0].split(';').next().unwrap().to_owned()
}

/// An empty install set up as a merchant does it: returns the new shop's slug and the owner's
/// session cookie.
pub async fn set_up_shop(app: &TestApp) -> (String, String) {
    let (slug, cookie, _) = set_up_shop_with_key(app).await;
    (slug, cookie)
}

/// `set_up_shop`, with the API key set-up shows once.
pub async fn set_up_shop_with_key(app: &TestApp) -> (String, String, String) {
    let (slug, cookie, key) = set_up_shop_as_is(app).await;
    app.without_control_group(&slug).await;
    (slug, cookie, key)
}

/// `set_up_shop_with_key`, keeping the new rule's default control group.
pub async fn set_up_shop_as_is(app: &TestApp) -> (String, String, String) {
    let done = app.call_json("", "complete_setup", good()).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let outcome: Value = serde_json::from_str(&done.body).unwrap();
    let slug = outcome["Done"]["shop_slug"].as_str().unwrap().to_owned();
    let key = outcome["Done"]["api_key"].as_str().unwrap().to_owned();
    (slug, cookie_of(&done.set_cookie), key)
}

#[tokio::test]
async fn on_an_empty_database_every_admin_url_leads_to_setup() {
    let app = TestApp::empty().await;

    for path in ["/", "/carts", "/login", "/settings"] {
        let page = app.get(path, "en").await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location.as_deref(), Some("/setup"), "{path}");
    }
    let call = app.call_form("", "list_carts", &[]).await;
    assert_eq!(call.status, StatusCode::UNAUTHORIZED);
    assert!(call.body.contains("/setup"), "{}", call.body);
    let setup = app.get("/setup", "en").await;
    assert_eq!(setup.status, StatusCode::OK);
    assert!(setup.body.contains("Welcome to Relance"), "{}", setup.body);
}

#[tokio::test]
async fn setup_creates_the_owner_and_the_shop_signs_in_and_gives_a_key_that_works() {
    let app = TestApp::empty().await;

    let done = app.call_json("", "complete_setup", good()).await;

    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let outcome: Value = serde_json::from_str(&done.body).unwrap();
    let connection = &outcome["Done"];
    assert_eq!(connection["shop_slug"], "boutique-emilie");
    assert_eq!(
        connection["endpoint"],
        "http://127.0.0.1:3000/api/v1/events"
    );
    let key = connection["api_key"].as_str().unwrap();
    let cookie = cookie_of(&done.set_cookie);
    let carts = app
        .request(
            axum::http::Request::get(format!(
                "/s/{}/carts",
                connection["shop_slug"].as_str().unwrap()
            ))
            .header("cookie", &cookie)
            .body(axum::body::Body::empty())
            .unwrap(),
        )
        .await;
    assert_eq!(carts.status, StatusCode::OK);
    let posted = app
        .post_events(key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);
    let steps_on = app
        .count("select count(*) from reminder_steps where enabled")
        .await;
    assert_eq!(steps_on, 0, "the default campaign starts switched off");
    let signed_in = app
        .sign_in_with("owner@emilie.example", "a long enough password")
        .await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);

    // Closed for good.
    let again = app.call_json("", "complete_setup", good()).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN, "{}", again.body);
    assert_eq!(app.get("/setup", "en").await.location.as_deref(), Some("/"));
    assert_eq!(app.count("select count(*) from shops").await, 1);
}

#[tokio::test]
async fn a_bad_form_is_refused_field_by_field_and_creates_nothing() {
    let app = TestApp::empty().await;

    let refused = app
        .call_json("", "complete_setup", draft("short", "EUE", "Mars/Olympus"))
        .await;

    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let outcome: Value = serde_json::from_str(&refused.body).unwrap();
    let fields: Vec<Value> = outcome["Invalid"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].clone())
        .collect();
    assert_eq!(
        fields,
        [
            json!("password"),
            json!({"shop": "currency"}),
            json!({"shop": "time_zone"})
        ]
    );
    assert_eq!(app.count("select count(*) from admin_users").await, 0);
    assert_eq!(app.count("select count(*) from shops").await, 0);
}

#[tokio::test]
async fn two_setups_at_once_make_one_owner_and_one_shop() {
    let app = TestApp::empty().await;

    let (first, second) = tokio::join!(
        app.call_json("", "complete_setup", good()),
        app.call_json(
            "",
            "complete_setup",
            draft("another long password", "CHF", "Europe/Zurich")
        )
    );

    let mut statuses = [first.status, second.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::FORBIDDEN]);
    assert_eq!(app.count("select count(*) from admin_users").await, 1);
    assert_eq!(app.count("select count(*) from shops").await, 1);
    assert_eq!(app.count("select count(*) from api_keys").await, 1);
}
