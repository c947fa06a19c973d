use axum::{body::Body, http::Request, http::StatusCode};
use chrono::{TimeZone, Utc};
use domain::email::{render, SampleDiscount};
use domain::{Language, TemplateDraft};
use serde_json::{json, Value};

use crate::helpers::TestApp;

const FIRST: &str = "demo-template-1";

async fn draft(app: &TestApp, cookie: &str, id: &str) -> TemplateDraft {
    let response = app
        .call_form(cookie, "load_template_editor", &[("id", id)])
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let data: Value = serde_json::from_str(&response.body).unwrap();
    serde_json::from_value(data["draft"].clone()).unwrap()
}

#[tokio::test]
async fn the_list_shows_each_template_with_its_languages_and_use() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;

    let response = app.call_form(&cookie, "list_templates", &[]).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let rows: Vec<Value> = serde_json::from_str(&response.body).unwrap();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row["languages"], json!(["en", "fr"]));
        assert_eq!(row["used_by"], 1);
    }
}

#[tokio::test]
async fn a_saved_draft_replaces_the_design_and_every_language() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let mut edited = draft(&app, &cookie, FIRST).await;
    edited.layout = domain::Layout::Puffy;
    edited.primary_color = "#0b8043".into();
    edited.contents.remove(&Language::ENGLISH);
    edited.contents.get_mut(&Language::FRENCH).unwrap().subject =
        "Votre panier vous attend, {first_name}".into();

    let response = app
        .call_json(&cookie, "save_template", json!({ "draft": edited }))
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert!(response.body.contains("Saved"), "{}", response.body);
    let stored = draft(&app, &cookie, FIRST).await;
    assert_eq!(stored.layout, domain::Layout::Puffy);
    assert_eq!(stored.primary_color, "#0B8043");
    assert_eq!(stored.contents.len(), 1);
    assert_eq!(
        stored.contents[&Language::FRENCH].subject,
        "Votre panier vous attend, {first_name}"
    );
}

#[tokio::test]
async fn an_invalid_draft_is_refused_with_every_problem_and_nothing_changes() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let before = draft(&app, &cookie, FIRST).await;
    let mut bad = before.clone();
    bad.secondary_color = "yellow".into();
    let french = bad.contents.get_mut(&Language::FRENCH).unwrap();
    french.subject = "x".repeat(101);
    french.x = "javascript:alert(1)".into();

    let response = app
        .call_json(&cookie, "save_template", json!({ "draft": bad }))
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let outcome: Value = serde_json::from_str(&response.body).unwrap();
    let fields: Vec<&str> = outcome["Invalid"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["secondary_color", "subject", "x"]);
    assert_eq!(draft(&app, &cookie, FIRST).await, before);
}

