//! The reminder wizard's form sent as an act (`StepForm`): checked for its Next, or saved; its
//! problems said by the form's own field names.

use axum::http::StatusCode;
use domain::team::Role;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::setup::set_up_shop;

fn form(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("id", ""),
        ("enabled", "false"),
        ("channel", "email"),
        ("newsletter_only", "false"),
        ("active", "on"),
        ("inactive", "on"),
        ("never_ordered", "on"),
        ("delay", "9"),
        ("delay_unit", "hours"),
        ("delay_from", "abandonment"),
        ("by_cart_value", "false"),
        ("single.kind", "none"),
        ("template", "demo-template-1"),
    ]
    .iter()
    .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
    .collect();
    for (name, value) in extra {
        fields.retain(|(field, _)| field != name);
        fields.push(((*name).to_owned(), (*value).to_owned()));
    }
    fields
}

async fn send(
    app: &TestApp,
    cookie: &str,
    fields: Vec<(String, String)>,
    save: bool,
) -> (StatusCode, Value) {
    send_to(app, "demo", cookie, fields, save).await
}

async fn send_to(
    app: &TestApp,
    shop: &str,
    cookie: &str,
    fields: Vec<(String, String)>,
    save: bool,
) -> (StatusCode, Value) {
    let done = app
        .call_json(
            cookie,
            "perform_act",
            json!({"shop": shop, "act": {"StepForm": {"fields": fields, "save": save}}}),
        )
        .await;
    (
        done.status,
        serde_json::from_str(&done.body).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn a_reminder_sent_from_the_wizards_form_is_checked_then_saved() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let before = app.count("select count(*) from reminder_steps").await;

    let (status, checked) = send(&app, &owner, form(&[]), false).await;
    let (_, saved) = send(&app, &owner, form(&[]), true).await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(checked, json!("Quiet"));
    assert_eq!(saved, json!({"Go": {"to": "/s/demo"}}));
    assert_eq!(
        app.count("select count(*) from reminder_steps").await,
        before + 1
    );
    assert_eq!(
        app.count(
            "select count(*) from reminder_steps where delay_amount = 9 and delay_unit = 'hours'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_range_after_a_removed_one_is_refused_by_the_forms_own_index_and_nothing_is_saved() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let before = app.count("select count(*) from reminder_steps").await;
    // Range 1 was removed in the browser: ranges 0 and 2 are left, the second starting lower.
    let fields = form(&[
        ("by_cart_value", "true"),
        ("basis", "tax_included"),
        ("ranges[0].min", "50"),
        ("ranges[0].kind", "percent"),
        ("ranges[0].value", "5"),
        ("ranges[0].validity_days", "7"),
        ("ranges[2].min", "10"),
        ("ranges[2].kind", "percent"),
        ("ranges[2].value", "10"),
        ("ranges[2].validity_days", "7"),
    ]);

    let (_, checked) = send(&app, &owner, fields.clone(), false).await;
    let (_, saved) = send(&app, &owner, fields, true).await;

    for refused in [&checked, &saved] {
        let named: Vec<&str> = refused["Invalid"]["fields"]
            .as_array()
            .unwrap_or_else(|| panic!("{refused}"))
            .iter()
            .map(|p| p[0].as_str().unwrap())
            .collect();
        assert!(
            named.iter().all(|n| !n.starts_with("ranges[1]")),
            "{refused}"
        );
        assert!(
            named
                .iter()
                .any(|n| n.starts_with("ranges[2]") || *n == "ranges[0]"),
            "{refused}"
        );
    }
    assert_eq!(
        app.count("select count(*) from reminder_steps").await,
        before
    );
}

#[tokio::test]
async fn staff_cannot_check_or_save_the_wizards_form() {
    let app = TestApp::spawn(Some(0)).await;
    app.sign_in().await;
    let staff = app.member("staff@demo.test", "demo", Role::Staff).await;
    let before = app.count("select count(*) from reminder_steps").await;

    let (checking, _) = send(&app, &staff, form(&[]), false).await;
    let (saving, _) = send(&app, &staff, form(&[]), true).await;

    assert_eq!(checking, StatusCode::FORBIDDEN);
    assert_eq!(saving, StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("select count(*) from reminder_steps").await,
        before
    );
}

#[tokio::test]
async fn a_set_up_shops_wizard_saves_ranges_with_its_own_template_and_refuses_another_shops() {
    let app = TestApp::empty().await;
    let (shop, owner) = set_up_shop(&app).await;
    let editor = app
        .call_form(
            &owner,
            "load_reminder_editor",
            &[("shop", &shop), ("id", "")],
        )
        .await;
    let editor: Value = serde_json::from_str(&editor.body).unwrap();
    let own = editor["templates"][0]["id"].as_str().unwrap().to_owned();
    let ranges = |template: &str| {
        let mut fields = form(&[
            ("template", template),
            ("by_cart_value", "true"),
            ("basis", "tax_included"),
            ("ranges[0].min", "0"),
            ("ranges[0].kind", "percent"),
            ("ranges[0].value", "5"),
            ("ranges[0].validity_days", "7"),
            ("ranges[1].min", "80,5"),
            ("ranges[1].max", "300"),
            ("ranges[1].kind", "amount"),
            ("ranges[1].value", "10"),
            ("ranges[1].validity_days", "7"),
        ]);
        fields.push((
            "rule_id".into(),
            editor["draft"]["rule_id"].as_str().unwrap().into(),
        ));
        fields
    };

    let (_, foreign) = send_to(&app, &shop, &owner, ranges("demo-template-1"), true).await;
    let (_, saved) = send_to(&app, &shop, &owner, ranges(&own), true).await;

    // Another shop's template reads as one that no longer exists.
    assert_eq!(foreign["Report"]["done"], false, "{foreign}");
    assert_eq!(saved, json!({"Go": {"to": format!("/s/{shop}")}}));
    assert_eq!(
        // Money in ten-thousandths: the range typed "80,5" starts at 80.50.
        app.count(
            "select count(*) from step_discounts where min_value = 805000 and kind = 'amount'"
        )
        .await,
        1
    );
}
