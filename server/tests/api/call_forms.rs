//! The call screen's forms sent as acts (`perform_act`), and its email preview, a plain GET into
//! a frame: each goes through the call's server function, so its checks hold.

use axum::http::StatusCode;
use domain::team::Role;
use serde_json::{json, Value};

use crate::calls::{calls, make_call_step};
use crate::helpers::{cart_updated, TestApp};
use crate::merchant::step_ids;
use crate::smtp_peer::SmtpPeer;

/// The demo shop with one open call task; its id, and the cookies of the owner and a staff
/// member.
async fn open_call(app: &TestApp) -> (String, String, String) {
    let owner = app.sign_in().await;
    let staff = app.member("marie@shop.example", "demo", Role::Staff).await;
    let steps = step_ids(app, "demo").await;
    make_call_step(app, &owner, "demo", &steps[1], "").await;
    let key = app.api_key().await;
    app.post_events(
        &key,
        cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1),
    )
    .await;
    let peer = SmtpPeer::start(&[]).await;
    app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    let opened = app.run_once(&peer.url(), "2026-11-24T23:00:00Z").await;
    assert_eq!(opened["calls"], 1, "{opened}");
    let open = calls(app, &staff, "demo", false).await;
    let id = open[0]["id"].as_str().unwrap().to_owned();
    (id, owner, staff)
}

async fn act(app: &TestApp, cookie: &str, act: Value) -> (StatusCode, Value) {
    let done = app
        .call_json(cookie, "perform_act", json!({ "act": act }))
        .await;
    let body = serde_json::from_str(&done.body).unwrap_or(Value::Null);
    (done.status, body)
}

fn coupon(id: &str, kind: &str, value: &str) -> Value {
    json!({"GiveCallCoupon": {"fields": [
        ["id", id], ["kind", kind], ["value", value], ["validity_days", "7"],
        ["combinable", "false"], ["tax_included", "true"], ["gift_sku", ""], ["gift_name", ""],
    ]}})
}

async fn screen(app: &TestApp, cookie: &str, id: &str) -> Value {
    let loaded = app
        .call_form(cookie, "load_call", &[("shop", "demo"), ("id", id)])
        .await;
    serde_json::from_str(&loaded.body).unwrap()
}

#[tokio::test]
async fn a_code_from_the_call_form_is_refused_beside_its_field_then_given_once() {
    let app = TestApp::spawn(Some(0)).await;
    let (id, _, staff) = open_call(&app).await;

    let (status, refused) = act(&app, &staff, coupon(&id, "percent", "150")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(refused["Invalid"]["fields"][0][0], "value", "{refused}");
    assert!(screen(&app, &staff, &id).await["coupon"].is_null());

    let (_, given) = act(&app, &staff, coupon(&id, "percent", "15")).await;
    assert_eq!(given, json!("Reload"));
    let code = screen(&app, &staff, &id).await["coupon"]["code"].clone();
    assert!(code.is_string(), "{code}");
    // A second code is refused: the screen keeps the first.
    let (_, again) = act(&app, &staff, coupon(&id, "amount", "5")).await;
    assert_eq!(again["Report"]["done"], true, "{again}");
    assert_eq!(screen(&app, &staff, &id).await["coupon"]["code"], code);
}

#[tokio::test]
async fn the_call_email_is_previewed_in_a_sandboxed_page_then_sent_once_from_the_form() {
    let app = TestApp::spawn(Some(0)).await;
    let (id, _, staff) = open_call(&app).await;
    act(&app, &staff, coupon(&id, "percent", "15")).await;
    let loaded = screen(&app, &staff, &id).await;
    let template = loaded["template_id"].as_str().unwrap();
    let code = loaded["coupon"]["code"].as_str().unwrap();

    let preview = app
        .get_as(
            &staff,
            &format!("/s/demo/calls/{id}/email?template={template}"),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(preview.content_type.starts_with("text/html"));
    assert!(
        preview.body.contains(code),
        "the preview carries the call's code"
    );
    assert!(app.outbox().is_empty(), "a preview sends nothing");
    let unknown = app
        .get_as(
            &staff,
            &format!("/s/demo/calls/nope/email?template={template}"),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let send = json!({"SendCallEmail": {"id": id, "template": template}});
    let (_, sent) = act(&app, &staff, send.clone()).await;
    assert_eq!(sent["Report"]["done"], true, "{sent}");
    let (_, twice) = act(&app, &staff, send).await;
    assert_eq!(twice["Report"]["done"], false, "{twice}");
    assert_eq!(app.outbox().len(), 1);
}

#[tokio::test]
async fn the_call_preview_has_a_policy_that_runs_nothing_and_is_only_for_the_shops_members() {
    let app = TestApp::spawn(Some(0)).await;
    let (id, _, staff) = open_call(&app).await;
    let template = screen(&app, &staff, &id).await["template_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/s/demo/calls/{id}/email?template={template}");
    let (other, _) = app.add_shop(crate::campaign_io::swiss()).await;
    let outsider = app.member("paul@geneve.example", &other, Role::Owner).await;

    let refused = app.get_as(&outsider, &path).await;
    let shown = app.get_as(&staff, &path).await;

    assert!(
        refused.status == StatusCode::FORBIDDEN || refused.status == StatusCode::NOT_FOUND,
        "{}",
        refused.status
    );
    assert!(!refused.body.contains("<html"), "{}", refused.body);
    assert_eq!(shown.status, StatusCode::OK);
    let policy = shown.policy.unwrap_or_default();
    assert!(policy.starts_with("sandbox;"), "{policy}");
    assert!(policy.contains("default-src 'none'"), "{policy}");
}

#[tokio::test]
async fn a_call_logged_from_the_form_needs_an_outcome_and_is_logged_once() {
    let app = TestApp::spawn(Some(0)).await;
    let (id, owner, staff) = open_call(&app).await;
    let log = |outcome: &str| json!({"LogCall": {"id": id, "outcome": outcome, "notes": "Rappeler demain"}});

    let (_, refused) = act(&app, &staff, log("")).await;
    let (_, logged) = act(&app, &staff, log("no_answer")).await;
    let (_, late) = act(&app, &owner, log("not_interested")).await;

    assert_eq!(refused["Invalid"]["fields"][0][0], "outcome", "{refused}");
    assert_eq!(logged["Report"]["done"], true, "{logged}");
    assert_eq!(late["Report"]["done"], false, "{late}");
    let done = calls(&app, &staff, "demo", true).await;
    assert_eq!(done[0]["outcome"], "no_answer");
}