#[tokio::test]
async fn a_template_in_use_cannot_be_deleted_but_its_copy_can() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;

    let refused = app
        .call_form(&cookie, "delete_template", &[("id", FIRST)])
        .await;
    let copy = app
        .call_form(&cookie, "duplicate_template", &[("id", FIRST)])
        .await;

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("send this template"),
        "{}",
        refused.body
    );
    assert_eq!(copy.status, StatusCode::OK, "{}", copy.body);
    let copy_id: String = serde_json::from_str(&copy.body).unwrap();
    let copied = draft(&app, &cookie, &copy_id).await;
    let original = draft(&app, &cookie, FIRST).await;
    assert_eq!(copied.name, format!("{} (copy)", original.name));
    assert_eq!(copied.contents, original.contents);

    let deleted = app
        .call_form(&cookie, "delete_template", &[("id", &copy_id)])
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(app.count("select count(*) from email_templates").await, 2);
    assert_eq!(
        app.count("select count(*) from template_contents where template_id not like 'demo-%'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_new_template_starts_with_texts_in_french_and_english() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;

    let created = app
        .call_form(&cookie, "create_template", &[("name", "Relance J+3")])
        .await;
    let empty_name = app
        .call_form(&cookie, "create_template", &[("name", "  ")])
        .await;

    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let id: String = serde_json::from_str(&created.body).unwrap();
    let new = draft(&app, &cookie, &id).await;
    assert_eq!(new.name, "Relance J+3");
    assert_eq!(
        new.contents.keys().copied().collect::<Vec<_>>(),
        [Language::ENGLISH, Language::FRENCH]
    );
    assert_eq!(empty_name.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty_name.body.contains("name of 1 to 100"));
}

#[tokio::test]
async fn a_test_email_is_rendered_from_the_draft_and_sent_with_test_in_the_subject() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let mut edited = draft(&app, &cookie, FIRST).await;
    let english = edited.contents.get_mut(&Language::ENGLISH).unwrap();
    english.subject = "Unsaved subject for {first_name}".into();
    english.body = "Hello <b>{first_name}</b>\n\n{cart}".into();

    let response = app
        .call_json(
            &cookie,
            "send_test_email",
            json!({ "draft": edited, "sample": "demo", "language": "en", "discount": "free_shipping", "to": "marketer@example.com" }),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let outbox = app.outbox();
    assert_eq!(outbox.len(), 1);
    let eml = &outbox[0];
    assert!(
        eml.contains("Subject: [TEST] Unsaved subject for Camille"),
        "{eml}"
    );
    assert!(eml.contains("To: marketer@example.com"));
    assert!(eml.contains("multipart/alternative"));
    // The merchant's `<b>` is text, escaped in the HTML part.
    assert!(eml.contains("&#60;b&#62;Camille&#60;/b&#62;"), "{eml}");
}

#[tokio::test]
async fn a_test_email_to_a_bad_address_or_from_a_bad_draft_is_refused_and_not_sent() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let mut edited = draft(&app, &cookie, FIRST).await;

    let bad_address = app
        .call_json(
            &cookie,
            "send_test_email",
            json!({ "draft": edited, "sample": "demo", "language": "fr", "discount": "none", "to": "not-an-address" }),
        )
        .await;
    edited.primary_color = "blue".into();
    let bad_draft = app
        .call_json(
            &cookie,
            "send_test_email",
            json!({ "draft": edited, "sample": "demo", "language": "fr", "discount": "none", "to": "a@example.com" }),
        )
        .await;

    assert_eq!(bad_address.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_address.body.contains("invalid"), "{}", bad_address.body);
    assert_eq!(bad_draft.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_draft.body.contains("#RRGGBB"), "{}", bad_draft.body);
    assert!(app.outbox().is_empty());
}

#[tokio::test]
async fn the_server_preview_is_the_renderer_output_for_the_same_inputs() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let shop = server::db::find_shop(&app.pool, "demo")
        .await
        .unwrap()
        .unwrap();
    let template = server::db::load_templates(&app.pool, &shop.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.id == FIRST)
        .unwrap();
    let mut context =
        server::demo::sample_context(&shop, "http://127.0.0.1:3000", Language::ENGLISH).unwrap();
    context.discount = SampleDiscount::Percent.offer(now);
    let expected = render(&template, &context).unwrap().html;

    let response = app
        .request(
            Request::get(format!(
                "/s/demo/templates/{FIRST}/preview?sample=demo&lang=en&discount=percent&now=2026-11-23T10:00:00Z"
            ))
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap(),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK);
    assert!(response.content_type.starts_with("text/html"));
    assert_eq!(response.body, expected);
}

#[tokio::test]
async fn template_pages_and_previews_need_a_session() {
    let app = TestApp::spawn(Some(0)).await;

    let preview = app
        .get(&format!("/s/demo/templates/{FIRST}/preview"), "en")
        .await;
    let list = app
        .request(
            Request::post("/admin/fn/list_templates")
                .header("accept", "application/json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_ne!(preview.status, StatusCode::OK);
    assert!(!preview.body.contains("<html"));
    assert_ne!(list.status, StatusCode::OK);
}
