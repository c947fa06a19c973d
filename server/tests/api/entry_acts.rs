//! The first run's, a new shop's and an invitation's forms sent as acts. Set-up and an
//! invitation go to `perform_entry_act`, open to visitors without a session, which runs those
//! two acts only.

use axum::http::StatusCode;
use domain::team::Role;
use serde_json::{json, Value};

use crate::helpers::TestApp;

fn setup_form(email: &str, password: &str) -> Value {
    json!({"CompleteSetup": {"fields": [
        ["email", email], ["password", password], ["name", "Boutique Émilie"],
        ["url", "https://emilie.example"], ["currency", "EUR"], ["time_zone", "Europe/Paris"],
        ["language", "fr"], ["sender_name", "Émilie"], ["sender_email", "bonjour@emilie.example"],
    ]}})
}

async fn entry_act(app: &TestApp, act: Value) -> (StatusCode, Value, Vec<String>) {
    let done = app
        .call_json("", "perform_entry_act", json!({ "act": act }))
        .await;
    let body = serde_json::from_str(&done.body).unwrap_or(Value::Null);
    (done.status, body, done.set_cookie)
}

fn field_names(done: &Value) -> Vec<String> {
    done["Invalid"]["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .map(|f| f[0].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn set_up_from_its_form_names_each_wrong_field_then_connects_the_shop_once() {
    let app = TestApp::empty().await;

    let (status, refused, _) = entry_act(&app, setup_form("not an address", "short")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(field_names(&refused), ["email", "password"], "{refused}");
    assert_eq!(app.count("select count(*) from admin_users").await, 0);

    let (_, done, cookies) = entry_act(
        &app,
        setup_form("owner@emilie.example", "a long enough password"),
    )
    .await;
    let key = done["Connected"]["key"].as_str().unwrap_or_default();
    assert!(key.starts_with("rlk_"), "{done}");
    let open = done["Connected"]["open"].as_str().unwrap();
    assert!(open.starts_with("/s/"), "{open}");
    assert!(!cookies.is_empty(), "the owner is signed in");
    // Set-up is closed for good once done.
    let (_, again, _) = entry_act(
        &app,
        setup_form("thief@example.com", "another long password"),
    )
    .await;
    assert_eq!(again["Report"]["done"], false, "{again}");
    assert_eq!(app.count("select count(*) from admin_users").await, 1);
}

#[tokio::test]
async fn the_public_act_function_runs_no_other_act() {
    let app = TestApp::spawn(Some(0)).await;
    let shops = app.count("select count(*) from shops").await;

    let (status, _, _) = entry_act(
        &app,
        json!({"CreateShop": {"fields": [["name", "Intruder"], ["url", "https://x.example"]]}}),
    )
    .await;
    let (rule_status, _, _) = entry_act(
        &app,
        json!({"SaveRule": {"fields": [["id", ""], ["name", "Intruder"]]}}),
    )
    .await;

    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(rule_status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("select count(*) from shops").await, shops);
    assert_eq!(
        app.count("select count(*) from campaigns where name = 'Intruder'")
            .await,
        0
    );
}

#[tokio::test]
async fn an_owner_makes_a_shop_from_the_form_and_staff_are_told_they_cannot() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let staff = app.member("marie@shop.example", "demo", Role::Staff).await;
    let form = json!({"CreateShop": {"fields": [
        ["name", "Boutique Lyon"], ["url", "https://lyon.example"], ["currency", "EUR"],
        ["time_zone", "Europe/Paris"], ["language", "fr"], ["sender_name", ""], ["sender_email", ""],
    ]}});
    let shops = app.count("select count(*) from shops").await;

    let refused = app
        .call_json(
            &staff,
            "perform_act",
            json!({"shop": "", "act": form.clone()}),
        )
        .await;
    let made = app
        .call_json(&owner, "perform_act", json!({"shop": "", "act": form}))
        .await;

    let refused: Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(refused["Report"]["done"], false, "{refused}");
    let made: Value = serde_json::from_str(&made.body).unwrap();
    assert!(
        made["Connected"]["key"]
            .as_str()
            .unwrap()
            .starts_with("rlk_"),
        "{made}"
    );
    assert_eq!(app.count("select count(*) from shops").await, shops + 1);
}

#[tokio::test]
async fn an_invitation_accepted_from_its_form_needs_a_long_password_and_works_once() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let invited = app
        .call_form(
            &owner,
            "invite_member",
            &[
                ("email", "lea@demo.test"),
                ("role", "staff"),
                ("send_mail", "false"),
            ],
        )
        .await;
    let invited: Value = serde_json::from_str(&invited.body).unwrap();
    let link = invited["Invited"]["link"].as_str().unwrap();
    let token = link.rsplit('/').next().unwrap();
    let accept =
        |password: &str| json!({"AcceptInvitation": {"token": token, "password": password}});

    let (_, short, _) = entry_act(&app, accept("short")).await;
    let (_, accepted, cookies) = entry_act(&app, accept("a long enough password")).await;
    let (_, again, _) = entry_act(&app, accept("a long enough password")).await;

    assert_eq!(field_names(&short), ["password"], "{short}");
    assert_eq!(accepted, json!({"Go": {"to": "/s/demo"}}));
    assert!(!cookies.is_empty(), "the new member is signed in");
    assert_eq!(again["Report"]["done"], false, "{again}");
}
